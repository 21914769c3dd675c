"""The scoring rules of 002 Annex 10: one indicator, one body, both languages.

Each rule reads the indicator's points from the methodology version and the body's facts, validates the
facts (raising :class:`ScoringInputError` with the field's path relative to the indicator) and returns the
points per language with a :class:`Step` per language, the inputs and the parameters it used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from ashyq.methodology.versions import LANGUAGES, BodyKind, Indicator, Lang, OpennessSettings, plain

from .errors import ScoringInputError
from .explanation import Arg, Step
from .facts import (
    AttainmentFacts,
    CommonMeasureFacts,
    EventFacts,
    IndicatorFacts,
    LanguageMeasureFacts,
    MediaRequestFacts,
    MediaRequests,
    MetFacts,
    PenaltyFacts,
    PublicityFacts,
)
from .rounding import Exact, exact, half_up, shown

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
NONE = Fraction(0)


@dataclass(frozen=True)
class Context:
    """What a rule needs besides the indicator and the facts."""

    kind: BodyKind
    subordinate_organisations: int
    settings: OpennessSettings


@dataclass(frozen=True)
class Scored:
    """An indicator scored for one body: exact points and a step per language, inputs and parameters used."""

    points: Mapping[Lang, Exact]
    steps: Mapping[Lang, Step]
    inputs: Mapping[str, str]
    parameters: Mapping[str, str]


F = TypeVar("F")


def expect(facts: IndicatorFacts, kind: type[F], indicator: Indicator) -> F:
    """The facts as the type the indicator's rule reads, or an error naming the indicator."""
    if not isinstance(facts, kind):
        raise ScoringInputError(
            "", f"{indicator.clause} is scored by rule {indicator.rule!r}; got {type(facts).__name__}"
        )
    return facts


def in_language(values: Mapping[Lang, F], lang: Lang, name: str) -> F:
    """The value for a language, or an error naming the missing field."""
    if lang not in values:
        raise ScoringInputError(f"{lang}.{name}", "is required")
    return values[lang]


def count(value: int, field: str) -> int:
    """A count that must be a whole number ≥ 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringInputError(field, "must be a whole number")
    if value < 0:
        raise ScoringInputError(field, "must be ≥ 0")
    return value


def at_most(value: int, limit: int, field: str, limit_name: str) -> None:
    """Refuse a count above another (accepted > received, late > answered, …)."""
    if value > limit:
        raise ScoringInputError(field, f"must not exceed {limit_name} ({limit})")


def score_met(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """Met / not met: all the language's points or none (SPEC §7: "met / not met" uses 0 or 1)."""
    met = expect(facts, MetFacts, indicator).met
    quantum = context.settings.points_quantum
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    for lang in LANGUAGES:
        is_met = in_language(met, lang, "met")
        points[lang] = exact(indicator.maximum(context.kind, lang)) if is_met else NONE
        steps[lang] = Step("met" if is_met else "not_met", {"points": shown(points[lang], quantum)})
    inputs = {f"{lang}.met": str(met[lang]).lower() for lang in LANGUAGES}
    return Scored(points, steps, inputs, {})


def score_attainment(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """Attainment × points, rounded half-up to the quantum at the indicator (SPEC §7)."""
    attainment = expect(facts, AttainmentFacts, indicator).attainment
    quantum = context.settings.points_quantum
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    for lang in LANGUAGES:
        share = in_language(attainment, lang, "attainment")
        if not ZERO <= share <= ONE:
            raise ScoringInputError(f"{lang}.attainment", "must be between 0 and 1")
        maximum = indicator.maximum(context.kind, lang)
        rounded = half_up(share * maximum, quantum)
        points[lang] = exact(rounded)
        steps[lang] = Step("attainment", {"attainment": share, "maximum": maximum, "points": rounded})
    inputs = {f"{lang}.attainment": plain(attainment[lang]) for lang in LANGUAGES}
    return Scored(points, steps, inputs, {"points_quantum": plain(quantum)})


def _measured(indicator: Indicator, value: Decimal, field: str) -> Decimal:
    if value < 0:
        raise ScoringInputError(field, "must be ≥ 0")
    if indicator.measure_kind == "percent" and value > HUNDRED:
        raise ScoringInputError(field, "must be ≤ 100")
    if indicator.measure_kind == "count" and value != value.to_integral_value():
        raise ScoringInputError(field, "must be a whole number")
    return value


def _band_step(indicator: Indicator, value: Decimal, lang: Lang, quantum: Decimal) -> tuple[Exact, Step]:
    band = next(band for band in indicator.bands if band.interval.contains(value))
    points = exact(band.points[lang])
    args: dict[str, Arg] = {
        "measure": str(indicator.measure),
        "value": value,
        "band": str(band.interval),
        "points": shown(points, quantum),
    }
    return points, Step("band", args)


def score_bands(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """The band the exact value falls in (002 Annex 10 table 6 item 2, table 7-1 item 3)."""
    measure = str(indicator.measure)
    if indicator.measure_scope == "common":
        common = _measured(indicator, expect(facts, CommonMeasureFacts, indicator).value, measure)
        values: Mapping[Lang, Decimal] = dict.fromkeys(LANGUAGES, common)
        inputs = {measure: plain(common)}
    else:
        given = expect(facts, LanguageMeasureFacts, indicator).values
        values = {
            lang: _measured(indicator, in_language(given, lang, measure), f"{lang}.{measure}") for lang in LANGUAGES
        }
        inputs = {f"{lang}.{measure}": plain(values[lang]) for lang in LANGUAGES}
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    for lang in LANGUAGES:
        points[lang], steps[lang] = _band_step(indicator, values[lang], lang, context.settings.points_quantum)
    return Scored(points, steps, inputs, {})


def score_category_average(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """The mean of the events' category points (002 Annex 10 table 4 item 6; SPEC §7); no event earns 0."""
    events = expect(facts, EventFacts, indicator).events
    levels = {level.key: level for level in indicator.levels}
    quantum = context.settings.points_quantum
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    for lang in LANGUAGES:
        held = in_language(events, lang, "events")
        for index, key in enumerate(held):
            if key not in levels:
                raise ScoringInputError(f"{lang}.events[{index}]", f"must be one of {', '.join(levels)}")
        values = [levels[key].points[lang] for key in held]
        points[lang] = sum((exact(value) for value in values), NONE) / len(values) if values else NONE
        listed = ", ".join(f"{value:f}" for value in values)
        args: dict[str, Arg] = {"count": len(values), "values": listed, "points": shown(points[lang], quantum)}
        steps[lang] = Step("events" if values else "no_events", args)
    inputs = {f"{lang}.events": ", ".join(events[lang]) for lang in LANGUAGES}
    return Scored(points, steps, inputs, {"info_support_aggregation": "mean", "points_quantum": plain(quantum)})


def score_publicity(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """A of §81 per language (SPEC §7): points × a_lang / max(b, minimum events)."""
    publicity = expect(facts, PublicityFacts, indicator)
    total = count(publicity.events_total, "events_total")
    minimum = context.settings.p6_min_events
    quantum = context.settings.points_quantum
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    inputs = {"events_total": str(total)}
    for lang in LANGUAGES:
        field = f"{lang}.high_publicity_events"
        high = count(in_language(publicity.high_publicity_events, lang, "high_publicity_events"), field)
        at_most(high, total, field, "events_total")
        maximum = indicator.maximum(context.kind, lang)
        points[lang] = exact(maximum) * high / max(total, minimum)
        args: dict[str, Arg] = {
            "maximum": maximum,
            "high": high,
            "total": total,
            "min_events": minimum,
            "points": shown(points[lang], quantum),
        }
        steps[lang] = Step("publicity", args)
        inputs[field] = str(high)
    return Scored(points, steps, inputs, {"p6_min_events": str(minimum), "points_quantum": plain(quantum)})


def _requests_step(maximum: Decimal, requests: MediaRequests, settings: OpennessSettings) -> tuple[Exact, Step]:
    quantum = settings.points_quantum
    if requests.received == 0:
        share = settings.p6_b_share_when_no_requests
        points = exact(share) * exact(maximum)
        return points, Step("no_requests", {"share": share, "maximum": maximum, "points": shown(points, quantum)})
    if requests.answered == 0:
        share = settings.p6_b_share_when_none_answered
        points = exact(share) * exact(maximum)
        args: dict[str, Arg] = {
            "received": requests.received,
            "share": share,
            "maximum": maximum,
            "points": shown(points, quantum),
        }
        return points, Step("none_answered", args)
    raw = exact(maximum) * (Fraction(requests.answered, requests.received) - Fraction(requests.late, requests.answered))
    points = min(max(raw, NONE), exact(maximum))
    args = {
        "maximum": maximum,
        "answered": requests.answered,
        "received": requests.received,
        "late": requests.late,
        "raw": shown(raw, quantum),
        "points": shown(points, quantum),
    }
    return points, Step("requests", args)


def _checked_requests(requests: MediaRequests, lang: Lang) -> MediaRequests:
    received = count(requests.received, f"{lang}.received")
    answered = count(requests.answered, f"{lang}.answered")
    late = count(requests.late, f"{lang}.late")
    at_most(answered, received, f"{lang}.answered", "received")
    at_most(late, answered, f"{lang}.late", "answered")
    return requests


def score_media_requests(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """B of §82 per language (SPEC §7): points × (b/a − c/b), within [0, points]; no requests: full."""
    given = expect(facts, MediaRequestFacts, indicator).requests
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    inputs: dict[str, str] = {}
    for lang in LANGUAGES:
        requests = _checked_requests(in_language(given, lang, "received"), lang)
        points[lang], steps[lang] = _requests_step(indicator.maximum(context.kind, lang), requests, context.settings)
        inputs.update(
            {
                f"{lang}.received": str(requests.received),
                f"{lang}.answered": str(requests.answered),
                f"{lang}.late": str(requests.late),
            }
        )
    settings = context.settings
    parameters = {
        "p6_b_share_when_no_requests": plain(settings.p6_b_share_when_no_requests),
        "p6_b_share_when_none_answered": plain(settings.p6_b_share_when_none_answered),
        "points_quantum": plain(settings.points_quantum),
    }
    return Scored(points, steps, inputs, parameters)


def score_penalty_share(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """Penalty points × the share of subordinate organisations failing the indicator (SPEC §7)."""
    failing = expect(facts, PenaltyFacts, indicator).failing
    total = context.subordinate_organisations
    quantum = context.settings.points_quantum
    points: dict[Lang, Exact] = {}
    steps: dict[Lang, Step] = {}
    for lang in LANGUAGES:
        field = f"{lang}.failing"
        failed = count(in_language(failing, lang, "failing"), field)
        at_most(failed, total, field, "subordinate_organisations")
        maximum = indicator.maximum(context.kind, lang)
        if total == 0:
            points[lang] = NONE
            steps[lang] = Step("no_subordinates", {"points": shown(NONE, quantum)})
            continue
        points[lang] = exact(maximum) * Fraction(failed, total)
        args: dict[str, Arg] = {
            "maximum": maximum,
            "failing": failed,
            "total": total,
            "points": shown(points[lang], quantum),
        }
        steps[lang] = Step("penalty", args)
    inputs = {f"{lang}.failing": str(failing[lang]) for lang in LANGUAGES}
    inputs["subordinate_organisations"] = str(total)
    return Scored(points, steps, inputs, {"penalty_share": "share_of_failing_subordinates"})


def multiplier_share(value: Decimal, field: str) -> Exact:
    """C of §83: the percentage of satisfied mass media as an exact share, a / 100 %."""
    if not ZERO <= value <= HUNDRED:
        raise ScoringInputError(field, "must be between 0 and 100")
    return exact(value) / 100


Scorer = Callable[[Indicator, IndicatorFacts, Context], Scored]

SCORERS: Mapping[str, Scorer] = {
    "met": score_met,
    "attainment": score_attainment,
    "bands": score_bands,
    "category_average": score_category_average,
    "publicity": score_publicity,
    "media_requests": score_media_requests,
    "penalty_share": score_penalty_share,
}


def score_indicator(indicator: Indicator, facts: IndicatorFacts, context: Context) -> Scored:
    """Score one indicator by the rule the methodology version gives it."""
    return SCORERS[indicator.rule](indicator, facts, context)
