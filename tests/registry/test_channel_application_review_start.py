"""channel_application_review_start: an analyst takes a submitted application into review (004 §4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import ChannelApplication
from ashyq.registry.services.applications import channel_application_review_start, channel_application_submit
from tests.registry.factories import draft

pytestmark = pytest.mark.django_db


def test_an_analyst_takes_a_submitted_application(authorized_body, body_a, officer_a, analyst) -> None:
    application = channel_application_submit(application=draft(body=body_a, officer=officer_a), actor=officer_a)
    channel_application_review_start(application=application, actor=analyst)
    application.refresh_from_db()
    assert application.status == ChannelApplication.Status.UNDER_REVIEW and application.reviewer == analyst
    assert AuditEvent.objects.get(event_type="registry.application.review_started").actor == analyst


def test_a_draft_cannot_be_reviewed_and_an_officer_cannot_review(authorized_body, body_a, officer_a, analyst) -> None:
    application = draft(body=body_a, officer=officer_a)
    with pytest.raises(InvalidTransition, match="Only a submitted application can be taken into review"):
        channel_application_review_start(application=application, actor=analyst)
    channel_application_submit(application=application, actor=officer_a)
    with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
        channel_application_review_start(application=application, actor=officer_a)
