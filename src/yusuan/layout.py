"""The intermediate layout every reader produces: ordered text lines and tables of cells.

One layout form for all formats means one recognizer serves Markdown, TSV, PDF, DOCX, XLSX and HTML.
Each block and row knows the line (text formats) or page (paged formats) it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.budget import Problem


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # repaired display text (may contain newlines between paragraphs of a cell)
    col: int
    raw: str = ""  # the cell as read, before repair
    span: int = 1  # number of grid columns the cell covers (merged cells in DOCX/XLSX/HTML/PDF)


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[Cell, ...]
    line: int | None = None
    page: int | None = None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def is_blank(self) -> bool:
        return all(not c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class TextBlock:
    text: str
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class TableBlock:
    rows: tuple[TableRow, ...]
    line: int | None = None
    page: int | None = None

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


Block = TextBlock | TableBlock


@dataclass
class Layout:
    path: str
    format: str  # markdown | text | pdf | docx | xlsx | html
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: int | None = None
    lines: int | None = None

    def text_blocks(self) -> list[TextBlock]:
        return [b for b in self.blocks if isinstance(b, TextBlock)]

    def table_blocks(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]
