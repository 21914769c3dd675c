"""One set of rules for every uploaded file: imports, attachments, report files (issue 15 item 2, rule 13).

- at most ``ASHYQ_UPLOAD_LIMIT_MB`` megabytes, never empty;
- when the caller names the allowed types, the extension is one of them and the first bytes match the
  type's signature (a renamed executable is refused);
- a zip package (XLSX, DOCX, ODT, ODS) is opened as a zip *before* any parser sees it: it must be a readable
  zip of at most ``ASHYQ_XLSX_MAX_ENTRIES`` entries that unpack to at most ``ASHYQ_XLSX_MAX_UNPACKED_MB``
  megabytes, so a "zip bomb" (a 1 MB XLSX of shared strings unpacking to 1 GiB) is refused before memory
  grows. Python's zip reader never unpacks more than an entry declares, so the declared sizes bound it.

``check_upload`` raises ``ValidationError`` naming the file; the importers turn it into their own refusal.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import IO

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
MB = 1024 * 1024


def upload_limit_bytes() -> int:
    return int(settings.ASHYQ_UPLOAD_LIMIT_MB) * MB


def check_zip_package(handle: IO[bytes], name: str) -> None:
    """A readable zip whose entry count and unpacked size are within the limits; the handle is rewound."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise ValidationError(
            _("%(name)s is damaged and cannot be opened; save it again and upload the new file.") % {"name": name},
            code="damaged",
        ) from None
    finally:
        handle.seek(0)
    if len(entries) > settings.ASHYQ_XLSX_MAX_ENTRIES:
        raise ValidationError(
            _("%(name)s holds more than %(limit)s parts inside; it cannot be read.")
            % {"name": name, "limit": settings.ASHYQ_XLSX_MAX_ENTRIES},
            code="too_many_entries",
        )
    if sum(entry.file_size for entry in entries) > settings.ASHYQ_XLSX_MAX_UNPACKED_MB * MB:
        raise ValidationError(
            _("%(name)s unpacks to more than %(limit)s MB; it cannot be read. Split it into smaller files.")
            % {"name": name, "limit": settings.ASHYQ_XLSX_MAX_UNPACKED_MB},
            code="unpacks_too_large",
        )


def check_upload(upload: UploadedFile, *, types: Iterable[str] | None = None) -> None:
    """Raise ``ValidationError`` naming the file when its size, type or (for a zip package) contents break
    the rules; ``types`` the allowed extensions (keys of ``SIGNATURES``), None for any (a CSV import)."""
    name = upload.name or ""
    if not upload.size:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    if upload.size > upload_limit_bytes():
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": name, "limit": settings.ASHYQ_UPLOAD_LIMIT_MB},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if types is not None:
        allowed = sorted(types)
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in allowed:
            raise ValidationError(
                _("%(name)s: files of this type cannot be attached; allowed: %(types)s.")
                % {"name": name, "types": ", ".join(allowed)},
                code="type",
            )
        if not head.startswith(SIGNATURES[extension]):
            raise ValidationError(
                _("%(name)s is not a real %(type)s file.") % {"name": name, "type": extension.upper()}, code="signature"
            )
    if head.startswith(ZIP):
        check_zip_package(upload, name)
