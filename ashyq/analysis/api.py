"""The analysis API under /api/v1/analysis/ (OpenAPI at /api/docs): the same selectors and services as the pages.

Session-authenticated. ``POST /runs/`` queues the analysis of a body's quarter (or queues it again) and answers
at once; ``GET /runs/{id}/`` gives its progress, then its figures, near-duplicate groups and topics. Errors as
JSON ``{"detail": ...}``: 403 for a person who may not act for the body, 404 for what the reader may not see,
422 for bad input.
"""

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from ashyq.analysis.models import QuarterRun
from ashyq.analysis.selectors import clusters_of, runs_list
from ashyq.analysis.services import run_request
from ashyq.core.http import AuthedRequest
from ashyq.core.pagination import Pagination
from ashyq.core.permissions import scope_to_user_bodies
from ashyq.orgs.models import Body

router = Router(tags=["analysis"], auth=django_auth)


class RunIn(Schema):
    body_id: int
    year: int = Field(ge=2024, le=2100)
    quarter: int = Field(ge=1, le=4)


class GroupOut(Schema):
    size: int
    representative: str
    first_at: datetime.datetime
    last_at: datetime.datetime
    is_campaign: bool
    burst_count: int


class TopicOut(Schema):
    id: int
    size: int
    terms: list[str]
    examples: list[str]
    topic_id: int | None


class RunOut(Schema):
    id: int
    body_id: int
    year: int
    quarter: int
    status: str
    total: int
    processed: int
    results: dict[str, Any]


class RunDetailOut(RunOut):
    groups: list[GroupOut]
    topics: list[TopicOut]


@router.post("/runs/", response=RunOut)
def request_run(request: AuthedRequest, payload: RunIn) -> Any:
    """Queue the analysis of a body's quarter (000 §14); a finished one runs again, a queued one is left."""
    body = get_object_or_404(
        scope_to_user_bodies(Body.objects.all(), request.user, body_field="pk"), pk=payload.body_id
    )
    return run_request(body=body, year=payload.year, quarter_number=payload.quarter, actor=request.user)


@router.get("/runs/", response=list[RunOut])
@paginate(Pagination)
def list_runs(request: AuthedRequest) -> Any:
    """The analyses of quarters of the reader's bodies, newest quarter first."""
    return runs_list(user=request.user)


@router.get("/runs/{run_id}/", response=RunDetailOut)
def get_run(request: AuthedRequest, run_id: int) -> Any:
    run = get_object_or_404(runs_list(user=request.user), pk=run_id)
    done = run.status == QuarterRun.Status.DONE
    return {
        **RunOut.from_orm(run).dict(),
        "groups": list(run.groups.all()[:50]) if done else [],
        "topics": list(clusters_of(run=run)) if done else [],
    }
