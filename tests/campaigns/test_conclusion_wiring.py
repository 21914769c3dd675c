"""The Annex 8 conclusion of a stored campaign (issue 14 item 7): the analyst's recommendations, the documents
from the campaign's facts, who may download them, and the delivery e-mail that carries them."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import Enrolment
from ashyq.evaluation.objection_documents import shown
from ashyq.evaluation.services.conclusions import conclusion_recommendations_save
from ashyq.evaluation.tasks import conclusion_delivered_mail


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split()).replace("\u2010 ", "")


def _url(enrolment: Enrolment, language: str, extension: str, name: str = "evaluation:conclusion") -> str:
    with translation.override("ru"):
        return reverse(name, args=[enrolment.pk, language, extension])


def _download(client: Client, enrolment: Enrolment, language: str, extension: str, capture: Callable[..., Any]) -> Any:
    """Ask the task worker for the document (immediate in the tests), then download it."""
    with capture(execute=True):
        client.post(_url(enrolment, language, extension, "evaluation:conclusion_job"))
    return client.get(_url(enrolment, language, extension))


def test_the_conclusion_holds_the_stored_final_score_and_the_analysts_recommendations(
    delivered: dict[str, Enrolment], analyst: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    body_b = delivered["b"]
    Enrolment.objects.filter(pk=body_b.pk).update(conclusion_status=Enrolment.ConclusionStatus.NONE)
    body_b.refresh_from_db()
    conclusion_recommendations_save(
        enrolment=body_b, kk="Ашық отырыстарды тікелей көрсету.", ru="Транслировать коллегии онлайн.", actor=analyst
    )
    client = Client()
    client.force_login(analyst)

    text = _pdf_text(_download(client, body_b, "ru", "pdf", django_capture_on_commit_callbacks).content)

    with translation.override("ru"):
        final = shown(body_b.final)
    assert final in text
    assert "Транслировать коллегии онлайн." in text
    assert AuditEvent.objects.filter(event_type=CampaignEvent.RECOMMENDATIONS_SAVED, actor=analyst).exists()


def test_recommendations_are_the_analysts_and_close_at_approval(
    delivered: dict[str, Enrolment], analyst: User, officer_b: User
) -> None:
    with pytest.raises(PermissionDenied):
        conclusion_recommendations_save(enrolment=delivered["b"], kk="x", ru="x", actor=officer_b)
    with pytest.raises(InvalidTransition):
        conclusion_recommendations_save(enrolment=delivered["b"], kk="x", ru="x", actor=analyst)


@pytest.mark.parametrize(("persona", "status"), [("officer_b", 200), ("officer_a", 404), ("analyst", 200)])
def test_who_downloads_a_delivered_conclusion(
    delivered: dict[str, Enrolment],
    request: pytest.FixtureRequest,
    persona: str,
    status: int,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    answer = _download(client, delivered["b"], "kk", "docx", django_capture_on_commit_callbacks)
    assert answer.status_code == status
    if status == 200:
        assert answer["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_body_sees_no_conclusion_before_delivery(delivered: dict[str, Enrolment], officer_b: User) -> None:
    Enrolment.objects.filter(pk=delivered["b"].pk).update(conclusion_status=Enrolment.ConclusionStatus.APPROVED)
    client = Client()
    client.force_login(officer_b)
    assert client.get(_url(delivered["b"], "ru", "pdf")).status_code == 404
    assert client.post(_url(delivered["b"], "ru", "pdf", "evaluation:conclusion_job")).status_code == 404


def test_the_delivery_email_carries_the_conclusion_in_both_languages(
    delivered: dict[str, Enrolment], officer_b: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    officer_b.email = "officer.b@example.kz"
    officer_b.save(update_fields=["email"])
    mail.outbox.clear()

    assert conclusion_delivered_mail.call(delivered["b"].pk) == 1

    (message,) = mail.outbox
    names = sorted(name for name, _content, _type in message.attachments)
    assert len(names) == 2 and names[0].endswith("-kk.pdf") and names[1].endswith("-ru.pdf")
    assert all(kind == "application/pdf" for _name, _content, kind in message.attachments)
