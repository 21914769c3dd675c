"""Imports of feedback items from files: queued on upload, run as a background task, all rows or none.

One pass in one transaction reads and validates every row (the progress bar follows it, through a second
connection), writes the new rows while none is bad, and rolls everything back when any row was bad: the
user sees every bad row with its line number. The portal's format reads the file once more first, to
attach the body's nested replies to the comments they answer. The natural key is
(source, external id): rows already imported are skipped, so importing the same file again changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_body_access
from ashyq.core.uploads import check_upload
from ashyq.feedback.importing.reading import ENCODINGS, FileRefused, Table, open_table, read_rows
from ashyq.feedback.importing.rows import (
    PORTAL_ALIASES,
    PORTAL_REQUIRED,
    TEMPLATE_ALIASES,
    TEMPLATE_REQUIRED,
    ItemRow,
    PortalReply,
    RowError,
    portal_reply,
    portal_row,
    template_row,
)
from ashyq.feedback.models import ImportJob, Item, Source

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 2000
WRITE_BATCH = 5000
MAX_REPORTED_ERRORS = 10_000
COUNT_FIELDS = ["status", "total_rows", "processed_rows", "created_count", "unchanged_count", "outside_period_count"]


@transaction.atomic
def import_job_create(
    *, source: Source, upload: UploadedFile, file_format: str, encoding: str, actor: User
) -> ImportJob:
    """Keep the uploaded file and queue its import; the task starts after the commit."""
    require_body_access(actor, source.body)
    check_upload(upload)  # size, and an XLSX's unpacked size and entries (ashyq.core.uploads)
    if encoding not in ENCODINGS:
        raise ValidationError(_("Unknown encoding %(encoding)s.") % {"encoding": encoding})
    job = ImportJob(
        source=source,
        format=ImportJob.Format(file_format),
        encoding=encoding,
        language=get_language() or settings.LANGUAGE_CODE,
        file_name=(upload.name or "upload")[:255],
        created_by=actor,
    )
    job.file.save(job.file_name, upload, save=False)
    job.save()
    audit_record(
        actor=actor,
        event="feedback.import.queued",
        target=job,
        body=source.body,
        new={"source": source.pk, "file": job.file_name, "format": job.format, "size": upload.size},
    )
    _enqueue(job)
    return job


@transaction.atomic
def import_job_start_again(*, job: ImportJob, actor: User) -> ImportJob:
    """Queue again an import whose worker died on its last attempt (ADR 0045); the task starts after the commit."""
    require_body_access(actor, job.source.body)
    job = ImportJob.objects.select_for_update().select_related("source__body").get(pk=job.pk)
    if not job.can_start_again():
        raise InvalidTransition(_("Only an import that stopped can be started again."))
    _set(job, status=ImportJob.Status.QUEUED, processed_rows=0, errors=[])
    audit_record(actor=actor, event="feedback.import.started_again", target=job, body=job.source.body)
    _enqueue(job)
    return job


def import_job_worker_lost(job_id: int, *, last_attempt: bool) -> bool:
    """The worker running this import died (ADR 0045). The import is one transaction, which the database rolled
    back, so nothing of it was written: it runs again, or, on the last attempt, stops and waits for the user.
    Returns whether the task should run again."""
    job = ImportJob.objects.select_for_update().select_related("source__body").filter(pk=job_id).first()
    if job is None or job.finished:
        return False
    old = {"status": job.status}
    if not last_attempt:
        _set(job, status=ImportJob.Status.QUEUED, processed_rows=0)
        audit_record(actor=None, event="feedback.import.retried", target=job, body=job.source.body, old=old)
        return True
    _set(job, status=ImportJob.Status.STOPPED, processed_rows=0)
    audit_record(actor=None, event="feedback.import.stopped", target=job, body=job.source.body, old=old)
    return False


def _enqueue(job: ImportJob) -> None:
    from ashyq.feedback.tasks import import_run

    transaction.on_commit(lambda: import_run.enqueue(job.pk))


def _set(job: ImportJob, **values: Any) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**values, updated_at=timezone.now())


@dataclass
class _Validation:
    """What pass 1 learned: the bad rows, the rows read, and the portal's replies by parent id."""

    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    replies: dict[str, PortalReply] = field(default_factory=dict)

    def add(self, line: int, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"line": line, "reason": reason})


def _aliases(job: ImportJob) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    if job.format == ImportJob.Format.NPA_PORTAL:
        return PORTAL_ALIASES, PORTAL_REQUIRED
    return TEMPLATE_ALIASES, TEMPLATE_REQUIRED


def _portal_replies(job: ImportJob, table: Table, source: Source) -> _Validation:
    """Pass 1 of the portal's format: every row checked, the body's replies gathered by the comment they
    answer, replies to comments missing from the file found; nothing written."""
    result, seen, reply_lines = _Validation(), set[str](), list[tuple[int, str]]()
    for line, values in read_rows(table, PORTAL_ALIASES, PORTAL_REQUIRED):
        result.rows += 1
        try:
            reply = portal_reply(values, source)
            if reply is not None:
                _merge_reply(result.replies, reply)
                reply_lines.append((line, reply.parent_id))
                continue
            row = portal_row(values, source, None)
            if row.external_id in seen:
                raise RowError(_("id %(id)s appears twice in the file") % {"id": row.external_id})
            seen.add(row.external_id)
        except RowError as error:
            result.add(line, str(error))
    for line, parent_id in reply_lines:
        if parent_id not in seen:
            result.add(line, _("a reply to the comment %(id)s, which is not in the file") % {"id": parent_id})
    result.errors.sort(key=lambda error: error["line"])
    return result


def _merge_reply(replies: dict[str, PortalReply], reply: PortalReply) -> None:
    """Several replies of the body under one comment make one answer, dated by the first."""
    earlier = replies.get(reply.parent_id)
    if earlier is None:
        replies[reply.parent_id] = reply
        return
    first, second = sorted((earlier, reply), key=lambda item: item.answered_on)
    replies[reply.parent_id] = PortalReply(reply.parent_id, f"{first.text}\n\n{second.text}", first.answered_on)


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued import (the task's body), its messages in the uploader's language."""
    language = ImportJob.objects.values_list("language", flat=True).get(pk=job_id)
    with override(language):
        return _run(job_id)


def _run(job_id: int) -> ImportJob:
    """Refuse the whole file when any row is bad; otherwise write the new rows."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("source__body").get(pk=job_id)
        if not job.can_start():
            raise InvalidTransition(_("This import has already run."))
        _set(job, status=ImportJob.Status.RUNNING)
    with job.file.open("rb") as handle:
        try:
            _import(job, open_table(handle, encoding=job.encoding))
        except _BadRows as bad:
            return _refuse(job, bad.result.errors, bad.result.error_count)
        except FileRefused as refused:
            return _refuse(job, [{"line": refused.line, "reason": refused.message}], 1)
        except Exception:
            logger.exception("feedback import %s stopped", job.pk)
            stopped = _("The import stopped unexpectedly; nothing was written. The administrators have the details.")
            return _refuse(job, [{"line": 0, "reason": stopped}], 1)
    if job.created_count:
        _refresh_analyses(job)
    return job


def _refresh_analyses(job: ImportJob) -> None:
    """New items: the finished analyses of their quarters run again (issue 12 item 6)."""
    from ashyq.analysis.services import runs_refresh

    months = list(Item.objects.filter(source=job.source).datetimes("received_at", "month"))
    runs_refresh(body=job.source.body, received=months)


class _BadRows(Exception):
    """Raised inside the write transaction to roll it back when any row was bad."""

    def __init__(self, result: _Validation) -> None:
        super().__init__(f"{result.error_count} bad rows")
        self.result = result


def _import(job: ImportJob, table: Table) -> None:
    """The portal's format needs its replies first (pass 1); then one pass validates and writes."""
    _set(job, total_rows=table.estimate_rows())
    replies: dict[str, PortalReply] = {}
    if job.format == ImportJob.Format.NPA_PORTAL:
        validation = _portal_replies(job, table, job.source)
        if validation.error_count:
            raise _BadRows(validation)
        replies = validation.replies
    _write(job, table, job.source, replies)


def _refuse(job: ImportJob, errors: list[dict[str, Any]], count: int) -> ImportJob:
    with transaction.atomic():
        _set(job, status=ImportJob.Status.FAILED, errors=errors)
        audit_record(
            actor=job.created_by,
            event="feedback.import.refused",
            target=job,
            body=job.source.body,
            new={"bad_rows": count, "first": errors[:5]},
        )
    return job


def _item_row(
    job: ImportJob, values: dict[str, Any], source: Source, replies: dict[str, PortalReply]
) -> ItemRow | None:
    """The row's item, or None for a portal reply (already attached to its comment)."""
    if job.format != ImportJob.Format.NPA_PORTAL:
        return template_row(values, source)
    if portal_reply(values, source) is not None:
        return None
    return portal_row(values, source, replies.get(str(values.get("external_id", ""))))


@transaction.atomic
def _write(job: ImportJob, table: Table, source: Source, replies: dict[str, PortalReply]) -> None:
    """One pass in one transaction: every row validated, the new ones written while none is bad; any bad
    row rolls everything back. Rows whose (source, id) exists are left as they are."""
    aliases, required = _aliases(job)
    existing = set(Item.objects.filter(source=source).exclude(external_id="").values_list("external_id", flat=True))
    result, seen, progress = _Validation(), set[str](), _Progress(job)
    created = unchanged = outside = 0
    writer = _CopyWriter(source) if connection.vendor == "postgresql" else _BulkWriter(source)
    with writer, progress:
        for line, values in read_rows(table, aliases, required):
            result.rows += 1
            progress.tick(result.rows)
            try:
                row = _item_row(job, values, source, replies)
                if row is None:
                    continue
                if row.external_id in seen:
                    raise RowError(_("id %(id)s appears twice in the file") % {"id": row.external_id})
                seen.add(row.external_id)
            except RowError as error:
                result.add(line, str(error))
                continue
            if result.error_count:
                continue  # keep validating, stop writing: the transaction will be rolled back
            if row.external_id in existing:
                unchanged += 1
                continue
            writer.add(row)
            created += 1
            outside += row.outside_period
    if result.error_count:
        result.errors.sort(key=lambda error: error["line"])
        raise _BadRows(result)
    if not result.rows:
        raise FileRefused(_("The file has no data rows."))
    _set(
        job,
        status=ImportJob.Status.DONE,
        total_rows=result.rows,
        processed_rows=result.rows,
        created_count=created,
        unchanged_count=unchanged,
        outside_period_count=outside,
    )
    audit_record(
        actor=job.created_by,
        event="feedback.import.completed",
        target=job,
        body=source.body,
        new={"created": created, "unchanged": unchanged, "outside_period": outside, "rows": job.total_rows},
    )


class _Progress:
    """Rows read so far, written through a second connection so that the page sees them while the import's
    own transaction is still open (PostgreSQL; SQLite allows one writer, so its page shows the result)."""

    def __init__(self, job: ImportJob) -> None:
        self.job_id = job.pk
        postgresql = connection.vendor == "postgresql"
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS) if postgresql else None

    def __enter__(self) -> _Progress:
        return self

    def tick(self, rows: int) -> None:
        if self.connection is None or rows % PROGRESS_EVERY:
            return
        with self.connection.cursor() as cursor:
            table = ImportJob._meta.db_table  # ours, not user input
            cursor.execute(f"UPDATE {table} SET processed_rows = %s WHERE id = %s", [rows, self.job_id])  # noqa: S608

    def __exit__(self, *exc: object) -> None:
        if self.connection is not None:
            self.connection.close()


ITEM_COLUMNS = (
    "created_at",
    "updated_at",
    "source_id",
    "body_id",
    "channel",
    "kind",
    "status",
    "external_id",
    "author",
    "text",
    "clause",
    "received_at",
    "outside_period",
    "portal_status",
    "reference",
    "rejection_reason",
    "answer_text",
    "answered_on",
    "follow_up",
    "follow_up_note",
)


class _BulkWriter:
    """Batches of ``bulk_create`` (SQLite and any other database)."""

    def __init__(self, source: Source) -> None:
        self.source, self.batch = source, list[Item]()

    def __enter__(self) -> _BulkWriter:
        return self

    def add(self, row: ItemRow) -> None:
        self.batch.append(
            Item(source=self.source, body_id=self.source.body_id, channel=self.source.channel, **row.__dict__)
        )
        if len(self.batch) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        Item.objects.bulk_create(self.batch)
        self.batch = []

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()


class _CopyWriter:
    """PostgreSQL's ``COPY … FROM STDIN`` through psycopg 3: the same validated rows, written at COPY speed."""

    def __init__(self, source: Source) -> None:
        self.source, self.now = source, timezone.now()

    def __enter__(self) -> _CopyWriter:
        self.cursor = connection.cursor()
        columns = ", ".join(ITEM_COLUMNS)
        from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only

        raw = self.cursor.cursor
        # A worker thread sends the data while this one validates the next rows.
        self.copy_context = raw.copy(
            f"COPY {Item._meta.db_table} ({columns}) FROM STDIN", writer=QueuedLibpqWriter(raw)
        )
        self.copy = self.copy_context.__enter__()
        return self

    def add(self, row: ItemRow) -> None:
        self.copy.write_row(
            (
                self.now,
                self.now,
                self.source.pk,
                self.source.body_id,
                self.source.channel,
                row.kind,
                row.status,
                row.external_id,
                row.author,
                row.text,
                row.clause,
                row.received_at,
                row.outside_period,
                row.portal_status,
                row.reference,
                row.rejection_reason,
                row.answer_text,
                row.answered_on,
                "",
                "",
            )
        )

    def __exit__(self, *exc: object) -> None:
        self.copy_context.__exit__(*exc)
        self.cursor.close()
