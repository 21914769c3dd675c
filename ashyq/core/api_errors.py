"""The API's error answers, declared once and written into every operation's OpenAPI entry (issue 15 item 6).

``ashyq/api.py`` turns the domain's exceptions into ``{"detail": ...}`` answers for every router; this module
says so in the schema, so that a client generated from it knows each operation's errors:

- 400 the request body cannot be read — every operation that takes a body (POST);
- 401 not signed in, 403 not allowed (or the CSRF token is missing) — every operation that needs a session;
- 404 an unknown object, or another body's — every operation that names an object (path, query or body);
- 409 the object's state does not allow the step — every operation that changes something (POST);
- 413 the body is larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` — every operation that takes a body;
- 422 the request breaks the schema or a service's rule — every operation, since any may be sent a query
  parameter it does not declare (``ashyq.api.refuse_unknown_query``).

Integers in parameters and bodies that the schemas leave unbounded get the bounds the database can hold
(a 64-bit integer): the handlers of ``DataError``/``OverflowError`` already answer 422 past them. An integer
in a path is not negative: the routes' ``int`` converter matches digits only, so ``/meetings/-1/`` is a 404.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema

from ashyq.core.bounds import INT64_MAX, INT64_MIN

ERROR_SCHEMA = "Error"
REF = f"#/components/schemas/{ERROR_SCHEMA}"


class Error(Schema):
    """Every error answer: a sentence, django-ninja's list of schema errors, or a service's {field: [messages]}."""

    detail: str | list[dict[str, Any]] | dict[str, list[str]]


WHEN = {
    400: "The request body cannot be read (not JSON, or multipart without a boundary).",
    401: "Not signed in: the session cookie is missing or expired.",
    403: "Not allowed: the person does not act for the body or lacks the role, or the CSRF token is missing.",
    404: "Unknown, or another body's object (the same answer, so nothing is revealed).",
    409: "The object's state does not allow this step (e.g. a second decision).",
    413: "The request body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB by default).",
    422: (
        "Invalid input: the schema's list of errors, a service's {field: [messages]}, a value out of range, "
        "or an unknown query parameter."
    ),
}


def _error_statuses(operation: dict[str, Any], method: str) -> list[int]:
    changes = method != "get"
    takes_input = bool(operation.get("parameters")) or "requestBody" in operation
    signed_in = bool(operation.get("security"))
    statuses = []
    if changes:
        statuses.append(400)
    if signed_in:
        statuses += [401, 403]
    if takes_input:
        statuses.append(404)
    if changes:
        statuses.append(409)
    if "requestBody" in operation:
        statuses.append(413)
    statuses.append(422)
    return statuses


def _bound_integers(node: Any) -> None:
    """Give every unbounded integer in a JSON schema the 64-bit range the database holds."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            node.setdefault("minimum", INT64_MIN)
            node.setdefault("maximum", INT64_MAX)
        for value in node.values():
            _bound_integers(value)
    elif isinstance(node, list):
        for value in node:
            _bound_integers(value)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the shared error answers and the integer bounds to an OpenAPI schema produced by django-ninja."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_SCHEMA] = Error.model_json_schema(ref_template="#/components/schemas/{model}")
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in _error_statuses(operation, method):
                responses.setdefault(
                    status,
                    {"description": WHEN[status], "content": {"application/json": {"schema": {"$ref": REF}}}},
                )
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("schema", {}).get("type") == "integer":
                    parameter["schema"].setdefault("minimum", 0)
    _bound_integers(schema.get("paths", {}))
    _bound_integers(components)
    return schema
