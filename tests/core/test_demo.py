"""``manage.py demo_load``: what ``make run`` loads and prints (issue 3 item 1)."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from ashyq.core.demo import DEMO_PASSWORD
from ashyq.orgs.models import Body, Membership, Role

pytestmark = pytest.mark.django_db


def test_demo_load_creates_the_bodies_and_people_and_prints_the_accounts() -> None:
    out = io.StringIO()
    call_command("demo_load", stdout=out)
    printed = out.getvalue()
    assert f"password for all: {DEMO_PASSWORD}" in printed
    assert re.search(r"officer\.health\s+feedback and press officer — Министерство здравоохранения", printed)
    assert Body.objects.count() >= 49
    officer = Membership.objects.get(user__username="officer.health")
    assert (officer.role, officer.body.legalacts_government_id) == (Role.OFFICER, 690)
    request = RequestFactory().post("/kk/login/")
    assert authenticate(request, username="analyst", password=DEMO_PASSWORD) is not None


def test_demo_load_twice_changes_nothing() -> None:
    call_command("demo_load", stdout=io.StringIO())
    people = Membership.objects.count()
    call_command("demo_load", stdout=io.StringIO())
    assert Membership.objects.count() == people


@override_settings(PRODUCTION=True)
def test_demo_load_refuses_production() -> None:
    with pytest.raises(CommandError, match="refuses to run with ASHYQ_ENV=production"):
        call_command("demo_load", stdout=io.StringIO())
