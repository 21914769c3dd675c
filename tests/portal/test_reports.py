"""Reports on strategic plans and development programmes (003 §4–7): due dates, publishing, the register."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ashyq.core.models import AuditEvent
from ashyq.orgs.models import BodyKind
from ashyq.portal import deadlines
from ashyq.portal.models import PlanReport
from ashyq.portal.selectors import ReportState, report_register
from ashyq.portal.services.reports import plan_report_publish
from tests.factories import BodyFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        (BodyKind.MINISTRY, D(2026, 2, 20)),  # 003 §4: central state bodies by 20 February
        (BodyKind.AGENCY, D(2026, 2, 20)),
        (BodyKind.CENTRAL_STATE, D(2026, 2, 20)),
        (BodyKind.OBLAST_AKIMAT, D(2026, 3, 1)),  # 003 §5: oblasts, cities of republican significance, the capital
        (BodyKind.REPUBLICAN_CITY_AKIMAT, D(2026, 3, 1)),
        (BodyKind.CAPITAL_AKIMAT, D(2026, 3, 1)),
        (BodyKind.DISTRICT_AKIMAT, D(2026, 2, 1)),  # 003 §6: districts and cities of oblast significance
        (BodyKind.OBLAST_CITY_AKIMAT, D(2026, 2, 1)),
    ],
)
def test_the_due_date_follows_the_level_of_the_body(kind: str, due: datetime.date) -> None:
    assert deadlines.due_date(kind=kind, year=2025) == due


def test_the_due_dates_are_a_setting(settings) -> None:
    settings.ASHYQ_PLAN_REPORT_DUE = {"central": (2, 25), "regional": (3, 1), "district": (2, 1)}
    assert deadlines.due_date(kind=BodyKind.MINISTRY, year=2025) == D(2026, 2, 25)


def test_an_officer_publishes_the_report_on_the_due_day_and_it_is_on_time(body_a, officer_a, on_day, pdf) -> None:
    # given the ministry's officer on 20 February 2026, the last day (003 §4)
    on_day(D(2026, 2, 20))
    # when they publish the 2025 report
    report = plan_report_publish(body=body_a, year=2025, upload=pdf(), no_restricted_information=True, actor=officer_a)
    # then it is kept with its due date and an audit event, and the register shows it
    assert report.due_on == D(2026, 2, 20)
    event = AuditEvent.objects.get(event_type="portal.plan_report.published")
    assert event.actor == officer_a and event.body == body_a and event.new["year"] == 2025
    [row] = report_register(year=2025, search=body_a.name_ru)
    assert row.report == report
    assert row.state in {ReportState.ON_TIME, ReportState.LATE}  # the publication time is the real clock


def test_a_report_is_late_after_the_day_and_overdue_while_missing(
    body_a, body_b, local_body, on_day, officer_a, pdf
) -> None:
    on_day(D(2026, 2, 21))
    rows = {row.body: row for row in report_register(year=2025)}
    # a ministry without a report on 21 February is overdue; an oblast (due 1 March) is not due yet
    assert rows[body_b].state == ReportState.OVERDUE
    assert rows[local_body].state == ReportState.NOT_DUE
    overdue = report_register(year=2025, state=ReportState.OVERDUE)
    assert {row.body for row in overdue} == {body_a, body_b}


def test_a_report_published_after_the_due_date_is_late(body_a, officer_a, pdf) -> None:
    # the real clock is far after 20 February of the year after 2020
    report = plan_report_publish(body=body_a, year=2020, upload=pdf(), no_restricted_information=True, actor=officer_a)
    [row] = report_register(year=2020, search=body_a.name_ru)
    assert row.report == report and row.state == ReportState.LATE


def test_a_second_upload_replaces_the_report_and_is_audited(body_a, officer_a, pdf) -> None:
    year = deadlines.today().year - 1
    plan_report_publish(body=body_a, year=year, upload=pdf(), no_restricted_information=True, actor=officer_a)
    report = plan_report_publish(
        body=body_a, year=year, upload=pdf("v2.pdf"), no_restricted_information=True, actor=officer_a
    )
    assert PlanReport.objects.count() == 1 and report.file_name == "v2.pdf" and report.replaced_at is not None
    assert AuditEvent.objects.filter(event_type="portal.plan_report.replaced").count() == 1


def test_an_officer_of_another_body_is_denied(body_a, officer_b, pdf) -> None:
    with pytest.raises(PermissionDenied):
        plan_report_publish(body=body_a, year=2025, upload=pdf(), no_restricted_information=True, actor=officer_b)
    assert not PlanReport.objects.exists()


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"", "file"),
        (b"PK\x03\x04 this is a zip, not a pdf %%EOF", "file"),
        (b"%PDF-1.4 cut off in the middle", "file"),
    ],
)
def test_a_file_that_is_not_a_whole_pdf_is_refused(body_a, officer_a, pdf, content: bytes, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_report_publish(
            body=body_a, year=2025, upload=pdf(content=content), no_restricted_information=True, actor=officer_a
        )
    assert field in refused.value.message_dict
    assert not PlanReport.objects.exists()


def test_a_file_over_the_upload_limit_is_refused(body_a, officer_a, pdf, settings) -> None:
    settings.ASHYQ_UPLOAD_LIMIT_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        plan_report_publish(
            body=body_a, year=2025, upload=pdf(content=big), no_restricted_information=True, actor=officer_a
        )


def test_the_officer_must_confirm_there_is_no_restricted_information(body_a, officer_a, pdf) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_report_publish(body=body_a, year=2025, upload=pdf(), no_restricted_information=False, actor=officer_a)
    assert "no_restricted_information" in refused.value.message_dict


def test_a_year_not_ended_is_refused(body_a, officer_a, pdf) -> None:
    with pytest.raises(ValidationError):
        plan_report_publish(
            body=body_a, year=deadlines.today().year, upload=pdf(), no_restricted_information=True, actor=officer_a
        )


def test_a_district_reports_by_1_february_and_shows_its_oblast(district, officer_district, on_day) -> None:
    on_day(D(2026, 2, 2))
    [row] = report_register(year=2025, level="district")
    assert row.body == district and row.due_on == D(2026, 2, 1) and row.state == ReportState.OVERDUE
    assert row.body.parent.name_ru == "Акмолинская область"


def test_the_register_reads_in_two_queries_however_many_bodies(body_a, officer_a, pdf) -> None:
    plan_report_publish(body=body_a, year=2025, upload=pdf(), no_restricted_information=True, actor=officer_a)
    with CaptureQueriesContext(connection) as few:
        report_register(year=2025)
    BodyFactory.create_batch(5)
    BodyFactory.create_batch(3, kind=BodyKind.OBLAST_AKIMAT)
    with CaptureQueriesContext(connection) as many:
        assert len(report_register(year=2025)) == 9
    assert len(few) == len(many) == 2
