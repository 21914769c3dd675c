"""Reads of state bodies (ARCHITECTURE rule 3). The list of bodies is public reference data."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from ashyq.core.i18n import in_language
from ashyq.orgs.models import CENTRAL_KINDS, Body


def bodies_list(*, search: str = "", level: str = "") -> QuerySet[Body]:
    """Active bodies, filtered by a name fragment (kk or ru) and level (``central`` / ``local``);
    central bodies first, then local ones, each alphabetically in the page's language."""
    bodies = Body.objects.filter(is_active=True).select_related("parent")
    if search:
        bodies = bodies.filter(Q(name_kk__icontains=search) | Q(name_ru__icontains=search))
    if level == "central":
        bodies = bodies.filter(kind__in=CENTRAL_KINDS)
    elif level == "local":
        bodies = bodies.exclude(kind__in=CENTRAL_KINDS)
    level_rank = Case(When(kind__in=CENTRAL_KINDS, then=Value(0)), default=Value(1), output_field=IntegerField())
    return bodies.order_by(level_rank, in_language("name_kk", "name_ru"))


def body_detail(*, pk: int) -> Body:
    """One body with its parent, children and subordinate organisations fetched up front."""
    return (
        Body.objects.select_related("parent")
        .prefetch_related("children", "subordinates")
        .annotate(member_count=Count("memberships", distinct=True))
        .get(pk=pk)
    )
