"""The analyst's finding that materials were not openly accessible, which makes F zero (000 §23)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.permissions import require_analyst
from ashyq.feedback.models import NotAccessibleFinding
from ashyq.feedback.periods import Period

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body


@transaction.atomic
def finding_set(*, body: Body, period: Period, reason: str, actor: User) -> NotAccessibleFinding:
    """Record (or restate) that the body's drafts, reports or results were not openly accessible."""
    require_analyst(actor)
    if not reason.strip():
        raise ValidationError(_("Give the reason: what was not openly accessible."))
    finding, created = NotAccessibleFinding.objects.select_for_update().get_or_create(
        body=body,
        period_start=period.start,
        period_end=period.end,
        defaults={"reason": reason.strip(), "set_by": actor},
    )
    old = None if created else {"reason": finding.reason}
    if not created:
        finding.reason, finding.set_by = reason.strip(), actor
        finding.save(update_fields=["reason", "set_by", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.finding.set",
        target=finding,
        body=body,
        old=old,
        new={"reason": finding.reason, "period": f"{period.start.isoformat()} – {period.end.isoformat()}"},
    )
    return finding


@transaction.atomic
def finding_clear(*, finding: NotAccessibleFinding, actor: User) -> None:
    """Withdraw the finding (the materials were accessible after all)."""
    require_analyst(actor)
    audit_record(
        actor=actor, event="feedback.finding.cleared", target=finding, body=finding.body, old={"reason": finding.reason}
    )
    finding.delete()
