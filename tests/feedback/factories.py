"""Factories of the feedback app's models."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import factory

from ashyq.feedback.models import CHANNEL_OF_KIND, Item, ItemKind, ItemStatus, Source, SourceKind
from tests.factories import BodyFactory

ALMATY = ZoneInfo("Asia/Almaty")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    body = factory.SubFactory(BodyFactory)
    kind = SourceKind.DRAFT_NPA
    channel = factory.LazyAttribute(lambda source: CHANNEL_OF_KIND[SourceKind(source.kind)])
    title_kk = factory.Sequence(lambda n: f"№ {n} бұйрықтың жобасы")
    title_ru = factory.Sequence(lambda n: f"Проект приказа № {n}")
    url = "https://legalacts.egov.kz/npa/view?id=1"
    period_start = datetime.date(2026, 9, 1)
    period_end = datetime.date(2026, 9, 15)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    body = factory.LazyAttribute(lambda item: item.source.body)
    channel = factory.LazyAttribute(lambda item: item.source.channel)
    kind = ItemKind.REMARK
    status = factory.LazyAttribute(
        lambda item: ItemStatus.RECEIVED if item.kind == ItemKind.REMARK else ItemStatus.UNANSWERED
    )
    external_id = factory.Sequence(lambda n: f"ext-{n}")
    author = "Асан Үсенов"
    text = "Предлагаю изложить пункт 5 в новой редакции"
    received_at = datetime.datetime(2026, 9, 5, 10, 0, tzinfo=ALMATY)
