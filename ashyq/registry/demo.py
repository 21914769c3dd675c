"""Demo records of the registry (``make run``): channels in the registry and applications at every step.

Loaded idempotently through the services, as the people would file and decide them: two accredited
channels (Health, Finance), a change waiting to be entered, Almaty's application under review, a
refused one, and Health's draft.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from ashyq.orgs.models import Body
from ashyq.registry.models import Channel, ChannelApplication, Criterion
from ashyq.registry.services.applications import (
    channel_application_create,
    channel_application_decide,
    channel_application_review_start,
    channel_application_submit,
)
from ashyq.registry.services.channels import entry_change_file

SIGNER = {"signer_name": "Жанар Сейітова", "signer_position": "Вице-министр"}

HEALTH_HOTLINE = {
    "name_kk": "1406 бірыңғай байланыс орталығы",
    "name_ru": "Единый контакт-центр 1406",
    "regulating_act": "Бірыңғай байланыс орталығының жұмыс регламенті (министрдің бұйрығы)",
    "purpose_kk": "Азаматтардың медициналық көмек көрсету мәселелері бойынша өтініштерін тәулік бойы қабылдау "
    "және оларға жауап беру",
    "purpose_ru": "Круглосуточный приём обращений граждан по вопросам оказания медицинской помощи и ответы на них",
    "coverage": "republican",
    "interaction_format": "hybrid",
    "resources": "Call-орталық, 40 оператор, республикалық бюджеттің 216 бағдарламасы",
    "justification": "Өтініштердің 60 %-ы телефон арқылы түседі; ДДСҰ-ның ұсынымдары",
}
FINANCE_PORTAL = {
    "name_kk": "«Азаматтық бюджет» интернет-алаңы",
    "name_ru": "Интернет-площадка «Гражданский бюджет»",
    "purpose_kk": "Республикалық бюджет жобасын халықпен талқылау және ұсыныстар жинау",
    "purpose_ru": "Обсуждение проекта республиканского бюджета с населением и сбор предложений",
    "coverage": "republican",
    "interaction_format": "online",
    "resources": "«Ашық бюджеттер» порталының инфрақұрылымы, 3 қызметкер",
    "justification": "ЭЫДҰ-ның бюджеттік ашықтық жөніндегі ұсынымдары",
}
ALMATY_BOT = {
    "name_kk": "«Алматы әкімдігі» Telegram-боты",
    "name_ru": "Telegram-бот «Акимат Алматы»",
    "instruction": "Мемлекет басшысының 2024 жылғы Жолдауы",
    "purpose_kk": "Қала тұрғындарының коммуналдық шаруашылық мәселелері бойынша өтініштерін қабылдау",
    "purpose_ru": "Приём обращений жителей города по вопросам коммунального хозяйства",
    "coverage": "regional",
    "interaction_format": "online",
    "resources": "Қалалық ситуациялық орталық, 5 оператор, жергілікті бюджет",
    "justification": "Тұрғындар арасындағы сауалнама: 72 %-ы мессенджерді қалайды",
}
HEALTH_DRAFT = {
    "name_kk": "Медициналық сақтандыру бойынша онлайн-консультациялар",
    "name_ru": "Онлайн-консультации по медицинскому страхованию",
    "purpose_kk": "Міндетті әлеуметтік медициналық сақтандыру мәселелері бойынша апта сайынғы тікелей эфирлер",
    "purpose_ru": "Еженедельные прямые эфиры по вопросам обязательного социального медицинского страхования",
    "coverage": "republican",
    "interaction_format": "online",
    "resources": "Баспасөз қызметі, әлеуметтік желілердегі ресми аккаунттар",
    "justification": "Азаматтардың сұрақтарының 30 %-ы МӘМС туралы",
}
FINANCE_REFUSED = {
    "name_kk": "Салық төлеушілерге арналған жедел желі",
    "name_ru": "Горячая линия для налогоплательщиков",
    "purpose_kk": "Салық мәселелері бойынша өтініштерді қабылдау",
    "purpose_ru": "Приём обращений по налоговым вопросам",
    "coverage": "republican",
    "interaction_format": "offline",
    "resources": "Мемлекеттік кірістер комитетінің байланыс орталығы",
    "justification": "Өтініштер санының өсуі",
}


def _findings(met: bool = True) -> dict[str, tuple[bool, str]]:
    return {criterion.value: (met, "Өтінім мен қоса берілген құжаттар бойынша тексерілді.") for criterion in Criterion}


def _file(body: Body, officer: User, data: dict[str, Any]) -> ChannelApplication | None:
    """A new draft, or None when the demo already holds this application."""
    if ChannelApplication.objects.filter(body=body, name_ru=data["name_ru"]).exists():
        return None
    return channel_application_create(body=body, data={**SIGNER, **data}, uploads=[], actor=officer)


def _review(application: ChannelApplication, officer: User, analyst: User) -> ChannelApplication:
    channel_application_submit(application=application, actor=officer)
    return channel_application_review_start(application=application, actor=analyst)


def _body(officer: User) -> Body:
    return Body.objects.get(memberships__user=officer, memberships__role="officer")


def load(accounts: dict[str, User]) -> None:
    analyst = accounts["analyst"]
    health, finance, almaty = accounts["officer.health"], accounts["officer.finance"], accounts["officer.almaty"]
    for officer, data in ((health, HEALTH_HOTLINE), (finance, FINANCE_PORTAL)):
        application = _file(_body(officer), officer, data)
        if application is not None:
            channel_application_decide(
                application=_review(application, officer, analyst),
                decision="accredited",
                findings=_findings(),
                actor=analyst,
            )
    hotline = Channel.objects.get(name_ru=HEALTH_HOTLINE["name_ru"])
    if not hotline.requests.exists():
        entry_change_file(
            channel=hotline,
            new_wording={"interaction_format": "online", "purpose_ru": hotline.purpose_ru + " (в том числе в чате)"},
            justification="Байланыс орталығы чат арқылы да жұмыс істей бастады.",
            uploads=[],
            actor=health,
            **SIGNER,
        )
    refused = _file(_body(finance), finance, FINANCE_REFUSED)
    if refused is not None:
        channel_application_decide(
            application=_review(refused, finance, analyst),
            decision="refused",
            findings={
                **_findings(),
                "no_duplication": (False, "Мемлекеттік кірістер комитетінің 1414 желісін қайталайды."),
            },
            reasons="Қолданыстағы 1414 байланыс орталығының функционалын қайталайды (Қағидалардың 4-тармағы 1)).",
            actor=analyst,
        )
    under_review = _file(_body(almaty), almaty, ALMATY_BOT)
    if under_review is not None:
        _review(under_review, almaty, analyst)
    _file(_body(health), health, HEALTH_DRAFT)
