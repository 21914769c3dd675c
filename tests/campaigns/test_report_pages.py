"""The report's table pages, verification rows, requests, ranking and exports (issue 14 items 2, 4, 8)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ashyq.evaluation.models import Campaign, DocumentRequest, Enrolment, Evidence, ReportFact, Verification
from ashyq.evaluation.services.campaigns import campaign_close_collection, campaign_open
from ashyq.evaluation.services.verification import request_create


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def collecting(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User) -> dict[str, Enrolment]:
    campaign_open(campaign=campaign, actor=analyst)
    return enrolled


def test_officer_saves_a_row_with_htmx_and_gets_only_the_row_back(
    collecting: dict[str, Enrolment], officer_a: User
) -> None:
    enrolment = collecting["a"]
    url = reverse("evaluation:value", args=[enrolment.pk, "t7-1.2", "kk"])
    data = {"t7-1.2-kk-received": "8", "t7-1.2-kk-answered": "8", "t7-1.2-kk-late": "1"}

    response = _client(officer_a).post(url, data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<tr id="row-t7-1.2-kk">') and "Saved." in body
    fact = ReportFact.objects.get(enrolment=enrolment, indicator="t7-1.2", language="kk")
    assert fact.value == {"received": 8, "answered": 8, "late": 1}


def test_a_row_with_errors_comes_back_bound_with_what_was_typed(
    collecting: dict[str, Enrolment], officer_a: User
) -> None:
    enrolment = collecting["a"]
    url = reverse("evaluation:value", args=[enrolment.pk, "t7-1.2", "ru"])
    data = {"t7-1.2-ru-received": "3", "t7-1.2-ru-answered": "5", "t7-1.2-ru-late": "0"}

    row = _client(officer_a).post(url, data, HTTP_HX_REQUEST="true")
    page = _client(officer_a).post(url, data)

    for response in (row, page):
        assert response.status_code == 400
        text = response.content.decode()
        assert "Answered requests cannot exceed those received." in text
        assert 'value="5"' in text and 'value="3"' in text
    assert not ReportFact.objects.filter(enrolment=enrolment, indicator="t7-1.2").exists()


def test_the_officer_of_another_body_cannot_post_a_row(collecting: dict[str, Enrolment], officer_b: User) -> None:
    url = reverse("evaluation:value", args=[collecting["a"].pk, "t6.2", "kk"])
    assert _client(officer_b).post(url, {"t6.2-kk-posts": "3"}).status_code == 403
    assert not ReportFact.objects.exists()


def test_evidence_with_dates_shows_the_term_on_the_table_page(
    collecting: dict[str, Enrolment], officer_a: User
) -> None:
    enrolment = collecting["a"]
    client = _client(officer_a)
    response = client.post(
        reverse("evaluation:evidence_new", args=[enrolment.pk, "t2.4"]),
        {
            "language": "kk",
            "kind": "link",
            "title": "Audit results",
            "url": "https://example.kz/audit",
            "reference_date": "2025-03-14",
            "published_on": "2025-06-30",
        },
    )
    assert response.status_code == 302
    assert Evidence.objects.get(enrolment=enrolment).title == "Audit results"

    page = client.get(reverse("evaluation:table", args=[enrolment.pk, "2"])).content.decode()

    assert 'href="https://example.kz/audit"' in page
    assert "deadline" in page and "<strong>late</strong>" in page


def test_analyst_records_a_finding_with_a_reason_after_the_reports_close(
    collecting: dict[str, Enrolment], analyst: User, officer_a: User
) -> None:
    enrolment = collecting["a"]
    _client(officer_a).post(reverse("evaluation:value", args=[enrolment.pk, "t1.2", "ru"]), {"t1.2-ru-attainment": "1"})
    campaign_close_collection(campaign=enrolment.campaign, actor=analyst)
    url = reverse("evaluation:value", args=[enrolment.pk, "t1.2", "ru"])
    client = _client(analyst)

    missing_reason = client.post(url, {"t1.2-ru-attainment": "0.5"}, HTTP_HX_REQUEST="true")
    assert missing_reason.status_code == 400 and "Give the reason" in missing_reason.content.decode()
    saved = client.post(url, {"t1.2-ru-attainment": "0.5", "t1.2-ru-reason": "half the sets"}, HTTP_HX_REQUEST="true")

    assert saved.status_code == 200
    assert Verification.objects.get(enrolment=enrolment).value == {"attainment": "0.5"}
    officer_page = _client(officer_a).get(reverse("evaluation:table", args=[enrolment.pk, "1"])).content.decode()
    assert "half the sets" in officer_page and "Record the finding" not in officer_page


def test_a_secret_document_is_refused_at_upload_with_a_clear_message(
    collecting: dict[str, Enrolment], analyst: User, officer_a: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    request = request_create(
        enrolment=collecting["a"],
        indicator="t2.5",
        language="",
        text="The citizens' budget",
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        actor=analyst,
    )
    url = reverse("evaluation:request", args=[request.pk])
    client = _client(officer_a)

    refused = client.post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF"), "marking": "secret"})
    accepted = client.post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF"), "marking": "none"})
    answered = client.post(url, {"answer": "1"})

    assert refused.status_code == 400 and "never sent to the assessing body" in refused.content.decode()
    assert accepted.status_code == 302 and answered.status_code == 302
    assert DocumentRequest.objects.get(pk=request.pk).answered_at is not None


def test_ranking_central_and_local_apart_with_exports(
    collecting: dict[str, Enrolment], analyst: User, officer_a: User
) -> None:
    from decimal import Decimal

    Enrolment.objects.filter(pk=collecting["a"].pk).update(
        total=Decimal("90.5"), penalty=Decimal("1"), final=Decimal("89.5")
    )
    Enrolment.objects.filter(pk=collecting["b"].pk).update(
        total=Decimal("89.5"), penalty=Decimal("0"), final=Decimal("89.5")
    )
    Enrolment.objects.filter(pk=collecting["local"].pk).update(
        total=Decimal("70"), penalty=Decimal("0"), final=Decimal("70")
    )
    campaign = collecting["a"].campaign
    client = _client(analyst)

    page = client.get(reverse("evaluation:ranking", args=[campaign.pk])).content.decode()
    csv = client.get(reverse("evaluation:ranking_export", args=[campaign.pk, "csv"]))
    xlsx = client.get(reverse("evaluation:ranking_export", args=[campaign.pk, "xlsx"]))

    central = page[page.index('id="ranking-central"') : page.index('id="ranking-local"')]
    assert central.count('<td class="number">1</td>') == 2  # equal scores share the place
    assert "70.00" in page[page.index('id="ranking-local"') :]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Group,Place,State body,Total by criteria,Penalty deduction,Final score with penalty"
    assert lines[1].startswith("central state body,1,") and lines[1].endswith(",90.50,1.00,89.50")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _client(officer_a).get(reverse("evaluation:ranking", args=[campaign.pk])).status_code == 403


def test_new_campaign_form_keeps_what_was_typed_on_error(analyst: User, openness_row: Any) -> None:
    response = _client(analyst).post(
        reverse("evaluation:new"),
        {
            "name": "Openness 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "methodology": openness_row.pk,
            "report_due": "2026-06-01",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400 and "Reports fall due after the reporting period ends." in text
    assert 'value="Openness 2026"' in text and 'class="error-summary"' in text
    assert not Campaign.objects.exists()
