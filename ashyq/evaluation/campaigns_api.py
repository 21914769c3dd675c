"""The campaigns API (django-ninja), under /api/v1/campaigns/; the same services, selectors and permissions as
the pages (issue 14 items 8–9).

Errors (ashyq/api.py): 401 not logged in, 403 another body's report or not the authorized body, 404 unknown,
409 wrong state (``InvalidTransition``), 422 a bad value with ``{"detail": {"<field>": [...]}}``. Points are
strings at full precision; ``display`` values are rounded half-up to 0.01 (SPEC §7).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from ashyq.core.permissions import is_authorized_staff
from ashyq.evaluation import selectors
from ashyq.evaluation.models import Campaign, Enrolment, ReportFact, ScoringRun
from ashyq.evaluation.report_view import PARAM_LANGUAGE
from ashyq.evaluation.services.reports import fact_record, report_sign_off, report_submit
from ashyq.evaluation.services.scoring import provisional_score, scoring_run_request

router = Router(tags=["campaigns"], auth=django_auth)


class CampaignOut(Schema):
    id: int
    name: str
    period_start: str
    period_end: str
    report_due: str
    status: str
    methodology: str


class EnrolmentOut(Schema):
    id: int
    body_id: int
    body: str
    kind: str
    exemptions: list[str]
    report_status: str
    late: bool
    total: str | None
    penalty: str | None
    final: str | None
    final_display: str | None


class DashboardOut(Schema):
    campaign: CampaignOut
    reports: dict[str, int]
    overdue: int
    verified: int
    required: int
    distribution: dict[str, int]
    bodies: list[EnrolmentOut]


class MissingOut(Schema):
    indicator: str
    language: str
    cost: str


class ValueOut(Schema):
    indicator: str
    language: str
    value: dict[str, Any]
    source: str


class ReportOut(Schema):
    enrolment: EnrolmentOut
    values: list[ValueOut]
    provisional_final: str
    missing: list[MissingOut]


class RankingRowOut(Schema):
    place: int
    body: EnrolmentOut


class RankingOut(Schema):
    central: list[RankingRowOut]
    local: list[RankingRowOut]


class ScoringRunOut(Schema):
    id: int
    status: str
    percent: int
    stored_bodies: int
    total_bodies: int
    error: str


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "period_start": campaign.period_start.isoformat(),
        "period_end": campaign.period_end.isoformat(),
        "report_due": campaign.report_due.isoformat(),
        "status": campaign.status,
        "methodology": campaign.methodology.code,
    }


def _points(value: Any) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _enrolment(enrolment: Enrolment) -> dict[str, Any]:
    display = selectors.display_points(enrolment.final)
    return {
        "id": enrolment.pk,
        "body_id": enrolment.body_id,
        "body": enrolment.body.name,
        "kind": enrolment.kind,
        "exemptions": list(enrolment.exemptions),
        "report_status": enrolment.report_status,
        "late": enrolment.late(timezone.localdate()),
        "total": _points(enrolment.total),
        "penalty": _points(enrolment.penalty),
        "final": _points(enrolment.final),
        "final_display": None if display is None else f"{display:f}",
    }


def _staff_campaign(request: HttpRequest, pk: int) -> Campaign:
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees a campaign's dashboard."))
    return Campaign.objects.select_related("methodology").get(pk=pk)


@router.get("/", response=list[CampaignOut])
def campaign_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The campaigns the person sees: all for the authorized body, those enrolling its body for an officer."""
    return [_campaign(campaign) for campaign in selectors.campaigns_for_user(request.user)]


@router.get("/{int:pk}/", response=DashboardOut)
def dashboard(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The analyst's dashboard: bodies × state, overdue, verification progress, score distribution."""
    campaign = _staff_campaign(request, pk)
    board = selectors.campaign_dashboard(campaign, timezone.localdate())
    return {
        "campaign": _campaign(campaign),
        "reports": {value: board.by_state[str(label)] for value, label in Enrolment.ReportStatus.choices},
        "overdue": board.overdue,
        "verified": board.verified,
        "required": board.required,
        "distribution": dict(board.distribution),
        "bodies": [_enrolment(row.enrolment) for row in board.rows],
    }


@router.get("/{int:pk}/ranking/", response=RankingOut)
def ranking(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Scored bodies by final score, central and local apart; equal scores share a place."""
    groups = selectors.campaign_ranking(_staff_campaign(request, pk))
    return {
        kind: [{"place": row.place, "body": _enrolment(row.enrolment)} for row in rows] for kind, rows in groups.items()
    }


@router.post("/{int:pk}/score/", response={202: ScoringRunOut})
def score(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    """Queue the scoring of the whole campaign as one group (analysts; 409 outside verification)."""
    run = scoring_run_request(campaign=_staff_campaign(request, pk), actor=request.user)
    return Status(202, _run(run))


def _run(run: ScoringRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "percent": run.percent,
        "stored_bodies": run.stored_bodies,
        "total_bodies": run.total_bodies,
        "error": run.error,
    }


@router.get("/runs/{int:pk}/", response=ScoringRunOut)
def run_progress(request: HttpRequest, pk: int) -> dict[str, Any]:
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees a campaign's dashboard."))
    return _run(ScoringRun.objects.get(pk=pk))


def _report(enrolment: Enrolment) -> dict[str, Any]:
    provisional = provisional_score(enrolment)
    values = ReportFact.objects.filter(enrolment=enrolment).order_by("indicator", "language")
    return {
        "enrolment": _enrolment(enrolment),
        "values": [
            {"indicator": f.indicator, "language": f.language or "common", "value": f.value, "source": f.source}
            for f in values
        ],
        "provisional_final": f"{provisional.final:f}",
        "missing": [
            {
                "indicator": m.slot.indicator,
                "language": m.slot.language or "common",
                "cost": f"{selectors.display_points(m.cost):f}",
            }
            for m in provisional.missing
        ],
    }


@router.get("/bodies/{int:pk}/", response=ReportOut)
def report(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The body's report: its values with their provenance, the provisional score and each missing item's cost."""
    return _report(selectors.enrolment_for_user(request.user, pk))


@router.put("/bodies/{int:pk}/values/{indicator}/{language}/", response=ValueOut)
def put_value(
    request: HttpRequest, pk: int, indicator: str, language: str, value: Body[dict[str, Any]]
) -> dict[str, Any]:
    """Store one value of the body's report, e.g. ``{"received": 8, "answered": 8, "late": 1}``; ``language`` is
    ``kk``, ``ru`` or ``common``."""
    enrolment = selectors.enrolment_for_user(request.user, pk)
    lang = PARAM_LANGUAGE.get(language)
    if lang is None:
        raise HttpError(422, "language must be kk, ru or common")
    fact = fact_record(enrolment=enrolment, indicator=indicator, language=lang, raw=value, actor=request.user)
    return {"indicator": fact.indicator, "language": language, "value": fact.value, "source": fact.source}


@router.post("/bodies/{int:pk}/submit/", response=EnrolmentOut)
def submit(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The officer submits the body's report."""
    return _enrolment(report_submit(enrolment=selectors.enrolment_for_user(request.user, pk), actor=request.user))


@router.post("/bodies/{int:pk}/sign-off/", response=EnrolmentOut)
def sign_off(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The first head signs the submitted report off."""
    return _enrolment(report_sign_off(enrolment=selectors.enrolment_for_user(request.user, pk), actor=request.user))
