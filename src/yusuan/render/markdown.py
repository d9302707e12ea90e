"""Markdown in the style of the text conversions the reader understands (the Qiaokou seed's style).

* one text line per heading or paragraph, blank lines between blocks, no ``#`` markup;
* each table preceded by its title lines: ``表 N``, the table's name, ``部门：…``, ``单位：万元``
  (Shanghai: the name, then ``编制部门：… 单位：元`` on one line);
* pipe tables; a grouped header is two rows (the second printed as the first body row); merged
  cells are printed empty; a form (performance table) starts with an empty header row;
* line breaks inside a cell are ``<br>``; ``|`` inside a cell is escaped.
"""

from __future__ import annotations

from yusuan.render.document import Cell, Document, Heading, PageBreak, Paragraph, TableBlock


def _cell(c: Cell) -> str:
    if c.covered:
        return ""
    return c.text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _row(cells: list[Cell], width: int) -> str:
    texts = [_cell(c) for c in cells] + [""] * (width - len(cells))
    return "| " + " | ".join(texts) + " |"


def table_lines(t: TableBlock) -> list[str]:
    lines = [f"表 {t.number}" if t.number else t.name, ""]
    if t.number:
        lines += [t.subtitle or t.name, ""] if t.form else [t.name, ""]
    scope = t.scope_line
    if scope and t.unit_inline:
        lines += [f"{scope} 单位：{t.unit}" if t.unit else scope, ""]
    else:
        if scope:
            lines += [scope, ""]
        if t.unit:
            lines += [f"单位：{t.unit}", ""]
    grid = t.grid
    width = max(grid.width, 1)
    rows = grid.header + grid.body
    if t.form or not grid.header:
        head = [Cell() for _ in range(width)]
        rest = rows
    else:
        head, rest = rows[0], rows[1:]
    lines.append(_row(head, width))
    lines.append("|" + "|".join(["------"] * width) + "|")
    lines += [_row(r, width) for r in rest]
    lines.append("")
    for note in t.notes:
        lines += [note, ""]
    return lines


def to_markdown(doc: Document) -> str:
    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading | Paragraph):
            lines += [b.text, ""]
        elif isinstance(b, TableBlock):
            lines += table_lines(b)
        elif isinstance(b, PageBreak):
            continue
    return "\n".join(lines).rstrip("\n") + "\n"
