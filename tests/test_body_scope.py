"""Every body-scoped page and API operation, as another body's officer and as the public (issue 16 item 3;
ARCHITECTURE "body scope"): the answer is 404 or 403 (the public is sent to log in), nothing of body A's data
is in it, and nothing of body A's data changed.

Each target is body A's own object, marked with ``SECRET`` text so that a leak shows in the answer. A new
body-scoped URL or API operation is added to ``TARGETS``; ``test_every_body_scoped_route_is_listed`` fails
until it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ashyq.core.models import AuditEvent
from ashyq.evaluation.feedback_models import FeedbackSubmission
from ashyq.evaluation.models import Enrolment, ReportFact, ReportImport
from ashyq.evaluation.services.campaigns import campaign_create, campaign_enrol, campaign_open
from ashyq.evaluation.services.feedback_evaluations import (
    feedback_evaluation_create,
    feedback_evaluation_enrol,
    feedback_evaluation_request,
    feedback_submission_link_add,
)
from ashyq.feedback.models import ImportJob, Item, ItemKind, Project, QuarterlyAnalysis, Recommendation
from ashyq.meetings.models import Meeting
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import DATA_DIR, read_version_file
from ashyq.registry.models import ChannelApplication
from ashyq.registry.services.applications import channel_application_create
from ashyq.reports.models import DocumentJob
from tests.feedback.factories import ItemFactory, SourceFactory
from tests.meetings.factories import MeetingFactory
from tests.registry.factories import annex1, pdf_upload

pytestmark = pytest.mark.django_db

SECRET = "SECRET-OF-BODY-A"
OPENNESS_FILE = DATA_DIR / "openness-2025-36070.toml"
FEEDBACK_FILE = DATA_DIR / "feedback-2024-33916.toml"


@dataclass
class World:
    """Body A's objects, one of each kind a body-scoped route serves."""

    item: Item
    comment: Item
    job: ImportJob
    analysis: QuarterlyAnalysis
    recommendation: Recommendation
    project: Project
    meeting: Meeting
    application: ChannelApplication
    enrolment: Enrolment
    submission: FeedbackSubmission
    report_import: ReportImport
    document: DocumentJob

    @property
    def source(self) -> Any:
        return self.item.source


@pytest.fixture
def world(body_a, officer_a, authorized_body, analyst) -> World:
    source = SourceFactory(body=body_a, title_ru=f"{SECRET} source", title_kk=f"{SECRET} source")
    job = ImportJob(source=source, format="template", file_name=f"{SECRET}.csv", created_by=officer_a, status="stopped")
    job.file.save("scope.csv", ContentFile(b"external_id,kind,text,received_at\n"), save=False)
    job.save()
    analysis = QuarterlyAnalysis.objects.create(body=body_a, year=2026, quarter=3, findings=SECRET)
    application = channel_application_create(
        body=body_a,
        data=annex1(name_ru=f"{SECRET} канал", name_kk=f"{SECRET} арна"),
        uploads=[pdf_upload()],
        actor=officer_a,
    )
    methodology = methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version
    campaign = campaign_create(
        name=f"{SECRET} campaign",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        methodology=methodology,
        report_due=datetime.date(2026, 2, 2),
        actor=analyst,
    )
    (enrolment,) = campaign_enrol(campaign=campaign, bodies=[body_a], actor=analyst)
    campaign_open(campaign=campaign, actor=analyst)
    methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None)
    evaluation = feedback_evaluation_create(
        name=f"{SECRET} F",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        due_on=datetime.date(2026, 2, 2),
        actor=analyst,
    )
    (submission,) = feedback_evaluation_enrol(evaluation=evaluation, bodies=[body_a], actor=analyst)
    feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    submission = feedback_submission_link_add(
        submission=submission,
        part="materials",
        title=SECRET,
        url="https://example.kz/secret",
        day=None,
        actor=officer_a,
    )
    report_import = ReportImport(
        enrolment=enrolment, table="1", file_name=f"{SECRET}.xlsx", language="ru", created_by=officer_a, status="failed"
    )
    report_import.file.save("scope.xlsx", ContentFile(b"PK"), save=False)
    report_import.save()
    document = DocumentJob(
        kind="ashyq.feedback.documents.DRAFT_REPORT",
        params={"source": source.pk},
        file_format="xlsx",
        language="ru",
        title=f"{SECRET} report",
        body=body_a,
        created_by=officer_a,
        status=DocumentJob.Status.DONE,
        file_name="report.xlsx",
    )
    document.file.save("report.xlsx", ContentFile(SECRET.encode()), save=False)
    document.save()
    return World(
        document=document,
        enrolment=enrolment,
        submission=submission,
        report_import=report_import,
        item=ItemFactory(source=source, text=SECRET),
        comment=ItemFactory(source=source, kind=ItemKind.COMMENT, text=SECRET),
        job=job,
        analysis=analysis,
        recommendation=Recommendation.objects.create(analysis=analysis, kind="organisational", text=SECRET, unit="x"),
        project=Project.objects.create(body=body_a, title_kk=SECRET, title_ru=SECRET, start_year=2026, end_year=2026),
        meeting=MeetingFactory(body=body_a, topic_ru=SECRET, topic_kk=SECRET, status=Meeting.Status.PROPOSED),
        application=application,
    )


@dataclass(frozen=True)
class Target:
    """One route: its name, its arguments from body A's world, the method and the body posted."""

    name: str
    kwargs: Callable[[World], dict[str, Any]]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    api: bool = False


# Valid API bodies, so that only the body scope can refuse (a 422 would hide a missing scope check).
HOLD = {"actual_start": "2026-03-12T11:00:00+05:00", "actual_report_minutes": 30, "events_ended_on": "2026-03-12"}
REQUESTS = {"channel": "phone", "received": 3, "summary": "x"}
ISSUE = {"source": "meeting", "rating": "resolved", "text_kk": "x", "text_ru": "x"}
PUBLISH = {"published_on": "2026-03-20", "url_kk": "https://example.kz/kk", "url_ru": "https://example.kz/ru"}
DOCUMENT_REQUEST = {"indicator": "t1.1", "language": "kk", "text": "x", "due_on": "2031-01-01"}
PROGRESS = {**PUBLISH, "year": 2026, "quarter": 2, "entries": []}


def _year(world: World) -> dict[str, Any]:
    return {"body_pk": world.meeting.body_id, "year": 2026}


TARGETS = [
    # feedback pages
    Target("feedback:item_detail", lambda w: {"pk": w.item.pk}),
    Target(
        "feedback:item_action", lambda w: {"pk": w.item.pk, "action": "accept"}, "post", lambda w: {"reference": "x"}
    ),
    Target("feedback:source_detail", lambda w: {"pk": w.source.pk}),
    Target("feedback:import_create", lambda w: {"pk": w.source.pk}, "post"),
    Target("feedback:source_report", lambda w: {"pk": w.source.pk, "language": "ru", "extension": "pdf"}),
    Target("feedback:source_action", lambda w: {"pk": w.source.pk, "action": "publish-notice"}, "post"),
    Target("feedback:import_detail", lambda w: {"pk": w.job.pk}),
    Target("feedback:import_start_again", lambda w: {"pk": w.job.pk}, "post"),
    Target("feedback:body_summary", lambda w: {"body_id": w.source.body_id}),
    Target("feedback:analysis_action", lambda w: {"pk": w.analysis.pk, "action": "submit"}, "post"),
    Target("feedback:recommendation_done", lambda w: {"pk": w.recommendation.pk}, "post", lambda w: {"note": "x"}),
    Target("feedback:publication_add", lambda w: {"pk": w.project.pk}, "post"),
    # documents made in the background
    Target("reports:job_detail", lambda w: {"pk": w.document.pk}),
    Target("reports:job_download", lambda w: {"pk": w.document.pk}),
    # registry pages
    Target("registry:application_detail", lambda w: {"pk": w.application.pk}),
    Target("registry:application_edit", lambda w: {"pk": w.application.pk}),
    Target("registry:application_submit", lambda w: {"pk": w.application.pk}, "post"),
    Target("registry:application_document", lambda w: {"pk": w.application.pk, "fmt": "pdf"}),
    Target("registry:attachment_download", lambda w: {"pk": w.application.attachments.get().pk}),
    Target("registry:attachment_remove", lambda w: {"pk": w.application.attachments.get().pk}, "post"),
    # meetings pages
    Target("meetings:manage_meeting", lambda w: {"pk": w.meeting.pk}),
    Target("meetings:prepare", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:add_requests", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:hold", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:add_issue", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:publish", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:report_progress", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:close", lambda w: {"pk": w.meeting.pk}, "post"),
    Target("meetings:evidence", _year),
    Target("meetings:evidence_export", lambda w: {**_year(w), "fmt": "xlsx"}),
    # openness campaigns: the body's own report (issue 14)
    Target("evaluation:enrolment", lambda w: {"pk": w.enrolment.pk}),
    Target("evaluation:table", lambda w: {"pk": w.enrolment.pk, "table": "1"}),
    Target("evaluation:submit", lambda w: {"pk": w.enrolment.pk}, "post"),
    Target("evaluation:sign_off", lambda w: {"pk": w.enrolment.pk}, "post"),
    Target("evaluation:prefill", lambda w: {"pk": w.enrolment.pk}, "post"),
    Target(
        "evaluation:value",
        lambda w: {"pk": w.enrolment.pk, "indicator": "t1.1", "language": "kk"},
        "post",
        lambda w: {"attainment": "1"},
    ),
    Target("evaluation:evidence_new", lambda w: {"pk": w.enrolment.pk, "indicator": "t1.1"}, "post"),
    Target("evaluation:table_template", lambda w: {"pk": w.enrolment.pk, "table": "1"}),
    Target("evaluation:table_upload", lambda w: {"pk": w.enrolment.pk, "table": "1"}),
    Target("evaluation:table_upload", lambda w: {"pk": w.enrolment.pk, "table": "1"}, "post"),
    Target("evaluation:report_import", lambda w: {"pk": w.report_import.pk}),
    Target("api:report", lambda w: {"pk": w.enrolment.pk}, api=True),
    # the evaluation of feedback: the body's submission (000 §20; issue 14 item 10)
    Target("evaluation:feedback_submission", lambda w: {"pk": w.submission.pk}),
    Target(
        "evaluation:feedback_submission",
        lambda w: {"pk": w.submission.pk},
        "post",
        lambda w: {"remarks_received": "9", "remarks_accepted": "0", "remarks_rejected": "0"},
    ),
    Target("evaluation:feedback_prefill", lambda w: {"pk": w.submission.pk}, "post"),
    Target("evaluation:feedback_submit", lambda w: {"pk": w.submission.pk}, "post"),
    Target(
        "evaluation:feedback_link_add",
        lambda w: {"pk": w.submission.pk},
        "post",
        lambda w: {"part": "materials", "title": "x", "url": "https://example.kz/x"},
    ),
    Target(
        "evaluation:feedback_link_remove",
        lambda w: {"pk": w.submission.pk, "part": "materials", "index": 0},
        "post",
    ),
    Target("api:feedback_evaluation_submissions", lambda w: {"pk": w.submission.evaluation_id}, api=True),
    Target("api:feedback_submission_send", lambda w: {"pk": w.submission.pk}, "post", api=True),
    Target("api:submit", lambda w: {"pk": w.enrolment.pk}, "post", api=True),
    Target("api:sign_off", lambda w: {"pk": w.enrolment.pk}, "post", api=True),
    Target("api:requests", lambda w: {"pk": w.enrolment.pk}, api=True),
    Target("api:request_new", lambda w: {"pk": w.enrolment.pk}, "post", lambda w: DOCUMENT_REQUEST, api=True),
    Target("api:conclusion", lambda w: {"pk": w.enrolment.pk}, api=True),
    # the API
    Target("api:get_item", lambda w: {"item_id": w.item.pk}, api=True),
    Target("api:accept_item", lambda w: {"item_id": w.item.pk}, "post", lambda w: {"reference": "x"}, api=True),
    Target("api:reject_item", lambda w: {"item_id": w.item.pk}, "post", lambda w: {"reason": "x"}, api=True),
    Target(
        "api:answer_item",
        lambda w: {"item_id": w.comment.pk},
        "post",
        lambda w: {"answer": "x", "answered_on": "2026-09-06"},
        api=True,
    ),
    Target("api:reclassify_item", lambda w: {"item_id": w.item.pk}, "post", api=True),
    Target("api:application_get", lambda w: {"pk": w.application.pk}, api=True),
    Target("api:application_submit", lambda w: {"pk": w.application.pk}, "post", api=True),
    Target("api:meeting_detail", lambda w: {"pk": w.meeting.pk}, api=True),
    Target("api:prepare", lambda w: {"pk": w.meeting.pk}, "post", lambda w: {"timing_opinion": "x"}, api=True),
    Target("api:hold", lambda w: {"pk": w.meeting.pk}, "post", lambda w: HOLD, api=True),
    Target("api:add_requests", lambda w: {"pk": w.meeting.pk}, "post", lambda w: REQUESTS, api=True),
    Target("api:add_issue", lambda w: {"pk": w.meeting.pk}, "post", lambda w: ISSUE, api=True),
    Target("api:publish", lambda w: {"pk": w.meeting.pk}, "post", lambda w: PUBLISH, api=True),
    Target("api:progress", lambda w: {"pk": w.meeting.pk}, "post", lambda w: PROGRESS, api=True),
    Target("api:close", lambda w: {"pk": w.meeting.pk}, "post", lambda w: {"closed_on": "2026-12-01"}, api=True),
    Target("api:evidence", lambda w: {"body_id": w.meeting.body_id, "year": 2026}, api=True),
]

# Routes with a body-scoped argument that are not body A's private data, and why.
NOT_SCOPED = {
    "feedback:import_template": "the blank import templates, the same for everyone",
    "feedback:finding_clear": "analysts only (tested in tests/feedback/test_views.py)",
    "orgs:body_detail": "a state body's public card",
    "registry:channel_detail": "the public register",
    "registry:change_new": "an accredited channel's change (no channel in this world); analysts and its body only",
    "registry:termination_new": "as change_new",
    "registry:application_review": "analysts only",
    "registry:application_decide": "analysts only",
    "registry:decision_letter": "exists once decided (no decision in this world)",
    "registry:request_detail": "entry requests are the authorized body's (analysts only)",
    "registry:request_enter": "analysts only",
    "registry:request_document": "analysts only",
    "registry:registry_export": "the public register",
    "meetings:schedule": "the public schedule",
    "meetings:meeting": "a public meeting page (approved meetings only)",
    "meetings:manage_schedule": "analysts only",
    "meetings:include": "analysts only",
    "meetings:exclude": "analysts only",
    "meetings:plan_issue": "an issue of a held meeting (the meeting's own scope is tested through add_issue)",
    "meetings:half_year": "analysts only",
    "meetings:half_year_export": "analysts only",
    "methodology:version": "public methodology versions",
    "core:calendar_year": "the public calendar",
    "api:channel_get": "the public register",
    "api:application_review": "analysts only",
    "api:application_decide": "analysts only",
    "api:request_enter": "analysts only",
    "api:schedule": "the public schedule",
    "api:public_meeting": "a public meeting",
    "api:include": "analysts only",
    "api:exclude": "analysts only",
    "api:schedule_submit": "analysts only",
    "api:schedule_approve": "analysts only",
    "api:plan_issue": "as meetings:plan_issue",
    # openness campaigns (issue 14) and objections (issue 10): the authorized body's own pages, or objects that
    # exist only later in a campaign; each is refused to other bodies in its own permission matrix
    "evaluation:dashboard": "the authorized body only (tests/campaigns/test_pages.py)",
    "evaluation:enrol": "analysts only",
    "evaluation:score": "analysts only",
    "evaluation:ranking": "the authorized body only",
    "evaluation:ranking_export": "the authorized body only",
    "evaluation:imports": "analysts only (the §10 data sources)",
    "evaluation:import": "analysts only",
    "evaluation:transition": "analysts only",
    "evaluation:scoring_progress": "analysts only",
    "evaluation:approve": "the head of the authorized body only",
    "evaluation:deliver": "analysts only",
    "evaluation:request_new": "analysts only",
    "evaluation:request": "a document request (none in this world); tests/campaigns/test_pages.py",
    "evaluation:evidence_delete": "an evidence row (none in this world); the report's scope: evidence_new",
    "evaluation:recommendations": "analysts only (tests/campaigns/test_conclusion_wiring.py)",
    "evaluation:conclusion": "once scored; other bodies refused in tests/campaigns/test_conclusion_wiring.py",
    "evaluation:conclusion_job": "as evaluation:conclusion (tests/campaigns/test_conclusion_jobs.py)",
    "evaluation:answer": "once delivered; other bodies refused in tests/campaigns/test_objection_pages.py",
    "evaluation:objections": "the authorized body only (tests/campaigns/test_objection_pages.py)",
    "evaluation:agency_summary": "the authorized body only",
    "evaluation:commission_new": "analysts only",
    "evaluation:commission": "its members and the authorized body (tests/campaigns/test_objection_pages.py)",
    "evaluation:commission_minutes": "as evaluation:commission",
    "evaluation:feedback_evaluation": "the authorized body only (tests/campaigns/test_feedback_evaluation_pages.py)",
    "evaluation:feedback_enrol": "analysts only",
    "evaluation:feedback_satisfaction": "analysts only (the §21 survey)",
    "evaluation:feedback_satisfaction_import": "analysts only",
    "evaluation:feedback_export": "the authorized body only",
    "evaluation:feedback_transition": "analysts only",
    "api:dashboard": "the authorized body only (tests/campaigns/test_api.py)",
    "api:ranking": "the authorized body only",
    "api:score": "analysts only",
    "api:run_progress": "analysts only",
    "api:put_value": "a PUT; the body's officer only (tests/campaigns/test_api.py)",
    "api:verify": "a PUT; analysts only (tests/campaigns/test_api_verification.py)",
    "api:request_detail": "a document request (none in this world); tests/campaigns/test_api_verification.py",
    "api:request_document": "as api:request_detail",
    "api:request_answer_send": "as api:request_detail",
    "api:import_create": "analysts only (the §10 data sources; tests/campaigns/test_api_verification.py)",
    "api:import_status": "analysts only",
    # the analysis of the public's reaction (issue 12): a quarter's run of one body, tested in tests/analysis
    "analysis:run_detail": "a body's analysis run (tests/analysis/test_views.py)",
    "analysis:run_again": "as analysis:run_detail",
    "analysis:prefill": "as analysis:run_detail",
    "analysis:run_document": "as analysis:run_detail",
    "analysis:topic_action": "as analysis:run_detail",
    "api:get_run": "as analysis:run_detail (tests/analysis/test_views.py)",
    # the portal (issue 13): public pages, and the officers' moderation tested in tests/portal
    "portal:conference": "a public conference page",
    "portal:draft": "a public draft page",
    "portal:dataset_file": "public open data",
    "portal:rating_body": "a public rating page: results sent to the Agency (tests/portal/test_ratings.py)",
    "portal:rating_body_csv": "public open data: one body's rows of openness-results",
    "portal:report_download": "a published report",
    "portal:conference_manage": "the conference's body only (tests/portal/test_conferences.py)",
    "portal:question_act": "the conference's body only (tests/portal/test_conferences.py)",
    "api:public_dataset": "public open data",
}


def _url(target: Target, world: World) -> str:
    return reverse(target.name, kwargs=target.kwargs(world))


def _snapshot(world: World) -> tuple[Any, ...]:
    """What an operation could change of body A's data."""
    return (
        list(Item.objects.values_list("id", "status", "kind", "answer_text", "reference").order_by("id")),
        list(ImportJob.objects.values_list("id", "status")),
        list(QuarterlyAnalysis.objects.values_list("id", "status")),
        list(Recommendation.objects.values_list("id", "status")),
        list(Meeting.objects.values_list("id", "status")),
        list(ChannelApplication.objects.values_list("id", "status")),
        world.application.attachments.count(),
        world.project.publications.count(),
        list(ReportFact.objects.values_list("id", "value")),
        list(Enrolment.objects.values_list("id", "report_status")),
        list(FeedbackSubmission.objects.values_list("id", "status", "remarks_received", "materials")),
        list(ReportImport.objects.values_list("id", "status")),
        AuditEvent.objects.count(),
    )


def _call(client: Any, target: Target, world: World) -> Any:
    url = _url(target, world)
    if target.method == "get":
        return client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    if target.api:
        return client.post(url, target.data(world), content_type="application/json")
    return client.post(url, target.data(world))


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_another_bodys_officer_gets_nothing_of_body_a(target, world, officer_b, client):
    # given body A's objects and body B's officer
    client.force_login(officer_b)
    before = _snapshot(world)
    # when the officer of body B asks for or acts on body A's object
    response = _call(client, target, world)
    # then it is not found or forbidden, nothing of it is in the answer, and nothing changed
    assert response.status_code in {403, 404}, response.status_code
    assert SECRET not in response.content.decode(errors="replace")
    assert _snapshot(world) == before


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_the_public_gets_nothing_of_body_a(target, world, client):
    # given body A's objects and no one logged in
    before = _snapshot(world)
    # when the public asks for or acts on body A's object
    response = _call(client, target, world)
    # then a page sends them to log in and the API refuses, with nothing of the object, and nothing changed
    if target.api:
        assert response.status_code in {401, 403, 404}, response.status_code
    else:
        assert response.status_code == 302 and "/login/?next=" in response["Location"], response.status_code
    assert SECRET not in response.content.decode(errors="replace")
    assert _snapshot(world) == before


def _route_names(resolver: Any, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names |= _route_names(pattern, pattern.namespace or namespace)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.name
            and ("<" in str(pattern.pattern) or "(?P" in str(pattern.pattern))
        ):
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_body_scoped_route_is_listed():
    """A route with an object's id is either tested above or named in NOT_SCOPED with the reason."""
    routes = {name for name in _route_names(get_resolver()) if not name.startswith("admin:")}
    listed = {target.name for target in TARGETS} | set(NOT_SCOPED)
    assert sorted(routes - listed) == []


def test_the_world_is_reachable_by_its_own_officer(world, officer_a, client):
    """The targets are real: body A's own officer sees them (so a 404 above is the scope, not a bad id)."""
    client.force_login(officer_a)
    for target in TARGETS:
        if target.method == "get":
            response = client.get(_url(target, world), HTTP_ACCEPT_LANGUAGE="ru")
            assert response.status_code == 200, (target.name, response.status_code)
