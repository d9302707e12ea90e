"""The rendered document as plain blocks, shared by every output format.

The budget is laid out once (cover, parts, table grids with merged header cells, paragraphs) and each
writer (Markdown, HTML, DOCX, XLSX, PDF) only prints these blocks. So every format carries the same
words and numbers, and a grid knows its merges: Markdown prints the covered cells empty (the text
conversion style the reader understands), HTML and DOCX merge them, XLSX uses merge ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    covered: bool = False  # inside another cell's merge: printed empty (Markdown) or skipped
    number: Decimal | None = None  # numeric cells keep the value and printed places (XLSX formats)
    places: int = 0
    bold: bool = False
    align: str = "left"  # left | center | right

    @classmethod
    def num(cls, value: Decimal | None, places: int, text: str) -> Cell:
        return cls(text=text, number=value, places=places, align="right")


@dataclass
class Grid:
    """A table: header rows (repeated on every page) and body rows, each a full row of cells."""

    header: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # relative column widths

    @property
    def width(self) -> int:
        rows = self.header + self.body
        return max((len(r) for r in rows), default=0)


@dataclass
class TableBlock:
    """A standard table or a form with the lines printed above it (表 N / title / 部门 / 单位)."""

    number: str | None
    name: str
    grid: Grid
    scope: str | None = None  # 部门：…
    unit: str | None = None  # 单位：万元
    notes: list[str] = field(default_factory=list)
    form: bool = False  # a form (performance tables): no header row, label/value cells
    subtitle: str | None = None  # a form's own title (项目申报表)
    landscape: bool = False  # wide tables print on landscape pages
    scope_label: str = "部门"  # 部门：… (Wuhan); 编制部门 / 编制单位 (Shanghai, with the unit on the same line)
    sheet: str | None = None  # the XLSX sheet name when the template prints no table number

    @property
    def label(self) -> str:
        if self.sheet:
            return self.sheet
        return f"表{self.number}" if self.number else self.name

    @property
    def scope_line(self) -> str | None:
        """The line between title and table: ``部门：…`` (unit on a line of its own) or, Shanghai,
        ``编制部门：… 单位：元`` (one line, as the Putuo PDFs print it)."""
        if not self.scope or self.form:
            return None
        return f"{self.scope_label}：{self.scope}"

    @property
    def unit_inline(self) -> bool:
        return self.scope_label != "部门"


@dataclass
class Heading:
    text: str
    level: int  # 0 cover title, 1 part (第一部分), 2 section (一、), 3 sub-section (（一）)


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # body | contents (目录 lines: compact, no indent) | contents-sub (indented) | center


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | TableBlock | PageBreak


@dataclass
class Document:
    title: str
    department: str
    year: int | None
    blocks: list[Block] = field(default_factory=list)
    date: str | None = None
    landscape: bool = False  # every page landscape (the Shanghai template is printed on landscape A4)
    page_numbers: bool = True  # footer ``— N —`` (the Shanghai PDFs print none)
    body_pt: float = 14  # body text: 四号 (Wuhan); the Shanghai PDFs print smaller text on landscape pages
    glue_numbers: bool = False  # PDF: no line of running text begins with a number (see docx.glue_numbers)
    line_spacing: float = 1.5

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]


def header_from_paths(lead: list[tuple[str, ...]], paths: list[tuple[str, ...]]) -> list[list[Cell]]:
    """Header rows from column paths: a group label spans its children, a lone label spans rows.

    ``lead`` are the code/name columns, ``paths`` the value columns, each outermost label first.
    """
    cols = lead + paths
    depth = max((len(p) for p in cols), default=1)
    rows = [[Cell(bold=True, align="center") for _ in cols] for _ in range(depth)]
    for i, path in enumerate(cols):
        if len(path) < depth:
            # A path shorter than the header: its groups stand in their rows, its leaf spans down to
            # the bottom (a lone label spans the whole height).
            for level, label in enumerate(path[:-1]):
                rows[level][i].text = label
            at = max(len(path) - 1, 0)
            leaf = rows[at][i]
            leaf.text = path[-1] if path else ""
            leaf.rowspan = depth - at
            for r in range(at + 1, depth):
                rows[r][i].covered = True
            continue
        for level, label in enumerate(path):
            rows[level][i].text = label
    # Merge equal group labels of neighbouring columns horizontally.
    for level in range(depth - 1):
        i = 0
        while i < len(cols):
            j = i + 1
            label = rows[level][i].text
            while (j < len(cols) and label and len(cols[j]) > level + 1 and len(cols[i]) > level + 1
                   and cols[j][level] == cols[i][level] and cols[j][:level] == cols[i][:level]):
                rows[level][j].text = ""
                rows[level][j].covered = True
                j += 1
            rows[level][i].colspan = j - i
            i = j
    return rows
