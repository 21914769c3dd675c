"""Fixtures of the objection procedure (002 §109–119; issue 10), registered in ``tests/conftest.py``.

The scenario: a campaign of three central bodies — A, B and D, the Ministry of Defence (exempt from table 6
item 3, open sessions: it gets the average of the central bodies, 002 Annex 10 table 6 footnote *). Body B's
open sessions were assessed at attainment 0 in Kazakh. The conclusions are received on Friday 19 March 2027, the
day before the Nauryz days off (20–24 March 2027, the 24th observed for the 21st falling on a Sunday): the 5
working days are 25, 26, 29, 30 and 31 March, so objections are due on 31 March; 1 April is the 6th.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User

from ashyq.evaluation.facts import Slot, best_value
from ashyq.evaluation.models import (
    Campaign,
    CommissionMember,
    ConclusionResponse,
    Enrolment,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.campaigns import (
    campaign_close_collection,
    campaign_deliver,
    campaign_enrol,
    campaign_open,
)
from ashyq.evaluation.services.commissions import Seat
from ashyq.evaluation.services.conclusions import conclusion_approve, conclusion_deliver
from ashyq.evaluation.services.objections import (
    objection_file,
    objection_row_save,
)
from ashyq.evaluation.services.scoring import scoring_run_request
from ashyq.orgs.models import Body, Role
from ashyq.orgs.services import membership_grant
from tests.campaigns.conftest import Filler
from tests.factories import BodyFactory, UserFactory

RECEIVED = datetime.date(2027, 3, 19)  # Friday before the Nauryz days off
DUE = datetime.date(2027, 3, 31)  # the 5th working day after
SIXTH = datetime.date(2027, 4, 1)
OPEN_SESSIONS = "t6.3"
MEETING = datetime.date(2027, 4, 7)  # Wednesday
AGENCY_DUE = datetime.date(2027, 4, 14)  # 8, 9, 12, 13, 14 April


@contextmanager
def on(day: datetime.date) -> Iterator[None]:
    """Run the services as if today were ``day`` (Almaty)."""
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        yield


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Background tasks run at once, in the test (scoring, rescoring, e-mails)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def defence(db: None) -> Body:
    return BodyFactory(
        name_ru="Министерство обороны Республики Казахстан",
        name_kk="Қазақстан Республикасының Қорғаныс министрлігі",
        no_open_session_indicator=True,
        not_under_resolution_12=True,
    )


def person(username: str, body: Body, role: str) -> User:
    user = UserFactory(username=username, email=f"{username}@example.kz")
    membership_grant(user=user, body=body, role=role, actor=None)
    return user


@pytest.fixture
def delivered(
    immediate_tasks: None,
    campaign: Campaign,
    analyst: User,
    authorized_head: User,
    body_a: Body,
    body_b: Body,
    defence: Body,
    filler: Filler,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> dict[str, Enrolment]:
    """A, B and Defence scored, conclusions approved and received on ``RECEIVED``."""
    version = pinned_version(campaign.methodology)
    enrolments = dict(
        zip("abd", campaign_enrol(campaign=campaign, bodies=[body_a, body_b, defence], actor=analyst), strict=True)
    )

    def b_value(slot: Slot) -> dict[str, Any] | None:
        if slot.indicator == OPEN_SESSIONS and slot.language == "kk":
            return {"attainment": "0"}
        return best_value(slot, version)

    filler(enrolments["a"], None)
    filler(enrolments["b"], b_value)
    filler(enrolments["d"], None)
    with on(RECEIVED - datetime.timedelta(days=30)):
        campaign_open(campaign=campaign, actor=analyst)
        campaign_close_collection(campaign=campaign, actor=analyst)
        with django_capture_on_commit_callbacks(execute=True):
            run = scoring_run_request(campaign=campaign, actor=analyst)
        run.refresh_from_db()
        assert run.error == ""
        for enrolment in enrolments.values():
            conclusion_approve(enrolment=enrolment, actor=authorized_head)
    with on(RECEIVED), django_capture_on_commit_callbacks(execute=True):
        for enrolment in enrolments.values():
            conclusion_deliver(enrolment=enrolment, received_on=RECEIVED, actor=analyst)
        campaign_deliver(campaign=campaign, actor=analyst)
    return {key: Enrolment.objects.get(pk=value.pk) for key, value in enrolments.items()}


def file_objection(enrolment: Enrolment, officer: User, day: datetime.date = DUE) -> ConclusionResponse:
    with on(day):
        objection_row_save(
            enrolment=enrolment,
            indicator=OPEN_SESSIONS,
            language="kk",
            claimed={"attainment": "1"},
            justification="The collegium of 12 March was broadcast on the ministry's channel.",
            actor=officer,
        )
        return objection_file(enrolment=enrolment, actor=officer)


@pytest.fixture
def objected(delivered: dict[str, Enrolment], officer_b: User) -> ConclusionResponse:
    return file_objection(delivered["b"], officer_b)


@pytest.fixture
def seats(authorized_body: Body, body_b: Body, officer_b: User) -> list[Seat]:
    colleague = person("lawyer.b", body_b, Role.OFFICER)
    staff = [person(f"staff{n}", authorized_body, Role.ANALYST) for n in range(2)]
    working = [person(f"working{n}", authorized_body, Role.COMMISSION_MEMBER) for n in range(2)]
    return [
        Seat(working[0].pk, CommissionMember.Capacity.WORKING_BODY, CommissionMember.Position.CHAIR),
        Seat(working[1].pk, CommissionMember.Capacity.WORKING_BODY, CommissionMember.Position.SECRETARY),
        Seat(staff[0].pk, CommissionMember.Capacity.ASSESSING_BODY),
        Seat(staff[1].pk, CommissionMember.Capacity.ASSESSING_BODY),
        Seat(colleague.pk, CommissionMember.Capacity.OBJECTING_BODY),
    ]
