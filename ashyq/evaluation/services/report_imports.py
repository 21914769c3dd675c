"""A table of the body's Annex 9 report uploaded as its XLSX template (issue 14 item 2): queued on upload, run
by the task worker, stored all or nothing, like the feedback imports (docs/campaigns-officers.md).

The body's officer uploads while the report is being filled in. Every row is read and checked first; one bad
row refuses the whole file, listing every bad row with its sheet, row and column. Otherwise, in one
transaction, through the report's own services: each value that differs from the one held is recorded
(``fact_record``, source: the body's report, with the file and row), each new or changed line of evidence is
added (``evidence_add``, with the file and row) and the lines of the table's evidence no longer in the file
are removed (``evidence_remove``): the file is the table. A value or line left as it was is not touched, so a
template downloaded and uploaded unchanged changes nothing. Messages are in the uploader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for
from ashyq.core.uploads import check_upload
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Enrolment, Evidence, ReportFact, ReportImport, Source
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_template import (
    EVIDENCE_SHEET,
    VALUES_SHEET,
    EvidenceRow,
    ReadTemplate,
    RowError,
    TemplateRefused,
    evidence_column,
    evidence_fields,
    read_template,
    table_slots,
    value_column,
)
from ashyq.evaluation.report_view import table_numbers
from ashyq.evaluation.services.reports import (
    evidence_add,
    evidence_remove,
    fact_record,
    lock_enrolment,
    require_editable,
)
from ashyq.evaluation.services.verification import require_unmarked
from ashyq.evaluation.values import value_clean
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

MAX_ERRORS = 200


def require_report_officer(enrolment: Enrolment, actor: AnyUser) -> None:
    """Only the body's own officer uploads its report's tables (issue 14 item 9)."""
    if enrolment.body_id not in body_ids_for(actor, (Role.OFFICER,)):
        raise PermissionDenied(_("Only the body's officer fills in its report."))


def report_import_create(
    *, enrolment: Enrolment, table: str, file: UploadedFile, marking: str, actor: AnyUser
) -> ReportImport:
    """Keep the uploaded template and queue its import; the task starts after the commit."""
    require_report_officer(enrolment, actor)
    require_unmarked(marking)  # a document marked secret or "restricted distribution" is refused (002 §16)
    if table not in dict(table_numbers(enrolment)):
        raise ValidationError(_("This body does not report this table."))
    try:
        check_upload(file, types=["xlsx"])
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        require_editable(enrolment)
        job = ReportImport(  # type: ignore[misc]
            enrolment=enrolment,
            table=table,
            file_name=(file.name or "report.xlsx")[:255],
            language=get_language() or "kk",
            created_by=actor,
        )
        job.file.save(job.file_name, file, save=False)
        job.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.REPORT_IMPORT_QUEUED,
            target=job,
            body=enrolment.body,
            new={"table": table, "file": job.file_name, "size": file.size},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from ashyq.evaluation.tasks import report_import_run as task

    task.enqueue(job_id)


def report_import_run(*, job_id: int) -> ReportImport:
    """Run a queued import (the task's body), its messages in the uploader's language."""
    language = ReportImport.objects.values_list("language", flat=True).get(pk=job_id)
    with override(language):
        return _run(job_id)


class _BadRows(Exception):
    """Raised inside the storing transaction to roll it back when a service refused a row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


def _run(job_id: int) -> ReportImport:
    job = ReportImport.objects.select_related("enrolment__campaign__methodology", "enrolment__body", "created_by").get(
        pk=job_id
    )
    if job.status != ReportImport.Status.QUEUED:
        return job
    job.status = ReportImport.Status.RUNNING
    job.save(update_fields=["status", "updated_at"])
    with job.file.open("rb") as handle:
        try:
            read = read_template(handle, job.enrolment, job.table)
        except TemplateRefused as refused:
            return _refuse(job, [RowError("", 0, "", refused.message)])
    job.total_rows = job.processed_rows = read.rows
    job.save(update_fields=["total_rows", "processed_rows", "updated_at"])
    errors = read.errors + _value_errors(job, read)
    if errors:
        return _refuse(job, errors)
    try:
        with transaction.atomic():
            _store(job, read)
    except _BadRows as bad:
        return _refuse(job, bad.errors)
    except (InvalidTransition, PermissionDenied) as error:
        message = error.message if isinstance(error, InvalidTransition) else str(error)
        return _refuse(job, [RowError("", 0, "", message)])
    return job


def _value_errors(job: ReportImport, read: ReadTemplate) -> list[RowError]:
    """Every value checked before anything is stored, so that all bad rows are listed at once."""
    version = pinned_version(job.enrolment.campaign.methodology)
    errors = []
    for row in read.values:
        try:
            value_clean(row.slot, row.raw, version)
        except ValidationError as error:
            errors.extend(_service_errors(str(VALUES_SHEET), row.row, error, value_column, value_column("indicator")))
    return errors


def _refuse(job: ReportImport, errors: list[RowError]) -> ReportImport:
    job.status = ReportImport.Status.FAILED
    job.errors = [error.as_dict() for error in sorted(errors, key=lambda e: (e.sheet, e.row))[:MAX_ERRORS]]
    job.save(update_fields=["status", "errors", "updated_at"])
    audit_record(
        actor=job.created_by,
        event=CampaignEvent.REPORT_IMPORT_REFUSED,
        target=job,
        body=job.enrolment.body,
        new={"table": job.table, "bad_rows": len(errors), "first": job.errors[:5]},
    )
    return job


def _service_errors(sheet: str, row: int, error: ValidationError, column: Any, fallback: str) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(sheet, row, fallback, " ".join(error.messages))]
    return [RowError(sheet, row, column(name), " ".join(messages)) for name, messages in error.message_dict.items()]


def _store(job: ReportImport, read: ReadTemplate) -> None:
    """Everything in the caller's transaction; any refusal rolls back all of it (``_BadRows``)."""
    enrolment, actor = lock_enrolment(job.enrolment), job.created_by
    require_editable(enrolment)
    version = pinned_version(enrolment.campaign.methodology)
    indicators = {slot.indicator for slot in table_slots(enrolment, job.table)}
    held = {
        (fact.indicator, fact.language): fact.value
        for fact in ReportFact.objects.filter(enrolment=enrolment, indicator__in=indicators)
    }
    errors: list[RowError] = []
    values = 0
    for row in read.values:
        sheet = str(VALUES_SHEET)
        slot = row.slot
        try:
            if value_clean(slot, row.raw, version) == held.get((slot.indicator, slot.language)):
                continue
            fact_record(
                enrolment=enrolment,
                indicator=slot.indicator,
                language=slot.language,
                raw=row.raw,
                actor=actor,
                source=Source.REPORT,
                source_file=job.file_name,
                source_row=row.row,
            )
            values += 1
        except ValidationError as error:
            errors.extend(_service_errors(sheet, row.row, error, value_column, value_column("indicator")))
    added, removed = _store_evidence(job, enrolment, read.evidence, indicators, errors)
    if errors:
        raise _BadRows(errors)
    job.status = ReportImport.Status.DONE
    job.stored_values, job.stored_evidence, job.removed_evidence = values, added, removed
    job.save(update_fields=["status", "stored_values", "stored_evidence", "removed_evidence", "updated_at"])
    audit_record(
        actor=actor,
        event=CampaignEvent.REPORT_IMPORTED,
        target=job,
        body=enrolment.body,
        new={"table": job.table, "file": job.file_name, "values": values, "evidence": added, "removed": removed},
    )


def _same(item: Evidence, row: EvidenceRow) -> bool:
    return (item.indicator, item.language, item.kind) == (row.indicator, row.language, row.kind) and evidence_fields(
        item
    ) == {name: row.fields.get(name, getattr(item, name)) for name in evidence_fields(item)}


def _store_evidence(
    job: ReportImport, enrolment: Enrolment, rows: list[EvidenceRow], indicators: set[str], errors: list[RowError]
) -> tuple[int, int]:
    sheet = str(EVIDENCE_SHEET)
    held = {item.pk: item for item in Evidence.objects.filter(enrolment=enrolment, indicator__in=indicators)}
    kept: set[int] = set()
    added = removed = 0
    for row in rows:
        if row.number is not None:
            item = held.get(row.number)
            if item is None or row.number in kept:
                message = _("No line of this table's evidence has this number; leave the column empty for a new one.")
                errors.append(RowError(sheet, row.row, evidence_column("number"), message))
                continue
            kept.add(row.number)
            if _same(item, row):
                continue
            evidence_remove(evidence=item, actor=job.created_by)
            removed += 1
        fields: Mapping[str, Any] = {name: value for name, value in row.fields.items() if value not in (None, "")}
        try:
            evidence_add(
                enrolment=enrolment,
                indicator=row.indicator,
                language=row.language,
                kind=row.kind,
                fields=fields,
                actor=job.created_by,
                source=Source.REPORT,
                source_file=job.file_name,
                source_row=row.row,
            )
            added += 1
        except ValidationError as error:
            errors.extend(_service_errors(sheet, row.row, error, evidence_column, evidence_column("kind")))
    for number, item in held.items():
        if number not in kept:
            evidence_remove(evidence=item, actor=job.created_by)
            removed += 1
    return added, removed
