"""The feedback API under /api/v1/feedback/ (OpenAPI at /api/docs): the same selectors and services as the pages.

Session-authenticated. Errors as JSON ``{"detail": ...}``: 403 for a person who may not act for the body,
404 for what the reader may not see, 409 for a transition the item's state does not allow, 422 for bad input.
"""

import datetime
from typing import Any, TypeVar

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from ashyq.core.http import AuthedRequest
from ashyq.core.pagination import Pagination
from ashyq.core.schemas import BoundedSchema
from ashyq.feedback.periods import Period
from ashyq.feedback.selectors import ItemFilters, feedback_scores, item_detail, items_list
from ashyq.feedback.services.items import item_accept, item_answer, item_reclassify, item_reject

router = Router(tags=["feedback"], auth=django_auth)
FIRST_F_YEAR = 2024
T = TypeVar("T")


class ItemOut(Schema):
    id: int
    body_id: int
    source_id: int
    channel: str
    kind: str
    status: str
    external_id: str
    author: str
    text: str
    clause: str
    received_at: datetime.datetime
    outside_period: bool
    portal_status: str
    reference: str
    rejection_reason: str
    answer_text: str
    answered_on: datetime.date | None
    language: str


class ItemQuery(BoundedSchema):
    body: int | None = None
    source: int | None = None
    channel: str = ""
    kind: str = ""
    status: str = ""
    language: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    q: str = ""


class AcceptIn(BoundedSchema):
    reference: str


class RejectIn(BoundedSchema):
    reason: str


class AnswerIn(BoundedSchema):
    answer: str
    answered_on: datetime.date


class ScoreOut(Schema):
    body_id: int
    remarks_received: int
    remarks_accepted: int
    remarks_rejected: int
    comments_received: int
    comments_answered: int
    openly_accessible: bool
    f: str | None
    display: str | None
    band: str | None
    explanation: dict[str, str]


@router.get("/items/", response=list[ItemOut])
@paginate(Pagination)
def list_items(request: AuthedRequest, filters: Query[ItemQuery]) -> Any:
    """Items of the reader's bodies (all bodies for the authorized body's staff), newest first."""
    return items_list(
        user=request.user,
        filters=ItemFilters(
            body_id=filters.body,
            source_id=filters.source,
            channel=filters.channel,
            kind=filters.kind,
            status=filters.status,
            language=filters.language,
            since=filters.since,
            until=filters.until,
            text=filters.q.strip()[:100],
        ),
    )


@router.get("/items/{item_id}/", response=ItemOut)
def get_item(request: AuthedRequest, item_id: int) -> Any:
    return item_detail(user=request.user, pk=item_id)


@router.post("/items/{item_id}/accept/", response=ItemOut)
def accept_item(request: AuthedRequest, item_id: int, payload: AcceptIn) -> Any:
    """Accept a remark/proposal with its reference (000 §20 p.1)."""
    return item_accept(item=item_detail(user=request.user, pk=item_id), reference=payload.reference, actor=request.user)


@router.post("/items/{item_id}/reject/", response=ItemOut)
def reject_item(request: AuthedRequest, item_id: int, payload: RejectIn) -> Any:
    return item_reject(item=item_detail(user=request.user, pk=item_id), reason=payload.reason, actor=request.user)


@router.post("/items/{item_id}/answer/", response=ItemOut)
def answer_item(request: AuthedRequest, item_id: int, payload: AnswerIn) -> Any:
    """Answer a comment, once (000 §20 p.2)."""
    return item_answer(
        item=item_detail(user=request.user, pk=item_id),
        answer=payload.answer,
        answered_on=payload.answered_on,
        actor=request.user,
    )


@router.post("/items/{item_id}/reclassify/", response=ItemOut)
def reclassify_item(request: AuthedRequest, item_id: int) -> Any:
    """A remark without a concrete proposal becomes a comment (000 §2 p.8)."""
    return item_reclassify(item=item_detail(user=request.user, pk=item_id), actor=request.user)


class ScoresQuery(BoundedSchema):
    """A year within the bounds (ashyq.core.bounds), from 2024 when the F methodology began; a quarter 1–4."""

    year: int = Field(ge=FIRST_F_YEAR)
    quarter: int | None = None


@router.get("/scores/", response=list[ScoreOut])
def scores(request: AuthedRequest, filters: Query[ScoresQuery]) -> Any:
    """000 §20 counts and F per body for a year or a quarter, with the engine's explanation."""
    year, quarter = filters.year, filters.quarter
    period = Period.quarter(year, quarter) if quarter else Period.year(year)
    return [
        ScoreOut(
            body_id=row.body.pk,
            remarks_received=row.counts.remarks_received,
            remarks_accepted=row.counts.remarks_accepted,
            remarks_rejected=row.counts.remarks_rejected,
            comments_received=row.counts.comments_received,
            comments_answered=row.counts.comments_answered,
            openly_accessible=row.finding is None,
            f=str(row.score.f) if row.score else None,
            display=row.score.display if row.score else None,
            band=row.score.band if row.score else None,
            explanation=dict(row.score.text) if row.score else {},
        )
        for row in feedback_scores(user=request.user, period=period)
    ]
