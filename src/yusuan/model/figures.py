"""Figures: a printed number with its precision, unit and provenance.

Money is never a float. A printed figure such as ``2,840.98`` (万元) stands for every value that rounds
to it, so it carries the number of decimal places it was printed with; :meth:`Figure.interval` turns
that into the closed interval the true value lies in. ``exact`` marks figures that are not rounded
(blank cells, which mean zero, and counts of people or projects).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from yusuan.model.interval import Interval

# Units. Money units first; the rest are the units narrative claims and indicators are counted in.
YUAN = "元"
WAN = "万元"
PERCENT = "%"
MONEY_UNITS = (YUAN, WAN)
_TO_YUAN = {YUAN: Decimal(1), WAN: Decimal(10000)}

_ZERO = Decimal(0)
_HALF = {p: Decimal(5).scaleb(-(p + 1)) for p in range(0, 8)}

# Model classes are plain frozen dataclasses (``@dataclass(frozen=True, kw_only=True, slots=True)``):
# cheap to import and to build, which the CLI's start-up budget needs; validation, JSON and the
# schema are done at the edges by :mod:`yusuan.model.io`.

# Decimals serialise as plain strings ("2840.98"), never in exponent form (see model.io).
DecimalStr = Decimal


@dataclass(frozen=True, kw_only=True, slots=True)
class SourceRef:
    """Where something was read: file, page and line, and inside a table its row and column."""

    file: str = ""
    page: int | None = None
    line: int | None = None
    table: str | None = None
    section: str | None = None
    row: int | None = None
    column: str | None = None
    text: str | None = None

    def with_(self, **changes: object) -> SourceRef:
        return replace(self, **changes)  # type: ignore[arg-type]

    def describe(self) -> str:
        """Short human-readable location, e.g. ``qiaokou.md:182 表3 行5 列basic``."""
        parts = [self.file.rsplit("/", 1)[-1] if self.file else "?"]
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts[0] += f":{self.line}"
        if self.table:
            parts.append(self.table)
        if self.section:
            parts.append(self.section)
        if self.row is not None:
            parts.append(f"行{self.row}")
        if self.column:
            parts.append(f"列{self.column}")
        return " ".join(parts)


@dataclass(frozen=True, kw_only=True, slots=True)
class Figure:
    """A number as printed: value, decimal places shown, unit and source."""

    value: Decimal
    places: int = 2
    unit: str = WAN
    exact: bool = False
    source: SourceRef | None = None

    @classmethod
    def zero(cls, unit: str = WAN, source: SourceRef | None = None) -> Figure:
        """A blank cell: exactly zero."""
        return cls(value=Decimal(0), places=0, unit=unit, exact=True, source=source)

    @property
    def half_ulp(self) -> Decimal:
        """Half a unit in the last printed place: the rounding radius."""
        if self.exact:
            return _ZERO
        h = _HALF.get(self.places)
        return h if h is not None else Decimal(5).scaleb(-(self.places + 1))

    def interval(self) -> Interval:
        h = self.half_ulp
        return Interval(self.value - h, self.value + h)

    def in_unit(self, unit: str) -> Interval:
        """The interval of this figure expressed in another money unit."""
        if unit == self.unit:
            return self.interval()
        if self.unit not in _TO_YUAN or unit not in _TO_YUAN:
            raise ValueError(f"cannot convert {self.unit} to {unit}")
        factor = _TO_YUAN[self.unit] / _TO_YUAN[unit]
        iv = self.interval()
        return Interval(iv.lo * factor, iv.hi * factor)

    def yuan(self) -> Decimal:
        """The printed value in 元 (no rounding interval)."""
        return self.value * _TO_YUAN[self.unit]

    def text(self) -> str:
        """The value formatted with its printed precision and unit, e.g. ``2,840.98万元``."""
        return f"{format_amount(self.value, self.places)}{self.unit}"


def to_yuan(value: Decimal, unit: str) -> Decimal:
    return value * _TO_YUAN[unit]


def unit_factor(unit: str) -> Decimal:
    return _TO_YUAN[unit]


def format_amount(value: Decimal, places: int, grouping: bool = True) -> str:
    """Format a Decimal with a fixed number of places (and thousands separators)."""
    q = value.quantize(Decimal(1).scaleb(-places)) if places >= 0 else value
    return f"{q:,.{places}f}" if grouping else f"{q:.{places}f}"
