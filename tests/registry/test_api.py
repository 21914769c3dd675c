"""/api/v1/registry/: the public registry and the application's path through the same services."""

from __future__ import annotations

import datetime
import json

import pytest

from ashyq.registry.models import Channel, ChannelApplication
from ashyq.registry.services.channels import entry_change_file
from tests.registry.factories import accredited_channel, annex1, under_review

pytestmark = pytest.mark.django_db
API = "/api/v1/registry"


def _post(client, url: str, payload: dict | None = None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def test_the_public_registry_has_both_languages_and_filters(
    client, body_a, officer_a, analyst, clock, django_assert_max_num_queries
) -> None:
    clock(datetime.date(2026, 3, 2))
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    accredited_channel(body=body_a, officer=officer_a, analyst=analyst, name_ru="Второй канал")
    with django_assert_max_num_queries(4):
        data = client.get(f"{API}/channels", {"status": "active", "limit": 1}).json()
    assert data["count"] == 2
    [row] = data["items"]
    assert row["number"] == 1 and row["name_kk"] == channel.name_kk and row["name_ru"] == channel.name_ru
    assert row["body"]["name_ru"] == body_a.name_ru and row["entered_on"] == "2026-03-02"
    assert row["changes"] == [] and row["removal"] is None
    assert client.get(f"{API}/channels", {"coverage": "regional"}).json()["count"] == 0
    assert client.get(f"{API}/channels", {"q": "Второй"}).json()["count"] == 1
    assert client.get(f"{API}/channels", {"coverage": "galactic"}).status_code == 422
    assert client.get(f"{API}/channels/1").json()["purpose_ru"] == channel.purpose_ru
    assert client.get(f"{API}/channels/99").status_code == 404


def test_applications_need_a_session_and_are_scoped(client, body_a, officer_a, officer_b, analyst) -> None:
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    assert client.get(f"{API}/applications").status_code == 401
    client.force_login(officer_b)
    assert client.get(f"{API}/applications").json()["count"] == 0
    assert client.get(f"{API}/applications/{application.pk}").status_code == 404
    client.force_login(officer_a)
    assert client.get(f"{API}/applications/{application.pk}").json()["status"] == "under_review"


def test_the_whole_path_through_the_api(client, authorized_body, body_a, officer_a, analyst, clock) -> None:
    clock(datetime.date(2026, 3, 19))
    client.force_login(officer_a)
    created = _post(client, f"{API}/applications", {**annex1(), "body": body_a.pk})
    assert created.status_code == 201
    pk = created.json()["id"]
    submitted = _post(client, f"{API}/applications/{pk}/submit").json()
    assert submitted["decision_due"] == "2026-04-03" and not submitted["decision_overdue"]
    # an officer cannot decide: 403; the analyst decides once: the second time is 409
    findings = {name: {"met": True, "reasoning": "Иә"} for name in ("no_duplication", "regulated", "efficiency")}
    decision = {"decision": "accredited", "findings": findings}
    assert _post(client, f"{API}/applications/{pk}/review").status_code == 403
    client.force_login(analyst)
    assert _post(client, f"{API}/applications/{pk}/decision", decision).status_code == 409  # not under review yet
    _post(client, f"{API}/applications/{pk}/review")
    decided = _post(client, f"{API}/applications/{pk}/decision", decision).json()
    assert decided["status"] == "accredited" and decided["channel_number"] == 1
    assert [finding["criterion"] for finding in decided["findings"]] == ["no_duplication", "regulated", "efficiency"]
    assert _post(client, f"{API}/applications/{pk}/decision", decision).status_code == 409
    assert ChannelApplication.objects.get().status == ChannelApplication.Status.ACCREDITED


def test_bad_input_is_422_and_nothing_is_saved(client, authorized_body, body_a, officer_a) -> None:
    client.force_login(officer_a)
    response = _post(client, f"{API}/applications", {**annex1(resources=""), "body": body_a.pk})
    assert response.status_code == 422 and "resources" in response.json()["detail"]
    assert not ChannelApplication.objects.exists()


def test_requests_are_entered_through_the_api(client, body_a, officer_a, analyst) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    request = entry_change_file(
        channel=channel,
        new_wording={"coverage": "regional"},
        justification="Өңірлерге",
        signer_name="А. С.",
        signer_position="Вице-министр",
        uploads=[],
        actor=officer_a,
    )
    client.force_login(analyst)
    [waiting] = client.get(f"{API}/requests", {"status": "submitted"}).json()["items"]
    assert waiting["channel_number"] == channel.number and waiting["new_wording"] == {"coverage": "regional"}
    entered = _post(client, f"{API}/requests/{request.pk}/enter").json()
    assert entered["status"] == "entered"
    assert Channel.objects.get().coverage == "regional"
    assert _post(client, f"{API}/requests/{request.pk}/enter").status_code == 409
