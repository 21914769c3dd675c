"""Near-duplicates and campaigns (issue 12, item 3): the signatures are datasketch's MinHash, the grouping
keeps distinct texts apart, a burst is found in the densest window."""

import datetime

import numpy as np
from datasketch import MinHash

from ashyq.analysis import duplicates


def test_normalising_ignores_case_punctuation_yo_and_spacing():
    assert duplicates.normalise("  Ещё РАЗ:   против!!! ") == duplicates.normalise("еще раз против")


def test_each_signature_equals_datasketchs_minhash_of_the_same_shingles():
    # given texts of one, two and many words, and an empty one
    texts = ["Мы против повышения тарифов на воду!", "Жол", "екі сөз", ""]
    # when a batch is signed at once
    hashes, starts = duplicates.shingle_hashes(texts)
    signatures = duplicates.sign(texts)
    # then each row is what datasketch's MinHash gives for that text's shingle hashes
    ends = [*starts[1:], len(hashes)]
    assert [end - start for start, end in zip(starts, ends, strict=True)] == [5, 1, 1, 1]
    for row, start, end in zip(signatures, starts, ends, strict=True):
        reference = MinHash(num_perm=duplicates.NUM_PERM, seed=duplicates.SEED, scheme="affine32", hashfunc=int)
        reference.update_batch(hashes[start:end].tolist())
        assert np.array_equal(reference.hashvalues, row)


def test_a_copy_with_a_small_edit_is_grouped_and_a_different_text_is_not():
    texts = [
        "Просим отремонтировать дорогу к селу Жанатурмыс, весной по ней невозможно проехать.",
        "Просим срочно отремонтировать дорогу к селу Жанатурмыс, весной по ней невозможно проехать!",
        "Просим отремонтировать школу в селе Жанатурмыс, зимой в классах холодно.",
    ]
    labels = duplicates.group(duplicates.sign(texts))
    assert labels[0] == labels[1] != labels[2]


def test_exact_grouping_only_joins_identical_normalised_texts():
    labels = duplicates.group_exact(["Нет!", "нет", "Нет, спасибо"])
    assert labels[0] == labels[1] != labels[2]


def test_the_densest_burst_counts_texts_within_the_campaign_window():
    # given 10 copies within two hours and 5 more spread over the following weeks
    start = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    times = [start + datetime.timedelta(minutes=12 * i) for i in range(10)]
    times += [start + datetime.timedelta(days=7 * (i + 1)) for i in range(5)]
    # when the burst is found
    burst = duplicates.densest_burst(times)
    # then it is the ten, a campaign by CAMPAIGN_MIN_TEXTS, from the first to the tenth
    assert (burst.count, burst.start, burst.end) == (10, times[0], times[9])
    assert burst.is_campaign
    assert not duplicates.densest_burst(times[:9]).is_campaign


def test_texts_spread_beyond_the_window_are_not_a_campaign():
    start = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    times = [start + duplicates.CAMPAIGN_WINDOW * i * 1.01 for i in range(30)]
    assert duplicates.densest_burst(times).count == 1
