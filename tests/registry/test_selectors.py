"""Who sees what: the public registry, applications scoped to the body, the queue ordered by urgency."""

from __future__ import annotations

import datetime

import pytest

from ashyq.registry import selectors
from ashyq.registry.models import ChannelApplication
from ashyq.registry.services.applications import channel_application_decide, channel_application_submit
from tests.registry.factories import accredited_channel, all_met, draft, under_review

pytestmark = pytest.mark.django_db


def test_drafts_are_seen_only_by_their_body(authorized_body, body_a, officer_a, officer_b, analyst, citizen) -> None:
    application = draft(body=body_a, officer=officer_a)
    assert list(selectors.applications_queue(user=officer_a)) == [application]
    for outsider in (officer_b, analyst, citizen):
        assert not selectors.applications_queue(user=outsider).exists()
        with pytest.raises(ChannelApplication.DoesNotExist):
            selectors.application_detail(user=outsider, pk=application.pk)
    channel_application_submit(application=application, actor=officer_a)
    assert list(selectors.applications_queue(user=analyst)) == [application]
    assert not selectors.applications_queue(user=officer_b).exists()


def test_the_queue_puts_the_nearest_open_term_first(body_a, officer_a, analyst, clock) -> None:
    # given an application received on 6 April (due 16 April) and one received on 1 April (due 13 April)
    clock(datetime.date(2026, 4, 6))
    later = channel_application_submit(application=draft(body=body_a, officer=officer_a, name_ru="Б"), actor=officer_a)
    clock(datetime.date(2026, 4, 1))
    sooner = channel_application_submit(application=draft(body=body_a, officer=officer_a, name_ru="А"), actor=officer_a)
    # and a decided one whose notification is still due
    clock(datetime.date(2026, 4, 7))
    decided = under_review(body=body_a, officer=officer_a, analyst=analyst, name_ru="В")
    channel_application_decide(application=decided, decision="refused", findings=all_met(), reasons="x", actor=analyst)
    # then the queue reads: due 9 April (notification), 13 April, 16 April
    queue = list(selectors.applications_queue(user=analyst))
    assert [item.pk for item in queue] == [decided.pk, sooner.pk, later.pk]
    assert [item.next_due for item in queue] == [
        datetime.date(2026, 4, 9),
        datetime.date(2026, 4, 13),
        datetime.date(2026, 4, 16),
    ]


def test_similar_channels_rank_the_duplicate_first(body_a, body_b, officer_a, officer_b, analyst) -> None:
    accredited_channel(
        body=body_b,
        officer=officer_b,
        analyst=analyst,
        name_kk="Туризм порталы",
        name_ru="Портал туризма",
        purpose_kk="Туристерге ақпарат",
        purpose_ru="Информация туристам",
    )
    duplicate = accredited_channel(body=body_b, officer=officer_b, analyst=analyst)
    application = under_review(body=body_a, officer=officer_a, analyst=analyst, name_ru="Горячая линия здравоохранения")
    similar = selectors.similar_channels(application=application)
    assert similar[0].channel == duplicate and similar[0].match.score > 0.5
    assert all(item.channel.application_id != application.pk for item in similar)
