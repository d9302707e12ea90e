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
"""

from __future__ import annotations

import re
from itertools import pairwise

from yusuan.readers.pdf_lines import Line

_NUMBER = re.compile(r"^[-+]?[\d,.]+%?$")

Slot = tuple[float, dict[int, list[Line]]]  # centre of a text line, and its lines by column


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


def split_band(lines: dict[int, list[Line]]) -> list[Slot] | None:
    """The rows of a band as (top, lines by column), or None when the band is one row.

    ``lines`` holds the text lines of the cells that lie in this band alone (merged cells spanning
    several bands are left to the caller).
    """
    if sum(1 for lns in lines.values() if len(lns) >= 2) < 2:
        return None  # the common case: at most one cell has several lines
    slots = _slots(lines)
    with_amounts = [
        s for s in slots if len(s[1]) >= 2 and any(_is_number(ln) for v in s[1].values() for ln in v)
    ]
    if len(with_amounts) < 2:
        return None
    height = min(ln.height for lns in lines.values() for ln in lns)
    if any(b[0] - a[0] < 0.8 * height for a, b in pairwise(slots)):
        return None
    rows: list[Slot] = []
    for y, by_col in slots:
        prev = rows[-1][1] if rows else None
        numeric = any(_is_number(ln) for v in by_col.values() for ln in v)
        continues = (
            prev is not None
            and not numeric
            and all(c in prev and not _is_number(prev[c][-1]) for c in by_col)
        )
        if continues and prev is not None:
            for c, lns in by_col.items():
                prev[c].extend(lns)
        else:
            rows.append((y, {c: list(v) for c, v in by_col.items()}))
    return rows if len(rows) >= 2 else None
