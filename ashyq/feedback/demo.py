"""Demo records of the feedback app (``make run``): a draft order of the Ministry of Health with remarks
and comments in every state, a budget programme taken to the public council, a quarter's analysis,
a topic with a survey and a project with its published results. Idempotent: loaded once."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from ashyq.core.demo import HEALTH_ID
from ashyq.feedback.models import Source, SourceKind
from ashyq.feedback.services import followups, items, sources
from ashyq.orgs.models import Body

ALMATY = ZoneInfo("Asia/Almaty")
DRAFT_ID = "demo-health-2026-1"
REMARKS = [
    ("Асқар Н.", "5-тармақты «дәрігердің жолдамасы бойынша» деген сөздермен толықтыру ұсынылады.", "5-тармақ", 3),
    ("Ольга К.", "Предлагаю сократить срок рассмотрения заявки с 10 до 5 рабочих дней.", "п. 12", 4),
    ("Бауыржан Т.", "7-тармақты алып тастау керек, ол Кодекске қайшы.", "7-тармақ", 6),
    ("Ирина С.", "Пункт 3 дополнить перечнем документов для сельских жителей.", "п. 3", 9),
]
COMMENTS = [("Гүлнар Е.", "Жоба қашан күшіне енеді?", 5), ("Сергей П.", "Хороший проект, поддерживаю.", 8)]


def _moment(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 9, day, 10, 30, tzinfo=ALMATY)


def _draft(officer: User, body: Body) -> Source:
    source = sources.source_create(
        body=body,
        kind=SourceKind.DRAFT_NPA,
        actor=officer,
        external_id=DRAFT_ID,
        title_kk="«Дәрілік заттарды тегін беру қағидаларын бекіту туралы» бұйрықтың жобасы",
        title_ru="Проект приказа «Об утверждении Правил бесплатного отпуска лекарственных средств»",
        url="https://legalacts.egov.kz/npa/view?id=15000001",
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2026, 9, 15),
    )
    sources.notice_add(
        source=source,
        url="https://legalacts.egov.kz/npa/notice/15000001",
        published_on=datetime.date(2026, 9, 1),
        actor=officer,
    )
    made = [
        sources.item_create(
            source=source, kind="remark", author=a, text=t, clause=c, received_at=_moment(d), actor=officer
        )
        for a, t, c, d in REMARKS
    ]
    items.item_accept(item=made[0], reference="ҚР ДСМ 2026 жылғы 20 қазандағы № 120 бұйрығы, 5-тармақ", actor=officer)
    items.item_accept(item=made[1], reference="Приказ МЗ РК от 20.10.2026 № 120, п. 12", actor=officer)
    items.item_reject(
        item=made[2], reason="7-тармақ Денсаулық сақтау кодексінің 77-бабына сәйкес келеді.", actor=officer
    )
    notes = [
        sources.item_create(source=source, kind="comment", author=a, text=t, received_at=_moment(d), actor=officer)
        for a, t, d in COMMENTS
    ]
    items.item_answer(
        item=notes[0],
        answer="Ресми жарияланғаннан кейін күнтізбелік 10 күн өткен соң.",
        answered_on=datetime.date(2026, 9, 7),
        actor=officer,
    )
    return source


def _follow_ups(officer: User, head: User, body: Body) -> None:
    budget = sources.source_create(
        body=body,
        kind=SourceKind.BUDGET_PROGRAMME_REPORT,
        actor=officer,
        title_kk="067 «Медициналық көмек» бюджеттік бағдарламасының 2025 жылғы іске асырылуы туралы есеп",
        title_ru="Отчет о реализации бюджетной программы 067 «Медицинская помощь» за 2025 год",
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 20),
    )
    sources.source_council_record(
        source=budget,
        meeting_date=datetime.date(2026, 3, 27),
        decision="Есеп мақұлданды, ұсыныстар ескерілсін.",
        actor=officer,
    )
    topic = sources.topic_create(
        body=body,
        title_kk="Дәрі-дәрмекпен қамтамасыз ету",
        title_ru="Лекарственное обеспечение",
        raised_in="2026 жылғы 1-тоқсан жолданымдары",
        actor=officer,
    )
    sources.source_create(
        body=body,
        kind=SourceKind.SURVEY,
        topic=topic,
        actor=officer,
        title_kk="Тегін дәрі алу қолжетімділігі туралы сауалнама",
        title_ru="Опрос о доступности бесплатных лекарств",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 4, 30),
    )
    analysis = followups.analysis_create(
        body=body,
        year=2026,
        quarter=2,
        appeals_count=412,
        social_comments_count=1280,
        actor=officer,
        findings="Жолданымдардың 38 %-ы тегін дәрі беру кезегіне қатысты.",
    )
    followups.recommendation_add(
        analysis=analysis,
        kind="correction",
        unit="Фармация департаменті",
        actor=officer,
        text="Тегін дәрі беру кезегін электрондық есепке алуды енгізу.",
    )
    followups.analysis_submit(analysis=analysis, actor=officer)
    followups.analysis_decide(analysis=analysis, decision="Ұсыным орындалсын, мерзімі — 1 желтоқсан.", actor=head)
    project = followups.project_create(
        body=body,
        title_kk="«Цифрлық денсаулық» жобасы",
        title_ru="Проект «Цифровое здравоохранение»",
        start_year=2026,
        end_year=2027,
        actor=officer,
    )
    followups.publication_add(
        project=project,
        year=2026,
        quarter=1,
        url="https://www.gov.kz/memleket/entities/dsm",
        published_on=datetime.date(2026, 4, 8),
        actor=officer,
    )


def load(accounts: dict[str, User]) -> None:
    """Create the demo records once (the draft's portal id is the marker)."""
    body = Body.objects.get(legalacts_government_id=HEALTH_ID)
    if Source.objects.filter(body=body, external_id=DRAFT_ID).exists():
        return
    officer, head = accounts["officer.health"], accounts["firsthead.health"]
    _draft(officer, body)
    _follow_ups(officer, head, body)
