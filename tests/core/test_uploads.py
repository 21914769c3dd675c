"""One set of rules for every upload (issue 15 item 2, ``ashyq.core.uploads``): an XLSX is measured as a zip
before any parser sees it, parsed read-only, and a damaged file or a NUL byte has its own message. The
malicious files are built here, in the test."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ashyq.core.uploads import check_upload
from ashyq.feedback.importing.reading import FileRefused, open_table
from ashyq.feedback.models import ImportJob, Item
from ashyq.feedback.services.imports import import_job_create
from ashyq.registry.attachments import validate_attachment
from tests.feedback.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _workbook(*rows: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _shared_strings_bomb(unpacked_bytes: int) -> bytes:
    """A real workbook whose shared strings are replaced by one string of ``unpacked_bytes`` letters:
    a few kilobytes on disk, any size unpacked."""
    workbook = _workbook(["external_id", "kind", "text", "received_at"], ["A", "b", "c", "d"])
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for entry in source.infolist():
            if entry.filename != "xl/sharedStrings.xml":
                bomb.writestr(entry, source.read(entry.filename))
        head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        with bomb.open("xl/sharedStrings.xml", "w") as target:
            target.write(head + b"<si><t>")
            chunk = b"a" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                target.write(chunk)
            target.write(b"</t></si></sst>")
    return buffer.getvalue()


@pytest.fixture
def never_parsed(monkeypatch):
    """Fails the test if openpyxl is asked to open the workbook."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.fixture
def worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-media"


def _import(source, officer, content: bytes, name: str, capture) -> ImportJob:
    with capture(execute=True):
        job = import_job_create(
            source=source,
            upload=SimpleUploadedFile(name, content),
            file_format="template",
            encoding="auto",
            actor=officer,
        )
    job.refresh_from_db()
    return job


def test_a_shared_strings_bomb_is_refused_before_it_is_parsed(settings, officer_a, body_a, never_parsed) -> None:
    """Before: a 1 MB XLSX unpacking to 1 GiB held the worker's memory for 20 s before being refused."""
    settings.ASHYQ_XLSX_MAX_UNPACKED_MB = 2
    bomb = _shared_strings_bomb(3 * 1024 * 1024)
    assert len(bomb) < 64 * 1024  # small on disk
    # on upload: refused with its reason, nothing queued
    with pytest.raises(ValidationError, match="unpacks to more than 2 MB"):
        import_job_create(
            source=SourceFactory(body=body_a),
            upload=SimpleUploadedFile("items.xlsx", bomb),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )
    assert not ImportJob.objects.exists()
    # in the worker (a file stored before the limit was lowered): refused before openpyxl opens it
    with pytest.raises(FileRefused, match="unpacks to more than 2 MB"):
        open_table(io.BytesIO(bomb))


def test_a_zip_of_too_many_entries_is_refused(settings) -> None:
    settings.ASHYQ_XLSX_MAX_ENTRIES = 10
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for number in range(11):
            package.writestr(f"xl/part{number}.xml", b"<x/>")
    with pytest.raises(ValidationError, match="more than 10 parts"):
        check_upload(SimpleUploadedFile("items.xlsx", buffer.getvalue()))


def test_a_document_bomb_cannot_be_attached_either(settings) -> None:
    """The attachments follow the same rules: a DOCX is a zip package too."""
    settings.ASHYQ_XLSX_MAX_UNPACKED_MB = 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * (3 * 1024 * 1024))
    with pytest.raises(ValidationError, match=r"letter\.docx unpacks to more than 2 MB"):
        validate_attachment(SimpleUploadedFile("letter.docx", buffer.getvalue()))


def test_a_truncated_xlsx_is_refused_as_damaged_on_upload(officer_a, body_a) -> None:
    content = _workbook(["external_id"], ["A-1"])[:200]  # the signature, then cut off
    with pytest.raises(ValidationError, match=r"items\.xlsx is damaged"):
        import_job_create(
            source=SourceFactory(body=body_a),
            upload=SimpleUploadedFile("items.xlsx", content),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )


def test_a_zip_that_is_not_a_workbook_gets_its_own_message(
    worker, officer_a, body_a, django_capture_on_commit_callbacks
) -> None:
    """Before: "the import stopped unexpectedly" (the row estimate opened the workbook unguarded)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", b"not a workbook")
    job = _import(
        SourceFactory(body=body_a), officer_a, buffer.getvalue(), "items.xlsx", django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [{"line": 1, "reason": "The XLSX file cannot be opened; it may be damaged."}]


def test_a_nul_byte_in_a_csv_gets_its_own_message(worker, officer_a, body_a, django_capture_on_commit_callbacks):
    """Before: "the import stopped unexpectedly" (PostgreSQL refused the NUL while writing)."""
    content = b"external_id,kind,text,received_at\nA-1,remark,Te\x00xt,2026-09-02\n"
    job = _import(SourceFactory(body=body_a), officer_a, content, "items.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["line"] == 2 and "NUL byte" in job.errors[0]["reason"]
    assert not Item.objects.exists()


def test_an_xlsx_is_parsed_read_only(worker, officer_a, body_a, monkeypatch, django_capture_on_commit_callbacks):
    """Streaming: openpyxl's read-only reader, never the whole workbook in memory."""
    modes = []
    load = openpyxl.load_workbook

    def spy(*args, **kwargs):
        modes.append(kwargs.get("read_only"))
        return load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    source = SourceFactory(body=body_a)
    content = _workbook(["external_id", "kind", "text", "received_at"], ["A-1", "remark", "Текст", "2026-09-02"])
    job = _import(source, officer_a, content, "items.xlsx", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert modes and all(mode is True for mode in modes)
