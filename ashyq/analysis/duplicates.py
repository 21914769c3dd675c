"""Near-duplicate texts and mass campaigns (issue 12, item 3).

Pure Python and numpy; no ORM. The work is split in two so that any number of workers can share it:

1. ``sign(texts)`` — for one batch of texts, the MinHash signature of each text's set of character shingles
   (``SHINGLE_WORDS`` consecutive words of the normalised text). The signature is exactly datasketch's
   ``MinHash`` (scheme ``affine32``, ``NUM_PERM`` permutations, ``SEED``) of the shingles' hashes, computed for
   the whole batch at once with numpy. Batches are independent: workers sign them in parallel.
2. ``group(signatures)`` — over all the signatures (4 bytes × ``NUM_PERM`` a text): locality-sensitive hashing
   in ``BANDS`` bands of ``NUM_PERM // BANDS`` rows; two texts sharing a band are candidates; a candidate pair
   is kept when its estimated Jaccard similarity is at least ``SIMILARITY_THRESHOLD``; groups are the connected
   components of the kept pairs.

A group is a **campaign** when at least ``CAMPAIGN_MIN_TEXTS`` of its texts arrived within
``CAMPAIGN_WINDOW`` (a burst of near-identical texts in a short time). Every text still counts in F: grouping
only tells the officer how many distinct things were said.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SHINGLE_WORDS = 2
NUM_PERM = 64
BANDS = 16
SEED = 1
SIMILARITY_THRESHOLD = 0.6
CAMPAIGN_MIN_TEXTS = 10
CAMPAIGN_WINDOW = datetime.timedelta(hours=48)

_ROWS = NUM_PERM // BANDS
_NOT_WORD = re.compile(r"[\W_]+")
_FMIX = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)
_BASE = np.uint32(1_000_003)
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
_EDGE_CHUNK = 200_000


def normalise(text: str) -> str:
    """Case, «ё», punctuation, symbols and spacing do not make two texts different."""
    return _NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser on uint32 (datasketch's pre-mix of hash values)."""
    s1, m1, s2, m2, s3 = _FMIX
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    mixed: np.ndarray = values ^ (values >> s3)
    return mixed


def shingle_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The 32-bit hash of every shingle of every normalised text, and where each text's hashes start.

    A shingle is ``SHINGLE_WORDS`` consecutive words; a text of fewer words is one shingle of all of them.
    """
    words: list[str] = []
    lengths = np.empty(len(texts), dtype=np.int64)
    for index, text in enumerate(texts):
        split = normalise(text).split() or [""]
        words.extend(split)
        lengths[index] = len(split)
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))
    position_length = np.repeat(lengths, lengths)
    position_in_text = np.arange(len(words)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    hashes = word_hashes.copy()
    for offset in range(1, SHINGLE_WORDS):
        following = np.concatenate((word_hashes[offset:], np.zeros(offset, dtype=np.uint32)))
        following[position_in_text + offset >= position_length] = 0
        hashes = hashes * _BASE + following
    keep = (position_in_text + SHINGLE_WORDS <= position_length) | (position_in_text == 0)
    counts = np.maximum(lengths - SHINGLE_WORDS + 1, 1)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return hashes[keep], starts


def sign(texts: Sequence[str]) -> np.ndarray:
    """MinHash signatures (``len(texts)`` × ``NUM_PERM``, uint32) of one batch; equal to datasketch's."""
    if not texts:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    hashes, starts = shingle_hashes(texts)
    a, b = _PERMUTATIONS
    mixed = fmix32(hashes)[:, None]
    return np.minimum.reduceat(mixed * a + b, starts, axis=0)


def _band_keys(signatures: np.ndarray, band: int) -> np.ndarray:
    rows = signatures[:, band * _ROWS : (band + 1) * _ROWS].astype(np.uint64)
    keys = np.zeros(len(signatures), dtype=np.uint64)
    for column in range(_ROWS):
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + rows[:, column]
    return keys


def _candidate_pairs(signatures: np.ndarray) -> np.ndarray:
    """Pairs (as int64 keys ``i * n + j``) of texts in the same bucket of a band: neighbours after sorting."""
    n = len(signatures)
    found = []
    for band in range(BANDS):
        keys = _band_keys(signatures, band)
        order = np.argsort(keys, kind="stable")
        same = keys[order[1:]] == keys[order[:-1]]
        left, right = order[:-1][same], order[1:][same]
        found.append(np.minimum(left, right).astype(np.int64) * n + np.maximum(left, right))
    return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


def similarity(signatures: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of the shingle sets of pairs of texts (share of equal MinHash values)."""
    shares: np.ndarray = (signatures[left] == signatures[right]).mean(axis=1)
    return shares


def group(signatures: np.ndarray) -> np.ndarray:
    """A group label for each text: texts with the same label are near-duplicates of one another."""
    n = len(signatures)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    pairs = _candidate_pairs(signatures)
    kept = []
    for start in range(0, len(pairs), _EDGE_CHUNK):
        chunk = pairs[start : start + _EDGE_CHUNK]
        left, right = chunk // n, chunk % n
        keep = similarity(signatures, left, right) >= SIMILARITY_THRESHOLD
        kept.append((left[keep], right[keep]))
    left = np.concatenate([k[0] for k in kept]) if kept else np.empty(0, dtype=np.int64)
    right = np.concatenate([k[1] for k in kept]) if kept else np.empty(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    result: np.ndarray = labels.astype(np.int64)
    return result


def group_exact(texts: Sequence[str]) -> np.ndarray:
    """The baseline: a group label per text by the exact normalised text (what a hash table gives)."""
    labels: dict[str, int] = {}
    return np.fromiter((labels.setdefault(normalise(t), len(labels)) for t in texts), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Burst:
    """The densest stretch of a group's arrivals: how many texts within ``CAMPAIGN_WINDOW``, from when to when."""

    count: int
    start: datetime.datetime
    end: datetime.datetime

    @property
    def is_campaign(self) -> bool:
        return self.count >= CAMPAIGN_MIN_TEXTS


def densest_burst(times: Sequence[datetime.datetime]) -> Burst:
    """The largest number of ``times`` within any ``CAMPAIGN_WINDOW`` (two pointers over the sorted times)."""
    ordered = sorted(times)
    best = Burst(1, ordered[0], ordered[0])
    first = 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] > CAMPAIGN_WINDOW:
            first += 1
        if last - first + 1 > best.count:
            best = Burst(last - first + 1, ordered[first], moment)
    return best
