"""Domain errors shared by every app (STYLE "In Ashyq": InvalidTransition distinct from PermissionDenied)."""

from __future__ import annotations


class InvalidTransition(Exception):
    """A lifecycle step that the current state does not allow (HTTP 409, never 403)."""

    def __init__(self, message: str, *, code: str = "invalid_transition") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
