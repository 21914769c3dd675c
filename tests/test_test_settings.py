"""The suite's own settings (issue 16 item 3): reproducible property tests in CI, uploads kept out of var/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_uploads_go_to_the_sessions_temporary_folder(media_folder: Path) -> None:
    assert Path(settings.MEDIA_ROOT) == media_folder
    assert not Path(settings.MEDIA_ROOT).is_relative_to(settings.VAR_DIR)


def test_hypothesis_is_derandomized_when_ci_is_set() -> None:
    # given the CI variable, when the suite's conftest is loaded, then Hypothesis runs the "ci" profile
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ashyq.settings'); django.setup();"
        "import tests.conftest; from hypothesis import settings as s;"
        "print(s.default.derandomize, s.default.database)"
    )
    for ci, expected in (("true", "True None"), ("", "False")):
        chosen = {"CI", "ASHYQ_HYPOTHESIS_PROFILE"}
        env = {key: value for key, value in os.environ.items() if key not in chosen} | ({"CI": ci} if ci else {})
        run = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
        )
        assert run.stdout.strip().startswith(expected), run.stdout
