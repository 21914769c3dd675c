"""Read-only admin of the portal: reports, conferences and questions change only through the services."""

from __future__ import annotations

from django.contrib import admin

from ashyq.core.admin import ReadOnlyAdmin
from ashyq.portal.models import Conference, PlanReport, Question


@admin.register(PlanReport)
class PlanReportAdmin(ReadOnlyAdmin):
    list_display = ["body", "year", "due_on", "published_at"]
    list_filter = ["year"]
    search_fields = ["body__name_kk", "body__name_ru"]
    list_select_related = ["body"]


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["source", "periodicity"]
    list_select_related = ["source"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["pk", "conference", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["conference__source"]
    exclude = ["address_key"]
