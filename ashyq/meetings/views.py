"""Pages of the meetings app: the public schedule and results, the bodies' and analysts' work pages.

Thin views (ARCHITECTURE rule 4): a selector with the body scope, a form, one service, render or redirect.
A wrong state answers 409 with the service's message; another body's meeting is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.i18n import active_language
from ashyq.core.permissions import can_change_body_data, is_analyst, is_authorized_staff
from ashyq.meetings import deadlines, selectors, services
from ashyq.meetings import forms as meeting_forms
from ashyq.meetings.evidence import PARAMETERS, meeting_evidence
from ashyq.meetings.exports import evidence_pdf, evidence_xlsx
from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.meetings.summary import half_year_summary, summary_headers, summary_rows
from ashyq.orgs.models import Body
from ashyq.reports.http import document_response
from ashyq.reports.xlsx import xlsx_table

PAGE_SIZE = 50
Perform = Callable[[Meeting, dict[str, Any], Any], object]


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2022 <= int(raw) <= 2100 else timezone.localdate().year


# Public pages -------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    return redirect("meetings:schedule", year=timezone.localdate().year)


def schedule(request: HttpRequest, year: int) -> HttpResponse:
    """The year's schedule of meetings as the public sees it (001 p.2, p.5.1)."""
    if not 2022 <= year <= 2100:
        raise Http404
    context = {
        "year": year,
        "schedule": selectors.schedule_of_year(year=year),
        "meetings": selectors.public_schedule(year=year),
    }
    return render(request, "meetings/schedule.html", context)


def meeting_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's results, action plan and progress (001 p.3.7)."""
    try:
        meeting = selectors.public_meeting(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    context = {"meeting": meeting, "today": today, "overdue": selectors.overdue_progress_quarters(meeting, today)}
    return render(request, "meetings/meeting_public.html", context)


# Work pages ---------------------------------------------------------------------------------------


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    status = request.GET.get("status", "")
    status = status if status in Meeting.Status.values else ""
    meetings = selectors.meetings_for_user(user=request.user, year=year, status=status)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "status": status,
        "statuses": Meeting.Status.choices,
        "today": timezone.localdate(),
        "can_propose": selectors.covered_bodies_of_user(user=request.user).exists(),
        "is_authorized_staff": is_authorized_staff(request.user),
    }
    return render(request, "meetings/manage_list.html", context)


def _plan_from(data: dict[str, Any]) -> services.MeetingPlan:
    return services.MeetingPlan(
        head_name=data["head_name"],
        topic_kk=data["topic_kk"],
        topic_ru=data["topic_ru"],
        planned_start=data["planned_start"],
        planned_duration_minutes=data["planned_duration_minutes"],
        place=data["place"],
        region=data["region"],
    )


def _create_meeting(request: HttpRequest, form_class: type[meeting_forms.PlanForm], heading: str) -> HttpResponse:
    bodies = selectors.covered_bodies_of_user(user=request.user)
    form = form_class(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if isinstance(form, meeting_forms.ProposeForm):
                meeting = services.meeting_propose(
                    body=data["body"], year=data["year"], plan=_plan_from(data), actor=request.user
                )
            else:
                meeting = services.meeting_add_unscheduled(
                    body=data["body"], plan=_plan_from(data), reason=data["reason"], actor=request.user
                )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("meetings:manage_meeting", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/meeting_form.html", {"form": form, "heading": heading}, status=status)


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    return _create_meeting(request, meeting_forms.ProposeForm, _("Propose a meeting for the schedule"))


@login_required
def unscheduled(request: HttpRequest) -> HttpResponse:
    return _create_meeting(request, meeting_forms.UnscheduledForm, _("Record a meeting outside the schedule"))


def _scoped_meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return selectors.meeting_for_user(user=request.user, pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _step_forms(meeting: Meeting) -> dict[str, forms.Form]:
    """The forms of the steps the meeting's state allows, pre-filled."""
    found: dict[str, forms.Form] = {}
    if meeting.can_prepare():
        found["prepare_form"] = meeting_forms.PrepareForm(
            initial={
                "planned_start": timezone.localtime(meeting.planned_start),
                "planned_report_minutes": meeting.planned_report_minutes,
                "timing_opinion": meeting.timing_opinion,
                "expected_topics": meeting.expected_topics,
                "announcement_url": meeting.announcement_url,
            }
        )
        found["request_form"] = meeting_forms.CollectedRequestForm()
    if meeting.can_hold():
        found["hold_form"] = meeting_forms.HoldForm(initial={"events_ended_on": timezone.localdate()})
    if meeting.can_record_issues():
        found["issue_form"] = meeting_forms.IssueForm(meeting=meeting)
        found["publish_form"] = meeting_forms.PublishForm(initial={"published_on": timezone.localdate()})
    if meeting.can_report_progress():
        open_issues = [issue for issue in meeting.issues.all() if issue.status == ProblemIssue.Status.OPEN]
        today = timezone.localdate()
        found["progress_form"] = meeting_forms.ProgressForm(
            issues=open_issues,
            initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1, "published_on": today},
        )
        found["close_form"] = meeting_forms.CloseForm()
    return found


def _render_meeting(
    request: HttpRequest, meeting: Meeting, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    can_change = can_change_body_data(request.user, meeting.body)
    context: dict[str, Any] = {
        "meeting": meeting,
        "today": today,
        "overdue": selectors.overdue_progress_quarters(meeting, today),
        "regional_problems": selectors.regional_problems_received(body=meeting.body, user=request.user)[:50],
        "is_analyst": is_analyst(request.user),
        **(_step_forms(meeting) if can_change else {}),
        **(bound or {}),
    }
    if can_change and meeting.can_record_issues():
        context["plan_forms"] = [
            (issue, (bound or {}).get(f"plan_form_{issue.pk}") or _plan_form(issue))
            for issue in meeting.issues.all()
            if not issue.has_plan
        ]
    return render(request, "meetings/manage_meeting.html", context, status=status)


@login_required
def manage_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_meeting(request, _scoped_meeting(request, pk))


def _run_step(
    request: HttpRequest, pk: int, name: str, form: Callable[[Meeting], forms.Form], perform: Perform
) -> HttpResponse:
    """Validate the step's form, call its one service, and redirect (or show the errors)."""
    meeting = _scoped_meeting(request, pk)
    bound = form(meeting)
    if bound.is_valid():
        try:
            perform(meeting, bound.cleaned_data, request.user)
        except ValidationError as error:
            add_service_errors(bound, error)
        except InvalidTransition as error:
            messages.error(request, error.message)
            return _render_meeting(request, _scoped_meeting(request, pk), status=409)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:manage_meeting", pk=pk)
    return _render_meeting(request, meeting, {name: bound}, status=400)


@login_required
@require_POST
def include(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "",
        lambda m: forms.Form(request.POST),
        lambda m, d, u: services.meeting_include_in_draft(meeting=m, actor=u),
    )


@login_required
@require_POST
def exclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "",
        lambda m: forms.Form(request.POST),
        lambda m, d, u: services.meeting_exclude_from_draft(meeting=m, actor=u),
    )


@login_required
@require_POST
def prepare(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "prepare_form",
        lambda m: meeting_forms.PrepareForm(request.POST),
        lambda m, d, u: services.meeting_prepare(meeting=m, actor=u, **d),
    )


@login_required
@require_POST
def add_requests(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "request_form",
        lambda m: meeting_forms.CollectedRequestForm(request.POST),
        lambda m, d, u: services.collected_request_add(meeting=m, actor=u, **d),
    )


def _record_from(data: dict[str, Any]) -> services.MeetingRecord:
    names = [line for line in data.pop("ngo_names").splitlines() if line.strip()]
    return services.MeetingRecord(**{**data, "ngo_names": names, "akimats": list(data["akimats"])})


@login_required
@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "hold_form",
        lambda m: meeting_forms.HoldForm(request.POST),
        lambda m, d, u: services.meeting_hold(meeting=m, record=_record_from(dict(d)), actor=u),
    )


def _plan_entry(data: dict[str, Any]) -> services.ActionPlanEntry:
    return services.ActionPlanEntry(
        action_kk=data["action_kk"],
        action_ru=data["action_ru"],
        deadline=data["deadline"],
        executor_kk=data["executor_kk"],
        executor_ru=data["executor_ru"],
    )


@login_required
@require_POST
def add_issue(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(meeting: Meeting, data: dict[str, Any], user: Any) -> object:
        return services.issue_add(
            meeting=meeting,
            source=data["source"],
            rating=data["rating"],
            text_kk=data["text_kk"],
            text_ru=data["text_ru"],
            ngo=data["ngo"],
            plan=_plan_entry(data),
            actor=user,
        )

    return _run_step(request, pk, "issue_form", lambda m: meeting_forms.IssueForm(request.POST, meeting=m), perform)


def _plan_form(issue: ProblemIssue, data: Any = None) -> meeting_forms.PlanEntryForm:
    initial = {
        name: getattr(issue, name) for name in ("action_kk", "action_ru", "deadline", "executor_kk", "executor_ru")
    }
    return meeting_forms.PlanEntryForm(data, prefix=f"plan-{issue.pk}", initial=initial)


@login_required
@require_POST
def plan_issue(request: HttpRequest, pk: int, issue_pk: int) -> HttpResponse:
    def perform(meeting: Meeting, data: dict[str, Any], user: Any) -> object:
        issue = get_object_or_404(ProblemIssue, pk=issue_pk, meeting=meeting)
        return services.issue_plan(issue=issue, plan=_plan_entry(data), actor=user)

    def form(meeting: Meeting) -> forms.Form:
        return _plan_form(get_object_or_404(ProblemIssue, pk=issue_pk, meeting=meeting), request.POST)

    return _run_step(request, pk, f"plan_form_{issue_pk}", form, perform)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "publish_form",
        lambda m: meeting_forms.PublishForm(request.POST),
        lambda m, d, u: services.meeting_publish_results(meeting=m, actor=u, **d),
    )


def _progress_form(request: HttpRequest, meeting: Meeting) -> meeting_forms.ProgressForm:
    open_issues = [issue for issue in meeting.issues.all() if issue.status == ProblemIssue.Status.OPEN]
    return meeting_forms.ProgressForm(request.POST, issues=open_issues)


def _progress_entries(form_data: dict[str, Any], issues: list[ProblemIssue]) -> dict[int, services.ProgressEntry]:
    return {
        issue.pk: services.ProgressEntry(
            note_kk=form_data[f"note_kk_{issue.pk}"],
            note_ru=form_data[f"note_ru_{issue.pk}"],
            resolved=form_data[f"resolved_{issue.pk}"],
        )
        for issue in issues
    }


@login_required
@require_POST
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(meeting: Meeting, data: dict[str, Any], user: Any) -> object:
        open_issues = [issue for issue in meeting.issues.all() if issue.status == ProblemIssue.Status.OPEN]
        return services.progress_report_publish(
            meeting=meeting,
            year=data["year"],
            quarter=data["quarter"],
            published_on=data["published_on"],
            url_kk=data["url_kk"],
            url_ru=data["url_ru"],
            entries=_progress_entries(data, open_issues),
            actor=user,
        )

    return _run_step(request, pk, "progress_form", lambda m: _progress_form(request, m), perform)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_step(
        request,
        pk,
        "close_form",
        lambda m: meeting_forms.CloseForm(request.POST),
        lambda m, d, u: services.meeting_close(meeting=m, closed_on=d["closed_on"], actor=u),
    )


# The authorized body's schedule page --------------------------------------------------------------


@login_required
def manage_schedule(request: HttpRequest, year: int) -> HttpResponse:
    """001 p.2: the steps with their deadlines, the bodies' coverage and proposals, the analyst's actions."""
    if not 2022 <= year <= 2100:
        raise Http404
    schedule = selectors.schedule_of_year(year=year)
    submit_form = meeting_forms.ScheduleSubmitForm(request.POST if request.POST.get("step") == "submit" else None)
    approve_form = meeting_forms.ScheduleApproveForm(request.POST if request.POST.get("step") == "approve" else None)
    status = 200
    if request.method == "POST" and schedule is not None:
        status = _schedule_step(request, schedule, submit_form, approve_form)
        if status == 302:
            return redirect("meetings:manage_schedule", year=year)
    context = {
        "year": year,
        "schedule": schedule,
        "due": {
            "proposals": deadlines.proposals_due(year),
            "submission": deadlines.submission_due(year),
            "approval": deadlines.approval_due(year),
        },
        "coverage": selectors.schedule_coverage(year=year) if is_authorized_staff(request.user) else [],
        "meetings": selectors.meetings_for_user(user=request.user, year=year).exclude(is_unscheduled=True),
        "is_analyst": is_analyst(request.user),
        "submit_form": submit_form,
        "approve_form": approve_form,
    }
    return render(request, "meetings/manage_schedule.html", context, status=status)


def _schedule_step(request: HttpRequest, schedule: Any, submit_form: forms.Form, approve_form: forms.Form) -> int:
    step = request.POST.get("step")
    form = submit_form if step == "submit" else approve_form
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    try:
        if step == "submit":
            services.schedule_submit(
                schedule=schedule, submitted_on=data["submitted_on"], reference=data["reference"], actor=request.user
            )
        else:
            services.schedule_approve(
                schedule=schedule,
                approved_on=data["approved_on"],
                reference=data["reference"],
                url=data["url"],
                actor=request.user,
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return 400
    except InvalidTransition as error:
        messages.error(request, error.message)
        return 409
    messages.success(request, _("Saved."))
    return 302


# Akimats' systemic problems (001 p.4.3) -----------------------------------------------------------


@login_required
def regional_problems(request: HttpRequest) -> HttpResponse:
    akimats = selectors.local_bodies_of_user(user=request.user)
    form = meeting_forms.RegionalProblemsForm(
        request.POST or None, akimats=akimats, initial={"year": timezone.localdate().year}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.regional_problems_send(
                    akimat=data["akimat"],
                    recipient=data["recipient"],
                    year=data["year"],
                    half=data["half"],
                    texts=data["texts"].splitlines(),
                    sent_on=timezone.localdate(),
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The problems are sent."))
                return redirect("meetings:regional_problems")
    sent = Paginator(selectors.regional_problems_sent(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "form": form,
        "page": sent,
        "can_send": akimats.exists(),
        "year": today.year,
        "half_years": selectors.akimat_half_years(user=request.user, year=today.year, today=today),
    }
    return render(request, "meetings/regional_problems.html", context, status=status)


# Evidence for the rating (002 Annex 9 table 5 item 4) ---------------------------------------------


def _evidence(request: HttpRequest, body_pk: int, year: int) -> Any:
    body = get_object_or_404(Body, pk=body_pk)
    return meeting_evidence(body=body, year=year, user=request.user)


@login_required
def evidence(request: HttpRequest, body_pk: int, year: int) -> HttpResponse:
    found = _evidence(request, body_pk, year)
    return render(request, "meetings/evidence.html", {"evidence": found, "parameters": PARAMETERS})


@login_required
def evidence_export(request: HttpRequest, body_pk: int, year: int, fmt: str) -> HttpResponse:
    if fmt not in {"xlsx", "pdf"}:
        raise Http404
    found = _evidence(request, body_pk, year)
    content = evidence_xlsx(found) if fmt == "xlsx" else evidence_pdf(found, language=active_language())
    return document_response(content, filename=f"meetings-{body_pk}-{year}.{fmt}")


# The half-year summary (001 p.5.2, p.6.1) -----------------------------------------------------------


@login_required
def half_year(request: HttpRequest, year: int, half: int) -> HttpResponse:
    if half not in (1, 2) or not 2022 <= year <= 2100:
        raise Http404
    rows = half_year_summary(year=year, half=half, user=request.user)
    context = {"year": year, "half": half, "headers": summary_headers(), "rows": summary_rows(rows)}
    return render(request, "meetings/summary.html", context)


@login_required
def half_year_export(request: HttpRequest, year: int, half: int) -> HttpResponse:
    if half not in (1, 2) or not 2022 <= year <= 2100:
        raise Http404
    rows = half_year_summary(year=year, half=half, user=request.user)
    heading = _("Meetings with the population: half-year %(half)s of %(year)s") % {"half": half, "year": year}
    content = xlsx_table(title=f"{year}-H{half}", heading=heading, headers=summary_headers(), rows=summary_rows(rows))
    return document_response(content, filename=f"meetings-{year}-h{half}.xlsx")
