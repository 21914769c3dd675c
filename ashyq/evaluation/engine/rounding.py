"""Rounding of points: half-up to the version's quantum at the indicator (SPEC §7)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: Decimal, quantum: Decimal) -> Decimal:
    """The value rounded half-up to the quantum: ``half_up(Decimal("0.125"), Decimal("0.01"))`` → 0.13."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP)
