"""The conclusion's workflow (002 Annex 8, §109; issue 14 item 7): the head of the authorized body approves
it, the analyst records its delivery with the date of receipt, and the body's officer and first head are
e-mailed. The 5-working-day objection term starts the day after receipt (SPEC §7).

The document itself (PDF/DOCX, kk/ru) is laid out by :mod:`ashyq.evaluation.conclusion` from the campaign's
facts (:mod:`ashyq.evaluation.conclusions_read`); the delivery e-mail carries it in both languages.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.calendar import add_working_days
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import has_role, require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.services.reports import lock_enrolment
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

OBJECTION_TERM_KEY = "objection_working_days"
MAX_RECOMMENDATIONS = 20000


def conclusion_approve(*, enrolment: Enrolment, actor: AnyUser) -> Enrolment:
    """The head of the authorized body approves a scored body's conclusion."""
    if not has_role(actor, {Role.AUTHORIZED_HEAD}):
        raise PermissionDenied(_("Only the head of the authorized body approves conclusions."))
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if enrolment.campaign.status != Campaign.Status.SCORED or not enrolment.can_approve_conclusion():
            raise InvalidTransition(_("A conclusion is approved once the campaign is scored, and only once."))
        enrolment.conclusion_status = Enrolment.ConclusionStatus.APPROVED
        enrolment.conclusion_approved_at, enrolment.conclusion_approved_by = timezone.now(), actor  # type: ignore[assignment]
        enrolment.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.CONCLUSION_APPROVED,
            target=enrolment,
            body=enrolment.body,
            old={"conclusion": Enrolment.ConclusionStatus.NONE},
            new={"conclusion": enrolment.conclusion_status, "final": enrolment.final},
        )
    return enrolment


def conclusion_deliver(*, enrolment: Enrolment, received_on: datetime.date, actor: AnyUser) -> Enrolment:
    """Record the date the body received its conclusion; objections are due 5 working days later (§109)."""
    from ashyq.evaluation.tasks import conclusion_delivered_mail

    require_analyst(actor)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date of receipt cannot be in the future.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if not enrolment.can_deliver_conclusion():
            raise InvalidTransition(_("A conclusion is delivered once approved, and only once."))
        days = int(enrolment.campaign.methodology.terms.get(OBJECTION_TERM_KEY, 5))
        enrolment.conclusion_status = Enrolment.ConclusionStatus.DELIVERED
        enrolment.conclusion_received_on = received_on
        enrolment.objection_due = add_working_days(received_on, days)
        enrolment.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.CONCLUSION_DELIVERED,
            target=enrolment,
            body=enrolment.body,
            old={"conclusion": Enrolment.ConclusionStatus.APPROVED},
            new={
                "conclusion": enrolment.conclusion_status,
                "received_on": received_on,
                "objection_due": enrolment.objection_due,
            },
        )
        pk = enrolment.pk
        transaction.on_commit(lambda: conclusion_delivered_mail.enqueue(pk))
    return enrolment


def conclusion_recommendations_save(*, enrolment: Enrolment, kk: str, ru: str, actor: AnyUser) -> Enrolment:
    """The analyst's conclusions and recommendations in both languages (002 Annex 8), before the head approves;
    a language left blank is prefilled from the lost points when the document is made."""
    require_analyst(actor)
    texts = {"kk": kk.strip(), "ru": ru.strip()}
    for language, text in texts.items():
        if len(text) > MAX_RECOMMENDATIONS:
            raise ValidationError({language: _("Keep the text under 20,000 characters.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if enrolment.conclusion_status != Enrolment.ConclusionStatus.NONE or enrolment.final is None:
            raise InvalidTransition(_("Recommendations are written once the body is scored and until approval."))
        old = {"kk": enrolment.recommendations_kk, "ru": enrolment.recommendations_ru}
        enrolment.recommendations_kk, enrolment.recommendations_ru = texts["kk"], texts["ru"]
        enrolment.save(update_fields=["recommendations_kk", "recommendations_ru", "updated_at"])
        audit_record(
            actor=actor,
            event=CampaignEvent.RECOMMENDATIONS_SAVED,
            target=enrolment,
            body=enrolment.body,
            old=old,
            new=texts,
        )
    return enrolment
