"""The feedback indicator F of 000 §22–23: the act's formula, its special cases, its scale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ashyq.evaluation.engine import FeedbackFacts, ScoringInputError, parse_feedback, score_feedback
from ashyq.methodology.versions import feedback_version

VERSION = feedback_version(date(2026, 1, 1))


def feedback(c: int, b: int, g: int, e: int, accessible: bool = True) -> FeedbackFacts:
    return FeedbackFacts(
        remarks_received=c, remarks_accepted=b, comments_received=g, comments_answered=e, openly_accessible=accessible
    )


def test_f_is_the_product_of_the_two_shares() -> None:
    # given 30 of 40 remarks accepted and 108 of 120 comments answered
    score = score_feedback(VERSION, feedback(40, 30, 120, 108))
    # then F = 0.75 × 0.9 × 100
    assert score.f == Decimal("67.5")
    assert (score.display, score.band) == ("67.5", "low")


def test_f_keeps_full_precision_and_displays_one_decimal() -> None:
    score = score_feedback(VERSION, feedback(3, 2, 0, 0))
    assert score.f == Decimal(200) / Decimal(3)
    assert str(score.f) == "66.66666666666666666666666667"
    assert score.display == "66.7"


def test_no_remarks_received_makes_b_over_c_one() -> None:
    score = score_feedback(VERSION, feedback(0, 0, 10, 9))
    assert score.f == Decimal(90)
    assert "B/C = 1 because no remarks or proposals were received (000 §22)" in score.text["en"]


def test_no_comments_received_makes_e_over_g_one() -> None:
    score = score_feedback(VERSION, feedback(10, 4, 0, 0))
    assert score.f == Decimal(40)
    assert score.band == "ineffective"
    assert "E/G = 1" in score.text["en"]


def test_nothing_received_at_all_is_the_parameter_f_when_nothing_received() -> None:
    score = score_feedback(VERSION, feedback(0, 0, 0, 0))
    assert score.f == Decimal(100)
    assert score.band == "high"
    assert score.parameters["f_when_nothing_received"] == "100"


@pytest.mark.parametrize("counts", [(1, 0, 0, 0), (0, 0, 1, 0)], ids=["one remark", "one comment"])
def test_one_item_received_and_not_taken_up_is_not_nothing_received(counts: tuple[int, int, int, int]) -> None:
    """000 §22 at its edge: a single remark not accepted (or comment not answered) makes F = 0, not the
    "nothing received" 100."""
    score = score_feedback(VERSION, feedback(*counts))
    assert (score.f, score.band) == (Decimal(0), "ineffective")


def test_materials_not_openly_accessible_make_f_zero() -> None:
    score = score_feedback(VERSION, feedback(10, 10, 10, 10, accessible=False))
    assert score.f == 0
    assert score.band == "ineffective"
    assert "000 §23: the materials were not openly accessible → F = 0" in score.text["en"]


@pytest.mark.parametrize(
    ("accepted", "band", "display"),
    [
        (4999, "ineffective", "50.0"),
        (5000, "low", "50.0"),
        (6999, "low", "70.0"),
        (7000, "medium", "70.0"),
        (8999, "medium", "90.0"),
        (9000, "high", "90.0"),
        (10000, "high", "100.0"),
        (0, "ineffective", "0.0"),
    ],
)
def test_the_band_goes_by_the_exact_value_not_the_display(accepted: int, band: str, display: str) -> None:
    # given F = accepted / 10000 × 100, e.g. 49.99 which displays as 50.0
    score = score_feedback(VERSION, feedback(10000, accepted, 0, 0))
    assert score.f == Decimal(accepted) / 100
    assert (score.band, score.display) == (band, display)


def test_the_explanation_is_written_in_kazakh_russian_and_english() -> None:
    score = score_feedback(VERSION, feedback(40, 30, 120, 108))
    assert score.text["kk"].startswith("000 22-тармақ: F = (B / C) × (E / G) × 100 % = (30 / 40) × (108 / 120)")
    assert "кері байланыстың төмен көрсеткіші" in score.text["kk"]
    assert "67,5" in score.text["ru"] and "низкий показатель обратной связи" in score.text["ru"]
    assert "Scale (000 §23): [50, 70) «low»" in score.text["en"]
    assert score.inputs == {
        "remarks_received": "40",
        "remarks_accepted": "30",
        "comments_received": "120",
        "comments_answered": "108",
        "openly_accessible": "true",
    }


@pytest.mark.parametrize(
    ("facts", "field", "problem"),
    [
        (feedback(-1, 0, 0, 0), "remarks_received", "must be ≥ 0"),
        (feedback(3, 4, 0, 0), "remarks_accepted", "must not exceed remarks_received (3)"),
        (feedback(3, 3, 2, 5), "comments_answered", "must not exceed comments_received (2)"),
        (feedback(3, 3, -2, 0), "comments_received", "must be ≥ 0"),
    ],
)
def test_bad_counts_are_refused_naming_the_field(facts: FeedbackFacts, field: str, problem: str) -> None:
    with pytest.raises(ScoringInputError) as error:
        score_feedback(VERSION, facts)
    assert (error.value.field, error.value.problem) == (field, problem)


def test_the_json_input_is_parsed() -> None:
    facts = parse_feedback(
        {
            "remarks_received": 4,
            "remarks_accepted": 3,
            "comments_received": 0,
            "comments_answered": 0,
            "openly_accessible": True,
        }
    )
    assert facts == feedback(4, 3, 0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"remarks_received": 4, "remarks_accepted": 3, "comments_received": 0, "openly_accessible": True},
            "comments_answered: is required",
        ),
        (
            {
                "remarks_received": 4,
                "remarks_accepted": 3,
                "comments_received": 0,
                "comments_answered": 0,
                "openly_accessible": True,
                "extra": 1,
            },
            "extra: unknown field",
        ),
        (
            {
                "remarks_received": "4",
                "remarks_accepted": 3,
                "comments_received": 0,
                "comments_answered": 0,
                "openly_accessible": True,
            },
            "remarks_received: must be a whole number",
        ),
        (
            {
                "remarks_received": 4,
                "remarks_accepted": 3,
                "comments_received": 0,
                "comments_answered": 0,
                "openly_accessible": "yes",
            },
            "openly_accessible: must be true or false",
        ),
        ([], "must be an object"),
    ],
)
def test_bad_json_is_refused_naming_the_field(data: object, message: str) -> None:
    with pytest.raises(ScoringInputError, match=message):
        parse_feedback(data)
