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
        if gap > word and (gap > script or _cjk(prev.text[-1]) == _cjk(g.text[0])) and prev.text[-1] != " ":
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
    "(2023-" / "2024)", "≥99.9" / "%"): a line that is one unbroken token, or ends in a joining
    mark or between two digits, was cut mid-word. Only a wrap between words of Latin text keeps a
    space.
    """
    a, b = before[-1], after[0]
    if _cjk(a) or _cjk(b) or a in "-/,.(（" or (a.isdigit() and b.isdigit()):
        return True  # a wrap between two digits is inside a number ("2.6611" / "2万元")
    return (a.isalnum() or not b.isalnum()) and " " not in before


def join_wrapped(lines: list[str], spaced: list[bool] | None = None, breaks: list[bool] | None = None) -> str:
    """Join the wrapped lines of one cell (see :func:`_glued`).

    ``spaced[i]``: line ``i`` ended in a typed space, so the line was wrapped at a space and the
    space is kept ("年度绩效目标 " / "1", "比 2025 " / "年"), except between two Chinese characters,
    where :func:`~yusuan.text.cjk.repair` drops spaces anyway. ``breaks[i]``: line ``i`` ended
    where its paragraph ended, so a newline follows it (the layout contract allows one between
    paragraphs of a cell).
    """
    out = ""
    space = hard = False
    for i, text in enumerate(lines):
        if not text:
            continue
        if out and hard:
            out += "\n"
        elif out and (not (_cjk(out[-1]) and _cjk(text[0])) if space else not _glued(out, text)):
            out += " "
        out += text
        space = spaced is not None and spaced[i]
        hard = breaks is not None and breaks[i]
    return out


# Text in a cell starts this far from its left edge at most (× line height, beyond the padding), and
# Word's and LibreOffice's cell padding on each side (points).
_FLUSH_LEFT = 0.5
_PADDING = 6.0
# A line ends its paragraph when the room left at its end would have taken what the next line starts
# with and this much more (× line height): LibreOffice wraps Chinese text with up to three characters'
# room left (its line breaking keeps some words together), and a missed paragraph end only costs a
# newline, while a false one splits a word.
_PARAGRAPH_ROOM = 3.0
_CLOSING = frozenset("，。、；：！？）》」』】〉”’%,.;:!?)]")
_OPENING = frozenset("（《「『【〈“‘([")


def _first_unit(line: Line) -> float:
    """Width of what ``line`` starts with that a line break cannot split: a Latin word or number, or
    a Chinese character, with the closing punctuation after it (an opening one takes the next)."""
    glyphs = line.glyphs
    word = WORD_GAP * line.height
    end = 0
    while end + 1 < len(glyphs):
        a, b = glyphs[end].text, glyphs[end + 1].text
        if glyphs[end + 1].x0 - glyphs[end].x1 > word or a.endswith(" "):
            break
        if not (a[-1] in _OPENING or b[0] in _CLOSING or (not _cjk(a[-1]) and not _cjk(b[0]))):
            break
        end += 1
    return glyphs[end].x1 - glyphs[0].x0


def _paragraph_ends(lines: list[Line], left: float, right: float) -> list[bool]:
    """For each line of a left-aligned cell, whether its paragraph ends there: the next line starts
    with something that would have fitted at its end with room to spare (a wrapped line leaves less
    room than that). A paragraph whose last line is full leaves no trace: it is joined to the next."""
    out = [False] * len(lines)
    for i in range(len(lines) - 1):
        above, below = lines[i], lines[i + 1]
        flush = max(above.height, below.height) * _FLUSH_LEFT + _PADDING
        if above.x0 - left > flush or below.x0 - left > flush or above.glyphs[-1].text.endswith(" "):
            continue  # centred or indented text, or a wrap at a space
        room = right - _PADDING - above.x1
        out[i] = room > _first_unit(below) + _PARAGRAPH_ROOM * below.height
    return out


def lines_text(lines: list[Line], bounds: tuple[float, float] | None = None) -> tuple[str, str]:
    """(display text, raw text) of the lines of one table cell.

    Inside a cell a wide gap is spacing, not a separator ("合    计" is 合计), so each line is
    spelled whole and repaired whole; the raw text keeps the lines and the spaces as measured.
    With the cell's left and right edge (``bounds``), a line that ends its paragraph is followed by
    a newline (:func:`_paragraph_ends`).
    """
    raws = [spell(ln.glyphs, ln.height) for ln in lines]
    breaks = _paragraph_ends(lines, *bounds) if bounds is not None and len(lines) > 1 else None
    return join_wrapped([repair(r) for r in raws], [r.endswith(" ") for r in raws], breaks), "\n".join(raws)


def cell_text(glyphs: list[Glyph]) -> tuple[str, str]:
    """(display text, raw text) of the glyphs of one table cell."""
    if not glyphs:
        return "", ""
    return lines_text(group_lines(glyphs))
