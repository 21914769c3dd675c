"""Selectors of the campaign pages: the body scope applied, a fixed number of queries per page."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, overload

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.evaluation.facts import required_slots
from ashyq.evaluation.models import Campaign, DocumentRequest, Enrolment
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.scoring import ProvisionalScore
from ashyq.methodology.models import display_language

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def campaigns_for_user(user: AnyUser) -> QuerySet[Campaign]:
    """Analysts and the authorized body's head see every campaign; a body's people those it is enrolled in."""
    campaigns = Campaign.objects.select_related("methodology")
    if is_authorized_staff(user):
        return campaigns
    return campaigns.filter(enrolments__body_id__in=body_ids_for(user)).distinct()


def enrolment_for_user(user: AnyUser, pk: int) -> Enrolment:
    """One enrolled body, if the user acts for it or belongs to the authorized body (issue 14 item 9)."""
    enrolment = Enrolment.objects.select_related("campaign__methodology", "body").get(pk=pk)
    if not (is_authorized_staff(user) or enrolment.body_id in body_ids_for(user)):
        raise PermissionDenied(_("You do not act for this state body."))
    return enrolment


@dataclass(frozen=True)
class DashboardRow:
    enrolment: Enrolment
    verified: int
    required: int
    open_requests: int
    late: bool


@dataclass(frozen=True)
class Dashboard:
    """The analyst's view of a campaign: bodies × state, overdue, verification progress, distribution."""

    rows: list[DashboardRow]
    by_state: dict[str, int]
    overdue: int
    verified: int
    required: int
    distribution: list[tuple[str, int]]


LANGUAGE_NAMES = {"kk": _lazy("in Kazakh"), "ru": _lazy("in Russian"), "": _lazy("both languages")}

BANDS = ((Decimal(90), "90–100"), (Decimal(70), "70–89.99"), (Decimal(50), "50–69.99"), (Decimal(-9), "< 50"))


def campaign_dashboard(campaign: Campaign, today: datetime.date) -> Dashboard:
    """Two queries whatever the number of bodies (the enrolments with their counts; nothing per row)."""
    version = pinned_version(campaign.methodology)
    enrolments = (
        campaign.enrolments.select_related("body")
        .annotate(
            verified_count=Count("verifications", distinct=True),
            open_requests=Count("requests", filter=Q(requests__answered_at__isnull=True), distinct=True),
        )
        .order_by("kind", "body__name_ru")
    )
    rows = []
    slots_cache: dict[tuple[str, tuple[str, ...]], int] = {}
    for enrolment in enrolments:
        enrolment.campaign = campaign
        key = (enrolment.kind, tuple(enrolment.exemptions))
        if key not in slots_cache:
            slots_cache[key] = len(required_slots(version, enrolment.kind, enrolment.exemptions))
        rows.append(
            DashboardRow(
                enrolment,
                enrolment.verified_count,
                slots_cache[key],
                enrolment.open_requests,
                enrolment.late(today),
            )
        )
    states = Counter(row.enrolment.report_status for row in rows)
    distribution = Counter(
        next(label for lower, label in BANDS if row.enrolment.final >= lower)
        for row in rows
        if row.enrolment.final is not None
    )
    return Dashboard(
        rows=rows,
        by_state={str(label): states.get(value, 0) for value, label in Enrolment.ReportStatus.choices},
        overdue=sum(row.late and row.enrolment.report_status == Enrolment.ReportStatus.DRAFT for row in rows),
        verified=sum(min(row.verified, row.required) for row in rows),
        required=sum(row.required for row in rows),
        distribution=[(label, distribution.get(label, 0)) for _lower, label in BANDS],
    )


@dataclass(frozen=True)
class MissingLine:
    name: str
    language: str
    cost: Decimal


@dataclass(frozen=True)
class TableTask:
    """One table of the report in the task list: how many values it needs and which are still missing."""

    table: str
    name: str
    total: int
    missing: list[MissingLine]

    @property
    def complete(self) -> bool:
        return not self.missing


def report_tasks(enrolment: Enrolment, provisional: ProvisionalScore) -> list[TableTask]:
    """The report as a GOV.UK task list, per Annex 10 table, each missing item with what it costs."""
    version = pinned_version(enrolment.campaign.methodology)
    language = display_language()
    costs = {(item.slot.indicator, item.slot.language): item.cost for item in provisional.missing}
    tables = {table.number: table for criterion in version.criteria for table in criterion.tables}
    tasks: dict[str, TableTask] = {}
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        indicator = version.indicators.get(slot.indicator)
        number = indicator.table if indicator else "7-1"
        names = indicator.names if indicator else tables[number].names
        table_names = tables[number].names
        task = tasks.setdefault(
            number, TableTask(number, table_names.kk if language == "kk" else table_names.ru, 0, [])
        )
        tasks[number] = TableTask(task.table, task.name, task.total + 1, task.missing)
        cost = costs.get((slot.indicator, slot.language))
        if cost is not None:
            name = names.kk if language == "kk" else names.ru
            task.missing.append(MissingLine(name, str(LANGUAGE_NAMES.get(slot.language, "")), cost))
    return list(tasks.values())


def requests_of(enrolment: Enrolment) -> QuerySet[DocumentRequest]:
    return enrolment.requests.prefetch_related("documents")


@dataclass(frozen=True)
class RankingRow:
    place: int
    enrolment: Enrolment


def campaign_ranking(campaign: Campaign) -> dict[str, list[RankingRow]]:
    """Scored bodies by final score, central and local apart; equal scores share a place (1, 1, 3)."""
    groups: dict[str, list[RankingRow]] = {Enrolment.Kind.CENTRAL: [], Enrolment.Kind.LOCAL: []}
    enrolments = (
        campaign.enrolments.filter(final__isnull=False).select_related("body").order_by("-final", "body__name_ru")
    )
    for enrolment in enrolments:
        rows = groups[enrolment.kind]
        place = rows[-1].place if rows and rows[-1].enrolment.final == enrolment.final else len(rows) + 1
        rows.append(RankingRow(place, enrolment))
    return groups


@overload
def display_points(value: Decimal) -> Decimal: ...
@overload
def display_points(value: None) -> None: ...
def display_points(value: Decimal | None) -> Decimal | None:
    """Points as shown and published: half-up to 0.01 (SPEC §7)."""
    from decimal import ROUND_HALF_UP

    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
