"""``manage.py workdays``: the output contract of docs/calendar.md and its errors."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_prints_exactly_one_iso_date() -> None:
    assert run("add", "2026-03-18", "5") == "2026-03-30\n"


def test_between_prints_the_count() -> None:
    assert run("between", "2026-03-18", "2026-03-30") == "5\n"


def test_list_prints_tab_separated_exceptions_with_reasons() -> None:
    lines = run("list", "2024", "--lang", "ru").splitlines()
    assert "2024-05-04\tworking\tРабочий день (перенесён)" in lines
    assert "2024-03-21\tnon-working\tНаурыз мейрамы" in lines
    assert all(len(line.split("\t")) == 3 for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-02-30", "5"), "is not a date"),
        (("add", "18.03.2026", "5"), "is not a date"),
        (("add", "2026-03-18", "-1"), "must not be negative"),
        (("add", "2026-03-18", "five"), "is not a whole number"),
        (("list", "20x6"), "is not a year"),
    ],
)
def test_bad_input_is_a_clear_error(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
