"""Numbers on pages in the reader's language (issue 11 item 4)."""

from __future__ import annotations

from django import template

from ashyq.core.i18n import shown_decimal

register = template.Library()


@register.filter
def shown(display: str | None) -> str:
    """``{{ score.display|shown }}``: ``25.0`` → ``25,0`` on a Kazakh or Russian page."""
    return shown_decimal(display) if display else "—"
