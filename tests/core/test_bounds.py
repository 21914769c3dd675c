"""One set of bounds for every input (ARCHITECTURE rule 13, issue 15 item 1): forms, the API and imports
refuse dates, years, text and control characters outside ``ashyq.core.bounds`` with a message naming the
field; nothing out of range is stored, and no filter is a 500."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from ashyq.core import bounds
from ashyq.feedback.forms import ItemCreateForm, RejectForm
from ashyq.feedback.models import ImportJob, Item, ItemStatus
from ashyq.feedback.services.imports import import_job_create
from ashyq.meetings.models import RegionalProblem
from ashyq.orgs.models import Body, BodyKind
from ashyq.orgs.services import BodyImportError, bodies_import_csv
from ashyq.registry.models import ChannelApplication
from tests.feedback.factories import ItemFactory, SourceFactory
from tests.registry.factories import annex1

pytestmark = pytest.mark.django_db


def settings_uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


YEAR_ONE = "0001-01-01 00:00"
YEAR_TEN_THOUSAND = "9999-12-31T23:00:00-12:00"  # year 10000 once stored in UTC


@pytest.fixture
def client() -> Client:
    """The API answers in the language the client asks for; these tests read the English messages."""
    return Client(headers={"accept-language": "en"})


def _json(client: Client, path: str, payload: dict) -> tuple[int, object]:
    response = client.post(path, json.dumps(payload), content_type="application/json")
    return response.status_code, response.json()


def test_the_bounds_are_named_settings(settings) -> None:
    # given the defaults: 2000-01-01 to 31 December five years after today
    today = datetime.date.today()
    assert bounds.earliest_date() == datetime.date(2000, 1, 1)
    assert bounds.latest_date() == datetime.date(today.year + 5, 12, 31)
    # when an installation narrows them, then the rules follow
    settings.ASHYQ_EARLIEST_DATE, settings.ASHYQ_YEARS_AHEAD = datetime.date(2020, 1, 1), 1
    assert bounds.year_range() == range(2020, today.year + 2)
    with pytest.raises(bounds.OutOfBounds, match="received_at"):
        bounds.check_date(datetime.date(2019, 12, 31), "received_at")
    assert bounds.check_date(datetime.date(2020, 1, 1), "received_at") == datetime.date(2020, 1, 1)


@pytest.mark.parametrize("moment", [YEAR_ONE, YEAR_TEN_THOUSAND, "1999-12-31 23:59"])
def test_an_item_dated_outside_the_bounds_is_not_saved_from_the_page(client, officer_a, body_a, moment) -> None:
    """Before: saved (as 1 BC or year 10000), then every export and the API list of the body failed."""
    source = SourceFactory(body=body_a)
    client.force_login(officer_a)
    response = client.post(
        reverse("feedback:source_action", args=[source.pk, "item"]),
        {"kind": "remark", "text": "Изменить пункт 5", "received_at": moment},
        follow=True,
    )
    assert not Item.objects.exists()
    assert "outside the allowed range" in response.content.decode()


def test_the_form_names_the_field_and_the_range() -> None:
    form = ItemCreateForm({"kind": "remark", "text": "x", "received_at": YEAR_ONE})
    assert not form.is_valid()
    (message,) = form.errors["received_at"]
    assert message.startswith("Received at: the date 01/01/0001 is outside the allowed range 01/01/2000 – 12/31/")


@pytest.mark.parametrize("query", [{"until": "9999-12-31"}, {"since": "0001-01-01"}])
def test_a_filter_with_an_out_of_range_date_is_a_form_error_not_a_500(client, analyst, query) -> None:
    client.force_login(analyst)
    response = client.get(reverse("feedback:item_list"), query)
    assert response.status_code == 200
    assert "outside the allowed range" in response.content.decode()  # under the field; the list unfiltered
    response = client.get(reverse("feedback:item_list"), {**query, "export": "csv"})
    assert response.status_code == 200


@pytest.mark.parametrize("query", [{"until": "9999-12-31"}, {"since": "0001-01-01"}])
def test_an_api_filter_with_an_out_of_range_date_is_a_422_naming_it(client, analyst, query) -> None:
    client.force_login(analyst)
    response = client.get("/api/v1/feedback/items/", query)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-1] in query and "outside the allowed range" in error["msg"]


@pytest.mark.parametrize(
    "query", [{"until": "0"}, {"until": "1700000000"}, {"since": "2020-01-01T00:00"}, {"since": "01.01.2020"}]
)
def test_an_api_date_filter_that_is_not_an_iso_date_is_a_422_naming_it(client, analyst, query) -> None:
    """Before: ``?until=0`` was read as the Unix time 0 (1970-01-01), ``?until=1700000000`` as 2023-11-14."""
    client.force_login(analyst)
    response = client.get("/api/v1/feedback/items/", query)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    ((name, value),) = query.items()
    assert error["loc"] == ["query", name]
    assert f"{name}: «{value}» is not a date in the form YYYY-MM-DD." in error["msg"]


@pytest.mark.parametrize("query", [{"until": "0"}, {"since": "1700000000"}])
def test_a_page_date_filter_that_is_not_a_date_is_a_form_error(client, analyst, query) -> None:
    client.force_login(analyst)
    response = client.get(reverse("feedback:item_list"), query)
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_an_api_date_time_must_be_iso(client, officer_a, body_a) -> None:
    """A body's date-time given as a number is refused, not read as a Unix time (issue 15 item 1)."""
    client.force_login(officer_a)
    status, answer = _json(client, "/api/v1/meetings/unscheduled/", {"body_id": body_a.pk, "planned_start": 1767225600})
    assert status == 422
    errors = {error["loc"][-1]: error["msg"] for error in answer["detail"]}
    assert "planned_start: «1767225600» is not a date and time" in errors["planned_start"]


@pytest.mark.parametrize(
    "path", ["/api/v1/registry/applications", "/api/v1/registry/requests", "/api/v1/feedback/items/"]
)
def test_an_unknown_query_parameter_is_a_422_naming_it(client, analyst, path) -> None:
    """Before: the registry's queues answered 200 to ``?statuss=draft``, silently unfiltered."""
    client.force_login(analyst)
    response = client.get(path, {"statuss": "draft", "limit": 5})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "extra_forbidden", "loc": ["query", "statuss"], "msg": "Unknown query parameter: statuss"}]
    }
    assert client.get(path, {"status": "draft", "limit": 5}).status_code == 200


def test_the_schema_states_the_bounds(client) -> None:
    """Issue 15 item 6: a client generated from the schema knows the ranges ashyq.core.bounds applies."""
    schema = client.get("/api/openapi.json").json()
    years = bounds.year_range()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/feedback/items/"]["get"]["parameters"]}
    (until, _null) = parameters["until"]["anyOf"]
    assert until["format"] == "date" and until["pattern"] == bounds.date_pattern()
    assert parameters["q"]["maxLength"] == bounds.text_limit()
    assert parameters["q"]["pattern"] == bounds.NO_CONTROL_CHARACTER
    regional = schema["components"]["schemas"]["RegionalProblemsIn"]["properties"]
    assert (regional["year"]["minimum"], regional["year"]["maximum"]) == (years[0], years[-1])
    application = schema["components"]["schemas"]["ApplicationIn"]["properties"]
    assert application["name_kk"]["maxLength"] == ChannelApplication._meta.get_field("name_kk").max_length
    scores = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/feedback/scores/"]["get"]["parameters"]}
    assert (scores["year"]["minimum"], scores["year"]["maximum"]) == (2024, years[-1])
    (quarter, _null) = scores["quarter"]["anyOf"]
    assert (quarter["minimum"], quarter["maximum"]) == (1, 4)


def test_the_date_pattern_holds_the_years_within_the_bounds() -> None:
    """From 2000 to ASHYQ_YEARS_AHEAD years ahead; ``format: date`` beside it leaves out 2023-02-29."""
    import re

    last = bounds.latest_date().year
    inside = ["2000-01-01", f"{last}-12-31", "2023-04-30"]
    outside = ["1999-12-31", f"{last + 1}-01-01", "2023-1-01", "12023-01-01"]
    assert [day for day in inside if not re.fullmatch(bounds.date_pattern(), day)] == []
    assert [day for day in outside if re.fullmatch(bounds.date_pattern(), day)] == []


def test_the_date_pattern_follows_a_later_earliest_date(settings) -> None:
    import re

    settings.ASHYQ_EARLIEST_DATE = datetime.date(2020, 3, 15)
    assert not re.fullmatch(bounds.date_pattern(), "2020-03-14")
    assert re.fullmatch(bounds.date_pattern(), "2020-03-15")
    assert re.fullmatch(bounds.date_pattern(), "2020-12-31")
    assert re.fullmatch(bounds.date_pattern(with_time=True) + ".*", "2020-03-15T00:00:00+05:00")
    assert not re.fullmatch(bounds.date_pattern(with_time=True) + ".*", "2020-02-29T00:00:00+05:00")


def test_nul_in_api_text_is_refused_naming_the_field(client, officer_a, body_a) -> None:
    """Before: PostgreSQL refused the NUL and the answer said "out of range"; SQLite stored it."""
    item = ItemFactory(source=SourceFactory(body=body_a))
    client.force_login(officer_a)
    status, body = _json(client, f"/api/v1/feedback/items/{item.pk}/accept/", {"reference": "п. 5\x00"})
    assert status == 422
    assert "reference contains a control character" in body["detail"][0]["msg"]
    item.refresh_from_db()
    assert item.status == ItemStatus.RECEIVED


def test_a_five_megabyte_rejection_reason_is_refused(client, officer_a, body_a, settings) -> None:
    """Before: a 5 MB reason was stored. Long text is capped at ASHYQ_TEXT_MAX_CHARS."""
    item = ItemFactory(source=SourceFactory(body=body_a))
    client.force_login(officer_a)
    huge = "x" * (5 * 1024 * 1024)
    status, body = _json(client, f"/api/v1/feedback/items/{item.pk}/reject/", {"reason": huge})
    assert status == 422 and "longer than" in body["detail"][0]["msg"]
    form = RejectForm({"reason": "а" * (settings.ASHYQ_TEXT_MAX_CHARS + 1)})
    assert not form.is_valid() and "longer than" in form.errors["reason"][0]
    assert RejectForm({"reason": "а" * settings.ASHYQ_TEXT_MAX_CHARS}).is_valid()
    item.refresh_from_db()
    assert item.status == ItemStatus.RECEIVED


@pytest.mark.parametrize(("year", "stored_before"), [(-1, "IntegrityError 500"), (0, "stored"), (10_000, "stored")])
def test_regional_problems_with_a_year_out_of_range_are_a_422(local_body, body_a, officer_local, year, stored_before):
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer_local)
    payload = {"akimat_id": local_body.pk, "recipient_id": body_a.pk, "year": year, "half": 1, "texts": ["Жол"]}
    status, body = _json(client, "/api/v1/meetings/regional-problems/", payload)
    assert status == 422, stored_before
    assert body["detail"][0]["loc"][-1] == "year"
    assert not RegionalProblem.objects.exists()


@pytest.mark.parametrize("date", ["0001-01-01", "01.01.0001", "9999-12-31", "31.12.1999"])
def test_the_import_refuses_dates_outside_the_bounds(
    officer_a, body_a, settings, date, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-media"
    source = SourceFactory(body=body_a)
    content = f"external_id,kind,text,received_at\nA-1,remark,Текст,{date}\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            source=source,
            upload=SimpleUploadedFile("items.csv", content),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["line"] == 2 and "received_at: the date" in job.errors[0]["reason"]
    assert not Item.objects.exists()


def test_the_import_refuses_control_characters_in_a_row(
    officer_a, body_a, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-media"
    source = SourceFactory(body=body_a)
    content = "external_id,kind,author,text,received_at\nA-1,remark,Асан\x1b,Текст,2026-09-02\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            source=source,
            upload=SimpleUploadedFile("items.csv", content),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "«author» contains a control character" in job.errors[0]["reason"]


def test_the_bodies_import_applies_the_same_bounds(analyst) -> None:
    text = (
        "kind,name_kk,name_ru,legalacts_government_id,notes\n"
        "ministry,Министрлік\x00,Министерство,,\n"
        "ministry,Министрлік 2," + "М" * 301 + ",,\n"
    )
    with pytest.raises(BodyImportError) as refused:
        bodies_import_csv(text=text, actor=analyst)
    (line2, reason2), (line3, reason3) = refused.value.errors
    assert (line2, line3) == (2, 3)
    assert "name_kk contains a control character" in reason2
    assert "name_ru is longer than 300 characters" in reason3
    assert not Body.objects.filter(kind=BodyKind.MINISTRY, name_ru="Министерство").exists()


def test_a_json_body_over_the_limit_is_a_json_413(client, officer_a, body_a, settings) -> None:
    """Before: Django's HTML 400 (a 500 with DEBUG on)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    item = ItemFactory(source=SourceFactory(body=body_a))
    client.force_login(officer_a)
    response = client.post(
        f"/api/v1/feedback/items/{item.pk}/reject/",
        json.dumps({"reason": "x" * (1024 * 1024)}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "The request body is larger than 1 MB."}


def test_bounds_check_lists_the_rows_stored_before_the_bounds(body_a) -> None:
    """``manage.py bounds_check``: one line per value, then the count; exit status 1 (docs/input-limits.md)."""
    # given a clean database
    out = io.StringIO()
    call_command("bounds_check", stdout=out)
    assert out.getvalue() == "No row is outside the bounds.\n"
    # and rows written before the bounds held
    old = ItemFactory(
        source=SourceFactory(body=body_a, title_ru="Проект\x1b"),
        received_at=datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
    )
    # when the check runs, then it names each row, field and reason and exits 1
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("bounds_check", stdout=out)
    assert exit_status.value.code == 1
    lines = out.getvalue().splitlines()
    assert (
        f"feedback.item\t{old.pk}\treceived_at\tdate outside 2000-01-01 – {bounds.latest_date().isoformat()}" in lines
    )
    assert f"feedback.source\t{old.source_id}\ttitle_ru\tcontrol character in the text" in lines
    assert lines[-1] == "2 rows outside the bounds."


def test_a_short_api_text_is_capped_at_its_model_field(client, authorized_body, officer_a, body_a) -> None:
    """Before: a 301-character channel name was stored on SQLite and a DataError ("out of range") on PostgreSQL."""
    client.force_login(officer_a)
    payload = {**annex1(name_ru="Н" * 301), "body": body_a.pk}
    status, body = _json(client, "/api/v1/registry/applications", payload)
    assert status == 422
    assert body["detail"][0]["loc"][-1] == "name_ru" and "longer than 300 characters" in body["detail"][0]["msg"]
    assert not ChannelApplication.objects.exists()
    assert _json(client, "/api/v1/registry/applications", {**payload, "name_ru": "Н" * 300})[0] == 201


def test_the_admin_forms_apply_the_same_bounds(admin_client) -> None:
    from ashyq.core.models import CalendarOverride

    response = admin_client.post(
        "/en/admin/core/calendaroverride/add/",
        {
            "date": "1999-11-27",
            "kind": "working",
            "reason_kk": "Жұмыс күні\x1b",
            "reason_ru": "Рабочий день",
            "reason_en": "Working day",
            "basis": "Government resolution (test)",
        },
    )
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["adminform"].form.errors
    assert "outside the allowed range" in errors["date"][0] and "control character" in errors["reason_kk"][0]
    assert not CalendarOverride.objects.exists()


@pytest.mark.skipif(not settings_uses_postgresql(), reason="only PostgreSQL stores a year-10000 timestamp")
def test_bounds_check_finds_a_year_10000_timestamp_on_postgresql(body_a) -> None:
    """The "9999-12-31T23:00:00-12:00" item of the issue: stored as year 10000, unreadable by Python."""
    item = ItemFactory(source=SourceFactory(body=body_a))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE feedback_item SET received_at = %s::timestamptz WHERE id = %s", [YEAR_TEN_THOUSAND, item.pk]
        )
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("bounds_check", stdout=out)
    assert out.getvalue().splitlines()[0].startswith(f"feedback.item\t{item.pk}\treceived_at\tdate outside")
