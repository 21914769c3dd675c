"""The campaigns API for verification, document requests, §10 imports and conclusions: the same services and
permissions as the pages (issue 14 items 3, 4, 7, 8)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import (
    Campaign,
    DocumentRequest,
    Enrolment,
    ReportFact,
    RequestedDocument,
    SourceImport,
    Verification,
)
from ashyq.evaluation.services.campaigns import campaign_close_collection, campaign_open
from ashyq.evaluation.services.reports import fact_record
from ashyq.evaluation.services.verification import request_create

API = "/api/v1/campaigns"
TOMORROW = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


def _client(user: User | None) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def verifying(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User, officer_a: User) -> Enrolment:
    """Body A reported blog posts in Kazakh; the reports are closed and verified."""
    campaign_open(campaign=campaign, actor=analyst)
    fact_record(enrolment=enrolled["a"], indicator="t6.2", language="kk", raw={"posts": 30}, actor=officer_a)
    campaign_close_collection(campaign=campaign, actor=analyst)
    return enrolled["a"]


def _put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("analyst", 200), ("officer_a", 403), ("first_head_a", 403), ("officer_b", 403), ("commission_member", 403)],
)
def test_only_an_analyst_records_a_finding(
    request: pytest.FixtureRequest, verifying: Enrolment, persona: str, status: int
) -> None:
    client = _client(request.getfixturevalue(persona))
    url = f"{API}/bodies/{verifying.pk}/verifications/t6.2/kk/"
    answer = _put(client, url, {"value": {"posts": 12}, "reason": "Only 12 posts were found on the blog."})
    assert answer.status_code == status
    assert Verification.objects.filter(enrolment=verifying).exists() == (status == 200)
    assert _client(None).put(url, "{}", content_type="application/json").status_code == 401


def test_a_finding_that_differs_needs_a_reason_and_is_audited(verifying: Enrolment, analyst: User) -> None:
    client = _client(analyst)
    url = f"{API}/bodies/{verifying.pk}/verifications/t6.2/kk/"
    # a finding different from the claim without a reason is refused, naming the field
    refused = _put(client, url, {"value": {"posts": 12}})
    assert refused.status_code == 422
    assert refused.json()["detail"] == {"reason": ["Give the reason why the finding differs from the body's report."]}
    # with a reason it replaces the claim and the audit log keeps it
    answer = _put(client, url, {"value": {"posts": 12}, "reason": "Only 12 posts were found."})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["value"], body["reason"], body["language"]) == ({"posts": 12}, "Only 12 posts were found.", "kk")
    assert AuditEvent.objects.filter(event_type=CampaignEvent.VERIFIED, actor=analyst).count() == 1
    # the same as claimed needs no reason; a bad value or language is a 422
    assert _put(client, url, {"value": {"posts": 30}}).status_code == 200
    bad = _put(client, url, {"value": {"posts": -1}, "reason": "x"})
    assert bad.status_code == 422 and "posts" in bad.json()["detail"]
    assert _put(client, f"{API}/bodies/{verifying.pk}/verifications/t6.2/en/", {"value": {}}).status_code == 422


def test_a_delivered_campaign_refuses_findings(delivered: dict[str, Enrolment], analyst: User) -> None:
    url = f"{API}/bodies/{delivered['a'].pk}/verifications/t6.2/kk/"
    answer = _put(_client(analyst), url, {"value": {"posts": 1}, "reason": "late"})
    assert answer.status_code == 409


def test_requests_for_documents_are_created_answered_and_refused_as_on_the_pages(
    verifying: Enrolment, analyst: User, officer_a: User, first_head_a: User, officer_b: User
) -> None:
    a = verifying.pk
    new = {"indicator": "t6.2", "language": "kk", "text": "Screenshots of the blog.", "due_on": TOMORROW}
    # only an analyst requests; another body's officer and the body itself are refused
    assert (
        _client(officer_a).post(f"{API}/bodies/{a}/requests/", new, content_type="application/json").status_code == 403
    )
    assert (
        _client(officer_b).post(f"{API}/bodies/{a}/requests/", new, content_type="application/json").status_code == 403
    )
    created = _client(analyst).post(f"{API}/bodies/{a}/requests/", new, content_type="application/json")
    assert created.status_code == 201
    item = created.json()
    assert (item["indicator"], item["language"], item["answered_at"], item["documents"]) == ("t6.2", "kk", None, [])
    # a past due date and an indicator the body does not report are 422s naming the field
    past = {**new, "due_on": "2025-01-01"}
    refused = _client(analyst).post(f"{API}/bodies/{a}/requests/", past, content_type="application/json")
    assert refused.status_code == 422 and "due_on" in refused.json()["detail"]
    unknown = {**new, "indicator": "t3.1"}  # table 3 is the local bodies'
    refused = _client(analyst).post(f"{API}/bodies/{a}/requests/", unknown, content_type="application/json")
    assert refused.status_code == 422 and "indicator" in refused.json()["detail"]
    # the body and the authorized body list it; another body does not
    assert [r["id"] for r in _client(first_head_a).get(f"{API}/bodies/{a}/requests/").json()] == [item["id"]]
    assert _client(officer_b).get(f"{API}/bodies/{a}/requests/").status_code == 403
    assert _client(officer_b).get(f"{API}/requests/{item['id']}/").status_code == 403
    assert _client(analyst).get(f"{API}/requests/{item['id']}/").json()["text"] == "Screenshots of the blog."


def test_the_body_answers_with_files_never_marked_ones(
    verifying: Enrolment, analyst: User, officer_a: User, officer_b: User
) -> None:
    item = request_create(
        enrolment=verifying,
        indicator="t6.2",
        language="kk",
        text="Screenshots",
        due_on=datetime.date.today() + datetime.timedelta(days=5),
        actor=analyst,
    )
    url = f"{API}/requests/{item.pk}/"

    def upload(user: User, marking: str) -> Any:
        file = SimpleUploadedFile("blog.pdf", b"%PDF-1.4 screenshots")
        return _client(user).post(f"{url}documents/", {"file": file, "marking": marking})

    # sending the answer without a document is refused
    assert _client(officer_a).post(f"{url}answer/").status_code == 422
    # a document marked "restricted distribution" is refused with the reason (002 §16)
    restricted = upload(officer_a, "restricted")
    assert restricted.status_code == 422 and "restricted distribution" in restricted.json()["detail"]["marking"][0]
    # neither another body nor the analyst answers
    assert upload(officer_b, "none").status_code == 403
    assert upload(analyst, "none").status_code == 403
    assert not RequestedDocument.objects.exists()
    # the body's officer uploads and answers once
    uploaded = upload(officer_a, "none")
    assert uploaded.status_code == 201 and uploaded.json()["file_name"] == "blog.pdf"
    answered = _client(officer_a).post(f"{url}answer/")
    assert answered.status_code == 200 and answered.json()["answered_at"]
    assert [d["file_name"] for d in answered.json()["documents"]] == ["blog.pdf"]
    assert _client(officer_a).post(f"{url}answer/").status_code == 409
    assert upload(officer_a, "none").status_code == 409
    assert DocumentRequest.objects.get().answered_at is not None


def test_source_imports_are_uploaded_and_followed_by_analysts_only(
    enrolled: dict[str, Enrolment],
    analyst: User,
    officer_a: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    campaign = enrolled["a"].campaign
    text = f"body;indicator;language;satisfied_percent\n{enrolled['a'].body.name_ru};t7-1.3;common;62,5\n"

    def upload(user: User) -> Any:
        file = SimpleUploadedFile("survey.csv", text.encode())
        with django_capture_on_commit_callbacks(execute=True):
            return _client(user).post(f"{API}/{campaign.pk}/imports/", {"file": file})

    assert upload(officer_a).status_code == 403
    assert not SourceImport.objects.exists()
    queued = upload(analyst)
    assert queued.status_code == 202
    job = queued.json()["id"]
    status = _client(analyst).get(f"{API}/imports/{job}/").json()
    assert (status["status"], status["stored_values"], status["percent"], status["errors"]) == ("done", 1, 100, [])
    fact = ReportFact.objects.get(enrolment=enrolled["a"], indicator="t7-1.3")
    assert (fact.value, fact.source_file, fact.source_row) == ({"satisfied_percent": "62.5"}, "survey.csv", 2)
    assert _client(officer_a).get(f"{API}/imports/{job}/").status_code == 403
    assert _client(analyst).get(f"{API}/imports/{job + 1}/").status_code == 404


def test_a_refused_import_lists_its_bad_rows(
    enrolled: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Any
) -> None:
    campaign = enrolled["a"].campaign
    file = SimpleUploadedFile("survey.csv", b"body;indicator;language;satisfied_percent\nNobody;t7-1.3;common;62\n")
    with django_capture_on_commit_callbacks(execute=True):
        job = _client(analyst).post(f"{API}/{campaign.pk}/imports/", {"file": file}).json()["id"]
    status = _client(analyst).get(f"{API}/imports/{job}/").json()
    assert status["status"] == "failed" and status["errors"] == [{"line": 2, "message": "No enrolled body Nobody."}]


def test_the_conclusion_status_and_its_documents(
    delivered: dict[str, Enrolment],
    officer_a: User,
    officer_b: User,
    analyst: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    b = delivered["b"]
    # the body sees its delivered conclusion, with the date received, when objections are due, and the documents
    answer = _client(officer_b).get(f"{API}/bodies/{b.pk}/conclusion/")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["received_on"], body["objection_due"]) == ("delivered", "2027-03-19", "2027-03-31")
    assert body["final"] is not None and set(body["documents"]) == {"kk", "ru"}
    # the link leads to the page where the worker makes the document until it is made, then gives the file
    link = body["documents"]["ru"]["pdf"]
    waiting = _client(officer_b).get(link)
    assert waiting.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert _client(officer_b).post(waiting["Location"]).status_code == 302
    pdf = _client(officer_b).get(link)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # another body is refused
    assert _client(officer_a).get(f"{API}/bodies/{b.pk}/conclusion/").status_code == 403
    # before delivery the body sees the state only; the authorized body sees the documents once scored
    Enrolment.objects.filter(pk=b.pk).update(conclusion_status=Enrolment.ConclusionStatus.APPROVED)
    hidden = _client(officer_b).get(f"{API}/bodies/{b.pk}/conclusion/").json()
    assert (hidden["status"], hidden["documents"], hidden["final"]) == ("approved", {}, None)
    assert set(_client(analyst).get(f"{API}/bodies/{b.pk}/conclusion/").json()["documents"]["kk"]) == {"pdf", "docx"}
