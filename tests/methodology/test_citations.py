"""Free-text citations of the data files read in the page's language (methodology pages, parameters)."""

from __future__ import annotations

import pytest

from ashyq.methodology.versions import cite


@pytest.mark.parametrize(
    ("text", "ru", "kk"),
    [
        ("002 Annex 10 table 6 item 2", "002 приложение 10 таблица 6 пункт 2", "002 10-қосымша 6-кесте 2-тармақ"),
        ("002 Annex 10 table 7-1 item 3", "002 приложение 10 таблица 7-1 пункт 3", "002 10-қосымша 7-1-кесте 3-тармақ"),
        ("002 §109, §112, §119", "002 п. 109, п. 112, п. 119", "002 109-тармақ, 112-тармақ, 119-тармақ"),
        (
            "002 §67, Annex 10 tables 2 and 6",
            "002 п. 67, приложение 10 таблицы 2 и 6",
            "002 67-тармақ, 10-қосымша 2 және 6-кестелер",
        ),
        ("002 Annex 10 tables 8–11", "002 приложение 10 таблицы 8–11", "002 10-қосымша 8–11-кестелер"),
        ("000 §22–23", "000 п. 22–23", "000 22–23-тармақ"),
    ],
)
def test_a_citation_reads_in_russian_and_kazakh(text: str, ru: str, kk: str) -> None:
    assert cite(text, "ru") == ru
    assert cite(text, "kk") == kk
    assert cite(text, "en") == text


@pytest.mark.django_db
def test_the_version_page_cites_parameters_in_the_page_language(client) -> None:
    from ashyq.methodology.demo import load
    from ashyq.methodology.models import MethodologyVersion

    load({})
    version = MethodologyVersion.objects.get(kind="openness")
    kk = client.get(f"/kk/methodology/{version.pk}/").content.decode()
    ru = client.get(f"/ru/methodology/{version.pk}/").content.decode()
    assert "002 10-қосымша 6-кесте 2-тармақ" in kk and "002 Annex 10 table 6 item 2" not in kk
    assert "002 приложение 10 таблица 6 пункт 2" in ru
