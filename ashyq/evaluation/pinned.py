"""The methodology version a campaign pinned, read from the data file it was loaded from (ADR 0004)."""

from __future__ import annotations

import functools
from typing import cast

from ashyq.methodology.models import MethodologyVersion
from ashyq.methodology.versions import DATA_DIR, FeedbackVersion, OpennessVersion, read_version_file


class PinnedVersionChanged(RuntimeError):
    """The data file of a pinned version no longer matches the loaded one (it must never change)."""


@functools.cache
def _read_any(file_name: str, sha256: str) -> FeedbackVersion | OpennessVersion:
    version_file = read_version_file(DATA_DIR / file_name)
    if version_file.sha256 != sha256:
        raise PinnedVersionChanged(
            f"{file_name}: SHA-256 {version_file.sha256[:12]} differs from the loaded {sha256[:12]}; "
            "a loaded version never changes (ADR 0004)"
        )
    return version_file.version


def _read(file_name: str, sha256: str) -> OpennessVersion:
    return cast(OpennessVersion, _read_any(file_name, sha256))


def pinned_version(row: MethodologyVersion) -> OpennessVersion:
    """The openness version of a loaded row, validated and cached per file and hash."""
    return _read(row.source_file, row.sha256)


def pinned_feedback_version(row: MethodologyVersion) -> FeedbackVersion:
    """The feedback version (000 chapter 3) an F evaluation pinned, read from its data file like the openness one."""
    return cast(FeedbackVersion, _read_any(row.source_file, row.sha256))
