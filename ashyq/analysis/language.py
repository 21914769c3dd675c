"""The language of an appeal, comment or conference question: Kazakh, Russian, mixed or other (issue 12, item 1).

Pure Python over lingua (its models ship inside the wheel; nothing is downloaded). The rule, with its named
parameters:

1. A text with fewer than ``MIN_LETTERS`` letters is ``other`` (nothing to read: "+", "👍", "???").
2. lingua, restricted to ``CANDIDATES`` (Kazakh, Russian and the languages people in Kazakhstan also write in,
   so that an English or Ukrainian text is not forced into Kazakh or Russian), splits the text into runs of one
   language and counts each run's words.
3. **Mixed**: both Kazakh and Russian runs have at least ``MIXED_MIN_WORDS`` words and the smaller of the two has
   at least ``MIXED_MIN_SHARE`` of their sum ("Мен сізге айтайын, это вообще не нормально" is mixed; a Russian
   appeal that quotes one Kazakh word is Russian).
4. Otherwise the language with the most words; a language other than Kazakh or Russian is ``other``.
5. Kazakh-specific letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) decide when lingua is unsure (top confidence below
   ``UNSURE_BELOW``) between Kazakh and Russian: with at least one word holding them the text is Kazakh,
   without any it is Russian.
"""

from __future__ import annotations

import enum
import functools
import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

MIN_LETTERS = 3
MIXED_MIN_WORDS = 2
MIXED_MIN_SHARE = 0.2
UNSURE_BELOW = 0.6
CANDIDATES = (Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH, Language.UKRAINIAN, Language.TURKISH)
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

_LETTER = re.compile(r"[^\W\d_]")


class TextLanguage(enum.StrEnum):
    KAZAKH = "kk"
    RUSSIAN = "ru"
    MIXED = "mixed"
    OTHER = "other"


@functools.cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).with_preloaded_language_models().build()


def has_kazakh_letters(text: str) -> bool:
    return not KAZAKH_LETTERS.isdisjoint(text)


def _of(language: Language | None) -> TextLanguage:
    if language == Language.KAZAKH:
        return TextLanguage.KAZAKH
    if language == Language.RUSSIAN:
        return TextLanguage.RUSSIAN
    return TextLanguage.OTHER


def _word_counts(text: str) -> dict[Language, int]:
    counts: dict[Language, int] = {}
    for run in _detector().detect_multiple_languages_of(text):
        counts[run.language] = counts.get(run.language, 0) + run.word_count
    return counts


def _single(text: str) -> TextLanguage:
    confidences = _detector().compute_language_confidence_values(text)
    top = confidences[0]
    if top.value < UNSURE_BELOW and top.language in (Language.KAZAKH, Language.RUSSIAN):
        return TextLanguage.KAZAKH if has_kazakh_letters(text) else TextLanguage.RUSSIAN
    return _of(top.language)


def detect(text: str) -> TextLanguage:
    """Kazakh, Russian, mixed or other, by the rule in the module's docstring."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return TextLanguage.OTHER
    counts = _word_counts(text)
    kk, ru = counts.get(Language.KAZAKH, 0), counts.get(Language.RUSSIAN, 0)
    if min(kk, ru) >= MIXED_MIN_WORDS and min(kk, ru) / (kk + ru) >= MIXED_MIN_SHARE:
        return TextLanguage.MIXED
    return _single(text)
