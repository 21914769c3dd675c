"""schemathesis hooks for bench/api_fuzz.py's signed-in run: the CSRF token a browser's script sends with a POST.

The session cookie is given to schemathesis as the schema's ``SessionAuth`` scheme (so its authentication
checks know what to remove); the CSRF cookie and header are not part of the schema and are added here.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

TOKEN = os.environ.get("ASHYQ_FUZZ_CSRF", "")


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if TOKEN:
        case.cookies = {**(case.cookies or {}), "csrftoken": TOKEN}
        case.headers = {**(case.headers or {}), "X-CSRFToken": TOKEN}
