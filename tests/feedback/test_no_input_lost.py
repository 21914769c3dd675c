"""Issue 11 items 2–3: a form sent with errors comes back bound with an error summary (nothing typed is lost),
dates are given to the browser's pickers in ISO, and a reader is not offered a form it would be refused."""

from __future__ import annotations

import datetime
import inspect

import pytest
from django import forms
from django.utils import timezone

import ashyq.core.forms
import ashyq.feedback.forms
import ashyq.meetings.forms
import ashyq.registry.forms
from ashyq.feedback.models import Source
from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_an_invalid_draft_comes_back_bound_with_an_error_summary(client, officer_a, body_a):
    """Given an officer, when a draft whose period ends before it starts is registered, the list page comes back
    with every typed value and an error summary linking to the end date; nothing is saved."""
    client.force_login(officer_a)
    typed = {
        "body": body_a.pk,
        "kind": "draft_act",
        "title_kk": "Жоба туралы",
        "title_ru": "О проекте",
        "url": "https://legalacts.egov.kz/npa/view?id=1",
        "external_id": "15001",
        "period_start": "2026-11-20",
        "period_end": "2026-11-10",
    }
    response = client.post("/ru/feedback/sources/new/", typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_period_end"' in html
    for value in ("Жоба туралы", "О проекте", "15001", 'value="2026-11-20"', 'value="2026-11-10"'):
        assert value in html
    assert not Source.objects.filter(external_id="15001").exists()


def test_an_invalid_answer_keeps_the_text_and_the_date_comes_in_iso(client, officer_a, body_a):
    """The answer date's default is ISO (a date picker shows a dd.mm.yyyy value as blank); an answer sent without
    its text keeps the typed date."""
    item = ItemFactory(source=SourceFactory(body=body_a), kind="comment")
    assert item.can_answer()
    client.force_login(officer_a)
    page = client.get(f"/ru/feedback/items/{item.pk}/").content.decode()
    assert f'name="answered_on" value="{timezone.localdate().isoformat()}"' in page
    response = client.post(f"/ru/feedback/items/{item.pk}/answer/", {"answer": "", "answered_on": "2026-11-30"})
    html = response.content.decode()
    assert response.status_code == 200 and 'value="2026-11-30"' in html and "error-summary" in html
    item.refresh_from_db()
    assert item.status == "unanswered"


def test_a_first_head_is_offered_no_transition_and_refused_before_validation(client, first_head_a, body_a):
    """The first head reads the item but is shown no accept/reject/reclassify; a forged post is refused (403)
    before any validation, as the service itself would refuse it."""
    item = ItemFactory(source=SourceFactory(body=body_a))
    client.force_login(first_head_a)
    html = client.get(f"/ru/feedback/items/{item.pk}/").content.decode()
    assert "/accept/" not in html and "/reject/" not in html and "/reclassify/" not in html
    assert client.post(f"/ru/feedback/items/{item.pk}/accept/", {}).status_code == 403
    source_page = client.get(f"/ru/feedback/sources/{item.source.pk}/").content.decode()
    assert "/import/" not in source_page and "/item/" not in source_page


def _project_forms() -> list[type[forms.BaseForm]]:
    modules = (ashyq.core.forms, ashyq.feedback.forms, ashyq.meetings.forms, ashyq.registry.forms)
    return [
        cls
        for module in modules
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]


def test_every_date_picker_of_every_form_is_given_an_iso_value():
    """Every date/datetime picker in the project renders its value in ISO, whatever the language."""
    pickers = [
        (cls.__name__, name, field.widget)
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if getattr(field.widget, "input_type", "") in {"date", "datetime-local"}
    ]
    assert len(pickers) >= 10
    wrong = [
        (form, name)
        for form, name, widget in pickers
        if widget.format_value(datetime.datetime(2026, 12, 2, 9, 30)) not in {"2026-12-02", "2026-12-02T09:30"}
    ]
    assert wrong == []
