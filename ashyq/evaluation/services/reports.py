"""The body's Annex 9 report (issue 14 item 2): facts and evidence per indicator and language, submission
by the officer, sign-off by the first head."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, require_analyst, require_body_access
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import Slot, required_slots
from ashyq.evaluation.models import Enrolment, Evidence, ReportFact, Source
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.values import value_clean
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def lock_enrolment(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().select_related("campaign", "body").get(pk=enrolment.pk)


def enrolment_slot(enrolment: Enrolment, indicator: str, language: str) -> Slot:
    """The slot of the body's report, or ``ValidationError`` if the body does not report it."""
    version = pinned_version(enrolment.campaign.methodology)
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        if slot.indicator == indicator and slot.language == language:
            return slot
    raise ValidationError(_("This body does not report this indicator in this language."))


def _require_writer(enrolment: Enrolment, actor: AnyUser | None, source: str) -> None:
    """The body's report is written by its officer; imports and prefills by an analyst or the task worker."""
    if source == Source.REPORT:
        if actor is None or enrolment.body_id not in body_ids_for(actor, (Role.OFFICER,)):
            raise PermissionDenied(_("Only the body's officer fills in its report."))
    elif actor is not None:
        require_analyst(actor)


def require_editable(enrolment: Enrolment) -> None:
    """The body's report can be changed: the campaign collects reports and this one is being filled in."""
    if not enrolment.campaign.can_edit_reports():
        raise InvalidTransition(_("Reports are filled in while the campaign collects them."))
    if not enrolment.can_edit_report():
        raise InvalidTransition(_("The report was submitted; the first head may return it for changes."))


def fact_record(
    *,
    enrolment: Enrolment,
    indicator: str,
    language: str,
    raw: Mapping[str, Any],
    actor: AnyUser | None,
    source: str = Source.REPORT,
    source_file: str = "",
    source_row: int | None = None,
) -> ReportFact:
    """Store the body's value of one indicator and language (old → new audited).

    The body's officer writes its own report while it is being filled in; an import or a prefill writes
    with its provenance (actor None for the task worker).
    """
    _require_writer(enrolment, actor, source)
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if source == Source.REPORT:
            require_editable(enrolment)
        elif enrolment.campaign.frozen:
            raise InvalidTransition(_("The campaign's conclusions were delivered; its facts are frozen."))
        slot = enrolment_slot(enrolment, indicator, language)
        value = value_clean(slot, raw, pinned_version(enrolment.campaign.methodology))
        fact = ReportFact.objects.filter(enrolment=enrolment, indicator=indicator, language=language).first()
        old = None if fact is None else {"value": fact.value, "source": fact.source}
        if fact is None:
            fact = ReportFact(enrolment=enrolment, indicator=indicator, language=language)
        elif fact.source == Source.REPORT and source == Source.PREFILL:
            return fact  # a prefill never overwrites what the officer typed
        fact.value, fact.source, fact.source_file, fact.source_row = value, source, source_file, source_row
        fact.changed_by = actor if actor is not None and actor.is_authenticated else None
        fact.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.FACT_RECORDED,
            target=fact,
            body=enrolment.body,
            old=old,
            new={"indicator": indicator, "language": language, "value": value, "source": source},
        )
    return fact


EVIDENCE_FIELDS = (
    "title",
    "url",
    "published_on",
    "reference_date",
    "count",
    "category",
    "incoming_number",
    "incoming_date",
    "outgoing_number",
    "outgoing_date",
)


def evidence_add(
    *,
    enrolment: Enrolment,
    indicator: str,
    language: str,
    kind: str,
    fields: Mapping[str, Any],
    actor: AnyUser | None,
    source: str = Source.REPORT,
    source_file: str = "",
    source_row: int | None = None,
) -> Evidence:
    """Add a line of evidence (a link with its date, a document, an event, a media request…)."""
    _require_writer(enrolment, actor, source)
    unknown = set(fields) - set(EVIDENCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown evidence fields: {sorted(unknown)}")
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if source == Source.REPORT:
            require_editable(enrolment)
        version = pinned_version(enrolment.campaign.methodology)
        if indicator not in version.indicators:
            raise ValidationError(_("Unknown indicator."))
        evidence = Evidence(
            enrolment=enrolment,
            indicator=indicator,
            language=language,
            kind=kind,
            source=source,
            source_file=source_file,
            source_row=source_row,
            **fields,
        )
        evidence.full_clean(exclude=["enrolment"])
        evidence.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.EVIDENCE_ADDED,
            target=evidence,
            body=enrolment.body,
            new={"indicator": indicator, "language": language, "kind": kind, **fields},
        )
    return evidence


def evidence_remove(*, evidence: Evidence, actor: AnyUser) -> None:
    """Remove a line of evidence from a report being filled in."""
    enrolment = evidence.enrolment
    require_body_access(actor, enrolment.body)
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        require_editable(enrolment)
        audit_record(
            actor=actor,
            event=CampaignEvent.EVIDENCE_REMOVED,
            target=evidence,
            body=enrolment.body,
            old={"indicator": evidence.indicator, "language": evidence.language, "title": evidence.title},
        )
        evidence.delete()


def _report_transition(enrolment: Enrolment, allowed: bool, status: str, event: CampaignEvent, actor: AnyUser) -> None:
    if not allowed:
        raise InvalidTransition(
            _("The report is %(status)s; this step is not possible now.")
            % {"status": enrolment.get_report_status_display()}
        )
    old = enrolment.report_status
    enrolment.report_status = status
    enrolment.save()
    audit_record(
        actor=actor, event=event, target=enrolment, body=enrolment.body, old={"report": old}, new={"report": status}
    )


def report_submit(*, enrolment: Enrolment, actor: AnyUser) -> Enrolment:
    """The officer submits the report; a submission after the due date is flagged late (issue 14 item 2)."""
    if enrolment.body_id not in body_ids_for(actor, (Role.OFFICER,)):
        raise PermissionDenied(_("Only the body's officer submits its report."))
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if not enrolment.campaign.can_edit_reports():
            raise InvalidTransition(_("Reports are submitted while the campaign collects them."))
        enrolment.submitted_at, enrolment.submitted_by = timezone.now(), actor  # type: ignore[assignment]
        _report_transition(
            enrolment, enrolment.can_submit(), Enrolment.ReportStatus.SUBMITTED, CampaignEvent.REPORT_SUBMITTED, actor
        )
    return enrolment


def _require_first_head(enrolment: Enrolment, actor: AnyUser) -> None:
    if enrolment.body_id not in body_ids_for(actor, (Role.FIRST_HEAD,)):
        raise PermissionDenied(_("Only the body's first head signs off its report."))


def report_sign_off(*, enrolment: Enrolment, actor: AnyUser) -> Enrolment:
    """The body's first head signs the submitted report off."""
    _require_first_head(enrolment, actor)
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        enrolment.signed_off_at, enrolment.signed_off_by = timezone.now(), actor  # type: ignore[assignment]
        _report_transition(
            enrolment,
            enrolment.can_sign_off(),
            Enrolment.ReportStatus.SIGNED_OFF,
            CampaignEvent.REPORT_SIGNED_OFF,
            actor,
        )
    return enrolment


def report_return(*, enrolment: Enrolment, actor: AnyUser) -> Enrolment:
    """The first head returns a submitted report to the officer for changes."""
    _require_first_head(enrolment, actor)
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        if not enrolment.campaign.can_edit_reports():
            raise InvalidTransition(_("Reports are returned while the campaign collects them."))
        enrolment.submitted_at, enrolment.submitted_by = None, None
        _report_transition(
            enrolment, enrolment.can_return(), Enrolment.ReportStatus.DRAFT, CampaignEvent.REPORT_RETURNED, actor
        )
    return enrolment
