"""The API against its own OpenAPI schema, every schemathesis check on, on a small budget (issue 15 item 6).

Each operation is called with generated valid and invalid requests, anonymously and as the analyst of the
authorized body, over the demo data, in-process (WSGI). A status the schema does not document, a body that
breaks the documented schema, an invalid request accepted or a server error fails the test.
bench/api_fuzz.py runs the same checks with a large budget against gunicorn (figures in docs/api.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi import checks

from ashyq.core.api_errors import ERROR_SCHEMA
from ashyq.core.api_rules import STATE_RULES

CSRF = "h15bfuzzcsrftokenh15bfuzzcsrftok"  # any 32 letters: Django accepts the unmasked secret in the header
BUDGET = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def _schema(session_id: str | None) -> Any:
    config = {"auth": {"openapi": {"SessionAuth": {"api_key": session_id}}}} if session_id else {}
    return schemathesis.openapi.from_wsgi(
        "/api/openapi.json", get_wsgi_application(), config=SchemathesisConfig.from_dict(config)
    )


@pytest.fixture(autouse=True)
def node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32's lazy loader reads ``Node._nodeid``, which pytest 9 no longer sets."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture
def demo(db: None) -> Iterator[None]:
    """The demo data, in the test's transaction; requests keep the connection, as Django's test client does
    (the WSGI handler would otherwise close it after the first request, inside the open transaction)."""
    call_command("demo_load", verbosity=0)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def anonymous_schema(demo: None) -> Any:
    return _schema(None)


@pytest.fixture
def analyst_schema(demo: None) -> Any:
    client = Client()
    client.force_login(User.objects.get(username="analyst"))
    return _schema(client.cookies["sessionid"].value)


def _excluded(case: Any) -> list[Any]:
    return [checks.positive_data_acceptance] if case.operation.label in STATE_RULES else []


anonymous = schemathesis.pytest.from_fixture("anonymous_schema")
signed_in = schemathesis.pytest.from_fixture("analyst_schema")


@anonymous.parametrize()
@BUDGET
def test_anonymous_answers_follow_the_schema(case: Any) -> None:
    case.call_and_validate(excluded_checks=_excluded(case))


@signed_in.parametrize()
@BUDGET
def test_signed_in_answers_follow_the_schema(case: Any) -> None:
    case.call_and_validate(cookies={"csrftoken": CSRF}, headers={"X-CSRFToken": CSRF}, excluded_checks=_excluded(case))


def test_every_operation_documents_its_errors(client: Client) -> None:
    """Every operation: 401/403 if it needs a session, 400/409 if it changes, 404 if it takes input, 413 if it
    takes a body, 422 always (an unknown query parameter)."""
    schema = client.get("/api/openapi.json").json()
    assert ERROR_SCHEMA in schema["components"]["schemas"]
    operations = [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]
    assert len(operations) >= 38
    for path, method, operation in operations:
        statuses = set(operation["responses"])
        if operation.get("security"):
            assert {"401", "403"} <= statuses, (method, path)
        if method == "post":
            assert {"400", "409", "404"} <= statuses, (method, path)
        assert ("413" in statuses) == ("requestBody" in operation), (method, path)
        assert "422" in statuses, (method, path)
        for status in {status for status in statuses if not status.startswith("2")}:
            answer = operation["responses"][status]["content"]["application/json"]["schema"]
            assert answer == {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}, (method, path, status)


@pytest.mark.parametrize("path", ["/api/v1/meetings/-1/", "/api/v1/meetings/schedule/%0Ax/"])
def test_a_path_naming_no_operation_is_a_json_404(client: Client, path: str) -> None:
    response = client.post(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
