"""Internet conferences (003 §8): the body announces, anyone asks, the officer moderates and answers.

The conference is the body's feedback source of kind "internet conference" (000 §3 p.5, §17–18), created
through the feedback app's own service, so that it counts in the body's feedback summary and half-year check.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.analysis.personal_data import find as find_personal_data
from ashyq.analysis.personal_data import redact
from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.i18n import active_language
from ashyq.core.permissions import require_body_access
from ashyq.feedback.models import SourceKind, Topic
from ashyq.feedback.services.sources import source_create
from ashyq.portal.models import Conference, Question

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

RATE_WINDOW = timedelta(hours=1)


class TooManyQuestions(Exception):
    """The address sent ``settings.ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR`` questions in the last hour."""


@transaction.atomic
def conference_announce(
    *,
    body: Body,
    topic_kk: str,
    topic_ru: str,
    opens_on: datetime.date,
    held_on: datetime.date,
    periodicity: str,
    actor: User,
    description_kk: str = "",
    description_ru: str = "",
    topic: Topic | None = None,
) -> Conference:
    """Announce a conference: its topic, its date and how often the body holds it (003 §8). Questions are
    taken from ``opens_on`` to the end of ``held_on``."""
    require_body_access(actor, body)
    if held_on < opens_on:
        raise ValidationError({"held_on": _("The conference cannot be held before questions open.")})
    source = source_create(
        body=body,
        kind=SourceKind.INTERNET_CONFERENCE,
        title_kk=topic_kk,
        title_ru=topic_ru,
        period_start=opens_on,
        period_end=held_on,
        topic=topic,
        actor=actor,
    )
    conference = Conference(
        source=source, periodicity=periodicity, description_kk=description_kk, description_ru=description_ru
    )
    conference.full_clean()
    conference.save()
    audit_record(
        actor=actor,
        event="portal.conference.announced",
        target=conference,
        body=body,
        new={"source": source.pk, "held_on": held_on, "periodicity": periodicity},
    )
    return conference


def address_key(address: str) -> str:
    """The network address as a keyed hash: enough to count one sender's questions, useless to anyone else."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def question_ask(*, conference: Conference, text: str, contact: str, address: str, asker_name: str = "") -> Question:
    """Anyone asks a question (no account). A limit of questions per address and hour stands in for a captcha."""
    if not conference.accepts_questions():
        raise InvalidTransition(_("This conference no longer takes questions."))
    key = address_key(address)
    recent = Question.objects.filter(address_key=key, created_at__gte=timezone.now() - RATE_WINDOW).count()
    if recent >= settings.ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR:
        raise TooManyQuestions
    question = Question(
        conference=conference,
        text=text.strip(),
        contact=contact.strip(),
        asker_name=asker_name.strip(),
        address_key=key,
    )
    question.full_clean()
    question.save()
    audit_record(
        actor=None,
        event="portal.question.asked",
        target=question,
        body=conference.source.body,
        new={"conference": conference.pk, "length": len(question.text)},
    )
    return question


def suggested_public_text(question: Question) -> str:
    """The question with IINs, phones, e-mails and card numbers replaced, for the moderator to start from."""
    return redact(question.text, language=active_language())


def _locked(question: Question, actor: User) -> Question:
    locked = Question.objects.select_for_update().select_related("conference__source__body").get(pk=question.pk)
    require_body_access(actor, locked.conference.source.body)
    return locked


@transaction.atomic
def question_publish(*, question: Question, public_text: str, actor: User) -> Question:
    """Publish the moderated text. Personal data left in it refuses the publication (003 §7)."""
    question = _locked(question, actor)
    if not question.can_publish():
        raise InvalidTransition(_("This question has already been moderated."))
    public_text = public_text.strip()
    if not public_text:
        raise ValidationError({"public_text": _("Give the text to publish.")})
    if find_personal_data(public_text):
        raise ValidationError(
            {"public_text": _("The text still holds personal data (an IIN, a phone, an e-mail or a card number).")}
        )
    question.status = Question.Status.PUBLISHED
    question.public_text = public_text
    question.moderated_at = timezone.now()
    question.moderated_by = actor
    question.save(update_fields=["status", "public_text", "moderated_at", "moderated_by", "updated_at"])
    audit_record(
        actor=actor,
        event="portal.question.published",
        target=question,
        body=question.conference.source.body,
        old={"status": Question.Status.SUBMITTED},
        new={"status": question.status, "edited": public_text != question.text.strip()},
    )
    return question


@transaction.atomic
def question_reject(*, question: Question, reason: str, actor: User) -> Question:
    """Do not publish a question (off the topic, abusive, a personal matter for an appeal), with the reason."""
    question = _locked(question, actor)
    if not question.can_reject():
        raise InvalidTransition(_("This question has already been moderated."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    question.status = Question.Status.REJECTED
    question.rejection_reason = reason.strip()
    question.moderated_at = timezone.now()
    question.moderated_by = actor
    question.save(update_fields=["status", "rejection_reason", "moderated_at", "moderated_by", "updated_at"])
    audit_record(
        actor=actor,
        event="portal.question.rejected",
        target=question,
        body=question.conference.source.body,
        old={"status": Question.Status.SUBMITTED},
        new={"status": question.status, "reason": question.rejection_reason},
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, answer: str, actor: User) -> Question:
    """Answer a published question; the answer is published with it. It must hold no personal data either."""
    question = _locked(question, actor)
    if question.status == Question.Status.SUBMITTED:
        raise InvalidTransition(_("Moderate the question before answering it."))
    if not question.can_answer():
        raise InvalidTransition(_("This question has already been answered."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Give the answer.")})
    if find_personal_data(answer):
        raise ValidationError(
            {"answer": _("The text still holds personal data (an IIN, a phone, an e-mail or a card number).")}
        )
    question.status = Question.Status.ANSWERED
    question.answer = answer
    question.answered_at = timezone.now()
    question.save(update_fields=["status", "answer", "answered_at", "updated_at"])
    audit_record(
        actor=actor,
        event="portal.question.answered",
        target=question,
        body=question.conference.source.body,
        old={"status": Question.Status.PUBLISHED},
        new={"status": question.status},
    )
    return question
