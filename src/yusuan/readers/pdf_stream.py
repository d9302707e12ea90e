"""Tables without vertical rulings: columns from the alignment of text across rows.

Used for (a) a frame whose only inner rulings are horizontal (rows come from the rulings: :func:`band_table`)
and (b) runs of consecutive lines made of widely separated segments (a borderless table). Column boundaries are the
gutters that no segment of the table's fuller rows crosses; a segment that spans several columns (a
group header) goes into the first of them, like a merged cell. A borderless table's wrapped cell
text (a line with text only where the row above has labels, no numbers, set tight under it) is
joined onto the row above.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from yusuan.layout import Cell
from yusuan.readers.pdf_lines import Line, join_wrapped, spell
from yusuan.text.cjk import repair

_NUMBER = re.compile(r"^[-+]?[\d,，.]+%?$")
_MIN_ROWS = 3  # fewer aligned lines than this is not a table (e.g. "编制部门：…    单位：元")
_GUTTER = 0.8  # a gutter narrower than this (× line height) does not separate columns


@dataclass
class StreamTable:
    top: float
    x0: float
    rows: list[list[Cell]]


Seg = tuple[float, float, str, str]  # x0, x1, text, raw text


def _segs(line: Line) -> list[Seg]:
    out: list[Seg] = []
    for s in line.segments():
        raw = spell(s, line.height)
        out.append((s[0].x0, max(g.x1 for g in s), repair(raw), raw))
    return out


def _columns(rows: list[list[Seg]], height: float) -> list[tuple[float, float]]:
    """Column intervals: the union of the segments of the fuller rows, split at the gutters."""
    if not rows:
        return []
    most = max(len(r) for r in rows)
    body = [r for r in rows if len(r) >= max(2, round(0.6 * most))] or rows
    spans = sorted((s[0], s[1]) for r in body for s in r)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 < cols[-1][1] + _GUTTER * height:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _place(segs: list[Seg], cols: list[tuple[float, float]]) -> list[tuple[int, int, str, str]]:
    """(first column, span, text, raw text) of each segment."""
    starts = [c[0] for c in cols]
    out: list[tuple[int, int, str, str]] = []
    for x0, x1, text, raw in segs:
        hit = [i for i, (a, b) in enumerate(cols) if min(x1, b) - max(x0, a) > 0]
        if not hit:  # in a gutter: the column to its left, or the first
            hit = [max(bisect_right(starts, x0) - 1, 0)]
        out.append((hit[0], hit[-1] - hit[0] + 1, text, raw))
    return out


def _cells(placed: list[tuple[int, int, str, str]], ncols: int) -> list[Cell]:
    texts = [""] * ncols
    raws = [""] * ncols
    spans = [1] * ncols
    for col, span, text, raw in placed:
        texts[col] = f"{texts[col]} {text}" if texts[col] else text
        raws[col] = f"{raws[col]} {raw}" if raws[col] else raw
        spans[col] = max(spans[col], span)
    return [Cell(text=t, col=i, raw=raws[i], span=spans[i] if t else 1) for i, t in enumerate(texts)]


def _is_continuation(cells: list[Cell], prev: list[Cell], gap: float, height: float) -> bool:
    """A wrapped line of the row above: set tight under it, with text only under its labels."""
    if gap > 0.6 * height:
        return False
    for c, p in zip(cells, prev, strict=True):
        if c.text and (_NUMBER.match(c.text) or not p.text or _NUMBER.match(p.text)):
            return False
    return True


def _table(lines: list[Line]) -> StreamTable | None:
    rows = [_segs(ln) for ln in lines]
    height = sorted(ln.height for ln in lines)[len(lines) // 2]
    cols = _columns(rows, height)
    if len(cols) < 2:
        return None
    out: list[list[Cell]] = []
    prev_line: Line | None = None
    for line, segs in zip(lines, rows, strict=True):
        cells = _cells(_place(segs, cols), len(cols))
        if (
            out
            and prev_line is not None
            and _is_continuation(cells, out[-1], line.top - prev_line.bottom, height)
        ):
            out[-1] = [_join(p, c) for p, c in zip(out[-1], cells, strict=True)]
        else:
            out.append(cells)
        prev_line = line
    if sum(1 for r in out if sum(1 for c in r if c.text) >= 2) < _MIN_ROWS:
        return None
    return StreamTable(lines[0].top, min(ln.x0 for ln in lines), out)


def _join(a: Cell, b: Cell) -> Cell:
    if not b.text:
        return a
    return Cell(text=join_wrapped([a.text, b.text]), col=a.col, raw=f"{a.raw}\n{b.raw}", span=a.span)


def band_table(ys: list[float], lines: list[Line]) -> StreamTable | None:
    """A frame ruled only across: rows from its rulings ``ys``, columns from the alignment of its
    text. None when the text is not in two or more columns (then it is not a table)."""
    if not lines:
        return None
    segs = [_segs(ln) for ln in lines]
    height = sorted(ln.height for ln in lines)[len(lines) // 2]
    cols = _columns(segs, height)
    if len(cols) < 2:
        return None
    rows: dict[int, list[Cell]] = {}
    for line, ss in zip(lines, segs, strict=True):
        r = bisect_right(ys, (line.top + line.bottom) / 2) - 1
        cells = _cells(_place(ss, cols), len(cols))
        rows[r] = [_join(p, c) for p, c in zip(rows[r], cells, strict=True)] if r in rows else cells
    return StreamTable(
        min(ln.top for ln in lines), min(ln.x0 for ln in lines), [rows[k] for k in sorted(rows)]
    )


def stream_tables(lines: list[Line]) -> tuple[list[StreamTable], list[Line]]:
    """Borderless tables among the lines of a page; the lines left over are text."""
    tables: list[StreamTable] = []
    plain: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        nonlocal run
        multi = [i for i, ln in enumerate(run) if len(ln.segments()) >= 2]
        table = None
        if len(multi) >= _MIN_ROWS:
            # Trim single-segment lines at the ends: titles and notes are not rows.
            core = run[multi[0] : multi[-1] + 1]
            table = _table(core)
            if table is not None:
                plain.extend(run[: multi[0]])
                tables.append(table)
                plain.extend(run[multi[-1] + 1 :])
        if table is None:
            plain.extend(run)
        run = []

    for line in lines:
        if run and line.top - run[-1].bottom > 1.5 * max(line.height, run[-1].height):
            flush()
        run.append(line)
        if len(line.segments()) < 2 and len(run) >= 3 and all(len(x.segments()) < 2 for x in run[-3:]):
            flush()  # three plain lines in a row: prose, not a table
    flush()
    return tables, plain
