"""regional_problems_send (001 p.4.3) and what the receiving body sees."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.models import AuditEvent
from ashyq.meetings import selectors, services
from ashyq.meetings.models import RegionalProblem
from ashyq.orgs.models import Body


def test_an_akimat_sends_its_half_years_problems_to_a_central_body(
    local_body: Body, body_a: Body, officer_local: User, officer_a: User, officer_b: User
) -> None:
    # when the oblast akimat sends two problems for the first half-year
    sent = services.regional_problems_send(
        akimat=local_body,
        recipient=body_a,
        year=2026,
        half=1,
        texts=["Емхана жоқ", "", "Дәрігер жетіспейді"],
        sent_on=datetime.date(2026, 6, 20),
        actor=officer_local,
    )
    # then two rows (blank lines dropped), audited, seen by the receiving body and not by another
    assert len(sent) == 2
    assert AuditEvent.objects.filter(event_type="meetings.regional_problems.sent", body=local_body).count() == 2
    assert selectors.regional_problems_received(body=body_a, user=officer_a).count() == 2
    assert selectors.regional_problems_received(body=body_a, user=officer_b).count() == 0


def test_only_the_akimats_officer_sends_and_only_to_a_central_executive_body(
    local_body: Body, body_a: Body, officer_local: User, officer_a: User
) -> None:
    with pytest.raises(PermissionDenied, match="You do not act for this state body"):
        services.regional_problems_send(
            akimat=local_body,
            recipient=body_a,
            year=2026,
            half=1,
            texts=["x"],
            sent_on=datetime.date(2026, 6, 1),
            actor=officer_a,
        )
    # each sending breaks one rule only: a local recipient, a third half-year, no problem listed
    for recipient, half, texts, field in (
        (local_body, 1, ["x"], "recipient"),
        (body_a, 3, ["x"], "half"),
        (body_a, 1, [" "], "texts"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.regional_problems_send(
                akimat=local_body,
                recipient=recipient,
                year=2026,
                half=half,
                texts=texts,
                sent_on=datetime.date(2026, 6, 1),
                actor=officer_local,
            )
        assert set(refused.value.message_dict) == {field}
    assert not RegionalProblem.objects.exists()


def test_the_half_year_check_flags_a_missing_sending(local_body: Body, body_a: Body, officer_local: User) -> None:
    # given problems sent for the first half of 2026 only
    services.regional_problems_send(
        akimat=local_body,
        recipient=body_a,
        year=2026,
        half=1,
        texts=["Су жоқ"],
        sent_on=datetime.date(2026, 6, 1),
        actor=officer_local,
    )
    # when checked on 5 January 2027 (31 December 2026 was the due date of the second half)
    rows = selectors.akimat_half_years(user=officer_local, year=2026, today=datetime.date(2027, 1, 5))
    # then
    assert [(row.half, row.sent, row.overdue) for row in rows] == [(1, 1, False), (2, 0, True)]
