"""Issue 13 item 1 in a real browser: a citizen opens the openness ratings, sorts them by a column, opens a body
and downloads its CSV; every ratings page has no page-wide horizontal scroll and no axe-core finding (WCAG 2.1 AA)
in Kazakh and Russian on a desktop (1366 px) and a phone (390 px)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ashyq.core.demo import load_demo
from ashyq.evaluation.models import Campaign, Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_a_citizen_sorts_the_ratings_opens_a_body_and_downloads_its_csv(page: Page, axe_violations: Any) -> None:
    load_demo()
    # given a citizen on the portal, in Russian, on a phone
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto("/ru/portal/")
    page.get_by_role("link", name="Рейтинги открытости государственных органов").first.click()
    expect(page.locator("h1")).to_contain_text("2025")
    # when they sort the central bodies by the final score, lowest first (two clicks on the column)
    central = page.locator("#ratings-central")
    central.get_by_role("link", name="Итоговая оценка с учетом вычета штрафных баллов").click()
    expect(page.locator("#ratings-central th[aria-sort=descending]")).to_have_count(1)
    page.locator("#ratings-central").get_by_role("link", name="Итоговая оценка с учетом вычета штрафных баллов").click()
    expect(page.locator("#ratings-central th[aria-sort=ascending]")).to_have_count(1)
    lowest = (
        Enrolment.objects.filter(campaign__status=Campaign.Status.SENT, campaign__period_end__year=2025, kind="central")
        .select_related("body")
        .order_by("final", "body__name_ru")
        .first()
    )
    assert lowest is not None
    first_row = page.locator("#ratings-central tbody tr").first
    expect(first_row).to_contain_text(lowest.body.name_ru)
    # when they open that body
    first_row.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text(lowest.body.name_ru)
    expect(page.locator("#why")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    # then its CSV downloads with its results of both years
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать результаты органа (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert [row["year"] for row in rows] == ["2025", "2024"]
    assert {row["body_ru"] for row in rows} == {lowest.body.name_ru}


def test_the_ratings_pages_fit_the_screen_and_are_accessible(page: Page, axe_violations: Any) -> None:
    load_demo()
    enrolments = list(
        Enrolment.objects.filter(campaign__status=Campaign.Status.SENT, campaign__period_end__year=2025).order_by(
            "body__name_ru"
        )[:2]
    )
    paths = [
        "/portal/ratings/",
        "/portal/ratings/?year=2024&sort=-f",
        f"/portal/ratings/2025/bodies/{enrolments[0].body_id}/",
        f"/portal/ratings/compare/?year=2025&a={enrolments[0].body_id}&b={enrolments[1].body_id}",
    ]
    failures = {}
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for language in ("kk", "ru"):
            for path in paths:
                where = f"{viewport} /{language}{path}"
                response = page.goto(f"/{language}{path}")
                assert response is not None and response.ok, where
                assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], where
                page.locator("details").evaluate_all("elements => elements.forEach(e => e.open = true)")
                if violations := axe_violations():
                    failures[where] = [(v["id"], len(v["nodes"])) for v in violations]
    assert failures == {}
