"""Helpers of the evaluation-of-feedback tests (000 chapter 3)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.services import feedback_evaluations as services
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import DATA_DIR, read_version_file
from ashyq.orgs.models import Body

FEEDBACK_FILE = DATA_DIR / "feedback-2024-33916.toml"


def evaluation_for(
    analyst: User, bodies: list[Body], *, due_on: datetime.date = datetime.date(2026, 2, 2)
) -> FeedbackEvaluation:
    """An evaluation of 2025 with the feedback version loaded and the bodies enrolled (still a draft)."""
    methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None)
    evaluation = services.feedback_evaluation_create(
        name="F 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        due_on=due_on,
        actor=analyst,
    )
    services.feedback_evaluation_enrol(evaluation=evaluation, bodies=bodies, actor=analyst)
    return evaluation


def submit_counts(
    submission: FeedbackSubmission,
    officer: User,
    *,
    remarks: tuple[int, int, int],
    comments: tuple[int, int, int],
) -> FeedbackSubmission:
    """The officer enters (received, accepted, rejected) and (received, answered, unanswered) and sends."""
    counts = dict(zip(services.COUNT_FIELDS, (*remarks, *comments), strict=True))
    services.feedback_submission_update(submission=submission, counts=counts, actor=officer)
    submitted = services.feedback_submission_submit(submission=submission, actor=officer)
    submitted.refresh_from_db()
    return submitted
