"""The registry's demo records load through the services, once."""

from __future__ import annotations

import pytest

from ashyq.registry import demo
from ashyq.registry.models import Channel, ChannelApplication, EntryRequest

pytestmark = pytest.mark.django_db
Status = ChannelApplication.Status


def test_the_demo_shows_every_step_and_loads_once(analyst, officer_a, officer_b, officer_local) -> None:
    accounts = {
        "analyst": analyst,
        "officer.health": officer_a,
        "officer.finance": officer_b,
        "officer.almaty": officer_local,
    }
    demo.load(accounts)
    demo.load(accounts)
    statuses = sorted(ChannelApplication.objects.values_list("status", flat=True))
    assert statuses == sorted([Status.ACCREDITED, Status.ACCREDITED, Status.REFUSED, Status.UNDER_REVIEW, Status.DRAFT])
    assert list(Channel.objects.values_list("number", flat=True)) == [1, 2]
    assert EntryRequest.objects.get().status == EntryRequest.Status.SUBMITTED
