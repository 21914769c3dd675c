"""The portal's pages: public without log-in; the officer's pages scoped to their body."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from ashyq.portal.models import Periodicity, PlanReport, Question
from ashyq.portal.services.conferences import conference_announce, question_ask
from ashyq.portal.services.reports import plan_report_publish

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the portal counts days in Asia/Almaty


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_citizen_reads_the_register_with_its_overdue_reports(body_a, body_b, officer_a, pdf, on_day) -> None:
    # given the ministry A published its 2025 report and B did not, on 1 March 2026
    on_day(D(2026, 3, 1))
    report = plan_report_publish(body=body_a, year=2025, upload=pdf(), no_restricted_information=True, actor=officer_a)
    # when a citizen opens the register in Russian
    page = _client().get("/ru/portal/reports/?year=2025")
    # then both are listed, B among the overdue, A with its PDF
    html = page.content.decode()
    overdue = html.split('id="overdue"')[1].split("</ul>")[0]
    assert body_b.name_ru in overdue and body_a.name_ru not in overdue
    assert f"/ru/portal/reports/{report.pk}/report.pdf" in html
    assert "20 февраля" in html  # the due date of central state bodies, in the reader's language
    download = _client().get(f"/ru/portal/reports/{report.pk}/report.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_publish_page_keeps_what_was_typed_and_lists_the_errors(body_a, officer_a) -> None:
    client = _client(officer_a)
    page = client.post("/en/portal/reports/publish/", {"body": body_a.pk, "year": 2025})
    html = page.content.decode()
    assert page.status_code == 200 and 'class="error-summary"' in html
    assert 'name="year" value="2025"' in html
    assert not PlanReport.objects.exists()


def test_an_officer_publishes_a_report_from_the_page(body_a, officer_a, pdf) -> None:
    year = TODAY.year - 1
    data = {"body": body_a.pk, "year": year, "file": pdf(), "no_restricted_information": "on"}
    page = _client(officer_a).post("/en/portal/reports/publish/", data)
    assert page.status_code == 302 and PlanReport.objects.get().body == body_a


def test_the_publish_page_needs_an_officer(citizen, analyst, authorized_head) -> None:
    assert _client().get("/en/portal/reports/publish/").status_code == 302  # to the log-in
    assert _client(authorized_head).get("/en/portal/reports/publish/").status_code == 403


@pytest.fixture
def conference(body_a, officer_a):
    return conference_announce(
        body=body_a,
        topic_kk="Дәрі-дәрмек",
        topic_ru="Лекарства",
        opens_on=TODAY,
        held_on=TODAY + datetime.timedelta(days=7),
        periodicity=Periodicity.ONCE,
        actor=officer_a,
    )


def test_a_citizen_asks_a_question_and_hits_the_limit(conference, settings) -> None:
    settings.ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR = 1
    client = _client()
    data = {"text": "Когда?", "contact": "me@example.kz"}
    assert client.post(f"/ru/portal/conferences/{conference.pk}/", data).status_code == 302
    again = client.post(f"/ru/portal/conferences/{conference.pk}/", data)
    assert again.status_code == 429 and "Когда?" in again.content.decode()  # nothing typed is lost
    assert Question.objects.count() == 1


def test_the_public_page_never_shows_the_asker_or_the_original_text(conference, officer_a) -> None:
    question = question_ask(
        conference=conference,
        text="Я Иван, тел. 87011234567",
        contact="ivan@example.kz",
        address="1.2.3.4",
        asker_name="Иван Петров",
    )
    client = _client(officer_a)
    response = client.post(
        f"/ru/portal/questions/{question.pk}/publish/", {f"q{question.pk}-public_text": "Вопрос гражданина"}
    )
    assert response.status_code == 302
    html = _client().get(f"/ru/portal/conferences/{conference.pk}/").content.decode()
    assert "Вопрос гражданина" in html
    for private in ("Иван", "87011234567", "ivan@example.kz"):
        assert private not in html


def test_moderation_is_scoped_to_the_body(conference, officer_b) -> None:
    question = question_ask(conference=conference, text="Когда?", contact="x@example.kz", address="1.2.3.4")
    client = _client(officer_b)
    assert client.get(f"/en/portal/conferences/manage/{conference.pk}/").status_code == 404
    assert (
        client.post(f"/en/portal/questions/{question.pk}/publish/", {f"q{question.pk}-public_text": "x"}).status_code
        == 404
    )


def test_a_refused_publication_comes_back_with_the_text(conference, officer_a) -> None:
    question = question_ask(conference=conference, text="Когда?", contact="x@example.kz", address="1.2.3.4")
    response = _client(officer_a).post(
        f"/en/portal/questions/{question.pk}/publish/", {f"q{question.pk}-public_text": "call 87011234567"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "personal data" in html and "call 87011234567" in html


@pytest.mark.parametrize(
    ("hops", "forwarded", "address"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no proxy: the header is the client's own words, ignored
        (1, "203.0.113.5", "203.0.113.5"),  # one proxy appended the client's address
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged first entry is not read
        (2, "203.0.113.5", "10.0.0.1"),  # fewer entries than proxies: the connection's address
    ],
)
def test_the_rate_limit_reads_the_address_the_trusted_proxy_saw(settings, hops, forwarded, address) -> None:
    from django.test import RequestFactory

    from ashyq.portal.views import client_address

    settings.ASHYQ_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


@pytest.mark.parametrize(
    ("contact", "valid"),
    [
        ("me@example.kz", True),
        ("+7 (701) 123-45-67", True),
        ("87011234567", True),
        ("call me", False),
        ("12345", False),
    ],
)
def test_the_contact_must_be_an_email_or_a_phone(conference, contact: str, valid: bool) -> None:
    response = _client().post(f"/en/portal/conferences/{conference.pk}/", {"text": "Когда?", "contact": contact})
    assert (response.status_code == 302) is valid
    assert Question.objects.count() == (1 if valid else 0)


def _queries(path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert _client().get(path).status_code == 200
    return len(queries)


def test_public_lists_read_in_a_constant_number_of_queries(conference, officer_a, body_a) -> None:
    from ashyq.portal.services.conferences import question_answer, question_publish
    from tests.feedback.factories import SourceFactory

    asked = iter(range(100))

    def add_answered() -> None:
        address = f"192.0.2.{next(asked)}"
        question = question_ask(conference=conference, text="Когда?", contact="x@example.kz", address=address)
        question_publish(question=question, public_text="Когда?", actor=officer_a)
        question_answer(question=question, answer="Скоро.", actor=officer_a)

    add_answered()
    SourceFactory(body=body_a)
    paths = [
        f"/ru/portal/conferences/{conference.pk}/",
        "/ru/portal/conferences/",
        "/ru/portal/drafts/",
        "/ru/portal/reports/",
    ]
    before = {path: _queries(path) for path in paths}
    for _ in range(4):
        add_answered()
        SourceFactory(body=body_a)
    assert {path: _queries(path) for path in paths} == before


def test_the_moderation_message_reads_in_the_pages_language(conference, officer_a) -> None:
    import ashyq.portal.views  # noqa: F401 — imported in English first, as in a long-running process

    question = question_ask(conference=conference, text="Когда?", contact="x@example.kz", address="1.2.3.4")
    page = _client(officer_a).post(
        f"/kk/portal/questions/{question.pk}/publish/", {f"q{question.pk}-public_text": "Когда?"}, follow=True
    )
    assert "Сұрақ жарияланды." in page.content.decode()
