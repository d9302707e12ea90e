"""Money arithmetic for derived figures: sums, shares and year-on-year changes, in Decimal.

A derived figure is printed like the figures it comes from: same unit, as many places as the most
precise addend (quantized, ROUND_HALF_UP as printed budgets round). Shares and rates are computed
from the printed figures, which is how a reader of the document would recompute them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.model.budget import Direction
from yusuan.model.figures import Figure, SourceRef

ZERO = Decimal(0)
HUNDRED = Decimal(100)
SHARE_PLACES = 2  # 占 59.17%: both Wuhan documents print shares with up to two places


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def figure(value: Decimal, unit: str, places: int, source: SourceRef | None = None) -> Figure:
    """A derived figure, quantized to the printed precision."""
    return Figure(value=quantize(value, places), places=places, unit=unit, source=source)


def sum_figures(figs: Iterable[Figure | None], unit: str, default_places: int,
                source: SourceRef | None = None) -> Figure | None:
    """Σ of figures (None = blank = zero); None when every addend is blank or the sum is zero."""
    present = [f for f in figs if f is not None]
    total = sum((f.value for f in present), ZERO)
    if not present or total == 0:
        return None
    places = max([default_places, *(f.places for f in present if not f.exact)])
    return figure(total, unit, places, source)


def amount(f: Figure | None) -> Decimal:
    return f.value if f is not None else ZERO


def share(part: Decimal, whole: Decimal, places: int = SHARE_PLACES) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (None when the whole is zero)."""
    if whole == 0:
        return None
    return quantize(part * HUNDRED / whole, places)


@dataclass(frozen=True)
class Change:
    """A year-on-year change: direction, absolute amount and rate (None when the prior was zero)."""

    direction: Direction
    amount: Decimal
    rate: Decimal | None
    prior: Decimal


def change(current: Decimal, prior: Decimal, places: int, rate_places: int = SHARE_PLACES) -> Change:
    diff = quantize(current - prior, places)
    if diff == 0:
        return Change(Direction.FLAT, ZERO, ZERO if prior else None, prior)
    direction = Direction.INCREASE if diff > 0 else Direction.DECREASE
    rate = quantize(abs(diff) * HUNDRED / abs(prior), rate_places) if prior != 0 else None
    return Change(direction, abs(diff), rate, prior)


def text_amount(value: Decimal, places: int) -> str:
    """As the narrative prints amounts: thousands separators, fixed places (``1,160.10``)."""
    return f"{quantize(value, places):,.{places}f}"


def text_percent(value: Decimal) -> str:
    """``59.17`` → ``59.17``; ``80.00`` → ``80``; trailing zeros dropped as the documents do."""
    s = format(value, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s
