"""Derivation: everything a disclosure repeats is computed from what the author entered once.

:func:`derive` takes a budget and returns it completed, with the notices of what could not be
derived. Two modes:

* **authored** input (canonical YAML/JSON, the Excel entry workbook): row sums, class/section/unit
  roll-ups, the tables built from other tables (收支总表, 财政拨款收支总表, and 支出总表 / 5-2 when
  they follow), the figures of the performance forms, sums of narrative facts;
* **parsed** documents: their figures are the document's and stay as printed (re-rendering must
  read back to the same figures); only the authoring inputs are recovered from the narrative.

The Shanghai template's tables are derived by :mod:`yusuan.derive.shanghai`. Shares and year-on-year
changes are computed where the narrative is written (render/narrative.py, narrative_shanghai.py) with
:mod:`yusuan.derive.numbers`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.derive.cross import (
    expenditure_from_fiscal,
    fiscal_table,
    gpb_by_unit_single,
    has_non_fiscal_money,
    summary_table,
)
from yusuan.derive.forms import complete_overall, complete_sheet
from yusuan.derive.from_claims import authoring_from_claims
from yusuan.derive.numbers import sum_figures
from yusuan.derive.rollup import Notices, code_names, complete_table
from yusuan.derive.templates import layouts_for
from yusuan.model.authoring import Authoring
from yusuan.model.budget import BalanceTable, Budget, Column, Row, RowKind, Table, TableKind
from yusuan.model.figures import Figure, SourceRef

K = TableKind
__all__ = ["Notices", "derive"]


def _number(profile_id: str, kind: TableKind) -> str | None:
    from yusuan.templates import all_templates

    prof = all_templates().get(profile_id)
    return prof.number_of(kind) if prof else None


def _empty_table(kind: TableKind, profile_id: str, budget: Budget) -> Table:
    layout = layouts_for(profile_id).tables[kind]
    year = budget.meta.year
    notes = [layout.empty_note.format(year=year)] if layout.empty_note else []
    rows = [Row(kind=RowKind.TOTAL, name="", source=SourceRef())] if kind is K.THREE_PUBLIC else []
    return Table(kind=kind, number=_number(profile_id, kind), title=layout.name, unit=budget.meta.table_unit,
                 columns=[Column(key=c.key, label="/".join(c.path)) for c in layout.columns], rows=rows,
                 notes=notes, source=SourceRef())


def _complete_tables(budget: Budget, notices: Notices) -> Budget:
    profile = budget.meta.profile if budget.meta.profile != "unknown" else "wuhan"
    layouts = layouts_for(profile)
    names = code_names(budget)
    tables: dict[TableKind, Table | BalanceTable] = {}
    for kind, t in budget.tables.items():
        if isinstance(t, Table):
            number = t.number or _number(profile, kind)
            t = replace(t, number=number, title=t.title or layouts.tables[kind].name)
            t = complete_table(t, layouts.tables.get(kind), names, budget.meta.year, budget.meta.department, notices)
        tables[kind] = t
    budget = replace(budget, tables=tables)

    def add(kind: TableKind, table: Table | BalanceTable | None) -> None:
        nonlocal budget
        if table is None:
            return
        if isinstance(table, Table):
            table = complete_table(table, layouts.tables.get(kind), code_names(budget), budget.meta.year,
                                   budget.meta.department, notices)
        if table.scope is None:
            table = replace(table, scope=budget.meta.department or None)
        budget = replace(budget, tables={**budget.tables, kind: table})

    for kind in (K.GOV_FUND, K.SOE_CAPITAL, K.THREE_PUBLIC, K.PROJECTS):
        if kind not in budget.tables:
            add(kind, _empty_table(kind, profile, budget))
    if not budget.projects:
        notices.append("没有项目申报表（表12）：项目支出绩效目标表需要每个项目一张")
    if K.EXPENDITURE not in budget.tables:
        if has_non_fiscal_money(budget):
            notices.append("支出总表需要填写：部门有非财政拨款资金，无法由财政拨款各表推算")
        else:
            add(K.EXPENDITURE, expenditure_from_fiscal(budget, layouts, _number(profile, K.EXPENDITURE)))
    if K.GPB_BY_UNIT not in budget.tables:
        add(K.GPB_BY_UNIT, gpb_by_unit_single(budget, layouts, _number(profile, K.GPB_BY_UNIT), notices))
    if K.SUMMARY not in budget.tables:
        add(K.SUMMARY, summary_table(budget, layouts, _number(profile, K.SUMMARY)))
    if K.FISCAL_SUMMARY not in budget.tables:
        add(K.FISCAL_SUMMARY, fiscal_table(budget, layouts, _number(profile, K.FISCAL_SUMMARY)))
    for kind in (K.SUMMARY, K.FISCAL_SUMMARY, K.INCOME, K.EXPENDITURE):
        if kind not in budget.tables:
            notices.append(f"无法生成{kind.value}：缺少所需的表")
    sheets = [complete_sheet(s, budget) for s in budget.projects]
    overall = complete_overall(budget.overall_performance, budget) if budget.overall_performance else None
    return replace(budget, projects=sheets, overall_performance=overall)


def _fact_sums(a: Authoring, unit: str) -> Authoring:
    """政府采购 total = 货物 + 工程 + 服务; 政府购买服务 total = Σ items — when only the parts are given."""
    facts = dict(a.facts)
    parts = [facts.get(k) for k in ("procurement.goods", "procurement.works", "procurement.services")]
    if "procurement.total" not in facts and any(p is not None for p in parts):
        total = sum_figures(parts, unit, 2)
        facts["procurement.total"] = total or Figure(value=Decimal(0), places=2, unit=unit)
    items = [f for k, f in facts.items() if k.startswith("purchase_services.item:")]
    if "purchase_services.total" not in facts and items:
        total = sum_figures(items, unit, 2)
        facts["purchase_services.total"] = total or Figure(value=Decimal(0), places=2, unit=unit)
    return replace(a, facts=facts) if facts != a.facts else a


def derive(budget: Budget, authored: bool) -> tuple[Budget, Notices]:
    """Complete a budget for rendering. ``authored``: entered data (derive tables) vs a parsed document."""
    notices = Notices()
    if authored:
        if budget.meta.profile == "unknown":
            budget = replace(budget, meta=replace(budget.meta, profile="wuhan"))
        if budget.meta.profile == "shanghai":
            from yusuan.derive.shanghai import complete_shanghai

            budget = complete_shanghai(budget, notices)
        else:
            budget = _complete_tables(budget, notices)
        authoring = budget.authoring or Authoring()
    else:
        recovered = authoring_from_claims(budget)
        authoring = (budget.authoring or Authoring()).merged(recovered)
    authoring = _fact_sums(authoring, "万元")
    return replace(budget, authoring=authoring), notices
