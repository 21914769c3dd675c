"""Sources, notices, the public council, conference results, topics and manual items (000 §3–19)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.feedback.models import Channel, ItemStatus, SourceKind
from ashyq.feedback.selectors import dialogue_half_years
from ashyq.feedback.services.sources import (
    item_create,
    notice_add,
    source_council_record,
    source_create,
    source_results_record,
    topic_create,
)
from tests.factories import BodyFactory
from tests.feedback.factories import ALMATY

pytestmark = pytest.mark.django_db


def _budget(body, officer, kind=SourceKind.DRAFT_BUDGET_PROGRAMME):
    return source_create(
        body=body,
        kind=kind,
        title_kk="001 бюджеттік бағдарлама",
        title_ru="Бюджетная программа 001",
        period_start=datetime.date(2026, 5, 1),
        period_end=datetime.date(2026, 5, 20),
        actor=officer,
        url="https://budget.egov.kz/x",
    )


def test_a_budget_discussion_with_its_notice_goes_to_the_public_council(officer_a, body_a):
    source = _budget(body_a, officer_a)
    assert source.channel == Channel.BUDGET_PORTAL
    notice_add(
        source=source, url="https://budget.egov.kz/notice", published_on=datetime.date(2026, 4, 30), actor=officer_a
    )
    with pytest.raises(InvalidTransition, match="after the discussion has ended"):
        source_council_record(source=source, meeting_date=datetime.date(2026, 5, 10), decision="x", actor=officer_a)
    source = source_council_record(
        source=source, meeting_date=datetime.date(2026, 6, 5), decision="Мақұлданды", actor=officer_a
    )
    assert source.council_date == datetime.date(2026, 6, 5)
    assert AuditEvent.objects.filter(event_type="feedback.source.council_recorded").count() == 1


def test_a_draft_npa_does_not_go_to_the_public_council(officer_a, body_a):
    """000 §12: the council considers the reports on budget programmes' public discussion and implementation."""
    source = source_create(
        body=body_a,
        kind=SourceKind.DRAFT_NPA,
        title_kk="Жоба",
        title_ru="Проект",
        period_start=datetime.date(2026, 5, 1),
        period_end=datetime.date(2026, 5, 20),
        actor=officer_a,
    )
    with pytest.raises(InvalidTransition, match="report on the public discussion of a draft budget programme"):
        source_council_record(source=source, meeting_date=datetime.date(2026, 6, 5), decision="x", actor=officer_a)


def test_a_body_outside_000_p1_and_another_bodys_officer_are_refused(officer_a, officer_b, body_a, analyst):
    with pytest.raises(PermissionDenied):
        _budget(body_a, officer_b)
    bank = BodyFactory(outside_feedback_scope=True)
    with pytest.raises(ValidationError, match=r"outside the scope of the feedback methodology \(000 §1\)"):
        _budget(bank, analyst)


def test_an_item_entered_by_hand_outside_the_period_is_flagged(officer_a, body_a):
    source = _budget(body_a, officer_a)
    item = item_create(
        source=source,
        kind="remark",
        text="Ұсыныс",
        actor=officer_a,
        received_at=datetime.datetime(2026, 5, 21, 9, 0, tzinfo=ALMATY),
    )
    assert item.outside_period and item.status == ItemStatus.RECEIVED
    inside = item_create(
        source=source,
        kind="comment",
        text="Пікір",
        actor=officer_a,
        received_at=datetime.datetime(2026, 5, 20, 23, 59, tzinfo=ALMATY),
    )
    assert not inside.outside_period and inside.status == ItemStatus.UNANSWERED


def test_topics_conferences_and_the_half_year_check(officer_a, body_a):
    # given a topic and one survey on it in the first half of 2026
    topic = topic_create(
        body=body_a, title_kk="Дәрі-дәрмек", title_ru="Лекарства", raised_in="Q1 жолданымдары", actor=officer_a
    )
    survey = source_create(
        body=body_a,
        kind=SourceKind.SURVEY,
        title_kk="Сауалнама",
        title_ru="Опрос",
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        topic=topic,
        actor=officer_a,
    )
    source_results_record(
        source=survey, results_use="rule_making", note="Бұйрыққа енгізілді", participants=540, actor=officer_a
    )
    # then the first half-year is met and the second is not (000 §18)
    first, second = dialogue_half_years(body_id=body_a.pk, year=2026)
    assert first.met and first.sources == [survey]
    assert not second.met


def test_a_topic_is_linked_only_to_conferences_and_surveys(officer_a, body_a):
    topic = topic_create(body=body_a, title_kk="Т", title_ru="Т", raised_in="", actor=officer_a)
    with pytest.raises(ValidationError, match="Only the body's own internet conferences and surveys"):
        source_create(
            body=body_a,
            kind=SourceKind.DRAFT_NPA,
            title_kk="Ж",
            title_ru="П",
            topic=topic,
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 3, 2),
            actor=officer_a,
        )
