"""Reader for PDFs with a text layer: bytes → :class:`~yusuan.layout.Layout`.

The default path is lean on purpose (the CLI has a 0.5 s budget per document): pdfium gives the
positioned characters and the ruling paths (:mod:`.pdf_pdfium`), our own code builds lines
(:mod:`.pdf_lines`), ruled tables (:mod:`.pdf_grid`) and unruled ones (:mod:`.pdf_stream`), and
:mod:`.pdf_page` puts a page in reading order. pdfplumber would do the same at 5–10× the cost
(libraries.md §2). Scanned pages (a page-sized image and no text, or a line or two of it) are detected; they are read
only when the optional OCR extra is installed (:mod:`.pdf_ocr`).

Failures are reported, never raised as library exceptions: a file that cannot be opened raises
:class:`~yusuan.errors.UnreadableError` with one line of Chinese and English; pages that fail after
others were read become a :class:`~yusuan.model.budget.Problem` and the layout keeps what was read.
"""

from __future__ import annotations

import time
from typing import Any

from yusuan.errors import UnreadableError
from yusuan.layout import Layout
from yusuan.model.budget import Problem
from yusuan.model.figures import SourceRef

# Bounds that keep a hostile or broken file from running away with time or memory.
MAX_PAGES = 5000
MAX_GLYPHS = 5_000_000
MAX_SECONDS = 120.0


def _open(path: str, data: bytes) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            msg = "PDF 已加密，需要密码才能打开 / the PDF is encrypted and needs a password"
        elif code == pdfium_c.FPDF_ERR_SECURITY:
            msg = "PDF 使用了不支持的加密方式 / the PDF uses an unsupported encryption scheme"
        elif code == pdfium_c.FPDF_ERR_SUCCESS or _opens_without_pages(data):
            msg = "PDF 没有页面 / the PDF has no pages"
        elif b"endobj" not in data:
            msg = "不是有效的 PDF：有 %PDF 文件头但没有 PDF 对象 / not a valid PDF: a %PDF header but no PDF objects"
        elif b"%%EOF" not in data[-2048:]:
            msg = "PDF 文件不完整（缺少文件结尾，可能被截断）/ the PDF is incomplete (no end of file: truncated?)"
        else:
            msg = "PDF 文件已损坏，无法解析 / the PDF is damaged and cannot be parsed"
        raise UnreadableError(f"{path}: {msg}") from None
    except Exception as exc:  # pdfium wrapper failures other than load errors
        raise UnreadableError(f"{path}: 无法打开 PDF / cannot open the PDF ({type(exc).__name__})") from None


def _opens_without_pages(data: bytes) -> bool:
    """pypdfium2 refuses documents with no pages; tell that apart from a damaged file."""
    import pypdfium2.raw as pdfium_c

    doc = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not doc:
        return False
    try:
        return bool(pdfium_c.FPDF_GetPageCount(doc) == 0)
    finally:
        pdfium_c.FPDF_CloseDocument(doc)


def _ranges(pages: list[int]) -> str:
    """1,2,3,5 → '1–3, 5'."""
    out: list[str] = []
    start = prev = pages[0]
    for p in [*pages[1:], 0]:
        if p == prev + 1:
            prev = p
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        start = prev = p
    return ", ".join(out)


def _problem(layout: Layout, code: str, message: str, page: int | None = None) -> None:
    layout.problems.append(Problem(code=code, message=message, source=SourceRef(file=layout.path, page=page)))


def read_pdf(path: str, data: bytes) -> Layout:
    """Read a PDF's text layer into a layout, or raise :class:`UnreadableError`."""
    try:
        import pypdfium2  # noqa: F401  (checked here so that a missing dependency is one clear line)
    except ImportError:
        raise UnreadableError(
            f"{path}: 读取 PDF 需要安装 pypdfium2 / reading PDF needs pypdfium2 (pip install pypdfium2)"
        ) from None
    doc = _open(path, data)
    try:
        count = len(doc)
        layout = Layout(path=path, format="pdf", pages=count)
        failed, scanned = _read_pages(doc, layout, count)
        if count > MAX_PAGES:
            _problem(
                layout,
                "read.too_many_pages",
                f"只读取了前 {MAX_PAGES} 页（共 {count} 页）/ read the first {MAX_PAGES} of {count} pages",
            )
        _report_failures(layout, failed, count)
        if scanned:
            _scanned(layout, doc, scanned)
    finally:
        doc.close()
    # Stray text on scanned pages (a page number, a stamp) does not make a document readable.
    ocr = bool(scanned) and _ocr_available()
    if not any(ocr or b.page not in scanned for b in layout.blocks):
        _nothing(path, layout, count, failed, scanned)
    return layout


def _ocr_available() -> bool:
    from yusuan.readers import pdf_ocr

    return pdf_ocr.available()


def _read_pages(doc: Any, layout: Layout, count: int) -> tuple[list[int], list[int]]:
    """Read every page into ``layout``; return the damaged pages and the scanned ones."""
    import pypdfium2 as pdfium

    from yusuan.readers.pdf_page import page_blocks
    from yusuan.readers.pdf_pdfium import PageContent, looks_scanned, read_page

    failed: list[int] = []
    scanned: list[int] = []
    glyphs = 0
    started = time.monotonic()
    for index in range(min(count, MAX_PAGES)):
        number = index + 1
        if time.monotonic() - started > MAX_SECONDS or glyphs > MAX_GLYPHS:
            _problem(
                layout, "read.stopped",
                f"读取在第 {number} 页停止（超出时间或大小限制）/ reading stopped at page {number} (time or size limit)",
                number,
            )  # fmt: skip
            break
        try:
            content: PageContent = _read_one(doc, index, read_page)
            glyphs += len(content.glyphs)
            if content.cut:
                _problem(
                    layout, "read.page_cut",
                    f"第 {number} 页字符过多，只读取了一部分 / page {number}: too many characters, read in part", number,
                )  # fmt: skip
            if content.glyphs:
                layout.blocks.extend(page_blocks(content, number))
            if looks_scanned(content):
                scanned.append(number)
        except pdfium.PdfiumError:  # a damaged page object: keep what was read, say where
            failed.append(number)
        except Exception as exc:  # never a traceback: a page we could not read is a problem
            _problem(
                layout,
                "read.page_error",
                f"第 {number} 页读取出错 / page {number}: read error ({exc!r})",
                number,
            )
    return failed, scanned


def _read_one(doc: Any, index: int, read_page: Any) -> Any:
    """Load one page and its text page, read them, and free them at once (bounded memory)."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return read_page(page.raw, textpage.raw)
        finally:
            textpage.close()
    finally:
        page.close()


def _report_failures(layout: Layout, failed: list[int], count: int) -> None:
    if not failed:
        return
    read = count - len(failed)
    if failed[-1] == count and failed == list(range(failed[0], count + 1)):
        msg = (
            f"读取在第 {failed[0]} 页停止：第 {_ranges(failed)} 页已损坏，只读取了前 {failed[0] - 1} 页 / reading "
            f"stopped at page {failed[0]}: pages {_ranges(failed)} are damaged; read pages 1–{failed[0] - 1}"
        )
    else:
        msg = (
            f"第 {_ranges(failed)} 页已损坏，无法读取（其余 {read} 页已读取）/ "
            f"pages {_ranges(failed)} are damaged and were skipped"
        )
    _problem(layout, "read.damaged_pages", msg, failed[0])


# What makes OCR available: RapidOCR in the environment yusuan runs in. (yusuan is not on PyPI, so
# `pip install yusuan[ocr]` fails; RapidOCR has no wheels for Python 3.13 and later.)
OCR_HINT_ZH = '在 yusuan 所在的环境中执行 pip install "rapidocr_onnxruntime>=1.4.4,<1.5" 后可识别，需 Python 3.12 及以下'
OCR_HINT_EN = ('OCR needs RapidOCR: pip install "rapidocr_onnxruntime>=1.4.4,<1.5" in the environment yusuan runs '
               "in (Python 3.12 or older)")


def _scanned(layout: Layout, doc: Any, pages: list[int]) -> None:
    """OCR scanned pages when the extra is installed; otherwise say which pages were skipped."""
    from yusuan.readers import pdf_ocr

    if pdf_ocr.available():
        pdf_ocr.read_pages(layout, doc, pages)
        return
    if layout.blocks:
        _problem(
            layout, "read.scanned_pages",
            f"第 {_ranges(pages)} 页是扫描图像，没有文字层，未识别（{OCR_HINT_ZH}）/ pages "
            f"{_ranges(pages)} are scanned images with no text layer and were not read ({OCR_HINT_EN})",
            pages[0],
        )  # fmt: skip


def _nothing(path: str, layout: Layout, count: int, failed: list[int], scanned: list[int]) -> None:
    """Raise the right one-line error for a PDF that produced no blocks at all."""
    from yusuan.readers import pdf_ocr

    if scanned and pdf_ocr.available():
        raise UnreadableError(
            f"{path}: 扫描件，没有文字层，OCR 也未识别出文字（{len(scanned)} 页图像）/ "
            f"scanned document: no text layer, and OCR found no text ({len(scanned)} image pages)"
        )
    if scanned:
        raise UnreadableError(
            f"{path}: 扫描件，没有文字层（{len(scanned)} 页图像），需要 OCR（{OCR_HINT_ZH}）/ "
            f"scanned document: no text layer ({len(scanned)} image pages): {OCR_HINT_EN}"
        )
    if failed and len(failed) == count:
        raise UnreadableError(
            f"{path}: PDF 已损坏，没有一页可以读取 / the PDF is damaged: no page could be read"
        )
    raise UnreadableError(
        f"{path}: PDF 中没有可读的文字（{count} 页）/ no readable text in the PDF ({count} pages, no text)"
    )
