"""Log-in with throttling, the language switch, the audit trail page (issue 3 items 3, 4, 6)."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from ashyq.core.audit import audit_record
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_person_logs_in_with_the_right_password(client: Client, officer_a) -> None:
    response = client.post("/kk/login/", {"username": "officer_a", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)


def test_failed_log_ins_lock_the_account_and_the_password_is_never_logged(
    client: Client, officer_a, caplog: pytest.LogCaptureFixture
) -> None:
    # given five failed attempts
    caplog.set_level(logging.DEBUG)
    statuses = [
        client.post("/kk/login/", {"username": "officer_a", "password": f"wrong-{attempt}-secret"}).status_code
        for attempt in range(5)
    ]
    # then the next attempt, even with the right password, is refused
    locked = client.post("/kk/login/", {"username": "officer_a", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "wrong-0-secret" not in caplog.text and TEST_PASSWORD not in caplog.text
    assert statuses == [200, 200, 200, 200, 429]


def test_the_language_switch_keeps_the_page(client: Client) -> None:
    response = client.post("/kk/language/", {"language": "ru", "next": "/kk/bodies/"})
    assert response.status_code == 302 and response["Location"] == "/ru/bodies/"
    page = client.get("/ru/").content.decode()
    assert '<html lang="ru">' in page


def test_an_unknown_language_is_not_a_page(client: Client) -> None:
    assert client.get("/de/bodies/").status_code == 404
    response = client.post("/en/language/", {"language": "de", "next": "/kk/bodies/"})
    assert response.status_code == 400
    assert "Unknown language. Choose one of: en, kk, ru." in response.content.decode()


def test_every_page_has_a_skip_link_landmarks_and_the_three_languages(client: Client) -> None:
    page = client.get("/kk/").content.decode()
    assert 'href="#main"' in page and '<main id="main"' in page and "<nav" in page
    for name in ("Қазақша", "Русский", "English"):
        assert name in page


def test_the_audit_trail_is_for_people_who_act_for_a_body(client: Client, citizen, officer_a, body_a, body_b) -> None:
    # given events of two bodies
    audit_record(actor=None, event="test.a", target=body_a, body=body_a)
    audit_record(actor=None, event="test.b", target=body_b, body=body_b)
    # when the public asks, it is sent to log in
    assert client.get("/kk/audit/")["Location"].startswith("/kk/login/")
    # when officer A asks, only body A's events are shown
    client.force_login(officer_a)
    page = client.get("/en/audit/", {"event_type": "test."})
    assert [event.event_type for event in page.context["page"]] == ["test.a"]


def test_the_audit_filter_refuses_an_inverted_period(client: Client, analyst) -> None:
    client.force_login(analyst)
    page = client.get("/en/audit/", {"since": "2026-03-02", "until": "2026-03-01"})
    assert "The start date is after the end date." in page.content.decode()
    page = client.get("/en/audit/", {"since": "2026-02-30"})
    assert "Enter a valid date." in page.content.decode()


def test_the_calendar_page_lists_the_year_in_the_page_language(client: Client) -> None:
    page = client.get("/ru/calendar/2026/").content.decode()
    assert "Наурыз мейрамы (перенесённый выходной)" in page
    assert client.get("/ru/calendar/1800/").status_code == 404


def test_pages_load_scripts_and_styles_only_from_this_server(client: Client) -> None:
    page = client.get("/kk/").content.decode()
    assert re.search(r'<script src="/static/django_htmx/htmx-2(\.min)?\.js"', page)
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_kazakh_pages_write_dates_day_first(client: Client) -> None:
    assert "23.03.2026" in client.get("/kk/calendar/2026/").content.decode()
    assert "23 марта 2026" in client.get("/ru/calendar/2026/").content.decode()
