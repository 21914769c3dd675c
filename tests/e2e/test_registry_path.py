"""Seed 004 walked in a real browser: application, accreditation, the public registry, a change, a termination.

The clock stands just before Nauryz 2026 (23–25 March are days off), so every term crosses the holiday.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ashyq.orgs.models import Role
from ashyq.orgs.services import membership_grant
from ashyq.registry import deadlines
from tests.factories import BodyFactory, UserFactory

D = datetime.date


def _on(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(deadlines, "today", lambda: day)


def _as(page: Page, login: Any, username: str) -> None:
    page.context.clear_cookies()
    login(username)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_channel_from_application_to_removal(
    page: Page, login: Any, axe_violations: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    # given the Ministry of Health's officer, the authorized body's analyst, and tasks run at once
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    health = BodyFactory(name_kk="Денсаулық сақтау министрлігі", name_ru="Министерство здравоохранения")
    ministry = BodyFactory(name_kk="Мәдениет және ақпарат министрлігі", name_ru="МКИ", is_authorized_body=True)
    membership_grant(
        user=UserFactory(username="officer", email="o@health.kz"), body=health, role=Role.OFFICER, actor=None
    )
    membership_grant(user=UserFactory(username="analyst"), body=ministry, role=Role.ANALYST, actor=None)

    # when the officer files the Annex 1 application on Thursday 19 March 2026 and submits it
    _on(monkeypatch, D(2026, 3, 19))
    _as(page, login, "officer")
    page.goto("/kk/registry/applications/new/")
    page.fill("#id_name_kk", "«Халық үні» жедел желісі")
    page.fill("#id_name_ru", "Горячая линия «Голос народа»")
    page.fill("#id_purpose_kk", "Азаматтардың өтініштерін қабылдау")
    page.fill("#id_purpose_ru", "Приём обращений граждан")
    page.select_option("#id_coverage", "republican")
    page.select_option("#id_interaction_format", "hybrid")
    page.fill("#id_resources", "Call-орталық, 12 оператор")
    page.fill("#id_justification", "Өтініштер саны өсті")
    page.fill("#id_signer_name", "А. Сейітов")
    page.fill("#id_signer_position", "Вице-министр")
    assert axe_violations() == []
    page.click("main form.form button[type=submit]")
    expect(page.locator("#status")).to_have_text("жоба")
    page.click("text=Уәкілетті органға жіберу")
    # then the decision is due on 3 April, 8 working days after receipt with Nauryz in between
    expect(page.locator("#status")).to_have_text("жіберілді")
    expect(page.locator("#decision-due")).to_contain_text("03.04.2026")
    application_url = page.url

    # when the analyst takes it into review on 20 March and accredits it on the three criteria
    _on(monkeypatch, D(2026, 3, 20))
    _as(page, login, "analyst")
    page.goto("/kk/registry/dashboard/")
    page.click("#applications a")
    page.click("text=Қарауға алу")
    for criterion in ("no_duplication", "regulated", "efficiency"):
        page.check(f"#id_{criterion}_finding_0")
        page.fill(f"#id_{criterion}_reasoning", "Сәйкес келеді")
    page.check("#id_decision_0")
    assert axe_violations() == []
    page.click("#decision-form button[type=submit]")
    # then the channel is accredited, the applicant notified, within the 2 working days ending 27 March
    expect(page.locator("#status")).to_have_text("аккредиттелді")
    expect(page.locator("#notification-due")).to_contain_text("27.03.2026")
    expect(page.locator("#notification-due .badge-ok")).to_be_visible()

    # and the public registry shows the entry in Kazakh and in Russian
    page.context.clear_cookies()
    page.goto("/kk/registry/")
    expect(page.locator("#registry")).to_contain_text("«Халық үні» жедел желісі")
    expect(page.locator("#registry")).to_contain_text("20.03.2026")
    assert axe_violations() == []
    page.goto("/ru/registry/")
    expect(page.locator("#registry")).to_contain_text("Горячая линия «Голос народа»")
    expect(page.locator("#registry thead")).to_contain_text("Наименование канала коммуникаций")

    # when the officer sees the notice and files an Annex 3 change on 20 March
    _as(page, login, "officer")
    page.goto("/kk/registry/dashboard/")
    expect(page.locator("main")).to_contain_text("Шешімдер туралы хабарламалар")
    page.goto("/kk/registry/channels/1/")
    page.click("text=Өзгерістер және (немесе) толықтырулар енгізуге өтінім беру")
    page.fill("#id_name_ru", "Горячая линия «Голос народа» 1414")
    page.fill("#id_justification", "Нөмір өзгерді")
    page.fill("#id_signer_name", "А. Сейітов")
    page.fill("#id_signer_position", "Вице-министр")
    page.click("main form.form button[type=submit]")
    # then it must be entered by 30 March (3 working days, Nauryz in between)
    expect(page.locator("#entry-due")).to_contain_text("30.03.2026")
    change_url = page.url

    # when the analyst enters it on 26 March
    _on(monkeypatch, D(2026, 3, 26))
    _as(page, login, "analyst")
    page.goto(change_url)
    page.click("text=Тізілімге енгізу")
    expect(page.locator("#status")).to_have_text("Тізілімге енгізілді")

    # and the officer notifies the termination, which the analyst enters on 2 April
    _as(page, login, "officer")
    page.goto("/kk/registry/channels/1/terminate/")
    page.fill("#id_terminated_on", "2026-03-31")
    page.fill("#id_notice", "Жедел желі жабылды")
    page.click("main form.form button[type=submit]")
    termination_url = page.url
    _on(monkeypatch, D(2026, 4, 2))
    _as(page, login, "analyst")
    page.goto(termination_url)
    page.click("text=Тізілімге енгізу")

    # then the public registry in Russian shows the change and the removal columns
    page.context.clear_cookies()
    page.goto("/ru/registry/")
    row = page.locator("#registry tbody tr").first
    expect(row).to_contain_text("Горячая линия «Голос народа» 1414")
    expect(row).to_contain_text("26.03.2026")
    expect(row).to_contain_text("02.04.2026")
    expect(row).to_contain_text("Работа канала прекращена 31.03.2026")
    # and the application's page still shows its terms kept
    _as(page, login, "officer")
    page.goto(application_url)
    expect(page.locator("#decision-due .badge-ok")).to_be_visible()
