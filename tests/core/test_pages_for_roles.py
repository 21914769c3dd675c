"""Issue 11 item 2: each role sees only what it can do.

Every page of the URLconf (``tests.pages``) is rendered for every demo persona; every form on it is submitted
as shown (in a rolled-back savepoint). A form whose submission that persona would be refused (403) must not be
on the page: a first head sees no accept/reject on an item, the authorized body's head no entry form on a source.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from ashyq.core.demo import load_demo
from tests.pages import DOWNLOADS, PERSONAS, POST_ONLY, named_routes, page_paths, unclassified_routes

SKIPPED_ACTIONS = ("/logout/", "/language/", "/login/")
# What a person would type into an empty field, so that a form reaches the service's permission check.
TYPED = {"date": "2026-12-02", "datetime-local": "2026-12-02T10:00", "number": "1", "email": "a@example.kz"}


class FormsOnPage(HTMLParser):
    """The POST forms of a page with the values a person would send without typing anything."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and values.get("method", "get").lower() == "post":
            self._form = {"action": values.get("action", ""), "data": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = values.get("name")
        kind = values.get("type", "text")
        if tag == "input" and name and kind not in {"submit", "file", "button"}:
            if kind in {"checkbox", "radio"} and "checked" not in values:
                return
            typed = TYPED.get(kind, "Тест") if kind not in {"hidden", "checkbox", "radio"} else "on"
            self._form["data"].setdefault(name, values.get("value") or typed)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and ("selected" in values or self._select not in self._form["data"]):
            self._form["data"][self._select] = values.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["data"][name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea] += data.strip() or "Тест"

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def test_every_route_is_a_page_an_action_or_a_download(client: Client) -> None:
    """A new route must be listed in tests/pages.py, so the width, role and language walks cover it."""
    assert unclassified_routes() == []
    names = {name for name, _pattern in named_routes()}
    assert names >= POST_ONLY | DOWNLOADS


@pytest.mark.django_db
def test_post_only_routes_refuse_get(client: Client) -> None:
    people = load_demo()
    client.force_login(people["analyst"])
    refused = {}
    for path in _post_only_paths():
        refused[path] = client.get(path).status_code
    assert set(refused.values()) == {405}, refused


def _post_only_paths() -> list[str]:
    from django.urls import reverse

    from ashyq.feedback.models import Item, Source

    item, source = Item.objects.first(), Source.objects.first()
    return [
        reverse("feedback:item_action", kwargs={"pk": item.pk, "action": "accept"}),
        reverse("feedback:source_action", kwargs={"pk": source.pk, "action": "item"}),
        reverse("feedback:source_create"),
        reverse("feedback:topic_create"),
    ]


@pytest.mark.django_db
def test_no_persona_is_shown_a_form_it_would_be_refused(client: Client) -> None:
    """Given the demo data, when each persona submits every form of every page it can open, none answers 403."""
    people = load_demo()
    refused: dict[str, list[str]] = {}
    for persona in PERSONAS:
        client.logout()
        client.force_login(people[persona])
        for path in page_paths("ru"):
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            parser = FormsOnPage()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = form["action"] or path
                if action.endswith(SKIPPED_ACTIONS):
                    continue
                with transaction.atomic():
                    answer = client.post(action, form["data"])
                    transaction.set_rollback(True)
                if answer.status_code == 403:
                    refused.setdefault(persona, []).append(f"{path} → {action}")
    assert refused == {}, "\n".join(f"{who}: {where}" for who, wheres in refused.items() for where in wheres)
