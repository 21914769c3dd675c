"""The feedback app's part of the signed-in home (``core.home``): officers' open items and recommendations, the
first head's analyses to consider (000 §14–15). Scoped by the predicates the services check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from ashyq.core.home import HomeSection, Horizon, WorkItem
from ashyq.core.permissions import body_ids_for
from ashyq.feedback.models import Item, ItemKind, ItemStatus, QuarterlyAnalysis, Recommendation, Source
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser

SHOWN = 10


def _open_items(bodies: set[int], kind: str, status: str) -> list[WorkItem]:
    counts = (
        Item.objects.filter(body_id__in=bodies, kind=kind, status=status)
        .values("source_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:SHOWN]
    )
    sources = Source.objects.select_related("body").in_bulk([row["source_id"] for row in counts])
    items_url = reverse("feedback:item_list")
    return [
        WorkItem(
            label=f"{sources[row['source_id']]} ({row['n']})",
            url=f"{items_url}?source={row['source_id']}&kind={kind}&status={status}",
            body=str(sources[row["source_id"]].body),
        )
        for row in counts
    ]


def sections(*, user: AnyUser, window: Horizon) -> list[HomeSection]:
    officer_of = body_ids_for(user, (Role.OFFICER,))
    first_head_of = body_ids_for(user, (Role.FIRST_HEAD,))
    found: list[HomeSection] = []
    if officer_of:
        found.append(
            HomeSection(
                title=_("Remarks and proposals awaiting a decision"),
                items=_open_items(officer_of, ItemKind.REMARK, ItemStatus.RECEIVED),
            )
        )
        found.append(
            HomeSection(
                title=_("Comments awaiting an answer"),
                items=_open_items(officer_of, ItemKind.COMMENT, ItemStatus.UNANSWERED),
            )
        )
        recommendations = Recommendation.objects.filter(
            analysis__body_id__in=officer_of,
            analysis__status=QuarterlyAnalysis.Status.DECIDED,
            status=Recommendation.Status.OPEN,
        ).select_related("analysis__body")
        found.append(
            HomeSection(
                title=_("Recommendations to carry out"),
                items=[
                    WorkItem(label=r.text, url=reverse("feedback:analysis_list"), body=str(r.analysis.body))
                    for r in recommendations[:SHOWN]
                ],
                total=recommendations.count(),
                more_url=reverse("feedback:analysis_list"),
            )
        )
    if first_head_of:
        waiting = QuarterlyAnalysis.objects.filter(
            body_id__in=first_head_of, status=QuarterlyAnalysis.Status.SUBMITTED
        ).select_related("body")
        found.append(
            HomeSection(
                title=_("Quarterly analyses waiting for your decision"),
                items=[
                    WorkItem(
                        label=_("Analysis of %(year)s, quarter %(quarter)s") % {"year": a.year, "quarter": a.quarter},
                        url=f"{reverse('feedback:analysis_list')}#analysis-{a.pk}",
                        body=str(a.body),
                    )
                    for a in waiting
                ],
            )
        )
    return found
