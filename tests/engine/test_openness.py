"""Openness (002): criteria per language, caps, central vs local tables, P6, penalties, exempt averages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ashyq.evaluation.engine import BodyScore, ScoringInputError, parse_openness, score_openness

from .inputs import VERSION, best, body_input, per_language, worst


def score(*bodies: dict[str, Any]) -> tuple[BodyScore, ...]:
    return score_openness(VERSION, parse_openness(VERSION, {"bodies": list(bodies)}))


def criterion(body: BodyScore, number: int) -> Any:
    return body.criteria[number - 1]


def indicator(body: BodyScore, indicator_id: str) -> Any:
    return next(r for c in body.criteria for r in c.indicators if r.indicator_id == indicator_id)


@pytest.mark.parametrize("kind", ["central", "local"])
def test_a_body_meeting_everything_earns_each_weight_half_per_language(kind: str) -> None:
    (body,) = score(body_input("a", kind))  # type: ignore[arg-type]
    for number, weight in enumerate(("18", "18", "18", "18", "18", "10"), start=1):
        points = criterion(body, number).points
        assert points["kk"] + points["ru"] >= Decimal(weight)
        assert criterion(body, number).total == Decimal(weight)
    assert (body.total, body.penalty, body.final) == (Decimal(100), Decimal(0), Decimal(100))


def test_central_and_local_bodies_are_scored_on_their_own_tables() -> None:
    central, local = score(body_input("ministry", "central"), body_input("akimat", "local"))
    assert criterion(central, 2).tables == ("2",)
    assert criterion(local, 2).tables == ("3",)
    assert criterion(central, 3).tables == ("4",)
    assert criterion(local, 3).tables == ("5",)
    assert indicator(central, "t6.4.3").points == {"kk": Decimal("0.50"), "ru": Decimal("0.50")}
    assert indicator(local, "t6.4.3").points == {"kk": Decimal("1.00"), "ru": Decimal("1.00")}
    assert "t6.4.4" not in {r.indicator_id for r in criterion(local, 4).indicators}


def test_a_body_meeting_nothing_with_every_organisation_failing_ends_at_minus_nine() -> None:
    (body,) = score(body_input("a", "central", lambda i: worst(i, 10), media_satisfied=0))
    assert body.total == 0
    assert body.penalty == Decimal(9)
    assert body.final == Decimal(-9)


def test_the_api_incentive_is_capped_at_the_criterion_maximum() -> None:
    # given items 1–5 at 8 (kk) and 9 (ru) plus the incentive in both languages: 19
    overrides = {"t1.4": {"kk": {"attainment": "0.5"}, "ru": {"attainment": "1"}}}
    (body,) = score(body_input("a", "central", overrides=overrides))
    open_data = criterion(body, 1)
    assert open_data.points == {"kk": Decimal("9.00"), "ru": Decimal("10.00")}
    assert open_data.total == Decimal(18)
    assert "19.00 of 18; capped at 18 by 002 Annex 10 table 1 item 6 → 18.00" in open_data.text["en"]


def test_the_incentive_counts_in_full_below_the_cap() -> None:
    overrides = {"t1.3": per_language("attainment", "0")}
    (body,) = score(body_input("a", "local", overrides=overrides))
    assert criterion(body, 1).total == Decimal(14)


@pytest.mark.parametrize(
    ("posts", "points"),
    [(0, "0.00"), (1, "0.30"), (10, "0.30"), (11, "0.50"), (25, "0.50"), (26, "1.00"), (50, "1.00"), (51, "1.50")],
)
def test_blog_posts_fall_in_the_bands_of_table_6_item_2(posts: int, points: str) -> None:
    (body,) = score(body_input("a", "local", overrides={"t6.2": per_language("posts", posts, 51)}))
    result = indicator(body, "t6.2")
    assert result.points == {"kk": Decimal(points), "ru": Decimal("1.50")}
    assert f"posts = {posts}" in result.text["en"]


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        ("0", "0"),
        ("34.99", "0"),
        ("35", "0.4"),
        ("36", "0.4"),
        ("46.5", "0.4"),
        ("47", "0.6"),
        ("57.5", "0.6"),
        ("57.99", "0.6"),
        ("58", "0.8"),
        ("68.5", "0.8"),
        ("69", "1"),
        ("80", "1"),
        ("80.1", "1.5"),
        ("100", "1.5"),
    ],
)
def test_satisfaction_falls_in_the_bands_of_table_7_1_item_3(percent: str, points: str) -> None:
    (body,) = score(body_input("a", "local", overrides={"t7-1.3": {"satisfied_percent": percent}}))
    assert indicator(body, "t7-1.3").points == {"kk": Decimal(points), "ru": Decimal(points)}


def p6(events_total: int, high: tuple[int, int], requests: tuple[int, int, int], media: str, survey: str) -> Any:
    received, answered, late = requests
    overrides = {
        "t7-1.1": {"events_total": events_total, **per_language("high_publicity_events", *high)},
        "t7-1.2": {lang: {"received": received, "answered": answered, "late": late} for lang in ("kk", "ru")},
        "t7-1.3": {"satisfied_percent": survey},
    }
    (body,) = score(body_input("a", "local", overrides=overrides, media_satisfied=media))
    return criterion(body, 6)


def test_p6_with_the_same_counts_in_both_languages_is_the_acts_formula() -> None:
    # A = 5 × 12/12 = 5; B = 2 × (10/10 − 2/10) = 1.6; C = 0.8; D = 1 per language
    media = p6(12, (12, 12), (10, 10, 2), "80", "70")
    assert media.total == (Decimal(5) + Decimal("1.6")) * Decimal("0.8") + 2 * Decimal(1)
    assert media.points == {"kk": Decimal("3.64"), "ru": Decimal("3.64")}


def test_p6_divides_by_twelve_when_fewer_events_were_held() -> None:
    media = p6(6, (6, 3), (0, 0, 0), "100", "0")
    a = next(r for r in media.indicators if r.indicator_id == "t7-1.1")
    assert a.points == {"kk": Decimal("1.25"), "ru": Decimal("0.625")}  # exact: SPEC §7 rounds only when shown
    assert a.parameters["p6_min_events"] == "12"
    assert "A = 2.5 × 6 / max(6, 12) = 1.25" in a.text["en"]
    assert "A = 2.5 × 3 / max(6, 12) = 0.63" in a.text["en"]


@pytest.mark.parametrize(("events_total", "high"), [(20, 0), (0, 0)])
def test_p6_a_is_zero_without_high_publicity_events(events_total: int, high: int) -> None:
    media = p6(events_total, (high, high), (0, 0, 0), "100", "0")
    assert media.indicators[0].points == {"kk": Decimal("0.00"), "ru": Decimal("0.00")}


@pytest.mark.parametrize(
    ("requests", "points"),
    [
        ((0, 0, 0), "1.00"),
        ((10, 0, 0), "0.00"),
        ((10, 10, 0), "1.00"),
        ((10, 10, 4), "0.60"),
        ((10, 5, 5), "0.00"),
        ((10, 8, 2), "0.55"),
    ],
)
def test_p6_b_answers_and_late_answers(requests: tuple[int, int, int], points: str) -> None:
    media = p6(12, (0, 0), requests, "100", "0")
    b = next(r for r in media.indicators if r.indicator_id == "t7-1.2")
    assert b.points == {"kk": Decimal(points), "ru": Decimal(points)}


def test_p6_c_multiplies_a_and_b_but_not_d() -> None:
    media = p6(12, (12, 12), (0, 0, 0), "50", "100")
    assert media.points == {"kk": Decimal("3.25"), "ru": Decimal("3.25")}
    assert "002 §83 — C = 50 / 100 = 0.5" in media.indicators[-1].text["en"]


def test_the_information_support_programme_earns_the_mean_of_its_events() -> None:
    overrides = {"t4.6": {"kk": {"events": ["live_questions", "no_outsiders"]}, "ru": {"events": []}}}
    (body,) = score(body_input("a", "central", overrides=overrides))
    assert indicator(body, "t4.6").points == {"kk": Decimal("0.70"), "ru": Decimal("0.00")}


def test_a_language_version_missing_earns_only_the_other_language() -> None:
    overrides = {"t7.4": {"kk": {"attainment": "1"}, "ru": {"attainment": "0"}}}
    (body,) = score(body_input("a", "local", overrides=overrides))
    assert criterion(body, 5).points == {"kk": Decimal("9.00"), "ru": Decimal("7.50")}


def test_attainment_is_rounded_half_up_at_the_indicator() -> None:
    overrides = {"t2.10": {"kk": {"attainment": "0.25"}, "ru": {"attainment": "0.003"}}}
    (body,) = score(body_input("a", "central", overrides=overrides))
    assert indicator(body, "t2.10").points == {"kk": Decimal("0.38"), "ru": Decimal("0.00")}


def test_exempt_ministries_get_the_mean_of_the_central_bodies_assessed_after_all_others() -> None:
    # given three central bodies scored 2, 1 and 0 (kk) on open sessions, a local body, and Defence
    bodies = [
        body_input(name, "central", overrides={"t6.3": per_language("attainment", share, "1")})
        for name, share in (("health", "1"), ("finance", "0.5"), ("energy", "0"))
    ]
    akimat = body_input("akimat", "local", overrides={"t6.3": per_language("attainment", "0")})
    defence = body_input("defence", "central", exemptions=["defence"])
    foreign = body_input("foreign", "central", exemptions=["foreign_affairs"])
    *_, defence_score, foreign_score = score(*bodies, akimat, defence, foreign)
    # then Defence gets on item 3 the mean of the four central bodies scored on it (MFA is, the akimat is not)
    sessions = indicator(defence_score, "t6.3")
    assert sessions.points == {"kk": Decimal("1.25"), "ru": Decimal("2.00")}
    assert sessions.treatment == "group_average"
    assert "by 002 Annex 10 table 6 footnote * the mean of 4 central bodies → 1.25" in sessions.text["en"]
    assert indicator(foreign_score, "t6.3").treatment == "scored"
    assert indicator(foreign_score, "t6.4.3").treatment == "group_average"
    assert indicator(foreign_score, "t6.4.3").points == {"kk": Decimal("0.50"), "ru": Decimal("0.50")}


def test_the_national_bank_gets_the_average_only_on_the_double_starred_items_of_table_2() -> None:
    others = [
        body_input("finance", "central", overrides={"t2.10": per_language("attainment", "1")}),
        body_input("energy", "central", overrides={"t2.10": per_language("attainment", "0")}),
    ]
    *_, bank = score(*others, body_input("bank", "central", exemptions=["national_bank"]))
    assert indicator(bank, "t2.10").points == {"kk": Decimal("0.75"), "ru": Decimal("0.75")}
    assert indicator(bank, "t2.1.1").treatment == "scored"
    assert indicator(bank, "t2.6").treatment == "scored"


def test_a_secret_budget_gets_the_average_of_its_group_on_every_open_budget_indicator() -> None:
    akimats = [
        body_input("a", "local", overrides={"t3.1": per_language("met", True)}),
        body_input("b", "local", overrides={"t3.1": per_language("met", False)}),
    ]
    *_, secret = score(*akimats, body_input("s", "local", exemptions=["secret_budget"]))
    budget = criterion(secret, 2)
    assert {r.treatment for r in budget.indicators} == {"group_average"}
    assert indicator(secret, "t3.1").points == {"kk": Decimal("1.00"), "ru": Decimal("1.00")}
    assert "002 §67" in indicator(secret, "t3.1").text["en"]


def test_an_exemption_with_no_peer_to_average_is_refused() -> None:
    with pytest.raises(ScoringInputError) as error:
        score(body_input("defence", "central", exemptions=["defence"]))
    assert error.value.field == 'bodies[0].indicators["t6.3"]'
    assert "no other central body of this campaign is scored on 002 Annex 10 table 6 item 3" in str(error.value)


def test_an_exempt_body_must_not_report_the_indicator_it_is_exempt_from() -> None:
    defence = body_input(
        "defence", "central", exemptions=["defence"], overrides={"t6.3": best(VERSION.indicators["t6.3"])}
    )
    with pytest.raises(
        ScoringInputError,
        match=r'bodies\[1\]\.indicators\["t6.3"\]: the body is exempt by 002 Annex 10 table 6 footnote \*',
    ):
        score(body_input("health", "central"), defence)


def test_a_body_without_unified_list_data_sets_gets_the_maximum_on_the_starred_items() -> None:
    overrides = {"t1.4": per_language("attainment", "0")}
    (body,) = score(body_input("a", "central", exemptions=["no_unified_list_datasets"], overrides=overrides))
    assert indicator(body, "t1.1").treatment == "maximum"
    assert indicator(body, "t1.1").points == {"kk": Decimal("2.50"), "ru": Decimal("2.50")}
    # the output's contract: no facts and no parameters were used, given as empty objects, never null
    assert (indicator(body, "t1.1").inputs, indicator(body, "t1.1").parameters) == ({}, {})
    assert criterion(body, 1).total == Decimal(16)


def test_criterion_7_penalises_central_bodies_by_the_share_of_failing_organisations() -> None:
    overrides = {"t9.1": per_language("failing", 2, 4), "t11.2": per_language("failing", 8)}
    (body,) = score(body_input("a", "central", subordinates=8, overrides=overrides))
    penalty = criterion(body, 7)
    assert indicator(body, "t9.1").points == {"kk": Decimal("0.375"), "ru": Decimal("0.75")}
    assert penalty.total == Decimal("0.375") + Decimal("0.75") + Decimal(2)
    assert body.final == 100 - penalty.total
    assert body.shown(body.final) == Decimal("96.88")


def test_criterion_7_is_zero_without_subordinate_organisations() -> None:
    (body,) = score(body_input("a", "central", subordinates=0, facts=lambda i: worst(i, 0), media_satisfied=0))
    assert criterion(body, 7).total == 0
    assert "no subordinate organisations" in indicator(body, "t9.1").text["en"]


def test_criterion_7_does_not_apply_to_a_local_body() -> None:
    (body,) = score(body_input("akimat", "local"))
    assert criterion(body, 7).total == 0
    assert criterion(body, 7).indicators == ()
    assert "local bodies are not assessed by 002 Annex 10 table 8 footnote *" in criterion(body, 7).text["en"]


def test_each_indicator_result_explains_itself() -> None:
    (body,) = score(body_input("a", "central", overrides={"t6.2": per_language("posts", 30)}))
    blog = indicator(body, "t6.2")
    assert blog.clause.render("en") == "002 Annex 10 table 6 item 2"
    assert blog.rule == "bands"
    assert blog.inputs == {"kk.posts": "30", "ru.posts": "30"}
    assert blog.points == {"kk": Decimal("1.00"), "ru": Decimal("1.00")}
    assert blog.text["en"] == (
        "002 Annex 10 table 6 item 2 — bands: Kazakh: posts = 30, band (25, 50] → 1.00; "
        "Russian: posts = 30, band (25, 50] → 1.00"
    )
    assert blog.text["kk"].startswith("002 10-қосымша 6-кесте 2-тармақ — ауқымдар: қазақ тілінде: posts = 30")
    assert blog.text["ru"].startswith("002 приложение 10 таблица 6 пункт 2 — диапазоны: на казахском")
    assert indicator(body, "t1.1").parameters == {"points_quantum": "0.01"}
    assert body.explanation("en").endswith(
        "total by criteria 99.00 − penalty deduction 0.00 = final score with penalty 99.00"
    )
    # one line per indicator, then its criterion's line, and the final score's line last
    lines = body.explanation("ru").split("\n")
    expected = [text for c in body.criteria for text in [*(i.text["ru"] for i in c.indicators), c.text["ru"]]]
    assert lines == [*expected, body.text["ru"]]


@pytest.mark.parametrize(
    ("overrides", "field", "problem"),
    [
        ({"t6.2": per_language("posts", -1)}, 'bodies[0].indicators["t6.2"].kk.posts', "must be ≥ 0"),
        (
            {"t1.1": per_language("attainment", "1.2")},
            'bodies[0].indicators["t1.1"].kk.attainment',
            "must be between 0 and 1",
        ),
        (
            {"t7-1.2": {lang: {"received": 2, "answered": 3, "late": 0} for lang in ("kk", "ru")}},
            'bodies[0].indicators["t7-1.2"].kk.answered',
            "must not exceed received (2)",
        ),
        (
            {"t7-1.2": {lang: {"received": 3, "answered": 2, "late": 3} for lang in ("kk", "ru")}},
            'bodies[0].indicators["t7-1.2"].kk.late',
            "must not exceed answered (2)",
        ),
        (
            {"t7-1.1": {"events_total": 3, **per_language("high_publicity_events", 4)}},
            'bodies[0].indicators["t7-1.1"].kk.high_publicity_events',
            "must not exceed events_total (3)",
        ),
        (
            {"t4.6": per_language("events", ["press_release"])},
            'bodies[0].indicators["t4.6"].kk.events[0]',
            "must be one of live_questions, stakeholders_invited, announced_broadcast, no_outsiders",
        ),
        (
            {"t9.1": per_language("failing", 11)},
            'bodies[0].indicators["t9.1"].kk.failing',
            "must not exceed subordinate_organisations (10)",
        ),
        (
            {"p6.C": {"satisfied_percent": 101}},
            'bodies[0].indicators["p6.C"].satisfied_percent',
            "must be between 0 and 100",
        ),
        ({"t7-1.3": {"satisfied_percent": -3}}, 'bodies[0].indicators["t7-1.3"].satisfied_percent', "must be ≥ 0"),
        ({"t6.2": per_language("posts", "12.5")}, 'bodies[0].indicators["t6.2"].kk.posts', "must be a whole number"),
    ],
)
def test_bad_facts_are_refused_naming_the_field(overrides: dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(ScoringInputError) as error:
        score(body_input("a", "central", overrides=overrides))
    assert (error.value.field, error.value.problem) == (field, problem)


def test_an_unknown_indicator_is_refused() -> None:
    with pytest.raises(
        ScoringInputError, match=r'bodies\[0\]\.indicators\["t12.1"\]: unknown indicator of openness-2025'
    ):
        score(body_input("a", "central", overrides={"t12.1": per_language("met", True)}))


def test_an_indicator_of_the_other_kind_is_refused() -> None:
    with pytest.raises(
        ScoringInputError,
        match=r'bodies\[0\]\.indicators\["t9.1"\]: 002 Annex 10 table 9 item 1 is not assessed for local bodies',
    ):
        score(body_input("a", "local", overrides={"t9.1": per_language("failing", 0)}))


def test_a_missing_indicator_is_refused() -> None:
    body = body_input("a", "local")
    del body["indicators"]["t5.3"]
    with pytest.raises(ScoringInputError, match=r'bodies\[0\]\.indicators\["t5.3"\]: is required'):
        score(body)


def test_a_missing_language_is_refused() -> None:
    body = body_input("a", "local", overrides={"t5.3": {"kk": {"attainment": "1"}}})
    with pytest.raises(ScoringInputError, match=r'bodies\[0\]\.indicators\["t5.3"\]\.ru: is required'):
        score(body)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b.pop("id"), r"bodies\[0\]\.id: is required"),
        (lambda b: b.update(kind="district"), r"bodies\[0\]\.kind: must be central or local"),
        (lambda b: b.update(exemptions=["navy"]), r"bodies\[0\]\.exemptions: unknown: navy"),
        (lambda b: b.pop("subordinate_organisations"), r"bodies\[0\]\.subordinate_organisations: is required"),
        (lambda b: b.update(subordinate_organisations=-1), r"bodies\[0\]\.subordinate_organisations: must be ≥ 0"),
        (lambda b: b.update(colour="red"), r"bodies\[0\]\.colour: unknown field"),
        (
            lambda b: b["indicators"].update({"t1.1": {"kk": {"attainment": True}, "ru": {"attainment": 1}}}),
            r'bodies\[0\]\.indicators\["t1.1"\]\.kk\.attainment: must be a number',
        ),
    ],
)
def test_bad_bodies_are_refused_naming_the_field(change: Any, message: str) -> None:
    body = body_input("a", "central")
    change(body)
    with pytest.raises(ScoringInputError, match=message):
        score(body)


def test_two_bodies_with_one_id_are_refused() -> None:
    with pytest.raises(ScoringInputError, match=r"bodies\[1\]\.id: 'a' is used by another body"):
        score(body_input("a", "central"), body_input("a", "local"))


def test_an_empty_campaign_is_refused() -> None:
    with pytest.raises(ScoringInputError, match="bodies: must be a non-empty list"):
        parse_openness(VERSION, {"bodies": []})
