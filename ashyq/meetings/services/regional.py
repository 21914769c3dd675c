"""Akimats' half-yearly systemic problems for the central executive bodies (001 p.4.3)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.permissions import require_body_access
from ashyq.meetings.events import MeetingsEvent
from ashyq.meetings.models import RegionalProblem
from ashyq.orgs.models import Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def regional_problems_send(
    *,
    akimat: Body,
    recipient: Body,
    year: int,
    half: int,
    texts: Sequence[str],
    sent_on: datetime.date,
    actor: AnyUser,
) -> list[RegionalProblem]:
    """001 p.4.3: once a half-year an akimat sends the region's systemic problems to a competent central body."""
    require_body_access(actor, akimat)
    problems = [text.strip() for text in texts if text.strip()]
    errors: dict[str, str] = {}
    if not akimat.is_local:
        errors["akimat"] = _("Only an akimat sends the region's systemic problems.")
    if not recipient.is_central_executive:
        errors["recipient"] = _("The problems go to a central executive body.")
    if half not in (1, 2):
        errors["half"] = _("A half-year is 1 or 2.")
    if not problems:
        errors["texts"] = _("List at least one systemic problem, one a line.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = RegionalProblem.objects.bulk_create(
            [
                RegionalProblem(akimat=akimat, recipient=recipient, year=year, half=half, text=text, sent_on=sent_on)
                for text in problems
            ]
        )
        for problem in created:
            audit_record(
                actor=actor,
                event=MeetingsEvent.REGIONAL_PROBLEMS_SENT,
                target=problem,
                body=akimat,
                new={"recipient": recipient.pk, "year": year, "half": half, "text": problem.text},
            )
    return created
