"""Read-only admin of the meetings (001): schedules, meetings and plans change only through the services."""

from __future__ import annotations

from django.contrib import admin

from ashyq.core.admin import ReadOnlyAdmin
from ashyq.meetings.models import (
    CollectedRequest,
    IssueProgress,
    Meeting,
    Ngo,
    ProblemIssue,
    ProgressReport,
    RegionalProblem,
    Schedule,
)


@admin.register(Schedule)
class ScheduleAdmin(ReadOnlyAdmin):
    list_display = ["year", "status"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["pk", "body", "status", "planned_start"]
    list_filter = ["status"]
    list_select_related = ["body"]


@admin.register(ProblemIssue)
class ProblemIssueAdmin(ReadOnlyAdmin):
    list_display = ["pk", "meeting", "status"]
    list_filter = ["status"]


admin.site.register([CollectedRequest, IssueProgress, Ngo, ProgressReport, RegionalProblem], ReadOnlyAdmin)
