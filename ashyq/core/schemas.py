"""The bounds every API input applies (``BoundedSchema``, ARCHITECTURE rule 13): the same rules as the forms.

An input schema derives from ``BoundedSchema`` instead of ``ninja.Schema``; each of its text, date,
date-time, ``year`` and ``quarter`` fields is checked by ``ashyq.core.bounds`` and a value outside the
bounds is a 422 whose message names the field. ``text_limits`` caps a short text field below the
default ``ASHYQ_TEXT_MAX_CHARS`` (its model's ``max_length``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from ninja import Schema
from pydantic import ValidationInfo, field_validator

from ashyq.core import bounds


class BoundedSchema(Schema):
    text_limits: ClassVar[dict[str, int]] = {}

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        values = value if isinstance(value, (list, tuple)) else [value]
        try:
            for item in values:
                bounds.check_value(item, name, limit=cls.text_limits.get(name))
        except bounds.OutOfBounds as error:
            raise ValueError(error.message) from None
        return value
