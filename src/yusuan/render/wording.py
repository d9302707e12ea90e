"""Phrases of the narrative, in the wording of the Wuhan documents, built from figures.

Every phrase that states a figure is worded so that the claim reader
(:mod:`yusuan.recognize.claims`) reads it back as the same quantity: the subject stands right
before its amount, a change follows the amount it speaks of in the same sentence
(``…X 万元，比 2025 年预算增加 A 万元，增长 r%，主要原因是…``), a share follows its amount
(``…Y 万元，占 s%``), and sentences end at ``。``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.derive.numbers import change, quantize, share, text_amount, text_percent
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget, Direction
from yusuan.model.figures import WAN, Figure, unit_factor
from yusuan.quantities import measure


@dataclass
class Words:
    """The figures and authoring inputs of one budget, with the phrases that state them."""

    budget: Budget
    authoring: Authoring
    unit: str = WAN  # the narrative's unit (Wuhan: 万元 like the tables; Shanghai: 万元 for 元 tables)
    places: int = 2
    # What the writer stated, in order: (kind, quantity key, value). Tests read the text back and
    # compare the claims found with this log, so writer and reader cannot drift apart unnoticed.
    stated: list[tuple[str, str | None, Decimal]] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.budget.meta.year

    @property
    def prior_year(self) -> int | None:
        if self.authoring.compare_year is not None:
            return self.authoring.compare_year
        return self.year - 1 if self.year is not None else None

    def value(self, key: str) -> Decimal | None:
        """A quantity of the tables in the narrative's unit, as printed (None: the budget lacks it)."""
        m = measure(self.budget, key)
        if m is None:
            return None
        fig = m.figures[0] if m.figures else None
        raw = fig.value if fig is not None else m.interval.mid
        unit = fig.unit if fig is not None else m.unit
        return self.convert(raw, unit)

    def convert(self, value: Decimal, unit: str) -> Decimal:
        if unit == self.unit or unit not in ("元", "万元"):
            return value
        return value * unit_factor(unit) / unit_factor(self.unit)

    def fact(self, key: str) -> Figure | None:
        return self.authoring.facts.get(key)

    def fact_value(self, key: str) -> Decimal | None:
        f = self.fact(key)
        return self.convert(f.value, f.unit) if f is not None else None

    # -- phrases ------------------------------------------------------------------------------
    def money(self, value: Decimal) -> str:
        return f"{text_amount(value, self.places)} 万元"

    def amount(self, key: str | None, value: Decimal) -> str:
        """``2,840.98 万元``, recorded as an amount of ``key``."""
        self.stated.append(("amount", key, quantize(value, self.places)))
        return self.money(value)

    def count(self, key: str | None, value: Decimal, unit: str) -> str:
        places = max(0, -int(value.as_tuple().exponent)) if value != value.to_integral_value() else 0
        self.stated.append(("count", key, value))
        return f"{text_amount(value, places)} {unit}"

    def share_of(self, key: str, part: Decimal, whole: Decimal | None) -> str:
        """``，占 59.17%`` (empty when the whole is zero or unknown)."""
        if whole is None:
            return ""
        s = share(quantize(part, self.places), quantize(whole, self.places))
        if s is None:
            return ""
        self.stated.append(("share", key, s))
        return f"，占 {text_percent(s)}%"

    def change_of(self, key: str, current: Decimal | None, state_prior: bool = False) -> str:
        """``，比 2025 年预算增加 A 万元，增长 r%，主要原因是…`` from the prior figure of ``key``."""
        prior_fig = self.authoring.prior.get(key)
        if prior_fig is None or current is None:
            return ""
        prior = quantize(self.convert(prior_fig.value, prior_fig.unit), self.places)
        ch = change(quantize(current, self.places), prior, self.places)
        py = self.prior_year
        if ch.direction is Direction.FLAT:
            text = f"，与 {py} 年预算持平"  # never with the prior amount: 持平 must follow 预算
            self.stated.append(("change", key, Decimal(0)))
        else:
            base = f"{py} 年预算"
            if state_prior:
                base += f" {text_amount(prior, self.places)} 万元"
                self.stated.append(("prior", key, prior))
            verb, rate_word = ("增加", "增长") if ch.direction is Direction.INCREASE else ("减少", "下降")
            text = f"，比 {base}{verb} {text_amount(ch.amount, self.places)} 万元"
            self.stated.append(("change", key, ch.amount))
            if ch.rate is not None:
                text += f"，{rate_word} {text_percent(ch.rate)}%"
                self.stated.append(("change_rate", key, ch.rate))
        reason = self.authoring.reasons.get(key)
        if reason:
            text += f"，主要原因是{reason.rstrip('。；;')}"
        return text

    def uses(self, *keys: str) -> str:
        """``，主要用于：…`` from the author's text for the first key that has one."""
        for k in keys:
            text = self.authoring.uses.get(k)
            if text:
                return f"，主要用于：{text.rstrip('。；;')}"
        return ""


def join(parts: list[str], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)
