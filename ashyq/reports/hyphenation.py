"""Hyphenation of the PDFs' text in Kazakh and Russian (issue 11 item 6).

WeasyPrint hyphenates with pyphen's dictionaries, which have none for Kazakh: a Kazakh word too long for its
column was cut anywhere, without a hyphen («Жобаны ң»). So before WeasyPrint sees the HTML, each long Cyrillic
word of the body's text gets soft hyphens (U+00AD) at its allowed breaks; a soft hyphen is invisible unless the
line breaks there, and then it shows as a hyphen.

Kazakh words are split into syllables by the rules of Kazakh spelling: every syllable holds one vowel; one
consonant between two vowels begins the next syllable (V|CV: жо-ба), two consonants are split between the
syllables (VC|CV: қа-был-дан-ды), of three the last begins the next syllable (VCC|CV: айт-ты); у and и after a
vowel are consonants (а-уыл); ь and ъ stay with the letter before them; no line begins or ends with a single
letter. Russian words are hyphenated by pyphen's Russian dictionary.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("аәеёиіоөуұүыэюя")
SEMIVOWELS = frozenset("уи")  # a consonant (w, j) after a vowel
SIGNS = frozenset("ьъ")
SHORTEST = 5  # a shorter word is never broken: it would leave one letter, or two, alone
WORD = re.compile(rf"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{{{SHORTEST},}}")
BODY_TEXT = re.compile(r"(?s)(<body.*?>)(.*)(</body>)")
TEXT_NODE = re.compile(r">([^<]+)<")


def _is_vowel(word: str, index: int) -> bool:
    letter = word[index]
    if letter not in VOWELS:
        return False
    return not (letter in SEMIVOWELS and index > 0 and word[index - 1] in VOWELS)


def kazakh_breaks(word: str) -> list[int]:
    """The positions in ``word`` where a line may break, by the Kazakh syllable rules above."""
    lower = word.lower()
    vowels = [index for index in range(len(lower)) if _is_vowel(lower, index)]
    breaks = []
    for before, after in itertools.pairwise(vowels):
        position = after if after - before == 1 else after - 1  # V|V, or before the cluster's last consonant
        while position < after and lower[position] in SIGNS:
            position += 1
        if 1 < position < len(word) - 1:
            breaks.append(position)
    return breaks


@lru_cache(maxsize=1)
def _russian() -> object:
    import pyphen

    return pyphen.Pyphen(lang="ru_RU", left=2, right=2)


@lru_cache(maxsize=50_000)
def _hyphenated(word: str, language: str) -> str:
    if language == "ru":
        return _russian().inserted(word, hyphen=SOFT_HYPHEN)  # type: ignore[attr-defined, no-any-return]
    pieces, start = [], 0
    for position in kazakh_breaks(word):
        pieces.append(word[start:position])
        start = position
    pieces.append(word[start:])
    return SOFT_HYPHEN.join(pieces)


def hyphenate(text: str, language: str) -> str:
    """``text`` with soft hyphens in its long Cyrillic words (Kazakh rules for kk, pyphen for ru)."""
    if language not in {"kk", "ru"}:
        return text
    return WORD.sub(lambda match: _hyphenated(match.group(0), language), text)


def hyphenate_html(html: str, language: str) -> str:
    """The same for the text between the tags of an HTML document's body (never its tags or its style)."""
    if language not in {"kk", "ru"}:
        return html
    return BODY_TEXT.sub(
        lambda body: (
            body.group(1)
            + TEXT_NODE.sub(lambda node: ">" + hyphenate(node.group(1), language) + "<", body.group(2))
            + body.group(3)
        ),
        html,
        count=1,
    )
