"""The campaigns API: the same services and permissions as the pages (issue 14 items 8–9)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ashyq.evaluation.models import Campaign, Enrolment, ReportFact
from ashyq.evaluation.services.campaigns import campaign_open


def _client(user: User | None) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def collecting(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User) -> dict[str, Enrolment]:
    campaign_open(campaign=campaign, actor=analyst)
    return enrolled


@pytest.mark.parametrize(
    ("persona", "campaigns", "dashboard", "report_a", "put_a"),
    [
        ("analyst", 1, 200, 200, 403),
        ("officer_a", 1, 403, 200, 200),
        ("first_head_a", 1, 403, 200, 403),
        ("officer_b", 1, 403, 403, 403),
        ("commission_member", 0, 403, 403, 403),
        (None, None, 401, 401, 401),
    ],
)
def test_api_permission_matrix(
    request: pytest.FixtureRequest,
    collecting: dict[str, Enrolment],
    persona: str | None,
    campaigns: int | None,
    dashboard: int,
    report_a: int,
    put_a: int,
) -> None:
    client = _client(request.getfixturevalue(persona) if persona else None)
    campaign = collecting["a"].campaign
    a = collecting["a"].pk

    listed = client.get("/api/v1/campaigns/")
    assert listed.status_code == (401 if persona is None else 200)
    if campaigns is not None:
        assert len(listed.json()) == campaigns
    assert client.get(f"/api/v1/campaigns/{campaign.pk}/").status_code == dashboard
    assert client.get(f"/api/v1/campaigns/bodies/{a}/").status_code == report_a
    put = client.put(
        f"/api/v1/campaigns/bodies/{a}/values/t6.2/kk/", json.dumps({"posts": 12}), content_type="application/json"
    )
    assert put.status_code == put_a
    assert ReportFact.objects.filter(enrolment_id=a).exists() == (put_a == 200)


def test_api_value_errors_name_the_field_and_the_report_shows_costs(
    collecting: dict[str, Enrolment], officer_a: User, first_head_a: User
) -> None:
    client = _client(officer_a)
    a = collecting["a"].pk
    bad = client.put(
        f"/api/v1/campaigns/bodies/{a}/values/t7-1.2/ru/",
        json.dumps({"received": 1, "answered": 2, "late": 0}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["detail"] == {"answered": ["Answered requests cannot exceed those received."]}
    bad_language = client.put(
        f"/api/v1/campaigns/bodies/{a}/values/t6.2/en/", json.dumps({"posts": 1}), content_type="application/json"
    )
    assert bad_language.status_code == 422

    report = client.get(f"/api/v1/campaigns/bodies/{a}/").json()
    costs = {(m["indicator"], m["language"]): m["cost"] for m in report["missing"]}
    assert costs[("t6.2", "kk")] == "1.50" and costs[("t7-1.3", "common")]
    assert report["enrolment"]["report_status"] == "draft"

    assert client.post(f"/api/v1/campaigns/bodies/{a}/submit/").json()["report_status"] == "submitted"
    assert client.post(f"/api/v1/campaigns/bodies/{a}/submit/").status_code == 409
    assert client.post(f"/api/v1/campaigns/bodies/{a}/sign-off/").status_code == 403
    signed = _client(first_head_a).post(f"/api/v1/campaigns/bodies/{a}/sign-off/")
    assert signed.json()["report_status"] == "signed_off"


def test_api_scoring_is_refused_while_collecting(collecting: dict[str, Enrolment], analyst: User) -> None:
    campaign = collecting["a"].campaign
    response = _client(analyst).post(f"/api/v1/campaigns/{campaign.pk}/score/")
    assert response.status_code == 409
    assert "scored once its reports are closed" in response.json()["detail"]
