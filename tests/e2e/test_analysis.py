"""In a real browser at 390 px: an officer analyses a quarter and reads it in Kazakh; WCAG 2.1 AA; no page-wide
horizontal scrolling (wide tables scroll in their own box)."""

from __future__ import annotations

import pytest

from tests.analysis.conftest import quarter_texts  # noqa: F401 (a fixture)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("quarter_texts")
def test_an_officer_analyses_a_quarter_on_a_phone(page, login, officer_a, body_a, axe_violations, settings):
    # given body A's third quarter and immediate background tasks, on a 390 px wide screen
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page.set_viewport_size({"width": 390, "height": 844})
    login("officer_a")
    # when the officer starts the analysis of 2026, quarter 3
    page.goto("/kk/analysis/")
    assert axe_violations() == []
    page.select_option("#id_body", str(body_a.pk))
    page.fill("#id_year", "2026")
    page.select_option("#id_quarter", "3")
    page.click("main form button[type=submit]")
    # then the quarter's page shows the figures in Kazakh, without personal data, and fits the screen
    page.wait_for_selector("dl.facts")
    assert "Келіп түскен мәтіндер" in page.locator("dl.facts").inner_text()
    assert "науқан" in page.content()
    assert "860904350504" not in page.content()
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 392)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    assert axe_violations() == []
