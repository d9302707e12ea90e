"""The standard tables of part 2 as grids: header rows from the column paths, one row per model row.

Figures print with their own precision (a parsed ``2840.98`` stays ``2,840.98``; blank cells stay
blank), so a rendered table reads back to the same figures. Headers follow the template layout of
:mod:`yusuan.derive.templates`; a parsed table keeps the column labels it was printed with.
"""

from __future__ import annotations

from yusuan.derive.templates import TableLayout, layouts_for, shanghai_economic_layout
from yusuan.model.budget import BalanceLine, BalanceTable, Budget, Row, RowKind, Table, TableKind
from yusuan.model.figures import Figure, format_amount
from yusuan.render.document import Cell, Grid, TableBlock, header_from_paths
from yusuan.templates.family import standard_name

K = TableKind
_LANDSCAPE_COLUMNS = 9  # wider tables go on landscape pages (收入总表 has 19 columns)


def num_cell(f: Figure | None) -> Cell:
    if f is None:
        return Cell(align="right")
    return Cell.num(f.value, f.places, format_amount(f.value, f.places))


def _paths(table: Table, layout: TableLayout | None) -> list[tuple[str, ...]]:
    if table.columns:
        return [tuple(c.label.split("/")) for c in table.columns]
    return [c.path for c in layout.columns] if layout else []


def _lead(layout: TableLayout | None, kind: TableKind) -> list[tuple[str, ...]]:
    if layout is None:
        return [("科目编码",), ("科目名称",)] if kind is not K.THREE_PUBLIC else []
    if layout.code_paths:
        return [*layout.code_paths, *(p for p in (layout.name_path,) if p is not None)]
    return [p for p in (layout.code_path, layout.name_path, layout.unit_name_path) if p is not None]


def _widths(lead: int, values: int, kind: TableKind, split: int = 0) -> list[float]:
    if split:
        return [0.7] * split + [3.2] * (lead - split) + [1.4] * values
    name = 3.2 if kind is not K.PROJECTS else 3.6
    widths = [1.6, name][:lead] + ([2.6] if lead == 3 else [])
    return widths + [1.2] * values


def table_layout(budget: Budget, kind: TableKind) -> TableLayout | None:
    """The layout a table of this budget is printed in (the Shanghai economic table: by 部门/单位 level)."""
    if budget.meta.profile == "shanghai" and kind is K.GPB_BASIC_ECONOMIC:
        return shanghai_economic_layout(budget.meta.level)
    return layouts_for(budget.meta.profile).tables.get(kind)


def code_table(table: Table, budget: Budget) -> TableBlock:
    layout = table_layout(budget, table.kind)
    lead = _lead(layout, table.kind)
    paths = _paths(table, layout)
    keys = [c.key for c in table.columns] or (layout.keys() if layout else [])
    split = len(layout.code_paths) if layout is not None else 0
    grid = Grid(header=header_from_paths(lead, paths), widths=_widths(len(lead), len(paths), table.kind, split))
    for row in table.rows:
        if split:
            grid.body.append(_split_row_cells(row, len(lead), split, keys))
        else:
            grid.body.append(_row_cells(row, lead, keys, table.kind))
    return TableBlock(number=table.number, name=_name(table, layout), grid=grid,
                      scope=table.scope or budget.meta.department or None, unit=table.unit, notes=list(table.notes),
                      landscape=len(lead) + len(paths) > _LANDSCAPE_COLUMNS)


_CODE_PARTS = ((0, 3), (3, 5), (5, 7))  # 类 / 款 / 项 digits of a function or economic code


def _split_row_cells(row: Row, lead: int, split: int, keys: list[str]) -> list[Cell]:
    """A row of a table whose code is printed in 类 / 款 / 项 columns (Shanghai): ``201 | 13 | 01``.

    The 合计 row prints its label across the code and name columns; no row is bold (the Putuo PDFs).
    """
    cells: list[Cell] = []
    if row.kind is RowKind.TOTAL or not row.code:
        label = row.name or ("合计" if row.kind is RowKind.TOTAL else "")
        cells.append(Cell(text=label, colspan=lead, align="center"))
        cells.extend(Cell(covered=True) for _ in range(lead - 1))
    else:
        code = row.code
        cells.extend(Cell(text=code[a:b] if len(code) >= b else "", align="center") for a, b in _CODE_PARTS[:split])
        cells.append(Cell(text=row.name))
        cells.extend(Cell() for _ in range(lead - split - 1))
    return cells + [num_cell(row.values.get(k)) for k in keys]


def _name(table: Table | BalanceTable, layout: TableLayout | None) -> str:
    if layout is not None:
        return layout.name
    return standard_name(table.kind)


def _row_cells(row: Row, lead: list[tuple[str, ...]], keys: list[str], kind: TableKind) -> list[Cell]:
    cells: list[Cell] = []
    bold = row.kind in (RowKind.TOTAL, RowKind.DEPARTMENT, RowKind.CLASS)
    if lead:
        cells.append(Cell(text=row.code or "", bold=bold))
        name = row.name or ("合计" if row.kind is RowKind.TOTAL else "")
        cells.append(Cell(text=name, bold=bold))
        if len(lead) > 2:
            cells.append(Cell(text=row.unit_name or ""))
    values = [num_cell(row.values.get(k)) for k in keys]
    if kind is K.THREE_PUBLIC and not row.values and values:
        # An all-zero 三公 row would print blank and vanish when read back: show its 合计 as 0.00.
        values[0] = Cell.num(None, 2, "0.00")
    for c in values:
        c.bold = bold
    return cells + values


def _tail_start(lines: list[BalanceLine], tail_keys: frozenset[str]) -> int:
    i = len(lines)
    while i > 0 and lines[i - 1].key in tail_keys:
        i -= 1
    return i


_IN_TAIL = frozenset({"current_total", "carryover", "nonfiscal_balance", "total"})
_OUT_TAIL = frozenset({"current_total", "carryover", "total"})


def _pad(lines: list[BalanceLine | None], n: int, at_top: bool = False) -> list[BalanceLine | None]:
    pad: list[BalanceLine | None] = [None] * (n - len(lines))
    return pad + lines if at_top else lines + pad


def balance_table(table: BalanceTable, budget: Budget) -> TableBlock:
    """Income lines left, expenditure lines right; the closing lines (合计, 结转, 总计) aligned at the bottom."""
    value_keys = _value_keys(table)
    width = 2 * (1 + len(value_keys))
    top = [Cell(text="收 入", bold=True, align="center", colspan=1 + len(value_keys)),
           *[Cell(covered=True) for _ in value_keys],
           Cell(text="支 出", bold=True, align="center", colspan=1 + len(value_keys)),
           *[Cell(covered=True) for _ in value_keys]]
    labels = {"amount": "预算数", "total": "合计", "gpb": "一般公共预算", "gov_fund": "政府性基金预算",
              "soe": "国有资本经营预算"}
    second = []
    for _ in range(2):
        second.append(Cell(text="项 目", bold=True, align="center"))
        second.extend(Cell(text=labels.get(k, k), bold=True, align="center") for k in value_keys)
    ins, outs = list(table.income), list(table.expenditure)
    i_tail, o_tail = _tail_start(ins, _IN_TAIL), _tail_start(outs, _OUT_TAIL)
    body_n = max(i_tail, o_tail)
    tail_n = max(len(ins) - i_tail, len(outs) - o_tail)
    left = _pad(list(ins[:i_tail]), body_n) + _pad(list(ins[i_tail:]), tail_n, at_top=True)
    right = _pad(list(outs[:o_tail]), body_n) + _pad(list(outs[o_tail:]), tail_n, at_top=True)
    grid = Grid(header=[top, second], widths=([3.6] + [1.4] * len(value_keys)) * 2)
    for a, b in zip(left, right, strict=True):
        grid.body.append(_side(a, value_keys) + _side(b, value_keys))
    assert all(len(r) == width for r in grid.body)
    return TableBlock(number=table.number, name=_name(table, None), grid=grid,
                      scope=table.scope or budget.meta.department or None, unit=table.unit, notes=list(table.notes))


def _value_keys(table: BalanceTable) -> list[str]:
    keys: list[str] = []
    for ln in [*table.income, *table.expenditure]:
        for k in ln.values:
            if k not in keys:
                keys.append(k)
    return keys or ["amount"]


def _side(line: BalanceLine | None, keys: list[str]) -> list[Cell]:
    if line is None:
        return [Cell()] + [Cell(align="right") for _ in keys]
    bold = line.key in ("current_total", "total")
    cells = [Cell(text=line.label, bold=bold)]
    for k in keys:
        c = num_cell(line.values.get(k))
        c.bold = bold
        cells.append(c)
    return cells


# Shanghai two-sided tables (Putuo 财务收支预算总表 / 财政拨款收支预算总表): each side under its own
# heading, a 项目 column and its value columns. 预算数 stands over the expenditure columns of the
# 财务收支预算总表 (a unit budget splits it into 合计 / 基本支出 (人员经费, 公用经费) / 项目支出).
_SH_SIDES = {K.SUMMARY: ("本年收入", "本年支出"), K.FISCAL_SUMMARY: ("财政拨款收入", "财政拨款支出")}
_SH_KEY_ORDER = ("amount", "total", "basic", "personnel", "public", "project", "gpb", "gov_fund", "soe")
_SH_SUMMARY_PATHS = {"total": ("合计",), "amount": ("合计",), "basic": ("基本支出", "小计"),
                     "personnel": ("基本支出", "人员经费"), "public": ("基本支出", "公用经费"), "project": ("项目支出",)}
_SH_FISCAL_LABELS = {"total": "合计", "amount": "合计", "gpb": "一般公共预算", "gov_fund": "政府性基金预算",
                     "soe": "国有资本经营预算", "basic": "基本支出", "personnel": "人员经费", "public": "公用经费",
                     "project": "项目支出"}


def _side_keys(lines: list[BalanceLine]) -> list[str]:
    found = {k for ln in lines for k in ln.values}
    keys = [k for k in _SH_KEY_ORDER if k in found] + sorted(k for k in found if k not in _SH_KEY_ORDER)
    return keys or ["amount"]


def _sh_value_path(kind: TableKind, side: str, key: str, keys: list[str]) -> tuple[str, ...]:
    if keys == ["amount"]:
        return (side, "预算数")
    if kind is K.SUMMARY:
        return (side, "预算数", *_SH_SUMMARY_PATHS.get(key, (key,)))
    return (side, _SH_FISCAL_LABELS.get(key, key))


def shanghai_balance_table(table: BalanceTable, budget: Budget) -> TableBlock:
    """A Shanghai two-sided table: income lines left, expenditure lines right, 总计 on the last row."""
    in_side, out_side = _SH_SIDES.get(table.kind, ("收入", "支出"))
    in_keys, out_keys = _side_keys(table.income), _side_keys(table.expenditure)
    paths = [(in_side, "项目"), *(_sh_value_path(table.kind, in_side, k, in_keys) for k in in_keys),
             (out_side, "项目"), *(_sh_value_path(table.kind, out_side, k, out_keys) for k in out_keys)]
    ins, outs = list(table.income), list(table.expenditure)
    i_tail, o_tail = _tail_start(ins, _IN_TAIL), _tail_start(outs, _OUT_TAIL)
    body_n = max(i_tail, o_tail)
    tail_n = max(len(ins) - i_tail, len(outs) - o_tail)
    left = _pad(list(ins[:i_tail]), body_n) + _pad(list(ins[i_tail:]), tail_n, at_top=True)
    right = _pad(list(outs[:o_tail]), body_n) + _pad(list(outs[o_tail:]), tail_n, at_top=True)
    grid = Grid(header=header_from_paths([], paths),
                widths=[3.6] + [1.5] * len(in_keys) + [3.6] + [1.5] * len(out_keys))
    for a, b in zip(left, right, strict=True):
        grid.body.append(_side(a, in_keys) + _side(b, out_keys))
    return TableBlock(number=table.number, name=table.title, grid=grid,
                      scope=table.scope or budget.meta.department or None, unit=table.unit, notes=list(table.notes),
                      landscape=True)


def table_blocks(budget: Budget, order: tuple[TableKind, ...]) -> list[TableBlock]:
    out: list[TableBlock] = []
    shanghai = budget.meta.profile == "shanghai"
    for kind in order:
        t = budget.tables.get(kind)
        if isinstance(t, BalanceTable):
            out.append(shanghai_balance_table(t, budget) if shanghai else balance_table(t, budget))
        elif isinstance(t, Table):
            out.append(code_table(t, budget))
    return out
