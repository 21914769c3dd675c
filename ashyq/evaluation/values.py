"""The fields of one stored value per rule: what forms ask, what imports read, what services check.

One place for the shape and bounds of a reported value (STYLE 13); the engine checks the same ranges again
when it scores. ``value_clean`` returns the value as stored (decimals as strings, so no float is stored).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ashyq.core.i18n import active_language
from ashyq.evaluation.facts import Slot
from ashyq.methodology.versions import OpennessVersion

FieldType = Literal["flag", "whole", "decimal", "events"]
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class ValueField:
    """One field of a value: its key in the engine's input, its type, bounds and label."""

    name: str
    type: FieldType
    label: Any
    maximum: Decimal | None = None


MET = ValueField("met", "flag", gettext_lazy("met"))
ATTAINMENT = ValueField("attainment", "decimal", gettext_lazy("attainment share, 0 to 1"), Decimal(1))
PERCENT = ValueField("satisfied_percent", "decimal", gettext_lazy("share satisfied, %"), Decimal(100))
POSTS = ValueField("posts", "whole", gettext_lazy("blog posts"))
EVENTS = ValueField("events", "events", gettext_lazy("publicity category of each event"))
EVENTS_TOTAL = ValueField("events_total", "whole", gettext_lazy("events held in all"))
HIGH = ValueField("high_publicity_events", "whole", gettext_lazy("high-publicity events"))
RECEIVED = ValueField("received", "whole", gettext_lazy("media requests received"))
ANSWERED = ValueField("answered", "whole", gettext_lazy("answered"))
LATE = ValueField("late", "whole", gettext_lazy("answered late"))
FAILING = ValueField("failing", "whole", gettext_lazy("subordinate organisations failing the indicator"))


def value_fields(slot: Slot) -> tuple[ValueField, ...]:
    """The fields of a slot's value (docs/methodology.md, the rules' table)."""
    match slot.rule:
        case "met":
            return (MET,)
        case "attainment":
            return (ATTAINMENT,)
        case "bands" | "multiplier":
            return (PERCENT,) if slot.measure == "satisfied_percent" else (POSTS,)
        case "category_average":
            return (EVENTS,)
        case "publicity":
            return (EVENTS_TOTAL,) if slot.language == "" else (HIGH,)
        case "media_requests":
            return (RECEIVED, ANSWERED, LATE)
        case "penalty_share":
            return (FAILING,)
    raise ValueError(slot.rule)


def _field_value(field: ValueField, raw: Any, version: OpennessVersion, slot: Slot) -> Any:
    if field.type == "flag":
        if not isinstance(raw, bool):
            raise ValidationError({field.name: _("Choose yes or no.")})
        return raw
    if field.type == "events":
        keys = {level.key for level in version.indicators[slot.indicator].levels}
        if not isinstance(raw, list) or any(item not in keys for item in raw):
            raise ValidationError({field.name: _("Choose a publicity category for every event.")})
        return list(raw)
    try:
        number = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError({field.name: _("Enter a number.")}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({field.name: _("Enter a number that is zero or more.")})
    if field.type == "whole":
        if number != number.to_integral_value() or number > MAX_COUNT:
            raise ValidationError({field.name: _("Enter a whole number up to 1,000,000.")})
        return int(number)
    if field.maximum is not None and number > field.maximum:
        raise ValidationError({field.name: _("Enter a number up to %(maximum)s.") % {"maximum": field.maximum}})
    return f"{number.normalize():f}"


def value_clean(slot: Slot, raw: Mapping[str, Any], version: OpennessVersion) -> dict[str, Any]:
    """The value as stored, or ``ValidationError`` naming each bad field."""
    errors: dict[str, list[str]] = {}
    value: dict[str, Any] = {}
    for field in value_fields(slot):
        if field.name not in raw or raw[field.name] in (None, ""):
            errors[field.name] = [str(_("Enter a value."))] if field.type != "events" else []
            if field.type == "events":
                value[field.name] = []
                del errors[field.name]
            continue
        try:
            value[field.name] = _field_value(field, raw[field.name], version, slot)
        except ValidationError as error:
            errors.update(error.message_dict)
    if not errors and slot.rule == "media_requests":
        if value["answered"] > value["received"]:
            errors["answered"] = [str(_("Answered requests cannot exceed those received."))]
        elif value["late"] > value["answered"]:
            errors["late"] = [str(_("Late answers cannot exceed the answered requests."))]
    if errors:
        raise ValidationError(errors)
    return value


def value_display(slot: Slot, value: Mapping[str, Any] | None, version: OpennessVersion) -> str:
    """A stored value in words for a page: ``met: yes``, ``received 8, answered 8, answered late 1``."""
    if value is None:
        return "—"
    parts = []
    for field in value_fields(slot):
        item = value.get(field.name)
        if field.type == "flag":
            parts.append(f"{field.label}: {_('yes') if item else _('no')}")
        elif field.type == "events":
            levels = {level.key: level.names.ru for level in version.indicators[slot.indicator].levels}
            counts: dict[str, int] = {}
            for key in item or []:
                counts[key] = counts.get(key, 0) + 1
            parts.append("; ".join(f"{levels.get(key, key)}: {count}" for key, count in counts.items()) or "—")
        else:
            parts.append(f"{field.label}: {str(item).replace('.', ',') if active_language() != 'en' else item}")
    return "; ".join(parts)
