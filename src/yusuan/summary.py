"""The key figures of a disclosure, as the ``yusuan summary`` contract defines them (design.md).

Amounts are in 元 as decimal strings with two places; a figure the document does not state is null.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.model.budget import BalanceTable, Budget, RowKind, Table, TableKind
from yusuan.model.figures import Figure
from yusuan.quantities import Measured, measure
from yusuan.templates.family import standard_name

_CENT = Decimal("0.01")

SUMMARY_KEYS = (
    "department", "year", "kind", "profile", "table_unit", "income_total", "fiscal_appropriation",
    "expenditure_total", "basic", "project", "gpb_personnel", "gpb_public", "three_public_total",
    "function_classes", "function_items", "economic_classes", "projects", "tables_present",
)


def yuan_text(value: Decimal, unit: str) -> str:
    factor = Decimal(10000) if unit == "万元" else Decimal(1)
    return format((value * factor).quantize(_CENT), "f")


def _fig(f: Figure | None) -> str | None:
    return yuan_text(f.value, f.unit) if f is not None else None


def _measured(m: Measured | None) -> str | None:
    if m is None:
        return None
    if m.figures:
        return _fig(m.figures[0])
    return yuan_text(m.interval.mid, m.unit)


def _row_amount(table: Table | None, column: str) -> str | None:
    """The total row's figure of a column; a blank cell is 0, a column the table lacks is null."""
    if table is None or column not in table.column_keys():
        return None
    row = table.total_row()
    if row is None:
        return None
    f = row.values.get(column)
    return _fig(f) if f is not None else yuan_text(Decimal(0), table.unit)


def _basic(table: Table | None) -> str | None:
    """基本支出: its own column, else 人员经费 + 公用经费 (a table that prints only the two parts)."""
    got = _row_amount(table, "basic")
    if got is not None or table is None:
        return got
    parts = [_row_amount(table, k) for k in ("personnel", "public")]
    if any(p is None for p in parts):
        return None
    return format(sum((Decimal(p) for p in parts if p is not None), Decimal(0)), "f")


def fiscal_appropriation(budget: Budget) -> str | None:
    """This year's 财政拨款收入 (一般公共预算 + 政府性基金 + 国有资本经营), without carry-over."""
    fiscal = budget.balance(TableKind.FISCAL_SUMMARY)
    summary = budget.balance(TableKind.SUMMARY)
    for table in (fiscal, summary):
        if table is None:
            continue
        line = table.income_line("current_total") if table is fiscal else table.income_line("fiscal")
        if line is not None and line.amount is not None:
            return _fig(line.amount)
        parts = [table.income_line(k) for k in ("gpb", "gov_fund", "soe")]
        if any(p is not None for p in parts):
            return _sum_lines(table, parts)
    income = budget.table(TableKind.INCOME)
    if income is not None and income.total_row() is not None:
        row = income.total_row()
        assert row is not None
        values = [row.values.get(k) for k in ("current.gpb", "current.gov_fund", "current.soe", "fiscal")]
        present = [v for v in values if v is not None]
        if present:
            return yuan_text(sum((v.value for v in present), Decimal(0)), present[0].unit)
    return None


def _sum_lines(table: BalanceTable, lines: list[Any]) -> str:
    total = Decimal(0)
    for ln in lines:
        if ln is not None and ln.amount is not None:
            total += ln.amount.value
    return yuan_text(total, table.unit)


def _codes(table: Table | None, kinds: tuple[RowKind, ...], length: int | None = None) -> dict[str, str | None] | None:
    if table is None:
        return None
    # A basic-expenditure table may print 基本支出合计 as its only total column (国家信访局).
    column = "total" if "total" in table.column_keys() or "basic" not in table.column_keys() else "basic"
    out: dict[str, str | None] = {}
    for r in table.rows:
        if r.kind in kinds and r.code and (length is None or len(r.code) == length):
            f = r.values.get(column)
            out[r.code] = _fig(f) if f is not None else yuan_text(Decimal(0), table.unit)
    return out


def _by_function(budget: Budget) -> Table | None:
    """The table whose rows give expenditure by function code: the 支出总表, or, when it prints only
    its totals (Jiangsu), a fiscal or general-public-budget table whose total is the same amount."""
    expenditure = budget.table(TableKind.EXPENDITURE)
    if expenditure is None or any(r.code for r in expenditure.rows):
        return expenditure
    total = _row_amount(expenditure, "total")
    for kind in (TableKind.FISCAL_BY_FUNCTION, TableKind.GPB_BY_FUNCTION):
        other = budget.table(kind)
        if other is not None and total is not None and _row_amount(other, "total") == total:
            return other
    return expenditure


def summarize(budget: Budget) -> dict[str, Any]:
    expenditure = budget.table(TableKind.EXPENDITURE)
    by_function = _by_function(budget)
    basic_econ = budget.table(TableKind.GPB_BASIC_ECONOMIC)
    three = budget.table(TableKind.THREE_PUBLIC)
    project_table = budget.table(TableKind.PROJECTS)
    # None listed: an empty list; a document without tables (a narrative volume) says nothing: null.
    projects: list[dict[str, str | None]] | None = [] if budget.tables else None
    if project_table is not None:
        projects = [
            {"code": r.code, "name": r.name, "amount": _fig(r.values.get("total"))}
            for r in project_table.rows if r.kind is RowKind.PROJECT
        ]
    elif budget.projects:
        projects = [{"code": s.code, "name": s.name, "amount": _fig(s.current_budget)} for s in budget.projects]
    present = [standard_name(k) for k in TableKind if k in budget.tables]
    if budget.overall_performance is not None:
        present.append(standard_name(TableKind.OVERALL_PERFORMANCE))
    if any(s.form == "sheet" for s in budget.projects):  # 项目经费情况说明 (prose) is not a table
        present.append(standard_name(TableKind.PROJECT_PERFORMANCE))
    return {
        "department": budget.meta.department or None,
        "year": budget.meta.year,
        "kind": budget.meta.kind,
        "profile": budget.meta.profile,
        "table_unit": budget.meta.table_unit,
        "income_total": _measured(measure(budget, "income.total")),
        "fiscal_appropriation": fiscal_appropriation(budget),
        "expenditure_total": _measured(measure(budget, "expenditure.total")),
        "basic": _basic(expenditure),
        "project": _row_amount(expenditure, "project"),
        "gpb_personnel": _row_amount(basic_econ, "personnel"),
        "gpb_public": _row_amount(basic_econ, "public"),
        "three_public_total": _measured(measure(budget, "three_public.total")) if three is not None else None,
        "function_classes": _codes(by_function, (RowKind.CLASS,), 3),
        "function_items": _codes(by_function, (RowKind.ITEM,), 7),
        "economic_classes": _codes(basic_econ, (RowKind.CLASS,), 3),
        "projects": projects,
        "tables_present": present,
    }
