"""How precisely a narrative prints its 万元 amounts, learnt from the document itself.

A figure's printed precision is its precision: ``17,192万元`` is 17,191.5–17,192.5. Some writers,
though, print amounts to the cent and drop trailing zeros (the Wuhan narratives: ``项目支出 1,160.1
万元`` for the table's 1,160.10, ``其他收入 20 万元`` for 20.00). A reader tells the two apart from the
figures the narrative shares with the tables: when every shortened amount that names a table figure
equals it to the cent (at least :data:`EVIDENCE` of them), none is merely rounded and the narrative
prints cents elsewhere, the document drops zeros, and its shortened amounts are read to the cent too (those with no table figure to
compare with, such as 政府采购 or 政府购买服务 items). One rounded amount is enough to read the whole
document at printed precision.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, Section
from yusuan.model.figures import WAN, YUAN, Figure
from yusuan.model.interval import Interval
from yusuan.quantities import Resolver, measure

EVIDENCE = 3
CENT = 2


def drops_trailing_zeros(sections: list[Section], resolver: Resolver | None) -> bool:
    if resolver is None:
        return False
    # A writer who rounds to the 万元 prints no cents at all; one who drops zeros prints cents elsewhere.
    if not any(c.value.unit == WAN and c.value.places >= CENT and not c.value.exact
               for sec in sections for c in sec.claims):
        return False
    to_the_cent = 0
    for sec in sections:
        for c in sec.claims:
            if c.kind is not ClaimKind.AMOUNT or c.tie != "exact" or not c.quantity or c.value.unit != WAN \
                    or c.value.places >= CENT or c.value.exact:
                continue
            m = measure(resolver.budget, c.quantity)
            if m is None or not m.figures:
                continue
            fig = m.figures[0]
            if fig.unit == WAN and fig.places >= CENT:
                table = fig.value
            elif fig.unit == YUAN:
                table = fig.value / 10000  # tables in 元 state the 万元 to the cent and beyond
            else:
                continue
            if abs(table - c.value.value) <= Decimal("0.005"):
                to_the_cent += 1
            elif c.value.interval().overlaps(Interval(table - Decimal("0.005"), table + Decimal("0.005"))):
                return False  # rounded, not shortened: the document prints what it prints
    return to_the_cent >= EVIDENCE


def _cent(fig: Figure | None) -> Figure | None:
    if fig is None or fig.unit != WAN or fig.places >= CENT or fig.exact:
        return fig
    return replace(fig, places=CENT)


def read_to_the_cent(sections: list[Section]) -> list[Section]:
    """The sections with their shortened 万元 amounts read to the cent."""
    out = []
    for sec in sections:
        claims: list[Claim] = [replace(c, value=_cent(c.value) or c.value, base_value=_cent(c.base_value))
                               for c in sec.claims]
        out.append(replace(sec, claims=claims))
    return out
