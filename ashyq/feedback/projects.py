"""Which results of a project are due and which are overdue (000 §16; docs/adr/0031)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ashyq.feedback.models import Project, ProjectPublication
from ashyq.feedback.periods import Period


@dataclass(frozen=True)
class Due:
    """One expected publication: a quarter's interim information or a year's final information."""

    year: int
    quarter: int | None
    publication: ProjectPublication | None
    overdue: bool


def publication_schedule(project: Project, today: datetime.date | None = None) -> list[Due]:
    """Every quarter and year of the project that has ended by ``today``; the act sets no deadline, so a
    period's information is overdue from the day after the period ends until it is published."""
    today = today or datetime.date.today()
    published = {(p.year, p.quarter): p for p in project.publications.all()}
    due = []
    for year in range(project.start_year, min(project.end_year, today.year) + 1):
        for quarter in (1, 2, 3, 4, None):
            period = Period.quarter(year, quarter) if quarter else Period.year(year)
            if period.end >= today:
                continue
            publication = published.get((year, quarter))
            due.append(Due(year, quarter, publication, publication is None))
    return due
