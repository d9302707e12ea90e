"""Positioned glyphs → visual lines → segments → text.

Lines are built from positions, never from content-stream order (libraries.md §2: pdfium's text
follows the stream, so a fallback-font character can land at the end of its line and a table can come
out as one line). Gaps are measured in units of the line's height, since the same document mixes 9 pt
table text with 18 pt titles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from operator import itemgetter

from yusuan.readers.pdf_pdfium import Glyph
from yusuan.text.cjk import repair

# A gap wider than this (× line height) is a space between words.
WORD_GAP = 0.18
# Between a Chinese and a Latin character (``2025年``) typesetters widen the gap by themselves:
# LibreOffice by 0.2 em (0.21–0.23 line heights), always (its DOCX import ignores w:autoSpaceDE),
# and Word's "adjust space between Asian and Latin text" is on by default. There a gap is a space
# only when it is wider than this (× line height); typed spaces measure 0.30–0.36 in the corpus
# (WPS) and in LibreOffice's PDFs.
SCRIPT_GAP = 0.28
# A gap wider than this (× line height) separates segments: text placed apart on purpose
# ("编制部门：…" far left, "单位：元" far right; the cells of an unruled table).
SEGMENT_GAP = 1.2


_X0 = itemgetter(0)  # Glyph.x0


def _centre(g: Glyph) -> float:
    return g.top + g.bottom


@dataclass(slots=True)
class Line:
    """One visual line: glyphs sorted left to right."""

    glyphs: list[Glyph]
    top: float
    bottom: float
    _segments: list[list[Glyph]] | None = None

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def segments(self) -> list[list[Glyph]]:
        """Runs of glyphs separated by gaps wider than :data:`SEGMENT_GAP` line heights."""
        if self._segments is None:
            limit = SEGMENT_GAP * self.height
            out: list[list[Glyph]] = [[self.glyphs[0]]]
            for prev, g in pairwise(self.glyphs):
                if g.x0 - prev.x1 > limit:
                    out.append([g])
                else:
                    out[-1].append(g)
            self._segments = out
        return self._segments

    def text(self) -> str:
        """Display text: segments repaired one by one, then joined with one space.

        Repairing each segment alone keeps the space between segments, which
        :func:`~yusuan.text.cjk.repair` would remove between two Chinese characters.
        """
        return " ".join(repair(spell(seg, self.height)) for seg in self.segments())


def spell(glyphs: list[Glyph], height: float) -> str:
    """Characters of a run with a space wherever the gap is a word gap (a wider one between a
    Chinese and a Latin character: :data:`SCRIPT_GAP`)."""
    if not glyphs:
        return ""
    word, script = WORD_GAP * height, SCRIPT_GAP * height
    parts = [glyphs[0].text]
    for prev, g in pairwise(glyphs):
        gap = g.x0 - prev.x1
        if gap > word and (gap > script or _cjk(prev.text[-1]) == _cjk(g.text[0])):
            parts.append(" ")
        parts.append(g.text)
    return "".join(parts)


def group_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Visual lines, top to bottom.

    A glyph joins the line whose first glyph's vertical centre is within 0.45 heights of its own;
    anchoring on the first glyph (not a running mean) keeps lines from drifting into each other.
    Duplicated glyphs (fake bold draws a character twice, slightly offset) are dropped.
    """
    ordered = sorted(glyphs, key=_centre)
    lines: list[Line] = []
    members: list[Glyph] = []
    anchor = 0.0
    tol = 0.0
    for g in ordered:
        centre = (g.top + g.bottom) * 0.5
        if members and centre - anchor <= tol:
            members.append(g)
            continue
        if members:
            lines.append(_line(members))
        members = [g]
        anchor = centre
        tol = 0.45 * (g.bottom - g.top)
    if members:
        lines.append(_line(members))
    return lines


def _line(members: list[Glyph]) -> Line:
    members.sort(key=_X0)
    kept = [members[0]]
    kept.extend(
        g for p, g in pairwise(members) if not (g.text == p.text and g.x0 - p.x0 < 0.3 * (p.x1 - p.x0 + 0.01))
    )
    # The line's height is that of its middle glyph: a typical one, cheaper than a median.
    mid = kept[len(kept) // 2]
    h = mid.bottom - mid.top
    top = min(g.top for g in kept)
    return Line(kept, top, top + h if h > 0 else max(g.bottom for g in kept))


def _cjk(ch: str) -> bool:
    return ch >= "\u2e80"


def _glued(before: str, after: str) -> bool:
    """Whether two wrapped lines of a cell join without a space.

    Chinese wraps anywhere, and so do numbers and codes in narrow cells ("1,000,00" / "0",
    "(2023-" / "2024)"): a line that is one unbroken token, or ends in a joining mark, was cut
    mid-word. Only a wrap between words of Latin text keeps a space.
    """
    a, b = before[-1], after[0]
    if _cjk(a) or _cjk(b) or a in "-/,.(（":
        return True
    return a.isalnum() and b.isalnum() and " " not in before


def join_wrapped(lines: list[str]) -> str:
    """Join the wrapped lines of one cell (see :func:`_glued`)."""
    out = ""
    for text in lines:
        if not text:
            continue
        if out and not _glued(out, text):
            out += " "
        out += text
    return out


def lines_text(lines: list[Line]) -> tuple[str, str]:
    """(display text, raw text) of the lines of one table cell.

    Inside a cell a wide gap is spacing, not a separator ("合    计" is 合计), so each line is
    spelled whole and repaired whole; the raw text keeps the lines and the spaces as measured.
    """
    raws = [spell(ln.glyphs, ln.height) for ln in lines]
    return join_wrapped([repair(r) for r in raws]), "\n".join(raws)


def cell_text(glyphs: list[Glyph]) -> tuple[str, str]:
    """(display text, raw text) of the glyphs of one table cell."""
    if not glyphs:
        return "", ""
    return lines_text(group_lines(glyphs))
