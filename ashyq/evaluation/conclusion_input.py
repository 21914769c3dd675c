"""The conclusion's details as JSON (``score openness --conclusion``), checked field by field.

    {"body": "ministry-of-defence",
     "body_name": {"kk": "Қазақстан Республикасы Қорғаныс министрлігі", "ru": "Министерство обороны ..."},
     "period": {"start": "2025-01-01", "end": "2025-12-31"},
     "head": "А. Б. Сейітов",
     "signed_on": "2026-03-02",
     "recommendations": {"kk": "...", "ru": "..."}}

``signed_on`` and ``recommendations`` (either language) may be left out: the date line stays blank for the
handwritten date, the recommendations are prefilled from the lost points. Errors name the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ashyq.evaluation.conclusion import (
    DOCUMENT_LANGUAGES,
    Conclusion,
    ConclusionDetails,
    DocumentLanguage,
    build_conclusion,
)
from ashyq.evaluation.engine import parse_openness, score_openness
from ashyq.methodology.versions import Names, openness_version

FIELDS = {"body", "body_name", "period", "head", "signed_on", "recommendations"}
NAME_LIMIT = 500
TEXT_LIMIT = 20_000


class ConclusionInputError(ValueError):
    """A details file refused: the message begins with the field's path."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


def _text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConclusionInputError(field, "must be a non-empty text")
    if len(value) > limit:
        raise ConclusionInputError(field, f"must be at most {limit} characters")
    return value.strip()


def _date(value: Any, field: str) -> date:
    if not isinstance(value, str):
        raise ConclusionInputError(field, "must be a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConclusionInputError(field, "must be a date YYYY-MM-DD") from None


def _object(value: Any, field: str, keys: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConclusionInputError(field, "must be an object")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise ConclusionInputError(f"{field}.{unknown[0]}" if field else unknown[0], "unknown field")
    for key in sorted(required):
        if key not in value:
            raise ConclusionInputError(f"{field}.{key}" if field else key, "is required")
    return value


def parse_details(data: Any) -> tuple[str, ConclusionDetails]:
    """The body's id and its :class:`ConclusionDetails` from the details JSON."""
    root = _object(data, "", FIELDS, {"body", "body_name", "period", "head"})
    body = _text(root["body"], "body", NAME_LIMIT)
    names = _object(root["body_name"], "body_name", {"kk", "ru"}, {"kk", "ru"})
    period = _object(root["period"], "period", {"start", "end"}, {"start", "end"})
    start, end = _date(period["start"], "period.start"), _date(period["end"], "period.end")
    if end < start:
        raise ConclusionInputError("period.end", f"must not be before period.start ({start.isoformat()})")
    written = _object(root.get("recommendations", {}), "recommendations", {"kk", "ru"}, set())
    recommendations: dict[DocumentLanguage, str] = {
        lang: _text(written[lang], f"recommendations.{lang}", TEXT_LIMIT)
        for lang in DOCUMENT_LANGUAGES
        if lang in written
    }
    details = ConclusionDetails(
        body_name=Names(_text(names["kk"], "body_name.kk", NAME_LIMIT), _text(names["ru"], "body_name.ru", NAME_LIMIT)),
        period_start=start,
        period_end=end,
        head_name=_text(root["head"], "head", NAME_LIMIT),
        signed_on=_date(root["signed_on"], "signed_on") if "signed_on" in root else None,
        recommendations=recommendations,
    )
    return body, details


def conclusion_from_json(data: Any, details: Any, *, language: DocumentLanguage, on: date) -> Conclusion:
    """Score the openness input as one group and build the conclusion of the body the details name."""
    body_id, parsed = parse_details(details)
    version = openness_version(on)
    scores = score_openness(version, parse_openness(version, data))
    score = next((score for score in scores if score.body_id == body_id), None)
    if score is None:
        known = ", ".join(score.body_id for score in scores)
        raise ConclusionInputError("body", f"{body_id!r} is not a body of the input ({known})")
    return build_conclusion(version, score, parsed, language)
