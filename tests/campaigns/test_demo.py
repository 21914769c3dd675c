"""The demo campaign: what the personas of README find (issue 14 item 6 of the brief's order of work)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from ashyq.evaluation.feedback_models import FeedbackEvaluation
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.services.scoring import provisional_score

pytestmark = pytest.mark.django_db


def test_demo_campaign_collects_reports_with_one_submitted_and_one_partly_filled() -> None:
    call_command("demo_load", stdout=io.StringIO())
    call_command("demo_load", stdout=io.StringIO())

    campaign = Campaign.objects.get(status=Campaign.Status.COLLECTING)
    states = dict(campaign.enrolments.values_list("body__legalacts_government_id", "report_status"))
    assert states == {690: "draft", 867: "submitted", 8310: "draft"}
    health = Enrolment.objects.get(campaign=campaign, body__legalacts_government_id=690)
    missing = {item.slot.indicator for item in provisional_score(health).missing}
    assert missing == {"t6.2", "t7-1.2", "t2.5"}


def test_demo_feedback_evaluations_publish_2025_and_request_2026() -> None:
    """The portal has F to show (2025, published) and the Ministry of Health's officer a submission to send."""
    call_command("demo_load", stdout=io.StringIO())
    call_command("demo_load", stdout=io.StringIO())

    _, published, requested = FeedbackEvaluation.objects.order_by("period_end")
    assert (published.status, requested.status) == ("published", "requested")
    f = {s.body.legalacts_government_id: (s.f, s.band) for s in published.submissions.select_related("body")}
    assert f[690] == (Decimal("73.625"), "medium")
    assert f[8310] == (Decimal(30), "ineffective")
    health = requested.submissions.get(body__legalacts_government_id=690)
    assert health.status == "draft" and health.remarks_received == 4 and health.comments_received == 2
    assert health.counts_source["remarks_received"] == "records"


def test_demo_publishes_2024_and_2025_results_sent_to_the_agency() -> None:
    # given the demo loaded twice
    call_command("demo_load", stdout=io.StringIO())
    call_command("demo_load", stdout=io.StringIO())
    # then two campaigns went through the services to the Agency, each with scored central and local bodies
    sent = Campaign.objects.filter(status=Campaign.Status.SENT).order_by("period_end")
    assert [campaign.period_end.year for campaign in sent] == [2024, 2025]
    for campaign in sent:
        assert campaign.submissions.count() == 1
        enrolments = campaign.enrolments.all()
        assert {enrolment.kind for enrolment in enrolments} == {"central", "local"}
        assert all(enrolment.final is not None for enrolment in enrolments)
        assert len({enrolment.final for enrolment in enrolments}) > 3  # the bodies differ
