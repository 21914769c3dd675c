"""Every label of the registry is translated into Kazakh and Russian (issue 6: kk/ru per app)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

LOCALE = Path(__file__).resolve().parents[2] / "ashyq" / "registry" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_empty_or_fuzzy_message(language: str) -> None:
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 100
    assert [entry.msgid for entry in catalog if not entry.translated()] == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").stat().st_mtime >= 0


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_other_app_shadows_a_registry_message(language: str) -> None:
    # given Django's merged catalogues (an app listed earlier wins a shared msgid)
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    with translation.override(language):
        shown = {
            entry.msgid: pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else gettext(entry.msgid)
            for entry in catalog
            if not entry.msgid_plural
        }
    # then every registry label is shown as the registry's catalogue words it
    assert {msgid: text for msgid, text in shown.items() if text != catalog.find(msgid).msgstr} == {}
