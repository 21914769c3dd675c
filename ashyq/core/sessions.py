"""Sessions that end after a pause, not in the middle of a working day (issue 15 item 5, ADR 0095).

A signed-in session ends ``SESSION_COOKIE_AGE`` seconds (``ASHYQ_SESSION_HOURS``) after its holder's last
request. Django's ``SESSION_SAVE_EVERY_REQUEST`` would give the same sliding expiry at the cost of a database
write on every page; here the expiry is pushed forward at most once every ``ASHYQ_SESSION_REFRESH_SECONDS``,
so a busy officer's session costs one write per few minutes and the session still ends at most that many
seconds earlier than an exact idle timeout would.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REFRESHED_AT = "_ashyq_refreshed_at"


@receiver(user_logged_in, dispatch_uid="ashyq.core.sessions.mark_log_in")
def mark_log_in(*, request: HttpRequest | None, **kwargs: object) -> None:
    """Log-in writes the session anyway: it counts as the first extension, so the next page writes nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_AT] = int(time.time())


class SessionExtendMiddleware:
    """Extends a signed-in session while it is used. Listed after the session and authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # The session's own key, not request.user: an anonymous request must not load a session or a user.
        if session is not None and session.session_key and SESSION_KEY in session:
            now = int(time.time())
            if now - int(session.get(REFRESHED_AT, 0)) >= settings.ASHYQ_SESSION_REFRESH_SECONDS:
                session[REFRESHED_AT] = now  # modified: SessionMiddleware saves it with a new expiry and cookie
        return response
