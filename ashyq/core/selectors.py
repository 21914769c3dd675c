"""Reads of the audit trail, scoped to what the reader may see (issue 3 item 4)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from ashyq.core.models import AuditEvent
from ashyq.core.permissions import scope_to_user_bodies

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def audit_events(
    *,
    user: User | AnonymousUser,
    body_id: int | None = None,
    event_type: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Authorized-body staff see every event; an officer or first head sees their bodies' events."""
    events = scope_to_user_bodies(AuditEvent.objects.select_related("body"), user)
    if body_id is not None:
        events = events.filter(body_id=body_id)
    if event_type:
        events = events.filter(event_type__startswith=event_type)
    if actor:
        events = events.filter(actor_label__iexact=actor)
    if since is not None:
        events = events.filter(created_at__date__gte=since)
    if until is not None:
        events = events.filter(created_at__date__lte=until)
    return events
