"""Precision of derived figures (SPEC §7, issue 14 item 6): exact arithmetic, rounded once where shown.

The acts do arithmetic and never round; only "attainment × points" rounds, at the indicator. A body that
redoes the act's arithmetic by hand must get the conclusion's figure, or its objection (002 §109) is right.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from ashyq.evaluation.engine import BodyScore, parse_openness, score_openness
from ashyq.evaluation.engine.rounding import shown

from .inputs import VERSION, body_input, per_language

Q = Decimal("0.01")


def score(*bodies: dict[str, Any]) -> tuple[BodyScore, ...]:
    return score_openness(VERSION, parse_openness(VERSION, {"bodies": list(bodies)}))


def indicator(body: BodyScore, indicator_id: str) -> Any:
    return next(r for c in body.criteria for r in c.indicators if r.indicator_id == indicator_id)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(3, 8), "0.38"),
        (Fraction(3, 4), "0.75"),
        (Fraction(587, 100), "5.87"),
        (Fraction(2935, 1000), "2.94"),
        (Fraction(1, 3), "0.33"),
        (Fraction(2, 3), "0.67"),
        (Fraction(-3, 8), "-0.38"),
        (Fraction(-1, 3), "-0.33"),
        (Fraction(4999, 1000000), "0.00"),
        (Fraction(5, 1000), "0.01"),
        (Fraction(0), "0.00"),
        (Fraction(100), "100.00"),
    ],
)
def test_a_figure_is_shown_half_up_to_the_hundredth(value: Fraction, expected: str) -> None:
    assert f"{shown(value, Q):f}" == expected


def test_a_figure_just_below_a_half_is_not_rounded_up_by_an_intermediate_rounding() -> None:
    # given 0.004999… with more nines than Decimal's 28 digits: an exact figure stays below the half
    value = Fraction(5, 1000) - Fraction(1, 10**40)
    assert shown(value, Q) == Decimal("0.00")


def test_one_organisation_in_four_failing_in_each_language_costs_0_75_not_0_76() -> None:
    """002 Annex 10 table 9 item 1: 1.5 × 1/4 in Kazakh + 1.5 × 1/4 in Russian = 0.75."""
    # given a central body with 4 subordinate organisations, one failing table 9 item 1 in each language
    (body,) = score(body_input("a", "central", subordinates=4, overrides={"t9.1": per_language("failing", 1)}))
    penalty = body.criteria[6]
    # then each language's share is exact, shown rounded; the penalty is the exact sum, rounded once
    assert indicator(body, "t9.1").points == {"kk": Fraction(3, 8), "ru": Fraction(3, 8)}
    assert penalty.total == Fraction(3, 4)
    assert body.shown(body.penalty) == Decimal("0.75")
    assert body.shown(body.final) == Decimal("99.25")
    assert "1.5 × 1/4 organisations = 0.38" in indicator(body, "t9.1").text["en"]
    assert penalty.text["en"].endswith(
        "table 9 0.75 (cap 3), table 10 0.00 (cap 3), table 11 0.00 (cap 3) → penalty 0.75"
    )
    assert "итоговая оценка с учетом вычета штрафных баллов 99,25" in body.text["ru"]


def test_one_organisation_in_three_failing_in_each_language_costs_exactly_one() -> None:
    """1.5 × 1/3 = 0.5 per language: the shares of a third add up to whole points, not 0.99 or 1.01."""
    overrides = {"t9.1": per_language("failing", 1), "t10.1": per_language("failing", 1)}
    (body,) = score(body_input("a", "central", subordinates=3, overrides=overrides))
    # table 10 item 1: 0.5 × 1/3 per language = 1/3 in all
    assert body.penalty == Fraction(1) + Fraction(1, 3)
    assert body.shown(body.penalty) == Decimal("1.33")


def p6_body(kk: tuple[int, int], ru: tuple[int, int], media: str = "90") -> BodyScore:
    """Criterion 6 with A = 2.5 × 6/12 = 1.25 and D = 1 per language, C from the media survey, B from requests."""
    overrides = {
        "t7-1.1": {"events_total": 12, **per_language("high_publicity_events", 6)},
        "t7-1.2": {
            "kk": {"received": kk[0], "answered": kk[0], "late": kk[1]},
            "ru": {"received": ru[0], "answered": ru[0], "late": ru[1]},
        },
        "t7-1.3": {"satisfied_percent": "70"},
    }
    (body,) = score(body_input("a", "local", overrides=overrides, media_satisfied=media))
    return body


def test_p6_is_the_exact_product_rounded_once_5_87_not_5_88() -> None:
    """002 §80–85: (1.25 + 0.9) × 0.9 + 1 = 2.935 per language, 5.87 in all (per-language rounding gave 5.88)."""
    # given B = 1 × (10/10 − 1/10) = 0.9 in each language
    body = p6_body((10, 1), (10, 1))
    media = body.criteria[5]
    assert media.points == {"kk": Fraction(2935, 1000), "ru": Fraction(2935, 1000)}
    assert media.total == Fraction(587, 100)
    assert body.shown(media.total) == Decimal("5.87")
    # the explanation shows the inputs and each rounded figure, and says why 2.94 + 2.94 shows 5.87
    assert "Kazakh 2.15 × 0.9 + 1.00 = 2.94; Russian 2.15 × 0.9 + 1.00 = 2.94; total 5.87 of 10" in media.text["en"]
    assert media.text["en"].endswith("(the sum of the exact figures; the parts are shown rounded)")
    assert media.text["ru"].endswith("(сумма точных значений; слагаемые показаны округленными)")


def test_p6_at_the_half_between_hundredths_is_rounded_once_up() -> None:
    # given B = 1 in each language: (1.25 + 1) × 0.9 + 1 = 3.025 per language, 6.05 in all (not 6.06)
    media = p6_body((0, 0), (0, 0)).criteria[5]
    assert media.total == Fraction(605, 100)
    assert "Kazakh 2.25 × 0.9 + 1.00 = 3.03; Russian 2.25 × 0.9 + 1.00 = 3.03; total 6.05 of 10" in media.text["en"]


def test_p6_whose_parts_add_up_as_shown_needs_no_note() -> None:
    # given C = 80 %: (1.25 + 1) × 0.8 + 1 = 2.8 per language, 5.6 in all
    media = p6_body((0, 0), (0, 0), media="80").criteria[5]
    assert media.total == Fraction(56, 10)
    assert media.text["en"].endswith("total 5.60 of 10")


def test_an_exempt_body_gets_the_exact_mean_of_its_group() -> None:
    """002 Annex 10 table 6 *: the mean of 2, 0 and 0 is 2/3, not 0.67 — the criterion adds exact thirds."""
    bodies = [
        body_input(name, "central", overrides={"t6.3": per_language("attainment", share)})
        for name, share in (("health", "1"), ("finance", "0"), ("energy", "0"))
    ]
    *_, defence = score(*bodies, body_input("defence", "central", exemptions=["defence"]))
    sessions = indicator(defence, "t6.3")
    assert sessions.points == {"kk": Fraction(2, 3), "ru": Fraction(2, 3)}
    assert "the mean of 3 central bodies → 0.67" in sessions.text["en"]
    # the rest of table 6 is met in full (item 4's average too): 18 − 4 + 2/3 + 2/3, shown once as 15.33
    dialogue = defence.criteria[3]
    assert dialogue.total == Fraction(46, 3)
    assert defence.shown(dialogue.total) == Decimal("15.33")


def test_attainment_alone_rounds_at_the_indicator() -> None:
    """SPEC §7: attainment × points is the indicator's points, rounded half-up to 0.01 there."""
    overrides = {"t2.10": {"kk": {"attainment": "0.25"}, "ru": {"attainment": "0.25"}}}
    (body,) = score(body_input("a", "central", overrides=overrides))
    # 0.25 × 1.5 = 0.375 → 0.38 at the indicator, so the criterion counts 0.76 for the two languages
    assert indicator(body, "t2.10").points == {"kk": Decimal("0.38"), "ru": Decimal("0.38")}
    assert body.criteria[1].total == Decimal(18) - 2 * Decimal("1.5") + Decimal("0.76")


def test_a_blog_without_posts_keeps_0_points() -> None:
    """SPEC §7: "presence of posts" is the indicator; 1–10 posts earn the "other cases" 0.3."""
    (body,) = score(body_input("a", "local", overrides={"t6.2": per_language("posts", 0, 1)}))
    assert indicator(body, "t6.2").points == {"kk": Fraction(0), "ru": Fraction(3, 10)}
