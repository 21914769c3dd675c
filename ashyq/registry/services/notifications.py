"""Notifying the applicant of the decision (004 §6): in Ashyq and by e-mail, with the decision letter as PDF.

Runs after the decision commits, as a task (``ashyq.registry.tasks.notify_applicant``); the term is 2
working days from the decision and is shown on the application until ``notified_on`` is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from ashyq.core.audit import audit_record
from ashyq.orgs.models import Membership, Role
from ashyq.registry import deadlines
from ashyq.registry.exports import decision_letter_pdf
from ashyq.registry.models import ChannelApplication, Notice

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def applicant_addresses(application: ChannelApplication) -> list[str]:
    """E-mail addresses of the applicant body's officers and first heads, and of the person who filed."""
    members = Membership.objects.filter(body=application.body, role__in=[Role.OFFICER, Role.FIRST_HEAD])
    addresses = {address for address in members.values_list("user__email", flat=True) if address}
    if application.filed_by.email:
        addresses.add(application.filed_by.email)
    return sorted(addresses)


def _decision_email(application: ChannelApplication, recipients: list[str]) -> EmailMessage:
    context = {"application": application}
    message = EmailMessage(
        subject=render_to_string("registry/email/decision_subject.txt", context).strip(),
        body=render_to_string("registry/email/decision_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach(f"decision-{application.pk}.pdf", decision_letter_pdf(application), "application/pdf")
    return message


@transaction.atomic
def application_notify(*, application: ChannelApplication, actor: User | None) -> ChannelApplication:
    """Notify once: the in-app notice, the e-mail with the letter, ``notified_on``; a repeat does nothing."""
    application = (
        ChannelApplication.objects.select_for_update()
        .select_related("body", "addressee", "filed_by")
        .get(pk=application.pk)
    )
    if application.notified_on is not None or not application.is_decided:
        return application
    recipients = applicant_addresses(application)
    Notice.objects.create(application=application, body=application.body, emailed_to=recipients)
    application.notified_on = deadlines.today()
    application.save(update_fields=["notified_on", "updated_at"])
    audit_record(
        actor=actor,
        event="registry.application.notified",
        target=application,
        body=application.body,
        new={"notified_on": application.notified_on, "emailed_to": recipients},
    )
    if recipients:  # sent last: a failed send rolls the notice back, so the term stays open and visible
        _decision_email(application, recipients).send()
    return application
