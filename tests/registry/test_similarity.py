"""The offline similarity of channels that helps with criterion 1 of 004 §4 (ADR 0012)."""

from __future__ import annotations

from ashyq.registry.similarity import most_similar, stems


def test_stems_cut_suffixes_so_inflected_forms_meet() -> None:
    assert stems("Порталы, порталға және порталдағы") == ["портал", "портал", "портал"]
    assert stems("обращения обращений") == ["обраще", "обраще"]


def test_the_closest_channel_comes_first_with_the_shared_words() -> None:
    # given two registered channels, one about appeals on health, one about tourism
    candidates = [
        (1, "Туризм порталы. Портал туризма. Туристерге ақпарат беру. Информация для туристов"),
        (2, "Денсаулық сақтау жедел желісі. Горячая линия здравоохранения. Өтініштерді қабылдау. Приём обращений"),
    ]
    # when an application for a health hotline is compared
    matches = most_similar("Горячая линия по вопросам здравоохранения, приём обращений граждан", candidates)
    # then the health hotline is first, and the words that made it so are named
    assert [match.key for match in matches] == [2]
    assert 0 < matches[0].score <= 1
    assert set(matches[0].shared) >= {"горяча", "здраво"}


def test_identical_text_scores_one_and_unrelated_text_is_left_out() -> None:
    matches = most_similar("Open data portal", [(1, "Open data portal"), (2, "Budget hearings")])
    assert [(match.key, match.score) for match in matches] == [(1, 1.0)]
    assert most_similar("anything", []) == []
