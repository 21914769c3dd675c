"""The pages: the public registry and its downloads, the application's path, clear errors, denied persons."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ashyq.registry.models import Channel, ChannelApplication, EntryRequest
from ashyq.registry.services.channels import entry_request_enter, entry_termination_file
from tests.documents import pdf_is_landscape, pdf_text
from tests.registry.factories import accredited_channel, annex1, draft, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(body_a, body_b, officer_a, officer_b, analyst, clock) -> list[Channel]:
    clock(datetime.date(2026, 3, 2))
    first = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    second = accredited_channel(
        body=body_b,
        officer=officer_b,
        analyst=analyst,
        name_kk="=Ашық бюджет",
        name_ru="=Открытые бюджеты",
        coverage="regional",
        interaction_format="online",
    )
    notice = entry_termination_file(
        channel=second, notice="Жабылды", terminated_on=datetime.date(2026, 3, 5), uploads=[], actor=officer_b
    )
    clock(datetime.date(2026, 3, 6))
    entry_request_enter(request=notice, actor=analyst)
    return [first, second]


def test_the_public_registry_in_kazakh_and_russian(client, registry, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(6):
        kazakh = client.get("/kk/registry/").content.decode()
    assert "«Халық үні» жедел желісі" in kazakh and "Коммуникация арнасының атауы" in kazakh
    russian = client.get("/ru/registry/").content.decode()
    assert "Горячая линия «Голос народа»" in russian and "Наименование канала коммуникаций" in russian
    assert "06.03.2026" in russian  # the removal column


def test_the_registry_filters(client, registry, body_a) -> None:
    assert "Голос народа" not in client.get("/ru/registry/", {"coverage": "regional"}).content.decode()
    page = client.get("/ru/registry/", {"body": body_a.pk, "status": "active"}).content.decode()
    assert "Голос народа" in page and "Открытые бюджеты" not in page
    assert "Открытые бюджеты" in client.get("/ru/registry/", {"q": "бюджет"}).content.decode()


def test_the_registry_downloads(client, registry) -> None:
    # XLSX: the Annex 2 heading, six columns, and a formula-looking name kept as text
    response = client.get("/ru/registry/registry.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Наименование канала коммуникаций" and len(rows[1]) == 6
    assert rows[3][1] == "'=Открытые бюджеты" and "06.03.2026" in rows[3][5]
    # CSV with a byte-order mark, filtered like the page
    text = client.get("/kk/registry/registry.csv", {"status": "active"}).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert len(table) == 2 and table[1][1] == "«Халық үні» жедел желісі"
    # PDF, the Annex 2 form
    pdf = client.get("/kk/registry/registry.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf_is_landscape(pdf.content)
    text = pdf_text(pdf.content)
    assert "Мемлекеттік органдардың халықпен коммуникациялар арналарының тізілімі" in text
    assert "«Халық үні» жедел желісі" in text


def test_an_entry_page_shows_its_history(client, registry) -> None:
    page = client.get(f"/ru/registry/channels/{registry[1].number}/").content.decode()
    assert "внесено в Реестр" in page and "исключено из Реестра" in page


def test_an_officer_files_and_submits_through_the_pages(client, authorized_body, body_a, officer_a) -> None:
    client.force_login(officer_a)
    data = {**annex1(), "body": body_a.pk, "attachments": [SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")]}
    response = client.post("/kk/registry/applications/new/", data)
    application = ChannelApplication.objects.get()
    assert response.status_code == 302 and application.attachments.count() == 1
    client.post(f"/kk/registry/applications/{application.pk}/submit/")
    application.refresh_from_db()
    assert application.status == ChannelApplication.Status.SUBMITTED
    # the Annex 1 form prints as PDF and DOCX
    annex1_pdf = pdf_text(client.get(f"/kk/registry/applications/{application.pk}/annex1.pdf").content)
    assert "«Халық үні» жедел желісі" in annex1_pdf
    assert client.get(f"/ru/registry/applications/{application.pk}/annex1.docx").content.startswith(b"PK")


def test_missing_fields_and_bad_files_show_errors_and_save_nothing(client, authorized_body, body_a, officer_a):
    client.force_login(officer_a)
    data = {**annex1(purpose_kk=""), "body": body_a.pk, "attachments": [SimpleUploadedFile("a.exe", b"MZ")]}
    response = client.post("/ru/registry/applications/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "a.exe" in page and "Обязательное поле" in page
    assert not ChannelApplication.objects.exists()


def test_the_decision_form_records_findings_and_the_analyst_sees_the_terms(
    client, body_a, officer_a, analyst, clock
) -> None:
    clock(datetime.date(2026, 3, 19))
    application = under_review(body=body_a, officer=officer_a, analyst=analyst)
    client.force_login(analyst)
    page = client.get(f"/ru/registry/applications/{application.pk}/").content.decode()
    assert "03.04.2026" in page  # the decision is due after Nauryz
    form = {f"{name}_finding": "met" for name in ("no_duplication", "regulated", "efficiency")}
    form |= {f"{name}_reasoning": "Негізделген" for name in ("no_duplication", "regulated", "efficiency")}
    response = client.post(f"/ru/registry/applications/{application.pk}/decide/", {**form, "decision": "refused"})
    assert "Укажите причины отказа" in response.content.decode()
    response = client.post(f"/ru/registry/applications/{application.pk}/decide/", {**form, "decision": "accredited"})
    assert response.status_code == 302 and Channel.objects.get().number == 1
    # a second decision is refused with a message, not a 403
    again = client.post(
        f"/ru/registry/applications/{application.pk}/decide/", {**form, "decision": "accredited"}, follow=True
    )
    assert "только один раз" in again.content.decode()


def test_the_queue_marks_overdue_and_counts_queries(
    client, body_a, officer_a, analyst, clock, django_assert_max_num_queries
) -> None:
    clock(datetime.date(2026, 3, 19))
    for index in range(3):
        under_review(body=body_a, officer=officer_a, analyst=analyst, name_ru=f"Канал {index}")
    clock(datetime.date(2026, 4, 6))
    client.force_login(analyst)
    with django_assert_max_num_queries(12):
        page = client.get("/ru/registry/dashboard/").content.decode()
    assert page.count("badge-overdue") == 3


def test_another_body_and_the_public_are_denied(client, authorized_body, body_a, officer_a, officer_b, registry):
    application = draft(body=body_a, officer=officer_a)
    assert client.get(f"/kk/registry/applications/{application.pk}/").status_code == 302  # to the login page
    client.force_login(officer_b)
    assert client.get(f"/kk/registry/applications/{application.pk}/").status_code == 404
    assert client.get(f"/kk/registry/channels/{registry[0].number}/change/").status_code == 403
    attachment_url = reverse("registry:attachment_download", args=[999])
    assert client.get(attachment_url).status_code == 404


def test_change_and_termination_forms(client, registry, officer_a, analyst) -> None:
    channel = registry[0]
    client.force_login(officer_a)
    form = {
        "name_kk": channel.name_kk,
        "name_ru": channel.name_ru,
        "purpose_kk": channel.purpose_kk,
        "purpose_ru": "Новое назначение",
        "coverage": "republican",
        "interaction_format": "online",
        "justification": "Переход в онлайн",
        "signer_name": "А. С.",
        "signer_position": "Вице-министр",
    }
    response = client.post(f"/ru/registry/channels/{channel.number}/change/", form)
    request = EntryRequest.objects.get(kind="change")
    assert response.status_code == 302 and request.new_wording["interaction_format"] == "online"
    client.force_login(analyst)
    client.post(f"/ru/registry/requests/{request.pk}/enter/")
    channel.refresh_from_db()
    assert channel.interaction_format == "online" and channel.status == Channel.Status.CHANGED
    # a removed entry offers no change: the form answers with the reason
    client.force_login(registry[1].body.memberships.get().user)
    page = client.post(f"/ru/registry/channels/{registry[1].number}/change/", {**form, "name_ru": "x"})
    assert "исключён из Реестра" in page.content.decode()
