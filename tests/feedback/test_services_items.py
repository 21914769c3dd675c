"""Transitions of a feedback item (000 §20 p.1–2, §2 p.8)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.feedback.models import FollowUp, ItemKind, ItemStatus
from ashyq.feedback.services.items import (
    item_accept,
    item_answer,
    item_follow_up_mark,
    item_reclassify,
    item_reject,
)
from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remark(body_a):
    return ItemFactory(source=SourceFactory(body=body_a))


@pytest.fixture
def comment(body_a):
    return ItemFactory(source=SourceFactory(body=body_a), kind=ItemKind.COMMENT)


def test_officer_accepts_a_remark_with_a_reference(officer_a, remark):
    # given a received remark of body A
    # when its officer accepts it with the clause of the act in force
    item = item_accept(item=remark, reference="Бұйрық № 12, 5-тармақ", actor=officer_a)
    # then it is accepted, with who and when, and the audit trail says so
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    assert item.reference == "Бұйрық № 12, 5-тармақ"
    assert item.decided_by == officer_a and item.decided_at is not None
    event = AuditEvent.objects.get(event_type="feedback.item.accepted")
    assert event.actor == officer_a and event.body_id == remark.body_id
    assert event.old["status"] == "received" and event.new["status"] == "accepted"


def test_accepting_without_a_reference_is_refused(officer_a, remark):
    with pytest.raises(InvalidTransition) as refused:
        item_accept(item=remark, reference="  ", actor=officer_a)
    assert refused.value.code == "reference_required"
    remark.refresh_from_db()
    assert remark.status == ItemStatus.RECEIVED
    assert not AuditEvent.objects.filter(event_type="feedback.item.accepted").exists()


def test_a_decided_remark_cannot_be_decided_again(officer_a, remark):
    item_reject(item=remark, reason="Противоречит Кодексу", actor=officer_a)
    with pytest.raises(InvalidTransition):
        item_accept(item=remark, reference="п. 5", actor=officer_a)
    remark.refresh_from_db()
    assert remark.status == ItemStatus.REJECTED and remark.rejection_reason == "Противоречит Кодексу"


def test_rejecting_needs_a_reason(officer_a, remark):
    with pytest.raises(InvalidTransition) as refused:
        item_reject(item=remark, reason="", actor=officer_a)
    assert refused.value.code == "reason_required"


def test_an_officer_of_another_body_is_denied(officer_b, remark):
    with pytest.raises(PermissionDenied):
        item_accept(item=remark, reference="п. 5", actor=officer_b)
    remark.refresh_from_db()
    assert remark.status == ItemStatus.RECEIVED


def test_a_comment_is_answered_once(officer_a, comment):
    # given an unanswered comment
    item_answer(item=comment, answer="Разъяснено", answered_on=datetime.date(2026, 9, 6), actor=officer_a)
    comment.refresh_from_db()
    assert comment.status == ItemStatus.ANSWERED and comment.answered_on == datetime.date(2026, 9, 6)
    # when it is answered again, then the second answer is refused with a clear message
    with pytest.raises(InvalidTransition, match="already been answered"):
        item_answer(item=comment, answer="Ещё раз", answered_on=datetime.date(2026, 9, 7), actor=officer_a)
    comment.refresh_from_db()
    assert comment.answer_text == "Разъяснено"
    assert AuditEvent.objects.filter(event_type="feedback.item.answered").count() == 1


def test_a_remark_cannot_be_answered_as_a_comment(officer_a, remark):
    """000 §20 p.1–2: a remark is accepted or rejected, a comment answered (answer and date are valid)."""
    with pytest.raises(InvalidTransition, match="Only an unanswered comment can be answered"):
        item_answer(item=remark, answer="x", answered_on=datetime.date(2026, 9, 6), actor=officer_a)
    remark.refresh_from_db()
    assert remark.status == ItemStatus.RECEIVED


ALMATY = ZoneInfo("Asia/Almaty")


@pytest.mark.parametrize("received_hour", [0, 10, 23])
def test_an_answer_dated_on_the_receipt_day_is_recorded(officer_a, body_a, received_hour):
    """000 §20 p.2: the answer may be given on the day the comment arrived (the day in Almaty, at any hour)."""
    # given a comment received on 5 September at 00:xx, 10:xx or 23:xx Almaty time
    received = datetime.datetime(2026, 9, 5, received_hour, 30, tzinfo=ALMATY)
    comment = ItemFactory(source=SourceFactory(body=body_a), kind=ItemKind.COMMENT, received_at=received)
    # when it is answered the same day
    item_answer(item=comment, answer="Разъяснено", answered_on=datetime.date(2026, 9, 5), actor=officer_a)
    # then the answer is recorded
    comment.refresh_from_db()
    assert (comment.status, comment.answered_on) == (ItemStatus.ANSWERED, datetime.date(2026, 9, 5))


@pytest.mark.parametrize("received_hour", [0, 10, 23])
def test_an_answer_dated_the_day_before_receipt_is_refused(officer_a, body_a, received_hour):
    """000 §20 p.2: an answer cannot precede the comment (only the date rule can fire: the answer has text)."""
    received = datetime.datetime(2026, 9, 5, received_hour, 30, tzinfo=ALMATY)
    comment = ItemFactory(source=SourceFactory(body=body_a), kind=ItemKind.COMMENT, received_at=received)
    with pytest.raises(InvalidTransition) as refused:
        item_answer(item=comment, answer="Разъяснено", answered_on=datetime.date(2026, 9, 4), actor=officer_a)
    assert refused.value.code == "answer_date"
    comment.refresh_from_db()
    assert comment.status == ItemStatus.UNANSWERED


def test_a_remark_without_concrete_proposal_becomes_a_comment(officer_a, remark):
    # given a received remark that the body already answered on the portal
    remark.answer_text, remark.answered_on = "Спасибо", datetime.date(2026, 9, 6)
    remark.save()
    # when the officer reclassifies it (000 §2 p.8)
    item = item_reclassify(item=remark, actor=officer_a)
    # then it is an answered comment, and the change is audited
    assert (item.kind, item.status) == (ItemKind.COMMENT, ItemStatus.ANSWERED)
    event = AuditEvent.objects.get(event_type="feedback.item.reclassified")
    assert event.old["kind"] == "remark" and event.new["kind"] == "comment"


def test_an_unanswered_remark_becomes_an_unanswered_comment(officer_a, remark):
    item = item_reclassify(item=remark, actor=officer_a)
    assert item.status == ItemStatus.UNANSWERED
    with pytest.raises(InvalidTransition, match="Only a received remark or proposal, not yet decided"):
        item_reclassify(item=item, actor=officer_a)


def test_an_accepted_proposal_is_taken_into_a_plan(officer_a, remark):
    with pytest.raises(InvalidTransition, match="Only an accepted proposal can be taken into a plan"):
        item_follow_up_mark(item=remark, follow_up=FollowUp.LAW_DRAFTING_PLAN, note="", actor=officer_a)
    item_accept(item=remark, reference="п. 5", actor=officer_a)
    item = item_follow_up_mark(item=remark, follow_up=FollowUp.LAW_DRAFTING_PLAN, note="План 2027", actor=officer_a)
    assert item.follow_up == FollowUp.LAW_DRAFTING_PLAN
    assert AuditEvent.objects.filter(event_type="feedback.item.followed_up").count() == 1


def test_a_decision_costs_a_fixed_number_of_queries(officer_a, remark, django_assert_num_queries):
    """The item's row is locked with its body in one query (the audit row does not fetch the body again), and the
    update writes the decision's fields only, never the item's text. Savepoint, the actor's memberships, the
    lock, the update, the audit row, release: 6."""
    officer_a = type(officer_a).objects.get(pk=officer_a.pk)  # a fresh user, as in a request
    remark = type(remark).objects.select_related("body").get(pk=remark.pk)
    with django_assert_num_queries(6) as captured:
        item_accept(item=remark, reference="Бұйрық № 12, 5-тармақ", actor=officer_a)
    (update,) = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("UPDATE")]
    assert '"status" =' in update and '"text" =' not in update
