"""One body's Annex 8 conclusion from the campaign's stored facts (issue 14 item 7).

The engine scores the whole campaign as one group again (the exempt bodies' averages need every body), which
gives the same figures as the stored ones while the facts have not changed since. The group's scores are kept
for the campaign's current *stamp* (its scoring run, the latest change and count of its facts, evidence and
verifications, its number of bodies), so the task worker making one document after another for a campaign scores it
once (docs/performance.md). The document is then laid out by :mod:`ashyq.evaluation.conclusion`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Max, Model, OuterRef, Subquery

from ashyq.evaluation.conclusion import Conclusion, ConclusionDetails, DocumentLanguage, build_conclusion
from ashyq.evaluation.engine import BodyScore, CriterionScore, IndicatorResult
from ashyq.evaluation.facts import gather
from ashyq.evaluation.models import (
    Campaign,
    CriterionPoints,
    Enrolment,
    Evidence,
    IndicatorPoints,
    ReportFact,
    Verification,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.scoring import score_gathered
from ashyq.methodology.versions import LANGUAGES, Lang, Names

# The scores of the last campaign scored here, by its stamp: one campaign at a time (a worker makes one
# campaign's documents in a row; a page needs one body's score).
_SCORES: dict[tuple[int, str], dict[int, BodyScore]] = {}


def _changes(model: type[Model], campaign_path: str) -> dict[str, Subquery]:
    rows = model._default_manager.filter(**{campaign_path: OuterRef("pk")}).order_by().values(campaign_path)
    name = model._meta.model_name
    return {
        f"{name}_latest": Subquery(rows.annotate(latest=Max("updated_at")).values("latest")),
        f"{name}_count": Subquery(rows.annotate(count=Count("pk")).values("count")),
    }


def campaign_stamp(campaign: Campaign) -> str:
    """What the campaign's scores are computed from as of now, as a short digest (one query)."""
    changes = {
        **_changes(ReportFact, "enrolment__campaign"),
        **_changes(Evidence, "enrolment__campaign"),
        **_changes(Verification, "enrolment__campaign"),
        "enrolment_count": Subquery(
            Enrolment.objects.filter(campaign=OuterRef("pk"))
            .order_by()
            .values("campaign")
            .annotate(count=Count("pk"))
            .values("count")
        ),
    }
    row = Campaign.objects.filter(pk=campaign.pk).values("current_run_id", "scored_at", **changes).get()
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


def campaign_scores(campaign: Campaign, stamp: str | None = None) -> dict[int, BodyScore]:
    """Every enrolled body's score by enrolment id, the campaign as one group."""
    key = (campaign.pk, stamp or campaign_stamp(campaign))
    scores = _SCORES.get(key)
    if scores is None:
        bodies = gather(campaign, campaign.enrolments.select_related("body"))
        group = score_gathered(campaign, bodies)
        scores = {body.enrolment.pk: score for body, score in zip(bodies, group, strict=True)}
        _SCORES.clear()
        _SCORES[key] = scores
    return scores


def enrolment_score(enrolment: Enrolment, stamp: str | None = None) -> BodyScore:
    """The body's score as the engine computes it from the campaign's facts, the campaign as one group."""
    return campaign_scores(enrolment.campaign, stamp)[enrolment.pk]


def conclusion_fingerprint(enrolment: Enrolment, stamp: str | None = None) -> str:
    """What the body's conclusion is made from: the campaign's stamp, the body's names, the analyst's
    recommendations and the approval. A kept document whose fingerprint differs is made again."""
    head = enrolment.conclusion_approved_by
    parts = [
        stamp or campaign_stamp(enrolment.campaign),
        enrolment.body.name_kk,
        enrolment.body.name_ru,
        enrolment.recommendations_kk,
        enrolment.recommendations_ru,
        str(enrolment.conclusion_approved_at),
        (head.get_full_name() or head.get_username()) if head is not None else "",
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _exact(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def stored_score(
    enrolment: Enrolment, criteria: Iterable[CriterionPoints], indicators: Iterable[IndicatorPoints]
) -> BodyScore:
    """The body's score as its campaign's scoring run stored it, without scoring the campaign again: the rows
    the engine wrote (``services.scoring``) put back into the engine's result, for the conclusion's analysis
    (:func:`ashyq.evaluation.conclusion.conclusion_analysis`) on the public portal (issue 13 item 1). The stored
    figures have 10 decimal places, so rounding them once to 0.01 gives the exact figures' display (SPEC §7)."""
    version = pinned_version(enrolment.campaign.methodology)
    specs = {criterion.number: criterion for criterion in version.criteria}
    by_criterion: dict[int, list[IndicatorPoints]] = defaultdict(list)
    for row in indicators:
        by_criterion[row.criterion].append(row)
    kind = enrolment.kind
    scores = []
    for criterion in criteria:
        spec = specs[criterion.number]
        results = []
        for stored in by_criterion[criterion.number]:
            indicator = version.indicators.get(stored.indicator)
            clause, rule = (
                (indicator.clause, indicator.rule) if indicator else (spec.multiplier.clause, "multiplier")  # type: ignore[union-attr]
            )
            exact: dict[Lang, Fraction | None] = {lang: _exact(stored.points(lang)) for lang in LANGUAGES}
            results.append(
                IndicatorResult(
                    indicator_id=stored.indicator,
                    clause=clause,
                    rule=rule,
                    treatment=stored.treatment,  # type: ignore[arg-type]
                    inputs=stored.inputs,
                    parameters={},
                    points={lang: value for lang, value in exact.items() if value is not None},
                    text=stored.explanation,
                )
            )
        scores.append(
            CriterionScore(
                number=criterion.number,
                names=spec.names,
                weight=spec.weight,
                penalty=criterion.penalty,
                tables=tuple(table.number for table in spec.tables_for(kind)),  # type: ignore[arg-type]
                indicators=tuple(results),
                points={"kk": Fraction(criterion.points_kk), "ru": Fraction(criterion.points_ru)},
                total=Fraction(criterion.total),
                text=criterion.explanation,
            )
        )
    return BodyScore(
        body_id=str(enrolment.body_id),
        kind=kind,  # type: ignore[arg-type]
        criteria=tuple(scores),
        total=Fraction(enrolment.total or 0),
        penalty=Fraction(enrolment.penalty or 0),
        final=Fraction(enrolment.final or 0),
        text=enrolment.explanation,
        quantum=version.settings.points_quantum,
    )


def enrolment_conclusion(
    enrolment: Enrolment, language: DocumentLanguage, score: BodyScore | None = None
) -> Conclusion:
    """The body's conclusion in Kazakh or Russian: the head who approved it and the date of approval. ``score``,
    when the caller already has it, saves reading the campaign's stamp again."""
    head = enrolment.conclusion_approved_by
    details = ConclusionDetails(
        body_name=Names(kk=enrolment.body.name_kk, ru=enrolment.body.name_ru),
        period_start=enrolment.campaign.period_start,
        period_end=enrolment.campaign.period_end,
        head_name=(head.get_full_name() or head.get_username()) if head is not None else "",
        signed_on=enrolment.conclusion_approved_at.date() if enrolment.conclusion_approved_at else None,
        recommendations={"kk": enrolment.recommendations_kk, "ru": enrolment.recommendations_ru},
    )
    version = pinned_version(enrolment.campaign.methodology)
    return build_conclusion(version, score or enrolment_score(enrolment), details, language)
