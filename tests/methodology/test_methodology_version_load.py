"""``methodology_version_load``: a validated file becomes one version row set, once, with an audit event."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.methodology import demo
from ashyq.methodology.models import (
    AnnexTable,
    Band,
    Criterion,
    Exemption,
    Indicator,
    Level,
    MethodologyVersion,
    Parameter,
    Provision,
    Variable,
)
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import read_version_file
from tests.methodology.conftest import FEEDBACK_FILE, OPENNESS_FILE, edited_copy

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    models = (MethodologyVersion, Criterion, AnnexTable, Indicator, Band, Level, Exemption, Parameter, Provision)
    return {model.__name__: model.objects.count() for model in (*models, Variable)}


def test_the_openness_file_is_stored_with_every_criterion_indicator_band_and_parameter() -> None:
    # given the 002 file, when it is loaded by the system
    load = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None)

    # then the version carries its act, and every part of Annexes 7 and 10 is a row
    version = load.version
    assert load.created
    assert (version.kind, version.code, version.seed) == ("openness", "openness-2025", "002")
    assert (version.registration_number, str(version.effective_from)) == ("36070", "2025-05-17")
    assert version.amends_registration_number == "22599"
    assert version.source_file == "openness-2025-36070.toml" and len(version.sha256) == 64
    weights = dict(version.criteria.values_list("number", "weight"))
    assert weights == {1: 18, 2: 18, 3: 18, 4: 18, 5: 18, 6: 10, 7: -9}
    assert version.tables.count() == 11 and version.indicators.count() == 60
    reception = version.indicators.get(code="t6.4.3")
    assert (reception.points_central_kk, reception.points_local_ru) == (Decimal("0.5"), Decimal("1"))
    assert reception.item == "4.3" and reception.marks == "**"
    budget = version.indicators.get(code="t2.2")
    assert budget.points_local_kk is None and budget.points_central_ru == Decimal("0.5")
    blog = list(version.indicators.get(code="t6.2").bands.values_list("lower", "upper", "points_kk"))
    assert blog[0] == (Decimal("50"), None, Decimal("1.5"))
    assert Level.objects.filter(indicator__code="t4.6", indicator__version=version).count() == 4
    assert version.parameters.get(name="p6_min_events").value == "12"
    assert version.parameters.count() == 16


def test_exemptions_keep_their_table_mark_effect_and_indicators() -> None:
    version = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version

    defence = version.exemptions.get(table__number="6", mark="*")
    assert defence.effect == "group_average" and defence.applies_to == ["defence"]
    assert list(defence.indicators.values_list("code", flat=True)) == ["t6.3"]
    secret = version.exemptions.get(table__isnull=True, applies_to=["secret_budget"])
    assert secret.clause == {
        "act": "002",
        "paragraph": "67",
        "annex": None,
        "table": None,
        "item": None,
        "subitem": None,
        "mark": None,
    }
    assert secret.indicators.count() == 15 + 7  # every indicator of tables 2 and 3


def test_the_feedback_file_is_stored_with_its_formula_scale_and_parameters() -> None:
    version = methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None).version

    assert version.criteria.count() == 3 and not version.criteria.filter(weight__isnull=False).exists()
    assert list(version.variables.values_list("symbol", flat=True)) == ["F", "B", "C", "E", "G"]
    assert version.provisions.get(key="formula").formula == "F = (B / C) × (E / G) × 100 %"
    assert version.provisions.get(key="not_openly_accessible").value == 0
    scale = list(version.bands.values_list("key", "lower", "lower_closed", "upper", "upper_closed"))
    assert scale[1] == ("low", Decimal("50"), True, Decimal("70"), False)
    assert version.parameters.get(name="f_when_nothing_received").value == "100"


def test_a_load_writes_one_audit_event() -> None:
    version = methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None).version

    event = AuditEvent.objects.get(event_type="methodology.version.loaded")
    assert (event.actor_label, event.target_id) == ("system", str(version.pk))
    assert event.new == {
        "code": "feedback-2024",
        "registration_number": "33916",
        "effective_from": "2024-01-30",
        "source_file": "feedback-2024-33916.toml",
        "sha256": version.sha256,
    }


def test_loading_the_same_file_again_changes_nothing() -> None:
    # given the versions loaded once
    first = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None)
    methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None)
    before = _row_counts()

    # when the same file is loaded again
    again = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None)

    # then it is the same version, no row is added and no event written
    assert not again.created and again.version.pk == first.version.pk
    assert _row_counts() == before
    assert AuditEvent.objects.filter(event_type="methodology.version.loaded").count() == 2


def test_a_changed_file_with_the_same_registration_and_date_is_refused(tmp_path: Path) -> None:
    # given the 002 version loaded
    methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None)
    before = _row_counts()
    # and the file changed (a parameter's value), still No. 36070 in force from 2025-05-17
    changed = edited_copy(tmp_path, OPENNESS_FILE, ('value = "0.01"', 'value = "0.001"'))

    # when it is loaded, then it is refused with a message naming the version and the way out
    with pytest.raises(InvalidTransition) as error:
        methodology_version_load(version=read_version_file(changed), actor=None)
    assert "the openness version No. 36070 in force from 2025-05-17 is already loaded" in error.value.message
    assert "give a new version its own registration number or effective date" in error.value.message
    assert _row_counts() == before


def test_a_new_version_of_the_same_act_is_a_new_row(tmp_path: Path) -> None:
    # given the 002 version loaded, and its publication date corrected in a new file
    old = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version
    corrected = edited_copy(
        tmp_path,
        OPENNESS_FILE,
        ("first_publication = 2025-05-06", "first_publication = 2025-05-08"),
        ("effective_from = 2025-05-17", "effective_from = 2025-05-19"),
    )

    # when it is loaded, then both versions stay, each with its own file hash
    new = methodology_version_load(version=read_version_file(corrected), actor=None).version
    assert new.pk != old.pk and new.sha256 != old.sha256
    assert str(new.effective_from) == "2025-05-19"
    assert MethodologyVersion.objects.filter(registration_number="36070").count() == 2


def test_an_analyst_may_load_and_an_officer_may_not(analyst: User, officer_a: User) -> None:
    with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
        methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=officer_a)
    assert not MethodologyVersion.objects.exists()

    methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=analyst)
    assert AuditEvent.objects.get(event_type="methodology.version.loaded").actor == analyst


def test_the_demo_step_loads_every_file_idempotently() -> None:
    demo.load({})
    demo.load({})
    assert sorted(MethodologyVersion.objects.values_list("code", flat=True)) == ["feedback-2024", "openness-2025"]


@pytest.mark.parametrize("kind", ["central", "local"])
def test_the_stored_points_still_sum_to_annex_7s_weights(kind: str) -> None:
    # given the 002 version stored
    version = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version
    not_assessed = {
        code
        for rule in version.exemptions.filter(effect="not_assessed")
        if kind in rule.applies_to
        for code in rule.indicators.values_list("code", flat=True)
    }

    # then per criterion 1–6 the indicators' maxima in both languages (without the incentive) give its weight
    for criterion in version.criteria.filter(penalty=False):
        total = Decimal(0)
        for indicator in Indicator.objects.filter(table__criterion=criterion, incentive=False):
            if indicator.code not in not_assessed:
                total += getattr(indicator, f"points_{kind}_kk") or 0
                total += getattr(indicator, f"points_{kind}_ru") or 0
        assert total == criterion.weight, criterion.number
