"""The meetings API (django-ninja), under /api/v1/meetings/; it calls the same services as the pages.

Errors: 401 not logged in, 403 another body's meeting or not an analyst, 404 unknown, 409 wrong state
(``InvalidTransition``), 422 invalid input (a service's ``ValidationError``) with ``{"detail": ...}``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Router, Schema, Status
from ninja.security import django_auth

from ashyq.core.schemas import BoundedSchema
from ashyq.meetings import selectors, services
from ashyq.meetings.evidence import meeting_evidence
from ashyq.meetings.exports import evidence_headers, evidence_rows
from ashyq.meetings.models import Meeting, Ngo, ProblemIssue, Schedule
from ashyq.orgs.models import Body

router = Router(tags=["meetings"])

# A year in a path is one the calendar holds (a larger one used to be echoed back or looked up as is). The
# narrower range of the law's work is the bounds' (ashyq.core.bounds, issue 15 item 1) to apply here.
CalendarYear = Annotated[int, Path(ge=datetime.MINYEAR, le=datetime.MAXYEAR)]


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting if the person may see it; otherwise ``DoesNotExist``, a 404 (ashyq/api.py)."""
    return selectors.meeting_for_user(user=request.user, pk=pk)


class IssueOut(Schema):
    id: int
    source: str
    rating: str
    ngo: str | None
    text_kk: str
    text_ru: str
    action_kk: str
    action_ru: str
    deadline: datetime.date | None
    executor_kk: str
    executor_ru: str
    status: str
    resolved_on: datetime.date | None


class ProgressOut(Schema):
    year: int
    quarter: int
    published_on: datetime.date
    url_kk: str
    url_ru: str


class MeetingOut(Schema):
    id: int
    body_id: int
    body_kk: str
    body_ru: str
    year: int
    status: str
    is_unscheduled: bool
    head_name: str
    topic_kk: str
    topic_ru: str
    planned_start: datetime.datetime
    planned_duration_minutes: int
    planned_report_minutes: int | None
    region_id: int | None
    announcement_url: str
    actual_start: datetime.datetime | None
    report_too_long: bool
    results_due: datetime.date | None
    results_published_on: datetime.date | None
    results_overdue: bool
    results_url_kk: str
    results_url_ru: str


class MeetingDetailOut(MeetingOut):
    citizens_received: int
    ngo_participants: int
    ngos: list[str]
    issues: list[IssueOut]
    progress: list[ProgressOut]


def _out(meeting: Meeting) -> dict[str, Any]:
    return {
        **{name: getattr(meeting, name) for name in MeetingOut.model_fields if hasattr(meeting, name)},
        "body_kk": meeting.body.name_kk,
        "body_ru": meeting.body.name_ru,
        "year": meeting.schedule.year,
    }


def _issue_out(issue: ProblemIssue) -> dict[str, Any]:
    fields = {name: getattr(issue, name) for name in IssueOut.model_fields if name != "ngo"}
    return {**fields, "ngo": issue.ngo.name if issue.ngo else None}


def _detail(meeting: Meeting) -> dict[str, Any]:
    issues = [_issue_out(issue) for issue in meeting.issues.all()]
    return {
        **_out(meeting),
        "citizens_received": meeting.citizens_received,
        "ngo_participants": meeting.ngo_participants,
        "ngos": [ngo.name for ngo in meeting.ngos.all()],
        "issues": issues,
        "progress": list(meeting.progress_reports.all()),
    }


@router.get("/schedule/{int:year}/", response=list[MeetingOut], auth=None)
def schedule(request: HttpRequest, year: CalendarYear) -> list[dict[str, Any]]:
    """The public schedule of a year: approved meetings and those held outside the schedule."""
    return [_out(meeting) for meeting in selectors.public_schedule(year=year).select_related("schedule")]


@router.get("/public/{int:pk}/", response=MeetingDetailOut, auth=None)
def public_meeting(request: HttpRequest, pk: int) -> dict[str, Any]:
    """A public meeting with its results, action plan and progress."""
    return _detail(selectors.public_meeting(pk=pk))


@router.get("/{int:pk}/", response=MeetingDetailOut, auth=django_auth)
def meeting_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(_meeting(request, pk))


class PlanIn(BoundedSchema):
    limits_from = (Meeting,)

    body_id: int
    head_name: str
    topic_kk: str
    topic_ru: str
    planned_start: datetime.datetime
    planned_duration_minutes: int
    place: str = ""
    region_id: int | None = None


class ProposeIn(PlanIn):
    year: int


class UnscheduledIn(PlanIn):
    reason: str


def _plan(payload: PlanIn) -> tuple[Body, services.MeetingPlan]:
    body = get_object_or_404(Body, pk=payload.body_id)
    region = get_object_or_404(Body, pk=payload.region_id) if payload.region_id else None
    plan = services.MeetingPlan(
        head_name=payload.head_name,
        topic_kk=payload.topic_kk,
        topic_ru=payload.topic_ru,
        planned_start=payload.planned_start,
        planned_duration_minutes=payload.planned_duration_minutes,
        place=payload.place,
        region=region,
    )
    return body, plan


@router.post("/", response={201: MeetingOut}, auth=django_auth)
def propose(request: HttpRequest, payload: ProposeIn) -> Status[dict[str, Any]]:
    """001 p.2.1: propose a meeting for the year's schedule."""
    body, plan = _plan(payload)
    meeting = services.meeting_propose(body=body, year=payload.year, plan=plan, actor=request.user)
    return Status(201, _out(meeting))


@router.post("/unscheduled/", response={201: MeetingOut}, auth=django_auth)
def unscheduled(request: HttpRequest, payload: UnscheduledIn) -> Status[dict[str, Any]]:
    """001 p.3.1: a meeting outside the schedule, with the risk and the region."""
    body, plan = _plan(payload)
    meeting = services.meeting_add_unscheduled(body=body, plan=plan, reason=payload.reason, actor=request.user)
    return Status(201, _out(meeting))


@router.post("/{int:pk}/include/", response=MeetingOut, auth=django_auth)
def include(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(services.meeting_include_in_draft(meeting=_meeting(request, pk), actor=request.user))


@router.post("/{int:pk}/exclude/", response=MeetingOut, auth=django_auth)
def exclude(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(services.meeting_exclude_from_draft(meeting=_meeting(request, pk), actor=request.user))


class PrepareIn(BoundedSchema):
    limits_from = (Meeting,)

    timing_opinion: str
    expected_topics: str = ""
    announcement_url: str = ""
    planned_start: datetime.datetime | None = None
    planned_report_minutes: int | None = None


@router.post("/{int:pk}/prepare/", response=MeetingOut, auth=django_auth)
def prepare(request: HttpRequest, pk: int, payload: PrepareIn) -> dict[str, Any]:
    """001 p.3.5: the date and time with the population's opinion; expected topics; the announcement."""
    meeting = services.meeting_prepare(meeting=_meeting(request, pk), actor=request.user, **payload.dict())
    return _out(meeting)


class RequestsIn(BoundedSchema):
    channel: str
    received: int
    summary: str


class RequestsOut(Schema):
    id: int
    channel: str
    received: int
    summary: str


@router.post("/{int:pk}/requests/", response={201: RequestsOut}, auth=django_auth)
def add_requests(request: HttpRequest, pk: int, payload: RequestsIn) -> Status[Any]:
    """001 p.3.5: requests and proposals collected from one channel before the meeting."""
    found = services.collected_request_add(meeting=_meeting(request, pk), actor=request.user, **payload.dict())
    return Status(201, found)


class ScheduleSubmitIn(BoundedSchema):
    submitted_on: datetime.date
    reference: str


class ScheduleApproveIn(BoundedSchema):
    approved_on: datetime.date
    reference: str
    url: str = ""


class ScheduleOut(Schema):
    year: int
    status: str
    submitted_on: datetime.date | None
    approved_on: datetime.date | None
    approval_reference: str
    proposals_due: datetime.date
    submission_due: datetime.date
    approval_due: datetime.date
    submission_late: bool
    approval_late: bool


def _schedule(year: int) -> Schedule:
    return get_object_or_404(Schedule, year=year)


@router.post("/schedule/{int:year}/submit/", response=ScheduleOut, auth=django_auth)
def schedule_submit(request: HttpRequest, year: CalendarYear, payload: ScheduleSubmitIn) -> Schedule:
    return services.schedule_submit(
        schedule=_schedule(year),
        submitted_on=payload.submitted_on,
        reference=payload.reference,
        actor=request.user,
    )


@router.post("/schedule/{int:year}/approve/", response=ScheduleOut, auth=django_auth)
def schedule_approve(request: HttpRequest, year: CalendarYear, payload: ScheduleApproveIn) -> Schedule:
    return services.schedule_approve(
        schedule=_schedule(year),
        approved_on=payload.approved_on,
        reference=payload.reference,
        url=payload.url,
        actor=request.user,
    )


class HoldIn(BoundedSchema):
    limits_from = (Meeting,)

    actual_start: datetime.datetime
    actual_report_minutes: int
    events_ended_on: datetime.date
    broadcast_url: str = ""
    commenting_accounts: str = ""
    videoconference: bool = False
    citizens_received: int = 0
    ngo_participants: int = 0
    ngo_names: list[str] = []
    briefing_url: str = ""
    akimat_ids: list[int] = []


@router.post("/{int:pk}/hold/", response=MeetingOut, auth=django_auth)
def hold(request: HttpRequest, pk: int, payload: HoldIn) -> dict[str, Any]:
    """001 p.3.2–3.6: record the held meeting."""
    data = payload.dict()
    akimats = list(Body.objects.filter(pk__in=data.pop("akimat_ids")))
    meeting = services.meeting_hold(
        meeting=_meeting(request, pk),
        record=services.MeetingRecord(**data, akimats=akimats),
        actor=request.user,
    )
    return _out(meeting)


class IssueIn(BoundedSchema):
    limits_from = (ProblemIssue,)

    source: str
    rating: str
    text_kk: str
    text_ru: str
    ngo_name: str | None = None
    action_kk: str = ""
    action_ru: str = ""
    deadline: datetime.date | None = None
    executor_kk: str = ""
    executor_ru: str = ""


@router.post("/{int:pk}/issues/", response={201: IssueOut}, auth=django_auth)
def add_issue(request: HttpRequest, pk: int, payload: IssueIn) -> Status[dict[str, Any]]:
    """001 p.3.7: a problem issue with its rating and action-plan entry."""
    meeting = _meeting(request, pk)
    ngo = get_object_or_404(Ngo, meeting=meeting, name=payload.ngo_name) if payload.ngo_name else None
    plan = services.ActionPlanEntry(
        action_kk=payload.action_kk,
        action_ru=payload.action_ru,
        deadline=payload.deadline,
        executor_kk=payload.executor_kk,
        executor_ru=payload.executor_ru,
    )
    issue = services.issue_add(
        meeting=meeting,
        source=payload.source,
        rating=payload.rating,
        text_kk=payload.text_kk,
        text_ru=payload.text_ru,
        ngo=ngo,
        plan=plan,
        actor=request.user,
    )
    return Status(201, _issue_out(issue))


class PlanEntryIn(BoundedSchema):
    limits_from = (ProblemIssue,)

    action_kk: str
    action_ru: str
    deadline: datetime.date
    executor_kk: str
    executor_ru: str


@router.post("/{int:pk}/issues/{int:issue_id}/plan/", response=IssueOut, auth=django_auth)
def plan_issue(request: HttpRequest, pk: int, issue_id: int, payload: PlanEntryIn) -> dict[str, Any]:
    """001 p.3.7: an issue's action-plan entry with a concrete deadline and a responsible executor."""
    issue = get_object_or_404(ProblemIssue, pk=issue_id, meeting=_meeting(request, pk))
    issue = services.issue_plan(issue=issue, plan=services.ActionPlanEntry(**payload.dict()), actor=request.user)
    return _issue_out(issue)


class PublishIn(BoundedSchema):
    published_on: datetime.date
    url_kk: str
    url_ru: str


@router.post("/{int:pk}/publish/", response=MeetingOut, auth=django_auth)
def publish(request: HttpRequest, pk: int, payload: PublishIn) -> dict[str, Any]:
    """001 p.3.7: publish the results, the issues and the action plan (10 calendar days)."""
    meeting = services.meeting_publish_results(meeting=_meeting(request, pk), actor=request.user, **payload.dict())
    return _out(meeting)


class ProgressEntryIn(BoundedSchema):
    issue_id: int
    note_kk: str
    note_ru: str
    resolved: bool = False


class ProgressIn(BoundedSchema):
    year: int
    quarter: int
    published_on: datetime.date
    url_kk: str
    url_ru: str
    entries: list[ProgressEntryIn]


@router.post("/{int:pk}/progress/", response={201: ProgressOut}, auth=django_auth)
def progress(request: HttpRequest, pk: int, payload: ProgressIn) -> Status[Any]:
    """001 p.3.7: the quarter's progress on every open issue."""
    entries = {
        entry.issue_id: services.ProgressEntry(note_kk=entry.note_kk, note_ru=entry.note_ru, resolved=entry.resolved)
        for entry in payload.entries
    }
    report = services.progress_report_publish(
        meeting=_meeting(request, pk),
        year=payload.year,
        quarter=payload.quarter,
        published_on=payload.published_on,
        url_kk=payload.url_kk,
        url_ru=payload.url_ru,
        entries=entries,
        actor=request.user,
    )
    return Status(201, report)


class CloseIn(BoundedSchema):
    closed_on: datetime.date


@router.post("/{int:pk}/close/", response=MeetingOut, auth=django_auth)
def close(request: HttpRequest, pk: int, payload: CloseIn) -> dict[str, Any]:
    meeting = services.meeting_close(meeting=_meeting(request, pk), closed_on=payload.closed_on, actor=request.user)
    return _out(meeting)


class RegionalProblemsIn(BoundedSchema):
    akimat_id: int
    recipient_id: int
    year: int
    half: int
    texts: list[str]


class RegionalProblemOut(Schema):
    id: int
    akimat_id: int
    recipient_id: int
    year: int
    half: int
    text: str
    sent_on: datetime.date


@router.post("/regional-problems/", response={201: list[RegionalProblemOut]}, auth=django_auth)
def regional_problems(request: HttpRequest, payload: RegionalProblemsIn) -> Status[Any]:
    """001 p.4.3: an akimat sends the region's systemic problems to a central executive body."""
    akimat = get_object_or_404(Body, pk=payload.akimat_id)
    recipient = get_object_or_404(Body, pk=payload.recipient_id)
    sent = services.regional_problems_send(
        akimat=akimat,
        recipient=recipient,
        year=payload.year,
        half=payload.half,
        texts=payload.texts,
        sent_on=timezone.localdate(),
        actor=request.user,
    )
    return Status(201, sent)


class EvidenceOut(Schema):
    body_id: int
    year: int
    not_covered: bool
    headers: list[str]
    rows: list[list[str]]


@router.get("/evidence/{int:body_id}/{int:year}/", response=EvidenceOut, auth=django_auth)
def evidence(request: HttpRequest, body_id: int, year: CalendarYear) -> dict[str, Any]:
    """002 Annex 9 table 5 item 4: the four parameters' evidence, one row per fact (as in the XLSX)."""
    body = get_object_or_404(Body, pk=body_id)
    found = meeting_evidence(body=body, year=year, user=request.user)
    return {
        "body_id": body.pk,
        "year": year,
        "not_covered": found.not_covered,
        "headers": evidence_headers(),
        "rows": [[str(cell) for cell in row] for row in evidence_rows(found)],
    }
