"""Scoring a campaign from its stored facts through the pure engine (issue 14 item 5).

The selector (:mod:`ashyq.evaluation.facts`) gathers the facts, the engine scores the whole campaign as one
group (so the exempt bodies' group averages apply), this module stores the results. Results are written
per scoring run in chunks (the page shows the progress) and switched to in one transaction at the end, so a
reader never sees half a campaign. Nothing is scored after delivery.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.evaluation.engine import BodyScore, ScoringInputError, score_openness
from ashyq.evaluation.engine.rounding import Exact
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import (
    GatheredBody,
    Key,
    Slot,
    best_value,
    engine_facts,
    gather,
    indicator_input,
    required_slots,
    worst_value,
)
from ashyq.evaluation.models import Campaign, CriterionPoints, Enrolment, IndicatorPoints, Rescoring, ScoringRun
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.rescoring import rescoring_record_after
from ashyq.methodology.versions import OpennessVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

CHUNK = 50
STORED = Decimal("0.0000000001")
# One encoder for every explanation written: ``json.dumps`` with an option builds a new encoder per call, and a
# campaign of 300 bodies writes 29,000 JSON values (docs/performance.md).
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def stored(value: Exact | None) -> Decimal | None:
    """An exact figure of the engine as the database keeps it: 10 decimal places, far below the 0.01 at which a
    figure is shown, so rounding the stored figure once gives the same as rounding the exact one (SPEC §7)."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(STORED, rounding=ROUND_HALF_UP)


def scoring_run_request(*, campaign: Campaign, actor: AnyUser) -> ScoringRun:
    """Queue a scoring of the whole campaign; the task worker runs it."""
    from ashyq.evaluation.tasks import campaign_score

    require_analyst(actor)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.can_score():
            raise InvalidTransition(_("A campaign is scored once its reports are closed and until it is delivered."))
        if campaign.enrolments.filter(conclusion_status=Enrolment.ConclusionStatus.DELIVERED).exists():
            raise InvalidTransition(
                _(
                    "A body has received its conclusion: scores change now only through the objection procedure "
                    "(002 §109–113)."
                )
            )
        run = ScoringRun.objects.create(campaign=campaign, requested_by=actor, total_bodies=campaign.enrolments.count())  # type: ignore[misc]
        transaction.on_commit(lambda: campaign_score.enqueue(run.pk))
    return run


def _fail(run: ScoringRun, message: str) -> None:
    run.status, run.error = ScoringRun.Status.FAILED, message
    run.save(update_fields=["status", "error", "updated_at"])


def _missing_message(bodies: Sequence[GatheredBody], version: OpennessVersion) -> str | None:
    lines = []
    for body in bodies:
        for slot in body.missing[:3]:
            clause = (
                version.indicators[slot.indicator].clause.render("en")
                if slot.indicator in version.indicators
                else slot.indicator
            )
            lines.append(f"{body.enrolment.body.name_ru}: {clause} {slot.language}".rstrip())
    if not lines:
        return None
    count = sum(len(body.missing) for body in bodies)
    return _("%(count)s values are missing, e.g. %(examples)s") % {"count": count, "examples": "; ".join(lines[:10])}


def _error_message(error: ScoringInputError, bodies: Sequence[GatheredBody]) -> str:
    text = str(error)
    for index, body in enumerate(bodies):
        text = text.replace(f"bodies[{index}]", body.enrolment.body.name_ru)
    return text


def score_gathered(campaign: Campaign, bodies: Sequence[GatheredBody]) -> tuple[BodyScore, ...]:
    """The engine's scores of the gathered bodies as one group."""
    version = pinned_version(campaign.methodology)
    return score_openness(version, engine_facts(version, [body.body_input() for body in bodies]))


CRITERION_COLUMNS = (
    "run_id",
    "enrolment_id",
    "number",
    "weight",
    "penalty",
    "points_kk",
    "points_ru",
    "total",
    "explanation",
)
INDICATOR_COLUMNS = (
    "run_id",
    "enrolment_id",
    "criterion",
    "indicator",
    "treatment",
    "points_kk",
    "points_ru",
    "inputs",
    "explanation",
)


def _rows(
    run_id: int, enrolment_id: int, score: BodyScore
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The rows of one body's result: criteria and indicators per language, in the columns' order."""
    criteria: list[tuple[object, ...]] = []
    indicators: list[tuple[object, ...]] = []
    for criterion in score.criteria:
        criteria.append(
            (
                run_id,
                enrolment_id,
                criterion.number,
                criterion.weight,
                criterion.penalty,
                stored(criterion.points["kk"]),
                stored(criterion.points["ru"]),
                stored(criterion.total),
                dict(criterion.text),
            )
        )
        for result in criterion.indicators:
            indicators.append(
                (
                    run_id,
                    enrolment_id,
                    criterion.number,
                    result.indicator_id,
                    result.treatment,
                    stored(result.points.get("kk")),
                    stored(result.points.get("ru")),
                    dict(result.inputs),
                    dict(result.text),
                )
            )
    return criteria, indicators


def write_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple[object, ...]]) -> None:
    """Insert rows given in ``columns``' order: PostgreSQL's ``COPY … FROM STDIN`` (``bulk_create`` builds a
    model instance per row and quotes every JSON text client-side, several times slower for the
    explanations), ``bulk_create`` elsewhere. docs/performance.md has the figures."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows])
        return
    json_columns = [
        index for index, name in enumerate(columns) if isinstance(model._meta.get_field(name), models.JSONField)
    ]
    names = ", ".join(connection.ops.quote_name(str(model._meta.get_field(name).column)) for name in columns)  # type: ignore[union-attr]
    from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only

    statement = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
    connection.ensure_connection()
    raw = connection.connection.cursor()
    # A worker thread sends the data while this one encodes the next rows (as the feedback import does).
    with raw, raw.copy(statement, writer=QueuedLibpqWriter(raw)) as copy:
        for row in rows:
            values = list(row)
            for index in json_columns:
                values[index] = _to_json(values[index])
            copy.write_row(values)


def _update_totals(enrolments: Sequence[Enrolment], scores: Sequence[BodyScore], now: datetime.datetime) -> None:
    """Each body's total, penalty, final score and explanation: one ``UPDATE … FROM (VALUES …)`` on PostgreSQL
    (300 single updates take longer than the engine's whole pass), one update per body elsewhere."""
    values = [
        (
            enrolment.pk,
            stored(score.total),
            stored(score.penalty),
            stored(score.final),
            _to_json(dict(score.text)),
        )
        for enrolment, score in zip(enrolments, scores, strict=True)
    ]
    if connection.vendor != "postgresql":
        for pk, total, penalty, final, text in values:
            Enrolment.objects.filter(pk=pk).update(
                total=total, penalty=penalty, final=final, explanation=json.loads(text), scored_at=now
            )
        return
    table = Enrolment._meta.db_table
    rows = ", ".join(["(%s, %s::numeric, %s::numeric, %s::numeric, %s::jsonb)"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS e SET total = v.total, penalty = v.penalty, final = v.final, "  # noqa: S608
            f"explanation = v.explanation, scored_at = %s "
            f"FROM (VALUES {rows}) AS v(id, total, penalty, final, explanation) WHERE e.id = v.id",
            [now, *(item for row in values for item in row)],
        )


def store_scores(run: ScoringRun, enrolments: Sequence[Enrolment], scores: Sequence[BodyScore]) -> None:
    """Write the run's rows chunk by chunk, then switch the campaign to them in one transaction."""
    for start in range(0, len(scores), CHUNK):
        criteria: list[tuple[object, ...]] = []
        indicators: list[tuple[object, ...]] = []
        for enrolment, score in zip(enrolments[start : start + CHUNK], scores[start : start + CHUNK], strict=True):
            body_criteria, body_indicators = _rows(run.pk, enrolment.pk, score)
            criteria += body_criteria
            indicators += body_indicators
        write_rows(CriterionPoints, CRITERION_COLUMNS, criteria)
        write_rows(IndicatorPoints, INDICATOR_COLUMNS, indicators)
        run.stored_bodies = min(start + CHUNK, len(scores))
        run.save(update_fields=["stored_bodies", "updated_at"])
    now = timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=run.campaign_id)
        rescoring = Rescoring.objects.filter(run=run).first()
        if not (campaign.can_score() or (rescoring is not None and campaign.can_rescore())):
            raise InvalidTransition(_("The campaign's conclusions were delivered while it was being scored."))
        _update_totals(enrolments, scores, now)
        old_status = campaign.status
        if rescoring is None:
            campaign.status = Campaign.Status.SCORED
        campaign.scored_at, campaign.current_run = now, run
        campaign.save(update_fields=["status", "scored_at", "current_run", "updated_at"])
        CriterionPoints.objects.filter(run__campaign=campaign).exclude(run=run).delete()
        IndicatorPoints.objects.filter(run__campaign=campaign).exclude(run=run).delete()
        run.status = ScoringRun.Status.DONE
        run.save(update_fields=["status", "updated_at"])
        if rescoring is not None:
            rescoring_record_after(
                rescoring,
                [(enrolment, stored(score.final)) for enrolment, score in zip(enrolments, scores, strict=True)],
            )
        audit_record(
            actor=run.requested_by,
            event=CampaignEvent.SCORES_RECORDED,
            target=campaign,
            old={"status": old_status},
            new={"status": campaign.status, "bodies": len(scores), "run": run.pk},
        )


def scoring_run_execute(*, run_id: int) -> ScoringRun:
    """Run a queued scoring: gather, score as one group, store; a refusal names the body and the value."""
    run = ScoringRun.objects.select_related("campaign__methodology", "requested_by").get(pk=run_id)
    if run.status != ScoringRun.Status.QUEUED:
        return run
    run.status = ScoringRun.Status.RUNNING
    run.save(update_fields=["status", "updated_at"])
    campaign = run.campaign
    bodies = gather(campaign, campaign.enrolments.select_related("body"))
    version = pinned_version(campaign.methodology)
    if not bodies:
        _fail(run, _("No body is enrolled in this campaign."))
        return run
    missing = _missing_message(bodies, version)
    if missing:
        _fail(run, missing)
        return run
    try:
        scores = score_gathered(campaign, bodies)
        store_scores(run, [body.enrolment for body in bodies], scores)
    except ScoringInputError as error:
        _fail(run, _error_message(error, bodies))
    except InvalidTransition as error:
        _fail(run, error.message)
    return run


def scoring_run_worker_lost(run_id: int, *, last_attempt: bool) -> bool:
    """The worker scoring the campaign died (ADR 0045). The campaign was not switched to the run (that is the
    last transaction), so the rows its chunks wrote are dropped and it scores again, or, on the last attempt,
    it stops with a message; the analyst scores again from the dashboard. Returns whether it runs again."""
    run = ScoringRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None or run.finished:
        return False
    CriterionPoints.objects.filter(run=run).delete()
    IndicatorPoints.objects.filter(run=run).delete()
    old = {"status": run.status, "stored_bodies": run.stored_bodies}
    run.stored_bodies = 0
    if last_attempt:
        run.status = ScoringRun.Status.FAILED
        run.error = _(
            "The task worker stopped twice while scoring; nothing was stored. Score the campaign again; if it "
            "stops again, tell the administrator (the worker may be short of memory)."
        )
    else:
        run.status = ScoringRun.Status.QUEUED
    run.save(update_fields=["status", "stored_bodies", "error", "updated_at"])
    audit_record(
        actor=None,
        event=CampaignEvent.WORK_STOPPED if last_attempt else CampaignEvent.WORK_RETRIED,
        target=run,
        old=old,
        new={"status": run.status},
    )
    return not last_attempt


# -------------------------------------------------------------------------------------- provisional score


@dataclass(frozen=True)
class MissingItem:
    """An item the body has not reported yet and the points it costs (issue 14 item 5)."""

    slot: Slot
    cost: Decimal


@dataclass(frozen=True)
class ProvisionalScore:
    """The body's score if the missing items earned nothing, and what each of them costs."""

    score: BodyScore
    missing: tuple[MissingItem, ...]
    group_average_indicators: frozenset[str]

    @property
    def final(self) -> Decimal:
        """The provisional final score as shown: rounded once (SPEC §7)."""
        return self.score.shown(self.score.final)


def _peer(body: GatheredBody) -> dict[str, object]:
    """A body of the same group without exemptions and with nothing reported: it lets the engine compute the
    group averages of the body's exempt indicators, which are pending until the campaign is scored."""
    version = pinned_version(body.enrolment.campaign.methodology)
    slots = required_slots(version, body.enrolment.kind, ())
    values = {(slot.indicator, slot.language): worst_value(slot, 0) for slot in slots}
    peer: dict[str, object] = {"id": "peer", "kind": body.enrolment.kind, "indicators": indicator_input(slots, values)}
    if body.enrolment.kind == "central":
        peer["subordinate_organisations"] = 0
    return peer


def _consistent(fill: dict[Key, dict[str, object]], body: GatheredBody) -> dict[Key, dict[str, object]]:
    """Filled publicity values kept consistent with the reported ones: events in all ≥ high-publicity events."""
    for indicator in {slot.indicator for slot in body.missing if slot.rule == "publicity"}:
        total_key = (indicator, "")
        if total_key not in fill:
            continue
        values = {**fill, **body.values}
        highs = [int(str(values[(indicator, lang)]["high_publicity_events"])) for lang in ("kk", "ru")]
        total = int(str(fill[total_key]["events_total"]))
        fill = {**fill, total_key: {"events_total": max([total, *highs])}}
    return fill


def provisional_score(enrolment: Enrolment) -> ProvisionalScore:
    """Score the body's report as it stands, every missing item earning nothing, and price each missing item
    by scoring again with that item at its best value."""
    campaign = enrolment.campaign
    version = pinned_version(campaign.methodology)
    (body,) = gather(campaign, [enrolment])
    worst: dict[Key, dict[str, object]] = {
        (slot.indicator, slot.language): worst_value(slot, enrolment.subordinate_organisations) for slot in body.missing
    }
    peer = _peer(body) if enrolment.exemptions else None

    def final(fill: dict[Key, dict[str, object]]) -> BodyScore:
        bodies = [body.body_input(_consistent(fill, body))] + ([peer] if peer else [])
        return score_openness(version, engine_facts(version, bodies))[0]

    baseline = final(worst)
    missing = []
    for slot in body.missing:
        key = (slot.indicator, slot.language)
        better = final({**worst, key: best_value(slot, version)})
        missing.append(MissingItem(slot, stored(better.final - baseline.final) or Decimal(0)))
    pending = frozenset(
        result.indicator_id
        for criterion in baseline.criteria
        for result in criterion.indicators
        if result.treatment == "group_average"
    )
    return ProvisionalScore(baseline, tuple(missing), pending)


def stored_results(enrolments: Iterable[Enrolment]) -> dict[int, list[CriterionPoints]]:
    """The current run's criteria of the given enrolments, one query."""
    enrolment_list = list(enrolments)
    if not enrolment_list:
        return {}
    run_id = enrolment_list[0].campaign.current_run_id
    result: dict[int, list[CriterionPoints]] = {enrolment.pk: [] for enrolment in enrolment_list}
    for row in CriterionPoints.objects.filter(run_id=run_id, enrolment__in=enrolment_list):
        result[row.enrolment_id].append(row)
    return result
