"""Issue 11 item 7: a document that grows with the data is made by the task worker above a row threshold, with its
progress on a page and the file offered when ready; only its requester may see or download it."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ashyq.core.models import AuditEvent
from ashyq.feedback.models import ItemStatus
from ashyq.reports.jobs import document_job_worker_lost
from ashyq.reports.models import DocumentJob
from ashyq.reports.pdf import write_pdf_rows
from tests.documents import pdf_text
from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def large(settings):
    """Any document of more than 3 rows counts as large."""
    settings.ASHYQ_DOCUMENT_SYNC_ROWS = 3
    settings.ASHYQ_PDF_SYNC_ROWS = 3


@pytest.fixture
def draft(body_a):
    source = SourceFactory(body=body_a)
    for number in range(5):
        ItemFactory(source=source, status=ItemStatus.REJECTED, rejection_reason=f"Себеп {number}")
    return source


def _queue(client, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url)


def test_a_large_report_is_offered_then_made_by_the_worker_with_its_progress(
    client, officer_a, draft, large, immediate_tasks, django_capture_on_commit_callbacks
):
    # given a draft with 5 remarks and a threshold of 3 rows
    client.force_login(officer_a)
    url = reverse("feedback:source_report", args=[draft.pk, "kk", "xlsx"])
    # when the report is opened, then nothing is made yet: the page offers to prepare it
    offer = client.get(url)
    assert offer.status_code == 200 and offer["Content-Type"].startswith("text/html")
    assert "5" in offer.content.decode() and not DocumentJob.objects.exists()
    # when it is asked for, then the worker makes it and the page shows every row written and the download
    response = _queue(client, url, django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job_detail", args=[job.pk])
    assert (job.status, job.total_rows, job.processed_rows) == (DocumentJob.Status.DONE, 5, 5)
    page = client.get(response["Location"]).content.decode()
    download = reverse("reports:job_download", args=[job.pk])
    assert download in page and "5" in page
    # and the file holds every remark with its reason
    sheet = load_workbook(io.BytesIO(b"".join(client.get(download).streaming_content))).active
    values = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {f"Себеп {number}" for number in range(5)} <= values
    assert AuditEvent.objects.filter(event_type="reports.document.queued", target_id=str(job.pk)).exists()


def test_asking_twice_while_it_is_made_queues_one_job(client, officer_a, draft, large, settings):
    # given a worker that has not yet started (tasks stay queued)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(officer_a)
    url = reverse("feedback:source_report", args=[draft.pk, "ru", "docx"])
    # when the same report is asked for twice
    first, second = client.post(url), client.post(url)
    # then both answers lead to the one queued job
    assert first["Location"] == second["Location"]
    assert DocumentJob.objects.get().status == DocumentJob.Status.QUEUED


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_report_made_in_the_background_holds_every_row(
    client, officer_a, draft, large, immediate_tasks, django_capture_on_commit_callbacks, extension
):
    client.force_login(officer_a)
    _queue(
        client, reverse("feedback:source_report", args=[draft.pk, "ru", extension]), django_capture_on_commit_callbacks
    )
    job = DocumentJob.objects.get()
    content = b"".join(client.get(reverse("reports:job_download", args=[job.pk])).streaming_content)
    if extension == "pdf":
        text = pdf_text(content)
    else:
        from docx import Document

        text = " ".join(cell.text for table in Document(io.BytesIO(content)).tables for cell in table._cells)
    assert all(f"Себеп {number}" in text for number in range(5))


def test_another_bodys_officer_neither_sees_nor_downloads_the_document(
    client, officer_a, officer_b, draft, large, immediate_tasks, django_capture_on_commit_callbacks
):
    # given body A's report made in the background
    client.force_login(officer_a)
    _queue(client, reverse("feedback:source_report", args=[draft.pk, "ru", "xlsx"]), django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    # when body B's officer opens its page or its download, then neither is found
    client.force_login(officer_b)
    assert client.get(reverse("reports:job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_a_large_items_export_keeps_the_lists_filters(
    client, officer_a, draft, large, immediate_tasks, django_capture_on_commit_callbacks
):
    # given 5 rejected remarks and 2 accepted ones in body A
    ItemFactory.create_batch(2, source=draft, status=ItemStatus.ACCEPTED, reference="Бұйрық № 5")
    client.force_login(officer_a)
    # when the rejected ones are exported as CSV in the background
    url = reverse("feedback:item_list") + "?status=rejected&export=csv"
    _queue(client, url, django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    content = b"".join(client.get(reverse("reports:job_download", args=[job.pk])).streaming_content)
    # then the file holds exactly the 5 rejected ones
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 6 and all(row[5] == "rejected" for row in rows[1:])
    assert job.body_id == draft.body_id


def test_a_job_whose_worker_died_runs_again_then_stops(officer_a, body_a):
    # given a document being made
    job = DocumentJob.objects.create(
        kind="ashyq.feedback.documents.DRAFT_REPORT",
        file_format="pdf",
        language="kk",
        title="x",
        body=body_a,
        created_by=officer_a,
        status=DocumentJob.Status.RUNNING,
        processed_rows=40,
    )
    # when its worker dies, then it is queued again from the first row
    assert document_job_worker_lost(job.pk, last_attempt=False) is True
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == (DocumentJob.Status.QUEUED, 0)
    # and when it dies on the last attempt, then the job stops and says so
    job.status = DocumentJob.Status.RUNNING
    job.save()
    assert document_job_worker_lost(job.pk, last_attempt=True) is False
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.STOPPED
    assert AuditEvent.objects.filter(event_type="reports.document.stopped").count() == 1


def test_a_pdf_made_in_parts_has_one_heading_one_signature_and_numbered_pages(monkeypatch):
    # given 7 rows laid out 3 at a time, their pages numbered 2 at a time
    monkeypatch.setattr("ashyq.reports.pdf.NUMBERS_PER_RENDER", 2)
    output = io.BytesIO()
    rows = [[number, "Автор", f"Ескерту {number}", "", "", "", "", ""] for number in range(1, 8)]
    context = {"language": "ru", "title": "Отчет", "headers": list("ABCDEFGH"), "prepared": "Подготовлено"}
    seen: list[int] = []
    # when the document is written
    write_pdf_rows(output, "feedback/report.html", context, rows, progress=seen.append, chunk_rows=3)
    # then every row is there, the heading and the closing line once, and each page is numbered of the total
    reader = PdfReader(io.BytesIO(output.getvalue()))
    text = pdf_text(output.getvalue())
    assert all(f"Ескерту {number}" in text for number in range(1, 8))
    assert text.count("Отчет") == 1 and text.count("Подготовлено") == 1
    total = len(reader.pages)
    assert total >= 3 and all(f"{index} / {total}" in page.extract_text() for index, page in enumerate(reader.pages, 1))
    assert seen == [3, 6, 7]


def test_docx_rows_keep_line_breaks_and_every_cell_in_its_column():
    # given a table whose rows are written by copying one made row
    from docx import Document

    from ashyq.reports.docx import DocxSection, docx_document

    rows = [["1", "бір\nекі", "=1+2"], ["2", "үш", ""]]
    # when the document is written
    document = Document(
        io.BytesIO(docx_document(title="T", sections=[DocxSection(headers=["A", "B", "C"], rows=rows)]))
    )
    # then each cell holds its value (a line break kept, a formula never executed), under its header
    table = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["A", "B", "C"],
        ["1", "бір\nекі", "'=1+2"],
        ["2", "үш", ""],
    ]
    assert len({row.cells[1].width for row in table.rows}) == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_offer_and_progress_pages_speak_the_readers_language(
    client, officer_a, draft, large, language, django_capture_on_commit_callbacks, settings
):
    from django.utils import translation

    from tests.core.test_state_languages import _latin_words

    # given a large report that the worker has not started yet
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(officer_a)
    # when its offer and then its progress page are opened in Kazakh or Russian
    with translation.override(language):
        url = reverse("feedback:source_report", args=[draft.pk, language, "pdf"])
        offer = client.get(url).content.decode()
        job_page = client.get(_queue(client, url, django_capture_on_commit_callbacks)["Location"]).content.decode()
    # then both are wholly in the reader's language (the log-in name in the header aside) and count the 5 rows
    for page in (offer, job_page):
        assert _latin_words(page.replace(officer_a.username, "")) == set()
        assert "5" in page
