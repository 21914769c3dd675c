"""A CSV (UTF-8 or cp1251, comma, semicolon or tab) or XLSX file as (line number, row dict) pairs.

Streams the file: a million-row CSV is never held in memory whole, an XLSX is read by openpyxl's read-only
(streaming) reader only after its unpacked size and entry count passed ``ashyq.core.uploads``. A damaged
XLSX and a NUL byte in a CSV are each refused with their own message. Header names are matched without
case and surrounding spaces, through the aliases of the format being read.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ashyq.core.uploads import check_zip_package

XLSX_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 1 << 20
ENCODINGS = ("auto", "utf-8", "cp1251")


class FileRefused(Exception):
    """The whole file cannot be read (empty, wrong encoding, missing columns); ``line`` where it failed."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Table:
    """A file opened for reading: its kind and an estimate of its rows, for the progress bar."""

    handle: IO[bytes]
    is_xlsx: bool
    encoding: str

    def estimate_rows(self) -> int:
        self.handle.seek(0)
        if self.is_xlsx:
            sheet = _first_sheet(self.handle)
            count = max((sheet.max_row or 1) - 1, 0)
        else:
            count = sum(chunk.count(b"\n") for chunk in iter(lambda: self.handle.read(SNIFF_BYTES), b""))
        self.handle.seek(0)
        return count


def open_table(handle: IO[bytes], *, encoding: str = "auto") -> Table:
    """Recognise XLSX by its signature; for CSV choose the encoding (``auto``: UTF-8 unless the first
    megabyte is not valid UTF-8, then cp1251)."""
    handle.seek(0)
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not head.strip():
        raise FileRefused(_("The file is empty."))
    if head.startswith(XLSX_MAGIC):
        try:
            check_zip_package(handle, _("The XLSX file"))
        except ValidationError as refused:
            raise FileRefused(refused.messages[0]) from None
        return Table(handle, True, "")
    if encoding not in ENCODINGS:
        raise FileRefused(_("Unknown encoding %(encoding)s.") % {"encoding": encoding})
    if encoding == "auto":
        encoding = "utf-8"
        try:
            head.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the sample's end
                encoding = "cp1251"
    return Table(handle, False, encoding)


def _normalise(name: Any) -> str:
    return " ".join(str(name or "").replace("\ufeff", "").split()).lower()


def _columns(header: list[Any], aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]) -> dict[str, int]:
    lookup = {alias: key for key, names in aliases.items() for alias in (key, *names)}
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = lookup.get(_normalise(name))
        if key is not None and key not in positions:
            positions[key] = index
    missing = [key for key in required if key not in positions]
    if missing:
        raise FileRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return positions


def _csv_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    text = io.TextIOWrapper(
        table.handle, encoding="utf-8-sig" if table.encoding == "utf-8" else table.encoding, errors="strict", newline=""
    )
    line = 1
    try:
        sample = text.read(8192)
        text.seek(0)
        first_line = sample.splitlines()[0] if sample else ""
        delimiter = max((",", ";", "\t"), key=first_line.count)
        reader = csv.reader(text, delimiter=delimiter)
        for row in reader:
            if any("\x00" in cell for cell in row):
                raise FileRefused(
                    _(
                        "Line %(line)s holds a NUL byte, which a CSV file cannot contain: the file may be UTF-16 or "
                        "not a text file. Save it as CSV in UTF-8 and upload it again."
                    )
                    % {"line": line},
                    line,
                )
            yield line, [cell.strip() for cell in row]
            line = reader.line_num + 1
    except UnicodeDecodeError:
        raise FileRefused(
            _("The file is not in the %(encoding)s encoding (near line %(line)s): save it as UTF-8 or choose cp1251.")
            % {"encoding": table.encoding, "line": line},
            line,
        ) from None
    except csv.Error as error:
        raise FileRefused(
            _("The CSV is broken near line %(line)s: %(error)s") % {"line": line, "error": error}, line
        ) from None
    finally:
        text.detach()  # the caller owns the binary handle and reads it again


def _damaged(line: int = 1) -> FileRefused:
    return FileRefused(_("The XLSX file cannot be opened; it may be damaged."), line)


def _first_sheet(handle: IO[bytes]) -> Any:
    """The first sheet of the workbook opened read-only (streaming); a damaged file is refused."""
    from openpyxl import load_workbook

    try:
        return load_workbook(handle, read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises zip, XML, key and value errors alike for a damaged file
        raise _damaged() from None


def _xlsx_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    rows = _first_sheet(table.handle).iter_rows(values_only=True)
    line = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception:  # a sheet's XML cut short or broken past the first rows
            raise _damaged(line + 1) from None
        line += 1
        yield line, [_cell(value) for value in row]


def read_rows(
    table: Table, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {column key: value}) for each non-empty data row; text stripped, dates kept as dates."""
    table.handle.seek(0)
    rows = _xlsx_rows(table) if table.is_xlsx else _csv_rows(table)
    header_seen = False
    positions: list[tuple[str, int]] = []
    for line, row in rows:
        if not any(row):
            continue
        if not header_seen:
            positions, header_seen = list(_columns(row, aliases, required).items()), True
            continue
        width = len(row)
        yield line, {key: row[index] if index < width else "" for key, index in positions}
    if not header_seen:
        raise FileRefused(_("The file has no header row."))


def _cell(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
