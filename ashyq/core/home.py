"""The signed-in home: each person's own work and its terms (issue 11 item 2).

The page is assembled from small per-app selectors listed in ``HOME_SECTIONS``: each is called with the reader,
today and the horizon (``ASHYQ_HOME_HORIZON_WORKING_DAYS`` Kazakhstan working days ahead, via ``core.calendar``)
and returns the sections that reader has, already scoped by the same predicates the services check. A new app
(campaigns) adds one dotted path here.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

from ashyq.core.calendar import add_working_days

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser

HOME_SECTIONS: list[str] = [
    "ashyq.feedback.home.sections",
    "ashyq.registry.home.sections",
    "ashyq.meetings.home.sections",
    "ashyq.evaluation.feedback_home.sections",
]


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what, for which body, where to do it, and by when (``due`` None: no term in the acts)."""

    label: str
    url: str
    body: str = ""
    due: datetime.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class HomeSection:
    title: str
    items: list[WorkItem]
    more_url: str = ""
    total: int = 0  # how many there are in all when ``items`` shows only the first ones
    hint: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


@dataclass(frozen=True)
class Horizon:
    today: datetime.date
    until: datetime.date  # the last day counted as "due soon"


SectionsOf = Callable[..., list[HomeSection]]


def horizon(today: datetime.date) -> Horizon:
    return Horizon(today=today, until=add_working_days(today, settings.ASHYQ_HOME_HORIZON_WORKING_DAYS))


def home_sections(*, user: AnyUser, today: datetime.date) -> list[HomeSection]:
    """The reader's sections, overdue work first within each; sections with nothing in them are left out."""
    window = horizon(today)
    sections: list[HomeSection] = []
    for dotted in HOME_SECTIONS:
        module_path, _dot, name = dotted.rpartition(".")
        provider: SectionsOf = getattr(importlib.import_module(module_path), name)
        for section in provider(user=user, window=window):
            if section.items:
                ordered = sorted(section.items, key=lambda item: (not item.overdue, item.due or datetime.date.max))
                sections.append(
                    HomeSection(
                        title=section.title,
                        items=ordered,
                        more_url=section.more_url,
                        total=max(section.total, len(ordered)),
                        hint=section.hint,
                    )
                )
    return sections
