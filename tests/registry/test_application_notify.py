"""application_notify: the applicant learns of the decision in Ashyq and by e-mail, once (004 §6)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from ashyq.core.models import AuditEvent
from ashyq.orgs.models import Role
from ashyq.orgs.services import membership_grant
from ashyq.registry.models import ChannelApplication, Notice
from ashyq.registry.services.applications import channel_application_decide
from ashyq.registry.services.notifications import application_notify
from tests.documents import pdf_text
from tests.factories import UserFactory
from tests.registry.factories import all_met, draft, under_review

pytestmark = pytest.mark.django_db


def test_the_body_is_notified_once_with_the_letter(body_a, officer_a, officer_b, analyst, clock) -> None:
    # given a refusal, and the body's first head and officer with e-mail addresses (and another body's officer
    # with one, who must not get the letter: killed mutant notifications.applicant_addresses 4, docs/testing.md)
    first_head = UserFactory(username="fh", email="minister@health.gov.kz")
    membership_grant(user=first_head, body=body_a, role=Role.FIRST_HEAD, actor=None)
    officer_a.email = "officer@health.gov.kz"
    officer_a.save()
    officer_b.email = "officer@finance.gov.kz"
    officer_b.save()
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    clock(datetime.date(2026, 4, 6))
    channel_application_decide(
        application=application, decision="refused", findings=all_met(), reasons="Қаржы көзі жоқ", actor=analyst
    )
    # when the notification runs (twice, as a retried task would)
    application_notify(application=application, actor=None)
    application_notify(application=application, actor=None)
    # then one notice, one e-mail to both people in Kazakh and Russian with the PDF letter, one audit event
    application.refresh_from_db()
    assert application.notified_on is not None and not application.notification_term.overdue
    notice = Notice.objects.get()
    assert notice.body == body_a and notice.emailed_to == ["minister@health.gov.kz", "officer@health.gov.kz"]
    [email] = mail.outbox
    assert email.subject == (
        "Коммуникациялар арнасын аккредиттеуден бас тартылды / В аккредитации канала коммуникаций отказано: "
        f"№ {application.pk}"
    )
    assert "Қаржы көзі жоқ" in email.body and "Причины отказа" in email.body
    _name, content, mimetype = email.attachments[0]
    assert mimetype == "application/pdf" and "Қаржы көзі жоқ" in pdf_text(content)
    assert AuditEvent.objects.filter(event_type="registry.application.notified", actor=None).count() == 1


def test_an_undecided_application_is_not_notified(authorized_body, body_a, officer_a) -> None:
    application = draft(body=body_a, officer=officer_a)
    application_notify(application=application, actor=None)
    assert ChannelApplication.objects.get().notified_on is None and not mail.outbox
