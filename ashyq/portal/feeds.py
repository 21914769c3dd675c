"""The Atom feed of new publications on the portal: reports, conferences and their answers, registry entries,
meetings' results and drafts put up for discussion (issue 13 item 5)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ashyq.core.i18n import in_language
from ashyq.evaluation.feedback_models import FeedbackEvaluation
from ashyq.evaluation.models import Campaign
from ashyq.feedback.models import DISCUSSION_KINDS, Source
from ashyq.meetings.models import Meeting
from ashyq.portal.models import Conference, PlanReport, Question
from ashyq.registry.models import Channel

FEED_SIZE = 50


@dataclass(frozen=True)
class Publication:
    key: str
    title: str
    link: str
    published: datetime.datetime
    body: str


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _reports() -> list[Publication]:
    reports = PlanReport.objects.select_related("body").order_by("-published_at")[:FEED_SIZE]
    return [
        Publication(
            f"report-{report.pk}",
            _("Report for %(year)s: %(body)s") % {"year": report.year, "body": report.body.name},
            reverse("portal:report_download", kwargs={"pk": report.pk}),
            report.replaced_at or report.published_at,
            report.body.name,
        )
        for report in reports
    ]


def _conferences() -> list[Publication]:
    conferences = Conference.objects.select_related("source__body").order_by("-created_at")[:FEED_SIZE]
    return [
        Publication(
            f"conference-{conference.pk}",
            _("Internet conference: %(topic)s") % {"topic": conference.topic},
            reverse("portal:conference", kwargs={"pk": conference.pk}),
            conference.created_at,
            conference.source.body.name,
        )
        for conference in conferences
    ]


def _answers() -> list[Publication]:
    answered = (
        Question.objects.filter(status=Question.Status.ANSWERED)
        .select_related("conference__source__body")
        .order_by("-answered_at")[:FEED_SIZE]
    )
    return [
        Publication(
            f"answer-{question.pk}",
            _("Answer at the internet conference: %(topic)s") % {"topic": question.conference.topic},
            reverse("portal:conference", kwargs={"pk": question.conference_id}) + f"#question-{question.pk}",
            question.answered_at or question.updated_at,
            question.conference.source.body.name,
        )
        for question in answered
    ]


def _channels() -> list[Publication]:
    channels = Channel.objects.select_related("body").order_by("-entered_on", "-number")[:FEED_SIZE]
    return [
        Publication(
            f"channel-{channel.number}",
            _("Entered in the registry: %(name)s") % {"name": channel.name},
            reverse("registry:channel_detail", kwargs={"number": channel.number}),
            _midnight(channel.entered_on),
            channel.body.name,
        )
        for channel in channels
    ]


def _meetings() -> list[Publication]:
    meetings = (
        Meeting.objects.filter(results_published_on__isnull=False, status__in=Meeting.PUBLIC_STATUSES)
        .select_related("body")
        .order_by("-results_published_on")[:FEED_SIZE]
    )
    return [
        Publication(
            f"meeting-{meeting.pk}",
            _("Results and action plan of the meeting: %(topic)s") % {"topic": meeting.topic},
            reverse("meetings:meeting", kwargs={"pk": meeting.pk}),
            _midnight(meeting.results_published_on),
            meeting.body.name,
        )
        for meeting in meetings
        if meeting.results_published_on is not None
    ]


def _drafts() -> list[Publication]:
    sources = Source.objects.filter(kind__in=DISCUSSION_KINDS).select_related("body").order_by("-created_at")
    return [
        Publication(
            f"draft-{source.pk}",
            _("Put up for discussion: %(title)s") % {"title": in_language(source.title_kk, source.title_ru)},
            reverse("portal:draft", kwargs={"pk": source.pk}),
            source.created_at,
            source.body.name,
        )
        for source in sources[:FEED_SIZE]
    ]


def _ratings() -> list[Publication]:
    """A year's openness results, published when the final conclusion went to the Agency (002 §118–119)."""
    sent = Campaign.objects.filter(status=Campaign.Status.SENT).order_by("-updated_at")[:FEED_SIZE]
    return [
        Publication(
            f"ratings-{campaign.pk}",
            _("Openness ratings of state bodies for %(year)s") % {"year": campaign.period_end.year},
            reverse("portal:ratings") + f"?year={campaign.period_end.year}",
            campaign.updated_at,
            campaign.name,
        )
        for campaign in sent
    ]


def _feedback_results() -> list[Publication]:
    published = FeedbackEvaluation.objects.filter(
        status=FeedbackEvaluation.Status.PUBLISHED, published_at__isnull=False
    ).order_by("-published_at")[:FEED_SIZE]
    return [
        Publication(
            f"feedback-{evaluation.pk}",
            _("Feedback indicator F of state bodies for %(year)s") % {"year": evaluation.period_end.year},
            reverse("portal:ratings") + f"?year={evaluation.period_end.year}",
            evaluation.published_at,
            evaluation.name,
        )
        for evaluation in published
        if evaluation.published_at is not None
    ]


def latest_publications() -> list[Publication]:
    """The newest publications of every kind, newest first (eight queries, whatever the tables' sizes)."""
    every = [
        *_reports(),
        *_conferences(),
        *_answers(),
        *_channels(),
        *_meetings(),
        *_drafts(),
        *_ratings(),
        *_feedback_results(),
    ]
    return list(islice(sorted(every, key=lambda item: item.published, reverse=True), FEED_SIZE))


class PublicationsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = gettext_lazy("Ashyq: new publications")
    subtitle = gettext_lazy(
        "Reports, internet conferences, registry entries, meetings' results, drafts and openness ratings."
    )

    def link(self) -> str:
        return reverse("portal:index")

    def items(self) -> list[Publication]:
        return latest_publications()

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.body

    def item_link(self, item: Publication) -> str:
        return item.link

    def item_guid(self, item: Publication) -> str:
        return item.key

    def item_guid_is_permalink(self, item: Publication) -> bool:
        return False

    def item_pubdate(self, item: Publication) -> datetime.datetime:
        return item.published

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        return None
