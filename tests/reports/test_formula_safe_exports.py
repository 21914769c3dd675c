"""No cell of any CSV or XLSX export is a formula, whatever the list separator of the Excel that opens it
(issue 15 item 3): a Kazakh or Russian Excel splits a CSV at ``;``, an English one at ``,``."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ashyq.feedback.models import ItemKind
from ashyq.reports.cells import safe_csv_cell
from ashyq.reports.xlsx import csv_table, xlsx_table
from tests.feedback.factories import ItemFactory, SourceFactory
from tests.registry.factories import accredited_channel

pytestmark = pytest.mark.django_db

HOSTILE = [
    "citizen;=1+2",
    "citizen,=1+2",
    "a; -2+3",
    'quoted";@SUM(A1)',
    'line\n=HYPERLINK("http://x")',
    "=cmd|' /C calc'!A0",
    "+7 701 000 00 00",
    "tab\t=1",
]
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def formula_cells(content: bytes) -> list[str]:
    """Every cell that Excel would run as a formula when it splits the file at ``;`` or at ``,``."""
    text = content.decode("utf-8-sig")
    found = []
    for separator in (";", ","):
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            for cell in row:
                for piece in cell.splitlines() or [""]:  # a line break inside a cell may start a row too
                    start = piece.lstrip(' "')
                    if start[:1] in {"=", "+", "-", "@"} and not NUMBER.match(start):
                        found.append(start)
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_the_csv_writer_never_writes_a_formula_for_either_separator(text: str) -> None:
    content = csv_table(headers=["id", "text", "count"], rows=[[1, text, -5]])
    assert formula_cells(content) == []
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1][2] == "-5"  # a number stays a number


def test_the_text_is_kept_readable() -> None:
    """Only a formula character after a separator gets the apostrophe; the rest of the text is as typed."""
    assert safe_csv_cell("citizen;=1+2") == "citizen;'=1+2"
    assert safe_csv_cell("Пункт 5, пункт 7; всё верно") == "Пункт 5, пункт 7; всё верно"
    assert safe_csv_cell(-5) == -5


def test_the_xlsx_writer_never_writes_a_formula() -> None:
    sheet = load_workbook(io.BytesIO(xlsx_table(title="t", headers=HOSTILE, rows=[HOSTILE]))).active
    assert sheet is not None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type == "s" and not str(cell.value).startswith(("=", "+", "-", "@"))


def test_every_csv_export_of_the_pages_is_formula_free(client, analyst, officer_a, body_a) -> None:
    """The items list, the import templates and the public registry, each with hostile text in every field."""
    source = SourceFactory(body=body_a, title_ru=HOSTILE[0], title_kk=HOSTILE[1])
    for index, text in enumerate(HOSTILE):
        ItemFactory(source=source, kind=ItemKind.COMMENT, text=text, author=HOSTILE[-index - 1], clause=text)
    accredited_channel(body=body_a, officer=officer_a, analyst=analyst, name_kk=HOSTILE[0], name_ru=HOSTILE[2])
    client.force_login(analyst)
    exports = {
        "items": client.get(reverse("feedback:item_list"), {"export": "csv"}),
        "registry": client.get(reverse("registry:registry_export", kwargs={"fmt": "csv"})),
        **{
            f"template {name}": client.get(reverse("feedback:import_template", args=[name, "csv"]))
            for name in ("template", "npa_portal")
        },
    }
    for name, response in exports.items():
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/csv"), name
        assert formula_cells(response.content) == [], name
    assert len(list(csv.reader(io.StringIO(exports["items"].content.decode("utf-8-sig"))))) == len(HOSTILE) + 1
