"""Selector: a campaign's stored facts gathered into the engine's dataclasses (issue 14 item 5).

The value of an indicator in a language is, in this order: the analyst's verification (§16); for an
indicator carrying a term (``terms.TERMS``), met / not met computed from the reported dates; the claim of
the body's report (or an import, or a prefill). The result is the engine's input in the shape of
docs/methodology.md, read by the engine's own parser, so the stored facts and the JSON API are checked by
the same code. Four queries whatever the number of bodies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ashyq.core.calendar import current_calendar
from ashyq.evaluation.engine import BodyFacts, parse_openness
from ashyq.evaluation.models import Campaign, DisagreementRow, Enrolment, Evidence, ReportFact, Verification
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.terms import TERMS, DatedDocument, TermCheck, term_check
from ashyq.methodology.versions import BodyKind, Indicator, OpennessVersion, assessed

Key = tuple[str, str]  # (indicator id, language: "kk", "ru" or "" for a value common to both)
Values = dict[Key, dict[str, Any]]


@dataclass(frozen=True)
class Slot:
    """One value a body must give: an indicator in a language (or common), with its rule."""

    indicator: str
    language: str
    rule: str
    measure: str | None


_SLOTS: dict[tuple[str, str, str, frozenset[str]], tuple[Slot, ...]] = {}


def required_slots(version: OpennessVersion, kind: str, exemptions: Iterable[str]) -> tuple[Slot, ...]:
    """The values a body of this group and exemptions gives, in the order of the tables (002 Annex 10).

    Cached per version (a loaded version never changes), group and exemptions."""
    key = (version.act.id, version.act.registration_number, kind, frozenset(exemptions))
    if key not in _SLOTS:
        _SLOTS[key] = tuple(_required_slots(version, kind, key[3]))
    return _SLOTS[key]


def _required_slots(version: OpennessVersion, kind: str, exemptions: frozenset[str]) -> list[Slot]:
    tags = exemptions | {kind}
    slots: list[Slot] = []
    for criterion in version.criteria:
        for table in criterion.tables_for(kind):  # type: ignore[arg-type]
            for indicator in table.indicators:
                if not assessed(version, indicator, kind) or _exempt(version, indicator, tags):  # type: ignore[arg-type]
                    continue
                slots.extend(_slots(indicator))
        if criterion.multiplier and kind in {k for t in criterion.tables for k in t.kinds}:
            slots.append(Slot(criterion.multiplier.id, "", "multiplier", criterion.multiplier.measure))
    return slots


def _exempt(version: OpennessVersion, indicator: Indicator, tags: frozenset[str]) -> bool:
    return any(rule.effect in {"maximum", "group_average"} for rule in version.rules_for(indicator.id, tags))


def _slots(indicator: Indicator) -> list[Slot]:
    if indicator.rule == "bands" and indicator.measure_scope == "common":
        return [Slot(indicator.id, "", indicator.rule, indicator.measure)]
    languages = ("", "kk", "ru") if indicator.rule == "publicity" else ("kk", "ru")
    return [Slot(indicator.id, language, indicator.rule, indicator.measure) for language in languages]


def worst_value(slot: Slot, subordinates: int) -> dict[str, Any]:
    """The value of a missing item in a provisional score: what earns nothing (or the whole penalty)."""
    match slot.rule:
        case "met":
            return {"met": False}
        case "attainment":
            return {"attainment": "0"}
        case "bands" | "multiplier":
            return {str(slot.measure): 0}
        case "category_average":
            return {"events": []}
        case "publicity":
            return {"events_total": 0} if slot.language == "" else {"high_publicity_events": 0}
        case "media_requests":
            return {"received": 1, "answered": 0, "late": 0}
        case "penalty_share":
            return {"failing": subordinates}
    raise ValueError(slot.rule)


def best_value(slot: Slot, version: OpennessVersion) -> dict[str, Any]:
    """The value of an item that earns its full points (or no penalty): for what a missing item costs."""
    match slot.rule:
        case "met":
            return {"met": True}
        case "attainment":
            return {"attainment": "1"}
        case "bands":
            indicator = version.indicators[slot.indicator]
            top = max(indicator.bands, key=lambda band: band.points["kk"] + band.points["ru"])
            return {str(slot.measure): str(top.interval.lower if top.interval.lower_closed else top.interval.lower + 1)}
        case "multiplier":
            return {str(slot.measure): 100}
        case "category_average":
            levels = version.indicators[slot.indicator].levels
            return {"events": [max(levels, key=lambda level: level.points["kk"]).key]}
        case "publicity":
            events = version.settings.p6_min_events
            return {"events_total": events} if slot.language == "" else {"high_publicity_events": events}
        case "media_requests":
            return {"received": 1, "answered": 1, "late": 0}
        case "penalty_share":
            return {"failing": 0}
    raise ValueError(slot.rule)


def indicator_input(slots: Iterable[Slot], values: Mapping[Key, Mapping[str, Any]]) -> dict[str, Any]:
    """The ``indicators`` object of one body in the engine's JSON input."""
    result: dict[str, Any] = {}
    for slot in slots:
        value = dict(values[(slot.indicator, slot.language)])
        if slot.language == "":
            result.setdefault(slot.indicator, {}).update(value)
        else:
            result.setdefault(slot.indicator, {})[slot.language] = value
    return result


@dataclass
class GatheredBody:
    """One enrolled body's values as stored, the slots it must fill and what is missing."""

    enrolment: Enrolment
    slots: tuple[Slot, ...]
    values: Values
    missing: list[Slot] = field(default_factory=list)
    term_checks: dict[Key, TermCheck] = field(default_factory=dict)

    def body_input(self, fill: Mapping[Key, Mapping[str, Any]] | None = None) -> dict[str, Any]:
        """The body in the engine's JSON input; ``fill`` gives values for the missing slots."""
        enrolment = self.enrolment
        values = {**(fill or {}), **self.values}
        body: dict[str, Any] = {
            "id": str(enrolment.pk),
            "kind": enrolment.kind,
            "exemptions": list(enrolment.exemptions),
            "indicators": indicator_input(self.slots, values),
        }
        if enrolment.kind == "central":
            body["subordinate_organisations"] = enrolment.subordinate_organisations
        return body


def gather(campaign: Campaign, enrolments: Iterable[Enrolment] | None = None) -> list[GatheredBody]:
    """Every enrolled body's effective values (commission's decision > verification > term > claim)."""
    version = pinned_version(campaign.methodology)
    chosen = list(enrolments) if enrolments is not None else list(campaign.enrolments.select_related("body"))
    ids = [enrolment.pk for enrolment in chosen]
    claims: dict[int, Values] = defaultdict(dict)
    for enrolment_id, indicator, language, value in ReportFact.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "indicator", "language", "value"
    ):
        claims[enrolment_id][(indicator, language)] = value
    verified: dict[int, Values] = defaultdict(dict)
    for enrolment_id, indicator, language, value in Verification.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "indicator", "language", "value"
    ):
        verified[enrolment_id][(indicator, language)] = value
    for enrolment_id, indicator, language, value in DisagreementRow.objects.filter(
        response__enrolment_id__in=ids, decided_value__isnull=False
    ).values_list("response__enrolment_id", "indicator", "language", "decided_value"):
        verified[enrolment_id][(indicator, language)] = dict(
            value or {}
        )  # an upheld objection (002 §113; issue 10 item 4)
    dated: dict[int, dict[Key, list[DatedDocument]]] = defaultdict(lambda: defaultdict(list))
    for enrolment_id, indicator, language, title, reference_date, published_on in Evidence.objects.filter(
        enrolment_id__in=ids, indicator__in=list(TERMS)
    ).values_list("enrolment_id", "indicator", "language", "title", "reference_date", "published_on"):
        dated[enrolment_id][(indicator, language)].append(DatedDocument(title, reference_date, published_on))
    gathered = []
    calendar = current_calendar()
    for enrolment in chosen:
        slots = required_slots(version, enrolment.kind, enrolment.exemptions)
        body = GatheredBody(enrolment, slots, {})
        own_dated, own_verified, own_claims = dated[enrolment.pk], verified[enrolment.pk], claims[enrolment.pk]
        for slot in slots:
            key = (slot.indicator, slot.language)
            check = None
            if key in own_dated:
                check = term_check(slot.indicator, own_dated[key], period_end=campaign.period_end, calendar=calendar)
                if check is not None:
                    body.term_checks[key] = check
            if key in own_verified:
                body.values[key] = own_verified[key]
            elif check is not None and check.met is not None and slot.rule == "met":
                body.values[key] = {"met": check.met}
            elif key in own_claims:
                body.values[key] = own_claims[key]
            else:
                body.missing.append(slot)
        gathered.append(body)
    return gathered


def engine_facts(version: OpennessVersion, bodies: list[dict[str, Any]]) -> tuple[BodyFacts, ...]:
    """The engine's dataclasses from the bodies' JSON input, through the engine's own parser."""
    return parse_openness(version, {"bodies": bodies})


def group_of(kind: str) -> BodyKind:
    return "central" if kind == "central" else "local"
