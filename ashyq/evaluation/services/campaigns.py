"""The campaign's life (issue 14 item 1): open, enrol bodies, close collection, record scores, deliver."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.exemptions import body_exemptions, body_group
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.methodology.models import MethodologyKind, MethodologyVersion
from ashyq.orgs.models import Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def lock_campaign(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def campaign_create(
    *,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    methodology: MethodologyVersion,
    report_due: datetime.date,
    actor: AnyUser,
) -> Campaign:
    """An analyst opens a campaign in draft with a pinned openness methodology version (issue 14 item 1)."""
    require_analyst(actor)
    if methodology.kind != MethodologyKind.OPENNESS:
        raise ValidationError({"methodology": _("Choose a version of the openness methodology (002).")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if report_due <= period_end:
        raise ValidationError({"report_due": _("Reports fall due after the reporting period ends.")})
    with transaction.atomic():
        campaign = Campaign.objects.create(  # type: ignore[misc]
            name=name,
            period_start=period_start,
            period_end=period_end,
            methodology=methodology,
            report_due=report_due,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.CAMPAIGN_CREATED,
            target=campaign,
            new={"name": name, "period": [period_start, period_end], "methodology": methodology.code},
        )
    return campaign


def campaign_enrol(*, campaign: Campaign, bodies: Iterable[Body], actor: AnyUser) -> list[Enrolment]:
    """Enrol bodies; the group (central / local) and exemptions are read from each body's record."""
    require_analyst(actor)
    with transaction.atomic():
        campaign = lock_campaign(campaign)
        if not campaign.can_enrol():
            raise InvalidTransition(_("Bodies are enrolled before the reports are closed."))
        enrolled = set(campaign.enrolments.values_list("body_id", flat=True))
        created = []
        for body in bodies:
            if body.pk in enrolled:
                continue
            if not body.is_active:
                raise ValidationError(_("%(body)s is not active.") % {"body": body})
            enrolment = Enrolment.objects.create(
                campaign=campaign,
                body=body,
                kind=body_group(body),
                exemptions=body_exemptions(body),
                subordinate_organisations=body.subordinates.count() if body.is_central else 0,
            )
            audit_record(
                actor=actor,
                event=CampaignEvent.BODY_ENROLLED,
                target=enrolment,
                body=body,
                new={"kind": enrolment.kind, "exemptions": enrolment.exemptions},
            )
            created.append(enrolment)
    return created


def _transition(campaign: Campaign, allowed: bool, status: str, event: CampaignEvent, actor: AnyUser | None) -> None:
    if not allowed:
        raise InvalidTransition(
            _("The campaign is %(status)s; this step is not possible now.") % {"status": campaign.get_status_display()}
        )
    old = campaign.status
    campaign.status = status
    campaign.save(update_fields=["status", "scored_at", "updated_at"])
    audit_record(actor=actor, event=event, target=campaign, old={"status": old}, new={"status": status})


def campaign_open(*, campaign: Campaign, actor: AnyUser) -> Campaign:
    """Draft → collecting reports: the enrolled bodies may fill in their Annex 9 reports."""
    require_analyst(actor)
    with transaction.atomic():
        campaign = lock_campaign(campaign)
        if campaign.can_open() and not campaign.enrolments.exists():
            raise InvalidTransition(_("Enrol at least one body before opening the campaign."))
        _transition(campaign, campaign.can_open(), Campaign.Status.COLLECTING, CampaignEvent.CAMPAIGN_OPENED, actor)
    return campaign


def campaign_close_collection(*, campaign: Campaign, actor: AnyUser) -> Campaign:
    """Collecting → verifying: reports can no longer be edited by the bodies (002 §16)."""
    require_analyst(actor)
    with transaction.atomic():
        campaign = lock_campaign(campaign)
        _transition(
            campaign, campaign.can_close_collection(), Campaign.Status.VERIFYING, CampaignEvent.COLLECTION_CLOSED, actor
        )
    return campaign


def campaign_reopen_verification(*, campaign: Campaign, actor: AnyUser) -> Campaign:
    """Scored → verifying: a correction before delivery; the scores are recomputed afterwards."""
    require_analyst(actor)
    with transaction.atomic():
        campaign = lock_campaign(campaign)
        _transition(
            campaign,
            campaign.can_reopen_verification(),
            Campaign.Status.VERIFYING,
            CampaignEvent.VERIFICATION_REOPENED,
            actor,
        )
    return campaign


def campaign_deliver(*, campaign: Campaign, actor: AnyUser) -> Campaign:
    """Scored → conclusions delivered, once every body's conclusion was delivered; scores are frozen."""
    require_analyst(actor)
    with transaction.atomic():
        campaign = lock_campaign(campaign)
        if (
            campaign.can_deliver()
            and campaign.enrolments.exclude(conclusion_status=Enrolment.ConclusionStatus.DELIVERED).exists()
        ):
            raise InvalidTransition(_("Every body's conclusion must be delivered first."))
        _transition(
            campaign, campaign.can_deliver(), Campaign.Status.DELIVERED, CampaignEvent.CONCLUSIONS_DELIVERED, actor
        )
    return campaign
