"""Issue 11 item 3: dates are shown one way per language (21.03.2026 in Kazakh and Russian), never as ISO."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.feedback.factories import ItemFactory, SourceFactory


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_feedback_pages_show_dates_as_the_reader_writes_them(client, officer_a, body_a, language):
    # given a draft discussed 1–15 September 2026 with a remark received on 5 September at 10:00
    source = SourceFactory(body=body_a)
    item = ItemFactory(source=source)
    client.force_login(officer_a)
    with translation.override(language):
        pages = [
            client.get(reverse("feedback:source_list")).content.decode(),
            client.get(reverse("feedback:source_detail", args=[source.pk])).content.decode(),
            client.get(reverse("feedback:item_list")).content.decode(),
            client.get(reverse("feedback:item_detail", args=[item.pk])).content.decode(),
        ]
    # then every page shows dd.mm.yyyy and none the ISO form
    assert "01.09.2026 – 15.09.2026" in pages[0] and "01.09.2026 – 15.09.2026" in pages[1]
    assert "05.09.2026 10:00" in pages[2] and "05.09.2026 10:00" in pages[3]
    assert not any("2026-09-0" in page for page in pages)
