"""The demo data set loads the feedback records once, through the services."""

from __future__ import annotations

import pytest

from ashyq.core.demo import HEALTH_ID
from ashyq.feedback import demo
from ashyq.feedback.models import Item, ItemStatus, QuarterlyAnalysis, Source
from ashyq.orgs.models import Role
from ashyq.orgs.services import membership_grant
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once():
    body = BodyFactory(legalacts_government_id=HEALTH_ID)
    accounts = {
        "officer.health": UserFactory(username="officer.health"),
        "firsthead.health": UserFactory(username="firsthead.health"),
    }
    membership_grant(user=accounts["officer.health"], body=body, role=Role.OFFICER, actor=None)
    membership_grant(user=accounts["firsthead.health"], body=body, role=Role.FIRST_HEAD, actor=None)
    demo.load(accounts)
    demo.load(accounts)
    assert Source.objects.filter(body=body).count() == 3
    assert Item.objects.filter(status=ItemStatus.ACCEPTED).count() == 2
    assert QuarterlyAnalysis.objects.get().status == QuarterlyAnalysis.Status.DECIDED
