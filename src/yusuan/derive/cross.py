"""Tables derived from other tables (domain.md §4, "across tables").

* 支出总表 (all funds) = 一般公共预算 (5-1) + 政府性基金 (8) + 国有资本经营 (9) by code — only when the
  department has no money besides fiscal appropriations; otherwise the author must enter it,
  because the gap (e.g. Hanyang's 20.00 of 其他收入 in 2069999) cannot be placed by code.
* 收支总表 = the 收入总表 totals by source + the 支出总表 classes.
* 财政拨款收支总表 = appropriations from the 收入总表 + the classes of 5-1, 8 and 9.
* 5-2 for a department with a single budget unit = 5-1's totals.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.derive.numbers import ZERO, figure, sum_figures
from yusuan.derive.rollup import Notices
from yusuan.derive.templates import (
    WUHAN_FISCAL_SOURCES,
    WUHAN_SUMMARY_INCOME,
    ProfileLayouts,
    numeral,
)
from yusuan.model.budget import (
    BalanceLine,
    BalanceTable,
    Budget,
    Column,
    Row,
    RowKind,
    Table,
    TableKind,
)
from yusuan.model.figures import Figure, SourceRef
from yusuan.templates.family import standard_name
from yusuan.text.cjk import name_key

K = TableKind
_NON_FISCAL = ("current.special_account", "current.business_income", "current.operating_income",
               "current.superior_subsidy", "current.subsidiary_remit", "current.other_income",
               "carryover.special_account", "carryover.unit_funds")


def _src(number: str | None, label: str) -> SourceRef:
    return SourceRef(table=f"表{number}" if number else None, column=label, text="计算得出")


def _total(t: Table | None, key: str) -> Figure | None:
    if t is None:
        return None
    row = t.total_row()
    return row.values.get(key) if row is not None else None


def _places(*tables: Table | None) -> int:
    ps = [f.places for t in tables if t for r in t.rows for f in r.values.values() if not f.exact]
    return max(ps) if ps else 2


def has_non_fiscal_money(budget: Budget) -> bool:
    income = budget.table(K.INCOME)
    return any((_total(income, k) or Figure.zero()).value != 0 for k in _NON_FISCAL)


def expenditure_from_fiscal(budget: Budget, layouts: ProfileLayouts, number: str | None) -> Table | None:
    """支出总表 as 5-1 + 8 + 9 by code (basic and project columns)."""
    sources = [t for t in (budget.table(K.GPB_BY_FUNCTION), budget.table(K.GOV_FUND),
                           budget.table(K.SOE_CAPITAL)) if t is not None]
    if not sources:
        return None
    unit = sources[0].unit
    places = _places(*sources)
    layout = layouts.tables[K.EXPENDITURE]
    names: dict[str, str] = {}
    sums: dict[str | None, dict[str, list[Figure | None]]] = {}
    kinds: dict[str | None, RowKind] = {}
    for t in sources:
        for r in t.rows:
            code = r.code if r.kind is not RowKind.TOTAL else None
            if r.kind not in (RowKind.TOTAL, RowKind.CLASS, RowKind.SECTION, RowKind.ITEM):
                continue
            kinds[code] = r.kind
            if code:
                names.setdefault(code, r.name)
            cell = sums.setdefault(code, {})
            for k in ("basic", "project"):
                cell.setdefault(k, []).append(r.values.get(k))
    rows = []
    for code in sorted(sums, key=lambda c: "" if c is None else c):
        values: dict[str, Figure] = {}
        for k, figs in sums[code].items():
            f = sum_figures(figs, unit, places, _src(number, k))
            if f is not None:
                values[k] = f
        total = sum_figures(values.values(), unit, places, _src(number, "total"))
        if total is not None:
            values = {"total": total, **values}
        rows.append(Row(kind=kinds[code], code=code, name=names.get(code or "", "合计") if code else "合计",
                        values=values, source=_src(number, code or "合计")))
    return Table(kind=K.EXPENDITURE, number=number, title=layout.name, unit=unit, scope=sources[0].scope,
                 columns=[Column(key=c.key, label="/".join(c.path)) for c in layout.columns], rows=rows,
                 source=_src(number, layout.name))


def _class_codes(budget: Budget) -> dict[str, str]:
    """Class-name key → code, from the budget's own function tables."""
    out: dict[str, str] = {}
    for kind in (K.EXPENDITURE, K.GPB_BY_FUNCTION, K.GOV_FUND, K.SOE_CAPITAL):
        t = budget.table(kind)
        for r in t.rows if t else []:
            if r.code and len(r.code) == 3:
                out.setdefault(name_key(r.name), r.code)
    return out


def _class_lines(layouts: ProfileLayouts, amounts: dict[str, Figure], names: dict[str, str],
                 fmt: str, number: str | None) -> list[BalanceLine]:
    """The template's class lines; classes the department uses but the template lacks are appended."""
    codes = {name_key(n): c for c, n in names.items()}
    labels = list(layouts.class_lines)
    known = {name_key(x) for x in labels}
    labels += [names[c] for c in sorted(amounts) if name_key(names.get(c, "")) not in known and c in names]
    lines = []
    for i, label in enumerate(labels, start=1):
        code = codes.get(name_key(label))
        fig = amounts.get(code) if code else None
        lines.append(BalanceLine(label=fmt.format(n=numeral(i), label=label),
                                 key=f"fn:{code}" if code else f"fn_name:{name_key(label)}", code=code,
                                 values={"amount": fig} if fig is not None else {},
                                 source=_src(number, label)))
    return lines


def _line(label: str, key: str, fig: Figure | None, number: str | None) -> BalanceLine:
    return BalanceLine(label=label, key=key, values={"amount": fig} if fig is not None else {},
                       source=_src(number, label))


def summary_table(budget: Budget, layouts: ProfileLayouts, number: str | None) -> BalanceTable | None:
    income, expenditure = budget.table(K.INCOME), budget.table(K.EXPENDITURE)
    if income is None or expenditure is None:
        return None
    unit, places = income.unit, _places(income, expenditure)
    lines = [_line(f"{numeral(i)}、{label}", key, _total(income, f"current.{key}"), number)
             for i, (key, label) in enumerate(WUHAN_SUMMARY_INCOME, start=1)]
    current = _total(income, "current") or sum_figures((ln.amount for ln in lines), unit, places)
    carry = _total(income, "carryover")
    total_in = _total(income, "total") or sum_figures([current, carry], unit, places)
    classes = {r.code: r.values["total"] for r in expenditure.rows
               if r.kind is RowKind.CLASS and r.code and "total" in r.values}
    names = {r.code: r.name for r in expenditure.rows if r.code}
    out_lines = _class_lines(layouts, classes, {**names, **_names_from(budget)}, "{n}、{label}", number)
    spent = _total(expenditure, "total")
    left = None
    if total_in is not None and spent is not None and total_in.value > spent.value:
        left = figure(total_in.value - spent.value, unit, places, _src(number, "年终结转结余"))
    total_out = sum_figures([spent, left], unit, places, _src(number, "支出总计"))
    return BalanceTable(
        kind=K.SUMMARY, number=number, title=standard_name(K.SUMMARY), unit=unit, scope=income.scope,
        income=[*lines, _line("本年收入合计", "current_total", current, number),
                _line("上年结转结余", "carryover", carry, number), _line("收入总计", "total", total_in, number)],
        expenditure=[*out_lines, _line("本年支出合计", "current_total", spent, number),
                     _line("年终结转结余", "carryover", left, number), _line("支出总计", "total", total_out, number)],
        source=_src(number, standard_name(K.SUMMARY)))


def _names_from(budget: Budget) -> dict[str, str]:
    out: dict[str, str] = {}
    for kind in (K.GPB_BY_FUNCTION, K.GOV_FUND, K.SOE_CAPITAL, K.EXPENDITURE):
        t = budget.table(kind)
        for r in t.rows if t else []:
            if r.code:
                out.setdefault(r.code, r.name)
    return out


def fiscal_table(budget: Budget, layouts: ProfileLayouts, number: str | None) -> BalanceTable | None:
    income = budget.table(K.INCOME)
    funds = [t for t in (budget.table(K.GPB_BY_FUNCTION), budget.table(K.GOV_FUND), budget.table(K.SOE_CAPITAL)) if t]
    if income is None or not funds:
        return None
    unit, places = income.unit, _places(income, *funds)
    cur = [_line(f"（{numeral(i)}）{label}", key, _total(income, f"current.{key}"), number)
           for i, (key, label) in enumerate(WUHAN_FISCAL_SOURCES, start=1)]
    carry = [_line(f"（{numeral(i)}）{label}", f"carryover.{key}", _total(income, f"carryover.{key}"), number)
             for i, (key, label) in enumerate(WUHAN_FISCAL_SOURCES, start=1)]
    cur_total = sum_figures((ln.amount for ln in cur), unit, places, _src(number, "本年收入"))
    carry_total = sum_figures((ln.amount for ln in carry), unit, places, _src(number, "上年结转"))
    total_in = sum_figures([cur_total, carry_total], unit, places, _src(number, "收入总计"))
    classes: dict[str, list[Figure | None]] = {}
    for t in funds:
        for r in t.rows:
            if r.kind is RowKind.CLASS and r.code:
                classes.setdefault(r.code, []).append(r.values.get("total"))
    amounts = {c: f for c, figs in classes.items() if (f := sum_figures(figs, unit, places)) is not None}
    out_lines = _class_lines(layouts, amounts, _names_from(budget), "（{n}）{label}", number)
    spent = sum_figures(amounts.values(), unit, places, _src(number, "本年支出"))
    left = None
    if total_in is not None and total_in.value > (spent.value if spent else ZERO):
        left = figure(total_in.value - (spent.value if spent else Decimal(0)), unit, places, _src(number, "结转"))
    total_out = sum_figures([spent, left], unit, places, _src(number, "支出总计"))
    return BalanceTable(
        kind=K.FISCAL_SUMMARY, number=number, title=standard_name(K.FISCAL_SUMMARY), unit=unit, scope=income.scope,
        income=[_line("一、本年收入", "current_total", cur_total, number), *cur,
                _line("二、上年结转", "carryover", carry_total, number), *carry,
                _line("收入总计", "total", total_in, number)],
        expenditure=[_line("一、本年支出", "current_total", spent, number), *out_lines,
                     _line("二、年终结转结余", "carryover", left, number), _line("支出总计", "total", total_out, number)],
        source=_src(number, standard_name(K.FISCAL_SUMMARY)))


def gpb_by_unit_single(budget: Budget, layouts: ProfileLayouts, number: str | None, notices: Notices) -> Table | None:
    """5-2 when the department is a single budget unit: its one unit row carries 5-1's totals."""
    gpb, income = budget.table(K.GPB_BY_FUNCTION), budget.table(K.INCOME)
    if gpb is None or income is None or gpb.total_row() is None:
        return None
    units = income.rows_of(RowKind.UNIT)
    if len(units) != 1:
        notices.append("表5-2（分单位）需要按预算单位填写：部门有多个预算单位，无法由表5-1推算")
        return None
    layout = layouts.tables[K.GPB_BY_UNIT]
    total = gpb.total_row()
    assert total is not None
    unit_row = Row(kind=RowKind.UNIT, code=units[0].code, name=units[0].name, values=dict(total.values),
                   source=_src(number, units[0].name))
    return Table(kind=K.GPB_BY_UNIT, number=number, title=layout.name, unit=gpb.unit, scope=gpb.scope,
                 columns=[Column(key=c.key, label="/".join(c.path)) for c in layout.columns],
                 rows=[unit_row], source=_src(number, layout.name))
