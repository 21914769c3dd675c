"""Every message of the feedback app has its Kazakh and Russian translation, compiled."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "ashyq" / "feedback" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_message_is_left_untranslated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    empty = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert empty == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").stat().st_mtime >= (
        LOCALE / language / "LC_MESSAGES" / "django.po"
    ).stat().st_mtime - 1


def test_the_legal_terms_read_as_the_act_words_them():
    with translation.override("kk"):
        assert translation.gettext("remark or proposal") == "ескерту немесе ұсыныс"
    with translation.override("ru"):
        assert translation.gettext("Reason for rejection") == "Причина непринятия"
