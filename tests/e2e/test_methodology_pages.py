"""A reader finds the openness methodology in Kazakh, reads table 6 with its points, and the page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ashyq.methodology import demo


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_reader_opens_the_openness_version_in_kazakh(page: Page, axe_violations) -> None:
    # given the data files loaded as `make run` does
    demo.load({})

    # when a reader opens the list of versions and the 002 version
    page.goto("/kk/methodology/")
    assert axe_violations() == []
    page.get_by_role("link", name="Мемлекеттік органның жеке және заңды тұлғалармен").click()

    # then the blog bands of table 6 item 2 read with their points per language, and the page is accessible
    expect(page.locator("h1")).to_contain_text("операциялық бағалау әдістемесі")
    blog = page.locator("#indicator-t6\\.2")
    expect(blog).to_contain_text("Бірінші басшысының блогын жүргізуі")
    expect(page.locator("#parameter-p6_min_events")).to_contain_text("12")
    expect(page.get_by_role("button", name="Басып шығару")).to_be_visible()
    assert axe_violations() == []
