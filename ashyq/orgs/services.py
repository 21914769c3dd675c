"""Writes to state bodies and memberships (ARCHITECTURE rule 1: services with an actor and an audit event)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core import bounds
from ashyq.core.audit import audit_record, snapshot
from ashyq.orgs.models import AUTHORIZED_BODY_ROLES, SUBREGIONAL_KINDS, Body, BodyKind, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The kinds used in the reference CSV (shared/data/README.md) and what they are in Ashyq.
CSV_KINDS = {
    "ministry": BodyKind.MINISTRY,
    "agency": BodyKind.AGENCY,
    "central_other": BodyKind.CENTRAL_STATE,
    "oblast": BodyKind.OBLAST_AKIMAT,
    "capital": BodyKind.CAPITAL_AKIMAT,
    "republican_city": BodyKind.REPUBLICAN_CITY_AKIMAT,
    "district": BodyKind.DISTRICT_AKIMAT,
    "oblast_city": BodyKind.OBLAST_CITY_AKIMAT,
}
NAME_MAX_LENGTH = 300  # Body.name_kk, Body.name_ru
REQUIRED_COLUMNS = ("kind", "name_ru", "name_kk", "legalacts_government_id", "notes")
FLAG_FIELDS = (
    "is_authorized_body",
    "outside_feedback_scope",
    "not_under_resolution_12",
    "no_open_session_indicator",
    "national_bank_exceptions",
)
BODY_FIELDS = ("name_kk", "name_ru", "kind", "parent", "legalacts_government_id", "notes", *FLAG_FIELDS)


class BodyImportError(Exception):
    """A file refused whole; ``errors`` holds (line number, reason) for every bad row."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__("; ".join(f"line {line}: {reason}" for line, reason in errors))
        self.errors = errors


@dataclass
class BodyImportResult:
    created: list[Body] = field(default_factory=list)
    updated: list[Body] = field(default_factory=list)
    unchanged: int = 0


def flags_from_notes(notes: str) -> dict[str, bool]:
    """The acts' exemptions as the reference file's notes column states them (shared/data/README.md)."""
    text = notes.lower()
    return {
        "is_authorized_body": "the authorized body" in text,
        "outside_feedback_scope": "outside 000 §1" in text,
        "not_under_resolution_12": "not covered by" in text and "resolution no. 12" in text,
        "no_open_session_indicator": "no open-session indicator" in text,
        "national_bank_exceptions": "table 2 (**)" in text,
    }


def kind_from_row(csv_kind: str, notes: str) -> BodyKind:
    """An agency that reports to the President is a central state body, not a central executive one (ADR 0001)."""
    kind = CSV_KINDS[csv_kind]
    if kind == BodyKind.AGENCY and "reports to the president" in notes.lower():
        return BodyKind.CENTRAL_STATE
    return kind


def _parse_row(row: dict[str, str], parents: dict[str, Body], default_parent: Body | None) -> dict[str, Any]:
    """One CSV row as Body field values; raises ValueError with the reason for a bad row."""
    csv_kind = (row.get("kind") or "").strip()
    if csv_kind not in CSV_KINDS:
        raise ValueError(
            _("unknown kind %(kind)r; expected one of %(kinds)s") % {"kind": csv_kind, "kinds": ", ".join(CSV_KINDS)}
        )
    names = {key: (row.get(key) or "").strip() for key in ("name_kk", "name_ru")}
    if not all(names.values()):
        raise ValueError(_("both name_kk and name_ru are required"))
    for key, value in names.items():
        bounds.check_text(value, key, NAME_MAX_LENGTH)  # OutOfBounds is a ValueError
    raw_id = (row.get("legalacts_government_id") or "").strip()
    if raw_id and not raw_id.isdigit():
        raise ValueError(_("legalacts_government_id %(id)r is not a number") % {"id": raw_id})
    notes = bounds.check_text((row.get("notes") or "").strip(), "notes")
    kind = kind_from_row(csv_kind, notes)
    parent = default_parent
    parent_name = (row.get("parent") or "").strip()
    if parent_name:
        parent = parents.get(parent_name)
        if parent is None:
            raise ValueError(_("parent body %(name)r is not known") % {"name": parent_name})
    if kind in SUBREGIONAL_KINDS and (parent is None or parent.kind != BodyKind.OBLAST_AKIMAT):
        raise ValueError(_("a district or a city of oblast significance needs its oblast as parent"))
    return {
        **names,
        "kind": kind,
        "parent": parent,
        "legalacts_government_id": int(raw_id) if raw_id else None,
        "notes": notes,
        **flags_from_notes(notes),
    }


def _read_rows(text: str, default_parent: Body | None) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise BodyImportError([(1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})])
    parents = {name: body for body in Body.objects.filter(parent__isnull=True) for name in (body.name_ru, body.name_kk)}
    rows, errors = [], []
    for line, row in enumerate(reader, start=2):
        try:
            rows.append(_parse_row(row, parents, default_parent))
        except ValueError as error:
            errors.append((line, str(error)))
    if errors:
        raise BodyImportError(errors)
    if not rows:
        raise BodyImportError([(1, _("the file has no rows"))])
    return rows


def _existing(values: dict[str, Any]) -> Body | None:
    if values["legalacts_government_id"] is not None:
        return Body.objects.filter(legalacts_government_id=values["legalacts_government_id"]).first()
    # Two oblasts may have districts of the same name (Актогайский район): a district is known by its oblast too.
    return Body.objects.filter(name_ru=values["name_ru"], kind=values["kind"], parent=values["parent"]).first()


@transaction.atomic
def bodies_import_csv(*, text: str, actor: User | None, parent: Body | None = None) -> BodyImportResult:
    """Create or update bodies from the reference CSV; all rows or none. Natural key: the NPA portal id,
    else (Russian name, kind, parent). Re-importing the same file changes nothing."""
    result = BodyImportResult()
    for values in _read_rows(text, parent):
        body = _existing(values)
        if body is None:
            body = Body.objects.create(**values)
            audit_record(
                actor=actor, event="orgs.body.created", target=body, body=body, new=snapshot(body, list(BODY_FIELDS))
            )
            result.created.append(body)
            continue
        old = snapshot(body, list(BODY_FIELDS))
        for name, value in values.items():
            setattr(body, name, value)
        new = snapshot(body, list(BODY_FIELDS))
        if new == old:
            result.unchanged += 1
            continue
        body.full_clean()
        body.save(update_fields=[*values.keys(), "updated_at"])
        audit_record(actor=actor, event="orgs.body.updated", target=body, body=body, old=old, new=new)
        result.updated.append(body)
    return result


@transaction.atomic
def membership_grant(*, user: User, body: Body, role: str, actor: User | None) -> Membership:
    """Give a person a role in a body; the authorized body's roles only in the authorized body."""
    if role in AUTHORIZED_BODY_ROLES and not body.is_authorized_body:
        raise ValueError(_("Analysts and the head of the authorized body belong to the authorized body."))
    membership, created = Membership.objects.get_or_create(user=user, body=body, role=role)
    if created:
        audit_record(
            actor=actor,
            event="orgs.membership.granted",
            target=membership,
            body=body,
            new={"user": user.get_username(), "role": role},
        )
    return membership
