"""Demo records of the meetings app (``manage.py demo_load``): one year's schedule walked through every step.

The Ministry of Health's 2026 schedule approved with two meetings: one held in Almaty with its results,
action plan and a quarter's progress, one still planned; the Ministry of Finance's proposal for 2027;
the Almaty akimat's systemic problems for the first half of 2026. Idempotent: skipped when present.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from ashyq.core.demo import ALMATY_ID, FINANCE_ID, HEALTH_ID
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, RegionalProblem, Schedule
from ashyq.orgs.models import Body

ALMATY_TZ = ZoneInfo("Asia/Almaty")
HELD_TOPIC_RU = "Доступность первичной медико-санитарной помощи в городе Алматы"


def _at(year: int, month: int, day: int, hour: int = 11) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=ALMATY_TZ)


def _propose_health(health: Body, almaty: Body, officer: User) -> tuple[Meeting, Meeting]:
    held = services.meeting_propose(
        body=health,
        year=2026,
        plan=services.MeetingPlan(
            head_name="Денсаулық сақтау министрі",
            topic_kk="Алматы қаласында медициналық-санитариялық алғашқы көмектің қолжетімділігі",
            topic_ru=HELD_TOPIC_RU,
            planned_start=_at(2026, 3, 12),
            planned_duration_minutes=120,
            place="Алматы, Әл-Фараби даңғылы, 77/8",
            region=almaty,
        ),
        proposed_on=datetime.date(2025, 11, 25),
        actor=officer,
    )
    planned = services.meeting_propose(
        body=health,
        year=2026,
        plan=services.MeetingPlan(
            head_name="Денсаулық сақтау министрі",
            topic_kk="Міндетті әлеуметтік медициналық сақтандыру: азаматтардың сұрақтары",
            topic_ru="Обязательное социальное медицинское страхование: вопросы граждан",
            planned_start=_at(2026, 12, 10, 15),
            planned_duration_minutes=90,
            place="Астана",
        ),
        proposed_on=datetime.date(2025, 11, 28),
        actor=officer,
    )
    return held, planned


def _approve_2026(meetings: tuple[Meeting, Meeting], analyst: User) -> None:
    for meeting in meetings:
        services.meeting_include_in_draft(meeting=meeting, actor=analyst)
    schedule = Schedule.objects.get(year=2026)
    services.schedule_submit(
        schedule=schedule, submitted_on=datetime.date(2025, 12, 12), reference="04-2-19/5412 (демо)", actor=analyst
    )
    services.schedule_approve(
        schedule=schedule,
        approved_on=datetime.date(2026, 1, 8),
        reference="ҚР Үкіметінің 2026 жылғы 8 қаңтардағы хаттамалық шешімі (демо)",
        url="https://www.gov.kz/memleket/entities/mam/documents/demo-schedule-2026",
        actor=analyst,
    )


def _hold_and_follow_up(meeting: Meeting, almaty: Body, officer: User) -> None:
    services.meeting_prepare(
        meeting=meeting,
        timing_opinion="Instagram-дағы сауалнама: 1 240 дауыс, 62% — бейсенбі, сағат 11:00",
        expected_topics="Емханаға жазылу кезегі\nДәрі-дәрмекпен тегін қамтамасыз ету\nЖедел жәрдем",
        announcement_url="https://www.gov.kz/memleket/entities/dsm/press/news/demo-announcement",
        actor=officer,
    )
    meeting = services.meeting_hold(
        meeting=meeting,
        record=services.MeetingRecord(
            actual_start=_at(2026, 3, 12),
            actual_report_minutes=25,
            events_ended_on=datetime.date(2026, 3, 13),
            broadcast_url="https://www.youtube.com/@dsm_demo/live",
            commenting_accounts="Instagram @dsm_kz, Facebook DSM RK",
            citizens_received=47,
            ngo_participants=18,
            ngo_names=["«Денсаулық» қоғамдық бірлестігі", "«Пациенттер құқығы» қоры"],
            briefing_url="https://www.gov.kz/memleket/entities/dsm/press/news/demo-briefing",
            akimats=[almaty],
        ),
        actor=officer,
    )
    ngo = meeting.ngos.get(name="«Пациенттер құқығы» қоры")
    issues = [
        (
            "reception",
            None,
            "personal",
            "Мүгедектігі бар баланы оңалтуға жолдама берілмеген",
            "Ребёнку с инвалидностью не выдано направление на реабилитацию",
            datetime.date(2026, 4, 30),
        ),
        (
            "meeting",
            None,
            "systemic",
            "Емханаларда мамандарға жазылу кезегі 10 күннен асады",
            "Очередь на запись к специалистам в поликлиниках превышает 10 дней",
            datetime.date(2026, 12, 31),
        ),
        (
            "ngo",
            ngo,
            "systemic",
            "Сирек аурулары бар науқастар дәрімен үздіксіз қамтамасыз етілмейді",
            "Пациенты с редкими заболеваниями не обеспечены лекарствами бесперебойно",
            datetime.date(2026, 9, 30),
        ),
    ]
    for source, by_ngo, rating, text_kk, text_ru, deadline in issues:
        services.issue_add(
            meeting=meeting,
            source=source,
            ngo=by_ngo,
            rating=rating,
            text_kk=text_kk,
            text_ru=text_ru,
            plan=services.ActionPlanEntry(
                action_kk="Мәселені қарап, шешім қабылдау",
                action_ru="Рассмотреть вопрос и принять решение",
                deadline=deadline,
                executor_kk="Медициналық көмекті ұйымдастыру департаменті",
                executor_ru="Департамент организации медицинской помощи",
            ),
            actor=officer,
        )
    services.meeting_publish_results(
        meeting=meeting,
        published_on=datetime.date(2026, 3, 20),
        url_kk="https://www.gov.kz/memleket/entities/dsm/press/article/demo-results-kk",
        url_ru="https://www.gov.kz/memleket/entities/dsm/press/article/demo-results-ru?lang=ru",
        actor=officer,
    )
    first = meeting.issues.order_by("pk")
    services.progress_report_publish(
        meeting=meeting,
        year=2026,
        quarter=2,
        published_on=datetime.date(2026, 6, 26),
        url_kk="https://www.gov.kz/memleket/entities/dsm/press/article/demo-progress-q2-kk",
        url_ru="https://www.gov.kz/memleket/entities/dsm/press/article/demo-progress-q2-ru?lang=ru",
        entries={
            issue.pk: services.ProgressEntry(
                note_kk="Орындалды" if index == 0 else "Орындалу үстінде",
                note_ru="Исполнено" if index == 0 else "В работе",
                resolved=index == 0,
            )
            for index, issue in enumerate(first)
        },
        actor=officer,
    )


def _regional_problems(almaty: Body, health: Body, officer: User) -> None:
    services.regional_problems_send(
        akimat=almaty,
        recipient=health,
        year=2026,
        half=1,
        sent_on=datetime.date(2026, 6, 15),
        texts=["Жаңа шағын аудандарда емханалар жетіспейді", "Жедел жәрдем бригадаларының келу уақыты ұзақ"],
        actor=officer,
    )


def load(accounts: dict[str, User]) -> None:
    """Create the demo meetings once (demo_load runs it on every start)."""
    health = Body.objects.get(legalacts_government_id=HEALTH_ID)
    finance = Body.objects.get(legalacts_government_id=FINANCE_ID)
    almaty = Body.objects.get(legalacts_government_id=ALMATY_ID)
    if not Meeting.objects.filter(body=health, topic_ru=HELD_TOPIC_RU).exists():
        held, planned = _propose_health(health, almaty, accounts["officer.health"])
        _approve_2026((held, planned), accounts["analyst"])
        _hold_and_follow_up(held, almaty, accounts["officer.health"])
    if not Meeting.objects.filter(body=finance, schedule__year=2027).exists():
        services.meeting_propose(
            body=finance,
            year=2027,
            plan=services.MeetingPlan(
                head_name="Қаржы министрі",
                topic_kk="Салық әкімшілігі: кәсіпкерлердің сұрақтары",
                topic_ru="Налоговое администрирование: вопросы предпринимателей",
                planned_start=_at(2027, 3, 4),
                planned_duration_minutes=120,
                place="Шымкент",
            ),
            actor=accounts["officer.finance"],
        )
    if not RegionalProblem.objects.filter(akimat=almaty, recipient=health).exists():
        _regional_problems(almaty, health, accounts["officer.almaty"])
