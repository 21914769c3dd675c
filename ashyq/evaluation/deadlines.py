"""Every running term of the objection procedure in one list, and the reminders 2 working days before a term
ends (issue 10 item 6): the bodies' objection windows (002 §109, §112) and the Agency term after a commission's
meeting (§119). Days left are Kazakhstan working days (SPEC §7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.calendar import working_days_between
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Commission, ConclusionResponse, Enrolment, TermReminder
from ashyq.orgs.models import Membership, Role

REMIND_DAYS_BEFORE = 2


@dataclass(frozen=True)
class RunningTerm:
    """One term that has not been met yet: whose it is, when it ends, and the working days left."""

    kind: str  # "objections" or "agency"
    campaign: Campaign
    due: datetime.date
    days_left: int
    enrolment: Enrolment | None = None
    commission: Commission | None = None

    @property
    def key(self) -> str:
        owner = self.enrolment.pk if self.enrolment is not None else self.commission.pk if self.commission else 0
        return f"{self.kind}:{owner}:{self.due.isoformat()}"


def running_terms(today: datetime.date, enrolments: Iterable[Enrolment] | None = None) -> list[RunningTerm]:
    """Objection windows without an answer yet, and Agency terms of held commissions of unsent campaigns,
    soonest first. ``enrolments`` narrows the objection windows (a body's own page)."""
    terms: list[RunningTerm] = []
    windows = (
        Enrolment.objects.filter(
            campaign__status__in=[Campaign.Status.SCORED, Campaign.Status.DELIVERED],
            conclusion_status=Enrolment.ConclusionStatus.DELIVERED,
            objection_due__isnull=False,
        )
        .exclude(response__status=ConclusionResponse.Status.FILED)
        .select_related("campaign", "body")
    )
    if enrolments is not None:
        windows = windows.filter(pk__in=[enrolment.pk for enrolment in enrolments])
    for enrolment in windows:
        assert enrolment.objection_due is not None
        left = working_days_between(today, enrolment.objection_due)
        terms.append(RunningTerm("objections", enrolment.campaign, enrolment.objection_due, left, enrolment=enrolment))
    if enrolments is None:
        held = Commission.objects.filter(
            status=Commission.Status.HELD, campaign__status=Campaign.Status.DELIVERED, agency_due__isnull=False
        ).select_related("campaign")
        for commission in held:
            assert commission.agency_due is not None
            left = working_days_between(today, commission.agency_due)
            terms.append(RunningTerm("agency", commission.campaign, commission.agency_due, left, commission=commission))
    return sorted(terms, key=lambda term: (term.due, term.kind))


def _recipients(term: RunningTerm) -> list[str]:
    if term.enrolment is not None:
        memberships = Membership.objects.filter(body=term.enrolment.body, role__in=[Role.OFFICER, Role.FIRST_HEAD])
    else:
        memberships = Membership.objects.filter(role=Role.ANALYST)
    return sorted(set(memberships.exclude(user__email="").values_list("user__email", flat=True)))


def _message(term: RunningTerm) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        due = term.due.strftime("%d.%m.%Y")
        if term.enrolment is not None:
            subject = _("Objections to the openness conclusion: 2 working days left")
            body = _(
                "%(body)s: objections to the openness conclusion, or a notice of agreement, are due by %(due)s "
                "(002 §109, §112). After that a filing is refused."
            ) % {"body": term.enrolment.body.name_kk, "due": due}
        else:
            subject = _("Final conclusion to the Agency: 2 working days left")
            body = _(
                "%(campaign)s: the final conclusion on the openness results is due at the Agency for civil service "
                "affairs by %(due)s, 5 working days after the special commission's meeting (002 §119)."
            ) % {"campaign": term.campaign.name, "due": due}
    return subject, body


def reminders_send(today: datetime.date) -> int:
    """Queue an e-mail to the people concerned by every term that ends in 2 working days; the task worker sends
    it after the reminder is recorded, and a reminder is recorded once."""
    from ashyq.evaluation.tasks import term_reminder_mail

    sent = 0
    for term in running_terms(today):
        if term.days_left != REMIND_DAYS_BEFORE:
            continue
        recipients = _recipients(term)
        try:
            with transaction.atomic():
                TermReminder.objects.create(key=term.key, sent_on=today)
                audit_record(
                    actor=None,
                    event=CampaignEvent.TERM_REMINDER_SENT,
                    target=term.enrolment or term.commission or term.campaign,
                    body=term.enrolment.body if term.enrolment is not None else None,
                    new={"term": term.kind, "due": term.due, "recipients": len(recipients)},
                )
        except IntegrityError:
            continue
        if recipients:
            subject, body = _message(term)
            term_reminder_mail.enqueue(subject, body, recipients)
        sent += 1
    return sent
