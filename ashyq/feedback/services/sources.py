"""Sources of feedback and what belongs to them: notices, public council, outreach, manual items (000 §3–19)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_body_access
from ashyq.feedback.models import (
    CHANNEL_OF_KIND,
    InformationNotice,
    Item,
    ItemKind,
    ItemStatus,
    OutreachMaterial,
    Source,
    SourceKind,
    Topic,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

SOURCE_FIELDS = ["kind", "title_kk", "title_ru", "url", "external_id", "period_start", "period_end", "topic"]


def _refuse_outside_scope(body: Body) -> None:
    """000 §1: national security, the prosecutor's office, the court administration and the National Bank."""
    if body.outside_feedback_scope:
        raise ValidationError(_("This state body is outside the scope of the feedback methodology (000 §1)."))


@transaction.atomic
def source_create(
    *,
    body: Body,
    kind: str,
    title_kk: str,
    title_ru: str,
    period_start: datetime.date,
    period_end: datetime.date,
    actor: User,
    url: str = "",
    external_id: str = "",
    topic: Topic | None = None,
) -> Source:
    """Register what the body put up for discussion or analysed (000 §4–5, §9–10, §14, §17–18)."""
    require_body_access(actor, body)
    _refuse_outside_scope(body)
    if topic is not None and (
        topic.body_id != body.pk or kind not in {SourceKind.INTERNET_CONFERENCE, SourceKind.SURVEY}
    ):
        raise ValidationError(_("Only the body's own internet conferences and surveys are linked to its topics."))
    source = Source(
        body=body,
        kind=SourceKind(kind),
        channel=CHANNEL_OF_KIND[SourceKind(kind)],
        title_kk=title_kk.strip(),
        title_ru=title_ru.strip(),
        url=url,
        external_id=external_id.strip(),
        period_start=period_start,
        period_end=period_end,
        topic=topic,
    )
    source.full_clean()
    source.save()
    audit_record(
        actor=actor, event="feedback.source.created", target=source, body=body, new=snapshot(source, SOURCE_FIELDS)
    )
    return source


@transaction.atomic
def notice_add(*, source: Source, url: str, published_on: datetime.date, actor: User) -> InformationNotice:
    """An information notice on the discussion's dates (000 §5, §10)."""
    require_body_access(actor, source.body)
    notice = InformationNotice(source=source, url=url, published_on=published_on)
    notice.full_clean()
    notice.save()
    audit_record(
        actor=actor,
        event="feedback.notice.added",
        target=notice,
        body=source.body,
        new={"source": source.pk, "url": url, "published_on": published_on},
    )
    return notice


@transaction.atomic
def source_council_record(*, source: Source, meeting_date: datetime.date, decision: str, actor: User) -> Source:
    """The public council's meeting on a budget source (000 §12): for a draft budget programme, the report on
    the results of its public discussion; for a budget programme report, the implementation report. Not the
    draft itself, so the meeting follows the end of the discussion."""
    require_body_access(actor, source.body)
    source = Source.objects.select_for_update().select_related("body").get(pk=source.pk)
    if not source.goes_to_public_council:
        raise InvalidTransition(
            _(
                "Only the report on the public discussion of a draft budget programme and the report on a budget "
                "programme's implementation go to the public council (000 §12)."
            )
        )
    if meeting_date < source.period_end:
        raise InvalidTransition(_("The public council considers the results after the discussion has ended."))
    old = snapshot(source, ["council_date", "council_decision"])
    source.council_date, source.council_decision = meeting_date, decision.strip()
    source.save(update_fields=["council_date", "council_decision", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.source.council_recorded",
        target=source,
        body=source.body,
        old=old,
        new=snapshot(source, ["council_date", "council_decision"]),
    )
    return source


@transaction.atomic
def source_results_record(
    *, source: Source, results_use: str, note: str, participants: int | None, actor: User
) -> Source:
    """Where the results of an internet conference or survey were used (000 §19)."""
    require_body_access(actor, source.body)
    source = Source.objects.select_for_update().select_related("body").get(pk=source.pk)
    if source.kind not in {SourceKind.INTERNET_CONFERENCE, SourceKind.SURVEY}:
        raise InvalidTransition(_("Only the results of internet conferences and surveys are recorded here."))
    fields = ["results_use", "results_use_note", "participants"]
    old = snapshot(source, fields)
    source.results_use, source.results_use_note, source.participants = results_use, note.strip(), participants
    source.full_clean()
    source.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.source.results_recorded",
        target=source,
        body=source.body,
        old=old,
        new=snapshot(source, fields),
    )
    return source


@transaction.atomic
def material_add(
    *, body: Body, kind: str, title: str, url: str, held_on: datetime.date, actor: User, source: Source | None = None
) -> OutreachMaterial:
    """A broadcast, briefing or publication explaining a draft (000 §6, §20 p.4)."""
    require_body_access(actor, body)
    material = OutreachMaterial(body=body, source=source, kind=kind, title=title.strip(), url=url, held_on=held_on)
    material.full_clean()
    material.save()
    audit_record(
        actor=actor,
        event="feedback.material.added",
        target=material,
        body=body,
        new=snapshot(material, ["kind", "title", "url", "held_on", "source"]),
    )
    return material


@transaction.atomic
def topic_create(*, body: Body, title_kk: str, title_ru: str, raised_in: str, actor: User) -> Topic:
    """A problem topic from the appeals, for future conferences and surveys (000 §17)."""
    require_body_access(actor, body)
    topic = Topic(body=body, title_kk=title_kk.strip(), title_ru=title_ru.strip(), raised_in=raised_in.strip())
    topic.full_clean()
    topic.save()
    audit_record(
        actor=actor,
        event="feedback.topic.created",
        target=topic,
        body=body,
        new=snapshot(topic, ["title_kk", "title_ru", "raised_in"]),
    )
    return topic


@transaction.atomic
def item_create(
    *,
    source: Source,
    kind: str,
    text: str,
    received_at: datetime.datetime,
    actor: User,
    author: str = "",
    clause: str = "",
) -> Item:
    """Enter one remark/proposal or comment by hand (e-mail, a letter); flagged when outside the period."""
    require_body_access(actor, source.body)
    if not text.strip():
        raise ValidationError(_("The text of the remark or comment is empty."))
    kind = ItemKind(kind)
    item = Item.objects.create(
        source=source,
        body=source.body,
        channel=source.channel,
        kind=kind,
        status=ItemStatus.RECEIVED if kind == ItemKind.REMARK else ItemStatus.UNANSWERED,
        author=author.strip(),
        text=text.strip(),
        clause=clause.strip(),
        received_at=received_at,
        outside_period=not source.contains(timezone.localtime(received_at).date()),
    )
    audit_record(
        actor=actor,
        event="feedback.item.created",
        target=item,
        body=source.body,
        new=snapshot(item, ["kind", "status", "text", "received_at", "outside_period"]),
    )
    _refresh_analysis(item)
    return item


def _refresh_analysis(item: Item) -> None:
    """A new item: the finished analysis of its quarter runs again, as after an import (issue 12 item 6)."""
    from ashyq.analysis.services import runs_refresh

    runs_refresh(body=item.body, received=[timezone.localtime(item.received_at)])
