"""How surely a table was read, from what its header, rows and own arithmetic show.

A reading can be wrong without any error from the reader: columns shifted by a merged cell, a
table that swallowed the next one, a header of a layout never seen. Printed tables of real
documents are nearly always internally consistent, so a table whose 类/款/项 roll-ups mostly fail
was misread, not misprinted: it is marked doubtful and the rules that need it report 未核对
instead of a flood of false errors. The same for unknown columns (a row-total identity cannot be
checked when one of the parts has no known meaning), text in number columns, and two-sided tables
whose lines could not be told apart.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.model.budget import BalanceTable, Certainty, Problem, Row, RowKind, Table
from yusuan.model.interval import Interval, interval_sum
from yusuan.templates.vocabulary import ROW_IDENTITIES

# Roll-ups tested as evidence, and the failures beyond which a table is doubted: more than a quarter
# of the tests, and more than a few faulty cells could explain (one wrong cell breaks at most two
# roll-ups of its column: its parent's sum and its own).
_MIN_TESTS = 6
_MAX_FAILING = 0.25
_FEW_FAULTS = 4
# Text read in number columns beyond which the columns are doubted.
_MAX_TEXT_CELLS = 1


def _column_is_amount(key: str) -> bool:
    return not key.startswith(("rate:", "@"))


def _rollup_tests(table: Table) -> tuple[int, int]:
    """(tested, failing) parent = Σ children over every amount column."""
    coded = [r for r in table.rows if r.code and r.kind in (RowKind.CLASS, RowKind.SECTION, RowKind.ITEM)]
    tested = failing = 0
    columns = [c for c in table.column_keys() if _column_is_amount(c)]
    parents: list[tuple[Row, list[Row]]] = []
    for parent in coded:
        assert parent.code is not None
        n = len(parent.code)
        child_len = {3: 5, 5: 7}.get(n)
        if child_len is None:
            continue
        kids = [r for r in coded if r.code and len(r.code) == child_len and r.code.startswith(parent.code)]
        if kids:
            parents.append((parent, kids))
    total = table.total_row()
    classes = [r for r in coded if r.code and len(r.code) == 3]
    if total is not None and classes and len(classes) == len({r.code for r in classes}):
        parents.append((total, classes))
    for parent, kids in parents:
        for col in columns:
            head = parent.values.get(col)
            if head is None and all(k.values.get(col) is None for k in kids):
                continue
            tested += 1
            expected = interval_sum(k.values[col].interval() for k in kids if col in k.values)
            actual = head.interval() if head is not None else Interval.exact(0)
            if not expected.overlaps(actual):
                failing += 1
    return tested, failing


def _identity_tests(table: Table, target_only: str | None = None) -> tuple[int, int]:
    """(tested, failing) rows of the row identities by column meaning (vocabulary ROW_IDENTITIES)."""
    keys = set(table.column_keys())
    tested = failing = 0
    for target, parts in ROW_IDENTITIES:
        if target_only is not None and target != target_only:
            continue
        if "basic" in parts and "basic" not in keys and target != "basic":
            parts = (*parts, "personnel", "public")  # 基本支出 printed only as its parts
        present = [p for p in parts if p in keys]
        if target not in keys or len(present) < 2:
            continue
        for row in table.rows:
            if target not in row.values and not any(p in row.values for p in present):
                continue
            tested += 1
            expected = interval_sum(row.values[p].interval() for p in present if p in row.values)
            head = row.values.get(target)
            actual = head.interval() if head is not None else Interval.exact(0)
            if not expected.overlaps(actual):
                failing += 1
    return tested, failing


def assess_table(table: Table, problems: list[Problem]) -> Table:
    """The table with its recognition completed: header, rows and the doubts its reading raises."""
    rec = table.recognition
    doubts = list(rec.doubts)
    unknown = [c.label for c in table.columns if c.key.startswith("label:")]
    header = Certainty.SYNONYM
    if unknown:
        # Columns of unknown meaning are extra information (扣除基建后预算数 …) when the total of every
        # row is the sum of its known parts; otherwise one of them may be a part.
        tested, failing = _identity_tests(table, "total")
        if not (tested >= 3 and failing <= 0.1 * tested):
            header = Certainty.GUESS
            doubts.append(f"表头有未能识别含义的列：{'、'.join(unknown[:4])}")
    text_cells = [p for p in problems if p.code == "table.non_numeric" and p.source is not None
                  and p.source.table == table.source.table]
    if len(text_cells) > _MAX_TEXT_CELLS:
        header = Certainty.GUESS
        doubts.append(f"金额栏中有 {len(text_cells)} 处文字，列可能没有对齐")
    coded = [r for r in table.rows if r.code]
    rows = Certainty.EXACT if coded else Certainty.SYNONYM  # codes printed, or rows known by their names
    restarts = _code_restarts(table)
    if restarts:
        rows = Certainty.GUESS
        doubts.append(f"同一编码重复出现（{restarts} 次从头列起），表中可能按单位分段而未标明单位")
    if table.recognition.rows is Certainty.GUESS:
        rows = Certainty.GUESS
    tested, failing = _rollup_tests(table)
    consistent = rec.consistent
    if tested >= _MIN_TESTS and failing > _MAX_FAILING * tested and failing > _FEW_FAULTS:
        consistent = False
        doubts.append(f"表内类、款、项之和有 {failing}/{tested} 处不符，表格的行或列可能没有读对")
    return replace(table, recognition=replace(rec, header=header, rows=rows, consistent=consistent,
                                              doubts=tuple(doubts)))


def assess_balance(table: BalanceTable) -> BalanceTable:
    """Two-sided tables: every line with money must be one the vocabulary knows."""
    rec = table.recognition
    doubts = list(rec.doubts)
    unknown = [ln.label for ln in table.income if ln.key.startswith("label:") and _has_money(ln.values)]
    unnamed = [ln.label for ln in table.expenditure if ln.key.startswith("fn_name:") and _has_money(ln.values)]
    header = Certainty.SYNONYM
    if unknown:
        header = Certainty.GUESS
        doubts.append(f"收入栏有未能识别的项目：{'、'.join(unknown[:4])}")
    rows = Certainty.SYNONYM if not unnamed else Certainty.GUESS
    if unnamed:
        doubts.append(f"支出栏有未能对应到功能分类的项目：{'、'.join(unnamed[:4])}")
    if not table.income and not table.expenditure:
        doubts.append("没有读出收入栏和支出栏")
    consistent = rec.consistent
    if not table.income and not table.expenditure:
        consistent = False
    total_in, total_out = table.income_line("total"), table.expenditure_line("total")
    if total_in is None and total_out is None and (table.income or table.expenditure):
        consistent = False
        doubts.append("没有找到收入总计和支出总计")
    return replace(table, recognition=replace(rec, header=header, rows=rows, consistent=consistent,
                                              doubts=tuple(doubts)))


def _code_restarts(table: Table) -> int:
    """How many times the list of codes starts again from a code already listed (a stack of
    per-unit lists printed without the units' names)."""
    seen: set[str] = set()
    restarts = 0
    previous: str | None = None
    for r in table.rows:
        if not r.code or r.kind not in (RowKind.CLASS, RowKind.SECTION, RowKind.ITEM):
            continue
        if r.code in seen and previous is not None and r.code < previous:
            restarts += 1
        seen.add(r.code)
        previous = r.code
    return restarts if restarts >= 2 else 0


def _has_money(values: dict) -> bool:
    return any(f.value != 0 for f in values.values())
