"""The analysis of a quarter's texts as functions over batches (issue 12, items 1, 3, 4, 6). Pure: no ORM.

``analyse_batch`` is the expensive part (language detection of texts not yet detected, MinHash signatures);
each batch is independent, so any number of workers can take batches. ``combine`` merges the batches' results
— signatures are 4 bytes × ``NUM_PERM`` a text — groups near-duplicates, finds campaigns and topics and counts.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ashyq.analysis import duplicates, personal_data, topics
from ashyq.analysis.language import detect

# Topics are found over at most this many distinct texts (one per near-duplicate group), the largest groups first.
TOPIC_TEXTS_MAX = 20_000
# Near-duplicate groups listed in the results (the largest); every text is still counted.
GROUPS_LISTED = 200


@dataclass(frozen=True, slots=True)
class Text:
    item_id: int
    text: str
    received_at: datetime.datetime
    channel: str
    kind: str
    language: str  # "" when not detected yet


@dataclass(frozen=True, slots=True)
class BatchResult:
    item_ids: np.ndarray
    signatures: np.ndarray
    languages: dict[int, str]  # detected in this batch, by item id
    with_personal_data: int


def analyse_batch(texts: Sequence[Text]) -> BatchResult:
    """Detect the language of the texts that have none, sign every text, count texts with personal data."""
    return BatchResult(
        item_ids=np.fromiter((t.item_id for t in texts), dtype=np.int64, count=len(texts)),
        signatures=duplicates.sign([t.text for t in texts]),
        languages={t.item_id: detect(t.text).value for t in texts if not t.language},
        with_personal_data=sum(1 for t in texts if personal_data.find(t.text)),
    )


@dataclass(frozen=True, slots=True)
class Group:
    item_ids: list[int]
    representative: str
    first_at: datetime.datetime
    last_at: datetime.datetime
    burst: duplicates.Burst


@dataclass(frozen=True, slots=True)
class Topic:
    terms: list[str]
    examples: list[str]
    item_ids: list[int]


@dataclass
class Combined:
    counts: dict[str, object] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


def _redacted(text: Text, language: str) -> str:
    """The text with its personal data hidden, the placeholders in the text's own language."""
    return personal_data.redact(text.text, language="kk" if (text.language or language) == "kk" else "ru")


def _representative(members: Sequence[Text], languages: dict[int, str]) -> str:
    """The wording most of the group used (the campaign's template), redacted; the earliest on a tie."""
    common = Counter(duplicates.normalise(t.text) for t in members).most_common(1)[0][0]
    first = min((t for t in members if duplicates.normalise(t.text) == common), key=lambda t: t.received_at)
    return _redacted(first, languages.get(first.item_id, ""))


def _groups(texts: Sequence[Text], labels: np.ndarray) -> list[list[int]]:
    """Indices of the texts of each label that has two texts or more, largest first."""
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    members = [chunk.tolist() for chunk in np.split(order, bounds) if len(chunk) > 1]
    return sorted(members, key=len, reverse=True)


def _topics(texts: Sequence[Text], labels: np.ndarray, languages: dict[int, str]) -> list[Topic]:
    """Topics over one text per near-duplicate group (campaigns do not drown the rest); sizes count every text."""
    first_of: dict[int, int] = {}
    size_of: Counter[int] = Counter(labels.tolist())
    for index, label in enumerate(labels.tolist()):
        first_of.setdefault(label, index)
    chosen = sorted(first_of.values(), key=lambda i: -size_of[int(labels[i])])[:TOPIC_TEXTS_MAX]
    members_of: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        members_of.setdefault(label, []).append(texts[index].item_id)
    found = []
    for topic in topics.find_topics([texts[i].text for i in chosen]):
        ids = [item_id for m in topic.members for item_id in members_of[int(labels[chosen[m]])]]
        examples = [_redacted(texts[chosen[m]], languages.get(texts[chosen[m]].item_id, "")) for m in topic.examples]
        found.append(Topic(terms=topic.terms, examples=examples, item_ids=ids))
    return sorted(found, key=lambda t: -len(t.item_ids))


def combine(texts: Sequence[Text], results: Sequence[BatchResult]) -> Combined:
    """Group, find campaigns and topics and count, over the batches of ``texts`` (in the same order)."""
    signatures = (
        np.concatenate([r.signatures for r in results])
        if results
        else np.empty((0, duplicates.NUM_PERM), dtype=np.uint32)
    )
    labels = duplicates.group(signatures)
    detected = {item_id: language for r in results for item_id, language in r.languages.items()}
    languages = Counter(t.language or detected.get(t.item_id, "") for t in texts)
    all_groups = _groups(texts, labels)
    groups = []
    for indices in all_groups[:GROUPS_LISTED]:
        members = [texts[i] for i in indices]
        times = [t.received_at for t in members]
        groups.append(
            Group(
                item_ids=[t.item_id for t in members],
                representative=_representative(members, detected),
                first_at=min(times),
                last_at=max(times),
                burst=duplicates.densest_burst(times),
            )
        )
    counts: dict[str, object] = {
        "total": len(texts),
        "unique": len(set(labels.tolist())),
        "in_groups": sum(len(g) for g in all_groups),
        "campaigns": sum(1 for g in groups if g.burst.is_campaign),
        "campaign_texts": sum(len(g.item_ids) for g in groups if g.burst.is_campaign),
        "with_personal_data": sum(r.with_personal_data for r in results),
        "channels": dict(Counter(t.channel for t in texts)),
        "kinds": dict(Counter(t.kind for t in texts)),
        "languages": dict(languages),
    }
    return Combined(counts=counts, groups=groups, topics=_topics(texts, labels, detected))
