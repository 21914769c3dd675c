"""The scoring API (django-ninja), under /api/v1/score/: the same path as ``manage.py score``.

POST a JSON input of docs/methodology.md; 200 with the result, 422 ``{"detail": ...}`` whose text begins with
the bad field's path, 401 when not logged in.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router
from ninja.errors import HttpError
from ninja.security import django_auth

from ashyq.evaluation.engine import ScoringInputError
from ashyq.evaluation.scoring import feedback_result, openness_result

router = Router(tags=["score"], auth=django_auth)


@router.post("/feedback", summary="Feedback indicator F (000 §22–23)")
def score_feedback(request: HttpRequest, payload: Body[dict[str, Any]]) -> dict[str, Any]:
    try:
        return feedback_result(payload, on=timezone.localdate())
    except ScoringInputError as error:
        raise HttpError(422, str(error)) from error


@router.post("/openness", summary="Openness scores of one or more bodies as one group (002)")
def score_openness(request: HttpRequest, payload: Body[dict[str, Any]]) -> dict[str, Any]:
    try:
        return openness_result(payload, on=timezone.localdate())
    except ScoringInputError as error:
        raise HttpError(422, str(error)) from error
