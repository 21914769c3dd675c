"""Background work of the campaigns (django-tasks, enqueued on commit). Scoring, the §10 imports and the
conclusion documents each declare what their job does when its worker dies (ADR 0045): run once more, then
stop with a message on the job's page. So do the report tables' templates and the §21 survey."""

from __future__ import annotations

from django_tasks import task

from ashyq.core.workers import on_worker_lost
from ashyq.evaluation.models import ReportImport, SatisfactionImport
from ashyq.evaluation.services.conclusions import conclusion_document_make as make_document
from ashyq.evaluation.services.conclusions import conclusion_document_worker_lost
from ashyq.evaluation.services.imports import import_job_worker_lost, source_import_worker_lost
from ashyq.evaluation.services.scoring import scoring_run_execute, scoring_run_worker_lost


@task()
def campaign_score(run_id: int) -> None:
    """Score a campaign as one group and store the results (issue 14 item 5); the page polls its progress."""
    scoring_run_execute(run_id=run_id)


on_worker_lost(campaign_score)(scoring_run_worker_lost)


@task()
def conclusion_document_make(document_id: int) -> None:
    """Make one body's conclusion document (002 Annex 8) and keep it (issue 14 item 7); the page polls it."""
    make_document(document_id=document_id)


on_worker_lost(conclusion_document_make)(conclusion_document_worker_lost)


@task()
def conclusion_delivered_mail(enrolment_id: int) -> int:
    """E-mail the body's officers and first head its conclusion (PDF, Kazakh and Russian), the date it was
    received and when objections are due (002 §109). Returns the number of recipients."""
    from django.core.mail import EmailMessage
    from django.utils import translation
    from django.utils.translation import gettext as _

    from ashyq.evaluation.conclusion import DocumentLanguage
    from ashyq.evaluation.conclusion_documents import conclusion_file
    from ashyq.evaluation.conclusions_read import enrolment_conclusion, enrolment_score
    from ashyq.evaluation.models import Enrolment
    from ashyq.orgs.models import Membership, Role

    enrolment = Enrolment.objects.select_related("body", "campaign").get(pk=enrolment_id)
    recipients = sorted(
        set(
            Membership.objects.filter(body=enrolment.body, role__in=[Role.OFFICER, Role.FIRST_HEAD])
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients or enrolment.objection_due is None:
        return 0
    lines = []
    for language, name in (("kk", enrolment.body.name_kk), ("ru", enrolment.body.name_ru)):
        with translation.override(language):
            lines.append(
                _(
                    "%(body)s: the openness conclusion of %(campaign)s was received on %(received)s; objections or a "
                    "notice of agreement are due by %(due)s (002 §109, §112)."
                )
                % {
                    "body": name,
                    "campaign": enrolment.campaign.name,
                    "received": enrolment.conclusion_received_on,
                    "due": enrolment.objection_due,
                }
            )
    with translation.override("kk"):
        subject = _("Openness conclusion delivered")
    message = EmailMessage(subject, "\n\n".join(lines), None, recipients)
    languages: tuple[DocumentLanguage, ...] = ("kk", "ru")
    score = enrolment_score(enrolment)  # the campaign scored once for both languages
    for language in languages:  # the conclusion itself, in both languages (002 Annex 8)
        content, filename = conclusion_file(enrolment_conclusion(enrolment, language, score), "pdf")
        message.attach(filename, content, "application/pdf")
    message.send()
    return len(recipients)


@task()
def source_import_run(job_id: int) -> None:
    """Run a queued §10 data-source import (issue 14 item 3); the page polls its progress."""
    from ashyq.evaluation.services.imports import source_import_run as run

    run(job_id=job_id)


on_worker_lost(source_import_run)(source_import_worker_lost)


@task()
def term_reminder_mail(subject: str, body: str, recipients: list[str]) -> int:
    """A reminder that a term of the objection procedure ends in 2 working days (issue 10 item 6)."""
    from django.core.mail import send_mail

    return send_mail(subject, body, None, recipients)


@task()
def satisfaction_import_run(job_id: int) -> None:
    """Run a queued import of the §21 satisfaction survey into an F evaluation (000 §21; issue 14 item 10)."""
    from ashyq.evaluation.services.satisfaction_imports import satisfaction_import_run as run

    run(job_id=job_id)


@on_worker_lost(satisfaction_import_run)
def satisfaction_import_worker_lost(job_id: int, *, last_attempt: bool) -> bool:
    return import_job_worker_lost(SatisfactionImport, job_id, last_attempt=last_attempt)


@task()
def report_import_run(job_id: int) -> None:
    """Run a queued upload of a report table's XLSX template (issue 14 item 2); the page polls its progress."""
    from ashyq.evaluation.services.report_imports import report_import_run as run

    run(job_id=job_id)


@on_worker_lost(report_import_run)
def report_import_worker_lost(job_id: int, *, last_attempt: bool) -> bool:
    return import_job_worker_lost(ReportImport, job_id, last_attempt=last_attempt)
