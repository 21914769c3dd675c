"""Read-only admin views of the feedback records: every write goes through the services (and the audit)."""

from __future__ import annotations

from django.contrib import admin

from ashyq.core.admin import ReadOnlyAdmin as ReadOnly
from ashyq.feedback.models import ImportJob, Item, NotAccessibleFinding, Project, QuarterlyAnalysis, Source, Topic


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
