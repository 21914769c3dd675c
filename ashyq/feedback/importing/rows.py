"""Validation of one imported row into an ``ItemRow``: the Ashyq template and the open NPA portal format.

Every bad row raises ``RowError`` with its reason; the caller collects them all, so the user sees every
bad row of a refused file at once.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext_lazy

from ashyq.core import bounds
from ashyq.feedback.models import ItemKind, ItemStatus, Source

ALMATY = ZoneInfo("Asia/Almaty")
MAX_SHORT = 300


class RowError(ValueError):
    """One bad row; the message is the reason shown to the user."""


@dataclass
class ItemRow:
    """The validated values of one item, ready to be written."""

    external_id: str
    kind: str
    status: str
    author: str
    text: str
    clause: str
    received_at: datetime.datetime
    outside_period: bool
    portal_status: str = ""
    reference: str = ""
    rejection_reason: str = ""
    answer_text: str = ""
    answered_on: datetime.date | None = None


# Column keys and their accepted header names (docs/feedback.md "Import templates").
TEMPLATE_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "№", "номер"),
    "kind": ("вид", "түрі"),
    "author": ("автор",),
    "text": ("текст", "мәтін"),
    "clause": ("пункт", "тармақ"),
    "received_at": ("дата", "күні", "date"),
    "status": ("статус", "мәртебе"),
    "reference": ("ссылка", "сілтеме"),
    "reason": ("причина", "себеп"),
    "answer": ("ответ", "жауап"),
    "answered_on": ("дата ответа", "жауап күні"),
    "body_npa_id": ("body", "орган"),
}
TEMPLATE_REQUIRED = ("external_id", "kind", "text", "received_at")
# How a message names a column: in the reader's words, never the key (issue 11 item 5: not "text бос").
COLUMN_NAMES: dict[str, Any] = {
    "external_id": pgettext_lazy("import column", "number"),
    "kind": pgettext_lazy("import column", "kind"),
    "author": pgettext_lazy("import column", "author"),
    "text": pgettext_lazy("import column", "text"),
    "clause": pgettext_lazy("import column", "clause"),
    "received_at": pgettext_lazy("import column", "date"),
    "status": pgettext_lazy("import column", "status column"),
    "reference": pgettext_lazy("import column", "reference"),
    "reason": pgettext_lazy("import column", "reason column"),
    "answer": pgettext_lazy("import column", "answer"),
    "answered_on": pgettext_lazy("import column", "answer date"),
    "body_npa_id": pgettext_lazy("import column", "body"),
    "parent_id": pgettext_lazy("import column", "parent number"),
    "date": pgettext_lazy("import column", "date"),
}


def column_name(key: str) -> str:
    """The column as the reader's template heads it («мәтін», «текст»)."""
    return f"«{COLUMN_NAMES[key]}»" if key in COLUMN_NAMES else key


PORTAL_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "comment id", "id комментария", "пікір id"),
    "parent_id": ("parent id", "parent", "id родителя", "ата-ана id", "жауап берілген id"),
    "author": ("автор",),
    "text": ("текст", "комментарий", "мәтін", "пікір"),
    "clause": ("пункт", "статья/пункт", "тармақ", "бап/тармақ"),
    "status": ("статус", "мәртебе"),
    "date": ("дата", "күні"),
    "reference": ("ссылка", "сілтеме"),
}
PORTAL_REQUIRED = ("external_id", "parent_id", "text", "status", "date")

KIND_WORDS = {
    "remark": ItemKind.REMARK,
    "proposal": ItemKind.REMARK,
    "ескерту": ItemKind.REMARK,
    "ұсыныс": ItemKind.REMARK,
    "замечание": ItemKind.REMARK,
    "предложение": ItemKind.REMARK,
    "comment": ItemKind.COMMENT,
    "түсініктеме": ItemKind.COMMENT,
    "комментарий": ItemKind.COMMENT,
}
STATUS_WORDS = {status.value: status for status in ItemStatus}


@functools.cache
def _status_labels() -> dict[str, ItemStatus]:
    labels = {}
    for language in ("kk", "ru"):
        with override(language):
            labels.update({str(status.label).lower(): status for status in ItemStatus})
    return labels


def status_of(word: str) -> ItemStatus | None:
    """A status written as its key or as its Kazakh or Russian label (the template in the reader's language)."""
    return STATUS_WORDS.get(word) or _status_labels().get(word)


PORTAL_ACCEPTED = {"принято", "қабылданды"}
PORTAL_REJECTED = {"не принято", "қабылданбады"}
PORTAL_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})\s*-\s*(\d{1,2}):(\d{2})$")
ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")


def _text(values: dict[str, Any], key: str, limit: int | None = MAX_SHORT) -> str:
    """The column's text within the bounds (no control character, at most ``limit``, None: long text)."""
    value = values.get(key, "")
    if not isinstance(value, str):
        value = value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else str(value or "")
    try:
        return bounds.check_text(value, column_name(key), limit)
    except bounds.OutOfBounds as error:
        raise RowError(error.message) from None


def parse_moment(value: Any, column: str) -> datetime.datetime:
    """A date or date-time of the template (ISO or DD.MM.YYYY, optionally with HH:MM) as an aware
    Almaty date-time within the bounds of ``ashyq.core.bounds``. ISO text is read by ``fromisoformat``
    (C speed: a million rows are imported)."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        moment = _moment_from_text(str(value), column)
    try:
        bounds.check_date(moment, column)
    except bounds.OutOfBounds as error:
        raise RowError(error.message) from None
    return moment.replace(tzinfo=ALMATY) if moment.tzinfo is None else moment


def _moment_from_text(text: str, column: str) -> datetime.datetime:
    match = DOTTED_DATE.match(text)
    try:
        if match is None:
            return datetime.datetime.fromisoformat(text) if ISO_START.match(text) else _not_a_date(text, column)
        day, month, year, hour, minute = match.groups()
        return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return _not_a_date(text, column)


def _not_a_date(text: str, column: str) -> datetime.datetime:
    raise RowError(
        _("%(column)s %(value)r is not a date (YYYY-MM-DD or DD.MM.YYYY, optionally with HH:MM)")
        % {"column": column_name(column), "value": text}
    )


def parse_portal_moment(value: Any, source: Source) -> datetime.datetime:
    """The portal's ``09/09 - 10:55`` (day/month, no year): the year is the one that puts the day inside
    the discussion period, else the period's year nearest to it (the item is then flagged)."""
    match = PORTAL_DATE.match(str(value)) if not isinstance(value, datetime.date) else None
    if match is None:
        return parse_moment(value, "date")
    day, month, hour, minute = (int(part) for part in match.groups())
    candidates = []
    for year in range(source.period_start.year, source.period_end.year + 1):
        try:
            candidates.append(datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY))
        except ValueError:
            continue
    if not candidates:
        raise RowError(_("date %(value)r is not a day of the calendar") % {"value": value})
    inside = [moment for moment in candidates if source.contains(moment.date())]
    return inside[0] if inside else min(candidates, key=lambda moment: _distance(moment.date(), source))


def _distance(day: datetime.date, source: Source) -> int:
    return min(abs((day - source.period_start).days), abs((day - source.period_end).days))


def _required(values: dict[str, Any], key: str, limit: int | None = MAX_SHORT) -> str:
    text = _text(values, key, limit)
    if not text:
        raise RowError(_("%(column)s is empty") % {"column": column_name(key)})
    return text


def template_row(values: dict[str, Any], source: Source) -> ItemRow:
    """A row of the Ashyq template (docs/feedback.md)."""
    external_id = _required(values, "external_id", 64)
    body_npa_id = _text(values, "body_npa_id")
    if body_npa_id and body_npa_id != str(source.body.legalacts_government_id or ""):
        raise RowError(_("body %(id)s is not the body of this source") % {"id": body_npa_id})
    kind = KIND_WORDS.get(_text(values, "kind").lower())
    if kind is None:
        raise RowError(_("kind must be remark or comment"))
    received_at = parse_moment(values.get("received_at"), "received_at")
    row = ItemRow(
        external_id=external_id,
        kind=kind,
        status=ItemStatus.RECEIVED if kind == ItemKind.REMARK else ItemStatus.UNANSWERED,
        author=_text(values, "author"),
        text=_required(values, "text", None),
        clause=_text(values, "clause"),
        received_at=received_at,
        outside_period=not source.contains(received_at.date()),
        reference=_text(values, "reference", None),
        rejection_reason=_text(values, "reason", None),
        answer_text=_text(values, "answer", None),
    )
    if values.get("answered_on"):
        row.answered_on = parse_moment(values["answered_on"], "answered_on").date()
    _apply_status(row, _text(values, "status").lower())
    return row


def _apply_status(row: ItemRow, word: str) -> None:
    """The outcome a row states must satisfy the same rules as the services (000 §20 p.1–2)."""
    if not word:
        return
    status = status_of(word)
    remark_statuses = {ItemStatus.RECEIVED, ItemStatus.ACCEPTED, ItemStatus.REJECTED}
    if status is None or (status in remark_statuses) != (row.kind == ItemKind.REMARK):
        raise RowError(_("status %(status)r does not fit the kind %(kind)s") % {"status": word, "kind": row.kind})
    if status == ItemStatus.ACCEPTED and not row.reference:
        raise RowError(_("an accepted remark or proposal needs a reference"))
    if status == ItemStatus.REJECTED and not row.rejection_reason:
        raise RowError(_("a rejected remark or proposal needs a reason"))
    if status == ItemStatus.ANSWERED and not (row.answer_text and row.answered_on):
        raise RowError(_("an answered comment needs the answer and its date"))
    if row.answered_on and row.answered_on < row.received_at.date():
        raise RowError(_("the answer is dated before the comment was received"))
    row.status = status


@dataclass(frozen=True)
class PortalReply:
    """The body's answer nested under a comment on the open NPA portal."""

    parent_id: str
    text: str
    answered_on: datetime.date


def portal_reply(values: dict[str, Any], source: Source) -> PortalReply | None:
    """A reply row (it has a parent id), or None for a top-level comment."""
    parent_id = _text(values, "parent_id", 64)
    if not parent_id or parent_id == "0":
        return None
    moment = parse_portal_moment(values.get("date"), source)
    return PortalReply(parent_id, _required(values, "text", None), moment.date())


def portal_row(values: dict[str, Any], source: Source, reply: PortalReply | None) -> ItemRow:
    """A top-level portal comment: with a status it is a remark/proposal, without one a comment.

    «Не принято» with the body's reply is rejected with the reply as its reason; «Принято» is accepted
    only when the row carries a reference, otherwise it stays received and shows the portal's status
    (000 §20 p.1, docs/adr/0030)."""
    received_at = parse_portal_moment(values.get("date"), source)
    portal_status = _text(values, "status")
    word = portal_status.lower()
    if word and word not in PORTAL_ACCEPTED | PORTAL_REJECTED:
        raise RowError(_("status %(status)r is neither «Принято» nor «Не принято»") % {"status": portal_status})
    row = ItemRow(
        external_id=_required(values, "external_id", 64),
        kind=ItemKind.REMARK if word else ItemKind.COMMENT,
        status=ItemStatus.RECEIVED if word else ItemStatus.UNANSWERED,
        author=_text(values, "author"),
        text=_required(values, "text", None),
        clause=_text(values, "clause"),
        received_at=received_at,
        outside_period=not source.contains(received_at.date()),
        portal_status=portal_status,
        reference=_text(values, "reference", None),
    )
    if reply is not None:
        row.answer_text, row.answered_on = reply.text, reply.answered_on
    if word in PORTAL_ACCEPTED and row.reference:
        row.status = ItemStatus.ACCEPTED
    elif word in PORTAL_REJECTED and row.answer_text:
        row.status, row.rejection_reason = ItemStatus.REJECTED, row.answer_text
    elif not word and reply is not None:
        row.status = ItemStatus.ANSWERED
    return row
