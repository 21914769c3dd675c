"""Writes of the analysis app (ARCHITECTURE rule 1): request and run a quarter's analysis, name, merge and
split its topics, prefill the quarterly analysis of 000 §14–15."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.analysis import personal_data, quarter, topics
from ashyq.analysis.language import detect
from ashyq.analysis.models import DuplicateGroup, QuarterRun, TopicCluster
from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_body_access
from ashyq.feedback.models import Item, QuarterlyAnalysis, SourceKind
from ashyq.feedback.periods import Period
from ashyq.feedback.services import followups, sources

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

logger = logging.getLogger(__name__)
BATCH_SIZE = 2000
SPLIT_MAX_TEXTS = 20_000


def quarter_items(body: Body, year: int, quarter_number: int) -> QuerySet[Item]:
    """The body's items received in the quarter (000 §14: the quarter's appeals, comments and questions)."""
    period = Period.quarter(year, quarter_number)
    return Item.objects.filter(
        body=body, received_at__gte=period.start_moment, received_at__lt=period.end_moment
    ).order_by("pk")


@transaction.atomic
def run_request(*, body: Body, year: int, quarter_number: int, actor: User | None) -> QuarterRun:
    """Queue the analysis of a body's quarter, or queue it again; a queued or running one is left as is."""
    if actor is not None:
        require_body_access(actor, body)
    run, created = QuarterRun.objects.select_for_update().get_or_create(
        body=body, year=year, quarter=quarter_number, defaults={"requested_by": actor}
    )
    if not created:
        if not run.can_requeue():
            return run
        run.status, run.processed, run.requested_by = QuarterRun.Status.QUEUED, 0, actor
        run.save(update_fields=["status", "processed", "requested_by", "updated_at"])
    audit_record(
        actor=actor,
        event="analysis.run.requested",
        target=run,
        body=body,
        new={"year": year, "quarter": quarter_number},
    )
    from ashyq.analysis.tasks import analyse_quarter

    transaction.on_commit(lambda: analyse_quarter.enqueue(run.pk))
    return run


def run_is_stale(run: QuarterRun) -> bool:
    """New or changed items since the run: the page says so and offers to run it again."""
    if run.status != QuarterRun.Status.DONE:
        return False
    now = quarter_items(run.body, run.year, run.quarter).aggregate(n=Count("pk"), changed=Max("updated_at"))
    return bool(now["n"] != run.items_seen or (now["changed"] and now["changed"] != run.items_changed_at))


def runs_refresh(*, body: Body, received: Iterable[datetime.datetime], actor: User | None = None) -> int:
    """Queue again the finished analyses of the quarters in which items were just received (imports call it)."""
    quarters = {(moment.year, (moment.month - 1) // 3 + 1) for moment in received}
    requeued = 0
    for year, number in quarters:
        run = QuarterRun.objects.filter(body=body, year=year, quarter=number).first()
        if run is not None and run.can_requeue():
            run_request(body=body, year=year, quarter_number=number, actor=actor)
            requeued += 1
    return requeued


def _start(run_id: int) -> QuarterRun | None:
    with transaction.atomic():
        run = QuarterRun.objects.select_for_update().select_related("body").get(pk=run_id)
        if not run.can_start():
            return None
        items = quarter_items(run.body, run.year, run.quarter)
        stats = items.aggregate(n=Count("pk"), changed=Max("updated_at"))
        run.status, run.total, run.processed = QuarterRun.Status.RUNNING, stats["n"], 0
        run.items_seen, run.items_changed_at = stats["n"], stats["changed"]
        run.save(update_fields=["status", "total", "processed", "items_seen", "items_changed_at", "updated_at"])
    return run


def _texts(run: QuarterRun) -> list[quarter.Text]:
    fields = ("pk", "text", "received_at", "channel", "kind", "language")
    rows = quarter_items(run.body, run.year, run.quarter).values_list(*fields)
    return [quarter.Text(*row) for row in rows.iterator(chunk_size=BATCH_SIZE)]


def run_execute(*, run_id: int) -> QuarterRun | None:
    """The task: analyse the quarter batch by batch (progress after each), then store the combined results."""
    run = _start(run_id)
    if run is None:
        return None
    try:
        texts = _texts(run)
        results = []
        for start in range(0, len(texts), BATCH_SIZE):
            batch = quarter.analyse_batch(texts[start : start + BATCH_SIZE])
            _store_languages(batch.languages)
            results.append(batch)
            QuarterRun.objects.filter(pk=run.pk).update(processed=start + len(batch.item_ids))
        _detect_previous(run)
        combined = quarter.combine(texts, results)
        _store(run, combined)
    except Exception:
        logger.exception("The analysis of %s stopped", run)
        QuarterRun.objects.filter(pk=run.pk).update(status=QuarterRun.Status.FAILED, finished_at=timezone.now())
        raise
    run.refresh_from_db()
    return run


def _store_languages(languages: dict[int, str]) -> None:
    by_language: dict[str, list[int]] = {}
    for item_id, language in languages.items():
        by_language.setdefault(language, []).append(item_id)
    for language, ids in by_language.items():
        Item.objects.filter(pk__in=ids).update(language=language)


def _previous_quarter(run: QuarterRun) -> tuple[int, int]:
    return (run.year, run.quarter - 1) if run.quarter > 1 else (run.year - 1, 4)


def _detect_previous(run: QuarterRun) -> None:
    """The previous quarter's items not analysed yet get their language, so the trend compares like with like."""
    missing = quarter_items(run.body, *_previous_quarter(run)).filter(language="").values_list("pk", "text")
    batch: dict[int, str] = {}
    for pk, text in missing.iterator(chunk_size=BATCH_SIZE):
        batch[pk] = detect(text).value
        if len(batch) == BATCH_SIZE:
            _store_languages(batch)
            batch = {}
    _store_languages(batch)


def _previous(run: QuarterRun) -> dict[str, object]:
    items = quarter_items(run.body, *_previous_quarter(run)).order_by()
    channels = dict(items.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n"))
    languages = dict(items.values_list("language").annotate(n=Count("pk")).values_list("language", "n"))
    kinds = dict(items.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {"total": sum(channels.values()), "channels": channels, "languages": languages, "kinds": kinds}


@transaction.atomic
def _store(run: QuarterRun, combined: quarter.Combined) -> None:
    run = QuarterRun.objects.select_for_update().get(pk=run.pk)
    named = {tuple(c.terms[:3]): c.topic_id for c in run.topics.filter(topic__isnull=False, merged_into=None)}
    run.groups.all().delete()
    run.topics.all().delete()
    DuplicateGroup.objects.bulk_create(
        DuplicateGroup(
            run=run,
            size=len(g.item_ids),
            representative=g.representative,
            first_at=g.first_at,
            last_at=g.last_at,
            is_campaign=g.burst.is_campaign,
            burst_count=g.burst.count,
            burst_start=g.burst.start,
            burst_end=g.burst.end,
            item_ids=g.item_ids,
        )
        for g in combined.groups
    )
    TopicCluster.objects.bulk_create(
        TopicCluster(
            run=run,
            size=len(t.item_ids),
            terms=t.terms,
            examples=t.examples,
            item_ids=t.item_ids,
            topic_id=named.get(tuple(t.terms[:3])),
        )
        for t in combined.topics
    )
    run.results = {**combined.counts, "previous": _previous(run)}
    run.status, run.processed, run.finished_at = QuarterRun.Status.DONE, run.total, timezone.now()
    run.save(update_fields=["results", "status", "processed", "finished_at", "updated_at"])
    audit_record(
        actor=None,
        event="analysis.run.completed",
        target=run,
        body=run.body,
        new={key: combined.counts[key] for key in ("total", "unique", "campaigns")},
    )


# ------------------------------------------------------------------------------------------------ topics


def _raised_in(cluster: TopicCluster) -> str:
    run = cluster.run
    return _("Analysis of %(year)s, quarter %(quarter)s: %(count)s texts; frequent words: %(words)s.") % {
        "year": run.year,
        "quarter": run.quarter,
        "count": cluster.size,
        "words": ", ".join(cluster.terms[:5]),
    }


@transaction.atomic
def cluster_name(*, cluster: TopicCluster, title_kk: str, title_ru: str, actor: User) -> TopicCluster:
    """The officer names a found topic; it becomes a problem topic of 000 §17 (conferences and surveys)."""
    cluster = (
        TopicCluster.objects.select_for_update(of=("self",)).select_related("run__body", "topic").get(pk=cluster.pk)
    )
    require_body_access(actor, cluster.run.body)
    if cluster.merged_into_id is not None:
        raise InvalidTransition(_("This topic was merged into another; name that one."))
    if cluster.topic is None:
        cluster.topic = sources.topic_create(
            body=cluster.run.body, title_kk=title_kk, title_ru=title_ru, raised_in=_raised_in(cluster), actor=actor
        )
        cluster.save(update_fields=["topic"])
    else:
        topic, old = cluster.topic, {"title_kk": cluster.topic.title_kk, "title_ru": cluster.topic.title_ru}
        topic.title_kk, topic.title_ru = title_kk.strip(), title_ru.strip()
        topic.full_clean()
        topic.save(update_fields=["title_kk", "title_ru", "updated_at"])
        audit_record(
            actor=actor,
            event="feedback.topic.renamed",
            target=topic,
            body=topic.body,
            old=old,
            new={"title_kk": topic.title_kk, "title_ru": topic.title_ru},
        )
    return cluster


@transaction.atomic
def cluster_merge(*, cluster: TopicCluster, into: TopicCluster, actor: User) -> TopicCluster:
    """Two found topics are one: ``cluster``'s texts join ``into`` (same analysis)."""
    locked = {
        c.pk: c
        for c in TopicCluster.objects.select_for_update()
        .select_related("run__body")
        .filter(pk__in=sorted([cluster.pk, into.pk]))
    }
    cluster, into = locked[cluster.pk], locked[into.pk]
    require_body_access(actor, cluster.run.body)
    if cluster.pk == into.pk or cluster.run_id != into.run_id or cluster.merged_into_id or into.merged_into_id:
        raise InvalidTransition(_("Choose another topic of the same analysis to merge with."))
    counts = Counter(into.terms) + Counter(cluster.terms)
    into.item_ids = into.item_ids + cluster.item_ids
    into.size = len(into.item_ids)
    into.terms = [term for term, _n in counts.most_common(topics.TOP_TERMS)]
    into.examples = (into.examples + cluster.examples)[: topics.EXAMPLES + 1]
    into.save(update_fields=["item_ids", "size", "terms", "examples"])
    cluster.merged_into = into
    cluster.save(update_fields=["merged_into"])
    audit_record(
        actor=actor,
        event="analysis.topic.merged",
        target=into,
        body=into.run.body,
        new={"merged": cluster.pk, "size": into.size},
    )
    return into


@transaction.atomic
def cluster_split(*, cluster: TopicCluster, actor: User) -> list[TopicCluster]:
    """One found topic holds two: its texts are grouped again into two topics (unnamed)."""
    cluster = TopicCluster.objects.select_for_update().select_related("run__body").get(pk=cluster.pk)
    require_body_access(actor, cluster.run.body)
    if cluster.merged_into_id is not None or cluster.size < 2 * topics.MIN_DOCUMENT_FREQUENCY:
        raise InvalidTransition(_("This topic has too few texts to split."))
    rows = list(Item.objects.filter(pk__in=cluster.item_ids[:SPLIT_MAX_TEXTS]).values_list("pk", "text"))
    parts = topics.split([text for _pk, text in rows])
    if len(parts) < 2:
        raise InvalidTransition(_("These texts do not separate into two topics."))
    created = TopicCluster.objects.bulk_create(
        TopicCluster(
            run=cluster.run,
            size=len(part.members),
            terms=part.terms,
            examples=[personal_data.redact(rows[i][1]) for i in part.examples],
            item_ids=[rows[i][0] for i in part.members],
        )
        for part in parts
    )
    cluster.delete()
    audit_record(
        actor=actor,
        event="analysis.topic.split",
        target=cluster.run,
        body=cluster.run.body,
        new={"sizes": [c.size for c in created]},
    )
    return created


# ------------------------------------------------------------------------------ the quarterly analysis


def channel_counts(run: QuarterRun) -> tuple[int, int]:
    """Appeals and social-media comments analysed (the two counts of the quarterly analysis, 000 §14)."""
    items = quarter_items(run.body, run.year, run.quarter)
    appeals = items.filter(source__kind=SourceKind.APPEALS_QUARTER).count()
    social = items.filter(source__kind=SourceKind.SOCIAL_MEDIA_QUARTER).count()
    return appeals, social


def quarterly_analysis_prefill(*, run: QuarterRun, findings: str, actor: User) -> QuarterlyAnalysis:
    """The officer's (edited) findings go into the quarter's analysis of 000 §14, created if missing."""
    if run.status != QuarterRun.Status.DONE:
        raise InvalidTransition(_("The analysis of the texts has not finished yet."))
    appeals, social = channel_counts(run)
    return followups.analysis_prefill(
        body=run.body,
        year=run.year,
        quarter=run.quarter,
        findings=findings,
        appeals_count=appeals,
        social_comments_count=social,
        actor=actor,
    )
