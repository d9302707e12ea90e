"""XLSX through xlsxwriter: one sheet per table, the text parts on sheets of their own.

Amounts are numbers with the printed precision as the number format (``#,##0.00``), so a reader
sees ``1,160.10`` and a spreadsheet can sum the column. (An XLSX cell stores an IEEE double: the
value written is the Decimal's nearest double, displayed at its printed places.) Table cells have
borders and title / unit / note lines do not — the convention the XLSX reader uses to tell the
table from its title zone. Header rows repeat on every printed page; wide tables print landscape.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import xlsxwriter

from yusuan.render.document import Cell, Document, Heading, PageBreak, Paragraph, TableBlock

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", name)[:31] or "Sheet"
    out, n = base, 2
    while out in used:
        suffix = f"({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(out)
    return out


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.heading = wb.add_format({**base, "bold": True, "font_size": 12})
        self.plain = wb.add_format(base)
        self.right = wb.add_format({**base, "align": "right"})
        self._cells: dict[tuple[Any, ...], Any] = {}
        self.base = base

    def cell(self, c: Cell, header: bool) -> Any:
        places = c.places if c.number is not None else None
        k = (header, c.bold, c.align, places)
        if k not in self._cells:
            spec: dict[str, Any] = {**self.base, "border": 1, "text_wrap": True, "font_size": 9,
                                    "align": "center" if header else c.align, "bold": header or c.bold}
            if header:
                spec["bg_color"] = "#F2F2F2"
            if places is not None:
                spec["num_format"] = "#,##0" + ("." + "0" * places if places > 0 else "")
            self._cells[k] = self.wb.add_format(spec)
        return self._cells[k]


def _write_table(ws: Any, t: TableBlock, f: _Formats, first_row: int) -> None:
    width = t.grid.width
    r = first_row
    if t.number:
        ws.write(r, 0, f"表 {t.number}", f.heading)
        r += 1
    ws.merge_range(r, 0, r, max(width - 1, 0), t.subtitle if t.form and t.subtitle else t.name, f.title) \
        if width > 1 else ws.write(r, 0, t.name, f.title)
    r += 1
    if t.scope_line:
        ws.write(r, 0, t.scope_line, f.plain)
    if t.unit:
        ws.write(r, max(width - 1, 1), f"单位：{t.unit}", f.right)
    r += 1
    rows = t.grid.header + t.grid.body
    header_n = len(t.grid.header)
    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            if c.covered:
                continue
            fmt = f.cell(c, i < header_n)
            value: Any = float(c.number) if c.number is not None else c.text
            if c.colspan > 1 or c.rowspan > 1:
                ws.merge_range(r + i, j, r + i + c.rowspan - 1, j + c.colspan - 1, "", fmt)
            if c.number is not None:
                ws.write_number(r + i, j, value, fmt)
            else:
                ws.write_string(r + i, j, value, fmt)
        # Empty bordered cells keep the grid visible (and tell the reader the row is part of the table).
        for j in range(len(row), width):
            ws.write_blank(r + i, j, None, f.cell(Cell(), i < header_n))
    if header_n:
        ws.repeat_rows(r, r + header_n - 1)
        ws.freeze_panes(r + header_n, 0)
    end = r + len(rows)
    for k, note in enumerate(t.notes):
        ws.write(end + 1 + k, 0, note, f.plain)
    total = sum(t.grid.widths) or 1
    scale = (150 if t.landscape else 100) / total
    for j, w in enumerate(t.grid.widths or [1.0] * width):
        ws.set_column(j, j, max(6.0, w * scale))
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    if t.landscape:
        ws.set_landscape()


def _text_sheet(wb: Any, name: str, lines: list[tuple[str, bool]], f: _Formats, used: set[str]) -> None:
    ws = wb.add_worksheet(_sheet_name(name, used))
    ws.set_column(0, 0, 100)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    for i, (text, heading) in enumerate(lines):
        ws.write_string(i, 0, text, f.heading if heading else f.text)


def write_xlsx(document: Document, out: Path) -> None:
    wb = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    wb.set_properties({"title": document.title, "author": document.department})
    f = _Formats(wb)
    used: set[str] = set()
    pending: list[tuple[str, bool]] = []  # text lines waiting for their sheet
    sheet_title = "封面"
    for b in document.blocks:
        if isinstance(b, Heading) and b.level <= 1 and pending and not b.text.startswith("第二部分"):
            _text_sheet(wb, sheet_title, pending, f, used)
            pending = []
        if isinstance(b, Heading):
            if b.level <= 2 and b.text.replace(" ", "") == "目录":
                if pending:
                    _text_sheet(wb, sheet_title, pending, f, used)
                pending, sheet_title = [], "目录"
            elif b.level == 1:
                sheet_title = b.text.split(" ", 1)[0]
            pending.append((b.text, True))
        elif isinstance(b, Paragraph):
            pending.append((b.text, False))
        elif isinstance(b, TableBlock):
            if pending and not pending[0][0].startswith("第二部分"):
                # Text before the table that is not the tables part's heading (Shanghai: the 编制说明
                # chapter) keeps a sheet of its own.
                _text_sheet(wb, sheet_title, pending, f, used)
                pending = []
            ws = wb.add_worksheet(_sheet_name(b.label, used))
            start = 0
            for k, (text, heading) in enumerate(pending):  # the part 2 heading before the first table
                ws.write_string(k, 0, text, f.heading if heading else f.plain)
                start = k + 2
            pending = []
            _write_table(ws, b, f, start)
        elif isinstance(b, PageBreak):
            continue
    if pending:
        _text_sheet(wb, sheet_title, pending, f, used)
    wb.close()
