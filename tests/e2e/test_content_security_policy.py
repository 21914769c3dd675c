"""Issue 15 item 5: the Content-Security-Policy allows only Ashyq's own files, and the main pages (and
``/api/docs``, which must work with no network: issue 11 item 8) run under it with no violation reported."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page

from ashyq.core.demo import DEMO_PASSWORD, load_demo
from ashyq.feedback.models import Item, Source
from ashyq.methodology.models import MethodologyVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_main_pages_report_no_policy_violation(page: Page, login, live_server) -> None:
    """Given the demo data and an analyst, when the main pages (and the menu) are used, the browser reports no CSP
    violation and no request leaves the server's own origin."""
    load_demo()
    reported: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: _keep_violation(message, reported))
    page.on("request", lambda request: request.url.startswith(live_server.url) or foreign.append(request.url))
    login("analyst", DEMO_PASSWORD)
    item, source = Item.objects.first(), Source.objects.first()
    paths = [
        "/ru/",
        "/ru/feedback/",
        f"/ru/feedback/items/{item.pk}/",
        f"/ru/feedback/sources/{source.pk}/",
        "/ru/feedback/summary/",
        "/ru/registry/",
        "/ru/meetings/",
        f"/ru/methodology/{MethodologyVersion.objects.first().pk}/",
        "/ru/audit/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Меню").click()
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Ashyq API" in page.inner_text(".swagger-ui .info .title")
    assert reported == []
    assert foreign == []


def _keep_violation(message: ConsoleMessage, reported: list[str]) -> None:
    if "Content Security Policy" in message.text:
        reported.append(message.text)
