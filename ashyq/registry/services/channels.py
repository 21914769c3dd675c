"""Keeping the registry (004 §9–13): entering an accredited channel, changes and additions, removal.

An Annex 3 application (§11) or a free-form termination notice (§12) is filed by the applicant body's
officer; an analyst enters it within 3 working days of receipt (§13). Each entry's history is kept in
``ChannelEvent`` rows written in both languages, because the registry is kept in Kazakh and Russian (§8).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, Max
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.orgs.models import Body
from ashyq.registry import deadlines
from ashyq.registry.models import Channel, ChannelApplication, ChannelEvent, Coverage, EntryRequest, InteractionFormat
from ashyq.registry.services.common import attachments_add, require_officer_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

WORDING_LABELS = {
    "name_kk": gettext_lazy("channel name (Kazakh)"),
    "name_ru": gettext_lazy("channel name (Russian)"),
    "purpose_kk": gettext_lazy("functional purpose (Kazakh)"),
    "purpose_ru": gettext_lazy("functional purpose (Russian)"),
    "coverage": gettext_lazy("coverage"),
    "interaction_format": gettext_lazy("format of interaction"),
}
CHOICES = {"coverage": Coverage, "interaction_format": InteractionFormat}


def wording(channel: Channel) -> dict[str, str]:
    """The entry's current name and content (Annex 3: «Тізілім жазбасының атауы мен мазмұны»)."""
    return {name: getattr(channel, name) for name in Channel.WORDING_FIELDS}


def _in_both_languages(render: Any) -> tuple[str, str]:
    """The same sentence rendered in Kazakh and in Russian, whatever the reader's language."""
    texts = []
    for language in ("kk", "ru"):
        with translation.override(language):
            texts.append(str(render()))
    return texts[0], texts[1]


def value_text(name: str, value: str) -> str:
    """A wording field's value for people: the label of a choice, other text as is."""
    return str(CHOICES[name](value).label) if name in CHOICES else value


def _change_text(changes: Mapping[str, str]) -> tuple[str, str]:
    return _in_both_languages(
        lambda: "; ".join(f"{WORDING_LABELS[name]}: «{value_text(name, value)}»" for name, value in changes.items())
    )


def _lock_channel(channel: Channel) -> Channel:
    return Channel.objects.select_for_update().select_related("body").get(pk=channel.pk)


def channel_enter(*, application: ChannelApplication, actor: User) -> Channel:
    """Enter an accredited application's channel with the next No. (004 §5 1), §9 1)); inside the decision."""
    Body.objects.select_for_update().only("pk").get(pk=application.addressee_id)  # one numbering at a time
    assert application.decided_on is not None
    number = (Channel.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    channel = Channel(
        number=number,
        body=application.body,
        application=application,
        entered_on=application.decided_on,
        **{name: getattr(application, name) for name in Channel.WORDING_FIELDS},
    )
    channel.full_clean()
    channel.save()
    text_kk, text_ru = _in_both_languages(
        lambda: _("Accredited on application No. %(number)s.") % {"number": application.pk}
    )
    ChannelEvent.objects.create(
        channel=channel, kind=ChannelEvent.Kind.ENTERED, happened_on=channel.entered_on,
        text_kk=text_kk, text_ru=text_ru, new=wording(channel), actor=actor,
    )  # fmt: skip
    audit_record(actor=actor, event="registry.channel.entered", target=channel, body=channel.body, new=wording(channel))
    return channel


def _file_request(channel: Channel, actor: User, uploads: list[UploadedFile], **fields: Any) -> EntryRequest:
    today = deadlines.today()
    request = EntryRequest(
        channel=channel,
        current_wording=wording(channel),
        filed_by=actor,
        received_on=today,
        entry_due=deadlines.entry_due(today),
        **fields,
    )
    request.full_clean()
    request.save()
    attachments_add(uploads=uploads, actor=actor, request=request)
    audit_record(
        actor=actor,
        event=f"registry.request.{request.kind}_filed",
        target=request,
        body=channel.body,
        new={**snapshot(request, ["kind", "new_wording", "received_on", "entry_due"]), "channel": channel.number},
    )
    return request


@transaction.atomic
def entry_change_file(
    *,
    channel: Channel,
    new_wording: Mapping[str, str],
    justification: str,
    signer_name: str,
    signer_position: str,
    uploads: list[UploadedFile],
    actor: User,
) -> EntryRequest:
    """An Annex 3 application: the entry's new wording and its justification (004 §11)."""
    channel = _lock_channel(channel)
    require_officer_of(actor, channel.body)
    if channel.is_removed:
        raise InvalidTransition(_("The channel has been removed from the registry; its entry can no longer change."))
    current = wording(channel)
    changes = {name: value for name, value in new_wording.items() if name in current and value != current[name]}
    if not changes:
        raise ValidationError(_("The new wording is the same as the current entry."))
    for name, value in changes.items():
        field = Channel._meta.get_field(name)
        assert isinstance(field, Field)
        field.clean(value, channel)
    if not justification.strip():
        raise ValidationError({"justification": [_("Justify the changes and (or) additions.")]})
    return _file_request(
        channel, actor, uploads, kind=EntryRequest.Kind.CHANGE, new_wording=changes,
        justification=justification.strip(), signer_name=signer_name, signer_position=signer_position,
    )  # fmt: skip


@transaction.atomic
def entry_termination_file(
    *, channel: Channel, notice: str, terminated_on: datetime.date, uploads: list[UploadedFile], actor: User
) -> EntryRequest:
    """A free-form notice that the channel stopped working (004 §12); one pending notice per channel."""
    channel = _lock_channel(channel)
    require_officer_of(actor, channel.body)
    if channel.is_removed:
        raise InvalidTransition(_("The channel has already been removed from the registry."))
    if channel.requests.filter(kind=EntryRequest.Kind.TERMINATION, status=EntryRequest.Status.SUBMITTED).exists():
        raise InvalidTransition(_("A termination notice for this channel is already waiting to be entered."))
    if not notice.strip():
        raise ValidationError({"notice": [_("Write the notice.")]})
    return _file_request(
        channel, actor, uploads, kind=EntryRequest.Kind.TERMINATION, notice=notice.strip(), terminated_on=terminated_on
    )


def _apply_change(channel: Channel, request: EntryRequest, actor: User, today: datetime.date) -> None:
    if not channel.can_change():
        raise InvalidTransition(_("The channel has been removed from the registry; its entry can no longer change."))
    old = wording(channel)
    for name, value in request.new_wording.items():
        setattr(channel, name, value)
    channel.status = Channel.Status.CHANGED
    channel.full_clean()
    channel.save(update_fields=[*request.new_wording, "status", "updated_at"])
    text_kk, text_ru = _change_text(request.new_wording)
    ChannelEvent.objects.create(
        channel=channel, kind=ChannelEvent.Kind.CHANGED, happened_on=today, text_kk=text_kk, text_ru=text_ru,
        old={name: old[name] for name in request.new_wording}, new=dict(request.new_wording), request=request,
        actor=actor,
    )  # fmt: skip


def _apply_removal(channel: Channel, request: EntryRequest, actor: User, today: datetime.date) -> None:
    if not channel.can_remove():
        raise InvalidTransition(_("The channel has already been removed from the registry."))
    old_status = channel.status
    channel.status = Channel.Status.REMOVED
    channel.removed_on = today
    channel.save(update_fields=["status", "removed_on", "updated_at"])
    stopped = request.terminated_on or request.received_on
    text_kk, text_ru = _in_both_languages(
        lambda: (
            _("The channel stopped working on %(date)s (notice received on %(received)s).")
            % {
                "date": date_format(stopped, "d.m.Y"),
                "received": date_format(request.received_on, "d.m.Y"),
            }
        )
    )
    ChannelEvent.objects.create(
        channel=channel, kind=ChannelEvent.Kind.REMOVED, happened_on=today, text_kk=text_kk, text_ru=text_ru,
        old={"status": old_status}, new={"status": channel.status}, request=request, actor=actor,
    )  # fmt: skip


@transaction.atomic
def entry_request_enter(*, request: EntryRequest, actor: User) -> EntryRequest:
    """An analyst enters a change or a termination in the registry (004 §13: within 3 working days)."""
    require_analyst(actor)
    request = EntryRequest.objects.select_for_update().get(pk=request.pk)
    if not request.can_enter():
        raise InvalidTransition(_("This request has already been entered in the registry."))
    channel = _lock_channel(request.channel)
    today = deadlines.today()
    tracked = ["status", "removed_on", *Channel.WORDING_FIELDS]
    old = snapshot(channel, tracked)
    if request.kind == EntryRequest.Kind.CHANGE:
        _apply_change(channel, request, actor, today)
    else:
        _apply_removal(channel, request, actor, today)
    request.status = EntryRequest.Status.ENTERED
    request.entered_on = today
    request.entered_by = actor
    request.save(update_fields=["status", "entered_on", "entered_by", "updated_at"])
    audit_record(
        actor=actor,
        event="registry.channel.changed" if request.kind == EntryRequest.Kind.CHANGE else "registry.channel.removed",
        target=channel,
        body=channel.body,
        old=old,
        new={**snapshot(channel, tracked), "request": request.pk},
    )
    return request
