"""Records written only by services are browsable in the admin and never writable there."""

from __future__ import annotations

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
