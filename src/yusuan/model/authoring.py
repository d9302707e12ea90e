"""Authoring inputs: what a finance officer states besides the tables, for the narrative writer.

The tables say what this year's budget is; the narrative (part 3) also says how it changed from last
year and why, what money is mainly used for, and facts no table holds (政府采购, 政府购买服务,
国有资产, 机关运行经费 in the Wuhan template …). Everything here is keyed by the quantity keys of
:mod:`yusuan.quantities`, so the writer and the claim reader speak of the same things:

* ``prior`` — last year's budget figure of a quantity (``income.total``, ``gpb.fn:2060101``,
  ``three_public.reception`` …). Changes and rates are computed from it, never typed.
* ``reasons`` — 增减原因 of a quantity's change, inserted where the template asks for one.
* ``uses`` — 主要用于 text of a quantity (``project:<code>``, ``gpb.fn:<code>``, ``econ:301.personnel``).
* ``facts`` — narrative-only figures (``admin_operating_cost``, ``procurement.goods``,
  ``purchase_services.item:<name>``, ``assets.vehicles`` …). Sums such as ``procurement.total`` are
  derived when their parts are given.
* ``notes`` — free text of a narrative topic (``three_public.scope``, ``admin_operating_cost``,
  ``assets``, ``other:<title>`` for an extra sub-section of 其他重要事项 …).
* ``definitions`` — glossary explanations supplied by the user for 项 codes (or terms) the
  classification catalogue does not explain.
* ``bases`` — what a quantity's ``prior`` is, when it is not last year's budget: ``execution``
  (预算执行数, as the Putuo 商务委员会 document compares 财政拨款收入) or ``final`` (决算).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.figures import Figure


@dataclass(frozen=True, kw_only=True, slots=True)
class Authoring:
    compare_year: int | None = None  # the year ``prior`` refers to; default: budget year − 1
    prior: dict[str, Figure] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    uses: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Figure] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    bases: dict[str, str] = field(default_factory=dict)  # quantity → execution | final (default: budget)

    def merged(self, other: Authoring) -> Authoring:
        """This authoring with ``other``'s entries added where this one has none."""
        return Authoring(
            compare_year=self.compare_year if self.compare_year is not None else other.compare_year,
            prior={**other.prior, **self.prior},
            reasons={**other.reasons, **self.reasons},
            uses={**other.uses, **self.uses},
            facts={**other.facts, **self.facts},
            notes={**other.notes, **self.notes},
            definitions={**other.definitions, **self.definitions},
            bases={**other.bases, **self.bases},
        )
