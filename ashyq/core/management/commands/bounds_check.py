"""``manage.py bounds_check``: the rows stored before ``ashyq.core.bounds`` held (issue 15 item 1).

Walks every table of Ashyq's apps and lists each row with a date or date-time outside the bounds, a
``year`` outside the year range, a ``quarter`` outside 1–4, text with a control character, or text longer
than its field allows. Output contract (docs/input-limits.md): one line per finding,
``<app.model>\\t<id>\\t<field>\\t<reason>``, then ``N rows outside the bounds.``; exit status 1 when
N > 0 (so a scheduled check can alert), 0 with ``No row is outside the bounds.`` otherwise. It changes nothing:
each row is corrected on its page or in the admin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models
from django.db.models.functions import Length

from ashyq.core import bounds

CONTROL_PATTERN = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]"  # NUL cannot be stored by PostgreSQL; SQLite's is caught too


def _ashyq_models() -> Iterator[type[models.Model]]:
    for config in apps.get_app_configs():
        if config.name.startswith("ashyq."):
            yield from config.get_models()


def _checks(field: models.Field[Any, Any]) -> Iterator[tuple[models.Q | None, dict[str, Any], str]]:
    """(filter, annotations, reason) of each rule the field's values must satisfy."""
    earliest, latest = bounds.earliest_date(), bounds.latest_date()
    name = field.name
    if isinstance(field, models.DateTimeField):
        outside = models.Q(**{f"{name}__date__lt": earliest}) | models.Q(**{f"{name}__date__gt": latest})
        yield outside, {}, f"date outside {earliest.isoformat()} – {latest.isoformat()}"
    elif isinstance(field, models.DateField):
        outside = models.Q(**{f"{name}__lt": earliest}) | models.Q(**{f"{name}__gt": latest})
        yield outside, {}, f"date outside {earliest.isoformat()} – {latest.isoformat()}"
    elif isinstance(field, models.IntegerField) and (name == "year" or name.endswith("_year")):
        years = bounds.year_range()
        outside = models.Q(**{f"{name}__lt": years[0]}) | models.Q(**{f"{name}__gt": years[-1]})
        yield outside, {}, f"year outside {years[0]} – {years[-1]}"
    elif isinstance(field, models.IntegerField) and name == "quarter":
        yield ~models.Q(**{f"{name}__in": list(bounds.QUARTERS)}), {}, "quarter outside 1–4"
    elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
        yield models.Q(**{f"{name}__regex": CONTROL_PATTERN}), {}, "control character in the text"
        limit = field.max_length or bounds.text_limit()
        yield models.Q(_ashyq_length__gt=limit), {"_ashyq_length": Length(name)}, f"longer than {limit} characters"


def outside_bounds() -> Iterator[tuple[str, Any, str, str]]:
    """(model label, primary key, field, reason) of every stored value outside the bounds."""
    for model in _ashyq_models():
        for field in model._meta.concrete_fields:
            for condition, extra, reason in _checks(field):
                rows = model._default_manager.annotate(**extra).filter(condition).order_by("pk")
                for pk in rows.values_list("pk", flat=True):
                    yield model._meta.label_lower, pk, field.name, reason


class Command(BaseCommand):
    help = "List the stored rows whose dates, years or text are outside the bounds (docs/input-limits.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        found = 0
        for label, pk, field, reason in outside_bounds():
            self.stdout.write(f"{label}\t{pk}\t{field}\t{reason}")
            found += 1
        if found:
            self.stdout.write(f"{found} rows outside the bounds.")
            raise SystemExit(1)
        self.stdout.write("No row is outside the bounds.")
