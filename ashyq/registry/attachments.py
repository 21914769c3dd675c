"""Which files may be attached to an application or a request (issue 6 "Bad input").

Documents and scans only: the extension must be one of ``SIGNATURES`` and the file's first bytes must
match that format's signature (a renamed executable is refused); size up to ``ASHYQ_UPLOAD_LIMIT_MB``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "doc": OLE,
    "xls": OLE,
    "rtf": (b"{\\rtf",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
MAX_FILES = 10


def upload_limit_bytes() -> int:
    return int(settings.ASHYQ_UPLOAD_LIMIT_MB) * 1024 * 1024


def validate_attachment(upload: UploadedFile) -> None:
    """Raise ``ValidationError`` naming the file when its type or size is not allowed."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: files of this type cannot be attached; allowed: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(SIGNATURES))}
        )
    if (upload.size or 0) > upload_limit_bytes():
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": name, "limit": settings.ASHYQ_UPLOAD_LIMIT_MB}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(_("%(name)s is not a real %(type)s file.") % {"name": name, "type": extension.upper()})


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
