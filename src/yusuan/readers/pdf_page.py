"""One page's glyphs and rulings → blocks in reading order (text lines and tables).

Reading order is top to bottom by the top edge of each line or table, then left to right. ``line`` is
the 1-based position of a text line or table row within its page in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.layout import Block, Cell, TableBlock, TableRow, TextBlock
from yusuan.readers.pdf_grid import find_grids
from yusuan.readers.pdf_lines import Line, group_lines
from yusuan.readers.pdf_pdfium import Glyph, PageContent
from yusuan.readers.pdf_stream import StreamTable, band_table, stream_tables


@dataclass
class _Item:
    """A text line or a table on the page, before numbering."""

    top: float
    x0: float
    text: str | None = None
    rows: list[list[Cell]] | None = None


def _sort_key(item: _Item) -> tuple[float, float]:
    return (round(item.top, 0), item.x0)


def page_blocks(content: PageContent, page: int) -> list[Block]:
    """Blocks of one page, numbered."""
    grids = find_grids(content.rules)
    items: list[_Item] = []
    free: list[Glyph] = content.glyphs
    # Smallest first: a page border or a text-box frame must not swallow the table inside it.
    for grid in sorted(grids, key=lambda g: (g.x1 - g.x0) * (g.bottom - g.top)):
        free = grid.take(free)
    tables: list[StreamTable] = []
    for grid in grids:
        if grid.inner_verticals:
            rows = [cells for _, cells in grid.rows()]
            if rows:
                items.append(_Item(grid.top, grid.x0, rows=rows))
            continue
        # A frame with horizontal rulings only: the columns come from the text alignment. A frame
        # whose text does not line up in columns (a boxed paragraph, a page border) is text.
        glyphs = [g for gs in grid.glyphs.values() for g in gs]
        table = band_table(grid.ys, group_lines(glyphs))
        if table is None:
            free.extend(glyphs)
        else:
            tables.append(table)
    found, plain = stream_tables(group_lines(free))
    tables.extend(found)
    items.extend(_Item(t.top, t.x0, rows=t.rows) for t in tables)
    items.extend(_text_item(ln) for ln in plain)
    items.sort(key=_sort_key)
    return _number(items, page)


def _text_item(line: Line) -> _Item:
    return _Item(line.top, line.x0, text=line.text())


def _number(items: list[_Item], page: int) -> list[Block]:
    blocks: list[Block] = []
    n = 0
    for item in items:
        if item.rows is None:
            if item.text:
                n += 1
                blocks.append(TextBlock(text=item.text, line=n, page=page))
            continue
        first = n + 1
        rows: list[TableRow] = []
        width = max(len(r) for r in item.rows)
        for cells in item.rows:
            n += 1
            if len(cells) < width:  # keep one grid per block: pad short rows with empty cells
                cells = cells + [Cell(text="", col=c) for c in range(len(cells), width)]
            rows.append(TableRow(cells=tuple(cells), line=n, page=page))
        blocks.append(TableBlock(rows=tuple(rows), line=first, page=page))
    return blocks
