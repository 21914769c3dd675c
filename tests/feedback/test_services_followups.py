"""Quarterly analysis → first head → recommendations done (000 §14–15); published results (000 §16)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.feedback.models import QuarterlyAnalysis, Recommendation
from ashyq.feedback.projects import publication_schedule
from ashyq.feedback.services.followups import (
    analysis_create,
    analysis_decide,
    analysis_submit,
    project_create,
    publication_add,
    recommendation_add,
    recommendation_complete,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(officer_a, body_a):
    return analysis_create(
        body=body_a,
        year=2026,
        quarter=3,
        findings="Жолданымдардың 40 %-ы дәрі-дәрмекке қатысты",
        appeals_count=120,
        social_comments_count=300,
        actor=officer_a,
    )


def test_the_analysis_goes_to_the_first_head_and_its_recommendations_are_done(officer_a, first_head_a, analysis):
    # given an analysis with one recommendation assigned to a unit
    recommendation = recommendation_add(
        analysis=analysis,
        kind=Recommendation.Kind.CORRECTION,
        text="Дәрі-дәрмекпен қамтамасыз ету жобасын түзету",
        unit="Фармация департаменті",
        actor=officer_a,
    )
    # when the officer submits it and the first head decides
    analysis_submit(analysis=analysis, actor=officer_a)
    analysis_decide(analysis=analysis, decision="Ұсынымдар орындалсын", actor=first_head_a)
    # then the unit reports it done
    recommendation_complete(
        recommendation=recommendation, done_on=datetime.date(2026, 11, 1), note="Жоба түзетілді", actor=officer_a
    )
    analysis.refresh_from_db()
    recommendation.refresh_from_db()
    assert analysis.status == QuarterlyAnalysis.Status.DECIDED and analysis.decided_by == first_head_a
    assert recommendation.status == Recommendation.Status.DONE
    events = list(AuditEvent.objects.filter(event_type__startswith="feedback.").values_list("event_type", flat=True))
    assert set(events) >= {
        "feedback.analysis.created",
        "feedback.recommendation.added",
        "feedback.analysis.submitted",
        "feedback.analysis.decided",
        "feedback.recommendation.done",
    }


def test_an_analysis_without_recommendations_cannot_be_submitted(officer_a, analysis):
    with pytest.raises(InvalidTransition, match="recommendation"):
        analysis_submit(analysis=analysis, actor=officer_a)


def test_only_the_first_head_decides_and_only_once(officer_a, first_head_a, analysis):
    recommendation_add(analysis=analysis, kind="new_project", text="x", unit="y", actor=officer_a)
    with pytest.raises(InvalidTransition, match="Only a submitted analysis can be considered"):
        analysis_decide(analysis=analysis, decision="x", actor=first_head_a)  # not yet submitted
    analysis_submit(analysis=analysis, actor=officer_a)
    with pytest.raises(PermissionDenied):
        analysis_decide(analysis=analysis, decision="x", actor=officer_a)
    analysis_decide(analysis=analysis, decision="x", actor=first_head_a)
    with pytest.raises(InvalidTransition, match="and only once"):
        analysis_decide(analysis=analysis, decision="y", actor=first_head_a)


def test_a_recommendation_waits_for_the_decision(officer_a, analysis):
    recommendation = recommendation_add(analysis=analysis, kind="new_project", text="x", unit="y", actor=officer_a)
    with pytest.raises(InvalidTransition, match="after the first head has considered it"):
        recommendation_complete(
            recommendation=recommendation, done_on=datetime.date(2026, 10, 1), note="", actor=officer_a
        )


def test_an_officer_of_another_body_cannot_add_recommendations(officer_b, analysis):
    with pytest.raises(PermissionDenied):
        recommendation_add(analysis=analysis, kind="new_project", text="x", unit="y", actor=officer_b)


def test_missing_results_of_a_project_are_overdue(officer_a, body_a):
    # given a 2025–2027 project with 2025 Q1 interim information published
    project = project_create(
        body=body_a,
        title_kk="Цифрлық денсаулық",
        title_ru="Цифровое здравоохранение",
        start_year=2025,
        end_year=2027,
        actor=officer_a,
    )
    publication_add(
        project=project,
        year=2025,
        quarter=1,
        url="https://www.gov.kz/x",
        actor=officer_a,
        published_on=datetime.date(2025, 4, 10),
    )
    # when the schedule is read on 22 November 2026
    schedule = publication_schedule(project, today=datetime.date(2026, 11, 22))
    # then the 2025 quarters and year, and 2026 Q1–Q3 are due; only 2025 Q1 is published
    due = [(d.year, d.quarter, d.overdue) for d in schedule]
    assert due[0] == (2025, 1, False)
    assert (2025, None, True) in due and (2026, 3, True) in due
    assert (2026, 4, True) not in due and all(d[0] < 2027 for d in due)
    with pytest.raises(ValidationError, match="already been published"):
        publication_add(
            project=project,
            year=2025,
            quarter=1,
            url="https://www.gov.kz/y",
            actor=officer_a,
            published_on=datetime.date(2025, 4, 11),
        )
