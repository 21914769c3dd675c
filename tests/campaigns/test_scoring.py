"""Scoring a campaign from its stored facts through the pure engine, as one group (issue 14 item 5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.engine import score_openness
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import Slot, engine_facts, gather
from ashyq.evaluation.models import Campaign, CriterionPoints, Enrolment, IndicatorPoints, ScoringRun
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.campaigns import campaign_close_collection, campaign_open
from ashyq.evaluation.services.conclusions import conclusion_approve, conclusion_deliver
from ashyq.evaluation.services.scoring import provisional_score, scoring_run_request
from ashyq.orgs.models import Body
from tests.campaigns.conftest import Filler


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _half(slot: Slot) -> dict[str, Any] | None:
    """Body B reports half of everything where a share can be given (attainment 0.5), else the best."""
    if slot.rule == "attainment":
        return {"attainment": "0.5"}
    return None


@pytest.fixture
def verifying(
    campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User, filler: Filler, body_b: Body
) -> Campaign:
    from ashyq.evaluation.facts import best_value

    version = pinned_version(campaign.methodology)
    for enrolment in enrolled.values():
        filler(enrolment, None if enrolment.body_id != body_b.pk else lambda s: _half(s) or best_value(s, version))
    campaign_open(campaign=campaign, actor=analyst)
    return campaign_close_collection(campaign=campaign, actor=analyst)


def test_a_whole_campaign_is_scored_and_stored_as_the_engine_computes_it(
    verifying: Campaign, enrolled: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = scoring_run_request(campaign=verifying, actor=analyst)
    run.refresh_from_db()
    verifying.refresh_from_db()

    assert run.status == ScoringRun.Status.DONE, run.error
    assert run.percent == 100 and run.stored_bodies == 3
    assert verifying.status == Campaign.Status.SCORED and verifying.current_run_id == run.pk
    a, b, local = (Enrolment.objects.get(pk=e.pk) for e in enrolled.values())
    # Body A earns every point and no penalty; body B half of every attainment indicator.
    assert a.final == Decimal(100) and a.penalty == 0
    assert b.final is not None and Decimal(0) < b.final < Decimal(100)
    assert local.final == Decimal(100)
    # Same facts, pure engine, same numbers: the stored results are the engine's.
    version = pinned_version(verifying.methodology)
    bodies = gather(verifying)
    expected = score_openness(version, engine_facts(version, [body.body_input() for body in bodies]))
    assert [e.final for e in (a, b, local)] == [score.final for score in expected]
    stored = {
        (row.indicator, lang): row.points(lang)
        for row in IndicatorPoints.objects.filter(enrolment=b, run=run).exclude(treatment="multiplier")
        for lang in ("kk", "ru")
    }
    engine_b = {
        (result.indicator_id, lang): points
        for criterion in expected[1].criteria
        for result in criterion.indicators
        for lang, points in result.points.items()
    }
    assert stored == engine_b
    assert CriterionPoints.objects.filter(enrolment=a, run=run).count() == 7
    assert "итоговая оценка" in a.explanation["ru"]
    assert AuditEvent.objects.filter(event_type=CampaignEvent.SCORES_RECORDED).count() == 1


def test_an_exempt_body_receives_its_groups_average(
    campaign: Campaign,
    analyst: User,
    body_a: Body,
    body_b: Body,
    filler: Filler,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """002 §67: a body whose budget is secret gets, per language, the mean of its group on tables 2."""
    from ashyq.evaluation.facts import best_value
    from ashyq.evaluation.services.campaigns import campaign_enrol
    from tests.factories import BodyFactory

    secret = BodyFactory(budget_secret=True)
    a, b, s = campaign_enrol(campaign=campaign, bodies=[body_a, body_b, secret], actor=analyst)
    version = pinned_version(campaign.methodology)
    filler(a, None)
    filler(b, lambda slot: {"met": False} if slot.indicator == "t2.5" else best_value(slot, version))
    filler(s, None)
    campaign_open(campaign=campaign, actor=analyst)
    campaign_close_collection(campaign=campaign, actor=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        run = scoring_run_request(campaign=campaign, actor=analyst)

    row = IndicatorPoints.objects.get(run=run, enrolment=s, indicator="t2.5")
    a_row = IndicatorPoints.objects.get(run=run, enrolment=a, indicator="t2.5")
    assert row.treatment == "group_average"
    assert row.points_kk == a_row.points_kk / 2  # the mean of A (full points) and B (none)
    assert row.points_ru == a_row.points_ru / 2
    assert "§67" in row.explanation["en"]


def test_missing_values_refuse_the_run_naming_the_body(
    campaign: Campaign,
    enrolled: dict[str, Enrolment],
    analyst: User,
    filler: Filler,
    django_capture_on_commit_callbacks: Any,
) -> None:
    filler(enrolled["a"], None)
    filler(
        enrolled["b"], lambda slot: None if slot.indicator == "t6.2" else {"met": True} if slot.rule == "met" else None
    )
    filler(enrolled["local"], None)
    campaign_open(campaign=campaign, actor=analyst)
    campaign_close_collection(campaign=campaign, actor=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        run = scoring_run_request(campaign=campaign, actor=analyst)
    run.refresh_from_db()
    campaign.refresh_from_db()

    assert run.status == ScoringRun.Status.FAILED
    assert enrolled["b"].body.name_ru in run.error and "values are missing" in run.error
    assert campaign.status == Campaign.Status.VERIFYING and campaign.current_run_id is None


def test_rescoring_replaces_the_results_and_nothing_is_scored_after_delivery(
    verifying: Campaign,
    enrolled: dict[str, Enrolment],
    analyst: User,
    authorized_head: User,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    from ashyq.evaluation.services.campaigns import campaign_deliver
    from ashyq.orgs.services import membership_grant
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        first = scoring_run_request(campaign=verifying, actor=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        second = scoring_run_request(campaign=verifying, actor=analyst)
    assert not IndicatorPoints.objects.filter(run=first).exists()
    assert IndicatorPoints.objects.filter(run=second).exists()

    officer = UserFactory(username="officer_mail", email="officer@example.kz")
    membership_grant(user=officer, body=enrolled["a"].body, role="officer", actor=None)
    verifying.refresh_from_db()
    import datetime

    for enrolment in enrolled.values():
        enrolment = conclusion_approve(enrolment=enrolment, actor=authorized_head)
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = conclusion_deliver(enrolment=enrolment, received_on=datetime.date(2026, 3, 20), actor=analyst)
    a = Enrolment.objects.get(pk=enrolled["a"].pk)
    # §109: 5 working days from the day after receipt; 21–25 March 2026 are the Nauryz holidays.
    assert a.conclusion_received_on == datetime.date(2026, 3, 20)
    assert a.objection_due is not None and a.objection_due > datetime.date(2026, 3, 27)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["officer@example.kz"]
    campaign = campaign_deliver(campaign=verifying, actor=analyst)

    with pytest.raises(InvalidTransition):
        scoring_run_request(campaign=campaign, actor=analyst)


def test_provisional_score_prices_each_missing_item(
    campaign: Campaign, enrolled: dict[str, Enrolment], filler: Filler
) -> None:
    """While filling its report the body sees its score so far and what each missing item costs."""
    from ashyq.evaluation.facts import best_value

    version = pinned_version(campaign.methodology)
    filler(enrolled["a"], lambda slot: None if slot.indicator in {"t6.2", "t2.5"} else best_value(slot, version))

    provisional = provisional_score(enrolled["a"])

    costs = {(item.slot.indicator, item.slot.language): item.cost for item in provisional.missing}
    t25 = version.indicators["t2.5"]
    assert costs[("t2.5", "kk")] == t25.maximum("central", "kk")
    assert costs[("t6.2", "ru")] == version.indicators["t6.2"].maximum("central", "ru")
    assert provisional.score.final == Decimal(100) - sum(costs.values())
