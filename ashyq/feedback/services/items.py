"""Transitions of a feedback item (000 §20 p.1–2, §2 p.8): accept, reject, answer, reclassify, follow up."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_body_access
from ashyq.feedback.models import FollowUp, Item, ItemKind, ItemStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DECISION_FIELDS = ["kind", "status", "reference", "rejection_reason", "answer_text", "answered_on", "decided_at"]


def _locked(item: Item, actor: User) -> Item:
    """The item's row locked for the transition, after checking the actor acts for its body."""
    require_body_access(actor, item.body)
    return Item.objects.select_for_update().select_related("body").get(pk=item.pk)


def _save(item: Item, *, actor: User, event: str, old: dict[str, object], fields: list[str]) -> Item:
    item.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=actor, event=event, target=item, body=item.body, old=old, new=snapshot(item, DECISION_FIELDS))
    return item


@transaction.atomic
def item_accept(*, item: Item, reference: str, actor: User) -> Item:
    """Accept a remark/proposal; only with a reference to the clause of the act in force, the approved
    budget programme or another confirming document (000 §20 p.1)."""
    item = _locked(item, actor)
    if not item.can_accept():
        raise InvalidTransition(
            _("Only a received remark or proposal can be accepted; this one is %(status)s.")
            % {"status": item.get_status_display()}
        )
    reference = reference.strip()
    if not reference:
        raise InvalidTransition(
            _(
                "A remark or proposal is accepted only with a reference to the clause of the legal act that "
                "entered into force, the approved budget programme or another confirming document."
            ),
            code="reference_required",
        )
    old = snapshot(item, DECISION_FIELDS)
    item.status, item.reference = ItemStatus.ACCEPTED, reference
    item.decided_at, item.decided_by = timezone.now(), actor
    return _save(
        item,
        actor=actor,
        event="feedback.item.accepted",
        old=old,
        fields=["status", "reference", "decided_at", "decided_by"],
    )


@transaction.atomic
def item_reject(*, item: Item, reason: str, actor: User) -> Item:
    """Reject a remark/proposal, giving the reason (000 §7, §11: the report shows it)."""
    item = _locked(item, actor)
    if not item.can_reject():
        raise InvalidTransition(
            _("Only a received remark or proposal can be rejected; this one is %(status)s.")
            % {"status": item.get_status_display()}
        )
    reason = reason.strip()
    if not reason:
        raise InvalidTransition(_("Give the reason why the remark or proposal is rejected."), code="reason_required")
    old = snapshot(item, DECISION_FIELDS)
    item.status, item.rejection_reason = ItemStatus.REJECTED, reason
    item.decided_at, item.decided_by = timezone.now(), actor
    return _save(
        item,
        actor=actor,
        event="feedback.item.rejected",
        old=old,
        fields=["status", "rejection_reason", "decided_at", "decided_by"],
    )


@transaction.atomic
def item_answer(*, item: Item, answer: str, answered_on: datetime.date, actor: User) -> Item:
    """Record the answer to a comment, once (000 §20 p.2)."""
    item = _locked(item, actor)
    if not item.can_answer():
        raise InvalidTransition(
            _("This comment has already been answered.")
            if item.status == ItemStatus.ANSWERED
            else _("Only an unanswered comment can be answered; decide a remark or proposal instead.")
        )
    answer = answer.strip()
    if not answer:
        raise InvalidTransition(_("Write the answer text."), code="answer_required")
    if answered_on < timezone.localdate(item.received_at):  # the receipt day in Almaty, not in UTC
        raise InvalidTransition(_("The answer cannot be dated before the comment was received."), code="answer_date")
    old = snapshot(item, DECISION_FIELDS)
    item.status, item.answer_text, item.answered_on = ItemStatus.ANSWERED, answer, answered_on
    item.decided_at, item.decided_by = timezone.now(), actor
    return _save(
        item,
        actor=actor,
        event="feedback.item.answered",
        old=old,
        fields=["status", "answer_text", "answered_on", "decided_at", "decided_by"],
    )


@transaction.atomic
def item_reclassify(*, item: Item, actor: User) -> Item:
    """A received remark that asks for no concrete change becomes a comment (000 §2 p.8); an answer the
    body already gave (a reply on the portal) makes it an answered comment."""
    item = _locked(item, actor)
    if not item.can_reclassify():
        raise InvalidTransition(_("Only a received remark or proposal, not yet decided, can become a comment."))
    old = snapshot(item, DECISION_FIELDS)
    item.kind = ItemKind.COMMENT
    item.status = ItemStatus.ANSWERED if item.answer_text and item.answered_on else ItemStatus.UNANSWERED
    return _save(item, actor=actor, event="feedback.item.reclassified", old=old, fields=["kind", "status"])


@transaction.atomic
def item_follow_up_mark(*, item: Item, follow_up: str, note: str, actor: User) -> Item:
    """Mark an accepted proposal as taken into a plan or a budget (000 §8, §13)."""
    item = _locked(item, actor)
    if not item.can_mark_follow_up():
        raise InvalidTransition(_("Only an accepted proposal can be taken into a plan or a budget."))
    follow_up = FollowUp(follow_up)
    if item.follow_up == follow_up and item.follow_up_note == note.strip():
        return item
    old = snapshot(item, ["follow_up", "follow_up_note"])
    item.follow_up, item.follow_up_note = follow_up, note.strip()
    item.save(update_fields=["follow_up", "follow_up_note", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.item.followed_up",
        target=item,
        body=item.body,
        old=old,
        new=snapshot(item, ["follow_up", "follow_up_note"]),
    )
    return item
