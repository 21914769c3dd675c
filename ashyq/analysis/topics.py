"""Topics of a quarter's appeals and comments (issue 12, item 4; 000 §17).

Pure Python over scikit-learn; no ORM, no model download. Steps and their named parameters:

1. Words of the normalised text, at least ``MIN_WORD_LENGTH`` letters, not digits, not in the Kazakh and Russian
   stop word lists shipped in ``stopwords/`` (function words and the words every appeal uses), cut to their first
   ``STEM_LENGTH`` letters — a crude stem that joins the forms of one word in both agglutinative Kazakh and
   inflected Russian («жолды», «жолдар»; «дороги», «дорогу»).
2. TF-IDF over those stems (terms in at least ``MIN_DOCUMENT_FREQUENCY`` texts, at most ``MAX_TERMS`` terms).
3. NMF into ``topic_count(n)`` topics: one per ``TEXTS_PER_TOPIC`` texts, between 1 and ``MAX_TOPICS``.
4. Each text goes to its heaviest topic; a text with no known term is left out (``UNASSIGNED``).
5. A topic is described by its ``TOP_TERMS`` heaviest stems, each shown as its most frequent full word, and by
   ``EXAMPLES`` texts with the largest weight in it.

The officer names the topics, merges and splits them; ``split`` runs steps 2–5 again on one topic's texts.
"""

from __future__ import annotations

import functools
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from ashyq.analysis.duplicates import normalise

MIN_WORD_LENGTH = 2
STEM_LENGTH = 5
MIN_DOCUMENT_FREQUENCY = 2
MAX_TERMS = 5000
TEXTS_PER_TOPIC = 15
MAX_TOPICS = 10
TOP_TERMS = 8
EXAMPLES = 3
UNASSIGNED = -1

_STOP_WORDS_DIR = Path(__file__).parent / "stopwords"


@functools.cache
def stop_words() -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(_STOP_WORDS_DIR.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        words.update(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(words)


def words(text: str) -> list[str]:
    """The words of ``text`` that may carry its subject (step 1, before stemming)."""
    stop = stop_words()
    return [w for w in normalise(text).split() if len(w) >= MIN_WORD_LENGTH and not w.isdigit() and w not in stop]


def stem(word: str) -> str:
    return word[:STEM_LENGTH]


def topic_count(texts: int) -> int:
    return max(1, min(MAX_TOPICS, texts // TEXTS_PER_TOPIC))


@dataclass(frozen=True, slots=True)
class FoundTopic:
    """One topic: its describing words, the indices of its texts, and of its example texts."""

    terms: list[str]
    members: list[int]
    examples: list[int]


def _analyse(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def find_topics(texts: Sequence[str], count: int | None = None) -> list[FoundTopic]:
    """The topics of ``texts`` by steps 2–5, largest first; an empty list when no term repeats."""
    vectorizer = TfidfVectorizer(analyzer=_analyse, min_df=MIN_DOCUMENT_FREQUENCY, max_features=MAX_TERMS)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no term in at least MIN_DOCUMENT_FREQUENCY texts
        return []
    stems = vectorizer.get_feature_names_out()
    wanted = min(count or topic_count(len(texts)), len(stems), len(texts))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # nndsvda on a handful of texts
        model = NMF(n_components=wanted, init="nndsvda", random_state=0, max_iter=400)
        weights = model.fit_transform(matrix)
    surface = _surface_words(texts)
    assigned = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), UNASSIGNED)
    found = []
    for number in range(wanted):
        members = np.flatnonzero(assigned == number)
        if not len(members):
            continue
        heaviest = np.argsort(-model.components_[number])[:TOP_TERMS]
        terms = [surface.get(stems[i], stems[i]) for i in heaviest if model.components_[number, i] > 0]
        examples = members[np.argsort(-weights[members, number])[:EXAMPLES]]
        found.append(FoundTopic(terms=terms, members=members.tolist(), examples=examples.tolist()))
    return sorted(found, key=lambda topic: -len(topic.members))


def _surface_words(texts: Sequence[str]) -> dict[str, str]:
    """For each stem, the full word most often written with it (what the officer reads)."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        for word in words(text):
            counts.setdefault(stem(word), Counter())[word] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}


def split(texts: Sequence[str]) -> list[FoundTopic]:
    """One topic's texts in two (the officer's "split"); fewer when they do not separate."""
    return find_topics(texts, count=2)
