"""OCR of scanned pages, with the optional extra ``yusuan[ocr]`` (RapidOCR on onnxruntime).

A scanned page is rendered at :data:`DPI`, RapidOCR finds text boxes and reads them, and OpenCV finds
the table rulings in the image (long thin runs of dark pixels). Boxes become glyphs and rulings become
rules in page coordinates, so the rest is the text-layer pipeline unchanged: the same lines, the same
ruled and unruled tables, the same reading order (:func:`~yusuan.readers.pdf_page.page_blocks`).

OCR is slow (several seconds per page on two cores) and not exact: libraries.md §3 measured every
amount right on clean renders, but 收入 read as 收人. Numbers lose the spaces OCR puts into them,
a few impossible bigrams are mended, and each OCR'd page carries a Problem saying it was OCR'd.
"""

from __future__ import annotations

import importlib.util
import os
import re
import time
from typing import Any

from yusuan.layout import Layout
from yusuan.model.budget import Problem
from yusuan.model.figures import SourceRef

DPI = 150
MIN_SCORE = 0.5
MAX_SECONDS = 600.0  # OCR budget per document: a thousand scanned pages must not run for hours
_ENGINE: Any = None
_NUMBERISH = re.compile(r"^[-+]?[\d,.，．\s]+%?$")
# OCR confuses 入 with 人; these bigrams with 人 do not occur in budget documents.
_MEND = {"收人": "收入", "投人": "投入", "列人": "列入", "纳人": "纳入", "转人": "转入", "拨人": "拨入"}
_MEND_RE = re.compile("|".join(_MEND))


def available() -> bool:
    """Whether OCR can run: the extra (rapidocr_onnxruntime, numpy, OpenCV) is installed and
    ``YUSUAN_OCR`` does not switch it off (``YUSUAN_OCR=off``: report scans instead of reading them)."""
    if os.environ.get("YUSUAN_OCR", "").strip().lower() in {"0", "off", "no", "false"}:
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "numpy", "cv2"))


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR()  # loads three ONNX models (~1.5 s): once per process
    return _ENGINE


def clean(text: str) -> str:
    """Tidy one OCR'd box: numbers without inner spaces, 入/人 confusions mended."""
    text = text.strip()
    if _NUMBERISH.match(text):
        return re.sub(r"\s+", "", text)
    return _MEND_RE.sub(lambda m: _MEND[m.group(0)], text)


def _rules(image: Any, scale: float) -> list[Any]:
    """Horizontal and vertical rulings of a page image, in page points."""
    import cv2
    import numpy as np

    from yusuan.readers.pdf_pdfium import Rule

    gray = image if image.ndim == 2 else cv2.cvtColor(image[:, :, :3], cv2.COLOR_BGR2GRAY)
    dark = (gray < 160).astype(np.uint8) * 255
    # A ruling is a dark run longer than any character stroke: 0.3 inch at the render resolution.
    span = max(int(0.3 * DPI), 10)
    out: list[Any] = []
    for horizontal in (True, False):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1) if horizontal else (1, span))
        mask = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, n):
            x, y, w, h = (int(v) for v in stats[i][:4])
            if horizontal and h <= 0.02 * DPI * 4:
                yc = (y + h / 2) / scale
                out.append(Rule(x / scale, yc, (x + w) / scale, yc))
            elif not horizontal and w <= 0.02 * DPI * 4:
                xc = (x + w / 2) / scale
                out.append(Rule(xc, y / scale, xc, (y + h) / scale))
    return out


def read_page(page: Any) -> Any:
    """A :class:`~yusuan.readers.pdf_pdfium.PageContent` of one scanned page (a pypdfium2 page)."""
    from yusuan.readers.pdf_pdfium import Glyph, PageContent

    scale = DPI / 72
    bitmap = page.render(scale=scale)  # display orientation: /Rotate is applied
    image = bitmap.to_numpy()
    width, height = page.get_size()
    if page.get_rotation() % 180:
        width, height = height, width
    result, _ = _engine()(image, use_cls=False)
    glyphs = []
    for box, text, score in result or []:
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs = [float(p[0]) / scale for p in box]
        ys = [float(p[1]) / scale for p in box]
        glyphs.append(Glyph(min(xs), max(xs), min(ys), max(ys), clean(text)))
    return PageContent(width=width, height=height, glyphs=glyphs, rules=_rules(image, scale))


def read_pages(layout: Layout, doc: Any, pages: list[int]) -> None:
    """OCR the scanned pages and put their blocks in page order among the others."""
    from yusuan.readers.pdf_page import page_blocks

    started = time.monotonic()
    for k, number in enumerate(pages):
        if time.monotonic() - started > MAX_SECONDS:
            rest = len(pages) - k
            layout.problems.append(
                Problem(
                    code="read.ocr_stopped",
                    message=f"OCR 在第 {number} 页停止（超出时间限制），还有 {rest} 页扫描页未识别 / OCR stopped "
                    f"at page {number} (time limit); {rest} scanned pages were not read",
                    source=SourceRef(file=layout.path, page=number),
                )
            )
            return
        page = doc[number - 1]
        try:
            content = read_page(page)
        except Exception as exc:  # a failing OCR engine must not take the document down
            layout.problems.append(
                Problem(
                    code="read.ocr_failed",
                    message=f"第 {number} 页 OCR 失败 / page {number}: OCR failed ({exc!r})",
                    source=SourceRef(file=layout.path, page=number),
                )
            )
            continue
        finally:
            page.close()
        blocks = page_blocks(content, number)
        # OCR reads the whole page, so the stray text-layer lines of the page (a stamp) go.
        layout.blocks[:] = [b for b in layout.blocks if b.page != number]
        at = next((i for i, b in enumerate(layout.blocks) if (b.page or 0) > number), len(layout.blocks))
        layout.blocks[at:at] = blocks
        layout.problems.append(
            Problem(
                code="read.ocr",
                message=f"第 {number} 页是扫描图像，文字由 OCR 识别，请核对数字 / page {number} is a scan read by OCR: check the figures",
                source=SourceRef(file=layout.path, page=number),
            )
        )
