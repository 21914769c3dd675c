"""Demo records of the evaluation of feedback (000 chapter 3), loaded with the campaigns' (``evaluation.demo``):
a published evaluation of 2025 in which the Ministry of Health, the Ministry of Finance and Almaty submitted
their summaries (so the portal has F to show), and a requested evaluation of 2026 prefilled from the feedback
demo's draft order: the Ministry of Health (``officer.health``) still has its submission to send, the Ministry
of Finance has sent it. Created once."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from ashyq.core.demo import ALMATY_ID, FINANCE_ID, HEALTH_ID
from ashyq.evaluation.feedback_models import FeedbackEvaluation
from ashyq.evaluation.services.feedback_evaluations import (
    COUNT_FIELDS,
    feedback_evaluation_close,
    feedback_evaluation_create,
    feedback_evaluation_enrol,
    feedback_evaluation_publish,
    feedback_evaluation_request,
    feedback_methodology_for,
    feedback_submission_link_add,
    feedback_submission_submit,
    feedback_submission_update,
)
from ashyq.orgs.models import Body

NAME_2025 = "Кері байланысты бағалау 2025 / Оценка обратной связи 2025"
NAME_2026 = "Кері байланысты бағалау 2026 / Оценка обратной связи 2026"
# (remarks received, accepted, rejected; comments received, answered, unanswered) of 2025, per officer
COUNTS_2025 = {
    "officer.health": (40, 31, 9, 120, 114, 6),  # F = (31/40) × (114/120) × 100 = 73.625 (medium)
    "officer.finance": (12, 11, 1, 30, 29, 1),  # F = 88.61… (medium)
    "officer.almaty": (25, 10, 15, 200, 150, 50),  # F = 30 (ineffective)
}
OFFICERS = {"officer.health": HEALTH_ID, "officer.finance": FINANCE_ID, "officer.almaty": ALMATY_ID}


def _bodies() -> dict[str, Body]:
    return {officer: Body.objects.get(legalacts_government_id=npa) for officer, npa in OFFICERS.items()}


def _published_2025(accounts: dict[str, User], bodies: dict[str, Body]) -> None:
    analyst = accounts["analyst"]
    evaluation = feedback_evaluation_create(
        name=NAME_2025,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        due_on=datetime.date(2026, 12, 31),
        actor=analyst,
    )
    submissions = feedback_evaluation_enrol(evaluation=evaluation, bodies=list(bodies.values()), actor=analyst)
    feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    for officer, submission in zip(bodies, submissions, strict=True):
        counts = dict(zip(COUNT_FIELDS, COUNTS_2025[officer], strict=True))
        feedback_submission_update(submission=submission, counts=counts, actor=accounts[officer])
        feedback_submission_link_add(
            submission=submission,
            part="materials",
            title="Брифинг / Брифинг",
            url=f"https://www.gov.kz/memleket/entities/demo-{submission.body_id}/press/briefing-2025",
            day=datetime.date(2025, 10, 15),
            actor=accounts[officer],
        )
        feedback_submission_submit(submission=submission, actor=accounts[officer])
    feedback_evaluation_close(evaluation=evaluation, actor=analyst)
    feedback_evaluation_publish(evaluation=evaluation, actor=analyst)


def _requested_2026(accounts: dict[str, User], bodies: dict[str, Body]) -> None:
    analyst = accounts["analyst"]
    evaluation = feedback_evaluation_create(
        name=NAME_2026,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        due_on=datetime.date(2027, 2, 1),
        actor=analyst,
    )
    submissions = feedback_evaluation_enrol(evaluation=evaluation, bodies=list(bodies.values()), actor=analyst)
    feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    finance = next(s for s in submissions if s.body_id == bodies["officer.finance"].pk)
    feedback_submission_submit(submission=finance, actor=accounts["officer.finance"])


def load(accounts: dict[str, User]) -> None:
    if FeedbackEvaluation.objects.filter(name=NAME_2025).exists():
        return
    if feedback_methodology_for(datetime.date(2025, 12, 31)) is None:
        return
    bodies = _bodies()
    _published_2025(accounts, bodies)
    _requested_2026(accounts, bodies)
