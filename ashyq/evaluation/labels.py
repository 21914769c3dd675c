"""How an indicator is named on pages and in documents: its clause and official name in the reader's language."""

from __future__ import annotations

from django.utils.translation import get_language

from ashyq.core.i18n import in_language
from ashyq.methodology.versions import OpennessVersion

LANGUAGE_NAMES = {"kk": "қаз.", "ru": "рус."}


def indicator_name(version: OpennessVersion, indicator: str, language: str) -> str:
    """«002 Annex 10 table 6 item 3 — its name (қаз.)» in the active language; the language version last."""
    found = version.indicators.get(indicator)
    if found is None:
        return indicator
    lang = get_language() if get_language() in {"kk", "ru", "en"} else "kk"
    text = f"{found.clause.render(lang)} — {in_language(found.names.kk, found.names.ru)}"
    return f"{text} ({LANGUAGE_NAMES[language]})" if language else text
