"""Test data of the registry: Annex 1 contents, uploaded files, and applications moved along by the services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.orgs.models import Body
from ashyq.registry.models import Channel, ChannelApplication, Criterion
from ashyq.registry.services.applications import (
    channel_application_create,
    channel_application_decide,
    channel_application_review_start,
    channel_application_submit,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def annex1(**overrides: Any) -> dict[str, Any]:
    """A complete Annex 1 application; the "if any" items filled too."""
    data = {
        "name_kk": "«Халық үні» жедел желісі",
        "name_ru": "Горячая линия «Голос народа»",
        "instruction": "Мемлекет басшысының 2024 жылғы 1 қыркүйектегі Жолдауы, 5-тармақ",
        "regulating_act": "Министрдің 2024 жылғы № 100 бұйрығымен бекітілген жедел желі регламенті",
        "purpose_kk": "Азаматтардың денсаулық сақтау мәселелері бойынша өтініштерін қабылдау және жауап беру",
        "purpose_ru": "Приём обращений граждан по вопросам здравоохранения и ответы на них",
        "coverage": "republican",
        "interaction_format": "hybrid",
        "resources": "Call-центр, 12 операторлар, республикалық бюджет қаражаты",
        "justification": "Өтініштер саны 2023 жылы 40 %-ға өсті; ЭЫДҰ ұсынымдары",
        "other_information": "",
        "signer_name": "А. Сейітов",
        "signer_position": "Вице-министр",
    }
    data.update(overrides)
    return data


def pdf_upload(name: str = "regulation.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def all_met(reasoning: str = "Тексерілді") -> dict[str, tuple[bool, str]]:
    return {criterion.value: (True, reasoning) for criterion in Criterion}


def draft(*, body: Body, officer: User, **overrides: Any) -> ChannelApplication:
    return channel_application_create(body=body, data=annex1(**overrides), uploads=[], actor=officer)


def under_review(*, body: Body, officer: User, analyst: User, **overrides: Any) -> ChannelApplication:
    application = channel_application_submit(application=draft(body=body, officer=officer, **overrides), actor=officer)
    return channel_application_review_start(application=application, actor=analyst)


def accredited_channel(*, body: Body, officer: User, analyst: User, **overrides: Any) -> Channel:
    application = under_review(body=body, officer=officer, analyst=analyst, **overrides)
    channel_application_decide(application=application, decision="accredited", findings=all_met(), actor=analyst)
    return Channel.objects.get(application=application)
