"""Demo records of the campaigns (``manage.py demo_load``): an openness campaign for 2025 collecting reports,
and published results for 2024 and 2025 (:func:`load_published`) that the portal's ratings show.

The Ministry of Health (``officer.health``, ``firsthead.health``) has most of its report filled in, with
dated evidence for the audit results of table 2 item 4; the Ministry of Finance (``officer.finance``) has
filled in everything and submitted; Almaty (``officer.almaty``) has not started. The analyst sees the
dashboard; the officers their task lists and provisional scores. Created once. The evaluations of feedback
(000 chapter 3) come from ``feedback_demo``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.utils import timezone

from ashyq.core.demo import ALMATY_ID, FINANCE_ID, HEALTH_ID
from ashyq.evaluation import feedback_demo
from ashyq.evaluation.facts import best_value, required_slots, worst_value
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.models import Campaign, Enrolment, ReportFact
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.agency import agency_send
from ashyq.evaluation.services.campaigns import (
    campaign_close_collection,
    campaign_create,
    campaign_deliver,
    campaign_enrol,
    campaign_open,
)
from ashyq.evaluation.services.conclusions import conclusion_approve, conclusion_deliver
from ashyq.evaluation.services.feedback_evaluations import feedback_methodology_for, submission_score
from ashyq.evaluation.services.objections import responses_close_passed_terms
from ashyq.evaluation.services.reports import evidence_add, fact_record, report_submit
from ashyq.evaluation.services.scoring import scoring_run_execute, scoring_run_request
from ashyq.methodology.models import MethodologyKind, MethodologyVersion
from ashyq.orgs.models import REGIONAL_KINDS, Body, BodyKind

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
    load_collecting(accounts)
    load_published(accounts)


def load_collecting(accounts: dict[str, User]) -> None:
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


PUBLISHED_NAME = "Ашықтықты бағалау {year} (жіберілді) / Оценка открытости {year} (направлено)"


def _varied_facts(enrolment: Enrolment, weakness: int) -> list[ReportFact]:
    """A report in which about ``weakness`` items in a hundred earn nothing, so that bodies differ."""
    version = pinned_version(enrolment.campaign.methodology)
    rows = []
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        # an indicator is weak or strong in all its values, so that they stay consistent
        weak = (sum(map(ord, slot.indicator)) * 37 + enrolment.body_id * 11) % 100 < weakness
        value = worst_value(slot, 0) if weak and slot.rule != "penalty_share" else best_value(slot, version)
        rows.append(ReportFact(enrolment=enrolment, indicator=slot.indicator, language=slot.language, value=value))
    return rows


def publish_campaign(
    *,
    year: int,
    bodies: Sequence[Body],
    methodology: MethodologyVersion,
    analyst: User,
    head: User,
    received_on: datetime.date,
    sent_on: datetime.date,
    weakness: Sequence[int] = (0,),
) -> Campaign:
    """A campaign of the year taken through the services to the Agency (002 §16, §109–119): enrolled, its
    reports stored (one bulk insert, as the import does), scored, conclusions approved and delivered on
    ``received_on``, every term passed without objections, the final conclusion sent on ``sent_on``."""
    campaign = campaign_create(
        name=PUBLISHED_NAME.format(year=year),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        methodology=methodology,
        report_due=datetime.date(year + 1, 2, 1),
        actor=analyst,
    )
    enrolments = campaign_enrol(campaign=campaign, bodies=bodies, actor=analyst)
    campaign_open(campaign=campaign, actor=analyst)
    facts: list[ReportFact] = []
    for index, enrolment in enumerate(enrolments):
        facts += _varied_facts(enrolment, weakness[index % len(weakness)])
    ReportFact.objects.bulk_create(facts)
    campaign_close_collection(campaign=campaign, actor=analyst)
    run = scoring_run_request(campaign=campaign, actor=analyst)
    run = scoring_run_execute(run_id=run.pk)  # the queued task finds the run done and does nothing
    if run.status != run.Status.DONE:
        raise RuntimeError(f"{campaign.name}: {run.error}")
    for enrolment in campaign.enrolments.all():
        conclusion_approve(enrolment=enrolment, actor=head)
        conclusion_deliver(enrolment=enrolment, received_on=received_on, actor=analyst)
    campaign_deliver(campaign=campaign, actor=analyst)
    responses_close_passed_terms(campaign=campaign, today=sent_on)
    agency_send(campaign=campaign, sent_on=sent_on, actor=analyst)
    campaign.refresh_from_db()
    return campaign


def load_published(accounts: dict[str, User]) -> None:
    """Results for 2024 and 2025 sent to the Agency, for the portal's public ratings (issue 13 item 1)."""
    methodology = MethodologyVersion.objects.filter(kind=MethodologyKind.OPENNESS).first()
    if methodology is None or Campaign.objects.filter(name=PUBLISHED_NAME.format(year=2025)).exists():
        return
    central = list(Body.objects.filter(kind=BodyKind.MINISTRY, is_active=True).order_by("name_ru")[:6])
    local = list(Body.objects.filter(kind__in=REGIONAL_KINDS, is_active=True).order_by("name_ru")[:4])
    for year in (2024, 2025):
        publish_campaign(
            year=year,
            bodies=central + local,
            methodology=methodology,
            analyst=accounts["analyst"],
            head=accounts["head"],
            received_on=datetime.date(year + 1, 3, 2),
            sent_on=datetime.date(year + 1, 4, 1),
            weakness=(0, 8, 15, 25, 35) if year == 2025 else (5, 12, 20, 30, 10),
        )
        _publish_feedback(year, central + local, accounts["analyst"])


def _publish_feedback(year: int, bodies: Sequence[Body], analyst: User) -> None:
    """The year's F of each body (000 §22–23, by the engine) in the year's published evaluation: the one the
    feedback demo ran through the services (2025, three bodies), completed here, or a new one (2024)."""
    end = datetime.date(year, 12, 31)
    methodology = feedback_methodology_for(end)
    if methodology is None:
        return
    evaluation = FeedbackEvaluation.objects.filter(status=FeedbackEvaluation.Status.PUBLISHED, period_end=end).first()
    if evaluation is None:
        evaluation = FeedbackEvaluation.objects.create(
            name=f"Кері байланысты бағалау {year} / Оценка обратной связи {year}",
            period_start=datetime.date(year, 1, 1),
            period_end=end,
            methodology=methodology,
            requested_on=datetime.date(year + 1, 1, 10),
            due_on=datetime.date(year + 1, 1, 31),
            status=FeedbackEvaluation.Status.PUBLISHED,
            published_at=timezone.make_aware(datetime.datetime(year + 1, 2, 15, 10)),
            created_by=analyst,
        )
    submitted = set(evaluation.submissions.values_list("body_id", flat=True))
    rows = []
    for index, body in enumerate(bodies):
        if body.pk in submitted:
            continue
        received, answered = 20 + index * 3, 30 + index
        accepted, done = received - (index * 2 + year) % 9, answered - (index + year) % 7
        submission = FeedbackSubmission(
            evaluation=evaluation,
            body=body,
            remarks_received=received,
            remarks_accepted=accepted,
            remarks_rejected=received - accepted,
            comments_received=answered,
            comments_answered=done,
            comments_unanswered=answered - done,
            status=FeedbackSubmission.Status.SUBMITTED,
            submitted_at=evaluation.published_at,
        )
        submission.f, submission.band, submission.explanation = submission_score(submission)
        rows.append(submission)
    FeedbackSubmission.objects.bulk_create(rows)
