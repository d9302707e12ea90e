"""Part 3: every 万元 and % figure becomes a claim tied to a subject, and most resolve to the model.

The figures are counted independently of the claim reader: every ``number 万元`` / ``number %`` in
the lines of part 3. Thresholds (``50 万元以上``) describe a class of things, not an amount, and are
not claims.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from yusuan.model import ClaimKind
from yusuan.readers import read_layout
from yusuan.recognize.segment import segment

from conftest import HANYANG, QIAOKOU

_FIGURE = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|%|％)(\s*(?:以上|以下))?")


def narrative_figures(path) -> list[tuple[int, str]]:
    seg = segment(read_layout(path))
    out = []
    for b in seg.parts[3]:
        for m in _FIGURE.finditer(getattr(b, "text", "")):
            if m.group(3):
                continue  # a threshold
            out.append((b.line, m.group(1).replace(",", "").replace("，", "")))
    return out


def coverage(path, budget) -> tuple[int, int, int]:
    figures = narrative_figures(path)
    claims = [c for c in budget.narrative.claims() if c.value.unit in ("万元", "%")]
    tied = {(c.source.line, format(c.value.value, "f")) for c in claims if c.subject}
    resolved = {(c.source.line, format(c.value.value, "f")) for c in claims if c.subject and c.quantity}
    n_tied = sum(1 for f in figures if f in tied)
    n_resolved = sum(1 for f in figures if f in resolved)
    return len(figures), n_tied, n_resolved


@pytest.mark.parametrize("path", [QIAOKOU, HANYANG], ids=["qiaokou", "hanyang"])
def test_all_money_and_percent_figures_are_claims_with_a_subject(path, request):
    budget = request.getfixturevalue(path.stem.split("-")[1])
    total, tied, resolved = coverage(path, budget)
    print(f"{path.name}: {total} figures, {tied} tied to a subject, {resolved} resolved to a model quantity")
    assert total > 50
    assert tied == total
    assert resolved >= 0.95 * total


def test_claim_kinds_on_known_sentences(hanyang):
    claims = [c for c in hanyang.narrative.claims() if c.quantity == "gpb.fn:2210202"]
    kinds = {c.kind: c for c in claims}
    assert kinds[ClaimKind.AMOUNT].value.value == Decimal("6.15")
    assert kinds[ClaimKind.PRIOR].value.value == Decimal("6.35") and kinds[ClaimKind.PRIOR].compare_year == 2024
    assert kinds[ClaimKind.CHANGE].direction.value == "decrease"
    assert kinds[ClaimKind.CHANGE_RATE].value.value == Decimal("3.15")


def test_share_base(qiaokou):
    shares = [c for c in qiaokou.narrative.claims() if c.kind is ClaimKind.SHARE]
    assert {(c.quantity, c.base) for c in shares} == {
        ("expenditure.basic", "expenditure.total"),
        ("expenditure.project", "expenditure.total"),
    }
