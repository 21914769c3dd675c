"""Presentation of the acts' numbers: points written as the acts write them (``2,5`` in kk and ru)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import pgettext

from ashyq.methodology.models import display_language
from ashyq.methodology.versions import plain

register = template.Library()


@register.filter
def points(value: Decimal | None) -> str:
    """A decimal without trailing zeros, with a decimal comma in Kazakh and Russian; ``—`` when absent."""
    if value is None:
        return "—"
    text = plain(value)
    return text if display_language() == "en" else text.replace(".", ",")


@register.filter
def parameter_value(value: str) -> str:
    """A parameter's value for people: a number the acts' way, yes/no for a switch, and nothing for a named choice
    (its rule, beside it, says what was chosen) — never an internal code (issue 11 item 4)."""
    if value in {"true", "True"}:
        return pgettext("audit value", "yes")
    if value in {"false", "False"}:
        return pgettext("audit value", "no")
    try:
        number = Decimal(value)
    except ArithmeticError:
        return ""
    return points(number)
