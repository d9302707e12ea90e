"""OCR of scanned pages (optional extra ``yusuan[ocr]``): skipped when RapidOCR is not installed.

The "scan" is made at test time: a page of a Shanghai PDF rendered to an image and put into a new,
image-only PDF. OCR takes several seconds per page on two cores, so there is one page here.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from yusuan.layout import TextBlock
from yusuan.readers import pdf_ocr
from yusuan.readers.pdf import read_pdf

from conftest import CORPUS

SHANGWU = CORPUS / "shanghai-putuo-shangwu-2025-dept-budget.pdf"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not pdf_ocr.available(), reason="OCR extra (rapidocr_onnxruntime) not installed"),
    pytest.mark.skipif(not SHANGWU.exists(), reason="corpus not available"),
]


def scanned_page(path: str, index: int, top: float, bottom: float) -> bytes:
    """An image-only PDF of one page of ``path``, cut to the band ``top``..``bottom`` (points from the top)."""
    src = pdfium.PdfDocument(path)
    page = src[index]
    width, height = page.get_size()
    bitmap = page.render(scale=150 / 72, crop=(40, height - bottom, 40, top))
    out = pdfium.PdfDocument.new()
    w, h = width - 80, bottom - top
    new = out.new_page(w, h)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(w, h))
    new.insert_obj(image)
    new.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_scanned_table_is_read_by_ocr() -> None:
    """The 三公 table of the shangwu document, scanned: rulings from the image, text from OCR."""
    layout = read_pdf("scan.pdf", scanned_page(str(SHANGWU), 20, 60, 330))
    texts = [b.text for b in layout.blocks if isinstance(b, TextBlock)]
    assert texts[0] == "2025年部门“三公”经费和机关运行经费预算表"
    (table,) = layout.table_blocks()
    rows = [r.texts() for r in table.rows]
    assert rows[0] == ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"]
    assert rows[2] == ["", "", "", "小计", "购置费", "运行费", ""]
    assert rows[-1] == ["1.00", "", "1.00", "", "", "", "171.01"]
    assert [p.code for p in layout.problems] == ["read.ocr"]
