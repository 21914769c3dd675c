"""Portal fixtures: the clock, district bodies, a PDF upload."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.orgs.models import Body, BodyKind, Role
from ashyq.orgs.services import membership_grant
from ashyq.portal import deadlines
from ashyq.portal.demo import demo_pdf
from tests.factories import BodyFactory, UserFactory


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime.date], None]:
    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr(deadlines, "today", lambda: day)

    return set_day


@pytest.fixture
def pdf() -> Callable[..., SimpleUploadedFile]:
    def make(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, demo_pdf("Report") if content is None else content, "application/pdf")

    return make


@pytest.fixture
def district(local_body: Body) -> Body:
    return BodyFactory(
        name_ru="Аршалынский район", name_kk="Аршалы ауданы", kind=BodyKind.DISTRICT_AKIMAT, parent=local_body
    )


@pytest.fixture
def officer_district(district: Body) -> object:
    user = UserFactory(username="officer_district")
    membership_grant(user=user, body=district, role=Role.OFFICER, actor=None)
    return user


# Values that must never reach a public page, file or API answer (003 §7): the planted private data.
PRIVATE = {
    "asker_name": "Жанар Приватова",
    "contact": "zhanar.private@example.kz",
    "question_text": "Мой ИИН 900101300017, позвоните +7 701 555 44 33",
    "rejected_text": "Секретный вопрос, не публиковать",
    "rejection_reason": "Личное обращение гражданина",
    "item_author": "Ержан Авторов",
    "remark_pii": "пишите на remark.author@mail.kz",
}


@pytest.fixture
def public_world(body_a, officer_a, analyst, local_body, pdf):
    """One row of every public dataset, with private data planted where the public must not see it."""
    import datetime as dt

    from ashyq.feedback.models import ItemKind, ItemStatus, SourceKind
    from ashyq.meetings.models import Meeting, ProblemIssue
    from ashyq.portal.models import Periodicity
    from ashyq.portal.services import conferences, reports
    from tests.feedback.factories import ItemFactory, SourceFactory
    from tests.meetings.factories import MeetingFactory
    from tests.registry.factories import accredited_channel

    today = deadlines.today()
    reports.plan_report_publish(
        body=body_a, year=today.year - 1, upload=pdf(), no_restricted_information=True, actor=officer_a
    )
    conference = conferences.conference_announce(
        body=body_a,
        topic_kk="Дәрі",
        topic_ru="Лекарства",
        opens_on=today,
        held_on=today + dt.timedelta(days=5),
        periodicity=Periodicity.ONCE,
        actor=officer_a,
    )
    asked = conferences.question_ask(
        conference=conference,
        text=PRIVATE["question_text"],
        contact=PRIVATE["contact"],
        address="203.0.113.9",
        asker_name=PRIVATE["asker_name"],
    )
    asked = conferences.question_publish(
        question=asked, public_text=conferences.suggested_public_text(asked), actor=officer_a
    )
    conferences.question_answer(question=asked, answer="Ответ министерства.", actor=officer_a)
    rejected = conferences.question_ask(
        conference=conference, text=PRIVATE["rejected_text"], contact=PRIVATE["contact"], address="203.0.113.9"
    )
    conferences.question_reject(question=rejected, reason=PRIVATE["rejection_reason"], actor=officer_a)
    conferences.question_ask(
        conference=conference, text="Ещё не проверенный вопрос", contact=PRIVATE["contact"], address="203.0.113.10"
    )
    draft = SourceFactory(body=body_a, kind=SourceKind.DRAFT_NPA)
    ItemFactory(
        source=draft,
        status=ItemStatus.ACCEPTED,
        reference="п. 5 приказа",
        author=PRIVATE["item_author"],
        text="Предложение; " + PRIVATE["remark_pii"],
    )
    ItemFactory(source=draft, kind=ItemKind.COMMENT, author=PRIVATE["item_author"])
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    meeting = MeetingFactory(
        body=body_a, status=Meeting.Status.RESULTS_PUBLISHED, results_published_on=today, schedule__year=today.year
    )
    ProblemIssue.objects.create(
        meeting=meeting,
        source=ProblemIssue.Source.MEETING,
        rating=ProblemIssue.Rating.SYSTEMIC,
        text_kk="Емхана жоқ",
        text_ru="Нет поликлиники",
        action_kk="Салу",
        action_ru="Построить",
        deadline=today,
        executor_kk="Әкімдік",
        executor_ru="Акимат",
    )
    return {"conference": conference, "draft": draft, "channel": channel, "meeting": meeting}
