"""Campaign fixtures: the openness version loaded, a campaign with bodies A, B (central) and a local body."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from ashyq.evaluation.facts import Slot, best_value, required_slots
from ashyq.evaluation.models import Campaign, Enrolment, ReportFact, Source
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.campaigns import campaign_create, campaign_enrol
from ashyq.methodology.models import MethodologyVersion
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import DATA_DIR, read_version_file
from ashyq.orgs.models import Body

OPENNESS_FILE = DATA_DIR / "openness-2025-36070.toml"


@pytest.fixture
def openness_row(db: None) -> MethodologyVersion:
    return methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version


@pytest.fixture
def campaign(openness_row: MethodologyVersion, analyst: User) -> Campaign:
    return campaign_create(
        name="Openness 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        methodology=openness_row,
        report_due=datetime.date(2026, 2, 2),
        actor=analyst,
    )


@pytest.fixture
def enrolled(campaign: Campaign, analyst: User, body_a: Body, body_b: Body, local_body: Body) -> dict[str, Enrolment]:
    enrolments = campaign_enrol(campaign=campaign, bodies=[body_a, body_b, local_body], actor=analyst)
    return {"a": enrolments[0], "b": enrolments[1], "local": enrolments[2]}


Filler = Callable[[Enrolment, Callable[[Slot], dict[str, Any] | None] | None], None]


def fill(enrolment: Enrolment, value: Callable[[Slot], dict[str, Any] | None] | None = None) -> None:
    """Store a value for every slot the body reports: ``value(slot)`` or the best value; None leaves it missing."""
    version = pinned_version(enrolment.campaign.methodology)
    rows = []
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        chosen = value(slot) if value else best_value(slot, version)
        if chosen is None:
            continue
        rows.append(
            ReportFact(
                enrolment=enrolment,
                indicator=slot.indicator,
                language=slot.language,
                value=chosen,
                source=Source.REPORT,
            )
        )
    ReportFact.objects.bulk_create(rows)


@pytest.fixture
def filler() -> Filler:
    return fill
