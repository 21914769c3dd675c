"""Read-only admin of the registry (004): applications, channels and requests change only through the services."""

from __future__ import annotations

from django.contrib import admin

from ashyq.core.admin import ReadOnlyAdmin
from ashyq.registry.models import Attachment, Channel, ChannelApplication, ChannelEvent, EntryRequest, Notice


@admin.register(ChannelApplication)
class ChannelApplicationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "name_ru", "body", "status", "received_on", "decision_due"]
    list_filter = ["status"]
    search_fields = ["name_kk", "name_ru"]
    list_select_related = ["body"]


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin):
    list_display = ["number", "name_ru", "body", "status"]
    list_filter = ["status"]
    search_fields = ["name_kk", "name_ru"]
    list_select_related = ["body"]


@admin.register(EntryRequest)
class EntryRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "channel", "kind", "status", "received_on"]
    list_filter = ["kind", "status"]


admin.site.register([ChannelEvent, Attachment, Notice], ReadOnlyAdmin)
