"""The PDF reader on PDFs generated at test time: table shapes, order, rotation, clipping, scans.

The builder writes with pdfium (pypdfium2's raw API) and the standard Helvetica font, so every test
knows exactly what is on the page. Chinese layouts are covered by the real documents
(test_reader_pdf.py); these tests cover the shapes the Shanghai corpus does not have: stroked
rulings (Word, LibreOffice), borderless tables, frames ruled only across, tables ruled only down,
rotated pages, content-stream order that differs from reading order, and clipped text.
"""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from yusuan.errors import UnreadableError
from yusuan.layout import Layout, TextBlock
from yusuan.readers import pdf_ocr
from yusuan.readers.pdf import read_pdf


class Builder:
    """A tiny PDF writer: text, lines, rectangles and images at PDF coordinates (origin bottom-left)."""

    def __init__(self) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.pages: list[pdfium.PdfPage] = []

    def page(self, width: float = 595, height: float = 842, rotation: int = 0) -> pdfium.PdfPage:
        page = self.pdf.new_page(width, height)
        if rotation:
            page.set_rotation(rotation)
        self.pages.append(page)
        return page

    def text(self, page: pdfium.PdfPage, s: str, x: float, y: float, size: float = 10) -> None:
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, b"Helvetica", ctypes.c_float(size))
        units = list(s.encode("utf-16-le"))
        words = [units[i] | units[i + 1] << 8 for i in range(0, len(units), 2)]
        buf = (ctypes.c_ushort * (len(words) + 1))(*words, 0)
        assert pdfium_c.FPDFText_SetText(obj, buf)
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)

    def line(self, page: pdfium.PdfPage, x0: float, y0: float, x1: float, y1: float) -> None:
        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        pdfium_c.FPDFPath_LineTo(path, x1, y1)
        self._stroke(page, path)

    def box(self, page: pdfium.PdfPage, x: float, y: float, w: float, h: float) -> None:
        """A stroked rectangle (``re S``): four rulings in one path."""
        self._stroke(page, pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, h))

    def _stroke(self, page: pdfium.PdfPage, path: object) -> None:
        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(0.5))
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, 1)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)

    def filled(self, page: pdfium.PdfPage, x: float, y: float, w: float, h: float) -> None:
        """A filled rectangle without stroke (cell shading, or a thin one: a WPS ruling)."""
        path = pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, h)
        pdfium_c.FPDFPageObj_SetFillColor(path, 200, 200, 200, 255)
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)

    def image(self, page: pdfium.PdfPage, x: float, y: float, w: float, h: float) -> None:
        bitmap = pdfium.PdfBitmap.new_native(64, 64, pdfium_c.FPDFBitmap_BGR)
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, 64, 64)
        bitmap.fill_rect((0, 0, 0, 255), 8, 8, 40, 6)
        image = pdfium.PdfImage.new(self.pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(w, h).translate(x, y))
        page.insert_obj(image)

    def clip(self, page: pdfium.PdfPage, left: float, bottom: float, right: float, top: float) -> None:
        """Clip everything on the page to a rectangle (call after drawing)."""
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        clip = pdfium_c.FPDF_CreateClipPath(left, bottom, right, top)
        pdfium_c.FPDFPage_InsertClipPath(page.raw, clip)
        pdfium_c.FPDF_DestroyClipPath(clip)

    def bytes(self) -> bytes:
        for page in self.pages:
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        out = io.BytesIO()
        self.pdf.save(out)
        return out.getvalue()


def read(data: bytes) -> Layout:
    return read_pdf("synthetic.pdf", data)


def tables(layout: Layout) -> list[list[list[str]]]:
    return [[r.texts() for r in t.rows] for t in layout.table_blocks()]


def texts(layout: Layout) -> list[str]:
    return [b.text for b in layout.text_blocks()]


def grid(b: Builder, page: pdfium.PdfPage, xs: list[float], ys: list[float]) -> None:
    """Full grid of stroked lines (Word/LibreOffice style)."""
    for y in ys:
        b.line(page, xs[0], y, xs[-1], y)
    for x in xs:
        b.line(page, x, ys[-1], x, ys[0])


# --- ruled tables ---------------------------------------------------------------------------------


def test_stroked_grid_with_merged_header() -> None:
    """A Word-style table: stroked lines, a header cell spanning two columns, numbers kept as printed."""
    b = Builder()
    p = b.page()
    b.text(p, "Table 1 Budget", 50, 780, 14)
    for y in (760, 740, 720, 700, 680):
        b.line(p, 50, y, 350, y)
    for x in (50, 350):
        b.line(p, x, 680, x, 760)
    b.line(p, 150, 680, 150, 760)  # the name column is ruled from the top
    b.line(p, 250, 680, 250, 740)  # the amount columns only below the merged header
    b.text(p, "Item", 60, 746)
    b.text(p, "Amount", 160, 746)
    b.text(p, "this year", 160, 726)
    b.text(p, "last year", 260, 726)
    b.text(p, "Office", 60, 706)
    b.text(p, "1,234.50", 160, 706)
    b.text(p, "1,000.00", 260, 706)
    b.text(p, "Total", 60, 686)
    b.text(p, "1,234.50", 160, 686)
    layout = read(b.bytes())
    assert texts(layout) == ["Table 1 Budget"]
    (rows,) = tables(layout)
    assert rows == [
        ["Item", "Amount", ""],
        ["", "this year", "last year"],
        ["Office", "1,234.50", "1,000.00"],
        ["Total", "1,234.50", ""],
    ]
    # "Amount" covers two columns, "Item" two rows: text in the first cell, covered cells empty.
    header = layout.table_blocks()[0].rows[0].cells
    assert [c.span for c in header] == [1, 2, 1]


def test_stroked_rectangles_make_a_grid() -> None:
    """Cells drawn as stroked rectangles (``re S``), as LibreOffice does: four rulings each."""
    b = Builder()
    p = b.page()
    for r, y in enumerate((700, 680, 660)):
        for c, x in enumerate((50, 130, 210)):
            b.box(p, x, y, 80, 20)
            b.text(p, f"r{r}c{c}", x + 5, y + 6)
    (rows,) = tables(read(b.bytes()))
    assert rows == [["r0c0", "r0c1", "r0c2"], ["r1c0", "r1c1", "r1c2"], ["r2c0", "r2c1", "r2c2"]]


def test_thin_filled_rulings_and_shading() -> None:
    """WPS rulings are thin filled rectangles; a large filled rectangle (shading) is not a ruling."""
    b = Builder()
    p = b.page()
    b.filled(p, 40, 770, 400, 30)  # shading behind the title: must not start a table
    b.text(p, "Title", 50, 780)
    for y in (700, 720, 740):
        b.filled(p, 50, y - 0.5, 200, 1)
    for x in (50, 150, 250):
        b.filled(p, x - 0.5, 700, 1, 40)
    b.text(p, "a", 60, 726)
    b.text(p, "1.00", 160, 726)
    b.text(p, "b", 60, 706)
    b.text(p, "2.00", 160, 706)
    layout = read(b.bytes())
    assert texts(layout) == ["Title"]
    assert tables(layout) == [[["a", "1.00"], ["b", "2.00"]]]


def test_wrapped_cell_text_is_joined() -> None:
    b = Builder()
    p = b.page()
    grid(b, p, [50, 150, 250], [740, 700, 680])
    b.text(p, "Other general", 55, 726)
    b.text(p, "expenditure", 55, 712)
    b.text(p, "9.00", 160, 719)
    b.text(p, "x", 55, 686)
    b.text(p, "1.00", 160, 686)
    (rows,) = tables(read(b.bytes()))
    assert rows == [["Other general expenditure", "9.00"], ["x", "1.00"]]
    raw = read(b.bytes()).table_blocks()[0].rows[0].cells[0].raw
    assert raw == "Other general\nexpenditure"


def test_table_ruled_only_down_splits_rows_by_text_lines() -> None:
    """Column rulings and a header ruling but no row rulings: each text line is a row; a label
    that wraps joins its row."""
    b = Builder()
    p = b.page()
    for y in (760, 740, 660):
        b.line(p, 50, y, 350, y)
    for x in (50, 150, 250, 350):
        b.line(p, x, 660, x, 760)
    b.text(p, "Code", 55, 746)
    b.text(p, "Name", 155, 746)
    b.text(p, "Amount", 255, 746)
    b.text(p, "2010101", 55, 726)
    b.text(p, "Running costs", 155, 726)
    b.text(p, "100.00", 255, 726)
    b.text(p, "2010102", 55, 712)
    b.text(p, "General admin", 155, 712)
    b.text(p, "50.00", 255, 712)
    b.text(p, "affairs", 155, 700)
    b.text(p, "2010199", 55, 686)
    b.text(p, "Other", 155, 686)
    b.text(p, "7.00", 255, 686)
    (rows,) = tables(read(b.bytes()))
    assert rows == [
        ["Code", "Name", "Amount"],
        ["2010101", "Running costs", "100.00"],
        ["2010102", "General admin affairs", "50.00"],
        ["2010199", "Other", "7.00"],
    ]


def test_wrapped_cells_beside_centred_cells_stay_one_row() -> None:
    """A ruled row whose long cells wrap to two lines while the short ones are centred between
    those lines (LibreOffice and Word do this): one row, not three."""
    b = Builder()
    p = b.page()
    grid(b, p, [50, 130, 230, 330, 430], [760, 730, 710])
    b.text(p, "Output", 55, 742)  # centred in the band 730–760
    b.text(p, "Social benefit", 135, 749)
    b.text(p, "indicator", 135, 736)
    b.text(p, "Keep all work", 235, 749)
    b.text(p, "running", 235, 736)
    b.text(p, ">= 90%", 335, 742)
    b.text(p, "Quality", 55, 716)
    b.text(p, "Rate", 135, 716)
    b.text(p, "Excellent", 235, 716)
    b.text(p, "95%", 335, 716)
    (rows,) = tables(read(b.bytes()))
    assert rows == [
        ["Output", "Social benefit indicator", "Keep all work running", ">= 90%"],
        ["Quality", "Rate", "Excellent", "95%"],
    ]


def test_frame_with_horizontal_rulings_only() -> None:
    """A frame whose inner rulings are all horizontal: columns come from the text alignment."""
    b = Builder()
    p = b.page()
    for y in (760, 740, 720, 700):
        b.line(p, 50, y, 400, y)
    b.line(p, 50, 700, 50, 760)
    b.line(p, 400, 700, 400, 760)
    for y, row in (
        (746, ("Item", "Budget", "Actual")),
        (726, ("Rent", "10.00", "9.50")),
        (706, ("Fuel", "2.00", "2.10")),
    ):
        for x, s in zip((60, 200, 320), row, strict=True):
            b.text(p, s, x, y)
    (rows,) = tables(read(b.bytes()))
    assert rows == [["Item", "Budget", "Actual"], ["Rent", "10.00", "9.50"], ["Fuel", "2.00", "2.10"]]


def test_page_border_is_not_a_table() -> None:
    """A decorative border around the page and a boxed note: their text stays text lines, and the
    table inside the border is still found."""
    b = Builder()
    p = b.page()
    b.box(p, 20, 20, 555, 802)  # page border
    b.text(p, "Overview of the department", 50, 780)
    b.text(p, "The office has nine sections.", 50, 764)
    grid(b, p, [50, 150, 250], [740, 720, 700])
    b.text(p, "a", 55, 726)
    b.text(p, "1.00", 155, 726)
    b.text(p, "b", 55, 706)
    b.text(p, "2.00", 155, 706)
    b.box(p, 45, 620, 300, 40)  # a boxed note
    b.text(p, "Note: figures are budgets,", 50, 645)
    b.text(p, "not final accounts.", 50, 630)
    layout = read(b.bytes())
    assert texts(layout) == [
        "Overview of the department",
        "The office has nine sections.",
        "Note: figures are budgets,",
        "not final accounts.",
    ]
    assert tables(layout) == [[["a", "1.00"], ["b", "2.00"]]]
    kinds = [type(blk).__name__ for blk in layout.blocks]
    assert kinds == ["TextBlock", "TextBlock", "TableBlock", "TextBlock", "TextBlock"]


def test_two_tables_on_one_page_in_order() -> None:
    b = Builder()
    p = b.page()
    b.text(p, "First", 50, 780)
    grid(b, p, [50, 150, 250], [770, 750, 730])
    b.text(p, "A", 55, 756)
    b.text(p, "1", 155, 756)
    b.text(p, "B", 55, 736)
    b.text(p, "2", 155, 736)
    b.text(p, "Second", 50, 700)
    grid(b, p, [50, 120, 190, 260], [690, 670])
    b.text(p, "x", 55, 676)
    b.text(p, "y", 125, 676)
    b.text(p, "z", 195, 676)
    layout = read(b.bytes())
    kinds = [("T", blk.text) if isinstance(blk, TextBlock) else ("table", blk.width) for blk in layout.blocks]
    assert kinds == [("T", "First"), ("table", 2), ("T", "Second"), ("table", 3)]
    assert [blk.line for blk in layout.blocks] == [1, 2, 4, 5]


def test_table_inside_a_scaled_form_xobject() -> None:
    """A page placed on another page as a form XObject, scaled and moved: rulings and text must
    land in the same place (objects inside a form are in the form's space)."""
    b = Builder()
    p = b.page()
    grid(b, p, [50, 150, 250], [740, 720, 700])
    b.text(p, "a", 55, 726)
    b.text(p, "1.00", 155, 726)
    b.text(p, "b", 55, 706)
    b.text(p, "2.00", 155, 706)
    inner = pdfium.PdfDocument(b.bytes())
    outer = pdfium.PdfDocument.new()
    page = outer.new_page(595, 842)
    xobject = pdfium_c.FPDF_NewXObjectFromPage(outer.raw, inner.raw, 0)
    form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
    pdfium_c.FPDFPageObj_Transform(form, 0.5, 0, 0, 0.5, 100, 50)
    pdfium_c.FPDFPage_InsertObject(page.raw, form)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    pdfium_c.FPDF_CloseXObject(xobject)
    out = io.BytesIO()
    outer.save(out)
    assert tables(read(out.getvalue())) == [[["a", "1.00"], ["b", "2.00"]]]


# --- borderless tables ----------------------------------------------------------------------------


def test_borderless_table_from_alignment() -> None:
    b = Builder()
    p = b.page()
    b.text(p, "Expenditure by function", 50, 790, 12)
    rows = [
        ("Code", "Name", "Total", "Basic"),
        ("201", "General public services", "1,200.00", "800.00"),
        ("20101", "Legislature", "300.00", "300.00"),
        ("206", "Science", "900.00", "500.00"),
    ]
    for i, row in enumerate(rows):
        y = 760 - 16 * i
        for x, s in zip((50, 110, 330, 430), row, strict=True):
            b.text(p, s, x, y)
    b.text(p, "Note: amounts in ten thousand yuan, as printed in the source document.", 50, 680)
    layout = read(b.bytes())
    assert texts(layout) == [
        "Expenditure by function",
        "Note: amounts in ten thousand yuan, as printed in the source document.",
    ]
    assert tables(layout) == [[list(r) for r in rows]]


def test_prose_is_not_a_table() -> None:
    b = Builder()
    p = b.page()
    lines = [
        "The department's budget for 2025 is 1,234.56 thousand yuan, an increase of",
        "12.3 thousand yuan over 2024, mainly because of new project funding for the",
        "small and medium enterprise service centre and the annual trade fair.",
    ]
    for i, s in enumerate(lines):
        b.text(p, s, 50, 760 - 14 * i)
    b.text(p, "Prepared by: Office", 50, 700)
    b.text(p, "Unit: yuan", 480, 700)
    layout = read(b.bytes())
    assert not layout.table_blocks()
    assert texts(layout) == [*lines, "Prepared by: Office Unit: yuan"]


# --- order, rotation, clipping ----------------------------------------------------------------------


def test_reading_order_does_not_follow_stream_order() -> None:
    """Drawn bottom-up and right-to-left; read top-down and left-to-right (libraries.md §2)."""
    b = Builder()
    p = b.page()
    b.text(p, "third line", 50, 700)
    b.text(p, "second", 50, 720)
    b.text(p, "half", 100, 720)  # same baseline, drawn after the line below it
    b.text(p, "first line", 50, 740)
    layout = read(b.bytes())
    assert texts(layout) == ["first line", "second half", "third line"]
    assert [(blk.page, blk.line) for blk in layout.blocks] == [(1, 1), (1, 2), (1, 3)]


# Text matrices that make text upright on a page displayed with /Rotate, and the user-space origin
# of a baseline at display position (X, Y from the top) on a page whose unrotated size is (w, h).
_UPRIGHT = {
    90: ((0, 1, -1, 0), lambda X, Y, w, h: (Y, X)),
    180: ((-1, 0, 0, -1), lambda X, Y, w, h: (w - X, Y)),
    270: ((0, -1, 1, 0), lambda X, Y, w, h: (w - Y, h - X)),
}


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_reads_as_displayed(rotation: int) -> None:
    """/Rotate turns the page for display; lines come out in the displayed order."""
    w, h = (842, 595) if rotation in (90, 270) else (595, 842)
    b = Builder()
    p = b.page(w, h, rotation)
    (ma, mb, mc, md), origin = _UPRIGHT[rotation]
    for s in ["gamma line", "alpha line", "beta line"]:  # drawn out of order on purpose
        X, Y = 100.0, 100.0 + 20 * ("alpha line", "beta line", "gamma line").index(s)
        obj = pdfium_c.FPDFPageObj_NewTextObj(b.pdf.raw, b"Helvetica", ctypes.c_float(12))
        pdfium_c.FPDFText_SetText(obj, (ctypes.c_ushort * (len(s) + 1))(*[ord(ch) for ch in s], 0))
        pdfium_c.FPDFPageObj_Transform(obj, ma, mb, mc, md, *origin(X, Y, w, h))
        pdfium_c.FPDFPage_InsertObject(p.raw, obj)
    layout = read(b.bytes())
    assert texts(layout) == ["alpha line", "beta line", "gamma line"]


def test_clipped_text_is_not_read() -> None:
    """Text outside the clip path is invisible (WPS text boxes): it must not be read."""
    b = Builder()
    p = b.page()
    b.text(p, "visible one", 50, 760)
    b.text(p, "visible two", 50, 740)
    b.text(p, "hidden below the clip", 50, 700)
    b.text(p, "off the page", 50, 900)
    b.clip(p, 0, 720, 595, 842)
    assert texts(read(b.bytes())) == ["visible one", "visible two"]


# --- scanned and empty pages ------------------------------------------------------------------------


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as without the OCR extra, whether or not it is installed here."""
    monkeypatch.setenv("YUSUAN_OCR", "off")


@pytest.mark.usefixtures("no_ocr")
def test_scanned_document_has_no_text_layer() -> None:
    b = Builder()
    for _ in range(2):
        p = b.page()
        b.image(p, 0, 0, 595, 842)
    with pytest.raises(UnreadableError) as exc:
        read(b.bytes())
    message = str(exc.value)
    assert "no text layer" in message and "没有文字层" in message and "\n" not in message


@pytest.mark.usefixtures("no_ocr")
def test_scan_with_stamped_page_numbers_has_no_text_layer() -> None:
    """A page number added to each scanned page after scanning does not make it readable."""
    b = Builder()
    for i in range(3):
        p = b.page()
        b.image(p, 0, 0, 595, 842)
        b.text(p, f"- {i + 1} -", 290, 20)
    with pytest.raises(UnreadableError) as exc:
        read(b.bytes())
    assert "no text layer" in str(exc.value) and "3 image pages" in str(exc.value)


@pytest.mark.usefixtures("no_ocr")
def test_scanned_page_among_text_pages_is_reported() -> None:
    b = Builder()
    p = b.page()
    b.text(p, "page one text", 50, 760)
    p = b.page()
    b.image(p, 0, 0, 595, 842)
    p = b.page()
    b.text(p, "page three text", 50, 760)
    layout = read(b.bytes())
    assert [(blk.page, getattr(blk, "text", "")) for blk in layout.blocks] == [
        (1, "page one text"),
        (3, "page three text"),
    ]
    (problem,) = layout.problems
    assert problem.code == "read.scanned_pages" and problem.source is not None and problem.source.page == 2
    assert "2" in problem.message and "扫描" in problem.message


def test_blank_pages_between_text_are_skipped() -> None:
    b = Builder()
    b.text(b.page(), "one", 50, 760)
    b.page()
    b.text(b.page(), "three", 50, 760)
    layout = read(b.bytes())
    assert [(blk.page, blk.line) for blk in layout.blocks] == [(1, 1), (3, 1)]
    assert layout.pages == 3 and not layout.problems


def test_ocr_text_is_tidied() -> None:
    """OCR output clean-up (runs without the OCR extra: it is plain text handling)."""
    assert pdf_ocr.clean("171. 01") == "171.01"
    assert pdf_ocr.clean("9,389, 913.00") == "9,389,913.00"
    assert pdf_ocr.clean("财政拨款收人") == "财政拨款收入"
    assert pdf_ocr.clean("人员经费") == "人员经费"
