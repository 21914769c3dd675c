"""The version pages in kk and ru: the act's criteria, indicators, points, exemptions and SPEC §7 parameters."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ashyq.methodology.models import MethodologyVersion

pytestmark = pytest.mark.django_db


def _url(name: str, language: str, *args: int) -> str:
    with translation.override(language):
        return reverse(f"methodology:{name}", args=args)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_list_shows_each_version_with_its_dates_in_kazakh(
    client: Client, openness: MethodologyVersion, feedback: MethodologyVersion, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        response = client.get(_url("index", "kk"))

    text = _text(response.content.decode())
    assert "Мемлекеттік органның жеке және заңды тұлғалармен өзара іс-қимылын операциялық бағалау әдістемесі" in text
    assert "17.05.2025" in text and "30.01.2024" in text and "№ 36070" in text
    assert f'href="/kk/methodology/{openness.pk}/"' in response.content.decode()


def test_the_openness_page_in_kazakh_quotes_the_seed_with_points_per_language(
    client: Client, openness: MethodologyVersion, django_assert_num_queries
) -> None:
    # when a reader opens the 002 version in Kazakh (one query per kind of row, not per indicator)
    with django_assert_num_queries(13):
        response = client.get(_url("version", "kk", openness.pk))

    # then the Annex 7 criteria, the Annex 10 indicators and their clauses read as in the act
    text = _text(response.content.decode())
    for name in ("Ашық деректер", "Ашық бюджет", "Ашық нормативтік құқықтық актілер", "Масс-медиа арқылы ашықтық"):
        assert name in text
    assert "Ведомстволық бағынысты ұйымдардың ашықтығы" in text
    assert "Бірінші басшысының блогын жүргізуі (жазбалардың болуы)" in text
    assert "002 10-қосымша 6-кесте 4-тармақ 3) тармақша" in text
    # the points per language with a decimal comma, the bands and the central/local split of table 6 item 4.3
    assert re.search(r"Ашық деректер жиынтығын толтырудың дұрыстығы және толықтығы .*? 2 2 ", text)
    assert "50-ден астам жазбаны орналастырған кезде (аптасына 1 жазбадан кем емес) (50, ∞) 1,5 1,5" in text
    assert "сұралғандардың 80%-дан астамы қанағаттандырылды (80, 100] 1,5 1,5" in text
    assert re.search(r"Азаматтарды жеке қабылдауды жүргізу .*?: 0,5; .*?: 1 ", text)
    # the footnotes, §67 and the SPEC §7 parameters with their Kazakh descriptions
    assert "Қазақстан Республикасы Қорғаныс министрлігін қоспағанда." in text
    assert "002 67-тармақ" in text
    # a parameter reads as its rule, its value and its clause; its internal name is not on the page
    assert "бөлгіш 12-ге тең (A = 5 × a / max(b, 12)). 12 002 81-тармақ" in text
    assert "p6_min_events" not in text
    assert "data-print" in response.content.decode()


def test_the_openness_page_in_russian_uses_the_russian_names(client: Client, openness: MethodologyVersion) -> None:
    response = client.get(_url("version", "ru", openness.pk))

    text = _text(response.content.decode())
    assert "Открытые данные" in text and "Открытость подведомственных организаций" in text
    assert "002 приложение 10 таблица 7-1 пункт 3, п. 84" in text
    assert "удовлетворены от 69 до 79% опрошенных [69, 80] 1 1" in text
    assert "B в P6, если на языке не было запросов масс-медиа" in text
    assert "Ашық деректер" not in text


def test_the_feedback_page_shows_the_formula_and_the_scale(
    client: Client, feedback: MethodologyVersion, django_assert_num_queries
) -> None:
    with django_assert_num_queries(8):
        response = client.get(_url("version", "kk", feedback.pk))

    text = _text(response.content.decode())
    assert "F = (B / C) × (E / G) × 100 %" in text
    assert "қабылданған ескертулер және (немесе) ұсыныстар саны" in text
    assert "[50, 70) кері байланыстың төмен көрсеткіші" in text
    assert "f_band_basis" not in text and "exact" not in text and "000 23-тармақ" in text


def test_an_unknown_version_is_not_found(client: Client) -> None:
    assert client.get(_url("version", "en", 999)).status_code == 404
