"""Loading state bodies from the reference CSV (issue 3 item 2)."""

from __future__ import annotations

import pytest

from ashyq.core.demo import REFERENCE_BODIES
from ashyq.core.models import AuditEvent
from ashyq.orgs.models import Body, BodyKind
from ashyq.orgs.services import BodyImportError, bodies_import_csv

pytestmark = pytest.mark.django_db
HEADER = "kind,name_ru,name_kk,legalacts_government_id,notes,parent\n"


def load_reference() -> None:
    bodies_import_csv(text=REFERENCE_BODIES.read_text(encoding="utf-8"), actor=None)


def test_the_reference_file_loads_every_body_with_its_kind_and_flags() -> None:
    # when
    load_reference()
    # then
    assert Body.objects.count() == 49
    assert Body.objects.filter(kind=BodyKind.OBLAST_AKIMAT).count() == 17
    defence = Body.objects.get(legalacts_government_id=2704)
    assert defence.not_under_resolution_12 and defence.no_open_session_indicator
    assert Body.objects.filter(not_under_resolution_12=True).count() == 5
    national_bank = Body.objects.get(name_ru="Национальный Банк Республики Казахстан")
    assert national_bank.outside_feedback_scope and national_bank.national_bank_exceptions
    assert national_bank.kind == BodyKind.CENTRAL_STATE
    assert Body.objects.get(is_authorized_body=True).legalacts_government_id == 604396
    # an agency that reports to the President is a central state body, not a central executive one
    assert Body.objects.get(legalacts_government_id=680).kind == BodyKind.CENTRAL_STATE
    assert Body.objects.get(legalacts_government_id=5442716).kind == BodyKind.CENTRAL_STATE  # competition
    assert Body.objects.get(legalacts_government_id=15575273).kind == BodyKind.AGENCY
    assert AuditEvent.objects.filter(event_type="orgs.body.created").count() == 49


def test_a_second_import_of_the_same_file_changes_nothing() -> None:
    load_reference()
    events = AuditEvent.objects.count()
    result = bodies_import_csv(text=REFERENCE_BODIES.read_text(encoding="utf-8"), actor=None)
    assert (len(result.created), len(result.updated), result.unchanged) == (0, 0, 49)
    assert AuditEvent.objects.count() == events


def test_districts_are_imported_under_their_oblast() -> None:
    load_reference()
    text = HEADER + "district,Аршалынский район,Аршалы ауданы,,,Акмолинская область\n"
    bodies_import_csv(text=text, actor=None)
    district = Body.objects.get(name_ru="Аршалынский район")
    assert district.kind == BodyKind.DISTRICT_AKIMAT and district.parent.name_kk == "Ақмола облысы"
    assert district.is_local


def test_a_file_with_bad_rows_is_refused_whole_with_every_line_named() -> None:
    text = (
        HEADER
        + "ministry,Министерство X,X министрлігі,101,,\n"
        + "planet,Марс,Марс,,,\n"
        + "district,Район без области,Облыссыз аудан,,,\n"
        + "ministry,,Атаусыз,abc,,\n"
    )
    with pytest.raises(BodyImportError) as refused:
        bodies_import_csv(text=text, actor=None)
    assert [line for line, _reason in refused.value.errors] == [3, 4, 5]
    assert "unknown kind 'planet'" in refused.value.errors[0][1]
    assert "needs its oblast" in refused.value.errors[1][1]
    assert Body.objects.count() == 0


def test_missing_columns_are_named() -> None:
    with pytest.raises(BodyImportError, match="missing columns: legalacts_government_id, notes"):
        bodies_import_csv(text="kind,name_ru,name_kk\nministry,a,b\n", actor=None)
