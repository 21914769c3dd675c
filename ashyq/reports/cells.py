"""Values as they go into a spreadsheet or CSV cell, never as a formula (issue 5 "Bad input", issue 15 item 3).

A text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula
by Excel or LibreOffice when the export is opened; such text is prefixed with an apostrophe (OWASP CSV
injection guidance). Numbers, dates and decimals stay typed.

A CSV is opened with the list separator of the reader's Excel: ``;`` in a Kazakh or Russian Windows, ``,``
in an English one, whatever the file was written with. So in a CSV cell the same prefix also goes before a
formula character that follows a separator (``,`` ``;`` tab, line break) or a quote, optionally after spaces:
``citizen;=1+2`` becomes ``citizen;'=1+2``, and no piece of a cell split at either separator is a formula.
"""

from __future__ import annotations

import datetime
import decimal
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_AFTER_SEPARATOR = re.compile(r"""([,;\t\r\n"][ ]*)([=+\-@])""")


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet shows and never executes."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, decimal.Decimal, datetime.date, datetime.datetime)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_csv_cell(value: Any) -> Any:
    """``safe_cell`` for a CSV: also safe when the file is split at ``;`` or ``,`` (see the module's note)."""
    cell = safe_cell(value)
    return FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", cell) if isinstance(cell, str) else cell
