"""Typed environment readers and the settings' clear errors (issue 3 item 7, "Bad input")."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ashyq.core.env import env_bool, env_choice, env_date, env_int, env_list, env_secret

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_only_exact_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "yep")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='yep' is not a boolean"):
        env_bool("X_FLAG", False)


def test_env_int_checks_number_and_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "7")
    assert env_int("X_NUM", 1) == 7
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        env_int("X_NUM", 1, minimum=1)
    monkeypatch.setenv("X_NUM", "seven")
    with pytest.raises(ImproperlyConfigured, match="is not a whole number"):
        env_int("X_NUM", 1)


def test_env_date_reads_an_iso_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """ASHYQ_EARLIEST_DATE (docs/input-limits.md): YYYY-MM-DD, else a clear error naming the variable."""
    assert env_date("X_DAY", datetime.date(2000, 1, 1)) == datetime.date(2000, 1, 1)
    monkeypatch.setenv("X_DAY", " 2020-01-01 ")
    assert env_date("X_DAY", datetime.date(2000, 1, 1)) == datetime.date(2020, 1, 1)
    monkeypatch.setenv("X_DAY", "2000-13-01")
    with pytest.raises(ImproperlyConfigured, match=r"X_DAY='2000-13-01' is not a date \(YYYY-MM-DD\)"):
        env_date("X_DAY", datetime.date(2000, 1, 1))


def test_env_list_and_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_LIST", " a, b ,,c ")
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("X_CHOICE", "staging")
    with pytest.raises(ImproperlyConfigured, match="must be one of: development, production"):
        env_choice("X_CHOICE", "development", ("development", "production"))


def test_secret_from_file_and_not_both(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n", encoding="utf-8")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_secret("X_SECRET") == "s3cr3t"
    monkeypatch.setenv("X_SECRET", "direct")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("X_SECRET")
    monkeypatch.delenv("X_SECRET")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("X_SECRET")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in a fresh process with exactly these variables on top of a clean environment."""
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "ASHYQ_", "DATABASE"))}
    base["ASHYQ_VAR_DIR"] = env.pop("ASHYQ_VAR_DIR", str(ROOT / "var"))
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, check=False
    )


def test_a_wrong_database_url_names_the_problem() -> None:
    result = manage("check", DATABASE_URL="mysql://root@localhost/ashyq")
    assert result.returncode != 0
    assert "DATABASE_URL must start with postgres://" in result.stderr


def test_production_without_a_secret_key_names_the_variable() -> None:
    result = manage("check", ASHYQ_ENV="production", DJANGO_ALLOWED_HOSTS="ashyq.example.kz")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required" in result.stderr


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("k" * 64 + "-Zq9!xP2#vL7@wR4", encoding="utf-8")
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "INFO",
        ASHYQ_ENV="production",
        DJANGO_SECRET_KEY_FILE=str(key),
        DJANGO_ALLOWED_HOSTS="ashyq.example.kz",
        ASHYQ_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
