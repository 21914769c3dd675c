"""Every public page, in Kazakh and Russian, with the demo data: no WCAG 2.1 AA violation found by axe-core,
a language attribute matching the page, one main landmark and one level-1 heading."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ashyq.core.demo import load_demo
from ashyq.meetings.models import Meeting
from ashyq.methodology.models import MethodologyVersion
from ashyq.orgs.models import Body
from ashyq.registry.models import Channel

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def public_paths() -> list[str]:
    body = Body.objects.get(legalacts_government_id=690)
    paths = [
        "/",
        "/bodies/",
        f"/bodies/{body.pk}/",
        "/calendar/2026/",
        "/login/",
        "/registry/",
        "/meetings/",
        "/methodology/",
    ]
    paths += [f"/methodology/{version.pk}/" for version in MethodologyVersion.objects.all()]
    paths += [f"/registry/channels/{channel.number}/" for channel in Channel.objects.all()[:1]]
    paths += [f"/meetings/{meeting.pk}/" for meeting in Meeting.objects.filter(results_published_on__isnull=False)[:1]]
    return paths


def test_public_pages_are_accessible_in_both_state_languages(page: Page, axe_violations) -> None:
    load_demo()
    paths = public_paths()
    assert len(paths) == 12, paths  # 8 pages, 2 methodology versions, a channel, a published meeting
    failures = {}
    for language in ("kk", "ru"):
        for path in paths:
            response = page.goto(f"/{language}{path}")
            assert response is not None and response.ok, f"/{language}{path}: {response and response.status}"
            assert page.get_attribute("html", "lang") == language
            assert page.locator("main").count() == 1 and page.locator("h1").count() == 1, f"/{language}{path}"
            violations = axe_violations()
            if violations:
                failures[f"/{language}{path}"] = [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    assert failures == {}


def staff_paths() -> dict[str, list[str]]:
    from ashyq.feedback.models import Source
    from ashyq.registry.models import ChannelApplication

    health = Body.objects.get(legalacts_government_id=690)
    source = Source.objects.filter(body=health).first()
    application = ChannelApplication.objects.filter(body=health).first()
    meeting = Meeting.objects.filter(body=health).first()
    officer = [
        "/feedback/",
        "/feedback/sources/",
        f"/feedback/sources/{source.pk}/",
        "/feedback/analyses/",
        "/feedback/topics/",
        "/feedback/projects/",
        "/registry/dashboard/",
        "/registry/applications/new/",
        f"/registry/applications/{application.pk}/",
        "/meetings/manage/",
        f"/meetings/manage/{meeting.pk}/",
        "/audit/",
    ]
    analyst = ["/feedback/summary/", "/registry/dashboard/", f"/meetings/evidence/{health.pk}/2026/", "/audit/"]
    return {"officer.health": officer, "analyst": analyst}


def test_signed_in_pages_are_accessible(page: Page, login, axe_violations) -> None:
    load_demo()
    failures = {}
    for username, paths in staff_paths().items():
        page.context.clear_cookies()
        login(username, "ashyq-demo-2026")
        for path in paths:
            for language in ("kk", "ru"):
                response = page.goto(f"/{language}{path}")
                assert response is not None and response.ok, (
                    f"{username} /{language}{path}: {response and response.status}"
                )
                violations = axe_violations()
                if violations:
                    failures[f"{username} /{language}{path}"] = [
                        (v["id"], v["help"], len(v["nodes"])) for v in violations
                    ]
    assert failures == {}
