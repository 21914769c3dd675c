"""Issue 11 item 6: Kazakh and Russian words in PDFs break at their syllables, with a hyphen, not anywhere."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ashyq.reports.hyphenation import SOFT_HYPHEN, hyphenate, hyphenate_html, kazakh_breaks
from ashyq.reports.pdf import render_pdf


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Жобаның", "Жо-ба-ның"),  # V|CV
        ("қабылданды", "қа-был-дан-ды"),  # VC|CV
        ("айтты", "айт-ты"),  # VCC|CV
        ("ауылдағы", "ауыл-да-ғы"),  # у after a vowel is a consonant; "а" is never left alone
        ("Денсаулық", "Ден-сау-лық"),
        ("пальто", "паль-то"),  # ь stays with its letter
        ("статья", "статья"),  # "я" would be left alone
        ("Қоян", "Қоян"),  # too short to break
    ],
)
def test_kazakh_words_break_between_their_syllables(word, syllables):
    assert hyphenate(word, "kk").replace(SOFT_HYPHEN, "-") == syllables
    assert all(1 < position < len(word) - 1 for position in kazakh_breaks(word))


def test_russian_words_break_by_the_russian_dictionary_and_other_text_is_left_alone():
    assert hyphenate("предложение", "ru").replace(SOFT_HYPHEN, "-") == "пред-ло-же-ние"
    assert hyphenate("Жобаның https://legalacts.egov.kz", "en") == "Жобаның https://legalacts.egov.kz"
    assert hyphenate("5-тармақ, 2026", "kk") == "5-тар\u00adмақ, 2026"


def test_only_the_bodys_text_is_hyphenated_never_a_tag_or_the_style():
    html = (
        '<html lang="kk"><head><title>Қабылданды</title></head><body><p class="қабылданды">Қабылданды</p></body></html>'
    )
    hyphenated = hyphenate_html(html, "kk")
    assert "<title>Қабылданды</title>" in hyphenated and 'class="қабылданды"' in hyphenated
    assert ">Қа\u00adбыл\u00adдан\u00adды<" in hyphenated


def test_a_narrow_column_of_a_kazakh_pdf_breaks_words_with_a_hyphen():
    # given the Kazakh draft report with "Жобаның қабылданды" in its narrow clause column (9 % of the width)
    row = [1, "Асан", "Ескерту", "Жобаның қабылданды қабылданды", "02.09.2026", "", "", ""]
    context = {"language": "kk", "title": "Есеп", "headers": list("ABCDEFGH"), "rows": [row]}
    # when it is rendered
    text = PdfReader(io.BytesIO(render_pdf("feedback/report.html", context))).pages[0].extract_text()
    # then the words break at syllables, each break marked with a hyphen
    lines = text.split("\n")
    broken = [line for line in lines if line.endswith("\u2010")]
    assert broken, lines
    allowed = ("Жо\u2010", "Жоба\u2010", "қа\u2010", "қабыл\u2010", "қабылдан\u2010")
    assert all(line.split()[-1] in allowed for line in broken), lines
    assert not any(line.endswith(("Жобан", "қабылд", "қаб")) for line in lines), lines
