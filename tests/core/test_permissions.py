"""Scope of people: officers see their own body, analysts see all, the public nothing (issue 3 item 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.audit import audit_record
from ashyq.core.models import AuditEvent
from ashyq.core.permissions import can_see_body_data, require_analyst, require_body_access, scope_to_user_bodies
from ashyq.core.selectors import audit_events

pytestmark = pytest.mark.django_db


def test_an_officer_may_change_only_their_own_body(officer_a, officer_b, body_a) -> None:
    require_body_access(officer_a, body_a)
    with pytest.raises(PermissionDenied):
        require_body_access(officer_b, body_a)


def test_analysts_see_and_change_all_bodies_and_the_public_none(analyst, citizen, body_a) -> None:
    require_body_access(analyst, body_a)
    assert not can_see_body_data(citizen, body_a)
    with pytest.raises(PermissionDenied):
        require_body_access(citizen, body_a, change=False)


def test_a_first_head_sees_but_does_not_change(first_head_a, body_a) -> None:
    require_body_access(first_head_a, body_a, change=False)
    with pytest.raises(PermissionDenied):
        require_body_access(first_head_a, body_a)


def test_only_analysts_pass_require_analyst(analyst, authorized_head, officer_a) -> None:
    require_analyst(analyst)
    for person in (authorized_head, officer_a):
        with pytest.raises(PermissionDenied):
            require_analyst(person)


def test_scoped_audit_events(analyst, officer_a, officer_b, body_a, body_b) -> None:
    # given one event for each body
    audit_record(actor=officer_a, event="test.a", target=body_a, body=body_a)
    audit_record(actor=officer_b, event="test.b", target=body_b, body=body_b)
    # then each officer sees only their body's, the analyst both
    assert {e.event_type for e in audit_events(user=officer_a, event_type="test.")} == {"test.a"}
    assert {e.event_type for e in audit_events(user=officer_b, event_type="test.")} == {"test.b"}
    assert {e.event_type for e in audit_events(user=analyst, event_type="test.")} == {"test.a", "test.b"}
    assert not scope_to_user_bodies(AuditEvent.objects.all(), officer_a).filter(body=body_b).exists()
