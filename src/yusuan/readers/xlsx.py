"""Reader for XLSX workbooks: each sheet's table as a table block, its title and note rows as text.

Cells are read as the spreadsheet *shows* them (``_office_numfmt``): an amount stored as 1160.1
under ``0.00`` is ``1160.10``, which keeps its printed precision and so its rounding interval.

Which rows are the table? Budget workbooks draw borders around the table and none around the title
(``收支总表``), the unit line (``单位：万元``) and notes below. So when a sheet has borders, bordered
rows are table rows and the other non-empty rows are text lines (a blank borderless row ends a
table, so one sheet can hold several). A sheet without any borders falls back to shape: leading
rows with a single value (or a unit line) are titles, trailing single-value rows are notes, and
everything from the first to the last row with two or more values is the table.

Merged ranges put the text in the top-left cell and leave the covered cells present and empty.
Hidden sheets, rows and columns are not printed, so they are not read (and are reported).
``page`` is the sheet's 1-based position in the workbook, ``line`` the row number in the sheet.
"""

from __future__ import annotations

import re

from yusuan.errors import UnreadableError

try:
    from lxml import etree
except ImportError:  # a dependency, but a broken install should still give one line, not a traceback
    raise UnreadableError("读取 XLSX 需要安装 lxml / reading XLSX needs lxml (pip install lxml)") from None

from yusuan.layout import Block, Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.model.budget import Problem
from yusuan.model.figures import SourceRef
from yusuan.readers._office_sheet import Sheet, read_workbook
from yusuan.text.cjk import repair

# A title-zone line even when it has more than one value: ``编制单位：… | 单位：万元``.
_UNIT_LINE = re.compile(r"^\s*(金额)?单位\s*[:：]|^\s*编制(单位|部门)\s*[:：]")


def _lines(raw: str) -> list[str]:
    return [t for t in (repair(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")) if t]


class _SheetLayout:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.covered: set[tuple[int, int]] = set()
        self.spans: dict[tuple[int, int], int] = {}
        self.merge_right: dict[tuple[int, int], int] = {}
        bordered = set(sheet.bordered)
        for r0, c0, r1, c1 in sheet.merges:
            self.spans[(r0, c0)] = max(1, sum(1 for c in range(c0, c1 + 1) if c not in sheet.hidden_cols))
            self.merge_right[(r0, c0)] = c1
            cells = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)]
            self.covered.update(cells)
            if (r0, c0) in bordered:
                bordered.update(cells)  # a merged cell is bordered as a whole, whatever Excel stored
        self.bordered = {k for k in bordered if k[0] not in sheet.hidden_rows and k[1] not in sheet.hidden_cols}
        self.texts = {k: v for k, v in sheet.texts.items()
                      if k not in self.covered and k[0] not in sheet.hidden_rows and k[1] not in sheet.hidden_cols}
        self.row_texts: dict[int, list[tuple[int, str]]] = {}
        for (r, c), text in sorted(self.texts.items()):
            self.row_texts.setdefault(r, []).append((c, text))
        self.bordered_rows = {r for r, _ in self.bordered}

    def rows(self) -> list[int]:
        used = set(self.row_texts) | self.bordered_rows
        if not used:
            return []
        return [r for r in range(min(used), max(used) + 1) if r not in self.sheet.hidden_rows]

    def blocks(self) -> list[Block]:
        rows = self.rows()
        if not rows:
            return []
        kinds = self._kinds_by_border(rows) if self.bordered_rows else self._kinds_by_shape(rows)
        blocks: list[Block] = []
        run: list[int] = []
        for r in rows:
            kind = kinds[r]
            if kind == "table":
                run.append(r)
                continue
            if run:
                blocks.extend(self._table(run))
                run = []
            if kind == "text":
                blocks.extend(self._text(r))
        if run:
            blocks.extend(self._table(run))
        return blocks

    def _kinds_by_border(self, rows: list[int]) -> dict[int, str]:
        return {r: "table" if r in self.bordered_rows else "text" if r in self.row_texts else "blank" for r in rows}

    def _kinds_by_shape(self, rows: list[int]) -> dict[int, str]:
        def tabular(r: int) -> bool:
            values = self.row_texts.get(r, [])
            return len(values) >= 2 and not any(_UNIT_LINE.match(t) for _, t in values)

        body = [r for r in rows if tabular(r)]
        kinds: dict[int, str] = {}
        for r in rows:
            if body and body[0] <= r <= body[-1]:
                kinds[r] = "table"
            else:
                kinds[r] = "text" if r in self.row_texts else "blank"
        return kinds

    def _text(self, r: int) -> list[Block]:
        raw = " ".join(t for _, t in self.row_texts.get(r, []))
        return [TextBlock(text=line, line=r, page=self.sheet.index) for line in _lines(raw)]

    def _table(self, run: list[int]) -> list[Block]:
        # Templates border more rows than they fill: blank rows at either end are not the table.
        while run and run[0] not in self.row_texts:
            run = run[1:]
        while run and run[-1] not in self.row_texts:
            run = run[:-1]
        hidden = self.sheet.hidden_cols
        used = [c for r in run for c, _ in self.row_texts.get(r, [])]
        in_run = set(run)
        used += [c for (r, c) in self.bordered if r in in_run]
        if not used:
            return []
        last = max(used)
        for r in run:  # a merged cell at the right edge widens the table to its last column
            for c, _ in self.row_texts.get(r, []):
                last = max(last, self.merge_right.get((r, c), c))
        cols = [c for c in range(min(used), last + 1) if c not in hidden]
        # A bordered title (one value merged across the whole table) or unit line on top of the
        # table is still a title: the recognizer finds tables by their title lines.
        titles: list[Block] = []
        while len(run) > 1 and self._title_row(run[0], cols):
            titles.extend(self._text(run[0]))
            run = run[1:]
        table_rows: list[TableRow] = []
        for r in run:
            cells: list[Cell] = []
            for i, c in enumerate(cols):
                raw = self.texts.get((r, c), "")
                text = "\n".join(_lines(raw)) if raw else ""
                cells.append(Cell(text=text, col=i, raw=raw, span=self.spans.get((r, c), 1)))
            table_rows.append(TableRow(cells=tuple(cells), line=r, page=self.sheet.index))
        if all(row.is_blank() for row in table_rows):
            return titles
        return [*titles, TableBlock(rows=tuple(table_rows), line=run[0], page=self.sheet.index)]

    def _title_row(self, r: int, cols: list[int]) -> bool:
        values = self.row_texts.get(r, [])
        if len(values) != 1:
            return False
        c, text = values[0]
        spans_table = c == cols[0] and self.spans.get((r, c), 1) >= len(cols) > 1
        return spans_table or bool(_UNIT_LINE.match(text))


def _problems(path: str, sheet: Sheet) -> list[Problem]:
    at = SourceRef(file=path, page=sheet.index, table=sheet.name)
    out: list[Problem] = []
    if sheet.state != "visible":
        out.append(Problem(code="xlsx.hidden_sheet", source=at,
                           message=f"隐藏的工作表“{sheet.name}”未读取 / hidden sheet {sheet.name!r} was not read"))
    hidden = sum(1 for (r, c) in sheet.texts if r in sheet.hidden_rows or c in sheet.hidden_cols)
    if hidden:
        out.append(Problem(code="xlsx.hidden_cells", source=at,
                           message=f"工作表“{sheet.name}”有 {hidden} 个隐藏行列中的单元格未读取 / "
                                   f"{hidden} cell(s) in hidden rows or columns of sheet {sheet.name!r} were not read"))
    if sheet.uncached_formulas:
        out.append(Problem(code="xlsx.formula_uncached", source=at,
                           message=f"工作表“{sheet.name}”有 {sheet.uncached_formulas} 个公式没有计算结果，按空白读取"
                                   f"（请在 Excel/WPS 中打开并保存）/ {sheet.uncached_formulas} formula cell(s) in sheet "
                                   f"{sheet.name!r} have no saved result and were read as blank (open and save the "
                                   f"file in Excel or WPS)"))
    return out


def read_xlsx(path: str, data: bytes) -> Layout:
    """Read an XLSX into a layout, or raise :class:`UnreadableError` when it holds nothing to read."""
    try:
        sheets = read_workbook(path, data)
    except (etree.LxmlError, ValueError, LookupError, OverflowError) as exc:
        # The parser guards what it expects; this is the backstop for damage it did not foresee.
        raise UnreadableError(f"{path}: Excel 工作簿已损坏 / the XLSX workbook is damaged ({type(exc).__name__})") from None
    blocks: list[Block] = []
    problems: list[Problem] = []
    for sheet in sheets:
        problems.extend(_problems(path, sheet))
        if sheet.state == "visible":
            blocks.extend(_SheetLayout(sheet).blocks())
    if not sheets:
        raise UnreadableError(f"{path}: 工作簿中没有工作表，没有可读的表格 / no tables: the workbook has no worksheets")
    if not blocks:
        hidden = [s.name for s in sheets if s.state != "visible"]
        detail = f"（隐藏的工作表未读取：{'、'.join(hidden)}）" if hidden else ""
        raise UnreadableError(f"{path}: 工作簿中没有可读的表格{detail} / no tables: every visible sheet of the "
                              f"workbook is empty")
    if not any(isinstance(b, TableBlock) for b in blocks):
        problems.append(Problem(code="xlsx.no_tables", source=SourceRef(file=path),
                                message="工作簿中只有文字，没有表格 / the workbook has text but no tables"))
    return Layout(path=path, format="xlsx", blocks=blocks, problems=problems, pages=len(sheets),
                  lines=max((b.line or 0 for b in blocks), default=0))
