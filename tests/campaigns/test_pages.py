"""Campaign pages: the permission matrix (issue 14 item 9) and the dashboard's bounded query count (item 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.services.campaigns import campaign_enrol, campaign_open
from ashyq.orgs.models import Body
from tests.campaigns.conftest import Filler
from tests.factories import BodyFactory


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "dashboard", "body_a_page", "sign_off"),
    [
        ("analyst", 200, 200, 403),
        ("authorized_head", 200, 200, 403),
        ("officer_a", 403, 200, 403),
        ("first_head_a", 403, 200, 302),
        ("officer_b", 403, 403, 403),
        ("commission_member", 403, 403, 403),
        (None, 302, 302, 302),
    ],
)
def test_permission_matrix(
    request: pytest.FixtureRequest,
    enrolled: dict[str, Enrolment],
    analyst: User,
    officer_a: User,
    persona: str | None,
    dashboard: int,
    body_a_page: int,
    sign_off: int,
) -> None:
    """An officer sees only its own body; the first head signs off only its own; analysts see all; a
    commission member nothing here yet; the public is sent to log in."""
    from ashyq.evaluation.services.reports import report_submit

    campaign = enrolled["a"].campaign
    campaign_open(campaign=campaign, actor=analyst)
    report_submit(enrolment=enrolled["a"], actor=officer_a)
    user = request.getfixturevalue(persona) if persona else None
    client = _client(user)

    assert client.get(reverse("evaluation:dashboard", args=[campaign.pk])).status_code == dashboard
    assert client.get(reverse("evaluation:enrolment", args=[enrolled["a"].pk])).status_code == body_a_page
    assert client.post(reverse("evaluation:sign_off", args=[enrolled["a"].pk])).status_code == sign_off
    enrolled["a"].refresh_from_db()
    signed = enrolled["a"].report_status == Enrolment.ReportStatus.SIGNED_OFF
    assert signed == (persona == "first_head_a")


def test_the_body_page_lists_missing_items_with_their_cost_and_offers_only_allowed_actions(
    enrolled: dict[str, Enrolment], analyst: User, officer_a: User, filler: Filler
) -> None:
    from ashyq.evaluation.facts import best_value
    from ashyq.evaluation.pinned import pinned_version

    campaign = enrolled["a"].campaign
    version = pinned_version(campaign.methodology)
    filler(enrolled["a"], lambda slot: None if slot.indicator == "t6.2" else best_value(slot, version))
    campaign_open(campaign=campaign, actor=analyst)

    page = _client(officer_a).get(reverse("evaluation:enrolment", args=[enrolled["a"].pk])).content.decode()
    analyst_page = _client(analyst).get(reverse("evaluation:enrolment", args=[enrolled["a"].pk])).content.decode()

    assert "Submit the report" in page and "Submit the report" not in analyst_page
    assert "Sign the report off" not in page
    assert "2 items missing" in page and "costs 1.50 points" in page
    assert "97.00 of 100" in page


def test_dashboard_query_count_does_not_grow_with_the_bodies(
    campaign: Campaign, analyst: User, body_a: Body, filler: Filler, settings: Any
) -> None:
    client = _client(analyst)
    url = reverse("evaluation:dashboard", args=[campaign.pk])
    campaign_enrol(campaign=campaign, bodies=[body_a], actor=analyst)
    client.get(url)  # warm the session and the calendar
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    campaign_enrol(campaign=campaign, bodies=[BodyFactory() for _ in range(8)], actor=analyst)
    campaign_enrol(campaign=campaign, bodies=[BodyFactory(kind="oblast_akimat") for _ in range(3)], actor=analyst)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.content.decode().count('href="/en/campaigns/bodies/') == 12
    assert len(many) == len(few)
