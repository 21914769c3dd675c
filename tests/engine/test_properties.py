"""Properties over any facts: no criterion above its weight, the final score in [−9, 100], monotone in
each attainment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ashyq.evaluation.engine import parse_openness, score_openness
from ashyq.methodology.versions import Indicator

from .inputs import VERSION, body_input

SUBORDINATES = 6
attainments = st.decimals(min_value=0, max_value=1, places=3)
counts = st.integers(min_value=0, max_value=80)


def _requests(draw: st.DrawFn) -> dict[str, int]:
    received = draw(st.integers(0, 20))
    answered = draw(st.integers(0, received))
    return {"received": received, "answered": answered, "late": draw(st.integers(0, answered))}


@st.composite
def indicator_facts(draw: st.DrawFn, indicator: Indicator) -> dict[str, Any]:
    def both(name: str, strategy: st.SearchStrategy[Any]) -> dict[str, Any]:
        return {lang: {name: draw(strategy)} for lang in ("kk", "ru")}

    rule = indicator.rule
    if rule == "bands" and indicator.measure_scope == "common":
        return {str(indicator.measure): str(draw(st.decimals(min_value=0, max_value=100, places=1)))}
    if rule == "publicity":
        total = draw(st.integers(0, 30))
        return {"events_total": total, **both("high_publicity_events", st.integers(0, total))}
    if rule == "media_requests":
        return {lang: _requests(draw) for lang in ("kk", "ru")}
    strategies: dict[str, tuple[str, st.SearchStrategy[Any]]] = {
        "met": ("met", st.booleans()),
        "attainment": ("attainment", attainments.map(str)),
        "bands": (str(indicator.measure), counts),
        "category_average": ("events", st.lists(st.sampled_from([lv.key for lv in indicator.levels]), max_size=4)),
        "penalty_share": ("failing", st.integers(0, SUBORDINATES)),
    }
    name, strategy = strategies[rule]
    return both(name, strategy)


@st.composite
def bodies(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["central", "local"]))
    facts = {i.id: draw(indicator_facts(i)) for i in VERSION.indicators.values()}
    satisfied = str(draw(st.decimals(min_value=0, max_value=100, places=1)))
    return body_input("body", kind, lambda i: facts[i.id], subordinates=SUBORDINATES, media_satisfied=satisfied)


def _score(body: dict[str, Any]) -> Any:
    (result,) = score_openness(VERSION, parse_openness(VERSION, {"bodies": [body]}))
    return result


@settings(deadline=None)
@given(bodies())
def test_no_criterion_exceeds_its_weight_and_the_final_score_stays_within_minus_9_and_100(body: dict[str, Any]) -> None:
    result = _score(body)
    for criterion in result.criteria:
        assert 0 <= criterion.total <= abs(criterion.weight)
    assert Decimal(-9) <= result.final <= Decimal(100)
    assert result.final == result.total - result.penalty


attainment_ids = [i.id for i in VERSION.indicators.values() if i.rule == "attainment"]


@settings(deadline=None)
@given(bodies(), st.sampled_from(attainment_ids), st.sampled_from(["kk", "ru"]), attainments, attainments)
def test_the_final_score_is_monotone_in_each_attainment(
    body: dict[str, Any], indicator_id: str, lang: str, first: Decimal, second: Decimal
) -> None:
    assume(indicator_id in body["indicators"])  # not an indicator of the other kind's table
    low, high = sorted((first, second))
    body["indicators"][indicator_id][lang]["attainment"] = str(low)
    before = _score(body).final
    body["indicators"][indicator_id][lang]["attainment"] = str(high)
    assert _score(body).final >= before
