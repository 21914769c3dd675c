"""The campaign's state machine and enrolment (issue 14 item 1; 002 §10, §67, Annex 10 footnotes)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.services.campaigns import (
    campaign_close_collection,
    campaign_deliver,
    campaign_enrol,
    campaign_open,
    campaign_reopen_verification,
)
from ashyq.orgs.models import Body, SubordinateOrganisation
from tests.factories import BodyFactory


def test_only_an_analyst_enrols_bodies(campaign: Campaign, officer_a: User, body_a: Body) -> None:
    with pytest.raises(PermissionDenied):
        campaign_enrol(campaign=campaign, bodies=[body_a], actor=officer_a)


def test_enrolment_reads_group_and_exemptions_from_the_body_record(campaign: Campaign, analyst: User) -> None:
    """002 Annex 10 table 2 **, table 6 * and **, §67: the exemptions come from each body's record."""
    defence = BodyFactory(no_open_session_indicator=True, not_under_resolution_12=True)
    justice = BodyFactory(not_under_resolution_12=True)
    national_bank = BodyFactory(kind="central_state", national_bank_exceptions=True)
    secret = BodyFactory(budget_secret=True)
    akimat = BodyFactory(kind="oblast_akimat", budget_secret=True, not_under_resolution_12=True)
    SubordinateOrganisation.objects.create(body=justice, kind="subordinate", name_kk="a", name_ru="a")

    enrolments = campaign_enrol(
        campaign=campaign, bodies=[defence, justice, national_bank, secret, akimat], actor=analyst
    )

    assert [(e.kind, e.exemptions) for e in enrolments] == [
        ("central", ["defence"]),
        ("central", ["internal_affairs"]),
        ("central", ["national_bank"]),
        ("central", ["secret_budget"]),
        ("local", ["secret_budget"]),
    ]
    assert enrolments[1].subordinate_organisations == 1
    assert AuditEvent.objects.filter(event_type=CampaignEvent.BODY_ENROLLED).count() == 5


def test_enrolling_twice_keeps_one_enrolment(campaign: Campaign, analyst: User, body_a: Body) -> None:
    campaign_enrol(campaign=campaign, bodies=[body_a], actor=analyst)
    assert campaign_enrol(campaign=campaign, bodies=[body_a], actor=analyst) == []
    assert Enrolment.objects.filter(campaign=campaign).count() == 1


def test_a_campaign_without_bodies_does_not_open(campaign: Campaign, analyst: User) -> None:
    with pytest.raises(InvalidTransition):
        campaign_open(campaign=campaign, actor=analyst)


def test_transitions_follow_the_table_with_an_audit_row_each(
    campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User
) -> None:
    assert campaign.can_open() and not campaign.can_close_collection() and not campaign.can_deliver()

    campaign = campaign_open(campaign=campaign, actor=analyst)
    assert campaign.status == Campaign.Status.COLLECTING and campaign.can_close_collection()
    with pytest.raises(InvalidTransition):
        campaign_open(campaign=campaign, actor=analyst)

    campaign = campaign_close_collection(campaign=campaign, actor=analyst)
    assert campaign.status == Campaign.Status.VERIFYING
    assert not campaign.can_enrol() and campaign.can_score() and not campaign.can_deliver()
    with pytest.raises(InvalidTransition):
        campaign_reopen_verification(campaign=campaign, actor=analyst)

    events = list(
        AuditEvent.objects.filter(target_type="evaluation.campaign")
        .order_by("id")
        .values_list("event_type", "old", "new")
    )
    assert events[1:] == [
        (CampaignEvent.CAMPAIGN_OPENED, {"status": "draft"}, {"status": "collecting"}),
        (CampaignEvent.COLLECTION_CLOSED, {"status": "collecting"}, {"status": "verifying"}),
    ]


def test_delivery_waits_for_every_conclusion(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SCORED)
    campaign.refresh_from_db()
    with pytest.raises(InvalidTransition, match="Every body's conclusion"):
        campaign_deliver(campaign=campaign, actor=analyst)
    Enrolment.objects.filter(campaign=campaign).update(conclusion_status=Enrolment.ConclusionStatus.DELIVERED)

    campaign = campaign_deliver(campaign=campaign, actor=analyst)

    assert campaign.status == Campaign.Status.DELIVERED and campaign.frozen
    assert not campaign.can_score() and not campaign.can_verify() and not campaign.can_reopen_verification()


def test_report_due_date_must_follow_the_period(campaign: Campaign, analyst: User) -> None:
    from ashyq.evaluation.services.campaigns import campaign_create

    with pytest.raises(ValidationError) as error:
        campaign_create(
            name="x",
            period_start=campaign.period_start,
            period_end=campaign.period_end,
            methodology=campaign.methodology,
            report_due=campaign.period_end,
            actor=analyst,
        )
    assert "report_due" in error.value.message_dict
