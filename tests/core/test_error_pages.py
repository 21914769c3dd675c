"""Error pages in the site's layout and the reader's language (production has no debug page)."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_address_answers_404_in_the_pages_language(client) -> None:
    kk = client.get("/kk/no-such-page/")
    ru = client.get("/ru/no-such-page/")
    assert kk.status_code == ru.status_code == 404
    assert "Бет табылмады" in kk.content.decode() and 'href="#main"' in kk.content.decode()
    assert "Страница не найдена" in ru.content.decode()


def test_a_person_without_a_role_is_told_access_is_denied(client) -> None:
    client.force_login(UserFactory(username="nobody"))
    response = client.get("/ru/audit/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


def test_the_server_error_and_bad_request_pages_stand_alone_in_three_languages() -> None:
    request = RequestFactory().get("/")
    for response, words in (
        (server_error(request), ("Сервер қатесі", "Ошибка сервера", "Server error")),
        (bad_request(request, SuspiciousOperation()), ("Сұрау түсініксіз", "Неверный запрос", "Bad request")),
    ):
        text = response.content.decode()
        assert all(word in text for word in words)
        assert "{%" not in text and "{{" not in text
