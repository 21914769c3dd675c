"""The demo campaign: what the personas of README find (issue 14 item 6 of the brief's order of work)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.services.scoring import provisional_score

pytestmark = pytest.mark.django_db


def test_demo_campaign_collects_reports_with_one_submitted_and_one_partly_filled() -> None:
    call_command("demo_load", stdout=io.StringIO())
    call_command("demo_load", stdout=io.StringIO())

    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.COLLECTING
    states = dict(campaign.enrolments.values_list("body__legalacts_government_id", "report_status"))
    assert states == {690: "draft", 867: "submitted", 8310: "draft"}
    health = Enrolment.objects.get(campaign=campaign, body__legalacts_government_id=690)
    missing = {item.slot.indicator for item in provisional_score(health).missing}
    assert missing == {"t6.2", "t7-1.2", "t2.5"}
