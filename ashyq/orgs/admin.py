"""Admin of state bodies: the authorized body adds districts and cities of oblast significance here."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from ashyq.core.admin import AuditedAdmin
from ashyq.orgs.models import Body, Membership, SubordinateOrganisation
from ashyq.orgs.services import BODY_FIELDS


class SubordinateInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SubordinateOrganisation
    extra = 0
    # A website typed without a scheme is read as https (Django 6's default; silences its deprecation).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ("name_ru", "name_kk", "kind", "parent", "legalacts_government_id", "is_active")
    list_filter = ("kind", "is_active", "not_under_resolution_12", "outside_feedback_scope")
    search_fields = ("name_ru", "name_kk")
    autocomplete_fields = ("parent",)
    inlines = [SubordinateInline]
    audit_fields = BODY_FIELDS


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "body", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name_ru")
    autocomplete_fields = ("body", "user")
    audit_fields = ("user", "body", "role")
