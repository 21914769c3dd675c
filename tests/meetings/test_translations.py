"""Every label of the app has its Kazakh and Russian text (ARCHITECTURE rule 9)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

from ashyq.meetings.models import Meeting

LOCALE = Path(__file__).resolve().parents[2] / "ashyq" / "meetings" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_kazakh_or_russian_message_is_empty_or_fuzzy(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    empty = [entry.msgid for entry in po if not entry.translated()]
    assert empty == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


def test_the_compiled_catalogue_is_used() -> None:
    with translation.override("ru"):
        assert str(Meeting.Status.RESULTS_PUBLISHED.label) == "итоги и план действий размещены"
    with translation.override("kk"):
        assert str(Meeting._meta.verbose_name) == "халықпен кездесу"
