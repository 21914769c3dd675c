"""Fixtures of the registry's tests: the clock, tasks run at once, media in a temporary directory."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from ashyq.registry import deadlines


@pytest.fixture(autouse=True)
def fast_settings(settings: Any, tmp_path: Any) -> None:
    """Uploaded files in a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime.date], None]:
    """``clock(date)`` makes every registry term read ``date`` as today."""

    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr(deadlines, "today", lambda: day)

    return set_today
