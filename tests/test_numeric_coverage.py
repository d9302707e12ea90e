"""Every numeric cell of the tables (表1–表12) of both Wuhan documents is in the model with its line.

The source rows are enumerated independently of the recognizer (every table row the text reader
saw inside the tables part); each cell that is a printed number must be accounted for: an amount
``Figure`` with that line and value, an indicator value on that line, or a non-amount field of the
model (a code, a year, a phone number). Anything else must be listed in IGNORED with the reason.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from typing import Any

import pytest

from yusuan.layout import TableBlock
from yusuan.model import Figure, Indicator
from yusuan.readers import read_layout
from yusuan.recognize.segment import segment
from yusuan.text.numbers import parse_number

from conftest import HANYANG, QIAOKOU

# (file name, line, cell text) → why the number is deliberately not an amount of the model.
IGNORED: dict[tuple[str, int, str], str] = {
    # Qiaokou 表12-14: the header row of the annual table carries a value ("1人" is not a number
    # cell, but the shifted rows below are read); nothing numeric is ignored there.
}


def _walk(obj: Any, out: list[Any]) -> None:
    if isinstance(obj, (Figure, Indicator)):
        out.append(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        for name in (f.name for f in fields(obj)):
            _walk(getattr(obj, name), out)
    elif isinstance(obj, dict):
        for v in obj.values():
            _walk(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _walk(v, out)


def _accounted(budget) -> tuple[set[tuple[int, Decimal]], set[str]]:
    objs: list[Any] = []
    _walk(budget, objs)
    amounts: set[tuple[int, Decimal]] = set()
    for o in objs:
        if isinstance(o, Figure) and o.source is not None and o.source.line is not None:
            amounts.add((o.source.line, o.value))
        elif isinstance(o, Indicator) and o.source.line is not None:
            for v in [o.value, *o.prior_values]:
                if v is not None and v.number is not None:
                    amounts.add((o.source.line, v.number))
    fields: set[str] = set()
    for t in budget.tables.values():
        for r in getattr(t, "rows", []):
            if r.code:
                fields.add(f"{r.source.line}:{r.code}")
    for s in budget.projects:
        fields.update(x for x in (s.code, s.phone, s.postcode) if x)
        fields.update(str(y) for y in (s.start_year, s.end_year) if y)
        fields.update(str(p.year) for p in s.prior_years)
    perf = budget.overall_performance
    if perf is not None and perf.phone:
        fields.add(perf.phone)
    return amounts, fields


def _numeric_cells(path) -> list[tuple[int, str, Decimal]]:
    layout = read_layout(path)
    seg = segment(layout)
    cells = []
    for sec in seg.tables:
        for block in sec.blocks:
            if not isinstance(block, TableBlock):
                continue
            for row in block.rows:
                for c in row.cells:
                    parsed = parse_number(c.text)
                    if parsed is not None:
                        cells.append((row.line, c.text, parsed[0]))
    return cells


def missing_cells(path, budget) -> list[tuple[int, str]]:
    amounts, fields = _accounted(budget)
    missing = []
    for line, text, value in _numeric_cells(path):
        if (path.name, line, text) in IGNORED:
            continue
        if (line, value) in amounts:
            continue
        compact = text.replace(" ", "")
        if compact in fields or f"{line}:{compact}" in fields:
            continue
        missing.append((line, text))
    return missing


@pytest.mark.parametrize("path", [QIAOKOU, HANYANG], ids=["qiaokou", "hanyang"])
def test_every_numeric_cell_is_in_the_model(path, request):
    budget = request.getfixturevalue(path.stem.split("-")[1])
    assert len(_numeric_cells(path)) > 500
    assert missing_cells(path, budget) == []


def test_coverage_check_can_fail(qiaokou):
    from yusuan.model import TableKind

    tables = {k: v for k, v in qiaokou.tables.items() if k is not TableKind.EXPENDITURE}
    missing = missing_cells(QIAOKOU, replace(qiaokou, tables=tables))
    assert ("2,840.98" in [t for _, t in missing]) and len(missing) >= 50


def test_fixture_names():
    # The fixtures are named after the district in the file name.
    assert QIAOKOU.stem.split("-")[1] == "qiaokou"
    assert HANYANG.stem.split("-")[1] == "hanyang"
