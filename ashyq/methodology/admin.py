"""Read-only admin of the methodology versions: a loaded version never changes (ADR 0004)."""

from __future__ import annotations

from django.contrib import admin

from ashyq.core.admin import ReadOnlyAdmin
from ashyq.methodology.models import Criterion, Indicator, MethodologyVersion, Parameter


@admin.register(MethodologyVersion)
class MethodologyVersionAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "registration_number", "effective_from", "source_file", "loaded_at"]
    list_filter = ["kind"]


admin.site.register([Criterion, Indicator, Parameter], ReadOnlyAdmin)
