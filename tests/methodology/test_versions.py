"""The methodology files load, hold the acts' numbers, and a file that contradicts itself is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ashyq.methodology.versions import (
    DATA_DIR,
    LANGUAGES,
    FeedbackVersion,
    MethodologyError,
    OpennessVersion,
    assessed,
    feedback_version,
    load_version,
    openness_version,
    version_in_force,
)

OPENNESS_FILE = DATA_DIR / "openness-2025-36070.toml"
FEEDBACK_FILE = DATA_DIR / "feedback-2024-33916.toml"


@pytest.fixture(scope="module")
def openness() -> OpennessVersion:
    return openness_version(date(2026, 1, 1))


def _edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_each_version_carries_its_act_registration_and_effective_date() -> None:
    feedback = load_version(FEEDBACK_FILE)
    openness = load_version(OPENNESS_FILE)
    assert isinstance(feedback, FeedbackVersion)
    assert (feedback.act.seed, feedback.act.registration_number) == ("000", "33916")
    assert feedback.act.effective_from == date(2024, 1, 30)
    assert isinstance(openness, OpennessVersion)
    assert (openness.act.seed, openness.act.registration_number) == ("002", "36070")
    assert openness.amends_registration_number == "22599"
    assert openness.act.effective_from == date(2025, 5, 17)


def test_the_version_in_force_is_chosen_by_date() -> None:
    assert version_in_force("openness", date(2025, 5, 17)).act.id == "openness-2025"
    with pytest.raises(MethodologyError, match="no openness methodology is in force on 2025-05-16"):
        version_in_force("openness", date(2025, 5, 16))
    assert feedback_version(date(2024, 1, 30)).act.id == "feedback-2024"


def test_criteria_weights_are_annex_7s(openness: OpennessVersion) -> None:
    weights = {c.number: c.weight for c in openness.criteria}
    assert weights == {1: 18, 2: 18, 3: 18, 4: 18, 5: 18, 6: 10, 7: -9}
    assert [c.names.kk for c in openness.criteria][:2] == ["Ашық деректер", "Ашық бюджет"]
    assert openness.criteria[6].names.ru == "Открытость подведомственных организаций"


@pytest.mark.parametrize(
    ("table", "kind", "per_language"),
    [
        ("1", "central", "9"),
        ("2", "central", "9"),
        ("3", "local", "9"),
        ("4", "central", "9"),
        ("5", "local", "9"),
        ("6", "central", "9"),
        ("6", "local", "9"),
        ("7", "central", "9"),
        ("7-1", "local", "5"),
        ("9", "central", "1.5"),
        ("10", "central", "1.5"),
        ("11", "central", "1.5"),
    ],
)
def test_each_tables_maximum_per_language(openness: OpennessVersion, table: str, kind: str, per_language: str) -> None:
    indicators = [i for i in openness.indicators.values() if i.table == table and not i.incentive]
    for lang in LANGUAGES:
        total = sum(
            (i.maximum(kind, lang) for i in indicators if assessed(openness, i, kind)),  # type: ignore[arg-type]
            Decimal(0),
        )
        assert total == Decimal(per_language)


def test_personal_reception_is_half_a_point_for_central_and_one_for_local(openness: OpennessVersion) -> None:
    reception = openness.indicators["t6.4.3"]
    assert reception.maximum("central", "kk") == Decimal("0.5")
    assert reception.maximum("local", "ru") == Decimal("1")
    assert not assessed(openness, openness.indicators["t6.4.4"], "local")
    assert assessed(openness, openness.indicators["t6.4.4"], "central")


def test_footnotes_name_the_exempt_bodies(openness: OpennessVersion) -> None:
    def effects(indicator: str, *tags: str) -> set[str]:
        return {rule.effect for rule in openness.rules_for(indicator, tags)}

    assert effects("t6.3", "defence") == {"group_average"}
    assert effects("t6.3", "justice") == set()
    assert effects("t6.4.1", "justice") == {"group_average"}
    assert effects("t2.10", "national_bank") == {"group_average"}
    assert effects("t2.6", "national_bank") == set()
    assert effects("t3.1", "secret_budget") == {"group_average"}
    assert effects("t1.3", "no_unified_list_datasets") == {"maximum"}


def test_every_kazakh_name_is_quoted_from_the_seed(openness: OpennessVersion) -> None:
    seed = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_df6513e0feafc524.txt"
    if not seed.exists():
        pytest.skip("shared/seeds is not beside the repository")
    text = " ".join(seed.read_text(encoding="utf-8").split())
    for indicator in openness.indicators.values():
        if indicator.id not in {"t7.3", "t3.7"}:  # the seed breaks these two names across table rows
            assert indicator.names.kk in text, indicator.id
    for criterion in openness.criteria:
        assert criterion.names.kk in text


def test_overlapping_bands_are_refused_naming_the_indicator_and_the_line(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        OPENNESS_FILE,
        'lower = "10"\nlower_closed = false\nupper = "25"',
        'lower = "10"\nlower_closed = false\nupper = "26"',
    )
    with pytest.raises(MethodologyError) as error:
        load_version(path)
    message = str(error.value)
    assert "002 Annex 10 table 6 item 2: band (25, 50] overlaps (10, 26]" in message
    line = OPENNESS_FILE.read_text(encoding="utf-8").splitlines().index('id = "t6.2"') + 1
    assert f"openness-2025-36070.toml line {line}:" in message


def test_a_gap_between_bands_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, OPENNESS_FILE, 'lower = "69"\nlower_closed = true', 'lower = "70"\nlower_closed = true')
    with pytest.raises(MethodologyError, match=r"table 7-1 item 3: gap between band \[58, 69\) and band \[70, 80\]"):
        load_version(path)


def test_maxima_that_miss_the_weight_are_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, OPENNESS_FILE, 'points = { kk = "3.5", ru = "3.5" }', 'points = { kk = "3", ru = "3.5" }')
    with pytest.raises(MethodologyError, match=r"table 4 \(central\): maxima sum to 17.5 \(kk 8.5 \+ ru 9\)"):
        load_version(path)


def test_penalties_that_miss_the_table_8_cap_are_refused(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        OPENNESS_FILE,
        'points = { kk = "1", ru = "1" }\nkk = \'Заңға',
        'points = { kk = "1", ru = "2" }\nkk = \'Заңға',
    )
    with pytest.raises(
        MethodologyError, match="table 11: penalties sum to 4, not the cap 3 of 002 Annex 10 table 8 item 3"
    ):
        load_version(path)


def test_overlapping_f_bands_are_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, FEEDBACK_FILE, 'upper = "70"\nupper_closed = false', 'upper = "70"\nupper_closed = true')
    with pytest.raises(MethodologyError, match=r"000 §23: band \[70, 90\) overlaps \[50, 70\]"):
        load_version(path)


def test_a_missing_parameter_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, OPENNESS_FILE, 'name = "p6_min_events"', 'name = "p6_minimum_events"')
    with pytest.raises(MethodologyError, match="parameter p6_minimum_events: unknown parameter"):
        load_version(path)


def test_an_effective_date_that_does_not_follow_the_publication_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, FEEDBACK_FILE, "effective_from = 2024-01-30", "effective_from = 2024-01-29")
    with pytest.raises(MethodologyError, match="effective_from 2024-01-29 does not follow"):
        load_version(path)


def test_an_unknown_rule_is_refused(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        OPENNESS_FILE,
        'id = "t5.2"\nitem = "2"\nrule = "attainment"',
        'id = "t5.2"\nitem = "2"\nrule = "guess"',
    )
    with pytest.raises(MethodologyError, match="table 5 item 2: 'rule' must be one of"):
        load_version(path)


def test_every_spec_section_7_parameter_is_present_with_its_default(openness: OpennessVersion) -> None:
    values = {p.name: p.value for p in openness.parameters}
    assert values["p6_min_events"] == "12"
    assert values["p6_b_share_when_no_requests"] == "1"
    assert values["p6_b_share_when_none_answered"] == "0"
    assert values["info_support_aggregation"] == "mean"
    assert values["points_quantum"] == "0.01"
    assert values["calendar_term_rolls_to_working_day"] == "true"
    assert all(set(p.text) == {"kk", "ru", "en"} for p in openness.parameters)
    feedback = feedback_version(date(2026, 1, 1))
    assert {p.name: p.value for p in feedback.parameters}["f_when_nothing_received"] == "100"
