"""The openness score of a campaign (seed 002): every body, criteria 1–6, the penalty of criterion 7.

Two passes (SPEC §7): first every body is scored on every indicator it is assessed on; then the bodies a
footnote or §67 exempts receive, per language, the mean of the bodies of their group (central or local)
scored on that indicator. Only then are criteria summed, capped, multiplied (criterion 6) and penalised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ashyq.methodology.versions import LANGUAGES, BodyKind, ExemptionRule, Indicator, OpennessVersion, assessed

from .criteria import criterion_score
from .errors import ScoringInputError
from .explanation import GROUP, Arg, Step, indicator_text, texts
from .facts import BodyFacts
from .results import BODY, BodyScore, IndicatorResult, Treatment
from .rounding import exact, shown
from .rules import NONE, Context, Scored, count, score_indicator


@dataclass(frozen=True)
class _Pending:
    """An indicator whose points are the group average, filled in the second pass."""

    rule: ExemptionRule


_FirstPass = dict[str, IndicatorResult | _Pending]


def score_openness(version: OpennessVersion, bodies: Sequence[BodyFacts]) -> tuple[BodyScore, ...]:
    """Score the bodies of one campaign as one group (002 Annexes 7, 8, 10; §67; §80–85)."""
    _check_bodies(version, bodies)
    first = [_first_pass(version, body, f"bodies[{index}]") for index, body in enumerate(bodies)]
    averages = _group_averages(version, bodies, first)
    return tuple(
        _body_score(version, body, _second_pass(first[index], averages, body.kind), f"bodies[{index}]")
        for index, body in enumerate(bodies)
    )


def _check_bodies(version: OpennessVersion, bodies: Sequence[BodyFacts]) -> None:
    seen: set[str] = set()
    for index, body in enumerate(bodies):
        prefix = f"bodies[{index}]"
        if body.id in seen:
            raise ScoringInputError(f"{prefix}.id", f"{body.id!r} is used by another body")
        seen.add(body.id)
        if body.kind not in ("central", "local"):
            raise ScoringInputError(f"{prefix}.kind", "must be central or local")
        unknown = sorted(body.exemptions - set(version.exemptions))
        if unknown:
            raise ScoringInputError(f"{prefix}.exemptions", f"unknown: {', '.join(unknown)}")
        count(body.subordinate_organisations, f"{prefix}.subordinate_organisations")


def _exemption(version: OpennessVersion, indicator: Indicator, body: BodyFacts) -> ExemptionRule | None:
    """The footnote or paragraph replacing the body's own score on the indicator: a maximum first."""
    rules = version.rules_for(indicator.id, body.tags)
    for effect in ("maximum", "group_average"):
        for rule in rules:
            if rule.effect == effect:
                return rule
    return None


def _plan(version: OpennessVersion, body: BodyFacts) -> list[Indicator]:
    """The indicators the body is assessed on, in the order of the tables."""
    return [
        indicator
        for criterion in version.criteria
        for table in criterion.tables_for(body.kind)
        for indicator in table.indicators
        if assessed(version, indicator, body.kind)
    ]


def _check_indicator_keys(version: OpennessVersion, body: BodyFacts, plan: list[Indicator], prefix: str) -> None:
    planned = {indicator.id for indicator in plan}
    multipliers = {c.multiplier.id for c in version.criteria if c.multiplier}
    for key in body.indicators:
        path = f'{prefix}.indicators["{key}"]'
        if key in multipliers:
            continue
        if key not in version.indicators:
            raise ScoringInputError(path, f"unknown indicator of {version.act.id}")
        if key not in planned:
            raise ScoringInputError(path, f"{version.indicators[key].clause} is not assessed for {body.kind} bodies")


def _first_pass(version: OpennessVersion, body: BodyFacts, prefix: str) -> _FirstPass:
    plan = _plan(version, body)
    _check_indicator_keys(version, body, plan, prefix)
    context = Context(body.kind, body.subordinate_organisations, version.settings)
    results: _FirstPass = {}
    for indicator in plan:
        path = f'{prefix}.indicators["{indicator.id}"]'
        given = body.indicators.get(indicator.id)
        exemption = _exemption(version, indicator, body)
        if exemption is not None:
            if given is not None:
                raise ScoringInputError(path, f"the body is exempt by {exemption.clause}; give no facts")
            results[indicator.id] = (
                _maximum(version, indicator, body.kind, exemption)
                if exemption.effect == "maximum"
                else _Pending(exemption)
            )
            continue
        if given is None:
            raise ScoringInputError(path, "is required")
        try:
            scored = score_indicator(indicator, given, context)
        except ScoringInputError as error:
            raise error.within(path) from None
        results[indicator.id] = _result(indicator, "scored", scored)
    return results


def _result(indicator: Indicator, treatment: Treatment, scored: Scored) -> IndicatorResult:
    return IndicatorResult(
        indicator_id=indicator.id,
        clause=indicator.clause,
        rule=indicator.rule,
        treatment=treatment,
        inputs=scored.inputs,
        parameters=scored.parameters,
        points=scored.points,
        text=indicator_text(indicator.clause, indicator.rule, scored.steps),
    )


def _maximum(version: OpennessVersion, indicator: Indicator, kind: BodyKind, rule: ExemptionRule) -> IndicatorResult:
    """The maximum points given by a footnote (002 Annex 10 table 1 footnote *)."""
    quantum = version.settings.points_quantum
    points = {lang: exact(indicator.maximum(kind, lang)) for lang in LANGUAGES}
    steps = {
        lang: Step("maximum", {"clause": rule.clause, "points": shown(points[lang], quantum)}) for lang in LANGUAGES
    }
    return _result(indicator, "maximum", Scored(points, steps, {}, {}))


def _group_averages(
    version: OpennessVersion, bodies: Sequence[BodyFacts], first: list[_FirstPass]
) -> Mapping[tuple[BodyKind, str], IndicatorResult]:
    """Per group and indicator that some body is exempt from: the mean of the bodies scored on it."""
    wanted = {
        (body.kind, indicator_id, pending.rule)
        for body, results in zip(bodies, first, strict=True)
        for indicator_id, pending in results.items()
        if isinstance(pending, _Pending)
    }
    averages: dict[tuple[BodyKind, str], IndicatorResult] = {}
    for kind, indicator_id, rule in sorted(wanted, key=lambda item: (item[0], item[1])):
        peers = [
            result
            for body, results in zip(bodies, first, strict=True)
            if body.kind == kind
            and isinstance(result := results.get(indicator_id), IndicatorResult)
            and result.treatment == "scored"
        ]
        indicator = version.indicators[indicator_id]
        if not peers:
            index = next(i for i, body in enumerate(bodies) if isinstance(first[i].get(indicator_id), _Pending))
            raise ScoringInputError(
                f'bodies[{index}].indicators["{indicator_id}"]',
                f"no other {kind} body of this campaign is scored on {indicator.clause}, "
                f"so the average of {rule.clause} cannot be computed",
            )
        averages[(kind, indicator_id)] = _average(version, indicator, kind, rule, peers)
    return averages


def _average(
    version: OpennessVersion, indicator: Indicator, kind: BodyKind, rule: ExemptionRule, peers: list[IndicatorResult]
) -> IndicatorResult:
    quantum = version.settings.points_quantum
    points = {lang: sum((peer.points[lang] for peer in peers), NONE) / len(peers) for lang in LANGUAGES}
    args: dict[str, Arg] = {"clause": rule.clause, "count": len(peers), "group": GROUP[kind]}
    steps = {lang: Step("group_average", {**args, "points": shown(points[lang], quantum)}) for lang in LANGUAGES}
    scored = Scored(
        points, steps, {"bodies_averaged": str(len(peers))}, {"exempt_average_scope": "same_group_assessed"}
    )
    return _result(indicator, "group_average", scored)


def _second_pass(
    first: _FirstPass, averages: Mapping[tuple[BodyKind, str], IndicatorResult], kind: BodyKind
) -> dict[str, IndicatorResult]:
    return {
        indicator_id: averages[(kind, indicator_id)] if isinstance(result, _Pending) else result
        for indicator_id, result in first.items()
    }


def _body_score(
    version: OpennessVersion, body: BodyFacts, results: Mapping[str, IndicatorResult], prefix: str
) -> BodyScore:
    criteria = tuple(criterion_score(version, criterion, body, results, prefix) for criterion in version.criteria)
    quantum = version.settings.points_quantum
    total = sum((c.total for c in criteria if not c.penalty), NONE)
    penalty = sum((c.total for c in criteria if c.penalty), NONE)
    final = total - penalty
    text = texts(
        BODY,
        body=body.id,
        total=shown(total, quantum),
        penalty=shown(penalty, quantum),
        final=shown(final, quantum),
    )
    return BodyScore(body.id, body.kind, criteria, total, penalty, final, text, quantum)
