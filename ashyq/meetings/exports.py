"""The evidence of 002 Annex 9 table 5 item 4 as XLSX and PDF (through ``ashyq.reports``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.meetings.evidence import PARAMETERS, MeetingsEvidence, NgoMeeting, PlanPlaced, Reception, ScheduleKept
from ashyq.reports.pdf import render_pdf
from ashyq.reports.xlsx import xlsx_table

Row = list[Any]


def _moment(value: datetime.datetime | None) -> str:
    """Date and time in Asia/Almaty, as the acts' users read them."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value is not None else ""


def evidence_headers() -> list[str]:
    return [
        _("No."),
        _("Parameter"),
        _("Meeting"),
        _("Planned date and time"),
        _("Actual date and time"),
        _("Details"),
        _("Link (Kazakh)"),
        _("Link (Russian)"),
    ]


def _start(number: int, meeting_row: Any) -> Row:
    meeting = meeting_row.meeting
    return [
        f"4.{number}",
        str(PARAMETERS[number]),
        meeting.topic,
        _moment(meeting.approved_start or meeting.planned_start),
        _moment(meeting.actual_start),
    ]


def _schedule_rows(item: ScheduleKept) -> Iterator[Row]:
    if item.meeting.is_unscheduled:
        detail = _("outside the schedule")
    elif item.kept is None:
        detail = _("not held yet")
    else:
        detail = _("held as scheduled") if item.kept else _("not held as scheduled")
    yield [*_start(1, item), detail, item.announcement_url, ""]


def _plan_rows(item: PlanPlaced) -> Iterator[Row]:
    if item.published_on:
        detail = _("action plan published on %(date)s (due %(due)s)") % {"date": item.published_on, "due": item.due}
    else:
        detail = _("action plan not published (due %(due)s)") % {"due": item.due}
    if item.late:
        detail += " — " + _("late")
    yield [*_start(2, item), detail, item.url_kk, item.url_ru]
    for report in item.reports:
        text = _("progress for quarter %(quarter)s of %(year)s published on %(date)s") % {
            "quarter": report.quarter,
            "year": report.year,
            "date": report.published_on,
        }
        yield [*_start(2, item), text, report.url_kk, report.url_ru]
    for year, quarter in item.missing_quarters:
        text = _("progress for quarter %(quarter)s of %(year)s not published — overdue") % {
            "quarter": quarter,
            "year": year,
        }
        yield [*_start(2, item), text, "", ""]


def _reception_rows(item: Reception) -> Iterator[Row]:
    yield [*_start(3, item), _("citizens received: %(count)s") % {"count": item.citizens_received}, "", ""]
    for issue in item.issues:
        yield [*_start(3, item), f"[{issue.get_rating_display()}] {issue.text}", "", ""]


def _ngo_rows(item: NgoMeeting) -> Iterator[Row]:
    yield [*_start(4, item), _("participants: %(count)s") % {"count": item.participants}, "", ""]
    for ngo, issues in item.ngos:
        raised = "; ".join(issue.text for issue in issues) or "—"
        yield [*_start(4, item), f"{ngo.name}: {raised}", "", ""]


def evidence_rows(evidence: MeetingsEvidence) -> list[Row]:
    rows: list[Row] = []
    for kept in evidence.schedule_kept:
        rows.extend(_schedule_rows(kept))
    for plan in evidence.plans:
        rows.extend(_plan_rows(plan))
    for reception in evidence.receptions:
        rows.extend(_reception_rows(reception))
    for ngo_meeting in evidence.ngo_meetings:
        rows.extend(_ngo_rows(ngo_meeting))
    return rows


def evidence_title(evidence: MeetingsEvidence) -> str:
    return _("Meetings with the population: %(body)s, %(year)s") % {"body": evidence.body.name, "year": evidence.year}


def evidence_xlsx(evidence: MeetingsEvidence) -> bytes:
    """One sheet: a row per fact, numbered by the parameter of 002 Annex 10 table 6 item 4."""
    return xlsx_table(
        title=_("Meetings %(year)s") % {"year": evidence.year},
        heading=evidence_title(evidence),
        headers=evidence_headers(),
        rows=evidence_rows(evidence),
    )


def evidence_pdf(evidence: MeetingsEvidence, *, language: str) -> bytes:
    return render_pdf(
        "meetings/evidence_pdf.html",
        {"evidence": evidence, "title": evidence_title(evidence), "parameters": PARAMETERS, "language": language},
    )
