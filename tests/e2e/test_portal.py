"""Seed 003 §8 in a real browser: a citizen asks a question at an internet conference, the body's officer
moderates it (personal data removed) and answers, and the answer appears publicly; every new public page is
checked with axe-core in Kazakh and Russian on a desktop (1366 px) and a phone (390 px)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ashyq.core.demo import load_demo
from ashyq.feedback.models import Source, SourceKind
from ashyq.portal.models import Conference, PlanReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_a_citizen_asks_the_officer_answers_and_the_answer_is_public(
    page: Page, login: Any, axe_violations: Any
) -> None:
    load_demo()
    conference = Conference.objects.get(source__title_ru__startswith="Бесплатный отпуск")
    # given a citizen on the conference page, in Russian, on a phone
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(f"/ru/portal/conferences/{conference.pk}/")
    assert axe_violations() == []
    # when they ask a question with their phone number in it
    page.fill("#id_text", "Где получить лекарство в селе? Мой номер 8 701 222 33 44")
    page.fill("#id_contact", "8 701 222 33 44")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("после модерации")
    expect(page.locator("main")).not_to_contain_text("Где получить лекарство")
    # when the Ministry's officer opens the conference, publishes the redacted text and answers
    page.context.clear_cookies()
    page.set_viewport_size(VIEWPORTS["desktop"])
    login("officer.health", "ashyq-demo-2026")
    for path in ("/kk/portal/reports/publish/", "/kk/portal/conferences/manage/"):
        page.goto(path)
        assert axe_violations() == [], path
    page.goto(f"/kk/portal/conferences/manage/{conference.pk}/")
    question = page.locator("section.qa", has_text="Где получить лекарство")
    suggested = question.locator("textarea[name$=public_text]")
    expect(suggested).to_have_value("Где получить лекарство в селе? Мой номер [телефон жасырылған]")
    assert axe_violations() == []
    suggested.fill("Где получить лекарство в селе?")
    question.locator("button", has_text="Сұрақты жариялау").click()
    expect(page.locator(".messages")).to_contain_text("Сұрақ жарияланды")
    question = page.locator("section.qa", has_text="Где получить лекарство")
    question.locator("textarea[name$=answer]").fill("В ближайшей аптеке по списку.")
    question.locator("button", has_text="Жауапты жариялау").click()
    expect(page.locator(".messages")).to_contain_text("Жауап жарияланды")
    # then the public sees the question and the answer, without the phone
    page.context.clear_cookies()
    page.goto(f"/ru/portal/conferences/{conference.pk}/")
    expect(page.locator("main")).to_contain_text("Где получить лекарство в селе?")
    expect(page.locator("main")).to_contain_text("В ближайшей аптеке по списку.")
    expect(page.locator("main")).not_to_contain_text("222 33 44")


def test_the_portal_pages_are_accessible_in_both_languages_on_both_screens(page: Page, axe_violations: Any) -> None:
    load_demo()
    conference = Conference.objects.first()
    draft = Source.objects.filter(kind=SourceKind.DRAFT_NPA).first()
    assert conference is not None and draft is not None and PlanReport.objects.exists()
    paths = [
        "/portal/",
        "/portal/reports/",
        "/portal/reports/?level=district",
        "/portal/conferences/",
        f"/portal/conferences/{conference.pk}/",
        "/portal/drafts/?q=тармақ",
        f"/portal/drafts/{draft.pk}/",
        "/portal/results/",
        "/portal/data/",
    ]
    failures = {}
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for language in ("kk", "ru"):
            for path in paths:
                response = page.goto(f"/{language}{path}")
                assert response is not None and response.ok, f"/{language}{path}"
                assert page.locator("h1").count() == 1
                if violations := axe_violations():
                    failures[f"{viewport} /{language}{path}"] = [(v["id"], len(v["nodes"])) for v in violations]
    assert failures == {}
