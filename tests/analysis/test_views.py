"""The analysis pages (issue 12): an officer starts and reads their body's analysis, another body's officer gets
404, the anonymous citizen is sent to log in, a bad form comes back bound with an error summary, the documents
are in Kazakh and Russian, and the items list filters by language."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from ashyq.analysis.models import QuarterRun
from ashyq.feedback.models import QuarterlyAnalysis, Topic

from .conftest import IIN

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(client, officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks):
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analysis:run_list"), {"body": body_a.pk, "year": 2026, "quarter": 3})
    run = QuarterRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("analysis:run_detail", args=[run.pk])
    client.logout()
    return run


def test_the_officer_reads_the_figures_groups_and_topics_without_personal_data(
    client, officer_a, run, django_assert_max_num_queries
):
    client.force_login(officer_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("analysis:run_detail", args=[run.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Texts received</dt><dd>21</dd>" in page
    assert "Different texts</dt><dd>10</dd>" in page
    assert "campaign: 12 texts from" in page
    assert "Name the topic" in page and "Save in the quarterly analysis" in page
    assert IIN not in page


def test_the_first_head_reads_but_is_offered_no_action(client, first_head_a, run):
    client.force_login(first_head_a)
    page = client.get(reverse("analysis:run_detail", args=[run.pk])).content.decode()
    assert "Texts received" in page
    assert "Name the topic" not in page and "Save in the quarterly analysis" not in page


def test_an_officer_of_another_body_gets_404_and_the_citizen_is_sent_to_log_in(client, officer_b, run):
    url = reverse("analysis:run_detail", args=[run.pk])
    assert client.get(url).status_code == 302
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    assert client.post(reverse("analysis:run_again", args=[run.pk])).status_code == 404


def test_a_bad_quarter_comes_back_bound_with_an_error_summary(client, officer_a, body_a):
    client.force_login(officer_a)
    response = client.post(reverse("analysis:run_list"), {"body": body_a.pk, "year": 1999, "quarter": 3})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#id_year"' in page
    assert 'value="1999"' in page
    assert not QuarterRun.objects.exists()


def test_the_progress_fragment_polls_while_the_run_waits(client, officer_a, body_a, quarter_texts):
    client.force_login(officer_a)
    client.post(reverse("analysis:run_list"), {"body": body_a.pk, "year": 2026, "quarter": 3})
    run = QuarterRun.objects.get()
    response = client.get(reverse("analysis:run_detail", args=[run.pk]), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'hx-trigger="every 1s"' in page and "0 of 0 texts analysed" in page


def test_naming_a_topic_on_the_page_adds_it_to_the_topics_list(client, officer_a, run):
    client.force_login(officer_a)
    cluster = run.topics.first()
    url = reverse("analysis:topic_action", args=[cluster.pk, "name"])
    response = client.post(url, {"title_kk": "Жол мен су", "title_ru": ""})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert 'value="Жол мен су"' in response.content.decode()
    response = client.post(url, {"title_kk": "Жол мен су", "title_ru": "Дороги и вода"})
    assert response.status_code == 302
    assert Topic.objects.get().title_ru == "Дороги и вода"


def test_the_edited_findings_become_the_quarterly_analysis(client, officer_a, run):
    client.force_login(officer_a)
    response = client.post(reverse("analysis:prefill", args=[run.pk]), {"findings": "Тоқсанда жол мен су..."})
    assert response.status_code == 302 and response["Location"] == reverse("feedback:analysis_list")
    assert QuarterlyAnalysis.objects.get().findings == "Тоқсанда жол мен су..."


@pytest.mark.parametrize(("language", "title"), [("kk", "тоқсан"), ("ru", "квартал")])
def test_the_documents_are_in_kazakh_and_russian(client, officer_a, run, language, title):
    client.force_login(officer_a)
    pdf = client.get(reverse("analysis:run_document", args=[run.pk, language, "pdf"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert title in text and IIN not in text
    docx = client.get(reverse("analysis:run_document", args=[run.pk, language, "docx"]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert any(title in p for p in paragraphs)
    assert client.get(reverse("analysis:run_document", args=[run.pk, "en", "pdf"])).status_code == 404


def test_the_items_list_filters_by_language(client, officer_a, run):
    client.force_login(officer_a)
    page = client.get(reverse("feedback:item_list"), {"language": "mixed"}).content.decode()
    assert "Су жоқ үш күн болды" in page
    assert "Просим отремонтировать дорогу в селе" not in page


def test_the_published_draft_report_hides_the_citizens_personal_data(client, officer_a, body_a):
    """The report on a draft (000 §7, §11) is published: a remark's IIN and phone are replaced there."""
    from tests.feedback.factories import ItemFactory, SourceFactory

    source = SourceFactory(body=body_a)
    ItemFactory(source=source, text=f"Пункт 5 исключить. Мой ИИН {IIN}, тел. 8 701 123 45 67")
    client.force_login(officer_a)
    response = client.get(reverse("feedback:source_report", args=[source.pk, "ru", "docx"]))
    cells = [c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells]
    assert "Пункт 5 исключить. Мой ИИН [ИИН скрыт], тел. [телефон скрыт]" in cells
    assert not any(IIN in cell for cell in cells)


def test_the_api_queues_a_run_and_gives_its_figures(
    client, officer_a, officer_b, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given the officer of body A
    client.force_login(officer_a)
    # when they ask for the analysis of 2026 Q3 through the API
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/analysis/runs/",
            {"body_id": body_a.pk, "year": 2026, "quarter": 3},
            content_type="application/json",
        )
    # then it is queued (and here run at once), and its figures, groups and topics can be read
    assert response.status_code == 200 and response.json()["status"] == "queued"
    assert client.get("/api/v1/analysis/runs/").json()["count"] == 1
    detail = client.get(f"/api/v1/analysis/runs/{response.json()['id']}/").json()
    assert (detail["status"], detail["results"]["total"], detail["results"]["unique"]) == ("done", 21, 10)
    assert detail["groups"][0]["size"] == 12 and detail["groups"][0]["is_campaign"]
    assert detail["topics"]
    # and the items API filters by the language it stored
    items = client.get("/api/v1/feedback/items/", {"language": "mixed"}).json()
    assert [i["language"] for i in items["items"]] == ["mixed"]
    # and a bad quarter is a 422; another body's officer gets 404
    bad = client.post(
        "/api/v1/analysis/runs/", {"body_id": body_a.pk, "year": 2026, "quarter": 5}, content_type="application/json"
    )
    assert bad.status_code == 422
    client.force_login(officer_b)
    assert client.get(f"/api/v1/analysis/runs/{response.json()['id']}/").status_code == 404
    assert (
        client.post(
            "/api/v1/analysis/runs/",
            {"body_id": body_a.pk, "year": 2026, "quarter": 3},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_the_list_shows_the_readers_analyses_in_a_fixed_number_of_queries(
    client, analyst, officer_b, run, django_assert_max_num_queries
):
    # given one analysed quarter of body A
    client.force_login(analyst)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("analysis:run_list")).content.decode()
    # then the analyst sees it; an officer of body B does not
    assert reverse("analysis:run_detail", args=[run.pk]) in page
    client.force_login(officer_b)
    assert (
        reverse("analysis:run_detail", args=[run.pk]) not in client.get(reverse("analysis:run_list")).content.decode()
    )


def test_the_head_of_the_authorized_body_reads_but_is_offered_no_run(client, authorized_head, run):
    client.force_login(authorized_head)
    page = client.get(reverse("analysis:run_list")).content.decode()
    assert reverse("analysis:run_detail", args=[run.pk]) in page
    assert "Start the analysis" not in page
