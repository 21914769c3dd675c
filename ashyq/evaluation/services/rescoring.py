"""Before and after of a rescoring that a commission's decisions caused (002 §113; issue 10 item 4).

The campaign is scored again as one group, so an upheld objection can move the exempt bodies' group
averages and with them other bodies' scores; every body whose final score moved gets an audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ashyq.core.audit import audit_record
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Enrolment, Rescoring


def finals_of(campaign: Campaign) -> dict[str, str]:
    """Every enrolled body's final score, exact as stored, keyed by enrolment id (JSON keys are strings)."""
    return {str(pk): str(final) for pk, final in campaign.enrolments.values_list("pk", "final") if final is not None}


def rescoring_record_after(rescoring: Rescoring, finals: Sequence[tuple[Enrolment, Decimal | None]]) -> None:
    """Store the finals after the rescoring and audit each body whose final score moved."""
    rescoring.after = {str(enrolment.pk): str(final) for enrolment, final in finals}
    rescoring.save(update_fields=["after", "updated_at"])
    actor = rescoring.run.requested_by if rescoring.run is not None else None
    for enrolment, final in finals:
        before = rescoring.before.get(str(enrolment.pk))
        if before is None or Decimal(before) == final:
            continue
        audit_record(
            actor=actor,
            event=CampaignEvent.SCORE_CHANGED_BY_COMMISSION,
            target=enrolment,
            body=enrolment.body,
            old={"final": before},
            new={"final": final, "commission": rescoring.commission_id},
        )


def moved(rescoring: Rescoring) -> list[tuple[int, Decimal, Decimal]]:
    """(enrolment id, before, after) of every body whose final score changed."""
    rows = []
    for key, after in rescoring.after.items():
        before = rescoring.before.get(key)
        if before is not None and Decimal(before) != Decimal(after):
            rows.append((int(key), Decimal(before), Decimal(after)))
    return rows
