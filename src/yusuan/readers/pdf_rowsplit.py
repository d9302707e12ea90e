"""Rows inside one ruled row band, for tables that rule their columns but not every row.

Most bands hold one row, often with wrapped text: a label on two lines beside an amount centred
between them, or two long cells wrapping side by side. Splitting those would tear rows apart, so a
band is split only on strong evidence of several rows:

* two or more text lines of the band each have text in two cells or more, and each carries an
  amount (budget rows do; wrapped labels do not);
* no two text lines sit closer than 0.8 line heights: a cell centred between the lines of a
  wrapped neighbour is the sign of one row.

Within a split band a line joins the row above when it only continues text there (no amount, and
only in columns that already have text in that row); any other line starts a row.

A line that fills its cell from side to side (a narrow column: ``208050`` / ``1``, ``1,16`` /
``0.10``, ``行政单`` / ``位离退休``), or that ends in a typed space (``1, 000, `` / ``000``), was
wrapped, and the next line of its cell continues it, whatever it holds: the second piece of a
wrapped amount or code is not an amount of its own, and it continues its cell even though the piece
above looks like a number.
"""

from __future__ import annotations

import re
from itertools import pairwise

from yusuan.readers.pdf_lines import Line

_NUMBER = re.compile(r"^[-+]?[\d,.]+%?$")

Slot = tuple[float, dict[int, list[Line]]]  # centre of a text line, and its lines by column
# Room left in a cell by a wrapped line: the cell's padding on both sides (Word and LibreOffice put
# 5.4–5.8 pt each side) and less than the character that did not fit (× line height).
_CELL_PADDING = 12.0
_NEXT_CHAR = 1.2


def _is_number(line: Line) -> bool:
    return bool(_NUMBER.match(line.text()))


def _slots(lines: dict[int, list[Line]]) -> list[Slot]:
    """Lines of all cells grouped by vertical position (one slot per text line of the band)."""
    slots: list[tuple[float, float, dict[int, list[Line]]]] = []
    for c, lns in lines.items():
        for ln in lns:
            centre = (ln.top + ln.bottom) / 2
            for y, tol, by_col in slots:
                if abs(centre - y) <= tol:
                    by_col.setdefault(c, []).append(ln)
                    break
            else:
                slots.append((centre, 0.45 * ln.height, {c: [ln]}))
    slots.sort(key=lambda s: s[0])
    return [(y, by_col) for y, _, by_col in slots]


def _wrapped(above: Line, left: float, right: float) -> bool:
    """Was ``above`` wrapped (the next line of its cell continues it)? It fills the cell, or it
    ends in a typed space (a wrap at a space leaves room, but no gap, at the line's end)."""
    room = (right - left) - (above.x1 - above.x0)
    return room <= _CELL_PADDING + _NEXT_CHAR * above.height or above.glyphs[-1].text.endswith(" ")


def _wrap_continuations(lines: dict[int, list[Line]], bounds: dict[int, tuple[float, float]]) -> set[int]:
    """``id()`` of every line that continues a line wrapped at the edge of its cell."""
    out: set[int] = set()
    for c, lns in lines.items():
        if c not in bounds or len(lns) < 2:
            continue
        left, right = bounds[c]
        ordered = sorted(lns, key=lambda ln: ln.top)
        for above, below in pairwise(ordered):
            if _wrapped(above, left, right):
                out.add(id(below))
    return out


def split_band(
    lines: dict[int, list[Line]], bounds: dict[int, tuple[float, float]] | None = None
) -> list[Slot] | None:
    """The rows of a band as (top, lines by column), or None when the band is one row.

    ``lines`` holds the text lines of the cells that lie in this band alone (merged cells spanning
    several bands are left to the caller); ``bounds`` the left and right edge of each of those cells,
    to tell wrapped lines (see the module's docstring).
    """
    if sum(1 for lns in lines.values() if len(lns) >= 2) < 2:
        return None  # the common case: at most one cell has several lines
    slots = _slots(lines)
    wrapped = _wrap_continuations(lines, bounds or {})

    def amount(ln: Line) -> bool:  # a wrapped amount's second line is not an amount of its own
        return id(ln) not in wrapped and _is_number(ln)

    with_amounts = [s for s in slots if len(s[1]) >= 2 and any(amount(ln) for v in s[1].values() for ln in v)]
    if len(with_amounts) < 2:
        return None
    height = min(ln.height for lns in lines.values() for ln in lns)
    if any(b[0] - a[0] < 0.8 * height for a, b in pairwise(slots)):
        return None
    rows: list[Slot] = []
    for y, by_col in slots:
        prev = rows[-1][1] if rows else None
        numeric = any(amount(ln) for v in by_col.values() for ln in v)
        continues = (
            prev is not None
            and not numeric
            and all(
                c in prev and (all(id(ln) in wrapped for ln in v) or not _is_number(prev[c][-1]))
                for c, v in by_col.items()
            )
        )
        if continues and prev is not None:
            for c, lns in by_col.items():
                prev[c].extend(lns)
        else:
            rows.append((y, {c: list(v) for c, v in by_col.items()}))
    return rows if len(rows) >= 2 else None
