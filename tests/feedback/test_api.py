"""The API calls the same selectors and services as the pages."""

from __future__ import annotations

import pytest

from ashyq.feedback.models import ItemKind, ItemStatus
from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_accept_answer_and_refusals_through_the_api(client, officer_a, officer_b, body_a):
    source = SourceFactory(body=body_a)
    remark = ItemFactory(source=source)
    comment = ItemFactory(source=source, kind=ItemKind.COMMENT)
    client.force_login(officer_a)
    listed = client.get("/api/v1/feedback/items/", {"kind": "remark"}).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == remark.pk
    response = client.post(
        f"/api/v1/feedback/items/{remark.pk}/accept/", {"reference": ""}, content_type="application/json"
    )
    assert response.status_code == 409
    response = client.post(
        f"/api/v1/feedback/items/{remark.pk}/accept/", {"reference": "п. 5"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == ItemStatus.ACCEPTED
    body = {"answer": "Жауап", "answered_on": "2026-09-06"}
    assert (
        client.post(f"/api/v1/feedback/items/{comment.pk}/answer/", body, content_type="application/json").status_code
        == 200
    )
    assert (
        client.post(f"/api/v1/feedback/items/{comment.pk}/answer/", body, content_type="application/json").status_code
        == 409
    )
    scores = client.get("/api/v1/feedback/scores/", {"year": 2026}).json()
    assert scores[0]["f"] is not None and scores[0]["band"] == "high"  # (1/1) × (1/1) × 100
    client.force_login(officer_b)
    assert client.get(f"/api/v1/feedback/items/{remark.pk}/").status_code == 404


def test_the_api_needs_a_session(client):
    assert client.get("/api/v1/feedback/items/").status_code == 401
