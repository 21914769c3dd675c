"""The evaluation of feedback's part of the signed-in home (``core.home``): the officer's submissions to send
(000 §20) with their term, and the analyst's open evaluations. Scoped by the predicates the services check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from ashyq.core.home import HomeSection, Horizon, WorkItem
from ashyq.core.permissions import body_ids_for, is_analyst
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser

SHOWN = 10


def sections(*, user: AnyUser, window: Horizon) -> list[HomeSection]:
    found: list[HomeSection] = []
    officer_of = body_ids_for(user, (Role.OFFICER,))
    if officer_of:
        waiting = FeedbackSubmission.objects.filter(
            body_id__in=officer_of,
            status=FeedbackSubmission.Status.DRAFT,
            evaluation__status=FeedbackEvaluation.Status.REQUESTED,
        ).select_related("evaluation", "body")
        found.append(
            HomeSection(
                title=_("Feedback summaries to send (000 §20)"),
                items=[
                    WorkItem(
                        label=submission.evaluation.name,
                        url=reverse("evaluation:feedback_submission", args=[submission.pk]),
                        body=str(submission.body),
                        due=submission.evaluation.term_ends,
                        overdue=window.today > submission.evaluation.term_ends,
                    )
                    for submission in waiting[:SHOWN]
                ],
                total=waiting.count(),
                more_url=reverse("evaluation:feedback_evaluations"),
            )
        )
    if is_analyst(user):
        open_evaluations = FeedbackEvaluation.objects.exclude(status=FeedbackEvaluation.Status.PUBLISHED)
        found.append(
            HomeSection(
                title=_("Evaluations of feedback not yet published"),
                items=[
                    WorkItem(
                        label=f"{evaluation.name} · {evaluation.get_status_display()}",
                        url=reverse("evaluation:feedback_evaluation", args=[evaluation.pk]),
                        due=evaluation.term_ends if evaluation.status == FeedbackEvaluation.Status.REQUESTED else None,
                    )
                    for evaluation in open_evaluations[:SHOWN]
                ],
                total=open_evaluations.count(),
                more_url=reverse("evaluation:feedback_evaluations"),
            )
        )
    return found
