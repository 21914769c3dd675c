"""Reads of the registry (ARCHITECTURE rule 3): scoped to the reader, related rows fetched up front.

- The public registry (004 §8, Annex 2): every entered channel, removed ones included with their removal.
- Applications and requests: the applicant body's people see their own (drafts included); the authorized
  body's staff see every submitted one, never another body's drafts (issue 6 "Rules").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, DateField, F, Prefetch, Q, QuerySet, When

from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.registry.models import Attachment, Channel, ChannelApplication, ChannelEvent, EntryRequest, Notice
from ashyq.registry.similarity import Match, most_similar

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

Status = ChannelApplication.Status
STATUS_FILTERS = {"active": [Channel.Status.ACTIVE, Channel.Status.CHANGED], "removed": [Channel.Status.REMOVED]}


def registry_entries(
    *, search: str = "", body_id: int | None = None, coverage: str = "", interaction_format: str = "", status: str = ""
) -> QuerySet[Channel]:
    """The public registry, in the order of its numbers, with each entry's history prefetched."""
    channels = Channel.objects.select_related("body").prefetch_related(
        Prefetch("events", queryset=ChannelEvent.objects.order_by("happened_on", "id"))
    )
    if search:
        channels = channels.filter(
            Q(name_kk__icontains=search) | Q(name_ru__icontains=search)
            | Q(purpose_kk__icontains=search) | Q(purpose_ru__icontains=search)
        )  # fmt: skip
    if body_id:
        channels = channels.filter(body_id=body_id)
    if coverage:
        channels = channels.filter(coverage=coverage)
    if interaction_format:
        channels = channels.filter(interaction_format=interaction_format)
    if status in STATUS_FILTERS:
        channels = channels.filter(status__in=STATUS_FILTERS[status])
    return channels.order_by("number")


def registry_entry(*, number: int) -> Channel:
    """One public entry with its history (raises ``Channel.DoesNotExist``)."""
    return registry_entries().get(number=number)


def visible_applications(user: AnyUser) -> QuerySet[ChannelApplication]:
    """Own bodies' applications (drafts included); for the authorized body's staff every submitted one."""
    applications = ChannelApplication.objects.select_related("body", "reviewer")
    own = Q(body_id__in=body_ids_for(user))
    if is_authorized_staff(user):
        return applications.filter(own | ~Q(status=Status.DRAFT))
    return applications.filter(own)


def applications_queue(*, user: AnyUser, status: str = "", body_id: int | None = None) -> QuerySet[ChannelApplication]:
    """Applications the reader may see, the most urgent open term first (decision, then notification)."""
    applications = visible_applications(user).annotate(
        next_due=Case(
            When(status__in=ChannelApplication.PENDING_DECISION, then=F("decision_due")),
            When(status__in=[Status.ACCREDITED, Status.REFUSED], notified_on__isnull=True, then=F("notification_due")),
            output_field=DateField(),
        )
    )
    if status in Status.values:
        applications = applications.filter(status=status)
    if body_id:
        applications = applications.filter(body_id=body_id)
    return applications.order_by(F("next_due").asc(nulls_last=True), "-created_at", "-id")


def application_detail(*, user: AnyUser, pk: int) -> ChannelApplication:
    """One visible application with its findings, files and channel (raises ``DoesNotExist`` otherwise)."""
    return (
        visible_applications(user)
        .select_related("addressee", "filed_by", "channel", "notice")
        .prefetch_related("findings", "attachments")
        .get(pk=pk)
    )


def _visible_requests(user: AnyUser) -> QuerySet[EntryRequest]:
    requests = EntryRequest.objects.select_related("channel", "channel__body", "filed_by")
    if is_authorized_staff(user):
        return requests
    return requests.filter(channel__body_id__in=body_ids_for(user))


def requests_queue(*, user: AnyUser, status: str = "") -> QuerySet[EntryRequest]:
    """Changes and terminations the reader may see, those waiting with the nearest term first."""
    requests = _visible_requests(user)
    if status in EntryRequest.Status.values:
        requests = requests.filter(status=status)
    return requests.order_by("status", "entry_due", "-id")


def request_detail(*, user: AnyUser, pk: int) -> EntryRequest:
    return _visible_requests(user).prefetch_related("attachments").get(pk=pk)


def attachment_for(*, user: AnyUser, pk: int) -> Attachment:
    """A file, only for those who may see its application or request."""
    visible = Q(application__in=visible_applications(user)) | Q(request__in=_visible_requests(user))
    return Attachment.objects.filter(visible).get(pk=pk)


@dataclass(frozen=True)
class SimilarChannel:
    channel: Channel
    match: Match


def similar_channels(*, application: ChannelApplication, limit: int = 5) -> list[SimilarChannel]:
    """Registered channels (not removed) closest by name and purpose in kk and ru (004 §4 1), ADR 0012)."""
    channels = {
        channel.pk: channel
        for channel in Channel.objects.exclude(status=Channel.Status.REMOVED)
        .exclude(application=application)
        .select_related("body")
    }
    candidates = [(pk, f"{c.name_kk} {c.name_ru} {c.purpose_kk} {c.purpose_ru}") for pk, c in channels.items()]
    query = f"{application.name_kk} {application.name_ru} {application.purpose_kk} {application.purpose_ru}"
    return [SimilarChannel(channels[match.key], match) for match in most_similar(query, candidates, limit=limit)]


def body_channels(*, user: AnyUser) -> QuerySet[Channel]:
    """The registry entries of the bodies the reader acts for."""
    return Channel.objects.filter(body_id__in=body_ids_for(user)).select_related("body").order_by("number")


def body_notices(*, user: AnyUser) -> QuerySet[Notice]:
    """Decisions notified to the bodies the reader acts for (004 §6), newest first."""
    return Notice.objects.filter(body_id__in=body_ids_for(user)).select_related("application")
