"""The registry's API under /api/v1/registry/ (OpenAPI at /api/docs), calling the same selectors and services.

Public: the registry (004 §8, Annex 2) with both languages in every row. With a session: applications
and requests as the pages show them; errors as JSON ``{"detail": ...}`` — 403 for a person who may not
act, 404 for what the reader may not see, 409 for a step the state does not allow, 422 for bad input.
"""

import datetime
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from ashyq.core.http import AuthedRequest
from ashyq.core.pagination import Pagination
from ashyq.core.schemas import BoundedSchema
from ashyq.orgs.models import Body
from ashyq.registry import selectors
from ashyq.registry.models import Channel, ChannelApplication, ChannelEvent, Coverage, Criterion, InteractionFormat
from ashyq.registry.services.applications import (
    channel_application_create,
    channel_application_decide,
    channel_application_review_start,
    channel_application_submit,
)
from ashyq.registry.services.channels import entry_request_enter

router = Router(tags=["registry"])


T = TypeVar("T")


class BodyOut(Schema):
    id: int
    name_kk: str
    name_ru: str


class EventOut(Schema):
    date: datetime.date = Field(..., alias="happened_on")
    kind: str
    text_kk: str
    text_ru: str


class ChannelOut(Schema):
    """One Annex 2 row, in Kazakh and Russian, with its structured data."""

    number: int
    name_kk: str
    name_ru: str
    body: BodyOut
    purpose_kk: str
    purpose_ru: str
    coverage: str
    interaction_format: str
    status: str
    entered_on: datetime.date
    removed_on: datetime.date | None
    changes: list[EventOut]
    removal: EventOut | None

    @staticmethod
    def resolve_changes(channel: Channel) -> list[ChannelEvent]:
        return [event for event in channel.events.all() if event.kind == ChannelEvent.Kind.CHANGED]

    @staticmethod
    def resolve_removal(channel: Channel) -> ChannelEvent | None:
        return next((event for event in channel.events.all() if event.kind == ChannelEvent.Kind.REMOVED), None)


class RegistryFilter(BoundedSchema):
    q: str = ""
    body: int | None = None
    coverage: Coverage | Literal[""] = ""
    interaction_format: InteractionFormat | Literal[""] = ""
    status: Literal["", "active", "removed"] = ""


@router.get("/channels", response=list[ChannelOut], summary="The public registry (Annex 2)")
@paginate(Pagination)
def channel_list(request: HttpRequest, filters: Query[RegistryFilter]) -> QuerySet[Channel]:
    return selectors.registry_entries(
        search=filters.q.strip()[:100], body_id=filters.body, coverage=filters.coverage,
        interaction_format=filters.interaction_format, status=filters.status,
    )  # fmt: skip


@router.get("/channels/{number}", response=ChannelOut, summary="One registry entry with its history")
def channel_get(request: HttpRequest, number: int) -> Channel:
    return selectors.registry_entry(number=number)


class FindingOut(Schema):
    criterion: str
    met: bool
    reasoning: str


class ApplicationOut(Schema):
    id: int
    status: str
    body: BodyOut
    name_kk: str
    name_ru: str
    purpose_kk: str
    purpose_ru: str
    coverage: str
    interaction_format: str
    instruction: str
    regulating_act: str
    resources: str
    justification: str
    other_information: str
    signer_name: str
    signer_position: str
    received_on: datetime.date | None
    decision_due: datetime.date | None
    decided_on: datetime.date | None
    notification_due: datetime.date | None
    notified_on: datetime.date | None
    decision_overdue: bool
    notification_overdue: bool
    refusal_reasons: str
    findings: list[FindingOut]
    channel_number: int | None

    @staticmethod
    def resolve_decision_overdue(application: ChannelApplication) -> bool:
        return bool(application.decision_term and application.decision_term.overdue)

    @staticmethod
    def resolve_notification_overdue(application: ChannelApplication) -> bool:
        return bool(application.notification_term and application.notification_term.overdue)

    @staticmethod
    def resolve_findings(application: ChannelApplication) -> list[Any]:
        return application.findings_in_order()

    @staticmethod
    def resolve_channel_number(application: ChannelApplication) -> int | None:
        channel = getattr(application, "channel", None) if application.status == "accredited" else None
        return channel.number if channel else None


class ApplicationIn(BoundedSchema):
    """Annex 1; ``body`` is the applicant body's id (the officer's own)."""

    limits_from = (ChannelApplication,)

    body: int
    name_kk: str
    name_ru: str
    instruction: str = ""
    regulating_act: str = ""
    purpose_kk: str
    purpose_ru: str
    coverage: Coverage
    interaction_format: InteractionFormat
    resources: str
    justification: str
    other_information: str = ""
    signer_name: str
    signer_position: str


class FindingIn(BoundedSchema):
    met: bool
    reasoning: str


class DecisionIn(BoundedSchema):
    decision: Literal["accredited", "refused"]
    findings: dict[Criterion, FindingIn]
    refusal_reasons: str = ""


@router.get("/applications", response=list[ApplicationOut], auth=django_auth, summary="Applications, most urgent first")
@paginate(Pagination)
def application_list(request: AuthedRequest, status: str = "") -> QuerySet[ChannelApplication]:
    return selectors.applications_queue(user=request.user, status=status).prefetch_related("findings", "channel")


@router.get("/applications/{pk}", response=ApplicationOut, auth=django_auth)
def application_get(request: AuthedRequest, pk: int) -> ChannelApplication:
    return selectors.application_detail(user=request.user, pk=pk)


@router.post("/applications", response={201: ApplicationOut}, auth=django_auth, summary="Save a draft (Annex 1)")
def application_create(request: AuthedRequest, payload: ApplicationIn) -> Status[ChannelApplication]:
    data = payload.dict()
    body = Body.objects.get(pk=data.pop("body"))
    created = channel_application_create(body=body, data=data, uploads=[], actor=request.user)
    return Status(201, selectors.application_detail(user=request.user, pk=created.pk))


def _application_step(
    request: AuthedRequest, pk: int, service: Callable[..., Any], **kwargs: Any
) -> ChannelApplication:
    application = selectors.application_detail(user=request.user, pk=pk)
    service(application=application, actor=request.user, **kwargs)
    return selectors.application_detail(user=request.user, pk=pk)


@router.post("/applications/{pk}/submit", response=ApplicationOut, auth=django_auth)
def application_submit(request: AuthedRequest, pk: int) -> ChannelApplication:
    return _application_step(request, pk, channel_application_submit)


@router.post("/applications/{pk}/review", response=ApplicationOut, auth=django_auth)
def application_review(request: AuthedRequest, pk: int) -> ChannelApplication:
    return _application_step(request, pk, channel_application_review_start)


@router.post("/applications/{pk}/decision", response=ApplicationOut, auth=django_auth, summary="Accredit or refuse")
def application_decide(request: AuthedRequest, pk: int, payload: DecisionIn) -> ChannelApplication:
    findings = {str(key.value): (item.met, item.reasoning) for key, item in payload.findings.items()}
    return _application_step(
        request, pk, channel_application_decide, decision=payload.decision, findings=findings,
        reasons=payload.refusal_reasons,
    )  # fmt: skip


class RequestOut(Schema):
    id: int
    kind: str
    status: str
    channel_number: int = Field(..., alias="channel.number")
    new_wording: dict[str, str]
    received_on: datetime.date
    entry_due: datetime.date
    entered_on: datetime.date | None


@router.get("/requests", response=list[RequestOut], auth=django_auth, summary="Changes and terminations")
@paginate(Pagination)
def request_list(request: AuthedRequest, status: str = "") -> QuerySet[Any]:
    return selectors.requests_queue(user=request.user, status=status)


@router.post("/requests/{pk}/enter", response=RequestOut, auth=django_auth, summary="Enter in the registry")
def request_enter(request: AuthedRequest, pk: int) -> Any:
    entry_request = selectors.request_detail(user=request.user, pk=pk)
    entry_request_enter(request=entry_request, actor=request.user)
    return selectors.request_detail(user=request.user, pk=pk)
