"""The public openness ratings (issue 13 item 1): public reads, no log-in (ARCHITECTURE rule 3).

Only the results of campaigns whose final conclusion went to the Agency for civil service affairs are public
(``Campaign.Status.SENT``, 002 §118–119); provisional scores never are. F comes from feedback evaluations the
authorized body published (000 §22–23). Figures are exact in the database and rounded once, half-up to 0.01
(F: to its methodology's decimals), where shown (SPEC §7). Each page reads a fixed number of queries whatever
the number of bodies or years. Nothing restricted is selected (003 §7): no analyst, no head who signed, no
document a body sent on request; of the evidence only the public links a body gave in its report.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ashyq.evaluation.conclusion import DocumentLanguage, conclusion_analysis
from ashyq.evaluation.conclusions_read import stored_score
from ashyq.evaluation.engine.explanation import RULE_NAME
from ashyq.evaluation.engine.feedback import band_of, f_shown
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.models import Campaign, CriterionPoints, Enrolment, Evidence, IndicatorPoints
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.selectors import campaign_ranking, display_points
from ashyq.meetings.models import Meeting
from ashyq.methodology.models import display_language
from ashyq.methodology.versions import MethodologyError, Names, feedback_version
from ashyq.orgs.models import Body
from ashyq.portal.models import Conference
from ashyq.registry.models import Channel

PUBLISHED = Campaign.Status.SENT
KINDS = (Enrolment.Kind.CENTRAL, Enrolment.Kind.LOCAL)
# Evidence a body gave as a public link in its report; requested documents and incoming/outgoing letters of
# media requests and subordinate organisations are not public (003 §7).
PUBLIC_EVIDENCE = (
    Evidence.Kind.LINK,
    Evidence.Kind.BLOG_POST,
    Evidence.Kind.EVENT,
    Evidence.Kind.OPEN_SESSION,
    Evidence.Kind.MEETING,
    Evidence.Kind.SURVEY,
)
SORTS = ("place", "body", "final", "total", "penalty", "f")
DEFAULT_SORT = "place"
ASCENDING_FIRST = {"place", "body"}  # the other columns sort the highest first on the first click
CHART_WIDTH, CHART_LABEL, CHART_BAR, CHART_GAP = 640, 40, 22, 10
TREND_WIDTH, TREND_HEIGHT, TREND_LEFT, TREND_TOP, TREND_BOTTOM = 640, 220, 40, 10, 30


def _name(names: Names) -> str:
    return names.kk if display_language() == "kk" else names.ru


def analysis_language() -> DocumentLanguage:
    """The conclusion is written in Kazakh or Russian (002 Annex 8); English readers get the Russian one."""
    return "kk" if display_language() == "kk" else "ru"


# --- F (000 §22–23) ---


@dataclass(frozen=True)
class FValue:
    f: Decimal  # exact, the band was chosen by it
    shown: Decimal
    band: str
    band_name: str


def f_value(f: Decimal, period_end: datetime.date) -> FValue:
    try:
        version = feedback_version(period_end)
    except MethodologyError:
        return FValue(f, f, "", "")
    band = band_of(version, f)
    return FValue(f, f_shown(version, f), band.key, _name(band.names))


def _published_f(submissions: QuerySet[FeedbackSubmission]) -> QuerySet[FeedbackSubmission]:
    return submissions.filter(evaluation__status=FeedbackEvaluation.Status.PUBLISHED, f__isnull=False).order_by(
        "evaluation__period_end", "evaluation_id"
    )


def f_of_year(year: int) -> dict[int, FValue]:
    """F of every body in the year's published feedback evaluation (one query); the latest evaluation wins."""
    rows = _published_f(FeedbackSubmission.objects.filter(evaluation__period_end__year=year))
    return {
        body_id: f_value(f, period_end)
        for body_id, f, period_end in rows.values_list("body_id", "f", "evaluation__period_end")
        if f is not None
    }


# --- the years and the ratings ---


def published_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status=PUBLISHED)


def published_years() -> list[int]:
    """The years with published results, the newest first (one query)."""
    years = published_campaigns().values_list("period_end__year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def year_campaign(year: int) -> Campaign | None:
    """The year's published campaign (the latest if the authorized body held more than one)."""
    return published_campaigns().filter(period_end__year=year).order_by("-period_end", "-id").first()


@dataclass(frozen=True)
class RatingRow:
    place: int
    enrolment: Enrolment
    f: FValue | None

    @property
    def body(self) -> Body:
        return self.enrolment.body

    @property
    def total(self) -> Decimal | None:
        return display_points(self.enrolment.total)

    @property
    def penalty(self) -> Decimal | None:
        return display_points(self.enrolment.penalty)

    @property
    def final(self) -> Decimal | None:
        return display_points(self.enrolment.final)


def _sort_key(sort: str) -> tuple[str, bool]:
    key = sort.lstrip("-")
    if key not in SORTS:
        return DEFAULT_SORT, False
    return key, sort.startswith("-")


def _value(row: RatingRow, key: str) -> object:
    if key == "body":
        return row.body.name.casefold()
    if key == "place":
        return row.place
    if key == "f":
        return row.f.f if row.f else Decimal(-1)
    return getattr(row.enrolment, key)


def sort_rows(rows: list[RatingRow], sort: str) -> tuple[list[RatingRow], str]:
    """Rows in the asked order (``place``, ``-final``, ``body``…); ties keep the order of places."""
    key, descending = _sort_key(sort)
    ordered = sorted(rows, key=lambda row: (_value(row, key), row.place), reverse=descending)
    return ordered, ("-" if descending else "") + key


def next_sort(key: str, current: str) -> str:
    """The sort a column's link asks for: the other direction if the table is sorted by it."""
    if current == key:
        return "-" + key
    if current == "-" + key:
        return key
    return key if key in ASCENDING_FIRST else "-" + key


@dataclass
class Ratings:
    year: int
    campaign: Campaign
    groups: dict[str, list[RatingRow]]
    sort: str


def ratings(*, year: int, search: str = "", sort: str = DEFAULT_SORT) -> Ratings | None:
    """The year's ratings, central and local bodies apart, each with its place among its whole group (a search
    narrows the rows, never the places); four queries whatever the number of bodies."""
    campaign = year_campaign(year)
    if campaign is None:
        return None
    f_values = f_of_year(year)
    needle = search.casefold().strip()
    groups: dict[str, list[RatingRow]] = {}
    chosen = DEFAULT_SORT
    for kind, ranked in campaign_ranking(campaign).items():
        rows = [RatingRow(row.place, row.enrolment, f_values.get(row.enrolment.body_id)) for row in ranked]
        if needle:
            rows = [
                row for row in rows if needle in row.body.name_kk.casefold() or needle in row.body.name_ru.casefold()
            ]
        groups[kind], chosen = sort_rows(rows, sort)
    return Ratings(year, campaign, groups, chosen)


# --- one body's year ---


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    clause: str
    treatment: str
    points_kk: Decimal | None
    points_ru: Decimal | None
    rule: str  # the engine's name of the indicator's rule in the reader's language
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class CriterionLine:
    number: int
    name: str
    penalty: bool
    weight: Decimal
    points_kk: Decimal
    points_ru: Decimal
    total: Decimal
    heading: str
    sentences: tuple[str, ...]
    indicators: tuple[IndicatorLine, ...]
    bar_y: int = 0
    bar_width: int = 0
    text_y: int = 0


@dataclass(frozen=True)
class TrendPoint:
    year: int
    final: Decimal | None
    f: FValue | None
    x: int = 0
    final_y: int | None = None
    f_y: int | None = None


@dataclass
class BodyYear:
    body: Body
    year: int
    enrolment: Enrolment
    criteria: list[CriterionLine]
    chart_height: int
    f: FValue | None
    trend: list[TrendPoint]
    trend_final_points: str
    trend_f_points: str
    ticks: list[tuple[int, int]]
    meetings: list[Meeting] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    conferences: list[Conference] = field(default_factory=list)

    @property
    def total(self) -> Decimal | None:
        return display_points(self.enrolment.total)

    @property
    def penalty(self) -> Decimal | None:
        return display_points(self.enrolment.penalty)

    @property
    def final(self) -> Decimal | None:
        return display_points(self.enrolment.final)


def published_enrolment(*, body_id: int, year: int) -> Enrolment:
    """The body's enrolment in the year's published campaign (``Enrolment.DoesNotExist`` otherwise)."""
    campaign = year_campaign(year)
    if campaign is None:
        raise Enrolment.DoesNotExist
    return (
        Enrolment.objects.filter(campaign=campaign, final__isnull=False)
        .select_related("body", "campaign__methodology")
        .get(body_id=body_id)
    )


def _criterion_lines(enrolment: Enrolment) -> list[CriterionLine]:
    """Each criterion with its points per language, the conclusion's analysis and its indicators (3 queries)."""
    run_id = enrolment.campaign.current_run_id
    criteria = list(CriterionPoints.objects.filter(enrolment=enrolment, run_id=run_id).order_by("number"))
    indicators = list(IndicatorPoints.objects.filter(enrolment=enrolment, run_id=run_id).order_by("criterion", "id"))
    evidence: dict[str, list[Evidence]] = {}
    for item in Evidence.objects.filter(enrolment=enrolment, kind__in=PUBLIC_EVIDENCE).exclude(url="").order_by("id"):
        evidence.setdefault(item.indicator, []).append(item)
    version = pinned_version(enrolment.campaign.methodology)
    score = stored_score(enrolment, criteria, indicators)
    analysis = conclusion_analysis(version, score, analysis_language())
    language = display_language()
    specs = {criterion.number: criterion for criterion in version.criteria}
    lines = []
    for index, (row, words) in enumerate(zip(criteria, analysis, strict=True)):
        spec = specs[row.number]
        indicator_lines = []
        for stored in (i for i in indicators if i.criterion == row.number):
            indicator = version.indicators.get(stored.indicator)
            rule: str
            if indicator is not None:
                names, clause, rule = indicator.names, indicator.clause, indicator.rule
            else:  # criterion 6's multiplier C
                names, clause, rule = spec.multiplier.names, spec.multiplier.clause, ""  # type: ignore[union-attr]
            indicator_lines.append(
                IndicatorLine(
                    name=_name(names),
                    clause=clause.render(language),
                    treatment=stored.treatment,
                    points_kk=display_points(stored.points_kk),
                    points_ru=display_points(stored.points_ru),
                    rule=RULE_NAME[rule][language] if rule in RULE_NAME else "",
                    evidence=tuple(evidence.get(stored.indicator, ())),
                )
            )
        weight = abs(row.weight)
        share = row.total / weight if weight else Decimal(0)
        span = CHART_WIDTH - CHART_LABEL - 110
        lines.append(
            CriterionLine(
                number=row.number,
                name=_name(spec.names),
                penalty=row.penalty,
                weight=weight,
                points_kk=display_points(row.points_kk),
                points_ru=display_points(row.points_ru),
                total=display_points(row.total),
                heading=words.heading,
                sentences=words.sentences,
                indicators=tuple(indicator_lines),
                bar_y=index * (CHART_BAR + CHART_GAP),
                bar_width=round(span * min(share, Decimal(1))),
                text_y=index * (CHART_BAR + CHART_GAP) + CHART_BAR // 2 + 5,
            )
        )
    return lines


def _trend(body: Body) -> tuple[list[TrendPoint], str, str, list[tuple[int, int]]]:
    """Final score and F per year of published results (two queries), with the line chart's geometry: both
    are on a scale of 0 to 100."""
    finals: dict[int, Decimal | None] = {}
    for year, final in (
        Enrolment.objects.filter(body=body, campaign__status=PUBLISHED)
        .order_by("campaign__period_end", "campaign_id")
        .values_list("campaign__period_end__year", "final")
    ):
        finals[year] = display_points(final)
    fs: dict[int, FValue] = {}
    for year, f, period_end in _published_f(FeedbackSubmission.objects.filter(body=body)).values_list(
        "evaluation__period_end__year", "f", "evaluation__period_end"
    ):
        if f is not None:
            fs[year] = f_value(f, period_end)
    years = sorted(set(finals) | set(fs))
    plot_height = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    step = (TREND_WIDTH - TREND_LEFT - 30) // max(len(years) - 1, 1)

    def y_of(value: Decimal | None) -> int | None:
        if value is None:
            return None
        return TREND_TOP + round(plot_height * (1 - min(max(value, Decimal(0)), Decimal(100)) / 100))

    points = []
    for index, year in enumerate(years):
        final, f_year = finals.get(year), fs.get(year)
        x = TREND_LEFT + 10 + index * step
        points.append(TrendPoint(year, final, f_year, x, y_of(final), y_of(f_year.shown if f_year else None)))
    final_line = " ".join(f"{p.x},{p.final_y}" for p in points if p.final_y is not None)
    f_line = " ".join(f"{p.x},{p.f_y}" for p in points if p.f_y is not None)
    ticks = [(value, y_of(Decimal(value)) or 0) for value in (0, 25, 50, 75, 100)]
    return points, final_line, f_line, ticks


def body_year(*, body_id: int, year: int) -> BodyYear:
    """One body's published result of a year with everything its public page shows (a fixed number of
    queries: the enrolment, its criteria, indicators and evidence, the trend, F, meetings, channels and
    conferences). ``Enrolment.DoesNotExist`` when the year has no published result for the body."""
    enrolment = published_enrolment(body_id=body_id, year=year)
    body = enrolment.body
    criteria = _criterion_lines(enrolment)
    trend, final_line, f_line, ticks = _trend(body)
    f = next((point.f for point in trend if point.year == year), None)
    return BodyYear(
        body=body,
        year=year,
        enrolment=enrolment,
        criteria=criteria,
        chart_height=len(criteria) * (CHART_BAR + CHART_GAP),
        f=f,
        trend=trend,
        trend_final_points=final_line,
        trend_f_points=f_line,
        ticks=ticks,
        meetings=list(
            Meeting.objects.filter(
                body=body, status__in=(Meeting.Status.RESULTS_PUBLISHED, Meeting.Status.CLOSED)
            ).order_by("-planned_start")[:20]
        ),
        channels=list(Channel.objects.filter(body=body).exclude(status=Channel.Status.REMOVED).order_by("number")),
        conferences=list(
            Conference.objects.filter(source__body=body).select_related("source").order_by("-source__period_end")[:20]
        ),
    )


# --- two bodies side by side ---


@dataclass(frozen=True)
class CompareRow:
    number: int | None
    name: str
    maximum: Decimal | None
    left: Decimal | None
    right: Decimal | None


def compare(*, year: int, left: Enrolment, right: Enrolment) -> list[CompareRow]:
    """Two bodies of one year criterion by criterion, then total, penalty and final (one query)."""
    version = pinned_version(left.campaign.methodology)
    names = {criterion.number: _name(criterion.names) for criterion in version.criteria}
    points: dict[tuple[int, int], CriterionPoints] = {}
    weights: dict[int, Decimal] = {}
    runs = {left.pk: left.campaign.current_run_id, right.pk: right.campaign.current_run_id}
    for row in CriterionPoints.objects.filter(enrolment__in=[left, right]).order_by("number"):
        if runs[row.enrolment_id] == row.run_id:
            points[(row.enrolment_id, row.number)] = row
            weights[row.number] = abs(row.weight)

    def criterion(enrolment: Enrolment, number: int) -> Decimal | None:
        row = points.get((enrolment.pk, number))
        return display_points(row.total) if row else None

    rows = [
        CompareRow(number, names[number], weights[number], criterion(left, number), criterion(right, number))
        for number in sorted(weights)
    ]
    summary = (
        (_("total by criteria"), "total"),
        (_("penalty deduction"), "penalty"),
        (_("final score with penalty"), "final"),
    )
    for label, attribute in summary:
        rows.append(
            CompareRow(
                None,
                str(label),
                None,
                display_points(getattr(left, attribute)),
                display_points(getattr(right, attribute)),
            )
        )
    return rows


def year_bodies(year: int) -> Sequence[Enrolment]:
    """The bodies with a published result in the year, by name, for the comparison's choice (one query)."""
    campaign = year_campaign(year)
    if campaign is None:
        return []
    return list(
        campaign.enrolments.filter(final__isnull=False)
        .select_related("body", "campaign__methodology")
        .order_by("body__name_ru")
    )


def enrolments_of(rows: Iterable[Enrolment], *ids: int) -> list[Enrolment | None]:
    by_body = {enrolment.body_id: enrolment for enrolment in rows}
    return [by_body.get(body_id) for body_id in ids]


CHART = {
    "width": CHART_WIDTH,
    "label": CHART_LABEL,
    "bar": CHART_BAR,
    "track": CHART_WIDTH - CHART_LABEL - 110,
    "value_x": CHART_WIDTH - 100,
    "trend_width": TREND_WIDTH,
    "trend_height": TREND_HEIGHT,
    "trend_left": TREND_LEFT,
    "trend_right": TREND_WIDTH - 10,
    "trend_axis_y": TREND_HEIGHT - TREND_BOTTOM,
    "trend_label_y": TREND_HEIGHT - 8,
}
