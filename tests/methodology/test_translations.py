"""Every label of the methodology app has its Kazakh and Russian text (ARCHITECTURE rule 9)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

from ashyq.methodology.models import Effect, MethodologyVersion

LOCALE = Path(__file__).resolve().parents[2] / "ashyq" / "methodology" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_kazakh_or_russian_message_is_empty_or_fuzzy(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in po if not entry.translated()] == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


def test_the_compiled_catalogue_is_used() -> None:
    with translation.override("kk"):
        assert str(MethodologyVersion._meta.verbose_name) == "әдістеме нұсқасы"
    with translation.override("ru"):
        assert str(Effect.GROUP_AVERAGE.label) == "присваивается средний балл органов группы"
