"""The conclusion's workflow (002 Annex 8, §109; issue 14 item 7): the head of the authorized body approves
it, the analyst records its delivery with the date of receipt, and the body's officer and first head are
e-mailed. The 5-working-day objection term starts the day after receipt (SPEC §7).

The document itself (PDF/DOCX, kk/ru) is laid out by :mod:`ashyq.evaluation.conclusion` from the campaign's
facts (:mod:`ashyq.evaluation.conclusions_read`) and made by the task worker on request
(:class:`~ashyq.evaluation.models.ConclusionDocument`); the file is kept until the conclusion changes. The
delivery e-mail carries it in both languages.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.calendar import add_working_days
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import has_role, is_authorized_staff, require_analyst
from ashyq.evaluation.conclusion_documents import CONCLUSION_FORMATS, conclusion_file
from ashyq.evaluation.conclusions_read import (
    campaign_stamp,
    conclusion_fingerprint,
    enrolment_conclusion,
    enrolment_score,
)
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, ConclusionDocument, Enrolment
from ashyq.evaluation.services.reports import lock_enrolment
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

logger = logging.getLogger(__name__)

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


# ------------------------------------------------------------------------- the documents, made by the worker


def can_see_conclusion(user: AnyUser, enrolment: Enrolment) -> bool:
    """The authorized body's staff once the body is scored, the body's own people once it is delivered (the
    enrolment has already been read through the body scope)."""
    if enrolment.final is None:
        return False
    return is_authorized_staff(user) or enrolment.conclusion_status == Enrolment.ConclusionStatus.DELIVERED


def current_document(enrolment: Enrolment, language: str, file_format: str) -> ConclusionDocument | None:
    """The body's document in this language and format if one is kept or being made for the conclusion as it
    stands now."""
    return ConclusionDocument.objects.filter(
        enrolment=enrolment,
        language=language,
        file_format=file_format,
        fingerprint=conclusion_fingerprint(enrolment),
    ).first()


def conclusion_document_request(
    *, enrolment: Enrolment, language: str, file_format: str, actor: AnyUser
) -> ConclusionDocument:
    """Queue the making of the body's conclusion in a language and format, unless the document kept or being
    made is already the conclusion's current one (or a stopped one is made again)."""
    from ashyq.evaluation.tasks import conclusion_document_make as make_task

    if language not in {"kk", "ru"} or file_format not in CONCLUSION_FORMATS:
        raise ValidationError(_("The conclusion is made in Kazakh or Russian, as PDF or DOCX."))
    if not can_see_conclusion(actor, enrolment):
        raise PermissionDenied(_("The conclusion is not available to you yet."))
    fingerprint = conclusion_fingerprint(enrolment)
    with transaction.atomic():
        document, created = ConclusionDocument.objects.select_for_update().get_or_create(
            enrolment=enrolment,
            language=language,
            file_format=file_format,
            defaults={"fingerprint": fingerprint, "requested_by": actor},
        )
        if not created and document.fingerprint == fingerprint and document.status != document.Status.FAILED:
            return document
        old_file = document.file.name
        document.status, document.fingerprint, document.file = document.Status.QUEUED, fingerprint, ""
        document.requested_by = actor  # type: ignore[assignment]
        document.save()
        if old_file:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
        pk = document.pk
        transaction.on_commit(lambda: make_task.enqueue(pk))
    return document


def conclusion_document_make(*, document_id: int) -> ConclusionDocument:
    """Make a queued document (in the task worker) and keep its file; a document asked for again while it was
    being made (the conclusion changed) is made by the newer task, and this one's file is dropped."""
    with transaction.atomic():
        document = ConclusionDocument.objects.select_for_update().get(pk=document_id)
        if document.status != document.Status.QUEUED:
            return document
        document.status = document.Status.RUNNING
        document.save(update_fields=["status", "updated_at"])
    enrolment = Enrolment.objects.select_related("campaign__methodology", "body", "conclusion_approved_by").get(
        pk=document.enrolment_id
    )
    stamp = campaign_stamp(enrolment.campaign)
    try:
        conclusion = enrolment_conclusion(enrolment, document.language, enrolment_score(enrolment, stamp))  # type: ignore[arg-type]
        content, filename = conclusion_file(conclusion, document.file_format)  # type: ignore[arg-type]
    except Exception:
        ConclusionDocument.objects.filter(pk=document.pk, status=document.Status.RUNNING).update(
            status=document.Status.FAILED, updated_at=timezone.now()
        )
        logger.exception("The conclusion document %s could not be made.", document.pk)
        raise
    document.file.save(filename, ContentFile(content), save=False)
    kept = ConclusionDocument.objects.filter(pk=document.pk, status=document.Status.RUNNING).update(
        status=document.Status.DONE,
        file=document.file.name,
        fingerprint=conclusion_fingerprint(enrolment, stamp),
        updated_at=timezone.now(),
    )
    if not kept:
        document.file.delete(save=False)
    document.refresh_from_db()
    return document


def conclusion_document_worker_lost(document_id: int, *, last_attempt: bool) -> bool:
    """The worker making this document died (ADR 0045): nothing of it was kept, so it is made again, or, on the
    last attempt, it stops and its page offers to make it again. Returns whether the task runs again."""
    document = (
        ConclusionDocument.objects.select_for_update().select_related("enrolment__body").filter(pk=document_id).first()
    )
    if document is None or document.finished:
        return False
    old = {"status": document.status}
    document.status = document.Status.FAILED if last_attempt else document.Status.QUEUED
    document.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=None,
        event=CampaignEvent.WORK_STOPPED if last_attempt else CampaignEvent.WORK_RETRIED,
        target=document,
        body=document.enrolment.body,
        old=old,
        new={"status": document.status},
    )
    return not last_attempt
