"""Roll-ups inside one table: per-row sums and the subtotal rows of code trees and unit lists.

Only what is missing is computed. A cell the author typed is kept as typed, even when it disagrees
with its parts: contradictions are for the checker to report, not for derivation to paper over.
Roll-up rows (合计, 类, 款, 部门, 单位, 项目类别) that the author left without figures get the sum of
the rows they cover; missing class and section rows are created with their names from the budget's
own tables or, failing that, from the classification catalogue.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from yusuan.catalog import load_catalog
from yusuan.derive.numbers import sum_figures
from yusuan.derive.templates import TableLayout
from yusuan.model.budget import Budget, Column, Row, RowKind, Table, TableKind
from yusuan.model.figures import Figure, SourceRef

CODE_TABLES = frozenset({TableKind.EXPENDITURE, TableKind.GPB_BY_FUNCTION, TableKind.GOV_FUND,
                         TableKind.SOE_CAPITAL, TableKind.GPB_BASIC_ECONOMIC})
UNIT_TABLES = frozenset({TableKind.INCOME, TableKind.GPB_BY_UNIT})


class Notices(list[str]):
    """What derivation could not do (a name it does not know, a table it cannot build)."""


def code_names(budget: Budget) -> dict[str, str]:
    """Code → name as the budget's own tables print it (first seen wins)."""
    names: dict[str, str] = {}
    for t in budget.tables.values():
        if isinstance(t, Table):
            for r in t.rows:
                if r.code and r.name:
                    names.setdefault(r.code, r.name)
    return names


def _places(table: Table) -> int:
    """Printed places of a table: what its figures use (万元 tables: 2; 元 tables: 0 or 2)."""
    places = [f.places for r in table.rows for f in r.values.values() if not f.exact]
    return max(places) if places else (2 if table.unit == "万元" else 0)


def _src(table: Table, row: int, column: str) -> SourceRef:
    return SourceRef(table=f"表{table.number}" if table.number else table.title, row=row, column=column,
                     text="计算得出")


def _expand(parts: tuple[str, ...], key: str, keys: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p.endswith(".*"):
            prefix = p[:-1]
            out.extend(k for k in keys if k.startswith(prefix) and k != key)
        else:
            out.append(p)
    return out


def fill_row_sums(table: Table, layout: TableLayout) -> Table:
    """Per-row identities (合计 = Σ columns, 基本 = 人员 + 公用 …) for cells left blank."""
    keys = [c.key for c in table.columns] or layout.keys()
    places = _places(table)
    rows = []
    for i, row in enumerate(table.rows, start=1):
        values = dict(row.values)
        for key, parts in layout.row_sums:
            if key in values:
                continue
            addends = [values.get(k) for k in _expand(parts, key, keys)]
            if any(a is not None for a in addends):
                fig = sum_figures(addends, table.unit, places, _src(table, i, key))
                if fig is not None:
                    values[key] = fig
        rows.append(row if values == row.values else replace(row, values=values))
    return replace(table, rows=rows)


def _sources(table: Table, row: int, prefix: str = "") -> Callable[[str], SourceRef]:
    """Where a derived figure of ``table`` row ``row`` (column key → SourceRef) comes from."""
    return lambda key: _src(table, row, f"{prefix}{key}")


def _sum_rows(rows: list[Row], keys: list[str], unit: str, places: int, src: Callable[[str], SourceRef]
              ) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for k in keys:
        fig = sum_figures((r.values.get(k) for r in rows), unit, places, src(k))
        if fig is not None:
            out[k] = fig
    return out


def _level(code: str) -> RowKind:
    return {3: RowKind.CLASS, 5: RowKind.SECTION, 7: RowKind.ITEM}.get(len(code), RowKind.OTHER)


def roll_up_codes(table: Table, names: dict[str, str], year: int | None, notices: Notices) -> Table:
    """款 = Σ 项, 类 = Σ 款, 合计 = Σ 类 (bottom-up); rows sorted by code, the printed tree order."""
    keys = [c.key for c in table.columns]
    places = _places(table)
    by_code = {r.code: r for r in table.rows if r.code}
    lengths = (3, 5) if table.kind is TableKind.GPB_BASIC_ECONOMIC else (3, 5, 7)
    catalog = load_catalog()
    # Create missing parents (a 项 whose 款 or 类 was not typed).
    for code in list(by_code):
        for parent_len in lengths[:-1]:
            parent = (code or "")[:parent_len]
            if len(code or "") > parent_len and parent not in by_code:
                name = names.get(parent) or catalog.name(parent, year)
                if not name:
                    notices.append(f"{table.title}：科目 {parent} 的名称未知，请在数据中补充")
                by_code[parent] = Row(kind=_level(parent), code=parent, name=name or "",
                                      source=SourceRef(table=table.title, text="计算得出"))
    # Fill parents without figures from their children, deepest level first.
    for parent_len, child_len in reversed(list(itertools.pairwise(lengths))):
        for code, row in list(by_code.items()):
            if len(code or "") != parent_len or row.values:
                continue
            children = [r for c, r in by_code.items() if len(c or "") == child_len and (c or "").startswith(code or "")]
            by_code[code] = replace(row, values=_sum_rows(
                children, keys, table.unit, places, _sources(table, 0, f"{code}:")))
    rows = [by_code[c] for c in sorted(by_code, key=lambda c: c or "")]
    total = table.total_row() or Row(kind=RowKind.TOTAL, name="合计", source=SourceRef(table=table.title))
    if not total.values:
        classes = [r for r in rows if r.code and len(r.code) == 3]
        total = replace(total, values=_sum_rows(classes, keys, table.unit, places,
                                                             _sources(table, 1)))
    others = [r for r in table.rows if not r.code and r.kind is not RowKind.TOTAL]
    return replace(table, rows=[total, *rows, *others])


def roll_up_units(table: Table, department: str) -> Table:
    """Department row = Σ its units (codes sharing the department's 3-digit prefix); 合计 = Σ units."""
    keys = [c.key for c in table.columns]
    places = _places(table)
    units = [r for r in table.rows if r.kind is RowKind.UNIT]
    depts = {r.code: r for r in table.rows if r.kind is RowKind.DEPARTMENT and r.code}
    for u in units:
        prefix = (u.code or "")[:3]
        if prefix and prefix not in depts and len(u.code or "") == 6:
            depts[prefix] = Row(kind=RowKind.DEPARTMENT, code=prefix, name=department,
                                source=SourceRef(table=table.title, text="计算得出"))
    rows: list[Row] = []
    for code in sorted(depts):
        d = depts[code]
        mine = [u for u in units if (u.code or "").startswith(code)]
        if not d.values:
            d = replace(d, values=_sum_rows(mine, keys, table.unit, places,
                                                         _sources(table, 0, f"{code}:")))
        rows.extend([d, *mine])
    rows.extend(u for u in units if not any((u.code or "").startswith(c) for c in depts))
    others = [r for r in table.rows if r.kind not in (RowKind.UNIT, RowKind.DEPARTMENT, RowKind.TOTAL)]
    total = table.total_row() or Row(kind=RowKind.TOTAL, name="合计", source=SourceRef(table=table.title))
    if not total.values:
        total = replace(total, values=_sum_rows(units, keys, table.unit, places,
                                                             _sources(table, 1)))
    return replace(table, rows=[total, *rows, *others])


_PROJECT_SCOPE = {RowKind.DEPARTMENT: 0, RowKind.UNIT: 1, RowKind.GROUP: 2}


def roll_up_projects(table: Table, department: str = "") -> Table:
    """Each 部门 / 单位 / 项目类别 row sums the projects listed under it; 合计 sums all projects.

    A 部门 row is added above the unit rows when they share a department code (Qiaokou 表10: 135
    over 135001 and 135002).
    """
    keys = [c.key for c in table.columns]
    places = _places(table)
    rows = [r for r in table.rows if r.kind is not RowKind.TOTAL]
    units = [r.code for r in rows if r.kind is RowKind.UNIT and r.code and len(r.code) == 6]
    prefixes = {c[:3] for c in units}
    if units and len(prefixes) == 1 and not any(r.kind is RowKind.DEPARTMENT for r in rows):
        rows.insert(0, Row(kind=RowKind.DEPARTMENT, code=prefixes.pop(), name=department,
                           source=SourceRef(table=table.title, text="计算得出")))
    out: list[Row] = []
    for i, row in enumerate(rows):
        level = _PROJECT_SCOPE.get(row.kind)
        if level is None or row.values:
            out.append(row)
            continue
        covered: list[Row] = []
        for below in rows[i + 1:]:
            below_level = _PROJECT_SCOPE.get(below.kind)
            if below_level is not None and below_level <= level:
                break
            if below.kind is RowKind.PROJECT:
                covered.append(below)
        out.append(replace(row, values=_sum_rows(covered, keys, table.unit, places,
                                                              _sources(table, i + 2))))
    total = table.total_row() or Row(kind=RowKind.TOTAL, name="合计", source=SourceRef(table=table.title))
    if not total.values:
        projects = [r for r in rows if r.kind is RowKind.PROJECT]
        total = replace(total, values=_sum_rows(projects, keys, table.unit, places,
                                                             _sources(table, 1)))
    return replace(table, rows=[total, *out])


def complete_table(table: Table, layout: TableLayout | None, names: dict[str, str], year: int | None,
                   department: str, notices: Notices) -> Table:
    """Row sums, then the roll-ups the table's kind has."""
    if layout is not None:
        if not table.columns:
            table = replace(table, columns=[Column(key=c.key, label="/".join(c.path))
                                                         for c in layout.columns])
        table = fill_row_sums(table, layout)
    if table.kind in CODE_TABLES and table.rows:
        table = roll_up_codes(table, names, year, notices)
    elif table.kind in UNIT_TABLES and table.rows:
        table = roll_up_units(table, department)
    elif table.kind is TableKind.PROJECTS and table.rows:
        table = roll_up_projects(table, department)
    if layout is not None:
        table = fill_row_sums(table, layout)  # roll-up rows created above may lack their own sums
    return table
