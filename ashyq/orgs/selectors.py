"""Reads of state bodies (ARCHITECTURE rule 3). The list of bodies is public reference data."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ashyq.orgs.models import CENTRAL_KINDS, Body


def bodies_list(*, search: str = "", level: str = "") -> QuerySet[Body]:
    """Active bodies, filtered by a name fragment (kk or ru) and level (``central`` / ``local``)."""
    bodies = Body.objects.filter(is_active=True).select_related("parent")
    if search:
        bodies = bodies.filter(Q(name_kk__icontains=search) | Q(name_ru__icontains=search))
    if level == "central":
        bodies = bodies.filter(kind__in=CENTRAL_KINDS)
    elif level == "local":
        bodies = bodies.exclude(kind__in=CENTRAL_KINDS)
    return bodies.order_by("kind", "name_ru")


def body_detail(*, pk: int) -> Body:
    """One body with its parent, children and subordinate organisations fetched up front."""
    return (
        Body.objects.select_related("parent")
        .prefetch_related("children", "subordinates")
        .annotate(member_count=Count("memberships", distinct=True))
        .get(pk=pk)
    )
