"""The demo step walks one year's schedule through every stage, and runs again without duplicates."""

from __future__ import annotations

from ashyq.meetings import demo
from ashyq.meetings.models import Meeting, ProgressReport, RegionalProblem
from ashyq.orgs.models import BodyKind, Role
from ashyq.orgs.services import membership_grant
from tests.factories import BodyFactory, UserFactory


def test_demo_loads_once(authorized_body) -> None:
    # given the demo bodies and people
    health = BodyFactory(legalacts_government_id=690)
    finance = BodyFactory(legalacts_government_id=867)
    almaty = BodyFactory(legalacts_government_id=8310, kind=BodyKind.REPUBLICAN_CITY_AKIMAT)
    accounts = {}
    for username, body, role in (
        ("analyst", authorized_body, Role.ANALYST),
        ("officer.health", health, Role.OFFICER),
        ("officer.finance", finance, Role.OFFICER),
        ("officer.almaty", almaty, Role.OFFICER),
    ):
        accounts[username] = UserFactory(username=username)
        membership_grant(user=accounts[username], body=body, role=role, actor=None)
    # when loaded twice
    demo.load(accounts)
    demo.load(accounts)
    # then one meeting at each stage and no duplicates
    assert sorted(Meeting.objects.values_list("status", flat=True)) == ["approved", "proposed", "results_published"]
    assert ProgressReport.objects.count() == 1 and RegionalProblem.objects.count() == 2
