"""Meetings fixtures: tasks run immediately; a meeting walked through the services to each stage."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from ashyq.meetings import services
from ashyq.meetings.models import Meeting, Schedule
from ashyq.orgs.models import Body
from tests.meetings.factories import MeetingFactory, RegionFactory, ScheduleFactory, at


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def region(db: None) -> Body:
    return RegionFactory(name_ru="Алматинская область", name_kk="Алматы облысы")


@pytest.fixture
def plan(region: Body) -> services.MeetingPlan:
    return services.MeetingPlan(
        head_name="Министр здравоохранения",
        topic_kk="Алғашқы медициналық көмек",
        topic_ru="Первичная медицинская помощь",
        planned_start=at(2026, 3, 12),
        planned_duration_minutes=120,
        place="Қонаев",
        region=region,
    )


@pytest.fixture
def approved_meeting(body_a: Body) -> Meeting:
    return MeetingFactory(body=body_a, schedule=ScheduleFactory(year=2026, status=Schedule.Status.APPROVED))


@pytest.fixture
def record(region: Body) -> services.MeetingRecord:
    return services.MeetingRecord(
        actual_start=at(2026, 3, 12),
        actual_report_minutes=30,
        events_ended_on=datetime.date(2026, 3, 13),
        broadcast_url="https://example.kz/live",
        citizens_received=40,
        ngo_participants=12,
        ngo_names=["Денсаулық ҚБ", "Пациенттер қоры"],
        akimats=[region],
    )


@pytest.fixture
def held_meeting(approved_meeting: Meeting, record: services.MeetingRecord, officer_a: User) -> Meeting:
    return services.meeting_hold(meeting=approved_meeting, record=record, actor=officer_a)


def full_plan(deadline: datetime.date = datetime.date(2026, 6, 30)) -> services.ActionPlanEntry:
    return services.ActionPlanEntry(
        action_kk="Тексеру жүргізу",
        action_ru="Провести проверку",
        deadline=deadline,
        executor_kk="Департамент",
        executor_ru="Департамент",
    )


@pytest.fixture
def published_meeting(held_meeting: Meeting, officer_a: User) -> Meeting:
    ngo = held_meeting.ngos.get(name="Пациенттер қоры")
    services.issue_add(
        meeting=held_meeting,
        source="reception",
        rating="personal",
        text_kk="Жолдама жоқ",
        text_ru="Нет направления",
        plan=full_plan(),
        actor=officer_a,
    )
    services.issue_add(
        meeting=held_meeting,
        source="ngo",
        ngo=ngo,
        rating="systemic",
        text_kk="Дәрі жетіспейді",
        text_ru="Не хватает лекарств",
        plan=full_plan(datetime.date(2026, 12, 31)),
        actor=officer_a,
    )
    return services.meeting_publish_results(
        meeting=held_meeting,
        published_on=datetime.date(2026, 3, 20),
        url_kk="https://example.kz/kk/results",
        url_ru="https://example.kz/ru/results",
        actor=officer_a,
    )
