"""Presentation of the acts' numbers: points written as the acts write them (``2,5`` in kk and ru)."""

from __future__ import annotations

from decimal import Decimal

from django import template

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
