"""The conclusion's documents made by the task worker and kept until the conclusion changes (issue 14 item 7),
and the campaign's background work when its worker dies: run once more, then stopped with a message (ADR 0045).
The sweep is called directly here; tests/core/test_worker_death.py kills real workers."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook
from pypdf import PdfReader

from ashyq.core.models import AuditEvent
from ashyq.core.workers import sweep_lost_work
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, ConclusionDocument, Enrolment, ReportImport, ScoringRun, SourceImport
from ashyq.evaluation.objection_documents import shown
from ashyq.evaluation.services.campaigns import campaign_close_collection, campaign_open
from ashyq.evaluation.services.conclusions import conclusion_document_request, conclusion_recommendations_save
from ashyq.evaluation.services.imports import source_import_create
from ashyq.evaluation.services.report_imports import report_import_create
from ashyq.evaluation.services.scoring import scoring_run_request
from tests.campaigns.conftest import Filler
from tests.campaigns.objections import on

Capture = Callable[..., Any]


def _url(name: str, enrolment: Enrolment, language: str = "ru", extension: str = "pdf") -> str:
    with translation.override("en"):
        return reverse(name, args=[enrolment.pk, language, extension])


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_worker_makes_the_document_and_the_page_offers_its_download(
    delivered: dict[str, Enrolment], officer_b: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # given body B's delivered conclusion and its officer
    client = _logged_in(officer_b)
    body_b = delivered["b"]
    # when the officer asks for the Russian PDF (the task runs at once here)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation:conclusion_job", body_b))
    # then the job's page says it is ready and links the download, which holds the final score
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert _url("evaluation:conclusion", body_b) in page
    document = ConclusionDocument.objects.get(enrolment=body_b)
    assert (document.status, document.language, document.file_format) == ("done", "ru", "pdf")
    download = client.get(_url("evaluation:conclusion", body_b))
    assert download["Content-Type"] == "application/pdf"
    with translation.override("ru"):
        assert shown(body_b.final) in _pdf_text(download.content)


def test_a_kept_document_is_not_made_again_until_the_conclusion_changes(
    delivered: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # given body B's Russian PDF made before approval
    body_b = delivered["b"]
    Enrolment.objects.filter(pk=body_b.pk).update(conclusion_status=Enrolment.ConclusionStatus.NONE)
    body_b.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        first = conclusion_document_request(enrolment=body_b, language="ru", file_format="pdf", actor=analyst)
    first.refresh_from_db()
    kept = first.file.name
    # when it is asked for again, nothing is queued: the same file is kept
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = conclusion_document_request(enrolment=body_b, language="ru", file_format="pdf", actor=analyst)
    assert callbacks == [] and again.file.name == kept
    # when the analyst changes the recommendations, the kept file is no longer the conclusion's
    conclusion_recommendations_save(enrolment=body_b, kk="Жаңа ұсыныс.", ru="Новая рекомендация.", actor=analyst)
    client = _logged_in(analyst)
    assert client.get(_url("evaluation:conclusion", body_b))["Location"] == _url("evaluation:conclusion_job", body_b)
    # and the next request makes it again with the new text and drops the old file
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("evaluation:conclusion_job", body_b))
    assert "Новая рекомендация." in _pdf_text(client.get(_url("evaluation:conclusion", body_b)).content)
    assert ConclusionDocument.objects.count() == 1
    # the old file is gone: deleted, or overwritten by the new document under the same name
    assert ConclusionDocument.objects.get().file.name == kept or not default_storage.exists(kept)


@pytest.mark.parametrize("persona", ["officer_a", "first_head_a"])
def test_another_bodys_people_find_no_conclusion_document(
    delivered: dict[str, Enrolment], request: pytest.FixtureRequest, persona: str
) -> None:
    # given body B's delivered conclusion and a person of body A
    client = _logged_in(request.getfixturevalue(persona))
    body_b = delivered["b"]
    # when they open, ask for or download body B's document, then nothing is found and nothing is queued
    assert client.get(_url("evaluation:conclusion_job", body_b)).status_code == 404
    assert client.post(_url("evaluation:conclusion_job", body_b)).status_code == 404
    assert client.get(_url("evaluation:conclusion", body_b)).status_code == 404
    assert not ConclusionDocument.objects.exists()


def test_a_body_sees_no_document_page_before_delivery(delivered: dict[str, Enrolment], officer_b: User) -> None:
    Enrolment.objects.filter(pk=delivered["b"].pk).update(conclusion_status=Enrolment.ConclusionStatus.APPROVED)
    client = _logged_in(officer_b)
    assert client.post(_url("evaluation:conclusion_job", delivered["b"])).status_code == 404
    assert not ConclusionDocument.objects.exists()


# ------------------------------------------------------------------------------- a worker dies (ADR 0045)


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ASHYQ_TASK_ATTEMPTS = 2


def _claimed_by(workers: list[str]) -> None:
    """The only task row is running in the given workers in turn (the last one is running it), none alive."""
    DBTaskResult.objects.update(status="RUNNING", worker_ids=workers)


def _events(event: str, target: object) -> int:
    return AuditEvent.objects.filter(event_type=event, target_id=str(target.pk)).count()  # type: ignore[attr-defined]


@pytest.fixture
def running_document(
    delivered: dict[str, Enrolment], officer_b: User, database_tasks: None, django_capture_on_commit_callbacks: Capture
) -> ConclusionDocument:
    with django_capture_on_commit_callbacks(execute=True):
        document = conclusion_document_request(
            enrolment=delivered["b"], language="kk", file_format="pdf", actor=officer_b
        )
    ConclusionDocument.objects.filter(pk=document.pk).update(status=ConclusionDocument.Status.RUNNING)
    return document


def test_a_dead_workers_document_is_made_again_on_its_first_attempt(running_document: ConclusionDocument) -> None:
    # given a document being made by a worker that died
    _claimed_by(["dead"])
    # when a worker sweeps
    assert len(sweep_lost_work(own_worker_id="sweeper")) == 1
    # then the task is ready for another attempt and the document queued again
    assert DBTaskResult.objects.get().status == "READY"
    running_document.refresh_from_db()
    assert running_document.status == ConclusionDocument.Status.QUEUED
    assert _events(CampaignEvent.WORK_RETRIED, running_document) == 1


def test_a_dead_workers_document_stops_on_its_last_attempt_and_its_page_offers_to_make_it_again(
    running_document: ConclusionDocument, officer_b: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # given a document whose second attempt's worker died too
    _claimed_by(["dead", "dead-too"])
    # when a worker sweeps
    sweep_lost_work(own_worker_id="sweeper")
    # then the task failed, the document stopped, and its page says what to do, with the button
    task = DBTaskResult.objects.get()
    assert (task.status, task.exception_class_path) == ("FAILED", "ashyq.core.workers.WorkerLost")
    running_document.refresh_from_db()
    assert running_document.status == ConclusionDocument.Status.FAILED
    assert _events(CampaignEvent.WORK_STOPPED, running_document) == 1
    client = _logged_in(officer_b)
    job_url = _url("evaluation:conclusion_job", running_document.enrolment, "kk", "pdf")
    page = client.get(job_url).content.decode()
    assert "Make it again; if it stops again, tell the administrator." in page
    assert f'action="{job_url}"' in page
    # and making it again queues a new task
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url)
    running_document.refresh_from_db()
    assert running_document.status == ConclusionDocument.Status.QUEUED
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]


def _scoring(
    campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User, filler: Filler, capture: Capture
) -> ScoringRun:
    for enrolment in enrolled.values():
        filler(enrolment, None)
    with on(datetime.date(2026, 3, 2)):
        campaign_open(campaign=campaign, actor=analyst)
        campaign_close_collection(campaign=campaign, actor=analyst)
    with capture(execute=True):
        run = scoring_run_request(campaign=campaign, actor=analyst)
    ScoringRun.objects.filter(pk=run.pk).update(status=ScoringRun.Status.RUNNING, stored_bodies=2)
    return run


def test_a_dead_workers_scoring_runs_again_then_stops_with_a_message(
    campaign: Campaign,
    enrolled: dict[str, Enrolment],
    analyst: User,
    filler: Filler,
    database_tasks: None,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given a scoring whose worker died on its first attempt
    run = _scoring(campaign, enrolled, analyst, filler, django_capture_on_commit_callbacks)
    _claimed_by(["dead"])
    # when a worker sweeps, then it is queued again from the start
    sweep_lost_work(own_worker_id="sweeper")
    run.refresh_from_db()
    assert (run.status, run.stored_bodies) == (ScoringRun.Status.QUEUED, 0)
    assert DBTaskResult.objects.get().status == "READY"
    # when its second attempt's worker dies too, then it stops and says what to do
    ScoringRun.objects.filter(pk=run.pk).update(status=ScoringRun.Status.RUNNING)
    _claimed_by(["dead", "dead-too"])
    sweep_lost_work(own_worker_id="sweeper")
    run.refresh_from_db()
    assert run.status == ScoringRun.Status.FAILED
    client = _logged_in(analyst)
    with translation.override("en"):
        page = client.get(reverse("evaluation:scoring_progress", args=[run.pk])).content.decode()
    assert "Score the campaign again" in run.error and run.error in page
    assert (_events(CampaignEvent.WORK_RETRIED, run), _events(CampaignEvent.WORK_STOPPED, run)) == (1, 1)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.VERIFYING and campaign.current_run_id is None


def test_a_dead_workers_import_is_refused_on_its_last_attempt_with_what_to_do(
    enrolled: dict[str, Enrolment], analyst: User, database_tasks: None, django_capture_on_commit_callbacks: Capture
) -> None:
    # given a §10 import whose second attempt's worker died
    with django_capture_on_commit_callbacks(execute=True):
        job = source_import_create(
            campaign=enrolled["a"].campaign,
            file=SimpleUploadedFile("survey.csv", b"body;indicator;language;met\n"),
            actor=analyst,
        )
    SourceImport.objects.filter(pk=job.pk).update(status=SourceImport.Status.RUNNING, processed_rows=5)
    _claimed_by(["dead", "dead-too"])
    # when a worker sweeps
    sweep_lost_work(own_worker_id="sweeper")
    # then the import is refused, nothing stored, and its page says to upload it again or split it
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == (SourceImport.Status.FAILED, 0)
    client = _logged_in(analyst)
    with translation.override("en"):
        page = client.get(reverse("evaluation:import", args=[job.pk])).content.decode()
    assert "split it into smaller files" in page
    assert _events(CampaignEvent.WORK_STOPPED, job) == 1


def _workbook() -> bytes:
    book, out = Workbook(), io.BytesIO()
    book.active.append(["—"])  # type: ignore[union-attr]
    book.save(out)
    return out.getvalue()


def test_a_dead_workers_report_table_upload_runs_again_then_stops_with_what_to_do(
    enrolled: dict[str, Enrolment],
    analyst: User,
    officer_a: User,
    database_tasks: None,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given an upload of body A's table 1 template whose worker died on its first attempt
    campaign_open(campaign=enrolled["a"].campaign, actor=analyst)
    enrolled["a"].refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        job = report_import_create(
            enrolment=enrolled["a"],
            table="1",
            file=SimpleUploadedFile("table-1.xlsx", _workbook()),
            marking="none",
            actor=officer_a,
        )
    ReportImport.objects.filter(pk=job.pk).update(status=ReportImport.Status.RUNNING, processed_rows=3)
    _claimed_by(["dead"])
    # when a worker sweeps, then it is queued again from the start
    sweep_lost_work(own_worker_id="sweeper")
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == (ReportImport.Status.QUEUED, 0)
    # when its second attempt's worker dies too, then it is refused with what to do, nothing stored
    ReportImport.objects.filter(pk=job.pk).update(status=ReportImport.Status.RUNNING)
    _claimed_by(["dead", "dead-too"])
    sweep_lost_work(own_worker_id="sweeper")
    job.refresh_from_db()
    assert job.status == ReportImport.Status.FAILED
    assert "split it into smaller files" in job.errors[0]["message"]
    assert (_events(CampaignEvent.WORK_RETRIED, job), _events(CampaignEvent.WORK_STOPPED, job)) == (1, 1)
