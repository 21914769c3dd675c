"""The conclusion (002 Annex 8) as PDF and DOCX, A4, in Kazakh and Russian, and from ``score openness``."""

from __future__ import annotations

import io
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

from ashyq.evaluation.conclusion import Conclusion
from ashyq.evaluation.conclusion_documents import conclusion_docx, conclusion_file, conclusion_pdf
from ashyq.evaluation.conclusion_input import conclusion_from_json
from tests.documents import pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
ON = date(2026, 1, 1)


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def defence(lang: str) -> Conclusion:
    return conclusion_from_json(example("openness.json"), example("conclusion.json"), language=lang, on=ON)  # type: ignore[arg-type]


def docx_text(content: bytes) -> tuple[Any, str]:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_russian_pdf_is_a4_and_reads_as_the_form_with_the_final_score() -> None:
    content = conclusion_pdf(defence("ru"))
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
    text = pdf_text(content)
    assert "Приложение 8 к Методике операционной оценки" in text
    assert "Министерство обороны Республики Казахстан" in text
    assert "01.01.2025 – 31.12.2025" in text
    assert "Итоговая оценка с учетом вычета штрафных баллов 83,93 100" in text
    assert "Вычет штрафных баллов −3,38 0" in text
    assert "1) по критерию «Открытые данные»" in text
    assert "Выводы и рекомендации:" in text
    assert "Руководитель уполномоченного органа" in text and "А. Б. Сейітов" in text
    assert "«2» марта 2026 года" in text


def test_the_kazakh_pdf_holds_annex_8s_wording() -> None:
    text = pdf_text(conclusion_pdf(defence("kk")))
    assert "Айыппұл балдарын шегеруді есепке ала отырып, қорытынды баға 83,93 100" in text
    assert "Қазақстан Республикасы Қорғаныс министрлігі" in text
    assert "Уәкілетті органның басшысы" in text
    assert "(қолы)" in text and "(қолдың мағынасын ашу)" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", ["Өлшемдер бойынша жалпы баға", "Қорытынды мен ұсынымдар:", "«2» наурыз 2026 жыл"]),
        ("ru", ["Общая оценка по критериям", "Выводы и рекомендации:", "«2» марта 2026 года"]),
    ],
)
def test_the_docx_is_a4_in_its_language_with_the_final_score(lang: str, expected: list[str]) -> None:
    document, text = docx_text(conclusion_docx(defence(lang)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, stored in twips
    table = document.tables[0]
    assert [cell.text for cell in table.rows[-1].cells][2:] == ["83,93", "100"]
    assert len(table.rows) == 1 + 7 + 3
    for line in expected:
        assert line in text


def test_the_file_name_names_the_body_language_and_format() -> None:
    _content, name = conclusion_file(defence("kk"), "docx")
    assert name == "conclusion-ministry-of-defence-kk.docx"


def run(*args: str) -> str:
    out = StringIO()
    call_command(
        "score", "openness", "--input", str(EXAMPLES / "openness.json"), "--on", "2026-01-01", *args, stdout=out
    )
    return out.getvalue()


def test_the_command_writes_the_conclusion_of_the_named_body(tmp_path: Path) -> None:
    output = tmp_path / "c.pdf"
    args = ("--conclusion", "pdf", "--details", str(EXAMPLES / "conclusion.json"), "--language", "ru")
    printed = run(*args, "--output", str(output))
    assert printed == f"{output}: conclusion of ministry-of-defence (PDF, ru), final score with penalty 83,93\n"
    assert "Итоговая оценка с учетом вычета штрафных баллов 83,93" in pdf_text(output.read_bytes())


def write(tmp_path: Path, details: dict[str, Any]) -> str:
    path = tmp_path / "details.json"
    path.write_text(json.dumps(details, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(body="ministry-of-navy"), r"body: 'ministry-of-navy' is not a body of the input"),
        (lambda d: d.pop("head"), r"head: is required"),
        (lambda d: d.update(head="  "), r"head: must be a non-empty text"),
        (lambda d: d["period"].update(end="2024-12-31"), r"period.end: must not be before period.start"),
        (lambda d: d.update(signed_on="2026-02-30"), r"signed_on: must be a date YYYY-MM-DD"),
        (lambda d: d["body_name"].pop("ru"), r"body_name.ru: is required"),
        (lambda d: d.update(colour="red"), r"colour: unknown field"),
        (lambda d: d.update(recommendations={"en": "x"}), r"recommendations.en: unknown field"),
    ],
)
def test_bad_details_are_refused_naming_the_field_and_nothing_is_written(
    tmp_path: Path, change: Any, message: str
) -> None:
    details = example("conclusion.json")
    change(details)
    output = tmp_path / "c.docx"
    with pytest.raises(CommandError, match=message):
        run("--conclusion", "docx", "--details", write(tmp_path, details), "--language", "kk", "--output", str(output))
    assert not output.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--conclusion", "pdf", "--language", "en", "--details", "x", "--output", "y"), "--language kk or ru"),
        (("--conclusion", "pdf", "--language", "kk"), "--details FILE and --output FILE"),
        (("--output", "y"), "--details and --output go with --conclusion"),
    ],
)
def test_incomplete_conclusion_options_are_refused(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
