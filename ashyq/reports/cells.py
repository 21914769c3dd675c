"""Values as they go into a spreadsheet or CSV cell, never as a formula (issue 5 "Bad input").

A text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula
by Excel or LibreOffice when the export is opened; such text is prefixed with an apostrophe (OWASP CSV
injection guidance). Numbers, dates and decimals stay typed.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet shows and never executes."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, decimal.Decimal, datetime.date, datetime.datetime)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
