"""The API answers the domain's exceptions the same way for every router (ashyq/api.py)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError
from django.http.multipartparser import MultiPartParserError
from django.test import Client, RequestFactory

from ashyq.api import api
from ashyq.core.errors import InvalidTransition


@pytest.mark.parametrize(
    ("error", "status", "detail"),
    [
        (PermissionDenied("You do not act for this state body."), 403, "You do not act for this state body."),
        (PermissionDenied(), 403, "Forbidden"),
        (ObjectDoesNotExist(), 404, "Not Found"),
        (InvalidTransition("Already decided."), 409, "Already decided."),
        (
            ValidationError({"resources": ["This field cannot be blank."]}),
            422,
            {"resources": ["This field cannot be blank."]},
        ),
        (ValidationError("Bad date."), 422, {"__all__": ["Bad date."]}),
        (
            OverflowError("Python int too large to convert to SQLite INTEGER"),
            422,
            "A value in the request is out of range.",
        ),
        (DataError("integer out of range"), 422, "A value in the request is out of range."),
        (MultiPartParserError("Invalid boundary"), 400, "The request body cannot be read: Invalid boundary"),
    ],
)
def test_domain_errors_become_http_answers(error: Exception, status: int, detail: object) -> None:
    request = RequestFactory().get("/api/v1/")
    response = api.on_exception(request, error)
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": detail}


@pytest.mark.django_db
def test_a_page_past_what_the_database_counts_is_refused_not_a_server_error(client) -> None:
    response = client.get("/api/v1/registry/channels", {"offset": 10**30, "limit": 10**30})
    assert response.status_code == 422
    assert client.get("/api/v1/registry/channels", {"limit": 501}).status_code == 422
    assert client.get("/api/v1/registry/channels", {"limit": 500}).status_code == 200


@pytest.mark.django_db
def test_a_multipart_body_without_a_boundary_is_a_bad_request(officer_a) -> None:
    client = Client(enforce_csrf_checks=True)  # the CSRF check is what reads the body first
    client.force_login(officer_a)
    client.cookies["csrftoken"] = token = "a" * 32
    response = client.post(
        "/api/v1/feedback/items/1/accept/",
        data=b'{"reference": ""}',
        content_type="multipart/form-data",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 400
    assert "cannot be read" in response.json()["detail"]


@pytest.mark.django_db
def test_an_id_past_what_the_database_holds_is_refused_not_a_server_error(client, analyst) -> None:
    client.force_login(analyst)
    response = client.get(f"/api/v1/registry/applications/{10**30}")
    assert response.status_code in {404, 422}
    assert "detail" in response.json()


@pytest.mark.django_db
def test_an_unknown_or_unseen_meeting_is_404_with_the_documented_detail(client, officer_a) -> None:
    assert client.get("/api/v1/meetings/public/999999/").json() == {"detail": "Not Found"}
    client.force_login(officer_a)
    response = client.get("/api/v1/meetings/999999/")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
