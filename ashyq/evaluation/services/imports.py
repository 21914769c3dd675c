"""§10 data-source imports into a campaign (issue 14 item 3): the Open Government portals' unloads, the
population survey (table 7-1 item 3) and the mass-media survey (criterion 6's C, §83).

One row per value: ``body`` (the body's id on the open NPA portal, or its Russian name), ``indicator``
(``t1.1``, ``t7-1.3``, ``p6.C`` …), ``language`` (``kk``, ``ru`` or ``common``) and the value's columns
(``met``, ``attainment``, ``satisfied_percent``, ``posts``, ``events_total``, ``high_publicity_events``,
``received``, ``answered``, ``late``, ``failing``). CSV (UTF-8 or cp1251) or XLSX, the feedback imports'
reader. Every row is checked first (the page shows the progress); a single bad row refuses the whole file
with every bad row listed; otherwise all values are stored in one transaction with their file and row, and
each replaces the value held for that indicator and language (audited old → new).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import Slot, required_slots
from ashyq.evaluation.job_models import ImportJobModel
from ashyq.evaluation.models import Campaign, Enrolment, ReportFact, Source, SourceImport
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_view import PARAM_LANGUAGE
from ashyq.evaluation.values import value_clean, value_fields
from ashyq.feedback.importing.reading import FileRefused, open_table, read_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

VALUE_COLUMNS = (
    "met",
    "attainment",
    "satisfied_percent",
    "posts",
    "events_total",
    "high_publicity_events",
    "received",
    "answered",
    "late",
    "failing",
)
ALIASES: dict[str, tuple[str, ...]] = {name: () for name in ("body", "indicator", "language", *VALUE_COLUMNS)}
# a background import of a campaign or an F evaluation: a §10 source, a report table's template, the §21 survey
Job = TypeVar("Job", bound=ImportJobModel)
Status = ImportJobModel.Status
MAX_ERRORS = 100
TRUE, FALSE = {"1", "true", "yes", "иә", "да"}, {"0", "false", "no", "жоқ", "нет"}


def source_import_create(*, campaign: Campaign, file: UploadedFile, actor: AnyUser) -> SourceImport:
    """Queue an import; the task worker checks and stores it."""
    from ashyq.evaluation.tasks import source_import_run

    require_analyst(actor)
    if campaign.frozen:
        raise InvalidTransition(_("The campaign's conclusions were delivered; its facts are frozen."))
    with transaction.atomic():
        job = SourceImport.objects.create(  # type: ignore[misc]
            campaign=campaign, file=file, file_name=file.name or "import", created_by=actor
        )
        transaction.on_commit(lambda: source_import_run.enqueue(job.pk))
    return job


def _raw_value(slot: Slot, row: dict[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for field in value_fields(slot):
        cell = row.get(field.name, "")
        if field.type == "flag" and isinstance(cell, str) and cell.lower() in TRUE | FALSE:
            cell = cell.lower() in TRUE
        raw[field.name] = cell
    return raw


def _check(
    job: SourceImport, rows: list[tuple[int, dict[str, Any]]]
) -> tuple[list[tuple[Enrolment, Slot, dict[str, Any], int]], list[dict[str, Any]]]:
    campaign = job.campaign
    version = pinned_version(campaign.methodology)
    enrolments = list(campaign.enrolments.select_related("body"))
    by_key: dict[str, Enrolment] = {}
    for each in enrolments:
        by_key[each.body.name_ru.strip().lower()] = each
        if each.body.legalacts_government_id:
            by_key[str(each.body.legalacts_government_id)] = each
    good, errors = [], []
    for index, (line, row) in enumerate(rows, start=1):
        enrolment: Enrolment | None = by_key.get(str(row.get("body", "")).strip().lower())
        language = PARAM_LANGUAGE.get(str(row.get("language", "")).strip().lower())
        slot = None
        if enrolment is None:
            errors.append({"line": line, "message": _("No enrolled body %(body)s.") % {"body": row.get("body")}})
        elif language is None:
            errors.append({"line": line, "message": _("The language must be kk, ru or common.")})
        else:
            slots = required_slots(version, enrolment.kind, enrolment.exemptions)
            slot = next((s for s in slots if s.indicator == row.get("indicator") and s.language == language), None)
            if slot is None:
                errors.append(
                    {"line": line, "message": _("This body does not report this indicator in this language.")}
                )
        if enrolment is not None and slot is not None:
            try:
                good.append((enrolment, slot, value_clean(slot, _raw_value(slot, row), version), line))
            except ValidationError as error:
                text = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
                errors.append({"line": line, "message": text})
        if index % 200 == 0:
            job.processed_rows = index
            job.save(update_fields=["processed_rows", "updated_at"])
        if len(errors) >= MAX_ERRORS:
            break
    return good, errors


def _store(job: SourceImport, good: list[tuple[Enrolment, Slot, dict[str, Any], int]]) -> None:
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=job.campaign_id)
        if campaign.frozen:
            raise InvalidTransition(_("The campaign's conclusions were delivered; its facts are frozen."))
        existing = {
            (fact.enrolment_id, fact.indicator, fact.language): fact
            for fact in ReportFact.objects.filter(enrolment__campaign=campaign)
        }
        for enrolment, slot, value, line in good:
            fact = existing.get((enrolment.pk, slot.indicator, slot.language))
            old = None if fact is None else {"value": fact.value, "source": fact.source}
            if fact is None:
                fact = ReportFact(enrolment=enrolment, indicator=slot.indicator, language=slot.language)
            fact.value, fact.source, fact.source_file, fact.source_row = value, Source.IMPORT, job.file_name, line
            fact.changed_by = job.created_by
            fact.save()
            audit_record(
                actor=job.created_by,
                event=CampaignEvent.FACT_RECORDED,
                target=fact,
                body=enrolment.body,
                old=old,
                new={"indicator": slot.indicator, "language": slot.language, "value": value, "source": Source.IMPORT},
            )
        job.status, job.stored_values, job.processed_rows = SourceImport.Status.DONE, len(good), job.total_rows
        job.save(update_fields=["status", "stored_values", "processed_rows", "updated_at"])
        audit_record(
            actor=job.created_by,
            event=CampaignEvent.SOURCE_IMPORTED,
            target=job,
            new={"file": job.file_name, "values": len(good)},
        )


def import_job_run(
    job: Job,
    *,
    aliases: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    check: Callable[[Job, list[tuple[int, dict[str, Any]]]], tuple[Any, list[dict[str, Any]]]],
    store: Callable[[Job, Any], None],
) -> Job:
    """Run a queued import of a campaign or an F evaluation all or nothing: read every row, check every row,
    then store all values or none (``check`` lists the bad rows; ``store`` writes in one transaction)."""
    if job.status != Status.QUEUED:
        return job
    job.status = Status.RUNNING
    job.save(update_fields=["status", "updated_at"])
    refused: dict[str, Any] | None = None
    rows: list[tuple[int, dict[str, Any]]] = []
    with job.file.open("rb") as handle:
        # The reader's generators are finished while the file is still open, also on a refusal.
        try:
            table = open_table(handle)
            job.total_rows = table.estimate_rows()
            job.save(update_fields=["total_rows", "updated_at"])
            rows = list(read_rows(table, aliases, required))
        except FileRefused as error:
            refused = {"line": error.line, "message": error.message}
        gc.collect()
    if refused is not None:
        job.status, job.errors = Status.FAILED, [refused]
        job.save(update_fields=["status", "errors", "updated_at"])
        return job
    job.total_rows = len(rows)
    good, errors = check(job, rows)
    if errors:
        job.status, job.errors, job.processed_rows = Status.FAILED, errors, len(rows)
        job.save(update_fields=["status", "errors", "processed_rows", "total_rows", "updated_at"])
        return job
    try:
        store(job, good)
    except InvalidTransition as error:
        job.status, job.errors = Status.FAILED, [{"line": 0, "message": error.message}]
        job.save(update_fields=["status", "errors", "updated_at"])
    return job


def source_import_run(*, job_id: int) -> SourceImport:
    """Check every row of a §10 source file, then store all values or none."""
    job = SourceImport.objects.select_related("campaign__methodology", "created_by").get(pk=job_id)
    return import_job_run(job, aliases=ALIASES, required=("body", "indicator", "language"), check=_check, store=_store)


def import_job_worker_lost(model: type[ImportJobModel], job_id: int, *, last_attempt: bool) -> bool:
    """The worker importing a file of a campaign or an F evaluation died (ADR 0045): a §10 source, a report
    table's template or the §21 survey. The rows are stored in one transaction, which the database rolled back,
    so nothing was stored: the import runs again, or, on the last attempt, is refused with a message saying
    what to do. Returns whether the task runs again."""
    job = model._default_manager.select_for_update().filter(pk=job_id).first()
    if job is None or job.finished:
        return False
    old = {"status": job.status}
    job.processed_rows = 0
    if last_attempt:
        job.status = Status.FAILED
        job.errors = [
            {
                "line": 0,
                "message": _(
                    "The task worker stopped twice while importing this file. Upload it again; if it stops again, "
                    "split it into smaller files."
                ),
            }
        ]
    else:
        job.status = Status.QUEUED
    job.save(update_fields=["status", "processed_rows", "errors", "updated_at"])
    audit_record(
        actor=None,
        event=CampaignEvent.WORK_STOPPED if last_attempt else CampaignEvent.WORK_RETRIED,
        target=job,
        old=old,
        new={"status": job.status},
    )
    return not last_attempt


def source_import_worker_lost(job_id: int, *, last_attempt: bool) -> bool:
    """A §10 source import whose worker died (:func:`import_job_worker_lost`)."""
    return import_job_worker_lost(SourceImport, job_id, last_attempt=last_attempt)
