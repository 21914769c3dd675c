"""§10 data-source imports into a campaign: all or nothing, provenance of every value (issue 14 item 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ashyq.evaluation.models import Campaign, Enrolment, ReportFact, Source, SourceImport
from ashyq.evaluation.services.imports import source_import_create


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


def _upload(campaign: Campaign, analyst: User, text: str, capture: Any) -> SourceImport:
    with capture(execute=True):
        job = source_import_create(
            campaign=campaign, file=SimpleUploadedFile("survey.csv", text.encode("utf-8")), actor=analyst
        )
    job.refresh_from_db()
    return job


def test_the_surveys_are_imported_with_file_and_row(
    enrolled: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Any
) -> None:
    """§10: the population survey (table 7-1 item 3) and the media survey (C of §83) per body."""
    campaign = enrolled["a"].campaign
    a, local = enrolled["a"].body, enrolled["local"].body
    text = (
        "body;indicator;language;satisfied_percent;met\n"
        f"{a.name_ru};t7-1.3;common;62,5;\n"
        f"{a.name_ru};p6.C;common;75;\n"
        f"{local.name_ru};t7-1.3;common;81;\n"
        f"{a.name_ru};t1.6;kk;;да\n"
    )
    job = _upload(campaign, analyst, text, django_capture_on_commit_callbacks)

    assert job.status == SourceImport.Status.DONE, job.errors
    assert job.stored_values == 4 and job.percent == 100
    fact = ReportFact.objects.get(enrolment=enrolled["a"], indicator="t7-1.3", language="")
    assert fact.value == {"satisfied_percent": "62.5"}
    assert (fact.source, fact.source_file, fact.source_row) == (Source.IMPORT, "survey.csv", 2)
    assert ReportFact.objects.get(enrolment=enrolled["a"], indicator="t1.6", language="kk").value == {"met": True}


def test_one_bad_row_refuses_the_whole_file_listing_every_bad_row(
    enrolled: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Any
) -> None:
    campaign = enrolled["a"].campaign
    a = enrolled["a"].body
    text = (
        "body,indicator,language,satisfied_percent\n"
        f"{a.name_ru},t7-1.3,common,62.5\n"
        f"{a.name_ru},t7-1.3,common,120\n"
        "Nobody,t7-1.3,common,50\n"
        f"{a.name_ru},t7-1.3,en,50\n"
    )
    job = _upload(campaign, analyst, text, django_capture_on_commit_callbacks)

    assert job.status == SourceImport.Status.FAILED
    assert [error["line"] for error in job.errors] == [3, 4, 5]
    assert "up to 100" in job.errors[0]["message"]
    assert not ReportFact.objects.exists()


def test_the_import_page_is_for_analysts_and_shows_the_refusal(
    enrolled: dict[str, Enrolment], analyst: User, officer_a: User, django_capture_on_commit_callbacks: Any
) -> None:
    campaign = enrolled["a"].campaign
    officer, staff = Client(), Client()
    officer.force_login(officer_a)
    staff.force_login(analyst)
    url = reverse("evaluation:imports", args=[campaign.pk])
    assert officer.get(url).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"file": SimpleUploadedFile("x.csv", b"body,indicator\nA,t1.1\n")})
    page = staff.get(response["Location"]).content.decode()

    assert "Missing columns: language." in page and "nothing was stored" in page
