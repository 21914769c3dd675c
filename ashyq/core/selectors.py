"""Reads of the audit trail, scoped like the objects they describe (issue 3 item 4, issue 15 item 4).

An event is shown to readers of its body (``scope_to_user_bodies``). When the objects of a type are
visible to fewer people than their body's readers (another body's *draft* channel application is hidden
from the authorized body's staff), the app registers the selector of the visible objects with
``register_audit_target`` and an event about such an object is shown only to those who may see it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from ashyq.core.models import AuditEvent
from ashyq.core.permissions import scope_to_user_bodies

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

VisibleTargets = Callable[["User | AnonymousUser"], QuerySet[Any]]
AUDIT_TARGETS: dict[str, VisibleTargets] = {}


def register_audit_target(target_type: str, visible: VisibleTargets) -> None:
    """``visible(user)``: the objects of ``target_type`` (``app_label.model``) the user may see."""
    AUDIT_TARGETS[target_type] = visible


def _hidden_targets(user: User | AnonymousUser) -> Q:
    """Events about registered objects the user may not see (one subquery per registered type)."""
    hidden = Q(pk__in=[])
    for target_type, visible in AUDIT_TARGETS.items():
        ids = visible(user).order_by().annotate(_audit_id=Cast("pk", CharField())).values("_audit_id")
        hidden |= Q(target_type=target_type) & ~Q(target_id__in=ids)
    return hidden


def audit_events(
    *,
    user: User | AnonymousUser,
    body_id: int | None = None,
    event_type: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Authorized-body staff see every event, an officer or first head their bodies' events; either only
    about the objects they may see (``register_audit_target``)."""
    events = scope_to_user_bodies(AuditEvent.objects.select_related("body"), user).exclude(_hidden_targets(user))
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
