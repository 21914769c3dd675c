"""Issue 11 item 1: every page of the URLconf, for every persona, fits a 390 px phone and a 1366 px screen
(no horizontal scroll of the page; a wide table scrolls inside its own box) and the menu collapses."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ashyq.core.demo import DEMO_PASSWORD, load_demo
from tests.pages import PERSONAS, page_paths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def _too_wide(page: Page, paths: list[str], width: int) -> dict[str, int]:
    wide = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status < 500, f"{path}: {response and response.status}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[path] = scroll_width
    return wide


def test_every_page_fits_a_phone_for_every_persona(page: Page, login) -> None:
    """Given the demo data, when each persona opens every page at 390 px, then no page is wider than the screen."""
    load_demo()
    paths = page_paths("ru")
    assert len(paths) >= 30, paths
    page.set_viewport_size(PHONE)
    failures = {"anonymous": _too_wide(page, paths, PHONE["width"])}
    for persona in PERSONAS:
        page.context.clear_cookies()
        login(persona, DEMO_PASSWORD)
        failures[persona] = _too_wide(page, paths, PHONE["width"])
    assert {who: wide for who, wide in failures.items() if wide} == {}


def test_every_page_fits_a_desktop_screen(page: Page, login) -> None:
    load_demo()
    page.set_viewport_size(DESKTOP)
    login("analyst", DEMO_PASSWORD)
    assert _too_wide(page, page_paths("kk"), DESKTOP["width"]) == {}


def test_the_menu_collapses_behind_a_button_on_a_phone(page: Page) -> None:
    """Given a phone, the navigation is hidden behind «Меню» until opened, and the button says so to a screen reader."""
    load_demo()
    page.set_viewport_size(PHONE)
    page.goto("/ru/")
    button = page.get_by_role("button", name="Меню")
    nav_link = page.locator("#site-menu nav a").first
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav_link.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    page.set_viewport_size(DESKTOP)
    assert not button.is_visible() and nav_link.is_visible()
