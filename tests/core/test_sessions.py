"""Session lifetime (issue 15 item 5, ADR 0095): eight hours after the last request, extended while used."""

from __future__ import annotations

import datetime
import time

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from ashyq.core.sessions import REFRESHED_AT
from tests.core.test_env import manage

EIGHT_HOURS = 8 * 3600


def _stored(client: Client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _mark_refreshed(client: Client, seconds_ago: int) -> None:
    session = client.session
    session[REFRESHED_AT] = int(time.time()) - seconds_ago
    session.save()


def test_the_default_lifetime_is_eight_hours(settings: pytest.FixtureRequest) -> None:
    assert settings.SESSION_COOKIE_AGE == EIGHT_HOURS


@pytest.mark.django_db
def test_a_signed_in_request_extends_the_session_to_eight_hours_from_now(client: Client, officer_a: User) -> None:
    # given an officer's session that was last extended ten minutes ago and expires in one hour
    client.force_login(officer_a)
    _mark_refreshed(client, 600)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(hours=1)
    )
    # when the officer opens a page
    response = client.get("/en/feedback/")
    # then the session and its cookie last eight hours from now
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == EIGHT_HOURS
    remaining = (_stored(client).expire_date - timezone.now()).total_seconds()
    assert EIGHT_HOURS - 60 < remaining <= EIGHT_HOURS


@pytest.mark.django_db
def test_requests_within_the_refresh_interval_write_nothing(client: Client, officer_a: User) -> None:
    # given a session extended a minute ago
    client.force_login(officer_a)
    _mark_refreshed(client, 60)
    before = _stored(client).expire_date
    # when the officer opens another page
    response = client.get("/en/feedback/")
    # then neither the stored session nor the cookie is rewritten
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert _stored(client).expire_date == before


@pytest.mark.django_db
def test_a_session_idle_past_its_lifetime_is_signed_out(client: Client, officer_a: User) -> None:
    # given a session whose eight hours ran out (nothing was requested since)
    client.force_login(officer_a)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    # when the officer comes back
    response = client.get("/en/feedback/")
    # then the log-in page is asked for
    assert response.status_code == 302
    assert response["Location"].startswith("/en/login/")


@pytest.mark.django_db
def test_an_anonymous_visit_creates_no_session(client: Client) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_the_lifetime_is_a_setting() -> None:
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    assert manage("shell", "--no-imports", "-c", code, ASHYQ_SESSION_HOURS="10").stdout.strip() == "36000"
    refused = manage("shell", "-c", code, ASHYQ_SESSION_HOURS="0")
    assert refused.returncode != 0
    assert "ASHYQ_SESSION_HOURS=0 must be at least 1" in refused.stderr


@pytest.mark.django_db
def test_the_first_page_after_log_in_writes_no_session(client: Client, officer_a: User) -> None:
    # given an officer who has just logged in (log-in writes the session and counts as its first extension)
    client.force_login(officer_a)
    # when the first page is opened, then the session is not written again
    response = client.get("/en/feedback/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
