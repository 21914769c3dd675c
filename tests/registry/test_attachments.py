"""Attachments: documents only, checked by extension and content, within the size limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.registry.attachments import validate_attachment, validate_attachments
from tests.registry.factories import pdf_upload


def test_a_real_pdf_passes() -> None:
    validate_attachment(pdf_upload())


def test_a_disallowed_type_is_refused_with_its_name() -> None:
    with pytest.raises(ValidationError, match=r"run\.exe"):
        validate_attachment(SimpleUploadedFile("run.exe", b"MZ\x90\x00"))


def test_a_renamed_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="PDF"):
        validate_attachment(SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf"))


def test_a_file_over_the_limit_is_refused(settings: Any) -> None:
    settings.ASHYQ_UPLOAD_LIMIT_MB = 1
    with pytest.raises(ValidationError, match="1 MB"):
        validate_attachment(pdf_upload(size=1024 * 1024 + 1))


def test_every_bad_file_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_attachments([SimpleUploadedFile("a.exe", b"x"), pdf_upload(), SimpleUploadedFile("b.sh", b"x")])
    assert len(caught.value.messages) == 2
