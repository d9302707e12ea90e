"""Closed intervals of Decimals: how "equal within rounding" is decided.

A printed figure with two decimals is any value in [x - 0.005, x + 0.005]. Sums, differences,
products and quotients of such intervals bound what the true result can be; two statements agree
when their intervals overlap. No fixed tolerance is involved, so a real 0.01 error beyond the
rounding interval is caught while rounding tails (尾差) are not flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        v = Decimal(value)
        return cls(v, v)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def radius(self) -> Decimal:
        return (self.hi - self.lo) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def __mul__(self, other: Interval) -> Interval:
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval | None:
        """Quotient, or None when the divisor interval contains zero (the ratio is unbounded)."""
        if other.lo <= _ZERO <= other.hi:
            return None
        quotients = (self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi)
        return Interval(min(quotients), max(quotients))

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """Gap between two intervals (zero when they overlap)."""
        if self.overlaps(other):
            return _ZERO
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    def abs(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(_ZERO, max(-self.lo, self.hi))


def interval_sum(items: Iterable[Interval]) -> Interval:
    lo = hi = _ZERO
    for iv in items:
        lo += iv.lo
        hi += iv.hi
    return Interval(lo, hi)
