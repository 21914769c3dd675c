"""The one way to write an audit event (issue 3 item 4; STYLE: Zulip's RealmAuditLog).

Services call ``audit_record`` inside their ``transaction.atomic`` block, so the event and the change
it describes commit or roll back together.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models

from ashyq.core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from ashyq.orgs.models import Body


def _jsonable(value: Any) -> Any:
    """Dates, decimals, model instances and choices as plain JSON values, so before/after stay readable."""
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    event: str,
    target: models.Model,
    body: Body | None = None,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event; ``actor`` None means the system itself (an import task, a migration)."""
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user is not None else "system",
        body=body,
        event_type=str(event),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        old=_jsonable(old) if old is not None else None,
        new=_jsonable(new) if new is not None else None,
    )


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields' current values, for the ``old``/``new`` of an event."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}
