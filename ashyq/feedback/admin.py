"""Read-only admin views of the feedback records: every write goes through the services (and the audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ashyq.feedback.models import ImportJob, Item, NotAccessibleFinding, Project, QuarterlyAnalysis, Source, Topic


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Source)
class SourceAdmin(ReadOnly):
    list_display = ["title_ru", "body", "kind", "period_start", "period_end"]
    list_filter = ["kind", "channel"]
    search_fields = ["title_kk", "title_ru", "external_id"]
    list_select_related = ["body"]


@admin.register(Item)
class ItemAdmin(ReadOnly):
    list_display = ["external_id", "body", "kind", "status", "received_at", "outside_period"]
    list_filter = ["kind", "status", "channel", "outside_period"]
    search_fields = ["external_id"]
    list_select_related = ["body"]
    show_full_result_count = False


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnly):
    list_display = ["file_name", "source", "format", "status", "created_count", "created_at"]
    list_filter = ["status", "format"]


admin.site.register([NotAccessibleFinding, Project, QuarterlyAnalysis, Topic], ReadOnly)
