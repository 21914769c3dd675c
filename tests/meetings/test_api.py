"""The API under /api/v1/meetings/ calls the same services: states, scope and error codes."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.test import Client

from ashyq.meetings.models import Meeting
from ashyq.orgs.models import Body

BASE = "/api/v1/meetings"


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client: Client, path: str, payload: dict) -> tuple[int, dict]:
    response = client.post(BASE + path, json.dumps(payload), content_type="application/json")
    return response.status_code, response.json()


def test_propose_then_the_public_schedule(body_a: Body, officer_a: User, officer_b: User, region: Body) -> None:
    payload = {
        "body_id": body_a.pk,
        "year": 2027,
        "head_name": "Министр",
        "topic_kk": "Тақырып",
        "topic_ru": "Тема",
        "planned_start": "2027-02-10T11:00:00+05:00",
        "planned_duration_minutes": 120,
        "region_id": region.pk,
    }
    # another body's officer: 403; the own officer: 201, proposed
    assert _post(_client(officer_b), "/", payload)[0] == 403
    status, body = _post(_client(officer_a), "/", payload)
    assert (status, body["status"], body["year"]) == (201, "proposed", 2027)
    # a date outside the year: 422; anonymous: 401
    assert _post(_client(officer_a), "/", {**payload, "planned_start": "2028-01-10T11:00:00+05:00"})[0] == 422
    assert _post(_client(), "/", payload)[0] == 401
    # the public schedule does not show a proposal
    assert _client().get(f"{BASE}/schedule/2027/").json() == []


def test_hold_publish_and_wrong_states(approved_meeting: Meeting, officer_a: User, region: Body) -> None:
    client = _client(officer_a)
    pk = approved_meeting.pk
    status, body = _post(
        client,
        f"/{pk}/hold/",
        {
            "actual_start": "2026-03-12T11:00:00+05:00",
            "actual_report_minutes": 20,
            "events_ended_on": "2026-03-13",
            "citizens_received": 10,
            "ngo_participants": 5,
            "ngo_names": ["Жастар ҚБ"],
            "akimat_ids": [region.pk],
        },
    )
    assert (status, body["status"], body["results_due"]) == (200, "held", "2026-03-26")
    status, issue = _post(
        client,
        f"/{pk}/issues/",
        {
            "source": "ngo",
            "ngo_name": "Жастар ҚБ",
            "rating": "systemic",
            "text_kk": "Спорт алаңы жоқ",
            "text_ru": "Нет спортплощадки",
        },
    )
    assert status == 201 and issue["ngo"] == "Жастар ҚБ"
    publish = {"published_on": "2026-03-20", "url_kk": "https://e.kz/kk", "url_ru": "https://e.kz/ru"}
    assert _post(client, f"/{pk}/publish/", publish)[0] == 422  # the action-plan entry is missing
    assert (
        _post(
            client,
            f"/{pk}/hold/",
            {
                "actual_start": "2026-03-12T11:00:00+05:00",
                "actual_report_minutes": 20,
                "events_ended_on": "2026-03-13",
            },
        )[0]
        == 409
    )
    detail = _client().get(f"{BASE}/public/{pk}/").json()
    assert detail["status"] == "held" and detail["ngos"] == ["Жастар ҚБ"]


def test_evidence_rows(published_meeting: Meeting, analyst: User, officer_b: User) -> None:
    url = f"{BASE}/evidence/{published_meeting.body_id}/2026/"
    data = _client(analyst).get(url).json()
    assert data["not_covered"] is False and {row[0] for row in data["rows"]} == {"4.1", "4.2", "4.3", "4.4"}
    assert _client(officer_b).get(url).status_code == 403


def test_prepare_requests_plan_and_regional_problems(
    approved_meeting: Meeting, officer_a: User, officer_local: User, local_body: Body, region: Body
) -> None:
    client = _client(officer_a)
    pk = approved_meeting.pk
    # before the meeting: the timing, the announcement, the requests collected
    status, body = _post(
        client,
        f"/{pk}/prepare/",
        {
            "timing_opinion": "Сауалнама",
            "announcement_url": "javascript:alert(1)",
        },
    )
    assert status == 422  # only http(s) links are recorded
    status, body = _post(
        client,
        f"/{pk}/prepare/",
        {
            "timing_opinion": "Сауалнама",
            "announcement_url": "https://e.kz/a",
        },
    )
    assert (status, body["announcement_url"]) == (200, "https://e.kz/a")
    assert _post(client, f"/{pk}/requests/", {"channel": "akim_meetings", "received": 12, "summary": "Жол"})[0] == 201
    # after holding: an issue planned through its own endpoint
    _post(
        client,
        f"/{pk}/hold/",
        {
            "actual_start": "2026-03-12T11:00:00+05:00",
            "actual_report_minutes": 20,
            "events_ended_on": "2026-03-12",
        },
    )
    status, issue = _post(
        client,
        f"/{pk}/issues/",
        {
            "source": "meeting",
            "rating": "systemic",
            "text_kk": "Су жоқ",
            "text_ru": "Нет воды",
        },
    )
    status, planned = _post(
        client,
        f"/{pk}/issues/{issue['id']}/plan/",
        {
            "action_kk": "Су құбыры",
            "action_ru": "Водопровод",
            "deadline": "2026-12-01",
            "executor_kk": "Әкімдік",
            "executor_ru": "Акимат",
        },
    )
    assert (status, planned["deadline"], planned["executor_ru"]) == (200, "2026-12-01", "Акимат")
    # an akimat sends its problems; a ministry's officer may not send for it
    payload = {
        "akimat_id": local_body.pk,
        "recipient_id": approved_meeting.body_id,
        "year": 2026,
        "half": 2,
        "texts": ["Жол нашар"],
    }
    assert _post(client, "/regional-problems/", payload)[0] == 403
    status, sent = _post(_client(officer_local), "/regional-problems/", payload)
    assert status == 201 and sent[0]["text"] == "Жол нашар"
