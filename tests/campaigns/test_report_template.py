"""A table of the body's Annex 9 report downloaded as an XLSX template and uploaded back: all rows or none,
every bad row named by its row and column, the body's officer only (issue 14 item 2)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Enrolment, Evidence, ReportFact, ReportImport, Source
from ashyq.evaluation.services.campaigns import campaign_open
from ashyq.evaluation.services.reports import evidence_add, fact_record


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User, officer_a: User) -> Enrolment:
    """Body A's report being filled in: a few values of table 7-1 and table 2, and dated evidence."""
    campaign_open(campaign=campaign, actor=analyst)
    a = enrolled["a"]
    fact_record(
        enrolment=a, indicator="t7-1.2", language="kk", raw={"received": 8, "answered": 8, "late": 1}, actor=officer_a
    )
    fact_record(enrolment=a, indicator="t7-1.1", language="", raw={"events_total": 14}, actor=officer_a)
    fact_record(enrolment=a, indicator="t2.6", language="ru", raw={"attainment": "0.9"}, actor=officer_a)
    fact_record(enrolment=a, indicator="t2.5", language="kk", raw={"met": True}, actor=officer_a)
    evidence_add(
        enrolment=a,
        indicator="t7-1.2",
        language="kk",
        kind=Evidence.Kind.MEDIA_REQUEST,
        fields={
            "title": "=Хабар сұрауы",
            "incoming_number": "12-3",
            "incoming_date": datetime.date(2025, 3, 3),
            "outgoing_number": "45",
            "outgoing_date": datetime.date(2025, 3, 10),
        },
        actor=officer_a,
    )
    evidence_add(
        enrolment=a,
        indicator="t2.2",
        language="ru",
        kind=Evidence.Kind.LINK,
        fields={
            "title": "Отчёт",
            "url": "https://example.kz/report",
            "reference_date": datetime.date(2025, 4, 1),
            "published_on": datetime.date(2025, 4, 15),
        },
        actor=officer_a,
    )
    return a


class _Client(Client):
    """A logged-in person reading the pages in one language."""

    def __init__(self, user: User, language: str) -> None:
        super().__init__(headers={"accept-language": language})
        self.language = language
        self.force_login(user)

    def url(self, name: str, *args: Any) -> str:
        with override(self.language):
            return reverse(name, args=args)


def _client(user: User, language: str = "ru") -> _Client:
    return _Client(user, language)


def _download(client: _Client, enrolment: Enrolment, table: str) -> bytes:
    response = client.get(client.url("evaluation:table_template", enrolment.pk, table))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return response.content


def _upload(client: _Client, enrolment: Enrolment, table: str, content: bytes, capture: Any, **extra: str) -> Any:
    with capture(execute=True):
        return client.post(
            client.url("evaluation:table_upload", enrolment.pk, table),
            {"file": SimpleUploadedFile(f"table-{table}.xlsx", content), "marking": "none", **extra},
        )


def _edit(content: bytes, change: Any) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _facts(enrolment: Enrolment) -> list[tuple[Any, ...]]:
    return list(
        ReportFact.objects.filter(enrolment=enrolment)
        .order_by("indicator", "language")
        .values_list("indicator", "language", "value", "source", "source_file", "source_row")
    )


def _evidence(enrolment: Enrolment) -> list[tuple[Any, ...]]:
    return list(Evidence.objects.filter(enrolment=enrolment).order_by("id").values_list())


def _row_of(sheet: Any, indicator: str, language_word: str) -> int:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row[0] == indicator and row[2] == language_word:
            return number
    raise AssertionError((indicator, language_word))


def _header(sheet: Any, label: str) -> int:
    return [cell.value for cell in sheet[2]].index(label) + 1


def test_the_template_holds_the_report_and_round_trips_unchanged(
    report: Enrolment, officer_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    # given the officer's report with values and evidence in tables 7-1 and 2
    client = _client(officer_a)
    facts, evidence = _facts(report), _evidence(report)
    for table in ("7-1", "2"):
        # when the officer downloads the table's template
        content = _download(client, report, table)
        workbook = load_workbook(io.BytesIO(content))
        values, lines = workbook.worksheets[:2]
        # then it is headed in Russian, with one row per indicator and language and the values written in
        assert [cell.value for cell in values[2]][:3] == ["индикатор", "наименование индикатора", "язык"]
        if table == "7-1":
            row = values[_row_of(values, "t7-1.2", "казахский")]
            header = [cell.value for cell in values[2]]
            assert [
                row[header.index(name)].value
                for name in ("поступило запросов масс-медиа", "дан ответ", "отвечено с нарушением срока")
            ] == [8, 8, 1]
            assert lines.cell(row=3, column=5).value == "'=Хабар сұрауы"
        # and uploaded unchanged it is accepted and changes nothing
        response = _upload(client, report, table, content, django_capture_on_commit_callbacks)
        job = ReportImport.objects.latest("id")
        assert response.status_code == 302 and response["Location"] == reverse(
            "evaluation:report_import", args=[job.pk]
        )
        job.refresh_from_db()
        assert job.status == ReportImport.Status.DONE, job.errors
        assert (job.stored_values, job.stored_evidence, job.removed_evidence) == (0, 0, 0)
    assert _facts(report) == facts
    assert _evidence(report) == evidence


def test_filled_rows_are_stored_with_their_file_and_row(
    report: Enrolment, officer_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    # given the template of table 4 filled in: attainment, the events' categories and a new line of evidence
    client = _client(officer_a, "kk")
    content = _download(client, report, "4")

    def fill(workbook: Any) -> None:
        values, lines = workbook.worksheets[:2]
        header = [cell.value for cell in values[2]]
        attainment_row = _row_of(values, "t4.1", "қазақ тілі")
        values.cell(row=attainment_row, column=header.index("қол жеткізу үлесі, 0-ден 1-ге дейін") + 1, value=0.75)
        events_row = _row_of(values, "t4.6", "орыс тілі")
        values.cell(row=events_row, column=len(header), value="1, 1, 3")
        lines.append(
            [None, "t4.6", "орыс тілі", "іс-шара", "Брифинг", "https://example.kz/b", datetime.date(2025, 5, 6)]
        )

    response = _upload(client, report, "4", _edit(content, fill), django_capture_on_commit_callbacks)
    job = ReportImport.objects.get()
    job.refresh_from_db()
    # then the values and the evidence are stored as the body's report, each with the file and its row
    assert response.status_code == 302 and job.status == ReportImport.Status.DONE, job.errors
    assert (job.stored_values, job.stored_evidence) == (2, 1)
    attainment = ReportFact.objects.get(enrolment=report, indicator="t4.1", language="kk")
    assert attainment.value == {"attainment": "0.75"}
    assert (attainment.source, attainment.source_file) == (Source.REPORT, "table-4.xlsx")
    assert attainment.source_row == _row_of(load_workbook(io.BytesIO(content)).worksheets[0], "t4.1", "қазақ тілі")
    events = ReportFact.objects.get(enrolment=report, indicator="t4.6", language="ru").value["events"]
    assert events == ["live_questions", "live_questions", "announced_broadcast"]
    line = Evidence.objects.get(enrolment=report, indicator="t4.6")
    assert (line.kind, line.title, line.published_on, line.source_row) == (
        "event",
        "Брифинг",
        datetime.date(2025, 5, 6),
        3,
    )
    assert AuditEvent.objects.filter(event_type=CampaignEvent.REPORT_IMPORTED).count() == 1
    # and the page says what was stored
    page = client.get(client.url("evaluation:report_import", job.pk))
    assert "2" in page.content.decode() and job.file_name in page.content.decode()


def test_a_bad_row_refuses_the_whole_file_naming_its_row_and_column(
    report: Enrolment, officer_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    # given the template of table 7-1 with one good change and one bad row (more answered than received)
    client = _client(officer_a)
    content = _download(client, report, "7-1")
    facts, evidence = _facts(report), _evidence(report)
    rows: dict[str, int] = {}

    def spoil(workbook: Any) -> None:
        values = workbook.worksheets[0]
        rows["good"] = _row_of(values, "t7-1.1", "на обоих языках")
        rows["bad"] = _row_of(values, "t7-1.2", "русский")
        values.cell(row=rows["good"], column=_header(values, "всего проведено мероприятий"), value=20)
        values.cell(row=rows["bad"], column=_header(values, "поступило запросов масс-медиа"), value=1)
        values.cell(row=rows["bad"], column=_header(values, "дан ответ"), value=2)
        values.cell(row=rows["bad"], column=_header(values, "отвечено с нарушением срока"), value=0)
        workbook.worksheets[1].cell(row=3, column=7, value="31.02.2025")  # published on: no such day

    _upload(client, report, "7-1", _edit(content, spoil), django_capture_on_commit_callbacks)
    job = ReportImport.objects.get()
    job.refresh_from_db()
    # then nothing is stored, the file is kept, and each bad row is named with its sheet, row and column
    assert job.status == ReportImport.Status.FAILED
    assert _facts(report) == facts and _evidence(report) == evidence
    assert job.file.name and job.file_name == "table-7-1.xlsx"
    assert {
        "sheet": "Подтверждающие данные",
        "row": 3,
        "column": "дата размещения",
        "message": "Укажите дату в виде ДД.ММ.ГГГГ.",
    } in job.errors
    values_errors = [error for error in job.errors if error["sheet"] == "Значения"]
    assert values_errors == [
        {
            "sheet": "Значения",
            "row": rows["bad"],
            "column": "дан ответ",
            "message": "Отвеченных запросов не может быть больше поступивших.",
        }
    ]
    assert AuditEvent.objects.filter(event_type=CampaignEvent.REPORT_IMPORT_REFUSED).count() == 1
    page = client.get(client.url("evaluation:report_import", job.pk)).content.decode()
    assert "дан ответ" in page and f">{rows['bad']}<" in page


def test_a_file_marked_restricted_or_not_an_xlsx_is_refused_on_the_page(
    report: Enrolment, officer_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(officer_a, "en")
    content = _download(client, report, "1")
    restricted = _upload(client, report, "1", content, django_capture_on_commit_callbacks, marking="restricted")
    assert restricted.status_code == 400 and "restricted distribution" in restricted.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        not_xlsx = client.post(
            client.url("evaluation:table_upload", report.pk, "1"),
            {"file": SimpleUploadedFile("table.xlsx", b"not a spreadsheet"), "marking": "none"},
        )
    assert not_xlsx.status_code == 400 and "is not a real XLSX file" in not_xlsx.content.decode()
    assert not ReportImport.objects.exists()


@pytest.mark.parametrize("persona", ["officer_b", "first_head_a", "analyst", "authorized_head"])
def test_only_the_bodys_officer_downloads_and_uploads(
    request: pytest.FixtureRequest,
    report: Enrolment,
    officer_a: User,
    persona: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a table uploaded by body A's officer
    content = _download(_client(officer_a), report, "1")
    _upload(_client(officer_a), report, "1", content, django_capture_on_commit_callbacks)
    job = ReportImport.objects.get()
    facts = _facts(report)
    # when anyone else asks for the template, uploads one or looks at the upload
    client = _client(request.getfixturevalue(persona))
    assert client.get(client.url("evaluation:table_template", report.pk, "1")).status_code == 404
    assert client.get(client.url("evaluation:table_upload", report.pk, "1")).status_code == 404
    response = _upload(client, report, "1", content, django_capture_on_commit_callbacks)
    # then it is not found, and nothing was queued or stored
    assert response.status_code == 404
    assert client.get(client.url("evaluation:report_import", job.pk)).status_code == 404
    assert ReportImport.objects.count() == 1 and _facts(report) == facts


def test_no_upload_once_the_report_is_submitted(report: Enrolment, officer_a: User) -> None:
    from ashyq.evaluation.services.reports import report_submit

    report_submit(enrolment=report, actor=officer_a)
    client = _client(officer_a)
    assert client.get(client.url("evaluation:table_upload", report.pk, "1")).status_code == 404
    assert client.get(client.url("evaluation:table_template", report.pk, "1")).status_code == 404
