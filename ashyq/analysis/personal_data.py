"""Personal data in the public's texts: found and replaced before a text is shown publicly (issue 12, item 2).

Pure Python (no ORM): the public portal, open-data exports, documents and the analysis all call it.

What is found, and how a match is confirmed so that an ordinary number is left alone:

* **IIN** (ЖСН / ИИН, Law "On national registers of identification numbers"): 12 digits ``YYMMDD C NNNN K``.
  ``C`` (1–6) gives the century and sex (1–2: 1800s, 3–4: 1900s, 5–6: 2000s); ``YYMMDD`` must be a real date
  in that century; ``K`` is the check digit: the sum of the first 11 digits weighted 1…11, modulo 11; if that is
  10, the sum weighted 3…11, 1, 2, modulo 11; if that is 10 again, the number is never issued (invalid).
* **Phone numbers** of Kazakhstan (country code +7, national numbers beginning with 7): ``+7 701 123 45 67``,
  ``+7(701)123-45-67``, ``8 (701) 123-45-67``, ``87011234567``, ``8-701-123-45-67``, ``+77011234567``,
  ``7 701 123 4567``, and a 10-digit mobile number written without the prefix (``701 123 45 67``) when it
  begins with a mobile operator's code (``MOBILE_CODES``).
* **E-mail addresses** (Latin or Cyrillic letters, e.g. ``азамат@пошта.қаз``).
* **Payment card numbers**: 13–19 digits, written solid or in groups of four, that pass the Luhn check.

Where two matches overlap (an e-mail ``87011234567@mail.kz`` holds a phone's digits), the longer one wins.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass


class PersonalDataKind(enum.StrEnum):
    IIN = "iin"
    PHONE = "phone"
    EMAIL = "email"
    CARD = "card"


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of personal data: its kind and where it is (``text[start:end]``)."""

    kind: PersonalDataKind
    start: int
    end: int
    value: str


# The placeholders put in place of each kind, per language of the page or document.
PLACEHOLDERS: Mapping[str, Mapping[PersonalDataKind, str]] = {
    "kk": {
        PersonalDataKind.IIN: "[ЖСН жасырылған]",
        PersonalDataKind.PHONE: "[телефон жасырылған]",
        PersonalDataKind.EMAIL: "[e-mail жасырылған]",
        PersonalDataKind.CARD: "[карта нөмірі жасырылған]",
    },
    "ru": {
        PersonalDataKind.IIN: "[ИИН скрыт]",
        PersonalDataKind.PHONE: "[телефон скрыт]",
        PersonalDataKind.EMAIL: "[e-mail скрыт]",
        PersonalDataKind.CARD: "[номер карты скрыт]",
    },
    "en": {
        PersonalDataKind.IIN: "[IIN hidden]",
        PersonalDataKind.PHONE: "[phone hidden]",
        PersonalDataKind.EMAIL: "[e-mail hidden]",
        PersonalDataKind.CARD: "[card number hidden]",
    },
}

# Codes of Kazakhstan's mobile operators: a 10-digit number without +7/8 is a phone only with one of them.
MOBILE_CODES = frozenset({"700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"})

_IIN = re.compile(r"(?<![\d+])\d{12}(?!\d)")
_SEP = r"[ \t\u00a0.\-]*"
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?P<prefix>\+[ \u00a0]?7|8|7(?=" + _SEP + r"\(?7))" + _SEP + r")?"
    r"(?P<open>\(" + _SEP + r")?(?P<code>7\d\d)"
    r"(?:" + _SEP + r"\)?" + _SEP + r"\d){7}"
    r"(?!\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_CARD = re.compile(r"(?<![\d+])(?:\d{13,19}|\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,3})?)(?!\d)")

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def iin_check_digit(first_eleven: str) -> int | None:
    """The IIN's 12th digit for its first 11, or None when both weighted sums leave 10 (never issued)."""
    digits = [int(ch) for ch in first_eleven]
    remainder = sum(w * d for w, d in zip(_WEIGHTS_FIRST, digits, strict=True)) % 11
    if remainder == 10:
        remainder = sum(w * d for w, d in zip(_WEIGHTS_SECOND, digits, strict=True)) % 11
    return None if remainder == 10 else remainder


def is_valid_iin(value: str) -> bool:
    """12 digits, a real birth date in the century the 7th digit gives, and the right check digit."""
    if len(value) != 12 or not value.isdigit():
        return False
    century = _CENTURY.get(value[6])
    if century is None:
        return False
    try:
        datetime.date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return False
    return iin_check_digit(value[:11]) == int(value[11])


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of payment card numbers."""
    total = 0
    for position, ch in enumerate(reversed(digits)):
        d = int(ch)
        if position % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _phone_ok(m: re.Match[str]) -> bool:
    if (m.group("open") is None) != (")" not in m.group(0)):
        return False  # a "(" without ")" or the reverse is not a phone spelling
    if m.group("prefix") is None:
        return m.group("code") in MOBILE_CODES
    return True


def _candidates(text: str) -> list[Match]:
    found: list[Match] = []
    for m in _EMAIL.finditer(text):
        found.append(Match(PersonalDataKind.EMAIL, m.start(), m.end(), m.group(0)))
    for m in _CARD.finditer(text):
        if luhn_valid(_digits(m.group(0))):
            found.append(Match(PersonalDataKind.CARD, m.start(), m.end(), m.group(0)))
    for m in _IIN.finditer(text):
        if is_valid_iin(m.group(0)):
            found.append(Match(PersonalDataKind.IIN, m.start(), m.end(), m.group(0)))
    for m in _PHONE.finditer(text):
        if _phone_ok(m):
            found.append(Match(PersonalDataKind.PHONE, m.start(), m.end(), m.group(0)))
    return found


def find(text: str) -> list[Match]:
    """Every piece of personal data in ``text``, in order, without overlaps (the longer match wins)."""
    chosen: list[Match] = []
    for match in sorted(_candidates(text), key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def redact(text: str, placeholders: Mapping[PersonalDataKind, str] | None = None, *, language: str = "ru") -> str:
    """``text`` with each piece of personal data replaced by its kind's placeholder.

    ``placeholders`` defaults to ``PLACEHOLDERS[language]`` (kk, ru or en).
    """
    table = placeholders if placeholders is not None else PLACEHOLDERS.get(language, PLACEHOLDERS["ru"])
    parts: list[str] = []
    position = 0
    for match in find(text):
        parts.append(text[position : match.start])
        parts.append(table[match.kind])
        position = match.end
    parts.append(text[position:])
    return "".join(parts)
