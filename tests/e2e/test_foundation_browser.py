"""A person in a real Chromium: logs in, switches the language, reads the bodies list (issue 3 item 8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ashyq.core.demo import load_reference_bodies

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_logs_in_switches_to_russian_and_finds_the_bodies(
    page: Page, login, officer_a, axe_violations
) -> None:
    # given the real reference bodies
    load_reference_bodies()
    # when the officer logs in (the form is in Kazakh) and opens the bodies list
    login("officer_a")
    expect(page.locator(".account")).to_contain_text("officer_a")
    page.click("text=Мемлекеттік органдар")
    expect(page.locator("#bodies")).to_contain_text("Қазақстан Республикасының Денсаулық сақтау министрлігі")
    # then the page has no WCAG 2.1 AA violation
    assert axe_violations() == []
    # when they switch to Russian with the keyboard
    page.focus("#language-select")
    page.select_option("#language-select", "ru")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # then the same list is in Russian, under the Russian address
    page.wait_for_url("**/ru/bodies/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#bodies")).to_contain_text("Министерство здравоохранения Республики Казахстан")
    page.fill("#q", "Акмол")
    page.click("form[role=search] button")
    expect(page.locator("#bodies tbody tr")).to_have_count(1)
    assert axe_violations() == []


def test_the_first_tab_reaches_the_skip_link_and_enter_moves_to_the_content(page: Page) -> None:
    page.goto("/ru/bodies/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Перейти к основному содержанию", "#main"]
    # the link is visible while focused (WCAG 2.4.7)
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
