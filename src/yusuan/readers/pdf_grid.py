"""Ruled tables: rulings → grid of rows and columns → merged cells → rows of :class:`Cell`.

The grid has a boundary at every distinct ruling position of the table, so a ruling that crosses only
part of the table (the line under "功能分类科目编码" that separates it from "类 款 项") still makes a
grid row. Two neighbouring grid cells belong to one merged cell when no ruling separates them; the
merged cell's text goes into its top-left grid cell and the cells it covers stay empty, which is the
layout contract's convention (docs/architecture.md).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from yusuan.layout import Cell
from yusuan.readers.pdf_lines import group_lines, lines_text
from yusuan.readers.pdf_pdfium import Glyph, Rule
from yusuan.readers.pdf_rowsplit import split_band

_SNAP = 2.0  # rulings this close (points) are one line
_TOUCH = 2.5  # a ruling ending this close to another still meets it
_MAX_RULES = 4000  # more rulings than this on a page is a drawing, not a table
_MAX_GRIDS = 100  # more separate grids than this: a drawing or a pattern, not tables


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right (len = columns + 1)
    ys: list[float]  # row boundaries, top to bottom (len = rows + 1)
    owner: list[list[int]]  # merged-cell id of each grid cell
    # per merged cell: row and column of its first grid cell in reading order (where its text goes),
    # its first and last column, and its last row
    spans: list[tuple[int, int, int, int, int]]
    inner_verticals: bool  # False: a frame with horizontal lines only (columns come from the text)
    glyphs: dict[int, list[Glyph]] = field(default_factory=dict)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    def take(self, glyphs: list[Glyph]) -> list[Glyph]:
        """Keep the glyphs whose centre is inside the table, each in its merged cell; return the rest."""
        x_lo, x_hi, y_lo, y_hi = self.xs[0], self.xs[-1], self.ys[0], self.ys[-1]
        xs, ys, owner, cells = self.xs, self.ys, self.owner, self.glyphs
        last_r, last_c = len(ys) - 2, len(xs) - 2
        rows: dict[float, list[int]] = {}  # glyphs of one line share their centre: look its row up once
        rest: list[Glyph] = []
        for g in glyphs:
            cx, cy = (g.x0 + g.x1) * 0.5, (g.top + g.bottom) * 0.5
            if x_lo <= cx <= x_hi and y_lo <= cy <= y_hi:
                row = rows.get(cy)
                if row is None:
                    row = rows[cy] = owner[min(bisect_right(ys, cy) - 1, last_r)]
                c = bisect_right(xs, cx) - 1
                cid = row[c if c <= last_c else last_c]
                if cid in cells:
                    cells[cid].append(g)
                else:
                    cells[cid] = [g]
            else:
                rest.append(g)
        return rest

    def rows(self) -> list[tuple[float, list[Cell]]]:
        """(top of row, cells) for every grid row that has text."""
        out: list[tuple[float, list[Cell]]] = []
        ncols = len(self.xs) - 1
        for r in range(len(self.ys) - 1):
            anchored: dict[int, int] = {}  # column → merged cell whose text goes there
            for c in range(ncols):
                cid = self.owner[r][c]
                r0, a0, _, _, _ = self.spans[cid]
                if (r, c) == (r0, a0):
                    anchored[c] = cid
            for top, texts in self._split(r, anchored):
                cells = [
                    Cell(text=texts[c][0], col=c, raw=texts[c][1], span=self.spans[anchored[c]][3] - c + 1)
                    if c in texts and texts[c][0]
                    else Cell(text="", col=c)
                    for c in range(ncols)
                ]
                if any(cell.text for cell in cells):
                    out.append((top, cells))
        return out

    def _split(self, r: int, anchored: dict[int, int]) -> list[tuple[float, dict[int, tuple[str, str]]]]:
        """The rows of one ruled row band: normally one, several when the table does not rule its
        rows (:func:`~yusuan.readers.pdf_rowsplit.split_band`)."""
        lines = {c: group_lines(self.glyphs[cid]) for c, cid in anchored.items() if cid in self.glyphs}
        bounds = {c: (self.xs[self.spans[anchored[c]][2]], self.xs[self.spans[anchored[c]][3] + 1]) for c in lines}
        whole = {c: lines_text(lns, bounds[c]) for c, lns in lines.items()}
        single = {c: lns for c, lns in lines.items() if self.spans[anchored[c]][4] == r}
        rows = split_band(single, bounds)
        if rows is None:
            return [(self.ys[r], whole)]
        out: list[tuple[float, dict[int, tuple[str, str]]]] = []
        for i, (y, by_col) in enumerate(rows):
            texts = {c: lines_text(lns, bounds[c]) for c, lns in by_col.items()}
            if i == 0:  # cells that span several bands stay in the first row
                texts.update({c: t for c, t in whole.items() if c not in single})
            out.append((y, texts))
        return out


def _merge(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Join collinear rulings that touch or overlap (WPS draws one line as several pieces).

    Rulings a little apart (within :data:`_SNAP`) sort into neighbouring buckets, so the previous
    ruling may start after this one ends: they are joined only when they meet, else a column
    border of one table would be swallowed by the border of a table further down the page."""
    if horizontal:
        items = sorted(rules, key=lambda r: (round(r.y0 / _SNAP), r.x0))
    else:
        items = sorted(rules, key=lambda r: (round(r.x0 / _SNAP), r.y0))
    out: list[Rule] = []
    for r in items:
        if out:
            p = out[-1]
            if horizontal and abs(r.y0 - p.y0) <= _SNAP and r.x0 <= p.x1 + _TOUCH and r.x1 >= p.x0 - _TOUCH:
                out[-1] = Rule(min(p.x0, r.x0), p.y0, max(p.x1, r.x1), p.y1)
                continue
            if not horizontal and abs(r.x0 - p.x0) <= _SNAP and r.y0 <= p.y1 + _TOUCH and r.y1 >= p.y0 - _TOUCH:
                out[-1] = Rule(p.x0, min(p.y0, r.y0), p.x1, max(p.y1, r.y1))
                continue
        out.append(r)
    return out


def _cluster(values: list[float]) -> list[float]:
    """Distinct positions: sorted values within :data:`_SNAP` of each other become their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _components(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rulings that cross or touch each other: one group per table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.x0 - _TOUCH <= v.x0 <= h.x1 + _TOUCH and v.y0 - _TOUCH <= h.y0 <= v.y1 + _TOUCH:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _index(bounds: list[float], v: float) -> int:
    """Index of the boundary nearest to ``v``."""
    i = bisect_right(bounds, v)
    if i > 0 and (i == len(bounds) or v - bounds[i - 1] <= bounds[i] - v):
        return i - 1
    return i


def _covered(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Does the ruling span [a0, a1] cover most of the cell side [b0, b1]?"""
    return min(a1, b1) - max(a0, b0) >= 0.6 * (b1 - b0)


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    x_lo = min(min(h.x0 for h in hs), min(v.x0 for v in vs))
    x_hi = max(max(h.x1 for h in hs), max(v.x0 for v in vs))
    y_lo = min(min(v.y0 for v in vs), min(h.y0 for h in hs))
    y_hi = max(max(v.y1 for v in vs), max(h.y0 for h in hs))
    xs = _cluster([v.x0 for v in vs])
    ys = _cluster([h.y0 for h in hs])
    # An open side (rulings that stop short of the frame) still bounds the table.
    if xs[0] - x_lo > _SNAP:
        xs.insert(0, x_lo)
    if x_hi - xs[-1] > _SNAP:
        xs.append(x_hi)
    if ys[0] - y_lo > _SNAP:
        ys.insert(0, y_lo)
    if y_hi - ys[-1] > _SNAP:
        ys.append(y_hi)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    if nrows < 1 or ncols < 1 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
        return None
    vwall = [[False] * (ncols + 1) for _ in range(nrows)]
    hwall = [[False] * ncols for _ in range(nrows + 1)]
    for v in vs:
        c = _index(xs, v.x0)
        for r in range(nrows):
            if not vwall[r][c] and _covered(v.y0, v.y1, ys[r], ys[r + 1]):
                vwall[r][c] = True
    for h in hs:
        r = _index(ys, h.y0)
        for c in range(ncols):
            if not hwall[r][c] and _covered(h.x0, h.x1, xs[c], xs[c + 1]):
                hwall[r][c] = True
    owner, spans = _merge_cells(nrows, ncols, vwall, hwall)
    inner = any(vwall[r][c] for r in range(nrows) for c in range(1, ncols))
    return Grid(xs, ys, owner, spans, inner)


def _merge_cells(
    nrows: int, ncols: int, vwall: list[list[bool]], hwall: list[list[bool]]
) -> tuple[list[list[int]], list[tuple[int, int, int, int, int]]]:
    """Union grid cells not separated by a ruling; number the merged cells in reading order."""
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        for c in range(ncols):
            here = r * ncols + c
            if c + 1 < ncols and not vwall[r][c + 1]:
                parent[find(here)] = find(here + 1)
            if r + 1 < nrows and not hwall[r + 1][c]:
                parent[find(here)] = find(here + ncols)
    ids: dict[int, int] = {}
    owner = [[0] * ncols for _ in range(nrows)]
    spans: list[tuple[int, int, int, int, int]] = []
    for r in range(nrows):
        for c in range(ncols):
            root = find(r * ncols + c)
            if root not in ids:
                ids[root] = len(spans)
                spans.append((r, c, c, c, r))
            cid = ids[root]
            owner[r][c] = cid
            r0, a0, c0, c1, _ = spans[cid]
            spans[cid] = (r0, a0, min(c0, c), max(c1, c), r)
    return owner, spans


def find_grids(rules: list[Rule]) -> list[Grid]:
    """The ruled tables of a page, top to bottom."""
    if len(rules) > _MAX_RULES:
        return []
    hs = _merge([r for r in rules if r.y0 == r.y1], horizontal=True)
    vs = _merge([r for r in rules if r.x0 == r.x1 and r.y0 != r.y1], horizontal=False)
    grids: list[Grid] = []
    for group_h, group_v in _components(hs, vs):
        # A table needs a frame: two horizontal and two vertical rulings at least. A lone
        # underline or a separator line is not a table.
        if len({round(h.y0) for h in group_h}) < 2 or len({round(v.x0) for v in group_v}) < 2:
            continue
        grid = _grid(group_h, group_v)
        if grid is not None:
            grids.append(grid)
        if len(grids) > _MAX_GRIDS:
            return []
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids
