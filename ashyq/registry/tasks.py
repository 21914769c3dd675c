"""Background work of the registry (django-tasks), enqueued on commit by the services."""

from __future__ import annotations

from django_tasks import task

from ashyq.registry.models import ChannelApplication
from ashyq.registry.services.notifications import application_notify


@task()
def notify_applicant(application_id: int) -> None:
    """004 §6: tell the applicant of the decision (the system acts, so no person is recorded)."""
    application_notify(application=ChannelApplication.objects.get(pk=application_id), actor=None)
