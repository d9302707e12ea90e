"""Arithmetic on printed figures for rules: sums and comparisons within rounding, and how a
mismatch is reported (expected, actual, difference and tolerance in the unit of the figure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model.figures import Figure, format_amount
from yusuan.model.interval import Interval

ZERO = Decimal(0)


@dataclass(frozen=True)
class Amount:
    """An exact value (the printed figures added up) with its rounding interval, in one unit."""

    value: Decimal
    interval: Interval
    unit: str
    places: int

    @classmethod
    def of(cls, fig: Figure, unit: str | None = None) -> Amount:
        unit = unit or fig.unit
        iv = fig.in_unit(unit) if unit != fig.unit else fig.interval()
        factor = (Decimal(10000) if fig.unit == "万元" and unit == "元" else
                  Decimal("0.0001") if fig.unit == "元" and unit == "万元" else Decimal(1))
        return cls(fig.value * factor, iv, unit, fig.places)

    @classmethod
    def zero(cls, unit: str) -> Amount:
        return cls(ZERO, Interval.exact(0), unit, 0)

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.value + other.value, self.interval + other.interval, self.unit,
                      max(self.places, other.places))

    def __sub__(self, other: Amount) -> Amount:
        return Amount(self.value - other.value, self.interval - other.interval, self.unit,
                      max(self.places, other.places))


def total(figures: Iterable[Figure | None], unit: str) -> Amount:
    """Sum of printed figures (None is a blank cell: exactly zero)."""
    acc = Amount.zero(unit)
    for f in figures:
        if f is not None:
            acc = acc + Amount.of(f, unit)
    return acc


def text(value: Decimal, places: int) -> str:
    return format_amount(value, max(places, 0), grouping=False)


@dataclass(frozen=True)
class Mismatch:
    expected: str
    actual: str
    difference: str
    tolerance: str


def compare(expected: Amount, actual: Amount) -> Mismatch | None:
    """None when the two agree within rounding (their intervals overlap), else how they differ."""
    if expected.interval.overlaps(actual.interval):
        return None
    places = max(expected.places, actual.places, 2 if actual.unit == "万元" else 0)
    tol = expected.interval.radius + actual.interval.radius
    return Mismatch(
        expected=text(expected.value, places),
        actual=text(actual.value, places),
        difference=text(actual.value - expected.value, places),
        tolerance="±" + text(tol, places + 1 if tol else places).rstrip("0").rstrip(".") if tol else "0",
    )


def fig_amount(fig: Figure | None, unit: str) -> Amount:
    return Amount.of(fig, unit) if fig is not None else Amount.zero(unit)
