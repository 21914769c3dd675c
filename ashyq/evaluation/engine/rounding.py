"""Exact figures and their one rounding (SPEC §7, precision of derived figures).

The acts do arithmetic, never rounding. The engine keeps every derived figure exact as a :class:`Fraction`
(P6's products, criterion 7's penalty shares, exempt bodies' averages, sums, the final score) and rounds it
once, half-up to the version's ``points_quantum``, where it is shown or published. Only the rule
"attainment × points" rounds at the indicator (:func:`half_up`), because that rounded figure *is* the
indicator's points.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache

Exact = Fraction


def half_up(value: Decimal, quantum: Decimal) -> Decimal:
    """The value rounded half-up to the quantum: ``half_up(Decimal("0.125"), Decimal("0.01"))`` → 0.13."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def exact(value: Decimal | int) -> Exact:
    """A decimal or whole number as an exact fraction (a Decimal converts without loss)."""
    return Fraction(value)


def shown(value: Exact, quantum: Decimal) -> Decimal:
    """An exact figure rounded once, half-up (away from zero at a half) to the quantum, for display.

    ``shown(Fraction(3, 4), Decimal("0.01"))`` → 0.75; ``shown(Fraction(3, 8), …)`` → 0.38;
    ``shown(Fraction(-3, 8), …)`` → -0.38. Exact at every half: no binary or 28-digit intermediate.
    """
    per_n, per_d = _ratio(quantum)
    numerator, denominator = value.numerator * per_d, value.denominator * per_n  # value / quantum, in integers
    whole = (abs(numerator) * 2 + denominator) // (2 * denominator)
    return (Decimal(-whole if numerator < 0 else whole) * quantum).quantize(quantum)


@cache
def _ratio(quantum: Decimal) -> tuple[int, int]:
    return quantum.as_integer_ratio()
