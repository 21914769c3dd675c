"""Prefill of the body's report from feedback, meetings and the registry (issue 14 item 2)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Campaign, Enrolment, Evidence, ReportFact, Source
from ashyq.evaluation.services.campaigns import campaign_open
from ashyq.evaluation.services.prefill import report_prefill
from ashyq.evaluation.services.reports import fact_record
from ashyq.feedback.models import InformationNotice, SourceKind
from ashyq.meetings.models import Meeting
from ashyq.orgs.models import SubordinateOrganisation
from tests.feedback.factories import ItemFactory, SourceFactory
from tests.meetings.factories import MeetingFactory, ScheduleFactory, at


@pytest.fixture
def collecting(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User) -> dict[str, Enrolment]:
    campaign_open(campaign=campaign, actor=analyst)
    return enrolled


def test_prefill_gathers_feedback_meetings_and_subordinates_without_overwriting_typed_values(
    collecting: dict[str, Enrolment], officer_a: User, officer_b: User
) -> None:
    enrolment = collecting["a"]
    body = enrolment.body
    draft = SourceFactory(
        body=body,
        period_start=datetime.date(2025, 5, 1),
        period_end=datetime.date(2025, 5, 20),
        url="https://legalacts.egov.kz/npa/view?id=7",
    )
    ItemFactory(source=draft)
    InformationNotice.objects.create(
        source=draft, url="https://gov.kz/notice-7", published_on=datetime.date(2025, 4, 28)
    )
    SourceFactory(
        body=body,
        kind=SourceKind.SURVEY,
        participants=340,
        url="https://dialog.egov.kz/survey/1",
        period_start=datetime.date(2025, 6, 1),
        period_end=datetime.date(2025, 6, 30),
    )
    SourceFactory(body=body, period_start=datetime.date(2024, 5, 1), period_end=datetime.date(2024, 5, 20))  # outside
    schedule = ScheduleFactory(year=2025)
    MeetingFactory(
        body=body,
        schedule=schedule,
        status=Meeting.Status.HELD,
        planned_start=at(2025, 3, 12),
        actual_start=at(2025, 3, 12),
        citizens_received=12,
        announcement_url="https://gov.kz/announcement",
    )
    SubordinateOrganisation.objects.create(
        body=body, kind="subordinate", name_kk="Ұйым", name_ru="Организация", website="https://org.kz"
    )
    fact_record(enrolment=enrolment, indicator="t6.4.3", language="kk", raw={"met": False}, actor=officer_a)
    with pytest.raises(PermissionDenied):
        report_prefill(enrolment=enrolment, actor=officer_b)

    report_prefill(enrolment=enrolment, actor=officer_a)
    report_prefill(enrolment=enrolment, actor=officer_a)  # a second run replaces, never doubles

    facts = {(f.indicator, f.language): (f.value, f.source) for f in ReportFact.objects.filter(enrolment=enrolment)}
    assert facts[("t6.4.3", "kk")] == ({"met": False}, Source.REPORT)  # what the officer typed stays
    assert facts[("t6.4.3", "ru")] == ({"met": True}, Source.PREFILL)
    assert facts[("t6.4.1", "kk")] == ({"attainment": "1"}, Source.PREFILL)
    evidence = {(e.indicator, e.url, e.count) for e in Evidence.objects.filter(enrolment=enrolment)}
    assert ("t4.2", "https://legalacts.egov.kz/npa/view?id=7", None) in evidence
    assert ("t4.4", "https://legalacts.egov.kz/npa/view?id=7", 1) in evidence
    assert ("t4.5", "https://gov.kz/notice-7", None) in evidence
    assert ("t6.1", "https://dialog.egov.kz/survey/1", 340) in evidence
    assert ("t6.4.1", "https://gov.kz/announcement", None) in evidence
    assert ("t9.1", "https://org.kz", None) in evidence
    assert Evidence.objects.filter(enrolment=enrolment, indicator="t4.2").count() == 1
    assert AuditEvent.objects.filter(event_type=CampaignEvent.REPORT_PREFILLED).count() == 2


def test_the_body_page_prefills_for_its_officer(collecting: dict[str, Enrolment], officer_a: User) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(officer_a)
    page = client.get(reverse("evaluation:enrolment", args=[collecting["a"].pk])).content.decode()
    response = client.post(reverse("evaluation:prefill", args=[collecting["a"].pk]), follow=True)

    assert "Prefill from what Ashyq holds" in page
    assert "Prefilled from Ashyq: 0 values and 0 lines of evidence." in response.content.decode()
