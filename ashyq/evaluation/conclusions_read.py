"""One body's Annex 8 conclusion from the campaign's stored facts (issue 14 item 7).

The engine scores the whole campaign as one group again (the exempt bodies' averages need every body), which
gives the same figures as the stored ones: the facts cannot change once scored except through a commission's
rescoring, which is stored the same way. The document is then laid out by :mod:`ashyq.evaluation.conclusion`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from ashyq.evaluation.conclusion import Conclusion, ConclusionDetails, DocumentLanguage, build_conclusion
from ashyq.evaluation.engine import BodyScore, CriterionScore, IndicatorResult
from ashyq.evaluation.facts import gather
from ashyq.evaluation.models import CriterionPoints, Enrolment, IndicatorPoints
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.scoring import score_gathered
from ashyq.methodology.versions import LANGUAGES, Lang, Names


def enrolment_score(enrolment: Enrolment) -> BodyScore:
    """The body's score as the engine computes it from the campaign's facts, the campaign as one group."""
    campaign = enrolment.campaign
    bodies = gather(campaign, campaign.enrolments.select_related("body"))
    scores = score_gathered(campaign, bodies)
    index = next(index for index, body in enumerate(bodies) if body.enrolment.pk == enrolment.pk)
    return scores[index]


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
    when the caller already has it (both languages of one body), saves scoring the campaign again."""
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
