"""The population's satisfaction survey of 000 §21 p.3 imported into an F evaluation (issue 14 item 10).

One row per body: ``body`` (the body's id on the open NPA portal, or its Russian name) and ``satisfied_percent``
(the share of the population satisfied, 0–100). CSV (UTF-8 or cp1251) or XLSX, read by the feedback imports'
reader, as the campaigns' §10 imports (``services/imports.py``). Every row is checked first (the page shows the
progress); a single bad row refuses the whole file with every bad row listed; otherwise all values are stored in
one transaction, each with its file and row, each change audited (old → new).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.core.uploads import check_upload
from ashyq.evaluation.events import FeedbackEvent
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission, SatisfactionImport
from ashyq.evaluation.services.imports import import_job_run

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

ALIASES: dict[str, tuple[str, ...]] = {"body": (), "satisfied_percent": ()}
MAX_ERRORS = 100
HUNDRED = Decimal(100)


def satisfaction_import_create(
    *, evaluation: FeedbackEvaluation, file: UploadedFile, actor: AnyUser
) -> SatisfactionImport:
    """Queue an import; the task worker checks and stores it."""
    from ashyq.evaluation.tasks import satisfaction_import_run

    require_analyst(actor)
    if not evaluation.can_import_satisfaction():
        raise InvalidTransition(_("The evaluation is published; its values are frozen."))
    check_upload(file)  # size, and an XLSX's unpacked size and entries (ashyq.core.uploads)
    with transaction.atomic():
        job = SatisfactionImport.objects.create(  # type: ignore[misc]
            evaluation=evaluation, file=file, file_name=file.name or "import", created_by=actor
        )
        transaction.on_commit(lambda: satisfaction_import_run.enqueue(job.pk))
    return job


def _percent(cell: Any) -> Decimal | None:
    """A share in [0, 100] with at most two decimals (a comma is read as the decimal mark)."""
    try:
        value = Decimal(str(cell).strip().replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 <= value <= HUNDRED or value != value.quantize(Decimal("0.01")):
        return None
    return value


def _check(
    job: SatisfactionImport, rows: list[tuple[int, dict[str, Any]]]
) -> tuple[list[tuple[FeedbackSubmission, Decimal, int]], list[dict[str, Any]]]:
    by_key: dict[str, FeedbackSubmission] = {}
    for each in job.evaluation.submissions.select_related("body"):
        by_key[each.body.name_ru.strip().lower()] = each
        if each.body.legalacts_government_id:
            by_key[str(each.body.legalacts_government_id)] = each
    good: list[tuple[FeedbackSubmission, Decimal, int]] = []
    errors: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    for index, (line, row) in enumerate(rows, start=1):
        submission = by_key.get(str(row.get("body", "")).strip().lower())
        value = _percent(row.get("satisfied_percent", ""))
        if submission is None:
            errors.append({"line": line, "message": _("No enrolled body %(body)s.") % {"body": row.get("body")}})
        elif submission.pk in seen:
            errors.append(
                {"line": line, "message": _("The body is already on line %(line)s.") % {"line": seen[submission.pk]}}
            )
        elif value is None:
            errors.append({"line": line, "message": _("The share satisfied must be a number from 0 to 100.")})
        else:
            seen[submission.pk] = line
            good.append((submission, value, line))
        if index % 200 == 0:
            job.processed_rows = index
            job.save(update_fields=["processed_rows", "updated_at"])
        if len(errors) >= MAX_ERRORS:
            break
    return good, errors


def _store(job: SatisfactionImport, good: list[tuple[FeedbackSubmission, Decimal, int]]) -> None:
    with transaction.atomic():
        evaluation = FeedbackEvaluation.objects.select_for_update().get(pk=job.evaluation_id)
        if not evaluation.can_import_satisfaction():
            raise InvalidTransition(_("The evaluation is published; its values are frozen."))
        for submission, value, line in good:
            source = _("%(file)s, line %(line)s") % {"file": job.file_name, "line": line}
            old = {"satisfaction": submission.satisfaction, "source": submission.satisfaction_source}
            submission.satisfaction, submission.satisfaction_source = value, source
            submission.save(update_fields=["satisfaction", "satisfaction_source", "updated_at"])
            audit_record(
                actor=job.created_by,
                event=FeedbackEvent.SATISFACTION_IMPORTED,
                target=submission,
                body=submission.body,
                old=old,
                new={"satisfaction": value, "source": source},
            )
        job.status, job.stored_values, job.processed_rows = SatisfactionImport.Status.DONE, len(good), job.total_rows
        job.save(update_fields=["status", "stored_values", "processed_rows", "updated_at"])


def satisfaction_import_run(*, job_id: int) -> SatisfactionImport:
    """Check every row of the §21 survey file, then store all values or none."""
    job = SatisfactionImport.objects.select_related("evaluation", "created_by").get(pk=job_id)
    return import_job_run(job, aliases=ALIASES, required=("body", "satisfied_percent"), check=_check, store=_store)
