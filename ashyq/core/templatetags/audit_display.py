"""``{{ event.event_type|event_name }}`` and ``{% for change in event|event_changes %}`` (core.audit_display)."""

from __future__ import annotations

from django import template

from ashyq.core import audit_display
from ashyq.core.models import AuditEvent

register = template.Library()


@register.filter
def event_name(event_type: str) -> str:
    return audit_display.event_name(event_type)


@register.filter
def event_changes(event: AuditEvent) -> list[audit_display.Change]:
    return audit_display.event_changes(event)
