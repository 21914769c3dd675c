"""The bounds every API input applies (``BoundedSchema``, ARCHITECTURE rule 13): the same rules as the forms.

An input schema derives from ``BoundedSchema`` instead of ``ninja.Schema``; each of its text, date,
date-time, ``year`` and ``quarter`` fields is checked by ``ashyq.core.bounds`` and a value outside the
bounds is a 422 whose message names the field. A text field is capped at the ``max_length`` of the field of
the same name in ``limits_from`` (the models the schema writes), else at ``ASHYQ_TEXT_MAX_CHARS``. A date
must be written ``YYYY-MM-DD`` (a number is not read as a Unix time).

The same bounds are written into the schema's JSON Schema, and so into the OpenAPI schema, each time it is
produced (issue 15 item 6): ``maxLength`` and a pattern without control characters for text, a ``pattern``
of the days within the bounds beside ``format: date``/``date-time``, ``minimum``/``maximum`` for a year and
a quarter. A client generated from the schema knows them; schemathesis checks that both agree.
"""

from __future__ import annotations

import datetime
import types
from typing import Any, ClassVar, Union, get_args, get_origin

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from ninja import Schema
from pydantic import GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

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


def _date_kind(annotation: Any) -> str:
    """``"datetime"``, ``"date"`` or ``""`` for a field's type (``date | None`` and ``list[date]`` included)."""
    if annotation is datetime.datetime:
        return "datetime"
    if annotation is datetime.date:
        return "date"
    if get_origin(annotation) in (Union, types.UnionType, list, tuple):
        kinds = {_date_kind(argument) for argument in get_args(annotation)} - {""}
        return "datetime" if "datetime" in kinds else kinds.pop() if kinds else ""
    return ""


def _bound_property(node: dict[str, Any], name: str, limit: int | None) -> None:
    """Write the bounds of field ``name`` into its JSON Schema ``node`` (and its ``anyOf``/``items``)."""
    for alternative in node.get("anyOf", []):
        _bound_property(alternative, name, limit)
    if isinstance(node.get("items"), dict):
        _bound_property(node["items"], name, limit)
    kind = node.get("type")
    if kind == "string" and node.get("format") in ("date", "date-time"):
        node["pattern"] = bounds.date_pattern(with_time=node["format"] == "date-time")
    elif kind == "string" and "enum" not in node and "const" not in node:
        cap = limit or bounds.text_limit()
        node["maxLength"] = min(node.get("maxLength", cap), cap)
        node.setdefault("pattern", bounds.NO_CONTROL_CHARACTER)
    elif kind == "integer" and (name == "year" or name.endswith("_year")):
        years = bounds.year_range()
        node["minimum"], node["maximum"] = max(node.get("minimum", years[0]), years[0]), years[-1]
    elif kind == "integer" and name == "quarter":
        node["minimum"], node["maximum"] = bounds.QUARTERS[0], bounds.QUARTERS[-1]


class BoundedSchema(Schema):
    limits_from: ClassVar[tuple[type[Model], ...]] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _iso_dates(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        kind = _date_kind(cls.model_fields[name].annotation)
        if not kind or value is None:
            return value
        try:
            for item in value if isinstance(value, (list, tuple)) else [value]:
                bounds.check_iso(item, name, with_time=kind == "datetime")
        except bounds.OutOfBounds as error:
            raise ValueError(error.message) from None
        return value

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

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        target = handler.resolve_ref_schema(json_schema)
        names = {field.alias or name: name for name, field in cls.model_fields.items()}
        for key, node in target.get("properties", {}).items():
            name = names.get(key, key)
            _bound_property(node, name, _model_limit(cls.limits_from, name))
        return json_schema
