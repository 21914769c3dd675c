"""The audit trail is scoped like the objects it describes (issue 15 item 4): a reader sees an event only if
it may see the event's target; drafts stay private to their body; bulk admin actions write one event each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import reverse

from ashyq.core.demo import load_demo
from ashyq.core.models import AuditEvent
from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.core.selectors import audit_events
from ashyq.feedback.selectors import item_detail, source_detail
from ashyq.meetings.selectors import meeting_for_user
from ashyq.orgs.models import Membership
from ashyq.registry.models import ChannelApplication
from ashyq.registry.selectors import application_detail, request_detail
from tests.registry.factories import draft

pytestmark = pytest.mark.django_db

# The page (selector) of each kind of object that has one: what its reader may open is what the audit shows.
DETAIL: dict[str, Callable[..., Any]] = {
    "registry.channelapplication": application_detail,
    "registry.entryrequest": request_detail,
    "feedback.item": item_detail,
    "feedback.source": source_detail,
    "meetings.meeting": meeting_for_user,
}


def may_see(user: User | AnonymousUser, event: AuditEvent) -> bool:
    """The oracle: the target's own page, or for objects without one the body scope of issue 3 item 3."""
    detail = DETAIL.get(event.target_type)
    if detail is not None:
        try:
            detail(user=user, pk=int(event.target_id))
        except (ObjectDoesNotExist, Http404):
            return False
        return True
    return is_authorized_staff(user) or event.body_id in body_ids_for(user)


@pytest.fixture
def demo() -> dict[str, User]:
    """The demo data set (every app's records, one draft application) and a draft of the finance ministry."""
    accounts = load_demo()
    finance = Membership.objects.get(user=accounts["officer.finance"]).body
    draft(body=finance, officer=accounts["officer.finance"], name_ru="Черновик Минфина", name_kk="Минқаржы жобасы")
    return accounts


def test_every_event_type_for_every_persona_shows_only_what_its_target_shows(demo) -> None:
    # given the events of every app
    events = list(AuditEvent.objects.all())
    event_types = {event.event_type for event in events}
    assert {event_type.split(".")[0] for event_type in event_types} >= {
        "feedback", "meetings", "methodology", "orgs", "registry"
    }  # fmt: skip
    assert ChannelApplication.objects.filter(status=ChannelApplication.Status.DRAFT).count() >= 2
    personas: list[User | AnonymousUser] = [*demo.values(), AnonymousUser()]
    for persona in personas:
        # when the persona reads the trail, then each event type shows exactly the events of visible targets
        shown = set(audit_events(user=persona).values_list("pk", flat=True))
        for event_type in sorted(event_types):
            of_type = [event for event in events if event.event_type == event_type]
            expected = {event.pk for event in of_type if may_see(persona, event)}
            assert {event.pk for event in of_type if event.pk in shown} == expected, (str(persona), event_type)


def test_the_analyst_does_not_see_another_bodys_draft_in_the_audit_page(client, demo) -> None:
    """Before: /kk/audit/?event_type=registry.application.created showed other bodies' drafts' names."""
    url = reverse("core:audit_list")
    client.force_login(demo["analyst"])
    page = client.get(url, {"event_type": "registry.application.created"}).content.decode()
    assert "Черновик Минфина" not in page
    client.force_login(demo["officer.finance"])
    page = client.get(url, {"event_type": "registry.application.created"}).content.decode()
    assert "Черновик Минфина" in page


def test_bulk_delete_of_memberships_in_the_admin_writes_one_event_each(admin_client, officer_a, officer_b) -> None:
    """Before: "delete selected" removed roles without an audit event."""
    memberships = list(Membership.objects.filter(user__in=[officer_a, officer_b]))
    response = admin_client.post(
        reverse("admin:orgs_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in memberships], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk__in=[m.pk for m in memberships]).exists()
    deleted = AuditEvent.objects.filter(event_type="orgs.membership.deleted")
    assert sorted(deleted.values_list("target_id", flat=True)) == sorted(str(m.pk) for m in memberships)
    assert {event.body_id for event in deleted} == {m.body_id for m in memberships}
    assert all(event.actor_label == "admin" for event in deleted)
