"""Methodology fixtures: the data files loaded into the database through the service, as the command does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ashyq.methodology.models import MethodologyVersion
from ashyq.methodology.services import methodology_version_load
from ashyq.methodology.versions import DATA_DIR, read_version_file

OPENNESS_FILE = DATA_DIR / "openness-2025-36070.toml"
FEEDBACK_FILE = DATA_DIR / "feedback-2024-33916.toml"


def edited_copy(tmp_path: Path, source: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of a data file under the same name with each (old, new) replaced once."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def openness(db: None) -> MethodologyVersion:
    return methodology_version_load(version=read_version_file(OPENNESS_FILE), actor=None).version


@pytest.fixture
def feedback(db: None) -> MethodologyVersion:
    return methodology_version_load(version=read_version_file(FEEDBACK_FILE), actor=None).version
