"""The API answers the domain's exceptions the same way for every router (ashyq/api.py)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.test import RequestFactory

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
    ],
)
def test_domain_errors_become_http_answers(error: Exception, status: int, detail: object) -> None:
    request = RequestFactory().get("/api/v1/")
    response = api.on_exception(request, error)
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": detail}
