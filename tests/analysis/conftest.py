"""The analysis tests: messages in English, tasks run at once, and a quarter of texts of body A."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import translation

from ashyq.feedback.models import ItemKind, SourceKind
from tests.feedback.factories import ALMATY, ItemFactory, SourceFactory

CAMPAIGN_TEXT = "Мы против вырубки деревьев в сквере на улице Абая! Просим сохранить сквер для жителей района."
IIN = "860904350504"


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def quarter_texts(body_a):
    """2026 Q3 of body A: a campaign of 12 copies in one afternoon (4 signed with a phone), 4 Kazakh and 4 Russian
    appeals on roads and water (one with an IIN and a phone), 1 mixed comment; 3 items in Q2 for the trend."""
    appeals = SourceFactory(
        body=body_a,
        kind=SourceKind.APPEALS_QUARTER,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
    )
    social = SourceFactory(
        body=body_a,
        kind=SourceKind.SOCIAL_MEDIA_QUARTER,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
    )
    start = datetime.datetime(2026, 8, 10, 14, 0, tzinfo=ALMATY)
    for n in range(12):
        text = CAMPAIGN_TEXT if n % 3 else CAMPAIGN_TEXT.replace("!", ".") + f" Тел. 8701555{n:04d}"
        ItemFactory(
            source=social, kind=ItemKind.COMMENT, text=text, received_at=start + datetime.timedelta(minutes=9 * n)
        )
    singles = [
        (appeals, "Ауылдағы жолды жөндеуді сұраймыз, жол өте нашар, шұңқырлар көп."),
        (appeals, f"Ауыз су жоқ, құбыр ескірген. Менің ЖСН {IIN}, хабарласыңыз: +7 701 123 45 67."),
        (appeals, "Просим отремонтировать дорогу в селе, ямы на дороге не дают проехать."),
        (appeals, "Нет питьевой воды третий день, трубы старые, просим заменить водопровод."),
        (social, "Су жоқ үш күн болды, когда это закончится, сколько можно ждать?"),
        (appeals, "Дорога в селе разбита, ямы повсюду, проехать невозможно."),
        (appeals, "Жолды жөндеу керек, шұңқырлар көп, көліктер бұзылады."),
        (appeals, "Водопровод в селе старый, питьевой воды нет."),
        (appeals, "Ауыз су сапасы нашар, құбыр ескірген, су жиі өшеді."),
    ]
    for number, (source, text) in enumerate(singles):
        ItemFactory(
            source=source, kind=ItemKind.COMMENT, text=text, received_at=start + datetime.timedelta(days=number + 3)
        )
    previous = datetime.datetime(2026, 5, 5, 10, 0, tzinfo=ALMATY)
    for _ in range(3):
        ItemFactory(source=appeals, kind=ItemKind.COMMENT, text="Просим отремонтировать дорогу.", received_at=previous)
    return {"appeals": appeals, "social": social}
