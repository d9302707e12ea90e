"""Column widths from content, so that amounts and codes never wrap inside a cell.

A wrapped amount (``2,84`` / ``0.98``) is unreadable on paper and breaks text extraction from the
PDF, so numbers and codes get the width they need on one line; names and headers wrap. When even
the unwrappable minimum does not fit the page, the table's font shrinks (down to 6.5 pt) rather
than the numbers breaking. Widths are estimated from character classes (CJK 1 em, digits and Latin
0.65 em, separators 0.3 em): good enough for layout, no font metrics needed.
"""

from __future__ import annotations

import unicodedata

from yusuan.render.document import Grid

MIN_FONT = 6.5
PADDING_PT = 9.0  # left + right cell margins (2 pt each), plus slack for rendering differences
NAME_CAP_EM = 16.0  # the name column wraps beyond this
HEADER_ONE_LINE_EM = 4.3
NAME_MIN_EM = 6.0  # the name column is never squeezed below this (the font shrinks instead)
ONE_LINE_CAP_EM = 22.0  # other text columns stay on one line up to this


def text_em(text: str) -> float:
    width = 0.0
    for ch in text:
        if ch in ",.，。:：;；":
            width += 0.3 if ord(ch) < 128 else 1.0
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        else:
            width += 0.65  # digits and Latin letters: DejaVu Serif 0.64, Noto CJK 0.56, Times 0.5
    return width


def _longest_line(text: str) -> float:
    return max((text_em(p) for p in text.split("\n")), default=0.0)


def fit(grid: Grid, available_pt: float, font_pt: float = 9.0) -> tuple[list[float], float]:
    """(column widths in pt, font size in pt) for a table on a page ``available_pt`` wide.

    Amounts and codes never wrap. Of the text columns only the widest (the name) wraps; the others
    (项目单位 …) keep their lines whole up to ``ONE_LINE_CAP_EM``: a row whose cells wrap in several
    columns is hard to read and harder to extract from the PDF again.
    """
    cols = grid.width
    need = [2.2] * cols  # header labels wrap, but not below two characters
    text_full = [0.0] * cols
    numeric = [False] * cols
    for row in grid.body:
        for j, c in enumerate(row[:cols]):
            if c.covered or c.colspan > 1 or not c.text:
                continue
            w = _longest_line(c.text)
            if c.number is not None or (c.text.isascii() and " " not in c.text):
                need[j] = max(need[j], w)  # amounts and codes stay on one line
                numeric[j] = numeric[j] or c.number is not None
            else:
                text_full[j] = max(text_full[j], w)
    for row in grid.header:
        for j, c in enumerate(row[:cols]):
            if not c.covered and c.colspan == 1 and c.text:
                # Labels of up to four characters (基本支出, 项目支出) stay on one line.
                need[j] = max(need[j], min(_longest_line(c.text), HEADER_ONE_LINE_EM))
    flexible = max(range(cols), key=lambda j: text_full[j]) if any(text_full) else None
    want = list(need)
    for j in range(cols):
        if j == flexible:
            need[j] = max(need[j], min(text_full[j], NAME_MIN_EM))
            want[j] = max(need[j], min(text_full[j], NAME_CAP_EM))
        elif text_full[j]:
            need[j] = max(need[j], min(text_full[j], ONE_LINE_CAP_EM))
            want[j] = need[j]
    font = font_pt
    if sum(need) * font + PADDING_PT * cols > available_pt:
        font = max(MIN_FONT, (available_pt - PADDING_PT * cols) / sum(need))
    widths = [n * font + PADDING_PT for n in need]
    spare = available_pt - sum(widths)
    if spare > 0:
        extra = [(w - n) * font for w, n in zip(want, need, strict=True)]
        total_extra = sum(extra)
        if total_extra > 0:
            share = min(1.0, spare / total_extra)
            widths = [w + e * share for w, e in zip(widths, extra, strict=True)]
            spare = available_pt - sum(widths)
        if spare > 0:
            widths = [w + spare / cols for w in widths]
    return widths, font
