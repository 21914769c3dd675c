"""Issue 11 item 4: the F page (000 §22–23) as people read it: one line per body, numbers per language, bodies that
received nothing marked and never ranked above those that reported, sortable, exported, charted."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.feedback.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db

# the factories' items are of 2026; the page shows the current year unless asked (no test depends on today)
YEAR = {"year": 2026}


@pytest.fixture
def reported(body_a):
    """Body A: 3 remarks (1 accepted) and no comments → F = (1 / 3) × 1 × 100 % = 33,3… % (exact, shown 33,3)."""
    source = SourceFactory(body=body_a)
    ItemFactory(source=source, status="accepted", reference="Приказ № 1, п. 2")
    ItemFactory.create_batch(2, source=source)
    return body_a


def _rows(html: str) -> list[str]:
    body = html[html.index('class="table compact"') :]
    return re.findall(r'<tr>\s*<td><a href="/ru/feedback/summary/\d+/[^"]*">([^<]+)</a>', body)


def test_a_body_that_received_nothing_is_marked_and_never_ranked_above_one_that_reported(
    client, analyst, reported, body_b
):
    client.force_login(analyst)
    html = client.get("/ru/feedback/summary/", {"sort": "-f", **YEAR}).content.decode()
    order = _rows(html)
    assert order.index(str(reported)) < order.index(str(body_b))
    line_b = html[html.index(str(body_b)) :][:300]
    assert "ничего не поступало" in line_b
    assert ">33,3<" in html
    assert "f_when_nothing_received" not in html and "33,33" not in html and "33.3" not in html
    by_name = _rows(client.get("/ru/feedback/summary/", {"sort": "body", **YEAR}).content.decode())
    assert (
        by_name[0] == str(reported)
        and 'aria-sort="ascending"' in client.get("/ru/feedback/summary/", {"sort": "body", **YEAR}).content.decode()
    )


def test_the_distribution_is_drawn_on_the_server_with_its_data_table(client, analyst, reported):
    client.force_login(analyst)
    html = client.get("/kk/feedback/summary/", YEAR).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == 5  # the four bands of 000 §23 and «received nothing»
    assert "<script" not in svg and "style=" not in svg
    assert "Диаграмма деректері" in html


def test_the_table_is_exported_as_csv_and_xlsx(client, analyst, reported, body_b):
    client.force_login(analyst)
    answer = client.get("/ru/feedback/summary/", {"export": "csv", "sort": "-f", **YEAR})
    assert answer["Content-Disposition"].endswith('indicator-f.csv"')
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Государственный орган"
    by_body = {row[0]: row for row in rows[1:]}
    assert by_body[str(reported)][7] == "33.3" and by_body[str(reported)][1] == "3"
    assert by_body[str(body_b)][9] == "ничего не поступало"
    workbook = load_workbook(io.BytesIO(client.get("/ru/feedback/summary/", {"export": "xlsx", **YEAR}).content))
    sheet = workbook.active
    assert (
        "F" in sheet.cell(row=1, column=1).value and str(sheet.cell(row=2, column=1).value) == "Государственный орган"
    )
    assert any(row[0] == str(reported) for row in sheet.iter_rows(min_row=3, values_only=True))


def test_the_body_page_explains_f_without_internal_names(client, analyst, reported, body_b):
    client.force_login(analyst)
    html = client.get(f"/ru/feedback/summary/{reported.pk}/", YEAR).content.decode()
    assert "(1 / 3) × 1 × 100 % ≈ 33,3 %" in html and "E / G = 1" in html
    nothing = client.get(f"/ru/feedback/summary/{body_b.pk}/", YEAR).content.decode()
    assert "За период ничего не поступало" in nothing and "f_when_nothing_received" not in nothing
