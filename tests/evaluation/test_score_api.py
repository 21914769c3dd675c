"""POST /api/v1/score/feedback and /api/v1/score/openness: the engine behind the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def post(client: Client, what: str, data: Any) -> Any:
    return client.post(f"/api/v1/score/{what}", data=json.dumps(data), content_type="application/json")


def test_an_analyst_scores_feedback(client: Client, analyst: User) -> None:
    client.force_login(analyst)
    response = post(client, "feedback", example("feedback.json"))
    assert response.status_code == 200
    body = response.json()
    assert (body["F"], body["display"], body["band"]) == ("67.5", "67.5", "low")
    assert body["explanation"]["ru"].startswith("000 п. 22: F = (B / C) × (E / G) × 100 %")


def test_an_officer_scores_several_bodies_as_one_group(client: Client, officer_a: User) -> None:
    """Criteria 1–5 of each body as docs/openness-worked-examples.md works them out by hand."""
    client.force_login(officer_a)
    response = post(client, "openness", example("openness.json"))
    assert response.status_code == 200
    totals = {b["id"]: [c["total"] for c in b["criteria"][:5]] for b in response.json()["bodies"]}
    assert totals == {
        "ministry-of-health": ["18.00", "16.11", "15.55", "16.15", "16.21"],
        "ministry-of-defence": ["18.00", "16.11", "15.55", "16.15", "16.21"],
        "akmola-oblast-akimat": ["18.00", "15.33", "16.68", "16.65", "16.21"],
    }


def test_the_finals_are_the_worked_examples(client: Client, officer_a: User) -> None:
    """docs/openness-worked-examples.md: 87.303035… − 1.35, 87.303035… − 3.375, 88.153035…, each rounded once."""
    client.force_login(officer_a)
    response = post(client, "openness", example("openness.json"))
    finals = [(b["id"], b["final"]) for b in response.json()["bodies"]]
    assert finals == [
        ("ministry-of-health", "85.95"),
        ("ministry-of-defence", "83.93"),
        ("akmola-oblast-akimat", "88.15"),
    ]


def test_bad_input_is_a_422_naming_the_field(client: Client, analyst: User) -> None:
    client.force_login(analyst)
    data = example("openness.json")
    data["bodies"][2]["indicators"]["t6.2"]["ru"]["posts"] = -1
    response = post(client, "openness", data)
    assert response.status_code == 422
    assert response.json() == {"detail": 'bodies[2].indicators["t6.2"].ru.posts: must be ≥ 0'}


def test_a_missing_feedback_field_is_a_422(client: Client, analyst: User) -> None:
    client.force_login(analyst)
    response = post(client, "feedback", {"remarks_received": 3})
    assert response.status_code == 422
    assert response.json()["detail"] == "remarks_accepted: is required"


def test_an_anonymous_citizen_is_refused(client: Client) -> None:
    response = post(client, "feedback", example("feedback.json"))
    assert response.status_code == 401
