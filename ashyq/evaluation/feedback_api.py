"""The API of the evaluation of feedback (django-ninja), under /api/v1/feedback-evaluations/; the same services,
selectors and permissions as the pages (000 chapter 3; issue 14 item 10).

Errors (ashyq/api.py): 401 not logged in, 403 not the body's officer (submit), 404 unknown or not the reader's
(another body's submission, an evaluation to anyone outside the authorized body), 409 wrong state
(``InvalidTransition``), 422 counts that do not add up with ``{"detail": {"<field>": [...]}}``. ``f`` is F at
full precision; ``f_display`` the engine's display, rounded once (SPEC §7).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from ashyq.evaluation import feedback_selectors as selectors
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.services.feedback_evaluations import feedback_submission_submit

router = Router(tags=["feedback evaluations"], auth=django_auth)


class EvaluationOut(Schema):
    id: int
    name: str
    period_start: str
    period_end: str
    requested_on: str | None
    due_on: str
    term_ends: str
    status: str
    methodology: str
    published_at: str | None


class LinkOut(Schema):
    title: str
    url: str
    date: str


class SubmissionOut(Schema):
    id: int
    evaluation_id: int
    body_id: int
    body: str
    status: str
    remarks_received: int
    remarks_accepted: int
    remarks_rejected: int
    comments_received: int
    comments_answered: int
    comments_unanswered: int
    counts_source: dict[str, str]
    conference_links: list[LinkOut]
    materials: list[LinkOut]
    openly_accessible: bool
    satisfaction: str | None
    satisfaction_source: str
    submitted_at: str | None
    late: bool
    f: str | None
    f_display: str | None
    band: str


def _evaluation(evaluation: FeedbackEvaluation) -> dict[str, Any]:
    return {
        "id": evaluation.pk,
        "name": evaluation.name,
        "period_start": evaluation.period_start.isoformat(),
        "period_end": evaluation.period_end.isoformat(),
        "requested_on": evaluation.requested_on.isoformat() if evaluation.requested_on else None,
        "due_on": evaluation.due_on.isoformat(),
        "term_ends": evaluation.term_ends.isoformat(),
        "status": evaluation.status,
        "methodology": evaluation.methodology.code,
        "published_at": evaluation.published_at.isoformat() if evaluation.published_at else None,
    }


def _submission(submission: FeedbackSubmission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "evaluation_id": submission.evaluation_id,
        "body_id": submission.body_id,
        "body": submission.body.name,
        "status": submission.status,
        "remarks_received": submission.remarks_received,
        "remarks_accepted": submission.remarks_accepted,
        "remarks_rejected": submission.remarks_rejected,
        "comments_received": submission.comments_received,
        "comments_answered": submission.comments_answered,
        "comments_unanswered": submission.comments_unanswered,
        "counts_source": submission.counts_source,
        "conference_links": submission.conference_links,
        "materials": submission.materials,
        "openly_accessible": submission.openly_accessible,
        "satisfaction": None if submission.satisfaction is None else f"{submission.satisfaction:f}",
        "satisfaction_source": submission.satisfaction_source,
        "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "late": submission.late(timezone.localdate()),
        "f": None if submission.f is None else f"{submission.f.normalize():f}",
        "f_display": submission.f_display or None,
        "band": submission.band,
    }


@router.get("/", response=list[EvaluationOut])
def feedback_evaluation_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The evaluations the person sees: all for the authorized body, those that asked its body for an officer."""
    return [_evaluation(evaluation) for evaluation in selectors.evaluations_for_user(request.user)]


@router.get("/{int:pk}/submissions/", response=list[SubmissionOut])
def feedback_evaluation_submissions(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """The evaluation's submissions the person may read: every body's for the authorized body, its own body's for
    an officer or first head (404 when the evaluation asked none of the reader's bodies)."""
    evaluation = FeedbackEvaluation.objects.get(pk=pk)
    submissions = selectors.submissions_for_user(request.user).filter(evaluation=evaluation)
    found = list(submissions)
    if not found and not selectors.evaluations_for_user(request.user).filter(pk=pk).exists():
        raise FeedbackEvaluation.DoesNotExist
    return [_submission(submission) for submission in found]


@router.post("/submissions/{int:pk}/submit/", response=SubmissionOut)
def feedback_submission_send(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The body's officer sends its submission; F is computed and stored (409 when it cannot be sent now)."""
    submission = selectors.submission_for_user(request.user, pk)
    return _submission(feedback_submission_submit(submission=submission, actor=request.user))
