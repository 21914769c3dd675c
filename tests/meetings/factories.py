"""Factories of the meetings app's rows (tests build lifecycles through the services, these only seed)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import factory

from ashyq.meetings.models import Meeting, Schedule
from ashyq.orgs.models import BodyKind
from tests.factories import BodyFactory

ALMATY = ZoneInfo("Asia/Almaty")


def at(year: int, month: int, day: int, hour: int = 11) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=ALMATY)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule
        django_get_or_create = ("year",)

    year = 2026


class RegionFactory(BodyFactory):
    kind = BodyKind.OBLAST_AKIMAT
    name_ru = factory.Sequence(lambda n: f"Область № {n}")
    name_kk = factory.Sequence(lambda n: f"№ {n} облысы")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    schedule = factory.SubFactory(ScheduleFactory)
    status = Meeting.Status.APPROVED
    head_name = "Министр"
    topic_kk = factory.Sequence(lambda n: f"Кездесу тақырыбы {n}")
    topic_ru = factory.Sequence(lambda n: f"Тема встречи {n}")
    planned_start = at(2026, 3, 12)
    planned_duration_minutes = 120
    proposed_on = datetime.date(2025, 11, 20)
