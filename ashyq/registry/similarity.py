"""Which registered channels resemble an application — help for criterion 1 of 004 §4 (no duplication).

Offline and explainable, in plain Python (see docs/adr/0012): each text (name + functional purpose, in
Kazakh and Russian) becomes a bag of word stems — lower-cased words of letters, cut to their first
``STEM_LENGTH`` letters so that Kazakh suffixes and Russian endings meet («порталы», «порталға» → «портал»),
without a list of common words. Stems are weighted by TF-IDF over the registered channels and the
application (smoothed idf = ln((1 + n) / (1 + df)) + 1); the score is the cosine of the two vectors,
0–1. The shared stems with the largest weights are shown beside each score so the analyst sees why.
The analyst decides; the score only orders the list.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

STEM_LENGTH = 6
MIN_WORD_LENGTH = 3
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Function words of both languages that carry no meaning for a channel's function.
STOP_WORDS = frozenset(
    {
        "және", "мен", "пен", "бен", "үшін", "арқылы", "бойынша", "туралы", "немесе", "осы", "оның",
        "для", "или", "при", "через", "что", "как", "это", "его", "также", "все", "the", "and", "for",
    }
)  # fmt: skip


def stems(text: str) -> list[str]:
    """The text's word stems, in order, function words left out."""
    words = (word.lower() for word in WORD.findall(text))
    return [word[:STEM_LENGTH] for word in words if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS]


@dataclass(frozen=True)
class Match:
    """One candidate: its key (a channel id), the cosine score and the shared stems that weigh most."""

    key: int
    score: float
    shared: tuple[str, ...]


def _idf(documents: Sequence[Counter[str]]) -> dict[str, float]:
    count = len(documents)
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(document.keys())
    return {stem: math.log((1 + count) / (1 + df)) + 1 for stem, df in frequency.items()}


def _vector(document: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    weights = {stem: tf * idf[stem] for stem, tf in document.items()}
    norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
    return {stem: weight / norm for stem, weight in weights.items()}


def most_similar(
    query: str, candidates: Sequence[tuple[int, str]], *, limit: int = 5, top_terms: int = 5
) -> list[Match]:
    """The ``limit`` candidates (key, text) with the highest cosine to ``query``; zero scores left out."""
    query_bag = Counter(stems(query))
    bags = [Counter(stems(text)) for _key, text in candidates]
    idf = _idf([query_bag, *bags])
    query_vector = _vector(query_bag, idf)
    matches = []
    for (key, _text), bag in zip(candidates, bags, strict=True):
        vector = _vector(bag, idf)
        products = {stem: query_vector[stem] * vector[stem] for stem in query_vector.keys() & vector.keys()}
        score = sum(products.values())
        if score > 0:
            shared = tuple(sorted(products, key=lambda stem: (-products[stem], stem))[:top_terms])
            matches.append(Match(key=key, score=round(score, 3), shared=shared))
    matches.sort(key=lambda match: (-match.score, match.key))
    return matches[:limit]
