"""Every page of Ashyq, listed from the URLconf and filled in with the demo data (issue 11 items 1–2).

Each named route under the language prefix is exactly one of: a page (an HTML answer to GET, with the
arguments taken from the demo records here), a POST-only action, or a download. ``unclassified_routes()``
names any route that is none of these, so a new page cannot escape the width, permission and language
checks that walk ``page_paths()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = ("analyst", "head", "commission", "officer.health", "firsthead.health", "officer.almaty")

POST_ONLY = {
    "core:set_language",
    "logout",
    "feedback:item_action",
    "feedback:source_create",
    "feedback:source_action",
    "feedback:import_create",
    "feedback:finding_set",
    "feedback:finding_clear",
    "feedback:analysis_create",
    "feedback:analysis_action",
    "feedback:recommendation_done",
    "feedback:topic_create",
    "feedback:project_create",
    "feedback:publication_add",
    "registry:application_submit",
    "registry:application_review",
    "registry:application_decide",
    "registry:attachment_remove",
    "registry:request_enter",
    "meetings:include",
    "meetings:exclude",
    "meetings:prepare",
    "meetings:add_requests",
    "meetings:hold",
    "meetings:add_issue",
    "meetings:plan_issue",
    "meetings:publish",
    "meetings:report_progress",
    "meetings:close",
    "feedback:import_start_again",
    "analysis:run_again",
    "analysis:prefill",
    "analysis:topic_action",
    "evaluation:score",
    "evaluation:submit",
    "evaluation:prefill",
    "evaluation:sign_off",
    "evaluation:transition",
    "evaluation:value",
    "evaluation:evidence_new",
    "evaluation:evidence_delete",
    "evaluation:request_new",
    "evaluation:approve",
    "evaluation:feedback_transition",
    "evaluation:feedback_prefill",
    "evaluation:feedback_submit",
    "evaluation:feedback_link_add",
    "evaluation:feedback_link_remove",
    "portal:question_act",
}
DOWNLOADS = {
    "feedback:source_report",
    "feedback:import_template",
    "registry:registry_export",
    "registry:application_document",
    "registry:decision_letter",
    "registry:attachment_download",
    "registry:request_document",
    "meetings:half_year_export",
    "meetings:evidence_export",
    "analysis:run_document",
    "evaluation:ranking_export",
    "evaluation:table_template",
    "evaluation:conclusion",
    "evaluation:agency_summary",
    "evaluation:commission_minutes",
    "evaluation:feedback_export",
    "portal:report_download",
    "portal:dataset_file",
    "portal:rating_body_csv",
    "reports:job_download",
}


def _health() -> Any:
    from ashyq.orgs.models import Body

    return Body.objects.get(legalacts_government_id=690)


def _first(model_path: str, **filters: Any) -> Any:
    from django.apps import apps

    return apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()


def _kwargs() -> dict[str, Callable[[], list[dict[str, Any]]]]:
    """Route name → the arguments of the demo records it is shown for (one record per kind is enough)."""

    def one(model_path: str, key: str = "pk", attribute: str = "pk", **filters: Any) -> list[dict[str, Any]]:
        record = _first(model_path, **filters)
        return [] if record is None else [{key: getattr(record, attribute)}]

    health = _health
    return {
        "core:calendar_year": lambda: [{"year": 2026}],
        "orgs:body_detail": lambda: [{"pk": health().pk}],
        "feedback:item_detail": lambda: [{"pk": pk} for pk in _all_pks("feedback.Item", source__body=health())],
        "feedback:source_detail": lambda: [{"pk": pk} for pk in _all_pks("feedback.Source")],
        "feedback:import_detail": lambda: one("feedback.ImportJob"),
        "reports:job_detail": lambda: one("reports.DocumentJob"),
        "feedback:body_summary": lambda: [{"body_id": health().pk}],
        "registry:channel_detail": lambda: one("registry.Channel", key="number", attribute="number"),
        "registry:change_new": lambda: one("registry.Channel", key="number", attribute="number", body=health()),
        "registry:termination_new": lambda: one("registry.Channel", key="number", attribute="number", body=health()),
        "registry:application_detail": lambda: one("registry.ChannelApplication", body=health()),
        "registry:application_edit": lambda: one("registry.ChannelApplication", body=health(), status="draft"),
        "registry:request_detail": lambda: one("registry.EntryRequest"),
        "meetings:schedule": lambda: [{"year": 2026}],
        "meetings:meeting": lambda: one("meetings.Meeting", results_published_on__isnull=False),
        "meetings:manage_schedule": lambda: [{"year": 2026}],
        "meetings:manage_meeting": lambda: one("meetings.Meeting", body=health()),
        "meetings:half_year": lambda: [{"year": 2026, "half": 1}],
        "meetings:evidence": lambda: [{"body_pk": health().pk, "year": 2026}],
        "methodology:version": lambda: [{"pk": pk} for pk in _all_pks("methodology.MethodologyVersion")],
        "analysis:run_detail": lambda: one("analysis.QuarterRun"),
        "evaluation:dashboard": lambda: one("evaluation.Campaign"),
        "evaluation:enrol": lambda: one("evaluation.Campaign"),
        "evaluation:ranking": lambda: one("evaluation.Campaign"),
        "evaluation:imports": lambda: one("evaluation.Campaign"),
        "evaluation:import": lambda: one("evaluation.SourceImport"),
        "evaluation:scoring_progress": lambda: one("evaluation.ScoringRun"),
        "evaluation:enrolment": lambda: one("evaluation.Enrolment", body=health()),
        "evaluation:table": lambda: [
            {**arguments, "table": "1"} for arguments in one("evaluation.Enrolment", body=health())
        ],
        "evaluation:table_upload": lambda: [
            {**arguments, "table": "1"} for arguments in one("evaluation.Enrolment", body=health())
        ],
        "evaluation:report_import": lambda: one("evaluation.ReportImport"),
        "evaluation:request": lambda: one("evaluation.DocumentRequest"),
        "evaluation:deliver": lambda: one("evaluation.Enrolment", conclusion_status="approved"),
        "evaluation:recommendations": lambda: one(
            "evaluation.Enrolment", final__isnull=False, conclusion_status="none"
        ),
        "evaluation:conclusion_job": lambda: [
            {**arguments, "language": "ru", "extension": "pdf"}
            for arguments in one("evaluation.Enrolment", final__isnull=False)
        ],
        # the objection procedure's pages need a delivered campaign, which the demo does not hold (issue 10)
        "evaluation:answer": lambda: one("evaluation.Enrolment", conclusion_status="delivered"),
        "evaluation:objections": lambda: one("evaluation.Campaign", status="delivered"),
        "evaluation:commission_new": lambda: one("evaluation.Campaign", status="delivered"),
        "evaluation:commission": lambda: one("evaluation.Commission"),
        "evaluation:feedback_evaluation": lambda: one("evaluation.FeedbackEvaluation"),
        "evaluation:feedback_enrol": lambda: one("evaluation.FeedbackEvaluation", status="requested"),
        "evaluation:feedback_satisfaction": lambda: one("evaluation.FeedbackEvaluation", status="requested"),
        "evaluation:feedback_satisfaction_import": lambda: one("evaluation.SatisfactionImport"),
        "evaluation:feedback_submission": lambda: [
            {"pk": pk} for pk in _all_pks("evaluation.FeedbackSubmission", body=health())
        ],
        "portal:draft": lambda: one("feedback.Source", kind__in=["draft_npa", "draft_budget_programme"]),
        "portal:conference": lambda: one("portal.Conference"),
        "portal:conference_manage": lambda: one("portal.Conference", source__body=health()),
        "portal:rating_body": lambda: [
            {"year": enrolment.campaign.period_end.year, "pk": enrolment.body_id}
            for enrolment in [_first("evaluation.Enrolment", campaign__status="sent")]
            if enrolment is not None
        ],
    }


def _all_pks(model_path: str, **filters: Any) -> list[int]:
    from django.apps import apps

    return list(apps.get_model(model_path).objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def named_routes() -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the site's pages (the admin and the API have their own checks)."""

    def walk(patterns: list[Any], namespace: str | None) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in {"admin", "api-1.0.0"} or "api" in str(entry.pattern):
                    continue
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif entry.name:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry

    yield from walk(get_resolver().url_patterns, None)


def unclassified_routes() -> list[str]:
    known = POST_ONLY | DOWNLOADS | set(_kwargs())
    return sorted(name for name, pattern in named_routes() if name not in known and pattern.pattern.regex.groups)


def page_paths(language: str) -> list[str]:
    """Every HTML page for the demo data, in one language: parameterless routes and the demo records' pages."""
    from django.utils import translation

    kwargs = _kwargs()
    paths: list[str] = []
    with translation.override(language):
        for name, pattern in named_routes():
            if name in POST_ONLY or name in DOWNLOADS:
                continue
            for arguments in kwargs[name]() if name in kwargs else ([{}] if not pattern.pattern.regex.groups else []):
                path = reverse(name, kwargs=arguments)
                if path not in paths:
                    paths.append(path)
    return paths
