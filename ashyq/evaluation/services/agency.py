"""The final conclusion on the openness results sent to the Agency for civil service affairs (002 §118–119).

It goes out once every body has answered (agreement, objections heard, or none in term) and every commission's
rescoring is stored; within 5 working days after the last commission meeting (a later sending is flagged).
From then on the results are frozen: a correction is a new version with its reason, never an edit in place
(issue 10 item 5).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import AgencySubmission, Campaign, Commission, ConclusionResponse, Enrolment, ScoringRun

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

MAX_TEXT = 5000


def agency_due(campaign: Campaign) -> datetime.date | None:
    """5 working days after the latest commission meeting (§119); None when no commission met."""
    due: datetime.date | None = campaign.commissions.filter(status=Commission.Status.HELD).aggregate(
        due=Max("agency_due")
    )["due"]
    return due


def open_items(campaign: Campaign) -> list[str]:
    """What still stands between the campaign and the sending, in words (empty when it can go)."""
    items: list[str] = []
    enrolments = list(campaign.enrolments.select_related("body", "response"))
    heard = set(
        Commission.agenda.through.objects.filter(
            commission__campaign=campaign, commission__status=Commission.Status.HELD
        ).values_list("conclusionresponse_id", flat=True)
    )
    for enrolment in enrolments:
        response: ConclusionResponse | None = getattr(enrolment, "response", None)
        if enrolment.conclusion_status != Enrolment.ConclusionStatus.DELIVERED:
            items.append(_("%(body)s: the conclusion has not been delivered.") % {"body": enrolment.body})
        elif response is None or not response.filed:
            items.append(_("%(body)s: the term for objections is running.") % {"body": enrolment.body})
        elif response.kind == ConclusionResponse.Kind.OBJECTION and response.pk not in heard:
            items.append(_("%(body)s: its objections have not been heard by a commission.") % {"body": enrolment.body})
    if campaign.scoring_runs.filter(status__in=[ScoringRun.Status.QUEUED, ScoringRun.Status.RUNNING]).exists():
        items.append(_("The campaign is being scored again after a commission's decisions."))
    return items


def _results(campaign: Campaign) -> dict[str, dict[str, str]]:
    return {
        str(body_id): {"total": str(total), "penalty": str(penalty), "final": str(final)}
        for body_id, total, penalty, final in campaign.enrolments.values_list("body_id", "total", "penalty", "final")
    }


def agency_send(*, campaign: Campaign, sent_on: datetime.date, actor: AnyUser) -> AgencySubmission:
    """Record the final conclusion sent to the Agency; the campaign's results are frozen from now on."""
    require_analyst(actor)
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("The date sent cannot be in the future.")})
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.can_send_to_agency():
            raise InvalidTransition(_("The final conclusion is sent once the conclusions were delivered, and once."))
        blocking = open_items(campaign)
        if blocking:
            raise ValidationError(blocking)
        submission = AgencySubmission.objects.create(  # type: ignore[misc]
            campaign=campaign,
            version=1,
            sent_on=sent_on,
            due_on=agency_due(campaign),
            results=_results(campaign),
            sent_by=actor,
        )
        campaign.status = Campaign.Status.SENT
        campaign.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            event=CampaignEvent.SENT_TO_AGENCY,
            target=submission,
            old={"status": Campaign.Status.DELIVERED},
            new={"status": campaign.status, "sent_on": sent_on, "due_on": submission.due_on, "late": submission.late},
        )
    return submission


def agency_correct(
    *, campaign: Campaign, finals: Mapping[int, Decimal], reason: str, sent_on: datetime.date, actor: AnyUser
) -> AgencySubmission:
    """A correction of results already sent: a new version with the changed final scores and its reason."""
    require_analyst(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason of the correction.")})
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": _("Keep the reason under 5,000 characters.")})
    if not finals:
        raise ValidationError({"finals": _("Give at least one corrected final score.")})
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != Campaign.Status.SENT:
            raise InvalidTransition(_("Only results already sent to the Agency are corrected by a new version."))
        latest = campaign.submissions.order_by("-version").first()
        assert latest is not None
        results = {key: dict(value) for key, value in latest.results.items()}
        for body_id, final in finals.items():
            if str(body_id) not in results:
                raise ValidationError({"finals": _("A corrected body is not assessed in this campaign.")})
            if not Decimal(0) <= final <= Decimal(100):
                raise ValidationError({"finals": _("A final score lies between 0 and 100.")})
            results[str(body_id)]["final"] = str(final)
        submission = AgencySubmission.objects.create(  # type: ignore[misc]
            campaign=campaign,
            version=latest.version + 1,
            sent_on=sent_on,
            reason=reason,
            results=results,
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.AGENCY_CORRECTION,
            target=submission,
            old={str(key): latest.results[str(key)]["final"] for key in finals},
            new={**{str(key): str(value) for key, value in finals.items()}, "reason": reason},
        )
    return submission
