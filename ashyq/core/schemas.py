"""The bounds every API input applies (``BoundedSchema``, ARCHITECTURE rule 13): the same rules as the forms.

An input schema derives from ``BoundedSchema`` instead of ``ninja.Schema``; each of its text, date,
date-time, ``year`` and ``quarter`` fields is checked by ``ashyq.core.bounds`` and a value outside the
bounds is a 422 whose message names the field. A text field is capped at the ``max_length`` of the field of
the same name in ``limits_from`` (the models the schema writes), else at ``ASHYQ_TEXT_MAX_CHARS``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from ninja import Schema
from pydantic import ValidationInfo, field_validator

from ashyq.core import bounds


def _model_limit(models: tuple[type[Model], ...], name: str) -> int | None:
    for model in models:
        try:
            limit = getattr(model._meta.get_field(name), "max_length", None)
        except FieldDoesNotExist:
            continue
        if limit:
            return int(limit)
    return None


class BoundedSchema(Schema):
    limits_from: ClassVar[tuple[type[Model], ...]] = ()

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        values = value if isinstance(value, (list, tuple)) else [value]
        limit = _model_limit(cls.limits_from, name)
        try:
            for item in values:
                bounds.check_value(item, name, limit=limit)
        except bounds.OutOfBounds as error:
            raise ValueError(error.message) from None
        return value
