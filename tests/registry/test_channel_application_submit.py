"""channel_application_submit: the day of receipt starts the 8 working days (004 §3, §5)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import ChannelApplication
from ashyq.registry.services.applications import channel_application_submit
from tests.registry.factories import draft

pytestmark = pytest.mark.django_db


def test_submission_just_before_nauryz_sets_the_decision_due_after_it(authorized_body, body_a, officer_a, clock):
    # given a draft and the day before Nauryz's days off
    application = draft(body=body_a, officer=officer_a)
    clock(datetime.date(2026, 3, 19))
    # when it is submitted
    channel_application_submit(application=application, actor=officer_a)
    # then it is received that day and the decision is due 3 April 2026, not 31 March
    application.refresh_from_db()
    assert application.status == ChannelApplication.Status.SUBMITTED
    assert application.received_on == datetime.date(2026, 3, 19)
    assert application.decision_due == datetime.date(2026, 4, 3)
    event = AuditEvent.objects.get(event_type="registry.application.submitted")
    assert event.old == {"status": "draft"} and event.new["decision_due"] == "2026-04-03"


def test_only_a_draft_is_submitted_and_only_by_its_body(authorized_body, body_a, officer_a, officer_b) -> None:
    application = draft(body=body_a, officer=officer_a)
    with pytest.raises(PermissionDenied, match="Only an officer of the applicant body may do this"):
        channel_application_submit(application=application, actor=officer_b)
    channel_application_submit(application=application, actor=officer_a)
    with pytest.raises(InvalidTransition, match="Only a draft can be submitted"):
        channel_application_submit(application=application, actor=officer_a)
    assert AuditEvent.objects.filter(event_type="registry.application.submitted").count() == 1
