"""The JSON input of the score command and API (docs/methodology.md) read into the engine's dataclasses.

Plain dicts in (as ``json.loads`` gives them), frozen dataclasses out. A value of the wrong shape raises
:class:`ScoringInputError` naming its path, e.g. ``bodies[2].indicators["t6.2"].kk.posts``; the ranges
(≥ 0, accepted ≤ received, attainment in [0, 1]) are checked by the engine under the same paths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import cast

from ashyq.methodology.versions import LANGUAGES, BodyKind, Indicator, Lang, OpennessVersion

from .errors import ScoringInputError
from .facts import (
    AttainmentFacts,
    BodyFacts,
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
from .feedback import FeedbackFacts

FEEDBACK_FIELDS = ("remarks_received", "remarks_accepted", "comments_received", "comments_answered")


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ScoringInputError(path, "must be an object")
    return cast(Mapping[str, object], value)


def _fields(value: object, path: str, required: Sequence[str], optional: Sequence[str] = ()) -> Mapping[str, object]:
    """The object at path, refusing unknown fields and reporting the first missing one."""
    obj = _object(value, path)
    for key in obj:
        if key not in required and key not in optional:
            raise ScoringInputError(_at(path, key), "unknown field")
    for key in required:
        if key not in obj:
            raise ScoringInputError(_at(path, key), "is required")
    return obj


def _whole(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringInputError(path, "must be a whole number")
    return value


def _decimal(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ScoringInputError(path, "must be a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ScoringInputError(path, "must be a number") from None
    if not number.is_finite():
        raise ScoringInputError(path, "must be a finite number")
    return number


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ScoringInputError(path, "must be true or false")
    return value


def _text(value: object, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise ScoringInputError(path, "must be a non-empty string")
    return value


def _texts(value: object, path: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ScoringInputError(path, "must be a list")
    return tuple(_text(item, f"{path}[{index}]") for index, item in enumerate(value))


def parse_feedback(data: object) -> FeedbackFacts:
    """The feedback input ``{"remarks_received": C, "remarks_accepted": B, …, "openly_accessible": true}``."""
    obj = _fields(data, "", (*FEEDBACK_FIELDS, "openly_accessible"))
    counts = {name: _whole(obj[name], name) for name in FEEDBACK_FIELDS}
    return FeedbackFacts(**counts, openly_accessible=_flag(obj["openly_accessible"], "openly_accessible"))


def _per_language(obj: Mapping[str, object], path: str, read: Callable[[object, str], object]) -> dict[Lang, object]:
    return {lang: read(obj[lang], _at(path, lang)) for lang in LANGUAGES}


def _language_field(name: str, read: Callable[[object, str], object]) -> Callable[[object, str], object]:
    """A reader of ``{"<name>": value}`` for one language."""

    def reader(value: object, path: str) -> object:
        return read(_fields(value, path, (name,))[name], _at(path, name))

    return reader


def _media_requests(value: object, path: str) -> MediaRequests:
    obj = _fields(value, path, ("received", "answered", "late"))
    return MediaRequests(
        received=_whole(obj["received"], _at(path, "received")),
        answered=_whole(obj["answered"], _at(path, "answered")),
        late=_whole(obj["late"], _at(path, "late")),
    )


def _indicator_facts(indicator: Indicator, value: object, path: str) -> IndicatorFacts:
    """The facts of one indicator in the shape its rule reads."""
    rule, languages = indicator.rule, (*LANGUAGES,)
    if rule == "bands" and indicator.measure_scope == "common":
        measure = str(indicator.measure)
        return CommonMeasureFacts(_decimal(_fields(value, path, (measure,))[measure], _at(path, measure)))
    if rule == "publicity":
        obj = _fields(value, path, ("events_total", *languages))
        high = _per_language(obj, path, _language_field("high_publicity_events", _whole))
        return PublicityFacts(_whole(obj["events_total"], _at(path, "events_total")), cast(dict[Lang, int], high))
    obj = _fields(value, path, languages)
    if rule == "media_requests":
        return MediaRequestFacts(cast(dict[Lang, MediaRequests], _per_language(obj, path, _media_requests)))
    readers: Mapping[str, tuple[str, Callable[[object, str], object]]] = {
        "met": ("met", _flag),
        "attainment": ("attainment", _decimal),
        "bands": (str(indicator.measure), _decimal),
        "category_average": ("events", _texts),
        "penalty_share": ("failing", _whole),
    }
    name, read = readers[rule]
    values = _per_language(obj, path, _language_field(name, read))
    builders: Mapping[str, Callable[[dict[Lang, object]], IndicatorFacts]] = {
        "met": lambda v: MetFacts(cast(dict[Lang, bool], v)),
        "attainment": lambda v: AttainmentFacts(cast(dict[Lang, Decimal], v)),
        "bands": lambda v: LanguageMeasureFacts(cast(dict[Lang, Decimal], v)),
        "category_average": lambda v: EventFacts(cast(dict[Lang, tuple[str, ...]], v)),
        "penalty_share": lambda v: PenaltyFacts(cast(dict[Lang, int], v)),
    }
    return builders[rule](values)


def _indicators(version: OpennessVersion, value: object, path: str) -> dict[str, IndicatorFacts]:
    multipliers = {c.multiplier.id: c.multiplier.measure for c in version.criteria if c.multiplier}
    facts: dict[str, IndicatorFacts] = {}
    for key, given in _object(value, path).items():
        at = f'{path}["{key}"]'
        if key in multipliers:
            measure = multipliers[key]
            facts[key] = CommonMeasureFacts(_decimal(_fields(given, at, (measure,))[measure], _at(at, measure)))
        elif key in version.indicators:
            facts[key] = _indicator_facts(version.indicators[key], given, at)
        else:
            raise ScoringInputError(at, f"unknown indicator of {version.act.id}")
    return facts


def _body(version: OpennessVersion, value: object, path: str) -> BodyFacts:
    obj = _fields(value, path, ("id", "kind", "indicators"), ("exemptions", "subordinate_organisations"))
    kind = _text(obj["kind"], _at(path, "kind"))
    if kind not in ("central", "local"):
        raise ScoringInputError(_at(path, "kind"), "must be central or local")
    subordinates_path = _at(path, "subordinate_organisations")
    if kind == "central" and "subordinate_organisations" not in obj:
        raise ScoringInputError(subordinates_path, "is required for a central body (002 Annex 10 table 8)")
    if kind == "local" and "subordinate_organisations" in obj:
        raise ScoringInputError(subordinates_path, "local bodies' subordinate organisations are not assessed")
    return BodyFacts(
        id=_text(obj["id"], _at(path, "id")),
        kind=cast(BodyKind, kind),
        exemptions=frozenset(_texts(obj.get("exemptions", []), _at(path, "exemptions"))),
        subordinate_organisations=_whole(obj.get("subordinate_organisations", 0), subordinates_path),
        indicators=_indicators(version, obj["indicators"], _at(path, "indicators")),
    )


def parse_openness(version: OpennessVersion, data: object) -> tuple[BodyFacts, ...]:
    """The openness input ``{"bodies": [...]}``: one or more bodies scored as one group."""
    bodies = _fields(data, "", ("bodies",))["bodies"]
    if not isinstance(bodies, list) or not bodies:
        raise ScoringInputError("bodies", "must be a non-empty list")
    return tuple(_body(version, body, f"bodies[{index}]") for index, body in enumerate(bodies))
