"""Verification (002 §16; issue 14 item 4): the analyst's finding per indicator and language, and the
requests for confirming documents the body answers with files."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import DocumentRequest, Enrolment, ReportFact, RequestedDocument, Verification
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.reports import enrolment_slot, lock_enrolment
from ashyq.evaluation.values import value_clean
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

MAX_REASON = 4000


def verification_record(
    *,
    enrolment: Enrolment,
    indicator: str,
    language: str,
    raw: Mapping[str, Any],
    reason: str,
    actor: AnyUser,
) -> Verification:
    """Record the analyst's value; a reason is required where it differs from the body's claim, and an
    override of a computed term always needs one (who, when, old → new audited)."""
    require_analyst(actor)
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("Keep the reason under 4,000 characters.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if not enrolment.campaign.can_verify():
            raise InvalidTransition(_("The campaign's conclusions were delivered; its facts are frozen."))
        slot = enrolment_slot(enrolment, indicator, language)
        value = value_clean(slot, raw, pinned_version(enrolment.campaign.methodology))
        claim = ReportFact.objects.filter(enrolment=enrolment, indicator=indicator, language=language).first()
        if (claim is None or claim.value != value) and not reason:
            raise ValidationError({"reason": _("Give the reason why the finding differs from the body's report.")})
        verification = Verification.objects.filter(enrolment=enrolment, indicator=indicator, language=language).first()
        old = None if verification is None else {"value": verification.value, "reason": verification.reason}
        if verification is None:
            verification = Verification(enrolment=enrolment, indicator=indicator, language=language)
        verification.value, verification.reason, verification.verified_by = value, reason, actor  # type: ignore[assignment]
        verification.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.VERIFIED,
            target=verification,
            body=enrolment.body,
            old=old,
            new={"indicator": indicator, "language": language, "value": value, "reason": reason},
        )
    return verification


def request_create(
    *, enrolment: Enrolment, indicator: str, language: str, text: str, due_on: datetime.date, actor: AnyUser
) -> DocumentRequest:
    """Request electronic copies of confirming documents (002 §16), never secret or restricted ones."""
    require_analyst(actor)
    if not text.strip():
        raise ValidationError({"text": _("Say which documents are requested.")})
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("The due date must be after today.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if not enrolment.campaign.can_verify():
            raise InvalidTransition(_("Documents are requested while the reports are verified."))
        request = DocumentRequest.objects.create(  # type: ignore[misc]
            enrolment=enrolment,
            indicator=indicator,
            language=language,
            text=text.strip(),
            due_on=due_on,
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.DOCUMENTS_REQUESTED,
            target=request,
            body=enrolment.body,
            new={"indicator": indicator, "language": language, "due_on": due_on},
        )
    return request


class Marking:
    """What the uploader declares the document is marked (002 §16)."""

    NONE = "none"
    SECRET = "secret"  # noqa: S105 - a marking, not a password
    RESTRICTED = "restricted"
    CHOICES = (NONE, SECRET, RESTRICTED)


def require_unmarked(marking: str) -> None:
    """A document sent to the assessing body carries no secrecy marking (002 §16): refused with the reason."""
    if marking not in Marking.CHOICES:
        raise ValidationError({"marking": _("Say whether the document carries a secrecy marking.")})
    if marking != Marking.NONE:
        raise ValidationError(
            {
                "marking": _(
                    "Documents marked secret or “restricted distribution” are never sent to the assessing body "
                    "(002 §16). Send a document without such a marking, or explain in the answer why none exists."
                )
            }
        )


def _require_body_officer(request: DocumentRequest, actor: AnyUser) -> None:
    if request.enrolment.body_id not in body_ids_for(actor, (Role.OFFICER, Role.FIRST_HEAD)):
        raise PermissionDenied(_("Only the requested body answers its requests."))


def document_upload(*, request: DocumentRequest, file: UploadedFile, marking: str, actor: AnyUser) -> RequestedDocument:
    """The body answers with a file; a document marked secret or "restricted distribution" is refused."""
    _require_body_officer(request, actor)
    require_unmarked(marking)
    with transaction.atomic():
        request = DocumentRequest.objects.select_for_update().select_related("enrolment__body").get(pk=request.pk)
        if not request.can_answer():
            raise InvalidTransition(_("This request was already answered."))
        document = RequestedDocument.objects.create(  # type: ignore[misc]
            request=request, file=file, file_name=file.name or "document", uploaded_by=actor
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.DOCUMENT_UPLOADED,
            target=document,
            body=request.enrolment.body,
            new={"request": request.pk, "file_name": document.file_name},
        )
    return document


def request_answer(*, request: DocumentRequest, actor: AnyUser) -> DocumentRequest:
    """The body sends its answer once at least one document is uploaded."""
    _require_body_officer(request, actor)
    with transaction.atomic():
        request = DocumentRequest.objects.select_for_update().select_related("enrolment__body").get(pk=request.pk)
        if not request.can_answer():
            raise InvalidTransition(_("This request was already answered."))
        if not request.documents.exists():
            raise ValidationError(_("Upload at least one document before sending the answer."))
        request.answered_at = timezone.now()
        request.save(update_fields=["answered_at", "updated_at"])
        audit_record(
            actor=actor,
            event=CampaignEvent.REQUEST_ANSWERED,
            target=request,
            body=request.enrolment.body,
            new={"answered_at": request.answered_at},
        )
    return request
