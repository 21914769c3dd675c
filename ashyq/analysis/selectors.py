"""Reads of the analysis app, scoped to the reader's bodies (ARCHITECTURE rule 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from ashyq.analysis.models import QuarterRun, TopicCluster
from ashyq.core.permissions import scope_to_user_bodies

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def runs_list(*, user: AnyUser) -> QuerySet[QuarterRun]:
    """The analyses of quarters the reader may see, newest quarter first, with their body."""
    return scope_to_user_bodies(QuarterRun.objects.select_related("body"), user)


def clusters_of(*, run: QuarterRun) -> QuerySet[TopicCluster]:
    """The topics of an analysis still standing (not merged away), largest first, with their §17 topic."""
    return run.topics.filter(merged_into=None).select_related("topic")


def cluster_for(*, user: AnyUser, pk: int) -> TopicCluster:
    """One found topic of an analysis the reader may see; 404 otherwise."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        TopicCluster.objects.select_related("run__body", "topic").filter(run__in=runs_list(user=user)), pk=pk
    )
