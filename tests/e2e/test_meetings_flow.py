"""A meeting walked in a real browser from proposal to the published action plan, then the public page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ashyq.orgs.models import BodyKind, Role
from ashyq.orgs.services import membership_grant
from tests.factories import BodyFactory, UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_meeting_from_proposal_to_published_action_plan(page: Page, login, axe_violations) -> None:
    # given a ministry's officer, an analyst of the authorized body and a region
    ministry = BodyFactory(name_kk="Денсаулық сақтау министрлігі", name_ru="Министерство здравоохранения")
    authorized = BodyFactory(name_kk="Мәдениет және ақпарат министрлігі", name_ru="МКИ", is_authorized_body=True)
    BodyFactory(name_kk="Ақмола облысы", name_ru="Акмолинская область", kind=BodyKind.OBLAST_AKIMAT)
    membership_grant(user=UserFactory(username="officer"), body=ministry, role=Role.OFFICER, actor=None)
    membership_grant(user=UserFactory(username="analyst"), body=authorized, role=Role.ANALYST, actor=None)

    # when the officer proposes a meeting for 2027
    login("officer")
    page.goto("/kk/meetings/manage/propose/")
    page.select_option("#id_body", label="Денсаулық сақтау министрлігі")
    page.fill("#id_year", "2027")
    page.fill("#id_head_name", "Министр")
    page.fill("#id_topic_kk", "Алғашқы медициналық көмек")
    page.fill("#id_topic_ru", "Первичная медицинская помощь")
    page.fill("#id_planned_start", "2027-03-11T11:00")
    page.fill("#id_planned_duration_minutes", "120")
    page.select_option("#id_region", label="Ақмола облысы")
    page.click("main button[type=submit]")
    expect(page.locator("#meeting-status")).to_have_text("ұсынылды")
    meeting_url = page.url
    assert axe_violations() == []

    # and the analyst includes it, submits the draft and records the Government's approval
    page.context.clear_cookies()
    login("analyst")
    page.goto("/kk/meetings/manage/schedule/2027/")
    page.click("#proposals button[type=submit]")
    page.goto("/kk/meetings/manage/schedule/2027/")
    page.fill("#id_submitted_on", "2026-12-14")
    page.fill("#id_reference", "04-2/77")
    page.click("form:has(input[value=submit]) button[type=submit]")
    page.fill("#id_approved_on", "2027-01-08")
    page.fill("#id_reference", "Хаттамалық шешім № 1")
    page.click("form:has(input[value=approve]) button[type=submit]")
    expect(page.locator("main")).to_contain_text("Үкімет бекітті")
    assert axe_violations() == []

    # and the officer records the held meeting, an issue with its action-plan entry, and publishes
    page.context.clear_cookies()
    login("officer")
    page.goto(meeting_url)
    page.fill("#id_actual_start", "2027-03-11T11:00")
    page.fill("#id_actual_report_minutes", "25")
    page.fill("#id_events_ended_on", "2027-03-12")
    page.fill("#id_citizens_received", "31")
    page.fill("#id_ngo_participants", "7")
    page.fill("#id_ngo_names", "Жастар ҚБ")
    page.click("#hold button[type=submit]")
    expect(page.locator("#meeting-status")).to_have_text("өткізілді")
    page.select_option("#id_source", "reception")
    page.select_option("#id_rating", "systemic")
    page.fill("#id_text_kk", "Ауылда дәрігер жоқ")
    page.fill("#id_text_ru", "В селе нет врача")
    page.fill("#id_action_kk", "Дәрігер тарту")
    page.fill("#id_action_ru", "Привлечь врача")
    page.fill("#id_deadline", "2027-09-30")
    page.fill("#id_executor_kk", "Кадр саясаты департаменті")
    page.fill("#id_executor_ru", "Департамент кадровой политики")
    page.click("#issue button[type=submit]")
    page.fill("#id_url_kk", "https://example.kz/kk/results")
    page.fill("#id_url_ru", "https://example.kz/ru/results")
    page.fill("#id_published_on", "2027-03-19")
    page.click("#publish button[type=submit]")
    expect(page.locator("#meeting-status")).to_have_text("қорытындылары мен іс-қимыл жоспары орналастырылды")
    assert axe_violations() == []

    # and the evidence for the rating lists the meeting under the four parameters
    page.click("text=Бағалауға арналған растайтын деректер")
    expect(page.locator("#evidence-1")).to_contain_text("Алғашқы медициналық көмек")
    expect(page.locator("#evidence-3")).to_contain_text("31")
    expect(page.locator("#evidence-4")).to_contain_text("Жастар ҚБ")
    assert axe_violations() == []

    # then the public sees the action plan in Russian too, accessibly
    page.context.clear_cookies()
    page.goto(re.sub(r"/kk/meetings/manage/(\d+)/", r"/ru/meetings/\1/", meeting_url))
    expect(page.locator("#action-plan")).to_contain_text("В селе нет врача")
    expect(page.locator("#action-plan")).to_contain_text("Департамент кадровой политики")
    assert axe_violations() == []
