"""Admin for the core tables. Audit events are read-only to everyone; admin writes are audited too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.forms import BoundedModelForm
from ashyq.core.models import AuditEvent, CalendarOverride


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For records written only by services: browsable in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin saves and deletes record an audit event like every service does (issue 3 item 4)."""

    audit_fields: tuple[str, ...] = ()
    form = BoundedModelForm  # the admin's input passes the same bounds (docs/input-limits.md)

    def _body_of(self, obj: models.Model) -> Any:
        return getattr(obj, "body", None) if not hasattr(obj, "is_authorized_body") else obj

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = list(self.audit_fields)
        old = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            verb = "changed" if change else "created"
            audit_record(
                actor=request.user,
                event=f"{obj._meta.label_lower}.{verb}",
                target=obj,
                body=self._body_of(obj),
                old=old,
                new=snapshot(obj, fields),
            )

    def _record_deleted(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user,
            event=f"{obj._meta.label_lower}.deleted",
            target=obj,
            body=self._body_of(obj),
            old=snapshot(obj, list(self.audit_fields)),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._record_deleted(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        """The bulk "delete selected" action: one event per object, in the same transaction (issue 15 item 4)."""
        with transaction.atomic():
            for obj in queryset:
                self._record_deleted(request, obj)
            super().delete_queryset(request, queryset)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedAdmin):
    list_display = ("date", "kind", "reason_kk", "reason_ru", "basis")
    list_filter = ("kind",)
    date_hierarchy = "date"
    audit_fields = ("date", "kind", "reason_kk", "reason_ru", "reason_en", "basis")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_label", "body", "event_type", "target_repr")
    list_filter = ("event_type", "body")
    search_fields = ("actor_label", "target_repr", "event_type")
    date_hierarchy = "created_at"
