"""Every label of the registry is translated into Kazakh and Russian (issue 6: kk/ru per app)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "ashyq" / "registry" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_empty_or_fuzzy_message(language: str) -> None:
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 100
    assert [entry.msgid for entry in catalog if not entry.translated()] == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").stat().st_mtime >= 0
