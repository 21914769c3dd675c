"""Applications for accreditation (004 §3–6): file, submit, review, decide, notify.

Each service is keyword-only with a required ``actor``, runs in one transaction, locks the row it moves,
refuses a wrong state with ``InvalidTransition`` and a wrong person with ``PermissionDenied``, and writes
an audit event; the notification runs after commit as a task.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.orgs.models import Body
from ashyq.registry import deadlines
from ashyq.registry.models import Attachment, ChannelApplication, Criterion, CriterionFinding
from ashyq.registry.services.channels import channel_enter
from ashyq.registry.services.common import attachments_add, authorized_body, require_officer_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Status = ChannelApplication.Status

# Annex 1 as the applicant fills it (addressee and sender are set by Ashyq).
APPLICATION_FIELDS = (
    "name_kk",
    "name_ru",
    "instruction",
    "regulating_act",
    "purpose_kk",
    "purpose_ru",
    "coverage",
    "interaction_format",
    "resources",
    "justification",
    "other_information",
    "signer_name",
    "signer_position",
)
DECISION_FIELDS = ["status", "decided_on", "notification_due", "refusal_reasons"]


def _lock(application: ChannelApplication) -> ChannelApplication:
    return ChannelApplication.objects.select_for_update().select_related("body").get(pk=application.pk)


@transaction.atomic
def channel_application_create(
    *, body: Body, data: Mapping[str, Any], uploads: list[UploadedFile], actor: User
) -> ChannelApplication:
    """A draft Annex 1 application of ``body`` (004 §3); nothing is saved when a field or file is bad."""
    require_officer_of(actor, body)
    application = ChannelApplication(body=body, addressee=authorized_body(), filed_by=actor)
    for name in APPLICATION_FIELDS:
        setattr(application, name, data.get(name, ""))
    application.full_clean()
    application.save()
    attachments_add(uploads=uploads, actor=actor, application=application)
    audit_record(
        actor=actor,
        event="registry.application.created",
        target=application,
        body=body,
        new=snapshot(application, list(APPLICATION_FIELDS)),
    )
    return application


@transaction.atomic
def channel_application_update(
    *, application: ChannelApplication, data: Mapping[str, Any], uploads: list[UploadedFile], actor: User
) -> ChannelApplication:
    """Change a draft; a submitted application is frozen."""
    application = _lock(application)
    require_officer_of(actor, application.body)
    if not application.can_edit():
        raise InvalidTransition(_("A submitted application can no longer be changed."))
    old = snapshot(application, list(APPLICATION_FIELDS))
    for name in APPLICATION_FIELDS:
        setattr(application, name, data.get(name, ""))
    application.full_clean()
    changed = [name for name in APPLICATION_FIELDS if old[name] != getattr(application, name)]
    if changed:
        application.save(update_fields=[*changed, "updated_at"])
    attachments_add(uploads=uploads, actor=actor, application=application)
    if changed or uploads:
        audit_record(
            actor=actor,
            event="registry.application.updated",
            target=application,
            body=application.body,
            old={name: old[name] for name in changed},
            new={**snapshot(application, changed), "attachments_added": [upload.name for upload in uploads]},
        )
    return application


@transaction.atomic
def channel_application_attachment_remove(*, attachment: Attachment, actor: User) -> ChannelApplication:
    """Take a wrongly attached file off a draft; the file leaves storage only once the removal commits."""
    if attachment.application is None:
        raise InvalidTransition(_("This file is not attached to an application."))
    application = _lock(attachment.application)
    require_officer_of(actor, application.body)
    if not application.can_edit():
        raise InvalidTransition(_("A submitted application can no longer be changed."))
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
    audit_record(
        actor=actor,
        event="registry.application.attachment_removed",
        target=application,
        body=application.body,
        old={"attachment": attachment.original_name},
    )
    return application


@transaction.atomic
def channel_application_submit(*, application: ChannelApplication, actor: User) -> ChannelApplication:
    """Send the draft to the authorized body: the day of receipt starts the 8 working days (004 §3, §5)."""
    application = _lock(application)
    require_officer_of(actor, application.body)
    if not application.can_submit():
        raise InvalidTransition(_("Only a draft can be submitted."))
    application.full_clean()
    application.status = Status.SUBMITTED
    application.received_on = deadlines.today()
    application.decision_due = deadlines.decision_due(application.received_on)
    application.save(update_fields=["status", "received_on", "decision_due", "updated_at"])
    audit_record(
        actor=actor,
        event="registry.application.submitted",
        target=application,
        body=application.body,
        old={"status": Status.DRAFT},
        new=snapshot(application, ["status", "received_on", "decision_due"]),
    )
    return application


@transaction.atomic
def channel_application_review_start(*, application: ChannelApplication, actor: User) -> ChannelApplication:
    """An analyst takes a submitted application into review (004 §4)."""
    require_analyst(actor)
    application = _lock(application)
    if not application.can_start_review():
        raise InvalidTransition(_("Only a submitted application can be taken into review."))
    application.status = Status.UNDER_REVIEW
    application.reviewer = actor
    application.save(update_fields=["status", "reviewer", "updated_at"])
    audit_record(
        actor=actor,
        event="registry.application.review_started",
        target=application,
        body=application.body,
        old={"status": Status.SUBMITTED},
        new={"status": application.status, "reviewer": actor.pk},
    )
    return application


def _check_decision(decision: str, findings: Mapping[str, tuple[bool, str]], reasons: str) -> None:
    """004 §4: all three criteria are assessed with reasoning; accreditation needs all of them met (ADR 0011)."""
    errors: dict[str, list[str]] = {}
    for criterion in Criterion:
        met, reasoning = findings.get(criterion, (None, ""))
        if met is None or not reasoning.strip():
            errors[criterion.value] = [_("Record a finding and its reasoning on this criterion.")]
    if decision == Status.ACCREDITED and any(met is False for met, _text in findings.values()):
        errors["decision"] = [_("A channel can be accredited only when all three criteria are met.")]
    if decision == Status.REFUSED and not reasons.strip():
        errors["refusal_reasons"] = [_("State the reasons for the refusal.")]
    if decision not in (Status.ACCREDITED, Status.REFUSED):
        errors["decision"] = [_("Choose to accredit or to refuse.")]
    if errors:
        raise ValidationError(errors)


def _record_findings(
    application: ChannelApplication, findings: Mapping[str, tuple[bool, str]], actor: User
) -> dict[str, Any]:
    application.findings.all().delete()
    CriterionFinding.objects.bulk_create(
        CriterionFinding(
            application=application, criterion=criterion, met=findings[criterion][0],
            reasoning=findings[criterion][1].strip(), recorded_by=actor,
        )
        for criterion in Criterion
    )  # fmt: skip
    return {
        criterion.value: {"met": findings[criterion][0], "reasoning": findings[criterion][1]} for criterion in Criterion
    }


@transaction.atomic
def channel_application_decide(
    *,
    application: ChannelApplication,
    decision: str,
    findings: Mapping[str, tuple[bool, str]],
    reasons: str = "",
    actor: User,
) -> ChannelApplication:
    """Accredit (the channel enters the registry) or refuse (004 §5); the applicant is notified after commit (§6).

    A decision on an application that is not under review — including a second decision — is refused.
    """
    require_analyst(actor)
    application = _lock(application)
    if not application.can_decide():
        raise InvalidTransition(_("Only an application under review can be decided, and only once."))
    _check_decision(decision, findings, reasons)
    recorded = _record_findings(application, findings, actor)
    old = snapshot(application, DECISION_FIELDS)
    application.status = decision
    application.decided_on = deadlines.today()
    application.notification_due = deadlines.notification_due(application.decided_on)
    application.refusal_reasons = reasons.strip() if decision == Status.REFUSED else ""
    application.save(update_fields=[*DECISION_FIELDS, "updated_at"])
    channel = channel_enter(application=application, actor=actor) if decision == Status.ACCREDITED else None
    audit_record(
        actor=actor,
        event=f"registry.application.{decision}",
        target=application,
        body=application.body,
        old=old,
        new={
            **snapshot(application, DECISION_FIELDS),
            "findings": recorded,
            "channel_number": channel.number if channel else None,
        },
    )
    from ashyq.registry.tasks import notify_applicant

    transaction.on_commit(lambda: notify_applicant.enqueue(application.pk))
    return application
