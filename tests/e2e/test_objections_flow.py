"""Objections walked in a real browser (issue 10, "done when"): the body's officer objects to one indicator, a
commission member upholds it, the analyst sends the final conclusion, and the body's final score moved by the
figure the commission set. The scenario is ``tests/campaigns/objections.py`` (conclusions received before Nauryz).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from ashyq.evaluation.models import AgencySubmission, Enrolment, IndicatorPoints
from ashyq.evaluation.services.commissions import Seat, commission_form
from ashyq.evaluation.services.objections import responses_close_passed_terms
from tests.campaigns.conftest import campaign, filler, openness_row  # noqa: F401 - the campaign's fixtures
from tests.campaigns.objections import AGENCY_DUE, DUE, MEETING, OPEN_SESSIONS, SIXTH, on


def _as(page: Page, login: Any, username: str) -> None:
    page.context.clear_cookies()
    login(username)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_upheld_objection_changes_the_final_score_sent_to_the_agency(
    page: Page,
    login: Any,
    delivered: dict[str, Enrolment],
    officer_b: User,
    analyst: User,
    seats: list[Seat],
    settings: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    body_b = delivered["b"]
    before = body_b.final
    assert before is not None
    full = IndicatorPoints.objects.get(enrolment=delivered["a"], indicator=OPEN_SESSIONS).points_kk
    assert full is not None

    # the officer of body B objects to open sessions in Kazakh, within the term
    with on(DUE):
        _as(page, login, officer_b.username)
        page.goto(f"/ru/campaigns/bodies/{body_b.pk}/answer/?slot={OPEN_SESSIONS}:kk")
        expect(page.locator("#due")).to_contain_text("31.03.2027")
        page.fill("#id_row-attainment", "1")
        page.fill("#id_row-justification", "Коллегия 12 марта транслировалась онлайн.")
        page.click("#row-form button[type=submit]")
        expect(page.locator("#disagreement-rows")).to_contain_text("Коллегия 12 марта")
        page.click("#send-objections")
        expect(page.locator("#answer-state")).to_contain_text("направлено")

    # the authorized body forms the commission; its chair upholds the row and records the meeting
    responses_close_passed_terms(campaign=body_b.campaign, today=SIXTH)
    commission = commission_form(
        campaign=body_b.campaign,
        agenda=[body_b.response],
        meeting_on=MEETING,
        seats=seats,
        actor=analyst,
    )
    chair = User.objects.get(pk=seats[0].user_id)
    with on(MEETING):
        _as(page, login, chair.username)
        page.goto(f"/ru/campaigns/commissions/{commission.pk}/")
        row = body_b.response.rows.get()
        page.check(f"input[name='row{row.pk}-decision'][value='upheld']")
        page.fill(f"#id_row{row.pk}-reason", "Трансляция подтверждена.")
        page.click(f"#row-{row.pk} button[type=submit]")
        expect(page.locator(f"#row-{row.pk} .decision")).to_contain_text("удовлетворено")
        page.click("#hold")
        expect(page.locator("#changes")).to_contain_text(body_b.body.name_ru)

    # the analyst records the final conclusion as sent to the Agency
    with on(AGENCY_DUE):
        _as(page, login, analyst.username)
        page.goto(f"/ru/campaigns/{body_b.campaign_id}/objections/")
        page.fill("#id_sent-sent_on", AGENCY_DUE.isoformat())
        page.click("#send-to-agency")
        expect(page.locator("#submissions")).to_contain_text("Версия 1")

    # then the final score sent is the old one plus the points the commission gave back
    body_b.refresh_from_db()
    assert body_b.final == before + Decimal(full)
    sent = AgencySubmission.objects.get(campaign=body_b.campaign)
    assert Decimal(sent.results[str(body_b.body_id)]["final"]) == body_b.final
