"""Typing of requests that passed authentication (``login_required`` views, ``django_auth`` endpoints)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """A request whose user is a real, logged-in person."""

    user: User
