"""JSON Schemas (draft 2020-12) of the score inputs, built from the methodology version.

docs/examples/*.schema.json are these schemas written out; a test keeps them equal.
"""

from __future__ import annotations

from typing import Any

from ashyq.methodology.versions import Indicator, OpennessVersion

from .parsing import FEEDBACK_FIELDS

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
WHOLE: Schema = {"type": "integer", "minimum": 0}
NUMBER: Schema = {"type": ["number", "string"], "description": "a decimal; a string keeps it exact"}


def _object(properties: dict[str, Schema], description: str | None = None) -> Schema:
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def feedback_schema() -> Schema:
    """The feedback input of 000 §20–23."""
    return {
        "$schema": DRAFT,
        "title": "Feedback indicator input (000 §20–23)",
        **_object({**{name: WHOLE for name in FEEDBACK_FIELDS}, "openly_accessible": {"type": "boolean"}}),
    }


def _language_facts(indicator: Indicator) -> Schema:
    value: dict[str, Schema] = {
        "met": {"met": {"type": "boolean"}},
        "attainment": {"attainment": {**NUMBER, "minimum": 0, "maximum": 1}},
        "bands": {str(indicator.measure): WHOLE},
        "category_average": {"events": {"type": "array", "items": {"enum": [level.key for level in indicator.levels]}}},
        "publicity": {"high_publicity_events": WHOLE},
        "media_requests": {"received": WHOLE, "answered": WHOLE, "late": WHOLE},
        "penalty_share": {"failing": WHOLE},
    }[indicator.rule]
    return _object(value)


def _indicator_schema(indicator: Indicator) -> Schema:
    description = f"{indicator.clause}: {indicator.names.ru}"
    if indicator.rule == "bands" and indicator.measure_scope == "common":
        return _object({str(indicator.measure): {**NUMBER, "minimum": 0, "maximum": 100}}, description)
    per_language = {"kk": _language_facts(indicator), "ru": _language_facts(indicator)}
    if indicator.rule == "publicity":
        return _object({"events_total": WHOLE, **per_language}, description)
    return _object(per_language, description)


def openness_schema(version: OpennessVersion) -> Schema:
    """The openness input: bodies, each with the facts of every indicator it is assessed on."""
    indicators = {indicator.id: _indicator_schema(indicator) for indicator in version.indicators.values()}
    for criterion in version.criteria:
        if criterion.multiplier:
            multiplier = criterion.multiplier
            indicators[multiplier.id] = _object(
                {multiplier.measure: {**NUMBER, "minimum": 0, "maximum": 100}},
                f"{multiplier.clause}: {multiplier.names.ru}",
            )
    body = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "kind": {"enum": ["central", "local"]},
            "exemptions": {"type": "array", "items": {"enum": sorted(version.exemptions)}},
            "subordinate_organisations": {**WHOLE, "description": "central bodies only (002 Annex 10 table 8 *)"},
            "indicators": {"type": "object", "properties": indicators, "additionalProperties": False},
        },
        "required": ["id", "kind", "indicators"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "title": f"Openness input ({version.act.id}, registration {version.act.registration_number})",
        **_object({"bodies": {"type": "array", "minItems": 1, "items": body}}),
    }
