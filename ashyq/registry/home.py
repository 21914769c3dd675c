"""The registry's part of the signed-in home (``core.home``): the analysts' decisions, notifications and registry
entries with their 004 terms (overdue or due within the horizon, every body); officers' drafts to submit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ashyq.core.home import HomeSection, Horizon, WorkItem
from ashyq.core.permissions import body_ids_for, is_analyst
from ashyq.orgs.models import Role
from ashyq.registry.models import ChannelApplication, EntryRequest

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser

SHOWN = 10
Status = ChannelApplication.Status


def sections(*, user: AnyUser, window: Horizon) -> list[HomeSection]:
    found: list[HomeSection] = []
    if is_analyst(user):
        decisions = ChannelApplication.objects.filter(
            status__in=ChannelApplication.PENDING_DECISION, decision_due__lte=window.until
        ).select_related("body")
        notices = ChannelApplication.objects.filter(
            Q(status__in=[Status.ACCREDITED, Status.REFUSED]),
            notified_on__isnull=True,
            notification_due__lte=window.until,
        ).select_related("body")
        entries = EntryRequest.objects.filter(
            status=EntryRequest.Status.SUBMITTED, entry_due__lte=window.until
        ).select_related("channel__body")
        found.append(
            HomeSection(
                title=_("Applications to decide (004 §6)"),
                items=[
                    WorkItem(
                        label=str(application.name),
                        url=reverse("registry:application_detail", args=[application.pk]),
                        body=str(application.body),
                        due=application.decision_due,
                        overdue=application.decision_due is not None and application.decision_due < window.today,
                    )
                    for application in decisions.order_by("decision_due")[:SHOWN]
                ],
                total=decisions.count(),
                more_url=reverse("registry:dashboard"),
            )
        )
        found.append(
            HomeSection(
                title=_("Applicants to notify of the decision"),
                items=[
                    WorkItem(
                        label=str(application.name),
                        url=reverse("registry:application_detail", args=[application.pk]),
                        body=str(application.body),
                        due=application.notification_due,
                        overdue=application.notification_due is not None
                        and application.notification_due < window.today,
                    )
                    for application in notices.order_by("notification_due")[:SHOWN]
                ],
                total=notices.count(),
                more_url=reverse("registry:dashboard"),
            )
        )
        found.append(
            HomeSection(
                title=_("Changes and terminations to enter in the registry"),
                items=[
                    WorkItem(
                        label=str(entry),
                        url=reverse("registry:request_detail", args=[entry.pk]),
                        body=str(entry.channel.body),
                        due=entry.entry_due,
                        overdue=entry.entry_due < window.today,
                    )
                    for entry in entries.order_by("entry_due")[:SHOWN]
                ],
                total=entries.count(),
                more_url=reverse("registry:dashboard"),
            )
        )
    officer_of = body_ids_for(user, (Role.OFFICER,))
    if officer_of:
        drafts = ChannelApplication.objects.filter(body_id__in=officer_of, status=Status.DRAFT).select_related("body")
        found.append(
            HomeSection(
                title=_("Draft applications to submit"),
                items=[
                    WorkItem(
                        label=str(draft.name),
                        url=reverse("registry:application_detail", args=[draft.pk]),
                        body=str(draft.body),
                    )
                    for draft in drafts[:SHOWN]
                ],
                total=drafts.count(),
                more_url=reverse("registry:dashboard"),
            )
        )
    return found
