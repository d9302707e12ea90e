"""Figures of the performance forms that repeat the tables: computed from the tables, not typed twice.

* a project sheet's 项目当年预算 and 资金来源 lines come from the project's row in the 项目支出表
  (converted to the sheet's unit: Qiaokou prints sheets in 元 while tables are in 万元);
* a detail line's 测算数 = 单价 × 计量数 when the author gave those and left 测算数 blank;
* the overall table's income and expenditure structure (amounts and shares) come from the 收入总表
  and 支出总表 totals.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.derive.numbers import figure, share
from yusuan.model.budget import (
    Budget,
    FundingLine,
    OverallPerformance,
    ProjectSheet,
    RowKind,
    StructureLine,
    TableKind,
)
from yusuan.model.figures import PERCENT, Figure, SourceRef, unit_factor

# Project-table columns → 资金来源 lines of a sheet (labels as the Qiaokou sheets print them).
FUNDING_FROM_TABLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("total", "合计", ("total",)),
    ("gpb", "一般公共预算财政拨款", ("current.gpb", "carryover.gpb")),
    ("gpb.current", "其中：申请当年预算拨款", ("current.gpb",)),
    ("gov_fund", "政府性基金预算财政拨款", ("current.gov_fund", "carryover.gov_fund")),
    ("special_account", "财政专户管理资金", ()),
    ("unit_funds", "单位资金", ("unit_funds",)),
    ("carryover", "其中：使用上年度财政拨款结转", ("carryover.gpb", "carryover.gov_fund", "carryover.soe")),
)
_SRC = SourceRef(text="计算得出")


def _convert(f: Figure, unit: str) -> Figure:
    """A table figure in a sheet's unit: 5.00 万元 → 50000 元; 元 → 万元 at the tables' 2 places."""
    if f.unit == unit:
        return f
    value = f.value * unit_factor(f.unit) / unit_factor(unit)
    if unit_factor(unit) < unit_factor(f.unit):
        places = 0 if value == value.to_integral_value() else 2
    else:
        places = 2
    return figure(value, unit, places, _SRC)


def complete_sheet(sheet: ProjectSheet, budget: Budget) -> ProjectSheet:
    table = budget.table(TableKind.PROJECTS)
    row = table.find(sheet.code) if table is not None and sheet.code else None
    update: dict[str, Any] = {}
    if row is not None and row.kind is RowKind.PROJECT:
        total = row.values.get("total")
        if sheet.current_budget is None and total is not None:
            update["current_budget"] = _convert(total, sheet.unit)
        if sheet.total_budget is None and total is not None:
            update["total_budget"] = update.get("current_budget") or _convert(total, sheet.unit)
        if not sheet.funding:
            lines = []
            for key, label, cols in FUNDING_FROM_TABLE:
                figs = [row.values[c] for c in cols if c in row.values]
                amount = None
                if figs:
                    value = sum((f.value for f in figs), Decimal(0))
                    amount = _convert(figure(value, figs[0].unit, max(f.places for f in figs), _SRC), sheet.unit)
                lines.append(FundingLine(label=label, key=key, amount=amount, source=_SRC))
            update["funding"] = lines
    details = []
    for d in sheet.details:
        if d.estimate is None and d.unit_price is not None and d.quantity is not None:
            est = figure(d.unit_price.value * d.quantity.value, d.unit_price.unit, d.unit_price.places, _SRC)
            d = replace(d, estimate=est)
        details.append(d)
    if details != list(sheet.details):
        update["details"] = details
    return replace(sheet, **update) if update else sheet


def _structure_line(label: str, f: Figure | None, whole: Figure | None, prior: Figure | None) -> StructureLine:
    s = share(f.value, whole.value) if f is not None and whole is not None else None
    return StructureLine(
        label=label, amount=f,
        share=Figure(value=s, places=2, unit=PERCENT) if s is not None else None,
        prior={} if prior is None else {"prior": prior}, source=_SRC)


def complete_overall(op: OverallPerformance, budget: Budget) -> OverallPerformance:
    """Structure lines: 财政拨款 / 其他资金 / 合计 and 基本支出 / 项目支出 / 合计 (Qiaokou 表11)."""
    if op.income_structure and op.expenditure_structure:
        return op
    income, expenditure = budget.table(TableKind.INCOME), budget.table(TableKind.EXPENDITURE)
    if income is None or expenditure is None or income.total_row() is None or expenditure.total_row() is None:
        return op
    it, et = income.total_row(), expenditure.total_row()
    assert it is not None and et is not None
    total_in = it.values.get("total")
    fiscal_keys = ("current.gpb", "current.gov_fund", "current.soe", "carryover.gpb", "carryover.gov_fund",
                   "carryover.soe")
    fiscal_value = sum((it.values[k].value for k in fiscal_keys if k in it.values), Decimal(0))
    unit, places = income.unit, 2
    fiscal = figure(fiscal_value, unit, places, _SRC) if fiscal_value else None
    other_value = (total_in.value if total_in else Decimal(0)) - fiscal_value
    other = figure(other_value, unit, places, _SRC) if other_value else None
    update: dict[str, Any] = {}
    if not op.income_structure:
        update["income_structure"] = [_structure_line("财政拨款", fiscal, total_in, None),
                                      _structure_line("其他资金", other, total_in, None),
                                      _structure_line("合计", total_in, total_in, None)]
    if not op.expenditure_structure:
        total_out = et.values.get("total")
        update["expenditure_structure"] = [
            _structure_line("基本支出", et.values.get("basic"), total_out, None),
            _structure_line("项目支出", et.values.get("project"), total_out, None),
            _structure_line("合计", total_out, total_out, None)]
    return replace(op, **update)
