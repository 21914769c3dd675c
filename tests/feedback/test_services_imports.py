"""Imports: all rows or none, every bad row reported, idempotent, the open NPA portal format (issue 5 item 3)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ashyq.core.models import AuditEvent
from ashyq.feedback.models import ImportJob, Item, ItemKind, ItemStatus
from ashyq.feedback.services.imports import import_job_create
from tests.feedback.factories import SourceFactory

pytestmark = pytest.mark.django_db(transaction=False)

TEMPLATE = (
    "external_id,kind,author,text,clause,received_at,status,reference,reason,answer,answered_on\n"
    "A-1,remark,Иванов,Изменить пункт 5,п. 5,2026-09-02 10:15,accepted,Приказ № 12 п. 5,,,\n"
    "A-2,remark,Петров,Исключить пункт 7,п. 7,03.09.2026,rejected,,Противоречит Кодексу,,\n"
    "A-3,comment,Сидоров,Хороший проект,,2026-09-04,,,,,\n"
    'A-4,comment,Асанов,=HYPERLINK("http://x"),,2026-09-20,answered,,,Спасибо,2026-09-21\n'
)
PORTAL = (
    "id;parent_id;author;text;clause;status;date\n"
    "101;;Асан;Статью 3 изложить иначе;ст. 3;Не принято;09/09 - 10:55\n"
    "102;101;Министерство;Не учтено: противоречит Кодексу;;;10/09 - 09:00\n"
    "103;;Дана;Пункт 4 дополнить словами;п. 4;Принято;11/09 - 12:00\n"
    "104;;Ерлан;Когда вступит в силу?;;;12/09 - 08:30\n"
    "105;104;Министерство;После опубликования;;;12/09 - 15:00\n"
    "106;;Айгуль;Согласна;;;13/09 - 18:00\n"
)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def source(body_a):
    return SourceFactory(body=body_a, period_start=datetime.date(2026, 9, 1), period_end=datetime.date(2026, 9, 15))


def _upload(content: bytes, name: str = "items.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _run(source, officer, content: bytes, *, file_format="template", encoding="auto", name="items.csv", capture=None):
    with capture(execute=True):
        job = import_job_create(
            source=source, upload=_upload(content, name), file_format=file_format, encoding=encoding, actor=officer
        )
    job.refresh_from_db()
    return job


def test_the_template_imports_every_row_with_its_outcome(officer_a, source, django_capture_on_commit_callbacks):
    # given the Ashyq template with four rows
    # when the officer uploads it
    job = _run(source, officer_a, TEMPLATE.encode(), capture=django_capture_on_commit_callbacks)
    # then the import ran after the commit and wrote each row with its state
    assert job.status == ImportJob.Status.DONE, job.errors
    assert (job.created_count, job.unchanged_count, job.outside_period_count) == (4, 0, 1)
    states = dict(Item.objects.values_list("external_id", "status"))
    assert states == {"A-1": "accepted", "A-2": "rejected", "A-3": "unanswered", "A-4": "answered"}
    assert Item.objects.get(external_id="A-4").outside_period
    assert Item.objects.get(external_id="A-4").text.startswith("=HYPERLINK")  # kept as text, never run
    assert AuditEvent.objects.filter(event_type="feedback.import.completed", body=source.body).count() == 1


def test_importing_the_same_file_again_changes_nothing(
    officer_a, source, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("ashyq.feedback.services.imports.PROGRESS_EVERY", 1)  # the progress writes run too
    _run(source, officer_a, TEMPLATE.encode(), capture=django_capture_on_commit_callbacks)
    before = list(Item.objects.order_by("pk").values())
    job = _run(source, officer_a, TEMPLATE.encode(), capture=django_capture_on_commit_callbacks)
    assert (job.status, job.created_count, job.unchanged_count) == (ImportJob.Status.DONE, 0, 4)
    assert list(Item.objects.order_by("pk").values()) == before


def test_a_file_with_bad_rows_is_refused_whole_with_every_bad_row(
    officer_a, source, django_capture_on_commit_callbacks
):
    # given a file with one good row and four bad ones
    content = (
        "external_id,kind,text,received_at,status,reference\n"
        "B-1,remark,Хорошая строка,2026-09-02,,\n"
        "B-2,opinion,Неизвестный вид,2026-09-02,,\n"
        "B-3,remark,Нет даты,вчера,,\n"
        "B-4,remark,Принято без ссылки,2026-09-02,accepted,\n"
        "B-1,comment,Повтор,2026-09-02,,\n"
    ).encode()
    # when it is imported
    job = _run(source, officer_a, content, capture=django_capture_on_commit_callbacks)
    # then nothing is written and every bad row is named with its line and reason
    assert job.status == ImportJob.Status.FAILED
    assert [error["line"] for error in job.errors] == [3, 4, 5, 6]
    assert "remark or comment" in job.errors[0]["reason"]
    assert "not a date" in job.errors[1]["reason"]
    assert "reference" in job.errors[2]["reason"]
    assert "twice" in job.errors[3]["reason"]
    assert not Item.objects.exists()
    assert AuditEvent.objects.filter(event_type="feedback.import.refused").count() == 1


def test_cp1251_is_detected_and_a_wrong_encoding_is_explained(officer_a, source, django_capture_on_commit_callbacks):
    job = _run(source, officer_a, TEMPLATE.encode("cp1251"), capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE
    assert Item.objects.get(external_id="A-3").author == "Сидоров"
    other = SourceFactory(body=source.body)
    job = _run(
        other, officer_a, TEMPLATE.encode("cp1251"), encoding="utf-8", capture=django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.FAILED
    assert "UTF-8" in job.errors[0]["reason"] or "utf-8" in job.errors[0]["reason"]


def test_the_open_npa_portal_format(officer_a, source, django_capture_on_commit_callbacks):
    # given the portal's comments with nested replies of the body and dates without a year
    job = _run(source, officer_a, PORTAL.encode(), file_format="npa_portal", capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.errors
    # then replies are answers, not items; a status makes a remark/proposal
    items = {item.external_id: item for item in Item.objects.all()}
    assert set(items) == {"101", "103", "104", "106"}
    rejected = items["101"]
    assert (rejected.kind, rejected.status) == (ItemKind.REMARK, ItemStatus.REJECTED)
    assert rejected.rejection_reason == "Не учтено: противоречит Кодексу"
    assert rejected.received_at.year == 2026 and rejected.received_at.month == 9 and rejected.received_at.day == 9
    # «Принято» without a reference waits for the officer's reference (000 §20 p.1)
    assert (items["103"].status, items["103"].portal_status) == (ItemStatus.RECEIVED, "Принято")
    assert (items["104"].kind, items["104"].status) == (ItemKind.COMMENT, ItemStatus.ANSWERED)
    assert items["104"].answered_on == datetime.date(2026, 9, 12)
    assert items["106"].status == ItemStatus.UNANSWERED


def test_a_reply_to_an_unknown_comment_is_a_bad_row(officer_a, source, django_capture_on_commit_callbacks):
    content = "id,parent_id,text,status,date\n1,,Вопрос,,09/09 - 10:00\n2,99,Ответ,,09/09 - 11:00\n".encode()
    job = _run(source, officer_a, content, file_format="npa_portal", capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [{"line": 3, "reason": "a reply to the comment 99, which is not in the file"}]


def test_an_xlsx_file_is_read(officer_a, source, django_capture_on_commit_callbacks):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["external_id", "kind", "text", "received_at"])
    sheet.append(["X-1", "ескерту", "Ұсыныс", datetime.datetime(2026, 9, 3, 9, 0)])
    sheet.append([2, "түсініктеме", "Пікір", datetime.date(2026, 9, 4)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _run(source, officer_a, buffer.getvalue(), name="items.xlsx", capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert dict(Item.objects.values_list("external_id", "kind")) == {"X-1": "remark", "2": "comment"}


def test_a_row_of_another_body_is_refused(officer_a, source, django_capture_on_commit_callbacks):
    content = b"external_id,kind,text,received_at,body_npa_id\n1,remark,x,2026-09-02,999999\n"
    job = _run(source, officer_a, content, capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED and "not the body" in job.errors[0]["reason"]


def test_empty_and_oversized_files_are_refused_on_upload(officer_a, source, settings):
    with pytest.raises(ValidationError, match="empty"):
        import_job_create(source=source, upload=_upload(b""), file_format="template", encoding="auto", actor=officer_a)
    settings.ASHYQ_UPLOAD_LIMIT_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        import_job_create(
            source=source,
            upload=_upload(b"x" * (1024 * 1024 + 1)),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )
    assert not ImportJob.objects.exists()


def test_a_file_of_blank_lines_is_refused(officer_a, source, django_capture_on_commit_callbacks):
    job = _run(source, officer_a, b"\n\n  \n", capture=django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED and "empty" in job.errors[0]["reason"]


def test_an_officer_of_another_body_cannot_import(officer_b, source):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_job_create(
            source=source, upload=_upload(TEMPLATE.encode()), file_format="template", encoding="auto", actor=officer_b
        )
