"""Downloads: the type follows the file's extension, and the name survives in Kazakh and Russian."""

from __future__ import annotations

import pytest

from ashyq.reports.http import document_response


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("registry-kk.pdf", "application/pdf"),
        ("feedback-items.csv", "text/csv; charset=utf-8"),
        ("meetings-2026-h1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("application-7-ru.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_a_document_downloads_with_the_type_of_its_extension(filename: str, content_type: str) -> None:
    response = document_response(b"content", filename=filename)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content == b"content"


def test_a_kazakh_file_name_is_encoded_for_the_browser() -> None:
    response = document_response(b"x", filename="есеп.pdf")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%D0%B5%D1%81%D0%B5%D0%BF.pdf"


def test_an_unknown_kind_of_document_is_refused() -> None:
    with pytest.raises(KeyError):
        document_response(b"x", filename="run.exe")
