"""Reading document jobs: a job is its requester's, and only while they still may see its body's data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.reports.models import DocumentJob

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser


def document_job_detail(*, user: AnyUser, pk: int) -> DocumentJob:
    """The user's own job; another user's, or one of a body the user no longer acts for, is not found."""
    if not user.is_authenticated:
        raise Http404
    jobs = DocumentJob.objects.filter(created_by=user)
    if not is_authorized_staff(user):  # a job of no one body covers the bodies the user acts for
        own = body_ids_for(user)
        jobs = jobs.filter(Q(body__in=own) | Q(body=None)) if own else jobs.none()
    try:
        return jobs.get(pk=pk)
    except DocumentJob.DoesNotExist:
        raise Http404 from None
