"""Demo records of the portal (``make run``): the real districts and cities of oblast significance of Pavlodar
oblast (003 §6), two published reports for the last year, and an internet conference of the Ministry of Health
taking questions, with one question answered and one awaiting moderation. Idempotent: loaded once."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ashyq.core.demo import ALMATY_ID, HEALTH_ID
from ashyq.orgs.models import Body
from ashyq.orgs.services import bodies_import_csv
from ashyq.portal import deadlines
from ashyq.portal.models import Periodicity
from ashyq.portal.services import conferences, reports

DISTRICTS = Path(__file__).resolve().parent.parent / "orgs" / "data" / "districts-pavlodar.csv"


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with a title line (PDF 1.4, Helvetica), small enough to build without a renderer."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _conferences(officer: User, body: Body, today: datetime.date) -> None:
    current = conferences.conference_announce(
        body=body,
        topic_kk="Дәрілік заттарды тегін беру: сұрақтар мен жауаптар",
        topic_ru="Бесплатный отпуск лекарственных средств: вопросы и ответы",
        description_kk="Министрлік тегін дәрі-дәрмек алу тәртібі туралы сұрақтарға жауап береді.",
        description_ru="Министерство отвечает на вопросы о порядке получения бесплатных лекарств.",
        opens_on=today,
        held_on=today + datetime.timedelta(days=14),
        periodicity=Periodicity.QUARTERLY,
        actor=officer,
    )
    answered = conferences.question_ask(
        conference=current,
        text="Ауылда тұратындар дәріні қай дәріханадан ала алады? Менің телефоным +7 701 000 00 00.",
        contact="+7 701 000 00 00",
        address="192.0.2.10",
    )
    with translation.override("kk"):  # the question is Kazakh, so is the placeholder the officer publishes
        public_text = conferences.suggested_public_text(answered)
    answered = conferences.question_publish(question=answered, public_text=public_text, actor=officer)
    conferences.question_answer(
        question=answered,
        answer="Тегін дәрілер тізімдегі кез келген дәріханада, соның ішінде ауылдық дәріханаларда беріледі.",
        actor=officer,
    )
    conferences.question_ask(
        conference=current,
        text="Как получить лекарство, если аптеки в селе нет?",
        contact="citizen@example.kz",
        address="192.0.2.11",
    )


def load(accounts: dict[str, User]) -> None:
    """Create the demo records once (the districts' file is the marker)."""
    if Body.objects.filter(name_ru="Баянаульский район").exists():
        return
    bodies_import_csv(text=DISTRICTS.read_text(encoding="utf-8"), actor=None)
    today = deadlines.today()
    year = today.year - 1
    for npa_id, officer in ((HEALTH_ID, accounts["officer.health"]), (ALMATY_ID, accounts["officer.almaty"])):
        body = Body.objects.get(legalacts_government_id=npa_id)
        upload = SimpleUploadedFile("report.pdf", demo_pdf(f"Report {year}"), content_type="application/pdf")
        reports.plan_report_publish(body=body, year=year, upload=upload, no_restricted_information=True, actor=officer)
    _conferences(accounts["officer.health"], Body.objects.get(legalacts_government_id=HEALTH_ID), today)
