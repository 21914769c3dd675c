"""Issue 11 item 2: each role's home shows its own work and terms (000 §14–15, 001 p.3.7, 004 §6/§12), assembled
from the apps' small selectors listed in ``core.home.HOME_SECTIONS``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from ashyq.core.demo import load_demo
from ashyq.core.home import HOME_SECTIONS, home_sections
from ashyq.feedback.models import QuarterlyAnalysis
from ashyq.meetings.models import ProblemIssue

pytestmark = pytest.mark.django_db


def _titles(user) -> dict[str, list[tuple[str, bool]]]:
    return {
        section.title: [(item.body, item.overdue) for item in section.items]
        for section in home_sections(user=user, today=timezone.localdate())
    }


def test_the_officer_sees_the_overdue_action_plan_entry_of_their_body_and_the_other_body_does_not():
    people = load_demo()
    overdue = ProblemIssue.objects.filter(status="open", deadline__lt=timezone.localdate()).select_related(
        "meeting__body"
    )
    assert overdue.exists()
    health = overdue.first().meeting.body
    officer = _titles(people["officer.health"])
    assert (str(health), True) in officer["Action-plan entries due or overdue"]
    assert "Draft applications to submit" in officer
    assert "Action-plan entries due or overdue" not in _titles(people["officer.finance"])


def test_the_analyst_sees_every_bodys_overdue_work_and_the_registry_terms():
    people = load_demo()
    analyst = _titles(people["analyst"])
    assert all(overdue for _body, overdue in analyst["Every body's overdue action-plan entries"])
    assert "Applicants to notify of the decision" in analyst
    assert "Remarks and proposals awaiting a decision" not in analyst


def test_the_first_head_sees_what_waits_for_their_decision_and_nothing_else():
    people = load_demo()
    assert _titles(people["firsthead.health"]) == {}
    analysis = QuarterlyAnalysis.objects.filter(body__legalacts_government_id=690).first()
    QuarterlyAnalysis.objects.filter(pk=analysis.pk).update(status=QuarterlyAnalysis.Status.SUBMITTED)
    assert list(_titles(people["firsthead.health"])) == ["Quarterly analyses waiting for your decision"]
    assert "Quarterly analyses waiting for your decision" not in _titles(people["officer.health"])


def test_the_home_page_shows_the_work_in_the_readers_language(client: Client):
    people = load_demo()
    client.force_login(people["officer.health"])
    html = client.get("/ru/").content.decode()
    assert "Ваша работа" in html and "Пункты плана мероприятий со сроком или просроченные" in html
    assert "просрочено, срок:" in html
    client.force_login(people["firsthead.health"])
    assert "Вас ничего не ждёт" in client.get("/ru/").content.decode()


def test_every_listed_section_provider_exists():
    import importlib

    for dotted in HOME_SECTIONS:
        module, _dot, name = dotted.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name))
