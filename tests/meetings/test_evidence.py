"""meeting_evidence and its XLSX/PDF exports (002 Annex 9 table 5 item 4)."""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import load_workbook

from ashyq.meetings import services
from ashyq.meetings.evidence import meeting_evidence
from ashyq.meetings.exports import evidence_pdf, evidence_rows, evidence_xlsx
from ashyq.meetings.models import Meeting
from tests.documents import pdf_text
from tests.meetings.factories import MeetingFactory, at


@pytest.fixture
def evidence(published_meeting: Meeting, officer_a: User, analyst: User):
    # given a second, unscheduled meeting not yet held, and a report for Q2 only
    MeetingFactory(
        body=published_meeting.body,
        schedule=published_meeting.schedule,
        is_unscheduled=True,
        unscheduled_reason="=risk",
        planned_start=at(2026, 11, 2),
    )
    services.progress_report_publish(
        meeting=published_meeting,
        year=2026,
        quarter=2,
        published_on=datetime.date(2026, 6, 25),
        url_kk="https://e.kz/kk/q2",
        url_ru="https://e.kz/ru/q2",
        entries={
            issue.pk: services.ProgressEntry("Жұмыс жүріп жатыр", "В работе")
            for issue in published_meeting.issues.all()
        },
        actor=officer_a,
    )
    return meeting_evidence(body=published_meeting.body, year=2026, user=analyst, today=datetime.date(2026, 10, 15))


def test_the_four_parameters_come_out_of_the_meetings_records(evidence, published_meeting: Meeting) -> None:
    # then 1) both meetings with their dates, the held one kept, the November one not held yet on 15 October
    assert [row.kept for row in evidence.schedule_kept] == [True, None]
    # 2) the plan of the scheduled meeting, with Q3 missing at 15 October
    (plan,) = evidence.plans
    assert (plan.published_on, plan.due, plan.late) == (datetime.date(2026, 3, 20), datetime.date(2026, 3, 26), False)
    assert [(r.year, r.quarter) for r in plan.reports] == [(2026, 2)] and plan.missing_quarters == [(2026, 3)]
    # 3) citizens received and issues by rating
    (reception,) = evidence.receptions
    assert (reception.citizens_received, reception.personal, reception.systemic) == (40, 1, 1)
    # 4) NGO participants, the list, and the issue tied to its NGO
    (ngo_meeting,) = evidence.ngo_meetings
    assert ngo_meeting.participants == 12
    assert {ngo.name: [issue.text_ru for issue in issues] for ngo, issues in ngo_meeting.ngos} == {
        "Денсаулық ҚБ": [],
        "Пациенттер қоры": ["Не хватает лекарств"],
    }


def test_another_body_and_the_public_are_denied(published_meeting: Meeting, officer_b: User) -> None:
    for user in (officer_b, AnonymousUser()):
        with pytest.raises(PermissionDenied, match="You do not act for this state body"):
            meeting_evidence(body=published_meeting.body, year=2026, user=user)


def test_xlsx_has_a_row_per_fact_numbered_by_parameter(evidence) -> None:
    with translation.override("ru"):
        content = evidence_xlsx(evidence)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Встречи с населением")
    numbers = [row[0] for row in rows[2:]]
    assert (
        numbers.count("4.1") == 2
        and numbers.count("4.2") == 3
        and numbers.count("4.3") == 3
        and numbers.count("4.4") == 3
    )
    assert len(rows) - 2 == len(evidence_rows(evidence))


def test_pdf_is_rendered(evidence) -> None:
    with translation.override("kk"):
        content = evidence_pdf(evidence, language="kk")
    text = pdf_text(content)
    assert "Халықпен кездесулер" in text and evidence.body.name_kk in text and "2026" in text


def test_a_meeting_moved_from_its_approved_date_is_not_kept(
    body_a, officer_a: User, analyst: User, plan, record
) -> None:
    # given a meeting approved for 12 March and moved to 19 March before it was held
    meeting = services.meeting_propose(body=body_a, year=2026, plan=plan, actor=officer_a)
    services.meeting_include_in_draft(meeting=meeting, actor=analyst)
    schedule = meeting.schedule
    services.schedule_submit(schedule=schedule, submitted_on=datetime.date(2025, 12, 10), reference="1", actor=analyst)
    services.schedule_approve(
        schedule=schedule, approved_on=datetime.date(2026, 1, 9), reference="2", url="", actor=analyst
    )
    services.meeting_prepare(
        meeting=meeting,
        timing_opinion="x",
        expected_topics="",
        announcement_url="",
        planned_start=at(2026, 3, 19),
        actor=officer_a,
    )
    services.meeting_hold(
        meeting=meeting,
        record=dataclasses.replace(record, actual_start=at(2026, 3, 19), events_ended_on=datetime.date(2026, 3, 19)),
        actor=officer_a,
    )
    # when
    (row,) = meeting_evidence(body=body_a, year=2026, user=analyst).schedule_kept
    # then the approved date is the reference
    assert row.planned_start.date() == datetime.date(2026, 3, 12) and not row.kept
