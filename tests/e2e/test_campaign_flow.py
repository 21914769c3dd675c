"""A whole openness campaign walked in a real browser (issue 14, "done when"): body A's officer fills in the last
value of its Annex 9 report and submits it, its first head signs it off, the analyst closes collection,
verifies that value and requests a confirming document, the officer answers with a file, the analyst scores
the campaign (a task), the head of the authorized body approves the conclusion, the analyst records its
delivery, and the officer downloads the conclusion PDF made by the task worker: it holds the final score.

Every other value of both bodies' reports is stored through the services beforehand, so the browser does
only what people do.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from ashyq.evaluation.facts import Slot, best_value, required_slots
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.objection_documents import shown
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_view import LANGUAGE_PARAM, table_of
from ashyq.evaluation.services.campaigns import campaign_enrol, campaign_open
from ashyq.orgs.models import Body
from tests.campaigns.conftest import campaign, fill, openness_row  # noqa: F401 - the campaign's fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _as(page: Page, login: Any, user: User) -> None:
    page.context.clear_cookies()
    login(user.username)


def _no_page_wide_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def test_a_campaign_from_the_officers_report_to_the_downloaded_conclusion(
    page: Page,
    login: Any,
    campaign: Campaign,  # noqa: F811 - the fixture imported above
    body_a: Body,
    body_b: Body,
    analyst: User,
    authorized_head: User,
    officer_a: User,
    first_head_a: User,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # given a campaign open for reports, both bodies' reports filled in but for one flag of body A
    enrolment, other = campaign_enrol(campaign=campaign, bodies=[body_a, body_b], actor=analyst)
    version = pinned_version(campaign.methodology)
    left: Slot = next(
        slot for slot in required_slots(version, enrolment.kind, ()) if slot.rule == "met" and slot.language == "kk"
    )
    fill(enrolment, lambda slot: None if slot == left else best_value(slot, version))
    fill(other, None)
    campaign_open(campaign=campaign, actor=analyst)
    row = f"[id='row-{left.indicator}-{LANGUAGE_PARAM[left.language]}']"
    table = f"/ru/campaigns/bodies/{enrolment.pk}/tables/{table_of(enrolment, left.indicator)}/"

    # the officer fills in the missing flag on a phone-sized screen, then submits the report
    _as(page, login, officer_a)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(table)
    page.locator(f"{row} input[name$='-met'][value='true']").check()
    page.locator(f"{row} button[type=submit]").click()
    expect(page.locator(f"{row} [role=status]")).to_be_visible(timeout=30_000)
    assert _no_page_wide_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/")
    page.get_by_role("button", name="Представить отчет первому руководителю").click()
    expect(page.locator("main")).to_contain_text("Отчет представлен первому руководителю")

    # its first head signs it off
    _as(page, login, first_head_a)
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/")
    page.get_by_role("button", name="Подписать отчет").click()
    expect(page.locator("main")).to_contain_text("подписан первым руководителем")

    # the analyst closes collection, confirms the flag and requests a confirming document
    _as(page, login, analyst)
    page.goto(f"/ru/campaigns/{campaign.pk}/")
    page.get_by_role("button", name="Закрыть прием отчетов и проверить").click()
    page.goto(table)
    page.locator(f"{row} input[name$='-met'][value='true']").check()
    page.locator(f"{row} button[type=submit]").click()
    expect(page.locator(f"{row} [role=status]")).to_be_visible(timeout=30_000)
    section = page.locator(f"[id='indicator-{left.indicator}']")
    section.locator("summary", has_text="Запросить подтверждающие документы").click()
    section.locator("textarea[name='text']").fill("Скан приказа о размещении.")
    section.locator("input[name='due_on']").fill((timezone.localdate() + datetime.timedelta(days=5)).isoformat())
    section.get_by_role("button", name="Запросить", exact=True).click()
    expect(page.locator(f"[id='indicator-{left.indicator}']")).to_contain_text("Скан приказа о размещении.")

    # the officer answers with a file
    _as(page, login, officer_a)
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/")
    page.get_by_role("link", name="Скан приказа о размещении.").click()
    order = tmp_path / "prikaz.pdf"
    order.write_bytes(b"%PDF-1.4\n%scan\n")
    page.set_input_files("input[name='file']", str(order))
    page.locator("input[name='marking'][value='none']").check()
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("main")).to_contain_text("prikaz.pdf")
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.locator("#requests")).to_contain_text("дан ответ")

    # the analyst scores the campaign (the task runs at once here)
    _as(page, login, analyst)
    page.goto(f"/ru/campaigns/{campaign.pk}/")
    page.get_by_role("button", name="Оценить кампанию").click()
    expect(page.locator("#scoring-bar")).to_have_attribute("value", "100")

    # the head of the authorized body approves the conclusion, the analyst records its delivery
    _as(page, login, authorized_head)
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/")
    page.get_by_role("button", name="Утвердить заключение").click()
    _as(page, login, analyst)
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/deliver/")
    page.fill("input[name='received_on']", timezone.localdate().isoformat())
    page.locator("main button[type=submit]").click()
    expect(page.locator("#final")).to_contain_text("направлено")

    # the officer asks for the Russian PDF, the worker makes it, and the download holds the final score
    _as(page, login, officer_a)
    page.goto(f"/ru/campaigns/bodies/{enrolment.pk}/")
    page.get_by_role("button", name="PDF (рус.)").click()
    with page.expect_download() as download:
        page.locator("#conclusion-download").click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.conclusion_status == Enrolment.ConclusionStatus.DELIVERED
    with translation.override("ru"):
        assert shown(enrolment.final) in text
