"""Demo records of the methodology app (``manage.py demo_load``): every data file loaded as a version.

The same path as ``manage.py methodology_load``; idempotent, as loading an unchanged file is a no-op.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from ashyq.methodology import versions as v
from ashyq.methodology.services import methodology_version_load


def load(accounts: dict[str, User]) -> None:
    """Load every file of ``methodology/data/`` by the system (the analyst reads them on the pages)."""
    for path in sorted(v.DATA_DIR.glob("*.toml")):
        methodology_version_load(version=v.read_version_file(path), actor=None)
