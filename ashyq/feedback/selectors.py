"""Reads of the feedback app, scoped to the reader's bodies (ARCHITECTURE rule 3)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ashyq.core.permissions import scope_to_user_bodies
from ashyq.evaluation.engine import FeedbackFacts, FeedbackScore, score_feedback
from ashyq.feedback.models import (
    DIALOGUE_KINDS,
    ImportJob,
    Item,
    ItemKind,
    ItemStatus,
    NotAccessibleFinding,
    OutreachMaterial,
    Project,
    QuarterlyAnalysis,
    Source,
    Topic,
)
from ashyq.feedback.periods import Period
from ashyq.methodology.versions import FeedbackVersion, MethodologyError, feedback_version
from ashyq.orgs.models import Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class ItemFilters:
    """The items list's filters (issue 5 item 10); every field optional."""

    body_id: int | None = None
    source_id: int | None = None
    channel: str = ""
    kind: str = ""
    status: str = ""
    language: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    text: str = ""
    outside_period: bool = False
    awaiting_reference: bool = False


def items_list(*, user: AnyUser, filters: ItemFilters) -> QuerySet[Item]:
    """Items the reader may see, filtered, newest first, with their source and body fetched up front."""
    items = scope_to_user_bodies(Item.objects.select_related("source", "body"), user)
    conditions = {
        "body_id": filters.body_id,
        "source_id": filters.source_id,
        "channel": filters.channel,
        "kind": filters.kind,
        "status": filters.status,
        "language": filters.language,
    }
    items = items.filter(**{name: value for name, value in conditions.items() if value})
    if filters.since is not None:
        items = items.filter(received_at__gte=Period.day_start(filters.since))
    if filters.until is not None:
        items = items.filter(received_at__lt=Period.day_start(filters.until + datetime.timedelta(days=1)))
    if filters.text:
        items = items.filter(
            Q(text__icontains=filters.text) | Q(author__icontains=filters.text) | Q(external_id=filters.text)
        )
    if filters.outside_period:
        items = items.filter(outside_period=True)
    if filters.awaiting_reference:
        items = items.filter(status=ItemStatus.RECEIVED, portal_status__iregex=r"^(принято|қабылданды)$")
    return items.order_by("-received_at", "-id")


def item_detail(*, user: AnyUser, pk: int) -> Item:
    """One item of a body the reader may see; 404 otherwise."""
    try:
        return items_list(user=user, filters=ItemFilters()).get(pk=pk)
    except Item.DoesNotExist:
        raise Http404 from None


def sources_list(*, user: AnyUser, kind: str = "") -> QuerySet[Source]:
    sources = scope_to_user_bodies(Source.objects.select_related("body", "topic"), user)
    return sources.filter(kind=kind) if kind else sources


def source_detail(*, user: AnyUser, pk: int) -> Source:
    try:
        return sources_list(user=user).prefetch_related("notices", "materials").get(pk=pk)
    except Source.DoesNotExist:
        raise Http404 from None


def import_detail(*, user: AnyUser, pk: int) -> ImportJob:
    jobs = scope_to_user_bodies(ImportJob.objects.select_related("source__body"), user, body_field="source__body")
    try:
        return jobs.get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class FeedbackCounts:
    """The counts of 000 §20 p.1–2 and the variables B, C, E, G of §22 for one body and period."""

    remarks_received: int = 0
    remarks_accepted: int = 0
    remarks_rejected: int = 0
    comments_received: int = 0
    comments_answered: int = 0

    @property
    def remarks_undecided(self) -> int:
        return self.remarks_received - self.remarks_accepted - self.remarks_rejected

    @property
    def comments_unanswered(self) -> int:
        return self.comments_received - self.comments_answered


COUNT_AGGREGATES = {
    "remarks_received": Count("id", filter=Q(kind=ItemKind.REMARK)),
    "remarks_accepted": Count("id", filter=Q(kind=ItemKind.REMARK, status=ItemStatus.ACCEPTED)),
    "remarks_rejected": Count("id", filter=Q(kind=ItemKind.REMARK, status=ItemStatus.REJECTED)),
    "comments_received": Count("id", filter=Q(kind=ItemKind.COMMENT)),
    "comments_answered": Count("id", filter=Q(kind=ItemKind.COMMENT, status=ItemStatus.ANSWERED)),
}


def feedback_counts(*, period: Period, body_ids: list[int] | None = None) -> dict[int, FeedbackCounts]:
    """B, C, E, G of every body (or of ``body_ids``) for items received in the period: one query.

    No reader scope here: the caller (the summary page, the evaluation) decides whose counts it shows."""
    items = Item.objects.filter(received_at__gte=period.start_moment, received_at__lt=period.end_moment)
    if body_ids is not None:
        items = items.filter(body_id__in=body_ids)
    rows = items.order_by().values("body_id").annotate(**COUNT_AGGREGATES)
    return {row.pop("body_id"): FeedbackCounts(**row) for row in rows}


@dataclass(frozen=True)
class Summary:
    """The information of 000 §20 for one body and period."""

    counts: FeedbackCounts
    dialogue: list[Source]
    materials: list[OutreachMaterial]
    finding: NotAccessibleFinding | None


def body_summary(*, body_id: int, period: Period) -> Summary:
    """000 §20 p.1–4: the counts (one aggregate query), conferences/surveys, outreach, the §23 finding."""
    counts = feedback_counts(period=period, body_ids=[body_id]).get(body_id, FeedbackCounts())
    dialogue = Source.objects.filter(
        body_id=body_id, kind__in=DIALOGUE_KINDS, period_start__lte=period.end, period_end__gte=period.start
    ).order_by("period_start")
    materials = OutreachMaterial.objects.filter(body_id=body_id, held_on__range=(period.start, period.end))
    finding = NotAccessibleFinding.objects.filter(
        body_id=body_id, period_start__lte=period.end, period_end__gte=period.start
    ).first()
    return Summary(counts, list(dialogue), list(materials), finding)


def draft_report_items(*, source: Source) -> QuerySet[Item]:
    """The decided and undecided remarks/proposals of one draft, for the report of 000 §7, §11."""
    return source.items.filter(kind=ItemKind.REMARK).order_by("received_at", "id")


@dataclass(frozen=True)
class HalfYearCheck:
    """Whether at least one conference or survey was held in a half-year (000 §18)."""

    year: int
    half: int
    sources: list[Source]

    @property
    def met(self) -> bool:
        return bool(self.sources)


def dialogue_half_years(*, body_id: int, year: int) -> list[HalfYearCheck]:
    """The two half-years of a year with the conferences and surveys that started in each."""
    sources = list(
        Source.objects.filter(body_id=body_id, kind__in=DIALOGUE_KINDS, period_start__year=year)
        .select_related("topic")
        .order_by("period_start")
    )
    return [
        HalfYearCheck(year, half, [s for s in sources if (s.period_start.month > 6) == (half == 2)]) for half in (1, 2)
    ]


def topics_list(*, user: AnyUser) -> QuerySet[Topic]:
    return scope_to_user_bodies(Topic.objects.select_related("body").annotate(held=Count("sources")), user)


def analyses_list(*, user: AnyUser) -> QuerySet[QuarterlyAnalysis]:
    return scope_to_user_bodies(
        QuarterlyAnalysis.objects.select_related("body").prefetch_related("recommendations"), user
    )


def projects_list(*, user: AnyUser) -> QuerySet[Project]:
    return scope_to_user_bodies(Project.objects.select_related("body").prefetch_related("publications"), user)


@dataclass(frozen=True)
class BodyScore:
    """A body's counts for a period, the §23 finding and F as the engine computed and explained it."""

    body: Body
    counts: FeedbackCounts
    finding: NotAccessibleFinding | None
    score: FeedbackScore | None


def feedback_scores(*, user: AnyUser, period: Period) -> list[BodyScore]:
    """F of every body the reader may see for the period: one aggregate query, one for the findings,
    the arithmetic and its explanation by the engine (000 §22–23)."""
    bodies = list(
        scope_to_user_bodies(Body.objects.filter(is_active=True, outside_feedback_scope=False), user, body_field="pk")
    )
    ids = [body.pk for body in bodies]
    counts = feedback_counts(period=period, body_ids=ids)
    findings = {
        finding.body_id: finding
        for finding in NotAccessibleFinding.objects.filter(
            body_id__in=ids, period_start__lte=period.end, period_end__gte=period.start
        )
    }
    version = feedback_version_for(period)
    return [
        BodyScore(
            body,
            counts.get(body.pk, FeedbackCounts()),
            findings.get(body.pk),
            score_counts(version, counts.get(body.pk, FeedbackCounts()), findings.get(body.pk) is None),
        )
        for body in bodies
    ]


def feedback_version_for(period: Period) -> FeedbackVersion | None:
    """The methodology version in force at the period's end; None before the act took effect."""
    try:
        return feedback_version(period.end)
    except MethodologyError:
        return None


def score_counts(
    version: FeedbackVersion | None, counts: FeedbackCounts, openly_accessible: bool
) -> FeedbackScore | None:
    """F by the engine from the records' counts (never computed here)."""
    if version is None:
        return None
    return score_feedback(
        version,
        FeedbackFacts(
            remarks_received=counts.remarks_received,
            remarks_accepted=counts.remarks_accepted,
            comments_received=counts.comments_received,
            comments_answered=counts.comments_answered,
            openly_accessible=openly_accessible,
        ),
    )
