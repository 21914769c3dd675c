"""The audit trail is append-only (issue 3 item 4)."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from django.db import DatabaseError, connection, transaction

from ashyq.core.audit import audit_record
from ashyq.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_records_who_which_body_what_before_after(officer_a, body_a) -> None:
    event = audit_record(
        actor=officer_a,
        event="orgs.body.updated",
        target=body_a,
        body=body_a,
        old={"when": dt.date(2026, 3, 21), "score": decimal.Decimal("1.50")},
        new={"name_ru": "Новое"},
    )
    event.refresh_from_db()
    assert (event.actor_label, event.body_id, event.target_type) == ("officer_a", body_a.pk, "orgs.body")
    assert event.old == {"when": "2026-03-21", "score": "1.50"}
    assert event.new == {"name_ru": "Новое"}


def test_an_event_without_a_person_is_the_system(body_a, citizen) -> None:
    assert audit_record(actor=citizen, event="x", target=body_a).actor_label == "system"


def test_the_database_refuses_to_change_an_event(body_a) -> None:
    event = audit_record(actor=None, event="x", target=body_a)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(event_type="y")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refuses DELETE too (ADR 0001)")
def test_postgresql_refuses_to_delete_an_event(body_a) -> None:
    event = audit_record(actor=None, event="x", target=body_a)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_nobody_may_edit_or_delete_events_in_the_admin(admin_client, body_a) -> None:
    event = audit_record(actor=None, event="x", target=body_a)
    assert admin_client.get(f"/kk/admin/core/auditevent/{event.pk}/delete/").status_code == 403
    response = admin_client.post(f"/kk/admin/core/auditevent/{event.pk}/change/", {"event_type": "y"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.event_type == "x"
