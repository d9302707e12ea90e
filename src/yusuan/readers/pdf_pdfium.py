"""Positioned characters and rulings of one PDF page, read with pdfium (pypdfium2's raw API).

Why the raw API: the documents draw every character as its own text object (WPS), so a page has
hundreds of characters and a document ~15,000. The pypdfium2 helpers cost ~2 µs per character; calling
``FPDFText_GetLooseCharBox`` with one reused ``FS_RECTF`` costs ~1 µs, and the text of the whole page
comes from one ``FPDFText_GetText`` call. The page objects are walked once for rulings and images.

Why clipping matters: WPS clips text boxes instead of cutting their text, so a page's text layer can
hold paragraphs that are not visible (they are printed again on the next page). pypdfium2's plain text
and pdfplumber both return them. We query the clip rectangle of the first character of each run of
characters (one clip per text box or cell, not per character) and keep characters whose centre is
visible.

Everything leaving this module is in *display* coordinates: points, origin at the top-left of the
(crop box of the) page as it is shown, y growing downwards, page rotation applied.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c


class Glyph(NamedTuple):
    """A visible character (whitespace dropped: gaps are measured, not read), with the space after
    it when the PDF draws one (``"5 "``)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


class Rule(NamedTuple):
    """A straight ruling line: horizontal (``y0 == y1``) or vertical (``x0 == x1``)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PageContent:
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: int = 0  # image objects with a visible area (a scan is one big image)
    image_cover: float = 0.0  # share of the page covered by its largest image
    raw_chars: int = 0  # characters in the text layer before clipping
    cut: bool = False  # the page had more than MAX_PAGE_CHARS characters; the rest was not read


# A page with more characters than this is not a budget page (bounded memory: ~100 bytes each).
MAX_PAGE_CHARS = 300_000
# A page-sized image with fewer characters than this over it is a scan with a stamp or page number.
SCAN_MAX_GLYPHS = 30
# A path whose bounding box is at most this thick (points) is a ruling, whatever its draw mode.
_THIN = 3.0
# Clip rectangles are compared with this tolerance (points): WPS clips at the cell's inner edge.
_CLIP_TOL = 1.0
# FPDFText_GetTextObject is a newer pdfium API; with an older build clipping is simply not applied.
_GET_TEXT_OBJECT = getattr(pdfium_c, "FPDFText_GetTextObject", None)
_SKIP = frozenset(" \t\r\n\x00\u3000\u00a0\ufeff\u200b")
# pdfium reports a hyphen drawn at the end of a line as U+FFFE (U+0002 from FPDFText_GetUnicode),
# taking it for a soft hyphen of a hyphenated word. Disclosures are not hyphenated: a hyphen there
# is printed text ("wifi-" / "2G", "（2023-" / "2024）") and is read as one.
_LINE_END_HYPHEN = frozenset("\ufffe\x02")


class _Box:
    """Display transform for one page: user space → rotated, top-left origin."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1, self.rot = x0, y0, x1, y1, rotation % 4
        w, h = x1 - x0, y1 - y0
        self.width, self.height = (h, w) if self.rot % 2 else (w, h)

    def rect(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) in display space of a user-space rectangle."""
        r = self.rot
        if r == 0:
            return left - self.x0, right - self.x0, self.y1 - top, self.y1 - bottom
        if r == 1:  # 90° clockwise: the user-space left edge is now the top
            return bottom - self.y0, top - self.y0, left - self.x0, right - self.x0
        if r == 2:
            return self.x1 - right, self.x1 - left, bottom - self.y0, top - self.y0
        return self.y1 - top, self.y1 - bottom, self.x1 - right, self.x1 - left


def _page_box(page: Any) -> _Box:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPage_GetCropBox(page, left, bottom, right, top) and not pdfium_c.FPDFPage_GetMediaBox(
        page, left, bottom, right, top
    ):
        # Neither box set: pdfium falls back to Letter; use the size it reports.
        w, h = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        return _Box(0.0, 0.0, w, h, 0)
    x0, x1 = sorted((left.value, right.value))
    y0, y1 = sorted((bottom.value, top.value))
    return _Box(x0, y0, x1, y1, pdfium_c.FPDFPage_GetRotation(page))


Rect = tuple[float, float, float, float]  # left, bottom, right, top (user space)
_Raw = tuple[float, float, float, float, str, int]  # left, bottom, right, top, char, index


def _clip_rect(textpage: Any, index: int, x: ctypes.c_float, y: ctypes.c_float) -> Rect | None:
    """Intersection of the bounding boxes of a character's clip paths (user space), or None.

    Clip paths are nearly always rectangles (``re W n``): for a 4–5 point path whose first edge is
    axis-parallel, points 0 and 2 are opposite corners, which saves half of the calls.
    """
    if _GET_TEXT_OBJECT is None:
        return None
    obj = _GET_TEXT_OBJECT(textpage, index)
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj) if obj else None
    if not clip:
        return None
    get_seg, get_point = pdfium_c.FPDFClipPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetPoint
    lo_x, lo_y, hi_x, hi_y = -1e9, -1e9, 1e9, 1e9
    found = False
    for k in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        n = pdfium_c.FPDFClipPath_CountPathSegments(clip, k)
        pts: list[tuple[float, float]] = []
        for s in (0, 1, 2) if n in (4, 5) else range(n):
            seg = get_seg(clip, k, s)
            if seg and get_point(seg, x, y):
                pts.append((x.value, y.value))
        if n in (4, 5) and len(pts) == 3 and not (pts[0][0] == pts[1][0] or pts[0][1] == pts[1][1]):
            pts = []  # not an axis-parallel rectangle: read every point
            for s in range(n):
                seg = get_seg(clip, k, s)
                if seg and get_point(seg, x, y):
                    pts.append((x.value, y.value))
        if pts:
            found = True
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            lo_x, lo_y = max(lo_x, min(xs)), max(lo_y, min(ys))
            hi_x, hi_y = min(hi_x, max(xs)), min(hi_y, max(ys))
    return (lo_x, lo_y, hi_x, hi_y) if found else None


def _page_text(textpage: Any, n: int) -> str:
    """The text of all characters, one str item per character index."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, buf)
    text = bytes(buf)[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    # Characters outside the BMP take two UTF-16 units: fall back to one call per character.
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(n))


def _chars(textpage: Any, box: _Box) -> tuple[list[Glyph], int]:
    n = min(pdfium_c.FPDFText_CountChars(textpage), MAX_PAGE_CHARS)
    if n <= 0:
        return [], 0
    text = _page_text(textpage, n)
    rect = pdfium_c.FS_RECTF()
    loose = pdfium_c.FPDFText_GetLooseCharBox
    # Loose boxes: font ascent to descent and the advance width, so that characters of one line
    # share top and bottom and gaps between characters are real gaps.
    raw: list[_Raw] = []
    generated = pdfium_c.FPDFText_IsGenerated
    for i, ch in enumerate(text):
        if ch in _LINE_END_HYPHEN:
            ch = "-"
        elif ch == " ":
            # A space the PDF draws (not one pdfium made up from a gap) stays with the character before
            # it: where a line wraps at a space there is no gap to measure ("比 2025 " / "年").
            if raw and raw[-1][5] == i - 1 and generated(textpage, i) == 0:
                last = raw[-1]
                raw[-1] = (last[0], last[1], last[2], last[3], last[4] + " ", last[5])
            continue
        elif ch in _SKIP or ch < " ":
            continue
        if loose(textpage, i, rect):
            raw.append((rect.left, rect.bottom, rect.right, rect.top, ch, i))
    visible = _visible(textpage, raw, box)
    if box.rot == 0:
        x0, y1 = box.x0, box.y1
        return [Glyph(c[0] - x0, c[2] - x0, y1 - c[3], y1 - c[1], c[4]) for c in visible], len(raw)
    return [Glyph(*box.rect(c[0], c[1], c[2], c[3]), c[4]) for c in visible], len(raw)


def _keep(run: list[_Raw], r: Rect) -> list[_Raw]:
    lo_x, lo_y, hi_x, hi_y = r[0] - _CLIP_TOL, r[1] - _CLIP_TOL, r[2] + _CLIP_TOL, r[3] + _CLIP_TOL
    return [c for c in run if lo_x <= (c[0] + c[2]) * 0.5 <= hi_x and lo_y <= (c[1] + c[3]) * 0.5 <= hi_y]


def _meet(a: Rect, b: Rect | None) -> Rect:
    if b is None:
        return a
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def _visible(textpage: Any, raw: list[_Raw], box: _Box) -> list[_Raw]:
    """Drop characters outside the page or outside their clip path.

    Characters are taken in runs (consecutive in the stream, on one baseline, left to right). The clip
    of a run's first character judges the whole run; a run that it splits into visible and hidden
    characters is judged again character by character (one text box cut at its edge).
    """
    page: Rect = (box.x0, box.y0, box.x1, box.y1)
    fx, fy = ctypes.c_float(), ctypes.c_float()
    out: list[_Raw] = []
    start, n = 0, len(raw)
    while start < n:
        first = raw[start]
        end = start + 1
        tol = 0.2 * (first[3] - first[1])
        gap = 10 * tol
        prev = first
        while end < n:
            c = raw[end]
            if abs(c[1] - prev[1]) > tol or c[0] < prev[0] or c[0] - prev[2] > gap:
                break
            prev = c
            end += 1
        run = raw[start:end]
        kept = _keep(run, _meet(page, _clip_rect(textpage, first[5], fx, fy)))
        if 0 < len(kept) < len(run):
            kept = [c for c in run if _keep([c], _meet(page, _clip_rect(textpage, c[5], fx, fy)))]
        out.extend(kept)
        start = end
    return out


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _bbox(
    m: Matrix, left: float, bottom: float, right: float, top: float
) -> tuple[float, float, float, float]:
    if m == _IDENTITY:
        return left, bottom, right, top
    pts = [
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x in (left, right) for y in (bottom, top)
    ]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _matrix(obj: Any) -> Matrix | None:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return None
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _rule(box: _Box, left: float, bottom: float, right: float, top: float, limit: float) -> Rule | None:
    """A ruling from a user-space box at most ``limit`` thick, or None."""
    x0, x1, t, btm = box.rect(left, bottom, right, top)
    w, h = x1 - x0, btm - t
    if h <= limit and w > _THIN:
        return Rule(x0, (t + btm) / 2, x1, (t + btm) / 2)
    if w <= limit and h > _THIN:
        return Rule((x0 + x1) / 2, t, (x0 + x1) / 2, btm)
    return None


def _path_rules(obj: Any, ctm: Matrix, fl: list[ctypes.c_float], box: _Box) -> list[Rule]:
    """Rulings drawn by one path object.

    WPS draws each ruling as a thin filled rectangle; Word and LibreOffice stroke lines or rectangles.
    A thin bounding box is one ruling. A larger stroked path contributes its axis-parallel straight
    segments (a stroked rectangle gives four). Large filled shapes (cell shading, white backgrounds)
    are not rulings.
    """
    if not pdfium_c.FPDFPageObj_GetBounds(obj, fl[0], fl[1], fl[2], fl[3]):
        return []
    left, bottom, right, top = _bbox(ctm, fl[0].value, fl[1].value, fl[2].value, fl[3].value)
    if right - left <= _THIN or top - bottom <= _THIN:
        one = _rule(box, left, bottom, right, top, _THIN)
        return [one] if one else []
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or not stroke.value:
        return []
    n = pdfium_c.FPDFPath_CountSegments(obj)
    own = _matrix(obj)
    if n <= 0 or n > 2000 or own is None:
        return []
    m = _mul(own, ctm)
    px = ctypes.c_float()
    py = ctypes.c_float()
    pts: list[tuple[float, float, int]] = []
    for s in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, s)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        x, y = px.value, py.value
        pts.append(
            (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5], pdfium_c.FPDFPathSegment_GetType(seg))
        )
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            sub = next((p for p in reversed(pts[:-1]) if p[2] == pdfium_c.FPDF_SEGMENT_MOVETO), None)
            if sub is not None:
                pts.append((sub[0], sub[1], pdfium_c.FPDF_SEGMENT_LINETO))
    out: list[Rule] = []
    for (ax, ay, _), (bx, by, kind) in pairwise(pts):
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            one = _rule(box, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), 1.0)
            if one:
                out.append(one)
    return out


def _objects(page: Any, content: PageContent, box: _Box) -> None:
    """Walk the page objects (top level and inside form XObjects) for rulings and images."""
    fl = [ctypes.c_float() for _ in range(4)]
    # (container, object count, is a form, matrix from the container's space to page space)
    stack: list[tuple[Any, int, bool, Matrix]] = [
        (page, pdfium_c.FPDFPage_CountObjects(page), False, _IDENTITY)
    ]
    get_page_obj, get_form_obj = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFFormObj_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    path_t, image_t, form_t = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
        pdfium_c.FPDF_PAGEOBJ_FORM,
    )
    visited = 0
    while stack:
        holder, count, is_form, ctm = stack.pop()
        for i in range(count):
            visited += 1
            if visited > 200_000:  # a pathological page: stop walking, the text is still read
                return
            obj = get_form_obj(holder, i) if is_form else get_page_obj(holder, i)
            kind = get_type(obj)
            if kind == path_t:
                content.rules.extend(_path_rules(obj, ctm, fl, box))
            elif kind == image_t:
                if pdfium_c.FPDFPageObj_GetBounds(obj, fl[0], fl[1], fl[2], fl[3]):
                    b = _bbox(ctm, fl[0].value, fl[1].value, fl[2].value, fl[3].value)
                    cover = (b[2] - b[0]) * (b[3] - b[1]) / max(box.width * box.height, 1.0)
                    if cover > 0.05:
                        content.images += 1
                        content.image_cover = max(content.image_cover, min(cover, 1.0))
            elif kind == form_t and len(stack) < 16:
                # Children of a form are in the form's space: its matrix maps them into ours.
                own = _matrix(obj) or _IDENTITY
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects(obj), True, _mul(own, ctm)))


def looks_scanned(content: PageContent) -> bool:
    """A page that is an image: no text layer, or a page-sized image with a stray line or two of text
    (a page number or a stamp added after scanning)."""
    if not content.images:
        return False
    return not content.raw_chars or (content.image_cover >= 0.5 and len(content.glyphs) < SCAN_MAX_GLYPHS)


def read_page(page: Any, textpage: Any) -> PageContent:
    """Glyphs, rulings and image count of one loaded page (raw pdfium handles)."""
    box = _page_box(page)
    content = PageContent(width=box.width, height=box.height)
    content.glyphs, content.raw_chars = _chars(textpage, box)
    content.cut = pdfium_c.FPDFText_CountChars(textpage) > MAX_PAGE_CHARS
    _objects(page, content, box)
    return content
