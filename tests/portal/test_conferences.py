"""Internet conferences (003 §8): announce, ask (rate-limited), moderate (personal data removed), answer."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.feedback.models import Channel, SourceKind
from ashyq.feedback.selectors import dialogue_half_years
from ashyq.portal.models import Periodicity, Question
from ashyq.portal.selectors import public_conference
from ashyq.portal.services.conferences import (
    TooManyQuestions,
    conference_announce,
    question_answer,
    question_ask,
    question_publish,
    question_reject,
    suggested_public_text,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the portal counts days in Asia/Almaty


@pytest.fixture
def conference(body_a, officer_a):
    return conference_announce(
        body=body_a,
        topic_kk="Дәрі-дәрмек",
        topic_ru="Лекарства",
        opens_on=TODAY,
        held_on=TODAY + datetime.timedelta(days=7),
        periodicity=Periodicity.QUARTERLY,
        actor=officer_a,
    )


def _ask(conference, text="Когда откроется поликлиника?", address="198.51.100.1"):
    return question_ask(conference=conference, text=text, contact="asker@example.kz", address=address)


def test_a_conference_is_the_bodys_feedback_source_of_the_dialogue_channel(conference, body_a) -> None:
    # 000 §3 p.5, §18: the conference counts in the body's half-year check, without a second record
    source = conference.source
    assert (source.kind, source.channel, source.body) == (
        SourceKind.INTERNET_CONFERENCE,
        Channel.DIALOGUE_PORTAL,
        body_a,
    )
    half = (TODAY.month - 1) // 6
    assert dialogue_half_years(body_id=body_a.pk, year=TODAY.year)[half].met
    assert AuditEvent.objects.filter(event_type="portal.conference.announced", body=body_a).count() == 1


def test_an_officer_of_another_body_cannot_announce_for_it(body_a, officer_b) -> None:
    with pytest.raises(PermissionDenied):
        conference_announce(
            body=body_a, topic_kk="a", topic_ru="a", opens_on=TODAY, held_on=TODAY, periodicity="once", actor=officer_b
        )


def test_the_conference_cannot_be_held_before_questions_open(body_a, officer_a) -> None:
    with pytest.raises(ValidationError):
        conference_announce(
            body=body_a,
            topic_kk="a",
            topic_ru="a",
            opens_on=TODAY,
            held_on=TODAY - datetime.timedelta(days=1),
            periodicity="once",
            actor=officer_a,
        )


def test_a_question_is_kept_private_until_moderated(conference) -> None:
    question = _ask(conference)
    assert question.status == Question.Status.SUBMITTED
    assert question.address_key != "198.51.100.1" and len(question.address_key) == 64
    assert public_conference(pk=conference.pk).public_questions == []


def test_one_address_may_ask_only_the_configured_number_of_questions_an_hour(conference, settings) -> None:
    settings.ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR = 2
    _ask(conference)
    _ask(conference)
    with pytest.raises(TooManyQuestions):
        _ask(conference)
    _ask(conference, address="198.51.100.2")  # another address is not limited
    assert Question.objects.count() == 3


def test_an_ended_conference_takes_no_questions(conference) -> None:
    source = conference.source
    source.period_start = source.period_end = TODAY - datetime.timedelta(days=1)
    source.save(update_fields=["period_start", "period_end"])
    with pytest.raises(InvalidTransition):
        _ask(conference)


def test_the_moderator_starts_from_the_text_with_personal_data_redacted(conference) -> None:
    question = _ask(conference, text="Мой ИИН 900101300017? Позвоните +7 701 123 45 67 или a.b@mail.kz")
    suggested = suggested_public_text(question)
    assert "+7 701 123 45 67" not in suggested and "a.b@mail.kz" not in suggested


def test_publishing_text_that_still_holds_personal_data_is_refused(conference, officer_a) -> None:
    question = _ask(conference)
    with pytest.raises(ValidationError) as refused:
        question_publish(question=question, public_text="Звоните 87011234567", actor=officer_a)
    assert "public_text" in refused.value.message_dict
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_moderate_then_answer_publishes_both(conference, officer_a) -> None:
    question = _ask(conference)
    question_publish(question=question, public_text="Когда откроется поликлиника?", actor=officer_a)
    question_answer(question=question, answer="В марте.", actor=officer_a)
    [shown] = public_conference(pk=conference.pk).public_questions
    assert (shown.public_text, shown.answer, shown.status) == ("Когда откроется поликлиника?", "В марте.", "answered")
    events = list(
        AuditEvent.objects.filter(target_type="portal.question", target_id=str(question.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert events == ["portal.question.asked", "portal.question.published", "portal.question.answered"]


def test_a_question_cannot_be_answered_before_moderation_or_twice(conference, officer_a) -> None:
    question = _ask(conference)
    with pytest.raises(InvalidTransition, match="Moderate"):
        question_answer(question=question, answer="Да.", actor=officer_a)
    question_publish(question=question, public_text="Вопрос", actor=officer_a)
    question_answer(question=question, answer="Да.", actor=officer_a)
    with pytest.raises(InvalidTransition, match="already been answered"):
        question_answer(question=question, answer="Нет.", actor=officer_a)


def test_a_rejected_question_is_never_published(conference, officer_a) -> None:
    question = _ask(conference)
    question_reject(question=question, reason="Не по теме конференции", actor=officer_a)
    assert public_conference(pk=conference.pk).public_questions == []
    with pytest.raises(InvalidTransition):
        question_publish(question=question, public_text="x", actor=officer_a)


def test_an_officer_of_another_body_cannot_moderate(conference, officer_b) -> None:
    question = _ask(conference)
    with pytest.raises(PermissionDenied):
        question_publish(question=question, public_text="x", actor=officer_b)
