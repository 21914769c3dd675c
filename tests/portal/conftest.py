"""Portal fixtures: the clock, district bodies, a PDF upload."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.orgs.models import Body, BodyKind, Role
from ashyq.orgs.services import membership_grant
from ashyq.portal import deadlines
from ashyq.portal.demo import demo_pdf
from tests.factories import BodyFactory, UserFactory


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime.date], None]:
    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr(deadlines, "today", lambda: day)

    return set_day


@pytest.fixture
def pdf() -> Callable[..., SimpleUploadedFile]:
    def make(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, demo_pdf("Report") if content is None else content, "application/pdf")

    return make


@pytest.fixture
def district(local_body: Body) -> Body:
    return BodyFactory(
        name_ru="Аршалынский район", name_kk="Аршалы ауданы", kind=BodyKind.DISTRICT_AKIMAT, parent=local_body
    )


@pytest.fixture
def officer_district(district: Body) -> object:
    user = UserFactory(username="officer_district")
    membership_grant(user=user, body=district, role=Role.OFFICER, actor=None)
    return user
