"""What every page needs to know about the person reading it (navigation only; checks live in services)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from ashyq.core.permissions import body_ids_for, is_authorized_staff


def roles(request: HttpRequest) -> dict[str, object]:
    # An error page for a request refused before authentication (a bad Host header) has no user yet.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "is_authorized_staff": is_authorized_staff(user),
        "acts_for_a_body": bool(body_ids_for(user)),
        # Each language named in itself, untranslated, so a reader finds their own (WCAG 3.1.2 via lang=).
        "language_choices": settings.LANGUAGES,
    }
