"""A table section as a flat sequence of items: table rows and loose text lines, in order.

Forms such as project sheets are read row by row with a state machine; they need to know where a
page-broken fragment starts (a row there may continue the previous row) and see text lines that the
conversion put between fragments (e.g. 年度绩效目标表).
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.layout import TableBlock, TableRow, TextBlock
from yusuan.recognize.segment import TableSection
from yusuan.text.cjk import key


@dataclass
class Item:
    cells: list[tuple[int, str]]  # non-empty cells: (column, text)
    line: int | None
    page: int | None
    fragment: int
    fragment_start: bool
    loose: bool = False  # a text line between table fragments
    row: TableRow | None = None

    @property
    def texts(self) -> list[str]:
        return [t for _, t in self.cells]

    @property
    def first(self) -> str:
        return self.cells[0][1] if self.cells else ""

    @property
    def first_key(self) -> str:
        return key(self.first)

    @property
    def first_col(self) -> int:
        return self.cells[0][0] if self.cells else 0


def items_of(sec: TableSection) -> list[Item]:
    out: list[Item] = []
    fragment = -1
    for b in sec.blocks:
        if isinstance(b, TableBlock):
            fragment += 1
            start = True
            for r in b.rows:
                cells = [(c.col, c.text) for c in r.cells if c.text.strip()]
                if not cells:
                    continue
                out.append(Item(cells, r.line, r.page, fragment, start, row=r))
                start = False
        elif isinstance(b, TextBlock) and b.text.strip():
            out.append(Item([(0, b.text.strip())], b.line, b.page, max(fragment, 0), False, loose=True))
    return out
