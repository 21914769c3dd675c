"""Issue 11 item 6: the draft report ends with its date and the first head's signature block (PDF and DOCX)."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import timezone

from tests.documents import pdf_text
from tests.feedback.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_the_draft_report_ends_with_its_date_and_the_signature_block(client, officer_a, body_a):
    """Issue 11 item 6: the document's date and the first head's signature block, in the PDF and the DOCX."""
    source = SourceFactory(body=body_a)
    client.force_login(officer_a)
    today = timezone.localdate().strftime("%d.%m.%Y")
    text = pdf_text(client.get(f"/ru/feedback/sources/{source.pk}/report-ru.pdf").content)
    assert f"Составлено {today}" in text and "(подпись)" in text and "Первый руководитель" in text
    document = docx.Document(io.BytesIO(client.get(f"/kk/feedback/sources/{source.pk}/report-kk.docx").content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert f"Жасалған күні: {today}" in paragraphs and any("(қолы)" in line for line in paragraphs)
