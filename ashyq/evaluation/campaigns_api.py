"""The campaigns API (django-ninja), under /api/v1/campaigns/; the same services, selectors and permissions as
the pages (issue 14 items 8–9).

Errors (ashyq/api.py): 401 not logged in, 403 another body's report or not the authorized body, 404 unknown,
409 wrong state (``InvalidTransition``), 422 a bad value with ``{"detail": {"<field>": [...]}}``. Points are
strings at full precision; ``display`` values are rounded half-up to 0.01 (SPEC §7).
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth

from ashyq.core.permissions import is_authorized_staff, require_analyst
from ashyq.core.schemas import BoundedSchema
from ashyq.evaluation import selectors
from ashyq.evaluation.conclusion_documents import CONCLUSION_FORMATS
from ashyq.evaluation.facts import required_slots
from ashyq.evaluation.models import (
    Campaign,
    DocumentRequest,
    Enrolment,
    ReportFact,
    RequestedDocument,
    ScoringRun,
    SourceImport,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_view import LANGUAGE_PARAM, PARAM_LANGUAGE
from ashyq.evaluation.services.imports import source_import_create
from ashyq.evaluation.services.reports import fact_record, report_sign_off, report_submit
from ashyq.evaluation.services.scoring import provisional_score, scoring_run_request
from ashyq.evaluation.services.verification import (
    document_upload,
    request_answer,
    request_create,
    verification_record,
)

router = Router(tags=["campaigns"], auth=django_auth)
# a report's language in paths and bodies: Kazakh, Russian, or common to both (``report_view.LANGUAGE_PARAM``)
LanguageParam = Literal["kk", "ru", "common"]


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
    request: HttpRequest, pk: int, indicator: str, language: LanguageParam, value: Body[dict[str, Any]]
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


# ------------------------------------------------------------------------------- verification (002 §16)


class VerificationIn(BoundedSchema):
    value: dict[str, Any]
    reason: str = ""


class VerificationOut(Schema):
    indicator: str
    language: str
    value: dict[str, Any]
    reason: str
    verified_by: str
    verified_at: str


def _iso(moment: datetime.date | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _language(language: str) -> str:
    lang = PARAM_LANGUAGE.get(language)
    if lang is None:
        raise HttpError(422, "language must be kk, ru or common")
    return lang


@router.put("/bodies/{int:pk}/verifications/{indicator}/{language}/", response=VerificationOut)
def verify(
    request: HttpRequest, pk: int, indicator: str, language: LanguageParam, payload: VerificationIn
) -> dict[str, Any]:
    """The analyst's finding on one indicator and language, e.g. ``{"value": {"met": false}, "reason": "…"}``: it
    replaces the body's claim; a reason is required where it differs from the claim (422 otherwise), 409 once
    the conclusions are delivered."""
    enrolment = selectors.enrolment_for_user(request.user, pk)
    verification = verification_record(
        enrolment=enrolment,
        indicator=indicator,
        language=_language(language),
        raw=payload.value,
        reason=payload.reason,
        actor=request.user,
    )
    return {
        "indicator": verification.indicator,
        "language": language,
        "value": verification.value,
        "reason": verification.reason,
        "verified_by": verification.verified_by.get_full_name() or verification.verified_by.get_username(),
        "verified_at": verification.updated_at.isoformat(),
    }


# ------------------------------------------------------------------------- requests for documents (§16)


class DocumentRequestIn(BoundedSchema):
    limits_from = (DocumentRequest,)

    indicator: str = Field(max_length=20)
    language: LanguageParam
    text: str = Field(max_length=4000)
    due_on: datetime.date


class RequestedDocumentOut(Schema):
    id: int
    file_name: str
    url: str
    uploaded_at: str


class DocumentRequestOut(Schema):
    id: int
    enrolment_id: int
    indicator: str
    language: str
    text: str
    due_on: str
    overdue: bool
    answered_at: str | None
    documents: list[RequestedDocumentOut]


def _document(document: RequestedDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "file_name": document.file_name,
        "url": document.file.url,
        "uploaded_at": document.created_at.isoformat(),
    }


def _request(item: DocumentRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "enrolment_id": item.enrolment_id,
        "indicator": item.indicator,
        "language": LANGUAGE_PARAM[item.language],
        "text": item.text,
        "due_on": item.due_on.isoformat(),
        "overdue": item.overdue(timezone.localdate()),
        "answered_at": _iso(item.answered_at),
        "documents": [_document(document) for document in item.documents.all()],
    }


@router.get("/bodies/{int:pk}/requests/", response=list[DocumentRequestOut])
def requests(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """The requests for confirming documents sent to the body, with the files it answered with."""
    return [_request(item) for item in selectors.requests_of(selectors.enrolment_for_user(request.user, pk))]


@router.post("/bodies/{int:pk}/requests/", response={201: DocumentRequestOut})
def request_new(request: HttpRequest, pk: int, payload: DocumentRequestIn) -> Status[dict[str, Any]]:
    """An analyst requests confirming documents on an indicator (``language``: kk, ru or common) with a due date
    after today; never secret or "restricted" documents (002 §16). 409 once the conclusions are delivered."""
    enrolment = selectors.enrolment_for_user(request.user, pk)
    require_analyst(request.user)
    language = _language(payload.language)
    if payload.indicator not in {
        slot.indicator
        for slot in required_slots(pinned_version(enrolment.campaign.methodology), enrolment.kind, enrolment.exemptions)
    }:
        raise ValidationError({"indicator": [_("This body does not report this indicator.")]})
    item = request_create(
        enrolment=enrolment,
        indicator=payload.indicator,
        language=language,
        text=payload.text,
        due_on=payload.due_on,
        actor=request.user,
    )
    return Status(201, _request(item))


def _scoped_request(request: HttpRequest, pk: int) -> DocumentRequest:
    item = DocumentRequest.objects.select_related("enrolment__body").get(pk=pk)
    selectors.enrolment_for_user(request.user, item.enrolment_id)
    return item


@router.get("/requests/{int:pk}/", response=DocumentRequestOut)
def request_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """One request with its documents: the requested body's people and the authorized body."""
    return _request(_scoped_request(request, pk))


@router.post("/requests/{int:pk}/documents/", response={201: RequestedDocumentOut})
def request_document(
    request: HttpRequest, pk: int, file: File[UploadedFile], marking: Form[Literal["none", "secret", "restricted"]]
) -> Status[dict[str, Any]]:
    """The body's officer or first head uploads a document (multipart: ``file`` and ``marking``: ``none``,
    ``secret`` or ``restricted``). A document marked secret or "restricted distribution" is refused with a 422
    naming ``marking`` (002 §16); 409 once the request is answered."""
    document = document_upload(request=_scoped_request(request, pk), file=file, marking=marking, actor=request.user)
    return Status(201, _document(document))


@router.post("/requests/{int:pk}/answer/", response=DocumentRequestOut)
def request_answer_send(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The body sends its answer once at least one document is uploaded (422 before); 409 if already answered."""
    return _request(request_answer(request=_scoped_request(request, pk), actor=request.user))


# -------------------------------------------------------------------------- §10 data-source imports


class SourceImportOut(Schema):
    id: int
    campaign_id: int
    file_name: str
    status: str
    percent: int
    total_rows: int
    processed_rows: int
    stored_values: int
    errors: list[dict[str, Any]]


def _import(job: SourceImport) -> dict[str, Any]:
    return {
        "id": job.pk,
        "campaign_id": job.campaign_id,
        "file_name": job.file_name,
        "status": job.status,
        "percent": job.percent,
        "total_rows": job.total_rows,
        "processed_rows": job.processed_rows,
        "stored_values": job.stored_values,
        "errors": job.errors,
    }


@router.post("/{int:pk}/imports/", response={202: SourceImportOut})
def import_create(request: HttpRequest, pk: int, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    """An analyst uploads a §10 data-source file (multipart ``file``: CSV or XLSX, the columns of
    docs/campaigns-analysts.md); the task worker checks every row and stores all values or none. 409 once the
    conclusions are delivered."""
    require_analyst(request.user)
    campaign = Campaign.objects.get(pk=pk)
    return Status(202, _import(source_import_create(campaign=campaign, file=file, actor=request.user)))


@router.get("/imports/{int:pk}/", response=SourceImportOut)
def import_status(request: HttpRequest, pk: int) -> dict[str, Any]:
    """An import's progress, then ``done`` with the values stored or ``failed`` with every bad row
    (``line``, ``message``). Analysts only."""
    require_analyst(request.user)
    return _import(SourceImport.objects.get(pk=pk))


# ------------------------------------------------------------------------------ the conclusion (Annex 8)


class ConclusionStateOut(Schema):
    status: str
    approved_at: str | None
    received_on: str | None
    objection_due: str | None
    final: str | None
    final_display: str | None
    documents: dict[str, dict[str, str]]


@router.get("/bodies/{int:pk}/conclusion/", response=ConclusionStateOut)
def conclusion(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The body's conclusion: its state, the date received and objections due (§109), and the links of its PDF
    and DOCX in Kazakh and Russian (the pages' downloads, same permissions): for the authorized body once scored,
    for the body's people once delivered; otherwise ``documents`` is empty. A link answers the file once the task
    worker has made it; until then it redirects (302) to the document's page, where a POST asks for it."""
    enrolment = selectors.enrolment_for_user(request.user, pk)
    visible = enrolment.final is not None and (
        is_authorized_staff(request.user) or enrolment.conclusion_status == Enrolment.ConclusionStatus.DELIVERED
    )
    documents = {
        language: {
            extension: reverse(
                "evaluation:conclusion", kwargs={"pk": enrolment.pk, "language": language, "extension": extension}
            )
            for extension in CONCLUSION_FORMATS
        }
        for language in ("kk", "ru")
    }
    display = selectors.display_points(enrolment.final) if visible else None
    return {
        "status": enrolment.conclusion_status,
        "approved_at": None
        if enrolment.conclusion_approved_at is None
        else enrolment.conclusion_approved_at.isoformat(),
        "received_on": None
        if enrolment.conclusion_received_on is None
        else enrolment.conclusion_received_on.isoformat(),
        "objection_due": None if enrolment.objection_due is None else enrolment.objection_due.isoformat(),
        "final": _points(enrolment.final) if visible else None,
        "final_display": None if display is None else f"{display:f}",
        "documents": documents if visible else {},
    }
