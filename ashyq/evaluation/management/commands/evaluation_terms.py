"""``manage.py evaluation_terms [--date YYYY-MM-DD]``: the daily sweep of the objection procedure's terms.

Marks every body whose 5-working-day term passed with neither objections nor agreement (002 §109, §112) and
e-mails a reminder, once, 2 working days before each running term ends (issue 10 item 6). Prints
``marked N, reminded N``. Run it once a day (cron or a systemd timer); running it twice does nothing twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ashyq.evaluation.deadlines import reminders_send
from ashyq.evaluation.models import Campaign
from ashyq.evaluation.services.objections import responses_close_passed_terms


class Command(BaseCommand):
    help = "Close passed objection terms and send the reminders of terms ending in 2 working days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to act as today, YYYY-MM-DD (default: today in Almaty)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r} is not a date in the form YYYY-MM-DD.") from None
        marked = sum(
            responses_close_passed_terms(campaign=campaign, today=today)
            for campaign in Campaign.objects.filter(status__in=[Campaign.Status.SCORED, Campaign.Status.DELIVERED])
        )
        reminded = reminders_send(today)
        self.stdout.write(f"marked {marked}, reminded {reminded}")
