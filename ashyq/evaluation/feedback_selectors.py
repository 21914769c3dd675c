"""Reads of the evaluation of feedback (000 chapter 3), with the body scope (ARCHITECTURE rule 3): the authorized
body sees every evaluation and submission; a body's officer and first head only their own body's submissions of
evaluations that were requested; anyone else nothing (404)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ashyq.core.i18n import shown_decimal
from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.reports.xlsx import csv_table, xlsx_table

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

SORTS = ("body", "status", "c", "g", "f", "late")
DEFAULT_SORT = "body"


def evaluations_for_user(user: AnyUser) -> QuerySet[FeedbackEvaluation]:
    """Every evaluation for the authorized body; for a body's people those that asked their body."""
    evaluations = FeedbackEvaluation.objects.select_related("methodology")
    if is_authorized_staff(user):
        return evaluations
    return evaluations.filter(submissions__body_id__in=body_ids_for(user), requested_on__isnull=False).distinct()


def evaluation_for_staff(user: AnyUser, pk: int) -> FeedbackEvaluation:
    """An evaluation's page is the authorized body's: 404 for anyone else, so nothing of it shows."""
    if not is_authorized_staff(user):
        raise Http404
    try:
        return FeedbackEvaluation.objects.select_related("methodology").get(pk=pk)
    except FeedbackEvaluation.DoesNotExist:
        raise Http404 from None


def submissions_for_user(user: AnyUser) -> QuerySet[FeedbackSubmission]:
    submissions = FeedbackSubmission.objects.select_related("evaluation__methodology", "body", "submitted_by")
    if is_authorized_staff(user):
        return submissions
    return submissions.filter(body_id__in=body_ids_for(user), evaluation__requested_on__isnull=False)


def submission_for_user(user: AnyUser, pk: int) -> FeedbackSubmission:
    """One body's submission if the reader may see it; 404 otherwise (issue 14 item 10)."""
    try:
        return submissions_for_user(user).get(pk=pk)
    except FeedbackSubmission.DoesNotExist:
        raise Http404 from None


def band_name(submission: FeedbackSubmission) -> str:
    """The band of §23 in the reader's language (the key for English readers)."""
    names = submission.explanation.get("band_names", {})
    return str(names.get((get_language() or "ru")[:2], submission.band)) if submission.band else ""


def explanation_text(submission: FeedbackSubmission) -> str:
    texts = submission.explanation.get("text", {})
    return str(texts.get((get_language() or "ru")[:2], texts.get("en", "")))


@dataclass(frozen=True)
class Row:
    submission: FeedbackSubmission
    late: bool
    shown: str  # F rounded once by the engine, in the reader's number format
    band: str

    @property
    def f(self) -> Decimal | None:
        return self.submission.f


def evaluation_rows(evaluation: FeedbackEvaluation, today: datetime.date, sort: str) -> tuple[list[Row], str]:
    """Every enrolled body with its state, counts, F, band and late flag, in the order asked (one query)."""
    submissions = evaluation.submissions.select_related("body", "evaluation")
    rows = [Row(s, s.late(today), shown_decimal(s.f_display) if s.f_display else "", band_name(s)) for s in submissions]
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT
    value: Any = {
        "body": lambda row: str(row.submission.body).casefold(),
        "status": lambda row: row.submission.status,
        "c": lambda row: row.submission.remarks_received,
        "g": lambda row: row.submission.comments_received,
        "f": lambda row: row.f if row.f is not None else Decimal(-1),
        "late": lambda row: row.late,
    }[key]
    return sorted(rows, key=value, reverse=sort.startswith("-")), sort


def _headers() -> list[str]:
    return [
        _("State body"),
        _("Status"),
        _("Remarks and proposals received (C)"),
        _("accepted (B)"),
        _("rejected"),
        _("Comments received (G)"),
        _("answered (E)"),
        _("unanswered"),
        _("Materials openly accessible"),
        _("Population satisfied, %"),
        _("F, %"),
        _("Band"),
        _("Late"),
    ]


def evaluation_export(rows: list[Row], *, file_format: str, heading: str) -> bytes:
    """The evaluation's table as CSV or XLSX through ``ashyq.reports`` (formula-safe)."""
    lines: list[list[Any]] = [
        [
            str(row.submission.body),
            row.submission.get_status_display(),
            row.submission.remarks_received,
            row.submission.remarks_accepted,
            row.submission.remarks_rejected,
            row.submission.comments_received,
            row.submission.comments_answered,
            row.submission.comments_unanswered,
            _("yes") if row.submission.openly_accessible else _("no"),
            row.submission.satisfaction if row.submission.satisfaction is not None else "",
            Decimal(row.submission.f_display) if row.submission.f_display else "",
            row.band,
            _("yes") if row.late else "",
        ]
        for row in rows
    ]
    if file_format == "csv":
        return csv_table(headers=_headers(), rows=lines)
    return xlsx_table(title=_("Indicator F"), heading=heading, headers=_headers(), rows=lines)
