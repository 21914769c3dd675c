"""Issue 11 item 4: the audit page names every event type in the reader's language and shows before/after as
"field: old → new" in the model's own words, never an internal name or a Python dict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from ashyq.core.audit_display import EVENT_NAMES, event_changes, event_name
from ashyq.core.demo import load_demo
from ashyq.core.models import AuditEvent
from ashyq.meetings.events import MeetingsEvent
from ashyq.registry.models import EntryRequest

SOURCES = Path(__file__).resolve().parents[2] / "ashyq"
LITERAL = re.compile(r"\"((?:orgs|feedback|registry|meetings|methodology|evaluation)\.[a-z_]+\.[a-z_]+)\"")


def _event_types_in_the_code() -> set[str]:
    found = {
        match
        for path in SOURCES.rglob("*.py")
        if path.name != "audit_display.py"
        for match in LITERAL.findall(path.read_text())
    }
    found |= {str(event) for event in MeetingsEvent}
    found |= {f"registry.application.{decision}" for decision in ("accredited", "refused")}
    found |= {f"registry.request.{kind}_filed" for kind in EntryRequest.Kind.values}
    return found


def test_every_event_type_the_services_write_has_a_name_in_kk_ru_and_en():
    written = _event_types_in_the_code()
    assert len(written) > 50
    assert sorted(written - set(EVENT_NAMES)) == []
    for language, expected in (
        ("kk", "Арна аккредиттелді"),
        ("ru", "Канал аккредитован"),
        ("en", "Channel accredited"),
    ):
        with translation.override(language):
            assert event_name("registry.application.accredited") == expected


def test_an_admin_change_is_named_by_its_model():
    with translation.override("ru"):
        name = event_name("orgs.membership.deleted")
    assert name.endswith(": удалено") and "orgs." not in name


@pytest.mark.django_db
def test_before_and_after_use_field_names_choice_labels_and_dates_per_language(analyst, body_a):
    event = AuditEvent(
        event_type="feedback.item.accepted",
        target_type="feedback.item",
        target_id="1",
        old={"status": "received", "answered_on": None},
        new={"status": "accepted", "answered_on": "2026-12-02", "reference": "Приказ № 1"},
    )
    with translation.override("ru"):
        changes = {change.field: (change.before, change.after) for change in event_changes(event)}
    assert changes["Статус"] == ("поступило", "принято")
    assert changes["Дата ответа"] == ("—", "02.12.2026")


@pytest.mark.django_db
def test_the_audit_page_shows_no_internal_names_or_dicts(client: Client):
    people = load_demo()
    client.force_login(people["analyst"])
    html = client.get("/ru/audit/").content.decode()
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "{'" not in table and "{&#x27;" not in table
    assert not LITERAL.search(table.replace("&quot;", '"')) and not re.search(
        r">\s*[a-z]+\.[a-z_]+\.[a-z_]+\s*<", table
    )
    assert "→" in table
