"""Openness inputs in the JSON format of docs/methodology.md, built from the methodology version.

``body_input`` walks the indicators a body is assessed on and asks ``facts`` for each; the helpers give
the facts of a body that earns every point (``best``) or none (``worst``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ashyq.methodology.versions import BodyKind, Indicator, OpennessVersion, assessed, openness_version

Facts = dict[str, Any]

VERSION = openness_version(date(2026, 1, 1))


def per_language(name: str, kk: Any, ru: Any | None = None) -> Facts:
    return {"kk": {name: kk}, "ru": {name: kk if ru is None else ru}}


def best(indicator: Indicator) -> Facts:
    """Facts that earn the indicator's maximum (and no penalty)."""
    rule = indicator.rule
    if rule == "bands":
        value = 100 if indicator.measure_kind == "percent" else 60
        return (
            {str(indicator.measure): value}
            if indicator.measure_scope == "common"
            else per_language(str(indicator.measure), value)
        )
    return {
        "met": lambda: per_language("met", True),
        "attainment": lambda: per_language("attainment", "1"),
        "category_average": lambda: per_language("events", ["live_questions"]),
        "publicity": lambda: {"events_total": 12, **per_language("high_publicity_events", 12)},
        "media_requests": lambda: {
            "kk": {"received": 3, "answered": 3, "late": 0},
            "ru": {"received": 3, "answered": 3, "late": 0},
        },
        "penalty_share": lambda: per_language("failing", 0),
    }[rule]()


def worst(indicator: Indicator, subordinates: int = 0) -> Facts:
    """Facts that earn nothing (and every penalty point)."""
    rule = indicator.rule
    if rule == "bands":
        return (
            {str(indicator.measure): 0}
            if indicator.measure_scope == "common"
            else per_language(str(indicator.measure), 0)
        )
    return {
        "met": lambda: per_language("met", False),
        "attainment": lambda: per_language("attainment", "0"),
        "category_average": lambda: per_language("events", []),
        "publicity": lambda: {"events_total": 12, **per_language("high_publicity_events", 0)},
        "media_requests": lambda: {
            "kk": {"received": 3, "answered": 0, "late": 0},
            "ru": {"received": 3, "answered": 0, "late": 0},
        },
        "penalty_share": lambda: per_language("failing", subordinates),
    }[rule]()


def exempt(version: OpennessVersion, indicator: Indicator, tags: Iterable[str]) -> bool:
    return any(rule.effect in ("maximum", "group_average") for rule in version.rules_for(indicator.id, tags))


def body_input(
    body_id: str,
    kind: BodyKind,
    facts: Callable[[Indicator], Facts] = best,
    *,
    exemptions: Iterable[str] = (),
    subordinates: int = 10,
    media_satisfied: Any = 100,
    version: OpennessVersion = VERSION,
    overrides: dict[str, Facts] | None = None,
) -> Facts:
    """One body of the openness input: every indicator it is assessed on and not exempt from."""
    tags = {*exemptions, kind}
    indicators: dict[str, Facts] = {}
    for criterion in version.criteria:
        for table in criterion.tables_for(kind):
            for indicator in table.indicators:
                if assessed(version, indicator, kind) and not exempt(version, indicator, tags):
                    indicators[indicator.id] = facts(indicator)
    indicators["p6.C"] = {"satisfied_percent": media_satisfied}
    indicators.update(overrides or {})
    body: Facts = {"id": body_id, "kind": kind, "exemptions": list(exemptions), "indicators": indicators}
    if kind == "central":
        body["subordinate_organisations"] = subordinates
    return body
