"""A real headless Chromium (Debian's, never a downloaded browser) driven by Playwright for Python.

Fixtures: ``browser`` (one per test session), ``page`` (a fresh context per test, base URL = the live
server), ``login`` (log in as a persona through the real form), ``axe_violations`` (run the locally
served axe-core on the page for WCAG 2.1 A/AA rules).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("ASHYQ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls run in
# another thread, and the test's own ORM calls are deliberate and synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="kk-KZ")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def login(page: Page) -> Callable[[str], None]:
    def log_in(username: str, password: str = TEST_PASSWORD) -> None:
        page.goto("/kk/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    return log_in


@pytest.fixture
def axe_violations(page: Page) -> Callable[[], list[dict[str, Any]]]:
    from axe_playwright_python.sync_playwright import Axe

    def run() -> list[dict[str, Any]]:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        return list(results.response["violations"])

    return run
