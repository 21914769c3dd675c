"""Demo records of the campaigns (``manage.py demo_load``): an openness campaign for 2025 collecting reports.

The Ministry of Health (``officer.health``, ``firsthead.health``) has most of its report filled in, with
dated evidence for the audit results of table 2 item 4; the Ministry of Finance (``officer.finance``) has
filled in everything and submitted; Almaty (``officer.almaty``) has not started. The analyst sees the
dashboard; the officers their task lists and provisional scores. Created once. The evaluations of feedback
(000 chapter 3) come from ``feedback_demo``.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from ashyq.core.demo import ALMATY_ID, FINANCE_ID, HEALTH_ID
from ashyq.evaluation import feedback_demo
from ashyq.evaluation.facts import best_value, required_slots
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.campaigns import campaign_create, campaign_enrol, campaign_open
from ashyq.evaluation.services.reports import evidence_add, fact_record, report_submit
from ashyq.methodology.models import MethodologyKind, MethodologyVersion
from ashyq.orgs.models import Body

NAME = "Ашықтықты бағалау 2025 / Оценка открытости 2025"
LEFT_OPEN = {"t6.2", "t7-1.2", "t2.5"}


def _fill(enrolment: Enrolment, officer: User, *, leave: set[str]) -> None:
    version = pinned_version(enrolment.campaign.methodology)
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        if slot.indicator in leave:
            continue
        value = best_value(slot, version)
        if slot.rule == "attainment":
            value = {"attainment": "0.9"}
        fact_record(enrolment=enrolment, indicator=slot.indicator, language=slot.language, raw=value, actor=officer)


def load(accounts: dict[str, User]) -> None:
    feedback_demo.load(accounts)
    if Campaign.objects.filter(name=NAME).exists():
        return
    methodology = MethodologyVersion.objects.filter(kind=MethodologyKind.OPENNESS).first()
    if methodology is None:
        return
    analyst = accounts["analyst"]
    campaign = campaign_create(
        name=NAME,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        methodology=methodology,
        report_due=datetime.date(2026, 12, 31),
        actor=analyst,
    )
    bodies = [Body.objects.get(legalacts_government_id=npa) for npa in (HEALTH_ID, FINANCE_ID, ALMATY_ID)]
    health, finance, _almaty = campaign_enrol(campaign=campaign, bodies=bodies, actor=analyst)
    campaign_open(campaign=campaign, actor=analyst)
    _fill(health, accounts["officer.health"], leave=LEFT_OPEN)
    evidence_add(
        enrolment=health,
        indicator="t2.4",
        language="kk",
        kind="link",
        fields={
            "title": "Мемлекеттік аудит нәтижелері",
            "url": "https://www.gov.kz/memleket/entities/dsm/documents/demo-audit",
            "reference_date": datetime.date(2025, 3, 14),
            "published_on": datetime.date(2025, 4, 2),
        },
        actor=accounts["officer.health"],
    )
    _fill(finance, accounts["officer.finance"], leave=set())
    report_submit(enrolment=finance, actor=accounts["officer.finance"])
