"""Template filters of the campaign pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def language_label(language: str) -> str:
    return {"kk": _("in Kazakh"), "ru": _("in Russian")}.get(language, _("both languages"))
