"""Pages: the items list (filters, scope, export, query count), item transitions, reports, the summary."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ashyq.core.models import AuditEvent
from ashyq.feedback.models import ItemKind, ItemStatus, NotAccessibleFinding
from tests.documents import pdf_is_landscape, pdf_text
from tests.feedback.factories import ALMATY, ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items_a(body_a):
    source = SourceFactory(body=body_a)
    remarks = ItemFactory.create_batch(3, source=source)
    comments = ItemFactory.create_batch(2, source=source, kind=ItemKind.COMMENT, text="=cmd|' /C calc'!A0")
    return source, remarks, comments


def test_the_items_list_shows_only_the_officers_body_in_a_fixed_number_of_queries(
    client, officer_a, items_a, body_b, django_assert_max_num_queries
):
    # given 5 items of body A and 60 of body B
    ItemFactory.create_batch(60, source=SourceFactory(body=body_b))
    client.force_login(officer_a)
    # when the officer of body A opens the list
    with django_assert_max_num_queries(8):
        response = client.get(reverse("feedback:item_list"))
    # then the page shows body A's five items only
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 5
    assert {item.body_id for item in response.context["page"]} == {items_a[0].body_id}


def test_the_query_count_does_not_grow_with_the_page(client, analyst, body_a, django_assert_max_num_queries):
    ItemFactory.create_batch(120, source=SourceFactory(body=body_a))
    client.force_login(analyst)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("feedback:item_list"), {"status": "received", "page": 2})
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 120


def test_filters_narrow_the_list(client, officer_a, items_a):
    client.force_login(officer_a)
    response = client.get(reverse("feedback:item_list"), {"kind": "comment"})
    assert response.context["page"].paginator.count == 2
    response = client.get(reverse("feedback:item_list"), {"q": "calc", "since": "2026-09-01", "until": "2026-09-30"})
    assert response.context["page"].paginator.count == 2
    response = client.get(reverse("feedback:item_list"), {"until": "2026-09-04"})
    assert response.context["page"].paginator.count == 0


def test_export_csv_and_xlsx_of_what_is_filtered_never_executes_formulas(client, officer_a, items_a):
    client.force_login(officer_a)
    response = client.get(reverse("feedback:item_list"), {"kind": "comment", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # header + 2 comments
    assert rows[1][9].startswith("'=")
    response = client.get(reverse("feedback:item_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 6
    assert all(not str(cell.value).startswith("=") for row in sheet.iter_rows() for cell in row if cell.value)


def test_an_officer_of_another_body_gets_404_for_an_item(client, officer_b, items_a):
    client.force_login(officer_b)
    item = items_a[1][0]
    assert client.get(reverse("feedback:item_detail", args=[item.pk])).status_code == 404
    response = client.post(reverse("feedback:item_action", args=[item.pk, "accept"]), {"reference": "x"})
    assert response.status_code == 404


def test_the_citizen_is_sent_to_log_in(client, items_a):
    response = client.get(reverse("feedback:item_list"))
    assert response.status_code == 302 and "/login/" in response.url


def test_accept_from_the_page_and_a_wrong_transition_shows_the_message(client, officer_a, items_a):
    client.force_login(officer_a)
    item = items_a[1][0]
    url = reverse("feedback:item_action", args=[item.pk, "accept"])
    response = client.post(url, {"reference": "Бұйрық № 5, 2-тармақ"}, follow=True)
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    response = client.post(reverse("feedback:item_action", args=[item.pk, "reject"]), {"reason": "x"}, follow=True)
    texts = [str(message) for message in response.context["messages"]]
    assert any("rejected" in text for text in texts)
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED


@pytest.mark.parametrize("extension", ["pdf", "docx", "xlsx"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_draft_report_in_every_format_and_language(client, officer_a, items_a, language, extension):
    # given a draft with one accepted and one rejected remark
    source, _remarks, _comments = items_a
    ItemFactory(source=source, status=ItemStatus.ACCEPTED, reference="Бұйрық № 5, 2-тармақ")
    ItemFactory(source=source, status=ItemStatus.REJECTED, rejection_reason="Кодекске қайшы")
    client.force_login(officer_a)
    # when the report is downloaded
    response = client.get(reverse("feedback:source_report", args=[source.pk, language, extension]))
    # then it holds the reference and the reason in the chosen language's document
    assert response.status_code == 200
    content = response.content
    if extension == "pdf":
        text = pdf_text(content)
        assert pdf_is_landscape(content)
        assert "Бұйрық № 5, 2-тармақ" in text and "Кодекске қайшы" in text
        assert text.startswith("Қабылданған" if language == "kk" else "Отчет")
    elif extension == "docx":
        text = "\n".join(
            cell.text for table in Document(io.BytesIO(content)).tables for row in table.rows for cell in row.cells
        )
        assert "Бұйрық № 5, 2-тармақ" in text and "Кодекске қайшы" in text
        heading = Document(io.BytesIO(content)).paragraphs[0].text
        assert heading.startswith("Қабылданған" if language == "kk" else "Отчет")
    else:
        values = [cell.value for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]
        assert "Кодекске қайшы" in values


def test_the_summary_gives_f_from_the_records(client, analyst, body_a, body_b, django_assert_max_num_queries):
    # given body A: 4 remarks (3 accepted, 1 rejected) and 2 comments (1 answered) in 2026
    source = SourceFactory(body=body_a)
    ItemFactory.create_batch(3, source=source, status=ItemStatus.ACCEPTED, reference="п. 1")
    ItemFactory(source=source, status=ItemStatus.REJECTED, rejection_reason="нет")
    ItemFactory(
        source=source,
        kind=ItemKind.COMMENT,
        status=ItemStatus.ANSWERED,
        answer_text="да",
        answered_on=datetime.date(2026, 9, 6),
    )
    ItemFactory(source=source, kind=ItemKind.COMMENT)
    # and an item of 2025, outside the period
    ItemFactory(source=source, received_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=ALMATY))
    client.force_login(analyst)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("feedback:summary"), {"year": 2026})
    rows = {row.body.pk: row for row in (r.line for r in response.context["rows"])}
    a = rows[body_a.pk]
    assert (a.counts.remarks_received, a.counts.remarks_accepted, a.counts.remarks_rejected) == (4, 3, 1)
    assert (a.counts.comments_received, a.counts.comments_answered, a.counts.comments_unanswered) == (2, 1, 1)
    # F = (3/4) × (1/2) × 100 = 37.5 → ineffective (000 §22–23)
    assert str(a.score.f.normalize()) == "37.5" and a.score.band == "ineffective"
    # body B received nothing: F = 100 (SPEC §7)
    assert rows[body_b.pk].score.display == "100.0" and rows[body_b.pk].score.band == "high"


def test_the_analyst_sets_not_openly_accessible_and_f_becomes_zero(client, analyst, officer_a, body_a):
    SourceFactory(body=body_a)
    client.force_login(officer_a)
    response = client.post(
        reverse("feedback:finding_set") + "?year=2026", {"body": body_a.pk, "reason": "x"}, follow=True
    )
    assert not NotAccessibleFinding.objects.exists()
    client.force_login(analyst)
    client.post(
        reverse("feedback:finding_set") + "?year=2026", {"body": body_a.pk, "reason": "Жоба порталда жарияланбаған"}
    )
    finding = NotAccessibleFinding.objects.get()
    assert (finding.period_start, finding.period_end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert AuditEvent.objects.filter(event_type="feedback.finding.set").count() == 1
    response = client.get(reverse("feedback:summary"), {"year": 2026})
    row = next(row for row in (r.line for r in response.context["rows"]) if row.body.pk == body_a.pk)
    assert row.score.f == 0 and row.score.band == "ineffective"
    # the officer cannot withdraw it; the analyst can, and F is 100 again (nothing received)
    client.force_login(officer_a)
    assert client.post(reverse("feedback:finding_clear", args=[finding.pk])).status_code == 403
    client.force_login(analyst)
    client.post(reverse("feedback:finding_clear", args=[finding.pk]))
    assert not NotAccessibleFinding.objects.exists()
    assert AuditEvent.objects.filter(event_type="feedback.finding.cleared").count() == 1


def test_the_import_template_downloads(client):
    response = client.get(reverse("feedback:import_template", args=["template", "csv"]))
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("external_id,kind,author,text")
    response = client.get(reverse("feedback:import_template", args=["npa_portal", "xlsx"]))
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "id"


def test_the_count_of_a_huge_list_stops_at_the_cap(client, analyst, body_a, monkeypatch):
    # given more items than the cap (the cap lowered to 5 for the test)
    monkeypatch.setattr("ashyq.feedback.views.COUNT_CAP", 5)
    ItemFactory.create_batch(7, source=SourceFactory(body=body_a))
    client.force_login(analyst)
    response = client.get(reverse("feedback:item_list"))
    # then the page counts 6 (cap + 1) and says there are more
    assert response.context["page"].paginator.count == 6 and response.context["page"].paginator.capped
    assert "More than 5 items" in response.content.decode()


def test_the_body_summary_gives_the_four_parts_of_000_p20(client, officer_a, officer_b, body_a):
    # given a remark, a survey and a briefing of body A in 2026
    source = SourceFactory(body=body_a)
    ItemFactory(source=source, status=ItemStatus.ACCEPTED, reference="п. 1")
    survey = SourceFactory(body=body_a, kind="survey", url="https://dialog.egov.kz/s/1")
    from ashyq.feedback.models import OutreachMaterial

    OutreachMaterial.objects.create(
        body=body_a, kind="briefing", title="Брифинг", url="https://x.kz/b", held_on=datetime.date(2026, 9, 3)
    )
    client.force_login(officer_a)
    response = client.get(reverse("feedback:body_summary", args=[body_a.pk]), {"year": 2026})
    summary = response.context["summary"]
    assert (summary.counts.remarks_received, summary.counts.remarks_accepted) == (1, 1)
    assert summary.dialogue == [survey] and len(summary.materials) == 1
    assert response.context["score"].display == "100.0"
    client.force_login(officer_b)
    assert client.get(reverse("feedback:body_summary", args=[body_a.pk]), {"year": 2026}).status_code == 404
