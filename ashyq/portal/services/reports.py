"""A body publishes its report on its strategic plan or development programme (003 §4–7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.permissions import require_body_access
from ashyq.portal import deadlines
from ashyq.portal.models import PlanReport

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

PDF_SIGNATURE = b"%PDF-"
PDF_END = b"%%EOF"


def validate_report_file(upload: UploadedFile) -> None:
    """A real PDF (its signature first, its end marker in the last kilobyte) within the upload limit."""
    limit = settings.ASHYQ_UPLOAD_LIMIT_MB * 1024 * 1024
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s MB.") % {"limit": settings.ASHYQ_UPLOAD_LIMIT_MB}}
        )
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    if head != PDF_SIGNATURE or PDF_END not in tail:
        raise ValidationError(
            {"file": _("The file is not a PDF document. Save the report as PDF and upload it again.")}
        )


@transaction.atomic
def plan_report_publish(
    *, body: Body, year: int, upload: UploadedFile, no_restricted_information: bool, actor: User
) -> PlanReport:
    """Publish (or replace) the body's report for a reporting year. The officer confirms that the file holds
    no restricted information (003 §7); the due date is the level's (003 §4–6) and is kept with the report."""
    require_body_access(actor, body)
    if body.kind not in deadlines.REPORTING_KINDS:
        raise ValidationError(_("This state body does not publish such reports."))
    if not no_restricted_information:
        raise ValidationError(
            {
                "no_restricted_information": _(
                    "Confirm that the report holds no restricted information (003 §7); remove such parts first."
                )
            }
        )
    this_year = deadlines.today().year
    if not this_year - 10 <= year < this_year:
        raise ValidationError({"year": _("Choose a reporting year that has ended.")})
    validate_report_file(upload)
    now = timezone.now()
    report = PlanReport.objects.select_for_update().filter(body=body, year=year).first()
    if report is None:
        report = PlanReport(body=body, year=year, published_at=now)
        event = "portal.plan_report.published"
        old = None
    else:
        event = "portal.plan_report.replaced"
        old = {"file_name": report.file_name, "file_size": report.file_size}
        report.replaced_at = now
    report.due_on = deadlines.due_date(kind=body.kind, year=year)
    report.file_name = upload.name or "report.pdf"
    report.file_size = upload.size or 0
    report.published_by = actor
    report.file.save(f"{body.pk}-{year}.pdf", upload, save=False)
    report.save()
    audit_record(
        actor=actor,
        event=event,
        target=report,
        body=body,
        old=old,
        new={"year": year, "file_name": report.file_name, "file_size": report.file_size, "due_on": report.due_on},
    )
    return report
