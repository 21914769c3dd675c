"""The portal's open data: every public dataset as a table with described fields (issue 13 item 5).

Each dataset is a queryset of public rows and a function turning one row into a dict of plain values (codes,
not translated labels; Kazakh and Russian names side by side). The same rows feed the CSV, JSON and XLSX
files, the Frictionless data package descriptor and the public API, so the three can never disagree.
Nothing restricted is selected (003 §7): no author, contact, address or moderator; texts of the public with
personal data replaced.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import decimal
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Model, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from ashyq.analysis.personal_data import redact
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.models import Campaign, CriterionPoints, Enrolment
from ashyq.evaluation.selectors import display_points
from ashyq.feedback.models import CHANNEL_OF_KIND, DISCUSSION_KINDS, Item, Source
from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.orgs.models import Body
from ashyq.portal import ratings
from ashyq.portal.models import Conference, PlanReport, Question
from ashyq.registry.models import Channel
from ashyq.reports.cells import safe_cell

Row = dict[str, Any]
CHUNK = 2000


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number, date, datetime, boolean
    description: Promise


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    objects: Callable[[], QuerySet[Any]]
    row: Callable[[Any], Row]
    sources: tuple[type[Model], ...]  # the tables whose changes change the dataset

    def rows(self) -> Iterator[Row]:
        """Every row, read in chunks so that memory stays bounded however large the table."""
        for obj in self.objects().iterator(chunk_size=CHUNK):
            yield self.row(obj)

    def of_body(self, body_id: int) -> Dataset:
        """The same dataset narrowed to one state body's rows (the body's page offers it as CSV)."""
        objects = self.objects
        return dataclasses.replace(self, objects=lambda: objects().filter(body_id=body_id))

    def last_modified(self) -> datetime.datetime | None:
        """When any row of the dataset's tables last changed (the API's Last-Modified, the dataset page)."""
        stamps = [model._default_manager.aggregate(last=Max("updated_at"))["last"] for model in self.sources]
        return max((stamp for stamp in stamps if stamp is not None), default=None)


def _pii_free(text: str) -> str:
    """Personal data replaced; an empty text or one without a digit or an "@" holds none (no regex run)."""
    if not text or ("@" not in text and not any(character.isdigit() for character in text)):
        return text
    return redact(text, language="ru")


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value else None


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


# --- the datasets ---


def _channels() -> QuerySet[Channel]:
    return Channel.objects.select_related("body").order_by("number")


def _channel_row(channel: Channel) -> Row:
    return {
        "number": channel.number,
        "name_kk": channel.name_kk,
        "name_ru": channel.name_ru,
        "body_kk": channel.body.name_kk,
        "body_ru": channel.body.name_ru,
        "coverage": channel.coverage,
        "interaction_format": channel.interaction_format,
        "status": channel.status,
        "entered_on": channel.entered_on,
        "removed_on": channel.removed_on,
    }


PUBLISHED_MEETINGS = (Meeting.Status.RESULTS_PUBLISHED, Meeting.Status.CLOSED)


def _action_plans() -> QuerySet[ProblemIssue]:
    return (
        ProblemIssue.objects.filter(meeting__status__in=PUBLISHED_MEETINGS)
        .select_related("meeting__body")
        .order_by("meeting_id", "id")
    )


def _issue_row(issue: ProblemIssue) -> Row:
    meeting = issue.meeting
    return {
        "meeting_id": meeting.pk,
        "body_kk": meeting.body.name_kk,
        "body_ru": meeting.body.name_ru,
        "meeting_date": timezone.localdate(meeting.actual_start or meeting.planned_start),
        "topic_kk": meeting.topic_kk,
        "topic_ru": meeting.topic_ru,
        "issue_id": issue.pk,
        "issue_kk": _pii_free(issue.text_kk),
        "issue_ru": _pii_free(issue.text_ru),
        "rating": issue.rating,
        "action_kk": _pii_free(issue.action_kk),
        "action_ru": _pii_free(issue.action_ru),
        "deadline": issue.deadline,
        "executor_kk": issue.executor_kk,
        "executor_ru": issue.executor_ru,
        "status": issue.status,
        "resolved_on": issue.resolved_on,
    }


def _conferences() -> QuerySet[Conference]:
    public = Q(questions__status__in=Question.PUBLIC_STATUSES)
    return (
        Conference.objects.select_related("source__body")
        .annotate(
            published=Count("questions", filter=public),
            answered=Count("questions", filter=Q(questions__status=Question.Status.ANSWERED)),
        )
        .order_by("id")
    )


def _conference_row(conference: Any) -> Row:
    source = conference.source
    return {
        "conference_id": conference.pk,
        "body_kk": source.body.name_kk,
        "body_ru": source.body.name_ru,
        "topic_kk": source.title_kk,
        "topic_ru": source.title_ru,
        "opens_on": source.period_start,
        "held_on": source.period_end,
        "periodicity": conference.periodicity,
        "questions_published": conference.published,
        "questions_answered": conference.answered,
        "page": reverse("portal:conference", kwargs={"pk": conference.pk}),
    }


def _questions() -> QuerySet[Question]:
    return (
        Question.objects.filter(status__in=Question.PUBLIC_STATUSES)
        .only("id", "conference_id", "status", "public_text", "answer", "moderated_at", "answered_at", "updated_at")
        .order_by("id")
    )


def _question_row(question: Question) -> Row:
    return {
        "question_id": question.pk,
        "conference_id": question.conference_id,
        "status": question.status,
        "question": question.public_text,
        "answer": question.answer,
        "published_at": _moment(question.moderated_at),
        "answered_at": _moment(question.answered_at),
    }


def _reports() -> QuerySet[PlanReport]:
    return PlanReport.objects.select_related("body__parent").order_by("-year", "body__name_ru", "id")


def _report_row(report: PlanReport) -> Row:
    parent = report.body.parent
    return {
        "year": report.year,
        "body_kk": report.body.name_kk,
        "body_ru": report.body.name_ru,
        "body_kind": report.body.kind,
        "oblast_ru": parent.name_ru if parent else "",
        "due_on": report.due_on,
        "published_on": _day(report.published_at),
        "on_time": report.on_time,
        "file": reverse("portal:report_download", kwargs={"pk": report.pk}),
    }


def _drafts() -> QuerySet[Source]:
    remarks = Q(items__kind="remark")
    return (
        Source.objects.filter(kind__in=DISCUSSION_KINDS)
        .select_related("body")
        .annotate(
            remarks_total=Count("items", filter=remarks),
            remarks_accepted=Count("items", filter=remarks & Q(items__status="accepted")),
            remarks_rejected=Count("items", filter=remarks & Q(items__status="rejected")),
            comments_total=Count("items", filter=Q(items__kind="comment")),
            comments_answered=Count("items", filter=Q(items__kind="comment", items__status="answered")),
        )
        .order_by("id")
    )


def _draft_row(source: Any) -> Row:
    return {
        "draft_id": source.pk,
        "kind": source.kind,
        "title_kk": source.title_kk,
        "title_ru": source.title_ru,
        "body_kk": source.body.name_kk,
        "body_ru": source.body.name_ru,
        "period_start": source.period_start,
        "period_end": source.period_end,
        "portal_url": source.url,
        "remarks_total": source.remarks_total,
        "remarks_accepted": source.remarks_accepted,
        "remarks_rejected": source.remarks_rejected,
        "comments_total": source.comments_total,
        "comments_answered": source.comments_answered,
    }


# The channels of the drafts' discussions (000 §3 p.1–2): an item carries its source's channel, so the rows are
# selected without joining the sources (the API's pages over millions of items).
DISCUSSION_CHANNELS = sorted({CHANNEL_OF_KIND[kind] for kind in DISCUSSION_KINDS})


def _remarks() -> QuerySet[Item, Any]:
    """Plain values, not model instances: this table has millions of rows."""
    return (
        Item.objects.filter(channel__in=DISCUSSION_CHANNELS)
        .values("id", "source_id", "kind", "status", "text", "clause", "reference", "rejection_reason")
        .order_by("id")
    )


def _remark_row(item: dict[str, Any]) -> Row:
    return {
        "item_id": item["id"],
        "draft_id": item["source_id"],
        "kind": item["kind"],
        "status": item["status"],
        "text": _pii_free(item["text"]),
        "clause": _pii_free(item["clause"]),
        "reference": _pii_free(item["reference"]),
        "rejection_reason": _pii_free(item["rejection_reason"]),
    }


# Seven criteria of 002 Annex 7; the seventh is the penalty for subordinate organisations.
CRITERIA = range(1, 8)


def _results() -> QuerySet[Enrolment]:
    """Published results only: campaigns whose final conclusion went to the Agency (002 §118–119)."""
    return (
        Enrolment.objects.filter(campaign__status=Campaign.Status.SENT, final__isnull=False)
        .select_related("body", "campaign")
        .prefetch_related(Prefetch("criteria", queryset=CriterionPoints.objects.order_by("number")))
        .order_by("-campaign__period_end", "campaign_id", "kind", "-final", "body__name_ru", "id")
    )


def _result_row(enrolment: Enrolment) -> Row:
    run_id = enrolment.campaign.current_run_id
    points = {row.number: row.total for row in enrolment.criteria.all() if row.run_id == run_id}
    return {
        "year": enrolment.campaign.period_end.year,
        "body_kk": enrolment.body.name_kk,
        "body_ru": enrolment.body.name_ru,
        "group": enrolment.kind,
        **{f"criterion_{number}": display_points(points.get(number)) for number in CRITERIA},
        "total": display_points(enrolment.total),
        "penalty": display_points(enrolment.penalty),
        "final": display_points(enrolment.final),
    }


def _feedback() -> QuerySet[FeedbackSubmission]:
    return (
        FeedbackSubmission.objects.filter(evaluation__status=FeedbackEvaluation.Status.PUBLISHED, f__isnull=False)
        .select_related("body", "evaluation")
        .order_by("-evaluation__period_end", "evaluation_id", "body__name_ru", "id")
    )


def _feedback_row(submission: FeedbackSubmission) -> Row:
    value = ratings.f_value(submission.f, submission.evaluation.period_end)  # type: ignore[arg-type]
    return {
        "year": submission.evaluation.period_end.year,
        "body_kk": submission.body.name_kk,
        "body_ru": submission.body.name_ru,
        "f": value.shown,
        "band": value.band,
    }


def _criterion_points(number: int) -> Promise:
    return lazy(lambda: _("points by criterion %(number)s") % {"number": number}, str)()  # type: ignore[return-value]


def _f(name: str, type_: str, description: Promise) -> Field:
    return Field(name, type_, description)


BODY = (_f("body_kk", "string", _("state body (Kazakh)")), _f("body_ru", "string", _("state body (Russian)")))

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "openness-results",
        _("Openness ratings of state bodies"),
        _(
            "Final results of the operational assessment of openness sent to the Agency for civil service affairs "
            "(002 §118–119): points per criterion, total, penalty and final score, rounded half-up to 0.01."
        ),
        (
            _f("year", "integer", _("year assessed")),
            *BODY,
            _f("group", "string", _("central (central state bodies) or local (local executive bodies)")),
            *(_f(f"criterion_{n}", "number", _criterion_points(n)) for n in CRITERIA),
            _f("total", "number", _("total by criteria")),
            _f("penalty", "number", _("penalty deduction")),
            _f("final", "number", _("final score with penalty")),
        ),
        _results,
        _result_row,
        (Enrolment, Campaign, Body),
    ),
    Dataset(
        "feedback-indicator",
        _("Feedback indicator F of state bodies"),
        _("The feedback indicator F of each state body as published by the authorized body (000 §22–23)."),
        (
            _f("year", "integer", _("year evaluated")),
            *BODY,
            _f("f", "number", _("feedback indicator F, %, as displayed")),
            _f("band", "string", _("band of the scale (000 §23)")),
        ),
        _feedback,
        _feedback_row,
        (FeedbackSubmission, FeedbackEvaluation, Body),
    ),
    Dataset(
        "channels",
        _("Registry of communication channels"),
        _("State bodies' communication channels with the population accredited by the authorized body (004 Annex 2)."),
        (
            _f("number", "integer", _("number in the registry")),
            _f("name_kk", "string", _("channel name (Kazakh)")),
            _f("name_ru", "string", _("channel name (Russian)")),
            *BODY,
            _f("coverage", "string", _("coverage: republican or regional")),
            _f("interaction_format", "string", _("format of interaction: online, offline or hybrid")),
            _f("status", "string", _("active, changed or removed")),
            _f("entered_on", "date", _("date entered in the registry")),
            _f("removed_on", "date", _("date removed from the registry")),
        ),
        _channels,
        _channel_row,
        (Channel, Body),
    ),
    Dataset(
        "action-plans",
        _("Action plans of meetings with the population"),
        _("Problem issues raised at meetings with the population and the plan to resolve them (001 p.3.7)."),
        (
            _f("meeting_id", "integer", _("meeting number")),
            *BODY,
            _f("meeting_date", "date", _("date of the meeting")),
            _f("topic_kk", "string", _("topic (Kazakh)")),
            _f("topic_ru", "string", _("topic (Russian)")),
            _f("issue_id", "integer", _("problem issue number")),
            _f("issue_kk", "string", _("problem issue (Kazakh)")),
            _f("issue_ru", "string", _("problem issue (Russian)")),
            _f("rating", "string", _("personal or systemic")),
            _f("action_kk", "string", _("action to resolve it (Kazakh)")),
            _f("action_ru", "string", _("action to resolve it (Russian)")),
            _f("deadline", "date", _("deadline for resolving it")),
            _f("executor_kk", "string", _("responsible executor (Kazakh)")),
            _f("executor_ru", "string", _("responsible executor (Russian)")),
            _f("status", "string", _("open (being resolved) or resolved")),
            _f("resolved_on", "date", _("resolved on")),
        ),
        _action_plans,
        _issue_row,
        (ProblemIssue, Meeting, Body),
    ),
    Dataset(
        "conferences",
        _("Internet conferences"),
        _("Internet conferences of state bodies on the portal (003 §8)."),
        (
            _f("conference_id", "integer", _("conference number")),
            *BODY,
            _f("topic_kk", "string", _("topic (Kazakh)")),
            _f("topic_ru", "string", _("topic (Russian)")),
            _f("opens_on", "date", _("questions are taken from")),
            _f("held_on", "date", _("date of the conference")),
            _f("periodicity", "string", _("once, monthly, quarterly, half_yearly or yearly")),
            _f("questions_published", "integer", _("questions published")),
            _f("questions_answered", "integer", _("questions answered")),
            _f("page", "string", _("the conference's page on this site")),
        ),
        _conferences,
        _conference_row,
        (Conference, Question, Source, Body),
    ),
    Dataset(
        "conference-questions",
        _("Questions and answers of internet conferences"),
        _("Published questions, as moderated, without personal data, and the bodies' answers (003 §8)."),
        (
            _f("question_id", "integer", _("question number")),
            _f("conference_id", "integer", _("conference number")),
            _f("status", "string", _("published or answered")),
            _f("question", "string", _("the question as published")),
            _f("answer", "string", _("the answer")),
            _f("published_at", "datetime", _("published at")),
            _f("answered_at", "datetime", _("answered at")),
        ),
        _questions,
        _question_row,
        (Question,),
    ),
    Dataset(
        "plan-reports",
        _("Reports on strategic plans and development programmes"),
        _("Reports published by state bodies on achieving the target indicators, with their due dates (003 §4–6)."),
        (
            _f("year", "integer", _("reporting year")),
            *BODY,
            _f("body_kind", "string", _("kind of state body")),
            _f("oblast_ru", "string", _("oblast of a district or a city of oblast significance")),
            _f("due_on", "date", _("due date")),
            _f("published_on", "date", _("published on")),
            _f("on_time", "boolean", _("published by the due date")),
            _f("file", "string", _("the report (PDF) on this site")),
        ),
        _reports,
        _report_row,
        (PlanReport, Body),
    ),
    Dataset(
        "drafts",
        _("Drafts under public discussion"),
        _("Drafts of legal acts and budget programmes under discussion, with their counts (000 §5–7, §10–11)."),
        (
            _f("draft_id", "integer", _("draft number")),
            _f("kind", "string", _("draft_npa, draft_budget_programme or budget_programme_report")),
            _f("title_kk", "string", _("title (Kazakh)")),
            _f("title_ru", "string", _("title (Russian)")),
            *BODY,
            _f("period_start", "date", _("discussion period: start")),
            _f("period_end", "date", _("discussion period: end")),
            _f("portal_url", "string", _("link on the portal")),
            _f("remarks_total", "integer", _("remarks and proposals received")),
            _f("remarks_accepted", "integer", _("remarks and proposals accepted")),
            _f("remarks_rejected", "integer", _("remarks and proposals rejected")),
            _f("comments_total", "integer", _("comments received")),
            _f("comments_answered", "integer", _("comments answered")),
        ),
        _drafts,
        _draft_row,
        (Source, Item, Body),
    ),
    Dataset(
        "draft-remarks",
        _("Outcomes of remarks on drafts"),
        _("Every remark and comment on a draft with its outcome; no author, no personal data (000 §7, §11)."),
        (
            _f("item_id", "integer", _("remark number")),
            _f("draft_id", "integer", _("draft number")),
            _f("kind", "string", _("remark (a remark or proposal) or comment")),
            _f("status", "string", _("received, accepted, rejected, unanswered or answered")),
            _f("text", "string", _("text")),
            _f("clause", "string", _("clause of the draft it refers to")),
            _f("reference", "string", _("where an accepted remark was taken into account")),
            _f("rejection_reason", "string", _("reason for rejection")),
        ),
        _remarks,
        _remark_row,
        (Item,),
    ),
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
RESULTS = BY_NAME["openness-results"]


# --- files ---


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def csv_chunks(dataset: Dataset) -> Iterator[str]:
    """The CSV (UTF-8, no byte-order mark, RFC 4180), a chunk of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([field.name for field in dataset.fields])
    for count, row in enumerate(dataset.rows(), start=1):
        writer.writerow([safe_cell(_text(row[field.name])) for field in dataset.fields])
        if count % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)  # a figure rounded to 0.01 or F's decimals: the float prints it back exactly
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def json_chunks(dataset: Dataset) -> Iterator[str]:
    """A JSON array of objects, one object per row, written as it is read."""
    yield "["
    for count, row in enumerate(dataset.rows()):
        yield ("," if count else "") + json.dumps(
            {key: json_value(value) for key, value in row.items()}, ensure_ascii=False
        )
    yield "]"


def xlsx_file(dataset: Dataset) -> tempfile.SpooledTemporaryFile[bytes]:
    """The XLSX workbook written row by row (openpyxl's write-only mode) to a spooled temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=dataset.name[:31])
    sheet.append([field.name for field in dataset.fields])
    for row in dataset.rows():
        sheet.append([None if row[field.name] is None else safe_cell(row[field.name]) for field in dataset.fields])
    output: tempfile.SpooledTemporaryFile[bytes] = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 — handed to the response, which closes it
    workbook.save(output)
    output.seek(0)
    return output


def descriptor(datasets: Iterable[Dataset] = DATASETS) -> dict[str, Any]:
    """The Frictionless data package descriptor: every dataset as a CSV resource with its table schema."""
    return {
        "name": "ashyq-open-data",
        "title": str(_("Open data of the efficiency evaluation portal")),
        "licenses": [settings.ASHYQ_OPEN_DATA_LICENCE],
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": [
            {
                "name": dataset.name,
                "path": f"{dataset.name}.csv",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": field.name, "type": field.type, "description": str(field.description)}
                        for field in dataset.fields
                    ]
                },
            }
            for dataset in datasets
        ],
    }
