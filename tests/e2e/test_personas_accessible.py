"""Issue 11, done when: each persona's home and main pages, in Kazakh and Russian, at 390 px and 1366 px, have no
WCAG 2.1 AA violation found by axe-core, and the page is never wider than the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ashyq.core.demo import DEMO_PASSWORD, load_demo
from ashyq.feedback.models import Item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = ({"width": 390, "height": 844}, {"width": 1366, "height": 768})


def _main_pages() -> dict[str, list[str]]:
    item = Item.objects.filter(body__legalacts_government_id=690).order_by("pk").first()
    return {
        "officer.health": ["/", "/feedback/", f"/feedback/items/{item.pk}/", "/meetings/manage/"],
        "firsthead.health": ["/", f"/feedback/items/{item.pk}/", "/feedback/analyses/"],
        "analyst": ["/", "/feedback/summary/", "/registry/dashboard/", "/audit/"],
        "head": ["/", "/feedback/sources/"],
    }


def test_each_personas_home_and_main_pages_pass_axe_at_both_widths(page: Page, login, axe_violations) -> None:
    load_demo()
    failures = {}
    for persona, paths in _main_pages().items():
        page.context.clear_cookies()
        login(persona, DEMO_PASSWORD)
        for size in WIDTHS:
            page.set_viewport_size(size)
            for language in ("kk", "ru"):
                for path in paths:
                    where = f"{persona} {size['width']} /{language}{path}"
                    response = page.goto(f"/{language}{path}")
                    assert response is not None and response.ok, where
                    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], where
                    violations = axe_violations()
                    if violations:
                        failures[where] = [(v["id"], len(v["nodes"])) for v in violations]
    assert failures == {}
