"""Public reads of the portal (ARCHITECTURE rule 3). Everything here is public: nothing restricted is selected
(003 §7): questions only as moderated, never their asker, contact or address; reports only as published."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ashyq.core.permissions import body_ids_for, is_analyst, scope_to_user_bodies
from ashyq.orgs.models import Body, Role
from ashyq.portal import deadlines
from ashyq.portal.models import Conference, PlanReport, Question

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class ReportState:
    """The state of a body's report in the register, as the public reads it."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_DUE = "not_due"

    LABELS = {
        ON_TIME: _("published on time"),
        LATE: _("published late"),
        OVERDUE: _("overdue"),
        NOT_DUE: _("not yet due"),
    }


@dataclass(frozen=True)
class RegisterRow:
    body: Body
    level: deadlines.Level
    due_on: datetime.date
    report: PlanReport | None
    state: str

    @property
    def state_label(self) -> str:
        return str(ReportState.LABELS[self.state])


def _state(report: PlanReport | None, due_on: datetime.date, today: datetime.date) -> str:
    if report is not None:
        return ReportState.ON_TIME if report.on_time else ReportState.LATE
    return ReportState.OVERDUE if today > due_on else ReportState.NOT_DUE


def report_register(*, year: int, level: str = "", state: str = "", search: str = "") -> list[RegisterRow]:
    """Every reporting body of the year with its due date and report, in two queries (003 §4–6)."""
    bodies = Body.objects.filter(is_active=True, kind__in=deadlines.REPORTING_KINDS).select_related("parent")
    if level in deadlines.LEVEL_BY_CODE:
        bodies = bodies.filter(kind__in=deadlines.LEVEL_BY_CODE[level].kinds)
    if search:
        bodies = bodies.filter(Q(name_kk__icontains=search) | Q(name_ru__icontains=search))
    reports = {report.body_id: report for report in PlanReport.objects.filter(year=year, body__in=bodies)}
    today = deadlines.today()
    rows = []
    for body in bodies.order_by("name_ru"):
        due_on = deadlines.due_date(kind=body.kind, year=year)
        report = reports.get(body.pk)
        rows.append(RegisterRow(body, deadlines.level_of(body.kind), due_on, report, _state(report, due_on, today)))
    order = {level.code: index for index, level in enumerate(deadlines.LEVELS)}
    rows.sort(key=lambda row: order[row.level.code])
    return [row for row in rows if not state or row.state == state]


def published_reports() -> QuerySet[PlanReport]:
    return PlanReport.objects.select_related("body").order_by("-published_at", "-id")


def public_report(*, pk: int) -> PlanReport:
    return published_reports().get(pk=pk)


def reporting_bodies_for(user: AnyUser) -> QuerySet[Body]:
    """The bodies an officer may publish reports for (an analyst: every reporting body)."""
    bodies = Body.objects.filter(kind__in=deadlines.REPORTING_KINDS, is_active=True)
    if not is_analyst(user):
        bodies = bodies.filter(pk__in=body_ids_for(user, (Role.OFFICER,)))
    return bodies.order_by("name_ru")


# --- internet conferences (003 §8) ---

PUBLIC_QUESTIONS = Question.objects.filter(status__in=Question.PUBLIC_STATUSES).order_by("created_at", "id")


def public_conferences(*, archived: bool | None = None, search: str = "") -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("source__body").annotate(
        answered_count=Count("questions", filter=Q(questions__status=Question.Status.ANSWERED))
    )
    today = deadlines.today()
    if archived is True:
        conferences = conferences.filter(source__period_end__lt=today)
    elif archived is False:
        conferences = conferences.filter(source__period_end__gte=today)
    if search:
        conferences = conferences.filter(Q(source__title_kk__icontains=search) | Q(source__title_ru__icontains=search))
    return conferences.order_by("-source__period_end", "-id")


def public_conference(*, pk: int) -> Conference:
    """One conference with its published questions and answers (``Conference.DoesNotExist`` otherwise)."""
    return (
        Conference.objects.select_related("source__body")
        .prefetch_related(Prefetch("questions", queryset=PUBLIC_QUESTIONS, to_attr="public_questions"))
        .get(pk=pk)
    )


def conferences_for_user(*, user: AnyUser) -> QuerySet[Conference]:
    conferences = scope_to_user_bodies(
        Conference.objects.select_related("source__body"), user, body_field="source__body"
    )
    return conferences.annotate(
        waiting=Count("questions", filter=Q(questions__status=Question.Status.SUBMITTED)),
        unanswered=Count("questions", filter=Q(questions__status=Question.Status.PUBLISHED)),
    ).order_by("-source__period_end", "-id")


def conference_for_user(*, user: AnyUser, pk: int) -> Conference:
    return conferences_for_user(user=user).prefetch_related("questions").get(pk=pk)


def question_for_user(*, user: AnyUser, pk: int) -> Question:
    questions = scope_to_user_bodies(
        Question.objects.select_related("conference__source__body"), user, body_field="conference__source__body"
    )
    return questions.get(pk=pk)
