"""``manage.py workdays``: the working-day calendar for people and scripts (issue 3 item 5, SPEC §7).

Output contract (docs/calendar.md):
  workdays add DATE N          one line: the ISO date of the N-th working day after DATE
  workdays between DATE DATE   one line: the number of working days after the first date up to the second
  workdays list YEAR [--lang]  one line per exception: ISO date, TAB, "non-working" or "working", TAB, reason
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ashyq.core.calendar import WorkingCalendar, add_working_days, working_days_between


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-18.") from None


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a whole number of working days.") from None
    if number < 0:
        raise CommandError(f"The number of working days must not be negative (got {number}).")
    return number


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a year.") from None
    if not 1991 <= year <= 2100:
        raise CommandError(f"The year must be between 1991 and 2100 (got {year}).")
    return year


class Command(BaseCommand):
    help = "Kazakhstan working days: add N working days, count them between dates, list a year's exceptions."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="the N-th working day after DATE (DATE itself not counted)")
        add.add_argument("date")
        add.add_argument("count")
        between = actions.add_parser("between", help="working days after START up to and including END")
        between.add_argument("start")
        between.add_argument("end")
        listing = actions.add_parser("list", help="non-working weekdays and working weekend days of YEAR")
        listing.add_argument("year")
        listing.add_argument("--lang", choices=["kk", "ru", "en"], default="kk", help="language of the reasons")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self.stdout.write(add_working_days(_date(options["date"]), _count(options["count"])).isoformat())
        elif action == "between":
            self.stdout.write(str(working_days_between(_date(options["start"]), _date(options["end"]))))
        else:
            for day in WorkingCalendar().exceptions_of_year(_year(options["year"])):
                status = "working" if day.working else "non-working"
                self.stdout.write(f"{day.date.isoformat()}\t{status}\t{day.reason(options['lang'])}")
