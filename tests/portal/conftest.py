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
    "analyst_name": "Гульнар Аналитикова",
    "head_name": "Болат Руководителев",
    "restricted_evidence": "Письмо ДСП о проверке",
    "recommendation": "Внутренняя рекомендация аналитика",
}


def load_openness() -> object:
    from ashyq.methodology.services import methodology_version_load
    from ashyq.methodology.versions import DATA_DIR, read_version_file

    version = read_version_file(DATA_DIR / "openness-2025-36070.toml")
    return methodology_version_load(version=version, actor=None).version


def publish(year: int, bodies, analyst, head, weakness=(0, 20, 40)):
    """A campaign of the year taken through the services to the Agency (ashyq.evaluation.demo)."""
    from ashyq.evaluation.demo import publish_campaign
    from ashyq.methodology.models import MethodologyKind, MethodologyVersion

    methodology = MethodologyVersion.objects.filter(kind=MethodologyKind.OPENNESS).first() or load_openness()
    return publish_campaign(
        year=year,
        bodies=bodies,
        methodology=methodology,
        analyst=analyst,
        head=head,
        received_on=datetime.date(year + 1, 3, 2),
        sent_on=datetime.date(year + 1, 4, 1),
        weakness=weakness,
    )


def publish_f(year: int, values: dict, analyst, status: str = "published"):
    """F rows of a feedback evaluation of the year (the F pages' helper builds them through services)."""
    from ashyq.evaluation.engine import FeedbackFacts, score_feedback
    from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
    from ashyq.methodology.models import MethodologyKind, MethodologyVersion
    from ashyq.methodology.services import methodology_version_load
    from ashyq.methodology.versions import DATA_DIR, feedback_version, read_version_file

    version = feedback_version(datetime.date(year, 12, 31))
    row = MethodologyVersion.objects.filter(kind=MethodologyKind.FEEDBACK).first()
    if row is None:
        loaded = read_version_file(DATA_DIR / "feedback-2024-33916.toml")
        row = methodology_version_load(version=loaded, actor=None).version
    evaluation = FeedbackEvaluation.objects.create(
        name=f"F {year}",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        methodology=row,
        due_on=datetime.date(year + 1, 1, 31),
        status=status,
        created_by=analyst,
    )
    for body, (received, accepted) in values.items():
        score = score_feedback(version, FeedbackFacts(received, accepted, 10, 10, True))
        FeedbackSubmission.objects.create(
            evaluation=evaluation,
            body=body,
            remarks_received=received,
            remarks_accepted=accepted,
            comments_received=10,
            comments_answered=10,
            f=score.f,
            band=score.band,
            explanation=dict(score.text),
        )
    return evaluation


@pytest.fixture
def public_world(body_a, officer_a, analyst, authorized_head, local_body, pdf):
    """One row of every public dataset, with private data planted where the public must not see it."""
    import datetime as dt

    from ashyq.evaluation.models import Enrolment, Evidence
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
    # published openness results and F (issue 13 item 1): the analyst's and the head's names, a restricted
    # document given as evidence and the analyst's recommendations must stay out of every public page and file
    for person, name in ((analyst, PRIVATE["analyst_name"]), (authorized_head, PRIVATE["head_name"])):
        person.first_name, person.last_name = name.split()
        person.save()
    campaign = publish(2025, [body_a, local_body], analyst, authorized_head)
    enrolment = Enrolment.objects.get(campaign=campaign, body=body_a)
    Enrolment.objects.filter(pk=enrolment.pk).update(recommendations_ru=PRIVATE["recommendation"])
    Evidence.objects.create(
        enrolment=enrolment,
        indicator="t2.4",
        language="ru",
        kind=Evidence.Kind.DOCUMENT,
        title=PRIVATE["restricted_evidence"],
        url="https://example.kz/internal/letter",
        outgoing_number="ДСП-17",
    )
    Evidence.objects.create(
        enrolment=enrolment,
        indicator="t2.4",
        language="ru",
        kind=Evidence.Kind.LINK,
        title="Результаты аудита",
        url="https://www.gov.kz/audit",
    )
    publish_f(2025, {body_a: (20, 15), local_body: (0, 0)}, analyst)
    return {
        "conference": conference,
        "draft": draft,
        "channel": channel,
        "meeting": meeting,
        "campaign": campaign,
        "enrolment": enrolment,
    }
