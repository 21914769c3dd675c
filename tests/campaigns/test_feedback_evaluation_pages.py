"""Pages and API of the evaluation of feedback (000 chapter 3; issue 14 item 10): who sees what, forms that keep
what was typed, the analyst's table with its export, the officer's submission and the API."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ashyq.core.models import AuditEvent
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission, SatisfactionImport
from ashyq.evaluation.services import feedback_evaluations as services
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import read_version_file
from ashyq.orgs.models import Body
from tests.campaigns.feedback import FEEDBACK_FILE, evaluation_for, submit_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(analyst: User, body_a: Body, body_b: Body) -> FeedbackEvaluation:
    evaluation = evaluation_for(analyst, [body_a, body_b])
    return services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _submission(evaluation: FeedbackEvaluation, body: Body) -> FeedbackSubmission:
    return evaluation.submissions.get(body=body)


def test_the_analyst_prepares_an_evaluation_and_a_bad_form_keeps_what_was_typed(analyst: User, body_a: Body) -> None:
    methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None)
    client = _client(analyst)
    url = reverse("evaluation:feedback_new")
    typed = {"name": "F 2025 typed", "period_start": "2025-01-01", "period_end": "2025-12-31", "due_on": "2025-06-01"}
    # when the due date falls inside the period
    response = client.post(url, typed, HTTP_ACCEPT_LANGUAGE="en")
    # then the form comes back with the error and everything typed
    assert response.status_code == 400
    page = response.content.decode()
    assert "Submissions fall due after the period ends." in page and 'value="F 2025 typed"' in page
    assert 'value="2025-06-01"' in page
    # when it is corrected, the evaluation is prepared and the enrolment follows
    response = client.post(url, {**typed, "due_on": "2026-02-02"})
    evaluation = FeedbackEvaluation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("evaluation:feedback_enrol", args=[evaluation.pk])
    )
    response = client.post(reverse("evaluation:feedback_enrol", args=[evaluation.pk]), {"every": "on"})
    assert response.status_code == 302 and list(evaluation.submissions.values_list("body", flat=True)) == [body_a.pk]
    assert not evaluation.submissions.filter(body__is_authorized_body=True).exists()


def test_the_officer_sees_prefilled_counts_with_their_source_and_submits(
    requested: FeedbackEvaluation, officer_a: User, body_a: Body
) -> None:
    submission = _submission(requested, body_a)
    client = _client(officer_a)
    url = reverse("evaluation:feedback_submission", args=[submission.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "from Ashyq&#x27;s records" in page and "Send to the authorized body" in page
    # a count that does not add up comes back with the error and the typed numbers
    bad = {
        "remarks_received": "4",
        "remarks_accepted": "3",
        "remarks_rejected": "1",
        "comments_received": "8",
        "comments_answered": "6",
        "comments_unanswered": "1",
    }
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "must add up to those received" in page and 'value="6"' in page and 'value="4"' in page
    # corrected: saved as the officer's
    response = client.post(url, {**bad, "comments_unanswered": "2"})
    assert response.status_code == 302
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "entered by the officer" in page
    # a link with a bad address keeps what was typed
    response = client.post(
        reverse("evaluation:feedback_link_add", args=[submission.pk]),
        {"part": "materials", "title": "Брифинг министра", "url": "not a link"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "Брифинг министра" in response.content.decode()
    # sending computes F: (3/4) × (6/8) × 100 = 56.25, shown rounded once
    response = client.post(reverse("evaluation:feedback_submit", args=[submission.pk]))
    assert response.status_code == 302
    with translation.override("ru"):
        page = client.get(reverse("evaluation:feedback_submission", args=[submission.pk])).content.decode()
    assert "F = 56,3 %" in page and "Направить в уполномоченный орган" not in page


def test_the_analysts_table_sorts_exports_and_publishes(
    requested: FeedbackEvaluation, analyst: User, officer_a: User, officer_b: User, body_a: Body, body_b: Body
) -> None:
    submit_counts(_submission(requested, body_a), officer_a, remarks=(4, 3, 1), comments=(8, 6, 2))
    submit_counts(_submission(requested, body_b), officer_b, remarks=(2, 2, 0), comments=(10, 10, 0))
    client = _client(analyst)
    url = reverse("evaluation:feedback_evaluation", args=[requested.pk])
    page = client.get(f"{url}?sort=-f", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.index(body_b.name_ru) < page.index(body_a.name_ru)  # 100 before 56.25
    assert "56.3" in page and 'aria-sort="descending"' in page
    export = client.get(reverse("evaluation:feedback_export", args=[requested.pk, "csv"]) + "?sort=-f")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=","))
    assert [row[0] for row in rows[1:]] == [body_b.name_ru, body_a.name_ru]
    assert rows[2][10] == "56.3"
    xlsx = client.get(reverse("evaluation:feedback_export", args=[requested.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # publishing only from closed
    client.post(reverse("evaluation:feedback_transition", args=[requested.pk, "publish"]))
    requested.refresh_from_db()
    assert requested.status == "requested"
    client.post(reverse("evaluation:feedback_transition", args=[requested.pk, "close"]))
    client.post(reverse("evaluation:feedback_transition", args=[requested.pk, "publish"]))
    requested.refresh_from_db()
    assert requested.status == "published"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "frozen" in page and "Publish the evaluation" not in page
    assert AuditEvent.objects.filter(event_type="evaluation.feedback.published").count() == 1


@pytest.mark.parametrize(
    ("person", "status"),
    [("officer_b", 404), ("first_head_a", 200), ("analyst", 200), ("commission_member", 404), ("officer_a", 200)],
)
def test_who_sees_body_as_submission(
    requested: FeedbackEvaluation, body_a: Body, person: str, status: int, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(person)
    submission = _submission(requested, body_a)
    response = _client(user).get(reverse("evaluation:feedback_submission", args=[submission.pk]))
    assert response.status_code == status
    editing = b"feedback_submit" in response.content or b"/submit/" in response.content
    assert editing is (person == "officer_a")


@pytest.mark.parametrize("person", ["officer_a", "first_head_a", "commission_member"])
def test_only_the_authorized_body_sees_the_evaluation(
    requested: FeedbackEvaluation, person: str, request: pytest.FixtureRequest
) -> None:
    client = _client(request.getfixturevalue(person))
    assert client.get(reverse("evaluation:feedback_evaluation", args=[requested.pk])).status_code == 404
    assert client.get(reverse("evaluation:feedback_export", args=[requested.pk, "csv"])).status_code == 404


def test_the_first_head_reads_but_cannot_send(requested: FeedbackEvaluation, first_head_a: User, body_a: Body) -> None:
    submission = _submission(requested, body_a)
    response = _client(first_head_a).post(reverse("evaluation:feedback_submit", args=[submission.pk]))
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == "draft"


def test_the_officers_home_lists_the_submission_to_send(
    requested: FeedbackEvaluation, officer_a: User, body_a: Body
) -> None:
    page = _client(officer_a).get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Feedback summaries to send" in page
    assert reverse("evaluation:feedback_submission", args=[_submission(requested, body_a).pk]) in page


def test_the_survey_upload_page_shows_the_refused_rows(
    requested: FeedbackEvaluation,
    analyst: User,
    settings: Any,
    tmp_path: Any,
    body_a: Body,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    client = _client(analyst)
    upload = SimpleUploadedFile("survey.csv", f"body;satisfied_percent\n{body_a.name_ru};abc\n".encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation:feedback_satisfaction", args=[requested.pk]), {"file": upload})
    job = SatisfactionImport.objects.get()
    progress = reverse("evaluation:feedback_satisfaction_import", args=[job.pk])
    assert response.status_code == 302 and response["Location"].endswith(progress)
    page = client.get(progress, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nothing was stored" in page and "The share satisfied must be a number from 0 to 100." in page


# ------------------------------------------------------------------------------------------------- the API


def test_the_api_lists_evaluations_and_scoped_submissions_and_submits(
    requested: FeedbackEvaluation, analyst: User, officer_a: User, officer_b: User, body_a: Body
) -> None:
    officer = _client(officer_a)
    listed = officer.get("/api/v1/feedback-evaluations/").json()
    assert [item["id"] for item in listed] == [requested.pk] and listed[0]["status"] == "requested"
    own = officer.get(f"/api/v1/feedback-evaluations/{requested.pk}/submissions/").json()
    assert [item["body_id"] for item in own] == [body_a.pk]
    assert len(_client(analyst).get(f"/api/v1/feedback-evaluations/{requested.pk}/submissions/").json()) == 2
    submission = _submission(requested, body_a)
    # another body's officer: 404, its own officer: the stored F
    assert (
        _client(officer_b).post(f"/api/v1/feedback-evaluations/submissions/{submission.pk}/submit/").status_code == 404
    )
    sent = officer.post(f"/api/v1/feedback-evaluations/submissions/{submission.pk}/submit/")
    assert sent.status_code == 200
    body = sent.json()
    assert body["status"] == "submitted" and body["f"] == "100" and body["band"] == "high" and body["f_display"]
    # sending twice: 409
    again = officer.post(f"/api/v1/feedback-evaluations/submissions/{submission.pk}/submit/")
    assert again.status_code == 409 and "detail" in again.json()


def test_the_api_hides_an_evaluation_from_bodies_it_did_not_ask(
    requested: FeedbackEvaluation, officer_local: User
) -> None:
    response = _client(officer_local).get(f"/api/v1/feedback-evaluations/{requested.pk}/submissions/")
    assert response.status_code == 404
