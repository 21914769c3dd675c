"""``manage.py methodology_load [--file F]``: one summary line per file, idempotent, a broken file refused."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ashyq.core.models import AuditEvent
from ashyq.methodology.models import MethodologyVersion
from tests.methodology.conftest import FEEDBACK_FILE, OPENNESS_FILE, edited_copy

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command("methodology_load", *args, stdout=out)
    return out.getvalue().splitlines()


def test_every_file_is_loaded_with_one_summary_line() -> None:
    lines = _run()

    assert [line.split(":")[0] for line in lines] == ["feedback-2024-33916.toml", "openness-2025-36070.toml"]
    assert lines[1].startswith(
        "openness-2025-36070.toml: loaded openness-2025 (No. 36070, in force from 2025-05-17): "
        "7 criteria, 60 indicators, 11 bands, 16 parameters; SHA-256 "
    )
    assert lines[0].startswith(
        "feedback-2024-33916.toml: loaded feedback-2024 (No. 33916, in force from 2024-01-30): "
        "3 criteria, 0 indicators, 4 bands, 3 parameters; SHA-256 "
    )
    assert MethodologyVersion.objects.count() == 2


def test_running_it_twice_reports_unchanged_and_writes_nothing() -> None:
    _run()
    lines = _run()

    assert [line.split(" ")[1] for line in lines] == ["unchanged", "unchanged"]
    assert MethodologyVersion.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="methodology.version.loaded").count() == 2


def test_one_file_by_name_or_path() -> None:
    assert _run("--file", "feedback-2024-33916.toml")[0].startswith("feedback-2024-33916.toml: loaded")
    assert _run("--file", str(OPENNESS_FILE))[0].startswith("openness-2025-36070.toml: loaded")
    with pytest.raises(CommandError, match=r"nowhere\.toml: no such file"):
        _run("--file", "nowhere.toml")


def test_a_file_with_overlapping_bands_is_refused_naming_the_line(tmp_path: Path) -> None:
    # given a copy of the 002 file whose satisfaction band "69–79 %" now starts at 68 (overlapping 58–68)
    broken = edited_copy(tmp_path, OPENNESS_FILE, ('lower = "69"', 'lower = "68"'))
    line = OPENNESS_FILE.read_text(encoding="utf-8").splitlines().index('id = "t7-1.3"') + 1

    # when it is loaded, then the loader's message names the file, the line and the clause; nothing is written
    with pytest.raises(CommandError) as error:
        _run("--file", str(broken))
    assert str(error.value) == (
        f"openness-2025-36070.toml line {line}: 002 Annex 10 table 7-1 item 3: band [68, 80] overlaps [58, 69)"
    )
    assert not MethodologyVersion.objects.exists()


def test_a_changed_file_of_a_loaded_version_is_refused_and_nothing_else_is_loaded(tmp_path: Path) -> None:
    # given the feedback version loaded, and its file changed in place (another display precision)
    _run("--file", str(FEEDBACK_FILE))
    changed = edited_copy(tmp_path, FEEDBACK_FILE, ("value = 1", "value = 2"))

    # when the command loads it, then it stops with the reason and exits non-zero
    with pytest.raises(CommandError, match=r"feedback version No\. 33916 in force from 2024-01-30 is already loaded"):
        _run("--file", str(changed))
    assert MethodologyVersion.objects.count() == 1
