"""channel_application_decide: accredit or refuse on the three criteria (004 §4–6)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import Channel, ChannelApplication, ChannelEvent, Notice
from ashyq.registry.services.applications import channel_application_decide
from tests.registry.factories import all_met, draft, under_review

pytestmark = pytest.mark.django_db
Status = ChannelApplication.Status


def test_accreditation_enters_the_channel_and_notifies_after_commit(
    body_a, officer_a, analyst, clock, django_capture_on_commit_callbacks, immediate_tasks
) -> None:
    # given an application under review, decided on Friday 20 March 2026 (before Nauryz)
    officer_a.email = "officer@health.gov.kz"
    officer_a.save()
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    clock(datetime.date(2026, 3, 20))
    # when the analyst accredits it with all three criteria met
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        channel_application_decide(
            application=application, decision=Status.ACCREDITED, findings=all_met(), actor=analyst
        )
    # then the channel enters the registry as No. 1 with an "entered" history line in kk and ru
    application.refresh_from_db()
    assert application.status == Status.ACCREDITED and application.decided_on == datetime.date(2026, 3, 20)
    assert application.notification_due == datetime.date(2026, 3, 27)  # 23–25 March are Nauryz days off
    channel = Channel.objects.get()
    assert (channel.number, channel.body, channel.status) == (1, body_a, Channel.Status.ACTIVE)
    assert channel.name_kk == application.name_kk and channel.entered_on == datetime.date(2026, 3, 20)
    entered = ChannelEvent.objects.get(kind=ChannelEvent.Kind.ENTERED)
    assert str(application.pk) in entered.text_kk and str(application.pk) in entered.text_ru
    assert entered.text_kk != entered.text_ru
    assert application.findings.filter(met=True).count() == 3
    accredited = AuditEvent.objects.get(event_type="registry.application.accredited")
    assert accredited.new["channel_number"] == 1 and accredited.new["findings"]["regulated"]["met"] is True
    assert AuditEvent.objects.filter(event_type="registry.channel.entered").count() == 1
    # and one task ran after commit: the applicant is notified in Ashyq and by e-mail with the letter
    assert len(callbacks) == 1
    application.refresh_from_db()
    assert application.notified_on is not None
    assert Notice.objects.get().emailed_to == ["officer@health.gov.kz"]
    assert mail.outbox[0].attachments[0][0] == f"decision-{application.pk}.pdf"


def test_refusal_needs_reasons_and_enters_nothing(body_a, officer_a, analyst, django_capture_on_commit_callbacks):
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    findings = {**all_met(), "no_duplication": (False, "«Е-өтініш» порталының функциясын қайталайды")}
    with pytest.raises(ValidationError) as caught:
        channel_application_decide(application=application, decision=Status.REFUSED, findings=findings, actor=analyst)
    assert "refusal_reasons" in caught.value.message_dict
    with django_capture_on_commit_callbacks() as callbacks:
        channel_application_decide(
            application=application, decision=Status.REFUSED, findings=findings, reasons="Қайталау", actor=analyst
        )
    application.refresh_from_db()
    assert application.status == Status.REFUSED and application.refusal_reasons == "Қайталау"
    assert not Channel.objects.exists() and len(callbacks) == 1
    assert AuditEvent.objects.filter(event_type="registry.application.refused").count() == 1


def test_accreditation_needs_all_three_criteria_met_and_reasoned(body_a, officer_a, analyst) -> None:
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    not_met = {**all_met(), "efficiency": (False, "Нәтижелер көрсетілмеген")}
    with pytest.raises(ValidationError, match="all three"):
        channel_application_decide(application=application, decision=Status.ACCREDITED, findings=not_met, actor=analyst)
    unreasoned = {**all_met(), "regulated": (True, " ")}
    with pytest.raises(ValidationError) as caught:
        channel_application_decide(
            application=application, decision=Status.ACCREDITED, findings=unreasoned, actor=analyst
        )
    assert "regulated" in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW and not application.findings.exists()


def test_a_second_decision_and_a_decision_before_review_are_refused(body_a, officer_a, analyst) -> None:
    submitted_only = draft(body=body_a, officer=officer_a)
    with pytest.raises(InvalidTransition, match="Only an application under review can be decided, and only once"):
        channel_application_decide(
            application=submitted_only, decision=Status.REFUSED, findings=all_met(), reasons="x", actor=analyst
        )
    application = under_review(body=body_a, officer=officer_a, analyst=analyst, name_ru="Канал 2")
    channel_application_decide(application=application, decision=Status.ACCREDITED, findings=all_met(), actor=analyst)
    with pytest.raises(InvalidTransition, match="Only an application under review can be decided, and only once"):
        channel_application_decide(
            application=application, decision=Status.REFUSED, findings=all_met(), reasons="x", actor=analyst
        )
    application.refresh_from_db()
    assert application.status == Status.ACCREDITED and Channel.objects.count() == 1


def test_only_an_analyst_decides(body_a, officer_a, analyst, authorized_head) -> None:
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    for person in (officer_a, authorized_head):
        with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
            channel_application_decide(
                application=application, decision=Status.ACCREDITED, findings=all_met(), actor=person
            )


def test_channels_are_numbered_in_order(body_a, body_b, officer_a, officer_b, analyst) -> None:
    for body, officer in ((body_a, officer_a), (body_b, officer_b)):
        application = under_review(body=body, officer=officer, analyst=analyst)
        channel_application_decide(
            application=application, decision=Status.ACCREDITED, findings=all_met(), actor=analyst
        )
    assert list(Channel.objects.values_list("number", "body")) == [(1, body_a.pk), (2, body_b.pk)]
