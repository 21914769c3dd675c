"""Records written only by services are browsable in the admin and never writable there."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.utils.text import capfirst

from ashyq.core.admin import ReadOnlyAdmin
from ashyq.core.demo import load_demo

pytestmark = pytest.mark.django_db
READ_ONLY = sorted(
    (model for model, model_admin in admin.site._registry.items() if isinstance(model_admin, ReadOnlyAdmin)),
    key=lambda model: model._meta.label_lower,
)


def test_every_app_with_service_written_records_has_them_read_only() -> None:
    apps = {model._meta.app_label for model in READ_ONLY}
    assert {"core", "feedback", "registry", "meetings", "methodology"} <= apps


def test_read_only_lists_show_their_records_and_offer_no_writes(admin_client) -> None:
    load_demo()
    for model in READ_ONLY:
        url = f"/en/admin/{model._meta.app_label}/{model._meta.model_name}/"
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert capfirst(str(model._meta.verbose_name_plural)) in page.content.decode(), url
        assert f'href="{url}add/"' not in page.content.decode(), url
        assert admin_client.get(f"{url}add/").status_code == 403, url


def test_an_override_added_in_the_admin_is_audited_and_counts_at_once(admin_client) -> None:
    # when the authorized body makes Saturday 27 November 2027 a working day in the admin
    response = admin_client.post(
        "/en/admin/core/calendaroverride/add/",
        {
            "date": "2027-11-27",
            "kind": "working",
            "reason_kk": "Жұмыс күні",
            "reason_ru": "Рабочий день",
            "reason_en": "Working day",
            "basis": "Government resolution (test)",
        },
    )
    assert response.status_code == 302
    # then the calendar counts it and the audit trail says who did it
    from ashyq.core.calendar import WorkingCalendar
    from ashyq.core.models import AuditEvent

    assert WorkingCalendar().is_working_day(datetime.date(2027, 11, 27))
    event = AuditEvent.objects.get(event_type="core.calendaroverride.created")
    assert event.actor_label == "admin" and event.new["kind"] == "working"


def test_a_district_added_in_the_admin_is_audited(admin_client) -> None:
    from ashyq.core.models import AuditEvent
    from ashyq.orgs.models import Body, BodyKind
    from tests.factories import BodyFactory

    oblast = BodyFactory(name_ru="Акмолинская область", name_kk="Ақмола облысы", kind=BodyKind.OBLAST_AKIMAT)
    response = admin_client.post(
        "/en/admin/orgs/body/add/",
        {
            "name_kk": "Аршалы ауданы",
            "name_ru": "Аршалынский район",
            "kind": BodyKind.DISTRICT_AKIMAT,
            "parent": oblast.pk,
            "is_active": "on",
            "notes": "",
            "subordinates-TOTAL_FORMS": "0",
            "subordinates-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    district = Body.objects.get(name_ru="Аршалынский район")
    event = AuditEvent.objects.get(event_type="orgs.body.created", body=district)
    assert event.new["parent"] == oblast.pk and event.actor_label == "admin"
