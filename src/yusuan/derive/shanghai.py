"""Derivation for the Shanghai template: the nine tables from what a finance officer enters.

Entered (tables in 元, the “三公” table in 万元): the 项 rows of the general public budget (人员经费 /
公用经费 / 项目支出 — the table prints 合计 / 基本支出 / 项目支出), the 项 rows of 政府性基金 and 国有资本
经营 budgets if any, the 款 rows of the economic table, the “三公” items and 机关运行经费, and — only
when there is money besides appropriations — the 收入预算总表 and 支出预算总表 rows. Derived:

* row sums (基本 = 人员 + 公用, 合计 = 基本 + 项目 …) and 类 = Σ 款 = Σ 项 roll-ups, 合计 printed last;
* 支出预算总表 = 一般公共预算 + 政府性基金 + 国有资本经营 by code (no other money);
* 收入预算总表 = the 支出预算总表 rows with all of it 财政拨款收入 (no other money);
* 财务收支预算总表: 一、财政拨款收入 (1、一般公共预算资金 2、政府性基金 3、国有资本经营预算) 二、事业收入
  三、事业单位经营收入 四、其他收入 against the classes of the 支出预算总表; a 单位 budget splits each
  class into 合计 / 人员经费 / 公用经费 / 项目支出 (Putuo 单位 documents);
* 财政拨款收支预算总表: the three appropriations against the classes, 合计 / 一般公共预算 / 政府性基金预算
  / 国有资本经营预算;
* empty 政府性基金 / 国有资本经营 tables with the Putuo note (“注:本部门2025年无…故本表为空表。”);
* 机关运行经费 in the “三公” table from the fact ``admin_operating_cost`` when not typed there;
* a 项目经费情况说明's 年度预算 = Σ its breakdown when not typed.

As everywhere, a typed figure is never overwritten; the checker reports contradictions.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.derive.numbers import figure, sum_figures
from yusuan.derive.rollup import Notices, code_names, fill_row_sums, roll_up_codes
from yusuan.derive.templates import SHANGHAI_EMPTY_NOTE, SHANGHAI_LAYOUTS, TableLayout
from yusuan.model.authoring import Authoring
from yusuan.model.budget import (
    BalanceLine,
    BalanceTable,
    Budget,
    Column,
    ProjectSheet,
    Row,
    RowKind,
    Table,
    TableKind,
)
from yusuan.model.figures import WAN, YUAN, Figure, SourceRef, unit_factor

K = TableKind
_SPENDING = (K.GPB_BY_FUNCTION, K.GOV_FUND, K.SOE_CAPITAL)
_NON_FISCAL = ("business_income", "operating_income", "other_income")
_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _src(label: str) -> SourceRef:
    return SourceRef(column=label, text="计算得出")


def _columns(layout: TableLayout) -> list[Column]:
    return [Column(key=c.key, label="/".join(c.path)) for c in layout.columns]


def _places(*tables: Table | None) -> int:
    ps = [f.places for t in tables if t for r in t.rows for f in r.values.values() if not f.exact]
    return max(ps) if ps else 2


def _total_last(t: Table) -> Table:
    totals = [r for r in t.rows if r.kind is RowKind.TOTAL]
    return replace(t, rows=[r for r in t.rows if r.kind is not RowKind.TOTAL] + totals)


def complete_table(t: Table, names: dict[str, str], budget: Budget, notices: Notices) -> Table:
    layout = SHANGHAI_LAYOUTS.get(t.kind)
    if layout is None:
        return t
    if not t.columns:
        t = replace(t, columns=_columns(layout))
    t = fill_row_sums(t, layout)
    if t.kind is not K.THREE_PUBLIC and t.rows:
        t = roll_up_codes(t, names, budget.meta.year, notices)
        t = fill_row_sums(t, layout)
        t = _total_last(t)
    return replace(t, title=t.title or layout.name, number=None)


def _empty(kind: TableKind, budget: Budget) -> Table:
    layout = SHANGHAI_LAYOUTS[kind]
    what = "政府性基金" if kind is K.GOV_FUND else "国有资本经营"
    scope = "单位" if budget.meta.level == "unit" else "部门"
    return Table(kind=kind, title=layout.name, unit=budget.meta.table_unit, scope=budget.meta.department or None,
                 columns=_columns(layout), rows=[Row(kind=RowKind.TOTAL, name="合计", source=_src("合计"))],
                 notes=[SHANGHAI_EMPTY_NOTE.format(scope=scope, year=budget.meta.year, what=what)], source=_src(layout.name))


def _three_public(t: Table | None, budget: Budget, authoring: Authoring) -> Table:
    """The “三公” table (万元) with 机关运行经费 from the fact when it was not typed in the table."""
    layout = SHANGHAI_LAYOUTS[K.THREE_PUBLIC]
    if t is None:
        t = Table(kind=K.THREE_PUBLIC, title=layout.name, unit=WAN, scope=budget.meta.department or None,
                  columns=_columns(layout), rows=[Row(kind=RowKind.TOTAL, name="合计", source=_src("合计"))],
                  source=_src(layout.name))
    if not t.columns:
        t = replace(t, columns=_columns(layout))
    rows = list(t.rows) or [Row(kind=RowKind.TOTAL, name="合计", source=_src("合计"))]
    fact = authoring.facts.get("admin_operating_cost")
    if fact is not None and "admin_operating" not in rows[0].values:
        value = fact.value * unit_factor(fact.unit) / unit_factor(t.unit)
        rows[0] = replace(rows[0], values={**rows[0].values,
                                           "admin_operating": figure(value, t.unit, 2, _src("机关运行经费"))})
    return fill_row_sums(replace(t, rows=rows), layout)


def expenditure_from_funds(budget: Budget) -> Table | None:
    """支出预算总表 = Σ of the three appropriation tables by code; 人员经费 / 公用经费 are carried along
    (not printed) for the 单位 budget's 财务收支预算总表."""
    sources = [t for k in _SPENDING if (t := budget.table(k)) is not None and t.rows]
    if not sources:
        return None
    layout = SHANGHAI_LAYOUTS[K.EXPENDITURE]
    unit, places = sources[0].unit, _places(*sources)
    sums: dict[str | None, dict[str, list[Figure | None]]] = {}
    kinds: dict[str | None, RowKind] = {}
    names: dict[str, str] = {}
    for t in sources:
        for r in t.rows:
            if r.kind not in (RowKind.TOTAL, RowKind.CLASS, RowKind.SECTION, RowKind.ITEM):
                continue
            code = r.code if r.kind is not RowKind.TOTAL else None
            kinds[code] = r.kind
            if code:
                names.setdefault(code, r.name)
            for k in ("basic", "project", "personnel", "public"):
                sums.setdefault(code, {}).setdefault(k, []).append(r.values.get(k))
    rows = []
    for code in [*sorted((c for c in sums if c), key=str), None]:
        if code not in sums:
            continue
        values: dict[str, Figure] = {}
        for k, figs in sums[code].items():
            f = sum_figures(figs, unit, places, _src(k))
            if f is not None:
                values[k] = f
        total = sum_figures([values.get("basic"), values.get("project")], unit, places, _src("total"))
        if total is not None:
            values = {"total": total, **values}
        rows.append(Row(kind=kinds[code], code=code, name=names.get(code, "") if code else "合计", values=values,
                        source=_src(code or "合计")))
    return Table(kind=K.EXPENDITURE, title=layout.name, unit=unit, scope=sources[0].scope, columns=_columns(layout),
                 rows=rows, source=_src(layout.name))


def income_from_expenditure(expenditure: Table) -> Table:
    """收入预算总表 when all money is appropriated: each 支出预算总表 row's 合计 is 财政拨款收入."""
    layout = SHANGHAI_LAYOUTS[K.INCOME]
    rows = []
    for r in expenditure.rows:
        total = r.values.get("total")
        values = {"total": total, "fiscal": total} if total is not None else {}
        rows.append(Row(kind=r.kind, code=r.code, name=r.name, values=values, source=_src(r.code or "合计")))
    return Table(kind=K.INCOME, title=layout.name, unit=expenditure.unit, scope=expenditure.scope,
                 columns=_columns(layout), rows=rows, source=_src(layout.name))


def _total(t: Table | None, key: str) -> Figure | None:
    row = t.total_row() if t is not None else None
    return row.values.get(key) if row is not None else None


def _line(label: str, key: str, values: dict[str, Figure | None], code: str | None = None) -> BalanceLine:
    return BalanceLine(label=label, key=key, code=code, values={k: v for k, v in values.items() if v is not None},
                       source=_src(label))


def _class_sums(t: Table, keys: tuple[str, ...], unit: str, places: int) -> dict[str, dict[str, Figure | None]]:
    """Per 类 of a function table: its row's 合计, and Σ of its 项 for ``keys`` (人员 / 公用 / 项目)."""
    out: dict[str, dict[str, Figure | None]] = {}
    for r in t.rows:
        if r.kind is RowKind.CLASS and r.code and len(r.code) == 3:
            items = [i for i in t.rows if i.code and len(i.code) == 7 and i.code.startswith(r.code)]
            values: dict[str, Figure | None] = {"total": r.values.get("total")}
            for k in keys:
                values[k] = r.values.get(k) or sum_figures((i.values.get(k) for i in items), unit, places)
            out[r.code] = values
    return out


def summary_table(budget: Budget) -> BalanceTable | None:
    income, expenditure = budget.table(K.INCOME), budget.table(K.EXPENDITURE)
    if income is None or expenditure is None:
        return None
    unit, places = income.unit, _places(income, expenditure)
    funds = {k: _total(budget.table(kind), "total") for k, kind in
             (("gpb", K.GPB_BY_FUNCTION), ("gov_fund", K.GOV_FUND), ("soe", K.SOE_CAPITAL))}
    fiscal = _total(income, "fiscal") or sum_figures(funds.values(), unit, places, _src("财政拨款收入"))
    lines = [_line("一、财政拨款收入", "fiscal", {"amount": fiscal}),
             _line("1、一般公共预算资金", "gpb", {"amount": funds["gpb"]}),
             _line("2、政府性基金", "gov_fund", {"amount": funds["gov_fund"]}),
             _line("3、国有资本经营预算", "soe", {"amount": funds["soe"]})]
    for i, (key, word) in enumerate(zip(_NON_FISCAL, ("事业收入", "事业单位经营收入", "其他收入"), strict=True), start=2):
        lines.append(_line(f"{_NUM[i - 1]}、{word}", key, {"amount": _total(income, key)}))
    total_in = _total(income, "total") or sum_figures(
        [fiscal, *(_total(income, k) for k in _NON_FISCAL)], unit, places, _src("收入总计"))
    unit_level = budget.meta.level == "unit"
    keys = ("personnel", "public", "project") if unit_level else ()
    out_lines = []
    for i, (code, values) in enumerate(sorted(_class_sums(expenditure, keys, unit, places).items()), start=1):
        name = next((r.name for r in expenditure.rows if r.code == code), code)
        shown = values if unit_level else {"amount": values["total"]}
        out_lines.append(_line(f"{_NUM[i - 1] if i <= 10 else i}、{name}", f"fn:{code}", shown, code))
    total_row = expenditure.total_row()
    total_out: dict[str, Figure | None] = {"amount": _total(expenditure, "total")}
    if unit_level and total_row is not None:
        items = [r for r in expenditure.rows if r.code and len(r.code) == 7]
        total_out = {"total": total_row.values.get("total")}
        for k in keys:
            total_out[k] = total_row.values.get(k) or sum_figures((r.values.get(k) for r in items), unit, places)
    return BalanceTable(kind=K.SUMMARY, title="财务收支预算总表", unit=unit, scope=income.scope,
                        income=[*lines, _line("收入总计", "total", {"amount": total_in})],
                        expenditure=[*out_lines, _line("支出总计", "total", total_out)], source=_src("财务收支预算总表"))


def fiscal_table(budget: Budget) -> BalanceTable | None:
    tables = {k: budget.table(kind) for k, kind in (("gpb", K.GPB_BY_FUNCTION), ("gov_fund", K.GOV_FUND),
                                                     ("soe", K.SOE_CAPITAL))}
    present = [t for t in tables.values() if t is not None]
    if not present:
        return None
    unit, places = present[0].unit, _places(*present)
    funds = {k: _total(t, "total") for k, t in tables.items()}
    income = [_line("一、一般公共预算资金", "gpb", {"amount": funds["gpb"]}),
              _line("二、政府性基金", "gov_fund", {"amount": funds["gov_fund"]}),
              _line("三、国有资本经营预算", "soe", {"amount": funds["soe"]})]
    total = sum_figures(funds.values(), unit, places, _src("收入总计"))
    classes: dict[str, dict[str, Figure | None]] = {}
    names: dict[str, str] = {}
    for k, t in tables.items():
        for r in t.rows if t else []:
            if r.kind is RowKind.CLASS and r.code and len(r.code) == 3:
                classes.setdefault(r.code, {})[k] = r.values.get("total")
                names.setdefault(r.code, r.name)
    out = []
    for i, code in enumerate(sorted(classes), start=1):
        v = classes[code]
        line_total = sum_figures(v.values(), unit, places, _src(code))
        out.append(_line(f"{_NUM[i - 1] if i <= 10 else i}、{names[code]}", f"fn:{code}",
                         {"total": line_total, **v}, code))
    totals = {"total": total, **funds}
    return BalanceTable(kind=K.FISCAL_SUMMARY, title="财政拨款收支预算总表", unit=unit, scope=present[0].scope,
                        income=[*income, _line("收入总计", "total", {"amount": total})],
                        expenditure=[*out, _line("支出总计", "total", totals)], source=_src("财政拨款收支预算总表"))


def _note_budget(note: ProjectSheet) -> ProjectSheet:
    if note.form != "note" or note.current_budget is not None or not note.details:
        return note
    total = sum_figures((d.estimate for d in note.details), note.unit, 2, _src("年度预算安排"))
    return replace(note, current_budget=total) if total is not None else note


def complete_shanghai(budget: Budget, notices: Notices) -> Budget:
    """The nine tables of an authored Shanghai budget (see the module docstring)."""
    if budget.meta.table_unit != YUAN:
        notices.append(f"上海模板的表格以元为单位，本数据为{budget.meta.table_unit}")
    authoring = budget.authoring or Authoring()
    names = code_names(budget)
    tables: dict[TableKind, Table | BalanceTable] = {}
    for kind, t in budget.tables.items():
        tables[kind] = complete_table(t, names, budget, notices) if isinstance(t, Table) else t
    budget = replace(budget, tables=tables)
    for kind in (K.GOV_FUND, K.SOE_CAPITAL):
        fund = budget.table(kind)
        if fund is None or not any(r.values for r in fund.rows):
            empty = _empty(kind, budget)
            tables[kind] = empty if fund is None else replace(fund, rows=fund.rows or empty.rows,
                                                                notes=fund.notes or empty.notes)
    tables[K.THREE_PUBLIC] = _three_public(budget.table(K.THREE_PUBLIC), budget, authoring)
    budget = replace(budget, tables=tables)
    income = budget.table(K.INCOME)
    non_fiscal = income is not None and any((_total(income, k) or Figure.zero()).value != 0 for k in _NON_FISCAL)
    if K.EXPENDITURE not in tables:
        if non_fiscal:
            notices.append("支出预算总表需要填写：部门有财政拨款以外的收入，无法由财政拨款各表推算")
        elif (derived := expenditure_from_funds(budget)) is not None:
            tables[K.EXPENDITURE] = derived
    spent = tables.get(K.EXPENDITURE)
    if K.INCOME not in tables and isinstance(spent, Table):
        tables[K.INCOME] = income_from_expenditure(spent)
    budget = replace(budget, tables=tables)
    for kind, make in ((K.SUMMARY, summary_table), (K.FISCAL_SUMMARY, fiscal_table)):
        if kind not in tables and (made := make(budget)) is not None:
            tables[kind] = replace(made, scope=made.scope or budget.meta.department or None)
            budget = replace(budget, tables=tables)
    for kind in (K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY):
        if kind not in tables:
            notices.append(f"无法生成{kind.value}：缺少所需的表")
    order = [k for k in (K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GPB_BY_FUNCTION, K.GOV_FUND,
                         K.SOE_CAPITAL, K.GPB_BASIC_ECONOMIC, K.THREE_PUBLIC) if k in tables]
    ordered = {k: tables[k] for k in order} | {k: v for k, v in tables.items() if k not in order}
    return replace(budget, tables=ordered, projects=[_note_budget(s) for s in budget.projects])
