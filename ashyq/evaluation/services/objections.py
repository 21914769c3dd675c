"""The body's answer to its conclusion: agreement or objections, within 5 working days (002 §109, §112).

The term is the enrolment's ``objection_due`` set at delivery (the 5th working day after the day of receipt,
SPEC §7). A filing after it is refused unless an analyst accepted it with a reason; a body that sent nothing
by then is marked "no objections received in term" by :func:`responses_close_passed_terms`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import gather
from ashyq.evaluation.models import (
    Campaign,
    ConclusionResponse,
    DisagreementRow,
    Enrolment,
    IndicatorPoints,
    ObjectionDocument,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.reports import enrolment_slot, lock_enrolment
from ashyq.evaluation.services.verification import require_unmarked
from ashyq.evaluation.values import value_clean
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.core.files.uploadedfile import UploadedFile

    AnyUser = User | AnonymousUser

MAX_TEXT = 5000


def _require_own_body(enrolment: Enrolment, actor: AnyUser) -> None:
    """Only the body's own officer or first head answers its conclusion (issue 10 item 7)."""
    if enrolment.body_id not in body_ids_for(actor, (Role.OFFICER, Role.FIRST_HEAD)):
        raise PermissionDenied(_("Only the assessed body's officer or first head answers its conclusion."))


def _require_delivered(enrolment: Enrolment) -> None:
    if enrolment.conclusion_status != Enrolment.ConclusionStatus.DELIVERED or enrolment.objection_due is None:
        raise InvalidTransition(_("The conclusion has not been delivered to the body yet."))
    if enrolment.campaign.status == Campaign.Status.SENT:
        raise InvalidTransition(_("The campaign's results were sent to the Agency; they can no longer be disputed."))


def in_term(enrolment: Enrolment, response: ConclusionResponse | None, today: datetime.date) -> bool:
    """The body may still answer: within the 5 working days (§109, §112), or after them once accepted late."""
    if enrolment.objection_due is None:
        return False
    return today <= enrolment.objection_due or (response is not None and bool(response.late_reason))


def _require_in_term(enrolment: Enrolment, response: ConclusionResponse | None, today: datetime.date) -> None:
    assert enrolment.objection_due is not None
    if not in_term(enrolment, response, today):
        raise InvalidTransition(
            _(
                "The term for objections or a notice of agreement ended on %(due)s (5 working days after the "
                "conclusion was received, 002 §109, §112). Ask the authorized body's analyst to accept a late filing."
            )
            % {"due": enrolment.objection_due.strftime("%d.%m.%Y")}
        )


def _locked_response(enrolment: Enrolment) -> ConclusionResponse | None:
    return ConclusionResponse.objects.select_for_update().filter(enrolment=enrolment).first()


def response_agree(*, enrolment: Enrolment, actor: AnyUser) -> ConclusionResponse:
    """The body's notice that it agrees with its conclusion (002 §112)."""
    _require_own_body(enrolment, actor)
    today = timezone.localdate()
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _require_delivered(enrolment)
        response = _locked_response(enrolment)
        if response is not None and (response.filed or response.rows.exists()):
            raise InvalidTransition(_("The body has already answered, or is preparing objections."))
        _require_in_term(enrolment, response, today)
        if response is None:
            response = ConclusionResponse(enrolment=enrolment)
        response.kind, response.status = ConclusionResponse.Kind.AGREEMENT, ConclusionResponse.Status.FILED
        response.filed_on, response.filed_by = today, actor  # type: ignore[assignment]
        response.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.AGREEMENT_SENT,
            target=response,
            body=enrolment.body,
            new={"kind": response.kind, "filed_on": today},
        )
    return response


def _draft(enrolment: Enrolment, actor: AnyUser) -> ConclusionResponse:
    """The body's objections being prepared, created on the first row."""
    response = _locked_response(enrolment)
    if response is None:
        return ConclusionResponse.objects.create(
            enrolment=enrolment, kind=ConclusionResponse.Kind.OBJECTION, status=ConclusionResponse.Status.DRAFT
        )
    if not response.can_edit():
        raise InvalidTransition(_("The objections were sent, or the body agreed; the table can no longer change."))
    return response


def slot_points(enrolment: Enrolment) -> dict[tuple[str, str], Decimal]:
    """The conclusion's points per indicator and language of its slots (a common slot: both languages)."""
    points: dict[tuple[str, str], Decimal] = {}
    for row in IndicatorPoints.objects.filter(enrolment=enrolment).only("indicator", "points_kk", "points_ru"):
        kk, ru = row.points_kk or Decimal(0), row.points_ru or Decimal(0)
        points[(row.indicator, "kk")], points[(row.indicator, "ru")], points[(row.indicator, "")] = kk, ru, kk + ru
    return points


def assessed(enrolment: Enrolment, indicator: str, language: str) -> tuple[dict[str, Any], Decimal]:
    """The conclusion's figure for an indicator and language: the value scored and its points."""
    (body,) = gather(enrolment.campaign, [enrolment])
    value = dict(body.values.get((indicator, language), {}))
    return value, slot_points(enrolment).get((indicator, language), Decimal(0))


def objection_row_save(
    *,
    enrolment: Enrolment,
    indicator: str,
    language: str,
    claimed: Mapping[str, Any],
    justification: str,
    actor: AnyUser,
) -> DisagreementRow:
    """Add or change one row of the disagreement table (002 §109, Annex 14): the assessed figure is copied
    from the conclusion, the body's figure is checked like a report value."""
    _require_own_body(enrolment, actor)
    justification = justification.strip()
    if not justification:
        raise ValidationError({"justification": _("Say why the assessed figure is wrong.")})
    if len(justification) > MAX_TEXT:
        raise ValidationError({"justification": _("Keep the justification under 5,000 characters.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _require_delivered(enrolment)
        _require_in_term(enrolment, _locked_response(enrolment), timezone.localdate())
        slot = enrolment_slot(enrolment, indicator, language)
        value = value_clean(slot, claimed, pinned_version(enrolment.campaign.methodology))
        response = _draft(enrolment, actor)
        assessed_value, assessed_points = assessed(enrolment, indicator, language)
        if value == assessed_value:
            raise ValidationError({"claimed": _("The body's figure is the same as the assessed one.")})
        row, _created = DisagreementRow.objects.update_or_create(
            response=response,
            indicator=indicator,
            language=language,
            defaults={
                "assessed_value": assessed_value,
                "assessed_points": assessed_points,
                "claimed_value": value,
                "justification": justification,
            },
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.OBJECTION_ROW_SAVED,
            target=row,
            body=enrolment.body,
            new={"indicator": indicator, "language": language, "assessed": assessed_value, "claimed": value},
        )
    return row


def objection_row_remove(*, row: DisagreementRow, actor: AnyUser) -> None:
    """Take a row out of the table while the objections are being prepared."""
    enrolment = row.response.enrolment
    _require_own_body(enrolment, actor)
    with transaction.atomic():
        response = _locked_response(lock_enrolment(enrolment))
        if response is None or not response.can_edit():
            raise InvalidTransition(_("The objections were sent; the table can no longer change."))
        audit_record(
            actor=actor,
            event=CampaignEvent.OBJECTION_ROW_REMOVED,
            target=row,
            body=enrolment.body,
            old={"indicator": row.indicator, "language": row.language, "claimed": row.claimed_value},
        )
        row.delete()


def objection_document_add(
    *, enrolment: Enrolment, file: UploadedFile, marking: str, actor: AnyUser
) -> ObjectionDocument:
    """A confirming document (002 §109); secret or "restricted distribution" documents are refused (§16)."""
    _require_own_body(enrolment, actor)
    require_unmarked(marking)
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _require_delivered(enrolment)
        response = _draft(enrolment, actor)
        document = ObjectionDocument.objects.create(  # type: ignore[misc]
            response=response, file=file, file_name=file.name or "document", uploaded_by=actor
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.OBJECTION_DOCUMENT_ADDED,
            target=document,
            body=enrolment.body,
            new={"file_name": document.file_name},
        )
    return document


def objection_file(*, enrolment: Enrolment, actor: AnyUser) -> ConclusionResponse:
    """Send the objections with their table (002 §109); refused after the term unless accepted late."""
    _require_own_body(enrolment, actor)
    today = timezone.localdate()
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _require_delivered(enrolment)
        response = _locked_response(enrolment)
        if response is None or not response.can_edit():
            raise InvalidTransition(_("There are no objections being prepared to send."))
        _require_in_term(enrolment, response, today)
        if not response.rows.exists():
            raise ValidationError(_("Add at least one row to the disagreement table before sending the objections."))
        response.status, response.filed_on, response.filed_by = ConclusionResponse.Status.FILED, today, actor  # type: ignore[assignment]
        response.save(update_fields=["status", "filed_on", "filed_by", "updated_at"])
        audit_record(
            actor=actor,
            event=CampaignEvent.OBJECTIONS_FILED,
            target=response,
            body=enrolment.body,
            new={"filed_on": today, "rows": response.rows.count(), "late": bool(response.late_reason)},
        )
    return response


def objection_accept_late(*, enrolment: Enrolment, reason: str, actor: AnyUser) -> ConclusionResponse:
    """An analyst accepts objections filed after the term, with a reason (issue 10 item 1)."""
    require_analyst(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason why the late objections are accepted.")})
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": _("Keep the reason under 5,000 characters.")})
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _require_delivered(enrolment)
        response = _locked_response(enrolment)
        if response is not None and response.filed and response.kind != ConclusionResponse.Kind.NONE_IN_TERM:
            raise InvalidTransition(_("The body's answer was sent in term; there is nothing to accept."))
        old = None if response is None else {"kind": response.kind, "status": response.status}
        if response is None:
            response = ConclusionResponse(enrolment=enrolment)
        response.kind, response.status = ConclusionResponse.Kind.OBJECTION, ConclusionResponse.Status.DRAFT
        response.filed_on = None
        response.late_reason, response.late_accepted_by = reason, actor  # type: ignore[assignment]
        response.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.LATE_OBJECTIONS_ACCEPTED,
            target=response,
            body=enrolment.body,
            old=old,
            new={"reason": reason},
        )
    return response


def responses_close_passed_terms(*, campaign: Campaign, today: datetime.date) -> int:
    """Mark every body whose term passed with neither objections nor agreement (issue 10 item 1).

    Objections still being prepared when the term ended are kept, so that an accepted late filing can send
    them. Returns the number of bodies marked; running it twice marks nobody twice.
    """
    marked = 0
    enrolments = campaign.enrolments.filter(
        conclusion_status=Enrolment.ConclusionStatus.DELIVERED, objection_due__lt=today
    ).select_related("body")
    for enrolment in enrolments:
        with transaction.atomic():
            enrolment = lock_enrolment(enrolment)
            response = _locked_response(enrolment)
            if response is not None and (response.filed or response.late_reason):
                continue
            if response is None:
                response = ConclusionResponse(enrolment=enrolment)
            response.kind, response.status = ConclusionResponse.Kind.NONE_IN_TERM, ConclusionResponse.Status.FILED
            response.save()
            audit_record(
                actor=None,
                event=CampaignEvent.NO_OBJECTIONS_IN_TERM,
                target=response,
                body=enrolment.body,
                new={"objection_due": enrolment.objection_due},
            )
            marked += 1
    return marked
