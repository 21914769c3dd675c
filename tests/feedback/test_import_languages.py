"""Issue 11 item 5: the import template is headed in the reader's language, a file headed and filled in Kazakh or
Russian imports, and a row's error names the column in the reader's words (not "text бос")."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from ashyq.feedback.documents import import_template
from ashyq.feedback.importing.rows import RowError, status_of, template_row
from ashyq.feedback.models import ItemStatus
from tests.feedback.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _header(content: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_template_is_headed_in_the_readers_language(client):
    assert _header(import_template(file_format="csv", template="template", language="kk"))[:4] == [
        "№",
        "түрі",
        "автор",
        "мәтін",
    ]
    answer = client.get("/ru/feedback/templates/template.csv")
    assert _header(answer.content)[1:4] == ["вид", "автор", "текст"]


def test_kazakh_and_russian_status_words_are_read():
    assert status_of("қабылданды") == ItemStatus.ACCEPTED
    assert status_of("не принято") == ItemStatus.REJECTED
    assert status_of("accepted") == ItemStatus.ACCEPTED


def test_an_empty_text_is_named_in_the_readers_words(body_a):
    source = SourceFactory(body=body_a)
    row = {"external_id": "A-1", "kind": "ескерту", "text": "", "received_at": "2026-09-05"}
    for language, expected in (("kk", "«мәтін»"), ("ru", "«текст»")):
        with translation.override(language), pytest.raises(RowError) as refused:
            template_row(row, source)
        assert expected in str(refused.value) and "text " not in str(refused.value)
