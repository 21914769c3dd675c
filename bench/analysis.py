"""Near-duplicate grouping of generated comments, against grouping by an exact hash of the normalised text
(issue 12, "Done when": 1,000,000 comments in ≤ 5 minutes and ≤ 2 GB on the 2-core machine).

    .venv/bin/python bench/analysis.py [--count 1000000] [--workers 1] [--batch 5000] [--seed 12]

The comments are generated (nothing real): ``CAMPAIGN_SHARE`` of them are copies of ``CAMPAIGNS`` campaign texts
with the small edits people make when they forward one (case, punctuation, a word dropped, added or replaced,
a signature), the rest are independent texts of 8–30 words drawn from a Kazakh and Russian vocabulary of
``VOCABULARY`` words. Both groupings run in the same process on the same texts; the peak memory is the process's
maximum resident set (``ru_maxrss``, and its worker processes' when ``--workers`` > 1). The quality of the
grouping on the planted campaigns is printed too: the share of copies put in their campaign's largest group
(recall) and the share of texts in campaign groups that belong to that campaign (precision).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ashyq.analysis import duplicates

CAMPAIGNS = 40
CAMPAIGN_SHARE = 0.4
VOCABULARY = 6000
KK_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщыіэюя"
RU_LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюя"


def _vocabulary(rng: random.Random) -> list[str]:
    words = set()
    while len(words) < VOCABULARY:
        letters = KK_LETTERS if len(words) % 2 else RU_LETTERS
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 11))))
    return sorted(words)


def _edit(words: list[str], rng: random.Random, vocabulary: Sequence[str]) -> str:
    copy = list(words)
    change = rng.randrange(6)
    if change == 1 and len(copy) > 8:
        del copy[rng.randrange(len(copy))]
    elif change == 2:
        copy.insert(rng.randrange(len(copy)), rng.choice(vocabulary))
    elif change == 3:
        copy[rng.randrange(len(copy))] = rng.choice(vocabulary)
    elif change == 4:
        copy.append(rng.choice(["Асель", "Жители дома 5", "Рахмет", "Спасибо", "Ержан Б."]))
    text = " ".join(copy)
    style = rng.randrange(4)
    if style == 1:
        return text.upper() + "!!!"
    if style == 2:
        return text.capitalize() + "."
    return text


def generate(count: int, seed: int) -> tuple[list[str], np.ndarray]:
    """The comments and, for each, its campaign number (−1 for an independent text)."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    templates = [[rng.choice(vocabulary) for _ in range(rng.randint(12, 30))] for _ in range(CAMPAIGNS)]
    texts, truth = [], np.full(count, -1, dtype=np.int64)
    for index in range(count):
        if rng.random() < CAMPAIGN_SHARE:
            campaign = int(rng.random() ** 2 * CAMPAIGNS)  # a few large campaigns and many small ones
            texts.append(_edit(templates[campaign], rng, vocabulary))
            truth[index] = campaign
        else:
            texts.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 30))))
    return texts, truth


def _sign(batch: list[str]) -> np.ndarray:
    return duplicates.sign(batch)


def near_duplicates(texts: list[str], *, workers: int, batch: int) -> np.ndarray:
    batches = [texts[start : start + batch] for start in range(0, len(texts), batch)]
    if workers > 1:
        with Pool(workers) as pool:
            signatures = np.concatenate(pool.map(_sign, batches, chunksize=4))
    else:
        signatures = np.concatenate([_sign(b) for b in batches])
    return duplicates.group(signatures)


def quality(labels: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(precision, recall) of the campaigns: see the module's docstring."""
    kept = planted = correct = in_groups = 0
    for campaign in range(CAMPAIGNS):
        members = np.flatnonzero(truth == campaign)
        if not len(members):
            continue
        label, found = Counter(labels[members].tolist()).most_common(1)[0]
        group = labels == label
        planted += len(members)
        kept += found
        in_groups += int(group.sum())
        correct += int((truth[group] == campaign).sum())
    return correct / in_groups, kept / planted


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if args.count < 1 or args.workers < 1 or args.batch < 1:
        parser.error("--count, --workers and --batch must be positive")

    started = time.perf_counter()
    texts, truth = generate(args.count, args.seed)
    generated = time.perf_counter() - started
    print(
        f"generated {len(texts):,} comments in {generated:.1f} s ({CAMPAIGN_SHARE:.0%} copies of {CAMPAIGNS} campaigns)"
    )

    started = time.perf_counter()
    exact = duplicates.group_exact(texts)
    exact_seconds = time.perf_counter() - started
    print(f"exact hash of the normalised text: {exact_seconds:.1f} s, {len(np.unique(exact)):,} groups")

    started = time.perf_counter()
    labels = near_duplicates(texts, workers=args.workers, batch=args.batch)
    near_seconds = time.perf_counter() - started
    print(
        f"near-duplicates (MinHash {duplicates.NUM_PERM} permutations, {duplicates.BANDS} bands, "
        f"threshold {duplicates.SIMILARITY_THRESHOLD}, {args.workers} worker(s)): {near_seconds:.1f} s, "
        f"{len(np.unique(labels)):,} groups"
    )
    print(f"ratio near-duplicate / exact: {near_seconds / exact_seconds:.1f}")
    precision, recall = quality(labels, truth)
    exact_precision, exact_recall = quality(exact, truth)
    print(
        f"campaigns found: near-duplicates precision {precision:.3f} recall {recall:.3f}; "
        f"exact hash precision {exact_precision:.3f} recall {exact_recall:.3f}"
    )
    own, children = _peak_mb()
    print(f"peak memory: {own:,.0f} MB (this process){f', {children:,.0f} MB (a worker)' if args.workers > 1 else ''}")


if __name__ == "__main__":
    main()
