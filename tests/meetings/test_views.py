"""The pages: public schedule and results, the work pages walking one meeting, scope and wrong states."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ashyq.meetings.models import Meeting, ProblemIssue, Schedule
from ashyq.orgs.models import Body
from tests.meetings.factories import MeetingFactory, ScheduleFactory


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_schedule_lists_only_approved_meetings(body_a: Body, django_assert_max_num_queries) -> None:
    # given an approved schedule with ten meetings and one proposal still pending
    schedule = ScheduleFactory(year=2026, status=Schedule.Status.APPROVED, approval_reference="Protocol No. 1")
    MeetingFactory.create_batch(10, body=body_a, schedule=schedule)
    hidden = MeetingFactory(body=body_a, schedule=schedule, status=Meeting.Status.PROPOSED, topic_kk="Жасырын")
    # when the public opens the page
    with django_assert_max_num_queries(4):
        response = _client().get(reverse("meetings:schedule", args=[2026]), HTTP_ACCEPT_LANGUAGE="kk")
    # then
    assert len(response.context["meetings"]) == 10
    assert hidden.topic_kk not in response.content.decode()


def test_public_meeting_page_shows_the_action_plan_and_progress(published_meeting: Meeting) -> None:
    with translation.override("kk"):
        response = _client().get(reverse("meetings:meeting", args=[published_meeting.pk]))
    html = response.content.decode()
    assert "Жолдама жоқ" in html and "https://example.kz/kk/results" in html
    proposal = MeetingFactory(body=published_meeting.body, status=Meeting.Status.PROPOSED)
    assert _client().get(reverse("meetings:meeting", args=[proposal.pk])).status_code == 404


def test_work_list_is_scoped_and_counts_queries(
    body_a: Body, body_b: Body, officer_a: User, django_assert_max_num_queries
) -> None:
    MeetingFactory.create_batch(5, body=body_a)
    MeetingFactory.create_batch(3, body=body_b)
    client = _client(officer_a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("meetings:manage_list") + "?year=2026")
    assert {meeting.body_id for meeting in response.context["page"]} == {body_a.pk}


def test_another_bodys_meeting_is_a_404_and_its_steps_refused(approved_meeting: Meeting, officer_b: User) -> None:
    client = _client(officer_b)
    assert client.get(reverse("meetings:manage_meeting", args=[approved_meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:hold", args=[approved_meeting.pk]), {}).status_code == 404


def test_officer_walks_a_meeting_from_holding_to_the_closed_plan(
    approved_meeting: Meeting, officer_a: User, region: Body
) -> None:
    client = _client(officer_a)
    pk = approved_meeting.pk
    # when the officer records the held meeting
    response = client.post(
        reverse("meetings:hold", args=[pk]),
        {
            "actual_start": "2026-03-12T11:00",
            "actual_report_minutes": "40",
            "events_ended_on": "2026-03-13",
            "citizens_received": "25",
            "ngo_participants": "9",
            "ngo_names": "Жастар ҚБ\n",
            "akimats": [region.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=pk)
    assert meeting.status == Meeting.Status.HELD and meeting.report_too_long
    # an issue without an action-plan entry blocks publication with a clear error (400, nothing saved)
    client.post(
        reverse("meetings:add_issue", args=[pk]),
        {
            "source": "reception",
            "rating": "personal",
            "text_kk": "Жол жоқ",
            "text_ru": "Нет дороги",
        },
    )
    issue = ProblemIssue.objects.get(meeting=meeting)
    response = client.post(
        reverse("meetings:publish", args=[pk]),
        {
            "published_on": "2026-03-20",
            "url_kk": "https://e.kz/kk",
            "url_ru": "https://e.kz/ru",
        },
    )
    assert response.status_code == 400 and Meeting.objects.get(pk=pk).status == Meeting.Status.HELD
    # then the entry is planned and the results published
    prefix = f"plan-{issue.pk}-"
    response = client.post(
        reverse("meetings:plan_issue", args=[pk, issue.pk]),
        {
            prefix + "action_kk": "Жол салу",
            prefix + "action_ru": "Построить дорогу",
            prefix + "deadline": "2026-09-30",
            prefix + "executor_kk": "Көлік комитеті",
            prefix + "executor_ru": "Комитет транспорта",
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("meetings:publish", args=[pk]),
        {
            "published_on": "2026-03-20",
            "url_kk": "https://e.kz/kk",
            "url_ru": "https://e.kz/ru",
        },
    )
    assert Meeting.objects.get(pk=pk).status == Meeting.Status.RESULTS_PUBLISHED
    # the quarter's progress resolves the issue, and the plan is closed
    response = client.post(
        reverse("meetings:report_progress", args=[pk]),
        {
            "year": "2026",
            "quarter": "2",
            "published_on": "2026-06-25",
            "url_kk": "https://e.kz/kk/q2",
            "url_ru": "https://e.kz/ru/q2",
            f"note_kk_{issue.pk}": "Салынды",
            f"note_ru_{issue.pk}": "Построена",
            f"resolved_{issue.pk}": "on",
        },
    )
    assert response.status_code == 302
    assert client.post(reverse("meetings:close", args=[pk]), {"closed_on": "2026-07-01"}).status_code == 302
    # a second progress report on the closed plan is a wrong state: 409 with a message
    response = client.post(
        reverse("meetings:report_progress", args=[pk]),
        {
            "year": "2026",
            "quarter": "3",
            "published_on": "2026-09-25",
            "url_kk": "https://e.kz/kk/q3",
            "url_ru": "https://e.kz/ru/q3",
        },
    )
    assert response.status_code == 409
    assert Meeting.objects.get(pk=pk).status == Meeting.Status.CLOSED


def test_analyst_forms_the_schedule_on_its_page(body_a: Body, analyst: User, officer_a: User) -> None:
    # given a proposal
    proposal = MeetingFactory(body=body_a, status=Meeting.Status.PROPOSED, schedule=ScheduleFactory(year=2027))
    client = _client(analyst)
    url = reverse("meetings:manage_schedule", args=[2027])
    # when the analyst includes it, submits and records the approval
    client.post(reverse("meetings:include", args=[proposal.pk]))
    client.post(url, {"step": "submit", "submitted_on": "2026-12-14", "reference": "04-2/77"})
    response = client.post(url, {"step": "approve", "approved_on": "2027-01-08", "reference": "Protocol No. 2"})
    # then
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Meeting.Status.APPROVED
    page = client.get(url)
    assert any(row.body == body_a and row.proposals == 1 for row in page.context["coverage"])
    # and an officer cannot submit
    assert _client(officer_a).post(reverse("meetings:include", args=[proposal.pk])).status_code == 403


def test_propose_form_refuses_a_date_outside_the_year(body_a: Body, officer_a: User) -> None:
    response = _client(officer_a).post(
        reverse("meetings:propose"),
        {
            "body": body_a.pk,
            "year": "2027",
            "head_name": "Министр",
            "topic_kk": "Тақырып",
            "topic_ru": "Тема",
            "planned_start": "2026-12-20T10:00",
            "planned_duration_minutes": "120",
        },
    )
    assert response.status_code == 400 and "planned_start" in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_evidence_downloads(published_meeting: Meeting, officer_a: User, officer_b: User, fmt: str) -> None:
    url = reverse("meetings:evidence_export", args=[published_meeting.body_id, 2026, fmt])
    response = _client(officer_a).get(url)
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'.{fmt}"')
    assert _client(officer_b).get(url).status_code == 403


def test_akimat_sends_problems_from_its_page(local_body: Body, body_a: Body, officer_local: User) -> None:
    response = _client(officer_local).post(
        reverse("meetings:regional_problems"),
        {
            "akimat": local_body.pk,
            "recipient": body_a.pk,
            "year": "2026",
            "half": "2",
            "texts": "Су жоқ\nЖол жоқ",
        },
    )
    assert response.status_code == 302
    assert body_a.received_regional_problems.filter(sent_on=datetime.date.today()).count() == 2
    page = _client(officer_local).get(reverse("meetings:regional_problems"))
    assert [row.akimat for row in page.context["half_years"]] == [local_body, local_body]


def test_evidence_and_meeting_pages_read_in_few_queries(
    published_meeting: Meeting, analyst: User, officer_a: User, django_assert_max_num_queries
) -> None:
    # given five more held meetings with issues of the same body
    for _ in range(5):
        extra = MeetingFactory(
            body=published_meeting.body,
            schedule=published_meeting.schedule,
            status=Meeting.Status.HELD,
            citizens_received=3,
        )
        ProblemIssue.objects.create(meeting=extra, source="meeting", rating="personal", text_kk="a", text_ru="b")
    client = _client(analyst)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("meetings:evidence", args=[published_meeting.body_id, 2026]))
    assert len(response.context["evidence"].receptions) == 6
    officer = _client(officer_a)
    with django_assert_max_num_queries(16):
        officer.get(reverse("meetings:manage_meeting", args=[published_meeting.pk]))
    with django_assert_max_num_queries(10):
        _client().get(reverse("meetings:meeting", args=[published_meeting.pk]))


def test_a_first_head_reads_the_meeting_without_step_forms(held_meeting: Meeting, first_head_a: User) -> None:
    response = _client(first_head_a).get(reverse("meetings:manage_meeting", args=[held_meeting.pk]))
    assert response.status_code == 200
    assert "issue_form" not in response.context and "publish_form" not in response.context
