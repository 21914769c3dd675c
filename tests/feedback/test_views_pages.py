"""The source, import, analysis, topics and projects pages call their services and show their state."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from ashyq.feedback.models import ImportJob, QuarterlyAnalysis, Source, SourceKind
from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_an_officer_registers_a_source_and_adds_a_notice(client, officer_a, body_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("feedback:source_create"),
        {
            "body": body_a.pk,
            "kind": SourceKind.DRAFT_NPA,
            "title_kk": "Жоба",
            "title_ru": "Проект",
            "period_start": "2026-09-01",
            "period_end": "2026-09-15",
        },
    )
    source = Source.objects.get()
    assert response.url == reverse("feedback:source_detail", args=[source.pk])
    client.post(
        reverse("feedback:source_action", args=[source.pk, "notice"]),
        {"url": "https://legalacts.egov.kz/n/1", "published_on": "2026-09-01"},
    )
    ItemFactory(source=source)
    response = client.get(reverse("feedback:source_detail", args=[source.pk]))
    assert source.notices.count() == 1
    assert response.context["counts"] == [("remark or proposal", "received", 1)]


def test_an_officer_cannot_register_a_source_for_another_body(client, officer_b, body_a):
    client.force_login(officer_b)
    client.post(
        reverse("feedback:source_create"),
        {
            "body": body_a.pk,
            "kind": SourceKind.DRAFT_NPA,
            "title_kk": "Ж",
            "title_ru": "П",
            "period_start": "2026-09-01",
            "period_end": "2026-09-15",
        },
    )
    assert not Source.objects.exists()


def test_the_import_page_polls_until_the_import_has_finished(client, officer_a, body_a):
    source = SourceFactory(body=body_a)
    job = ImportJob.objects.create(
        source=source,
        file="x.csv",
        file_name="x.csv",
        format="template",
        created_by=officer_a,
        status=ImportJob.Status.RUNNING,
        total_rows=200,
        processed_rows=50,
    )
    client.force_login(officer_a)
    fragment = client.get(reverse("feedback:import_detail", args=[job.pk]), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html and "<main" not in html
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    html = client.get(reverse("feedback:import_detail", args=[job.pk]), headers={"HX-Request": "true"}).content
    assert b"hx-trigger" not in html and b'value="100"' in html


def test_the_quarterly_analysis_through_the_pages(client, officer_a, first_head_a, body_a):
    client.force_login(officer_a)
    client.post(
        reverse("feedback:analysis_create"),
        {
            "body": body_a.pk,
            "year": 2026,
            "quarter": 3,
            "appeals_count": 10,
            "social_comments_count": 20,
            "findings": "Талдау",
        },
    )
    analysis = QuarterlyAnalysis.objects.get()
    client.post(
        reverse("feedback:analysis_action", args=[analysis.pk, "recommend"]),
        {"kind": "new_project", "text": "Жаңа жоба", "unit": "Департамент"},
    )
    client.post(reverse("feedback:analysis_action", args=[analysis.pk, "submit"]))
    client.post(reverse("feedback:analysis_action", args=[analysis.pk, "decide"]), {"decision": "x"})
    analysis.refresh_from_db()
    assert analysis.status == QuarterlyAnalysis.Status.SUBMITTED  # the officer may not decide
    client.force_login(first_head_a)
    client.post(reverse("feedback:analysis_action", args=[analysis.pk, "decide"]), {"decision": "Орындалсын"})
    analysis.refresh_from_db()
    assert analysis.status == QuarterlyAnalysis.Status.DECIDED


def test_the_topics_page_shows_the_half_year_check(client, officer_a, body_a):
    SourceFactory(
        body=body_a,
        kind=SourceKind.SURVEY,
        period_start=datetime.date(2026, 8, 1),
        period_end=datetime.date(2026, 8, 31),
    )
    client.force_login(officer_a)
    response = client.get(reverse("feedback:topic_list"), {"year": 2026})
    [(body, (first, second))] = response.context["checks"]
    assert body == body_a and not first.met and second.met


def test_the_projects_page_shows_overdue_results(client, officer_a, body_a):
    client.force_login(officer_a)
    client.post(
        reverse("feedback:project_create"),
        {
            "body": body_a.pk,
            "title_kk": "Жоба",
            "title_ru": "Проект",
            "start_year": 2024,
            "end_year": 2024,
        },
    )
    response = client.get(reverse("feedback:project_list"))
    [(project, schedule)] = response.context["rows"]
    assert len(schedule) == 5 and all(due.overdue for due in schedule)
    client.post(
        reverse("feedback:publication_add", args=[project.pk]),
        {"year": 2024, "quarter": "", "url": "https://www.gov.kz/r", "published_on": "2025-01-20"},
    )
    [(project, schedule)] = client.get(reverse("feedback:project_list")).context["rows"]
    assert [due.overdue for due in schedule] == [True, True, True, True, False]


def test_the_admin_shows_items_but_writes_only_through_the_services(admin_client, body_a):
    ItemFactory(source=SourceFactory(body=body_a), external_id="ADM-1")
    response = admin_client.get("/en/admin/feedback/item/")
    assert b"ADM-1" in response.content
    assert admin_client.get("/en/admin/feedback/item/add/").status_code == 403
