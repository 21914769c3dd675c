"""Which files may be attached to an application or a request (issue 6 "Bad input").

Documents and scans only: the rules of every upload (``ashyq.core.uploads``) with the extensions of
``SIGNATURES``: the file's first bytes must match its format (a renamed executable is refused), size up to
``ASHYQ_UPLOAD_LIMIT_MB``, a zip-based document within the unpacked-size and entry limits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ashyq.core.uploads import SIGNATURES, check_upload

MAX_FILES = 10


def validate_attachment(upload: UploadedFile) -> None:
    """Raise ``ValidationError`` naming the file when its type, size or contents are not allowed."""
    check_upload(upload, types=SIGNATURES)


def validate_attachments(uploads: list[UploadedFile]) -> None:
    """Every file checked before anything is saved; all problems reported at once."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("At most %(count)s files can be attached at once.") % {"count": MAX_FILES})
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            validate_attachment(upload)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
