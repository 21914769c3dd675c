"""Work done after commit: telling the authorized body about a meeting (001 p.3.4, p.5.1)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ashyq.orgs.models import Membership, Role


@task()
def notify_authorized_body(meeting_id: int, event: str) -> int:
    """E-mail the authorized body's analysts that a meeting was planned (``approved``) or its results published.

    001 p.3.4: the body keeps constant information interaction with the authorized body, which announces
    and covers the meetings (p.5.1). Returns the number of recipients.
    """
    from ashyq.meetings.models import Meeting

    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    recipients = sorted(
        set(
            Membership.objects.filter(role=Role.ANALYST, body__is_authorized_body=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return 0
    with translation.override("kk"):
        subjects = {
            "approved": _("A meeting with the population is planned"),
            "results_published": _("The results and action plan of a meeting with the population are published"),
        }
        subject = subjects[event]
        lines = [f"{meeting.body.name_kk}: {meeting.topic_kk}", f"{meeting.body.name_ru}: {meeting.topic_ru}"]
    send_mail(subject, "\n".join([*lines, f"{meeting.planned_start:%Y-%m-%d %H:%M}"]), None, recipients)
    return len(recipients)
