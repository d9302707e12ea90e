"""Malformed files get a clear error within bounded time and memory.

Each file is made at test time (nothing binary is committed) and read twice, each time in a fresh
Python process: through the command line (``python -m yusuan summary FILE``: exit code 2, one line on
stderr, no traceback) and through the API (:func:`yusuan.load` raises a
:class:`~yusuan.errors.YusuanError` whose message is one line), where the process's peak resident
memory is measured and must stay under :data:`MAX_RSS_MB` (``VmHWM`` of ``/proc/self/status``: on Linux
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` keeps, across ``exec``, the peak of the process it was
forked from, here pytest's; it is the fallback where there is no ``/proc``).

Time is reported, not asserted (``-s`` prints it; it is also a ``record_property`` of each test): the
bound comes from the readers, which stop by construction (``yusuan.readers.pdf.MAX_PAGES``,
``MAX_GLYPHS``, ``MAX_SECONDS``; ``_office_package.MAX_PART_BYTES``), and the tests below check those
stops structurally (pages visited, parts refused unread). The subprocesses have a 60 s timeout only
as a guard against a hang.

Already covered elsewhere and not repeated: empty, binary, missing and directory inputs
(test_bad_input.py); PDFs that are encrypted, have no pages, or are damaged in the middle
(test_reader_pdf.py); damaged numbering parts and hidden sheets (test_reader_docx.py,
test_reader_xlsx.py). Those tests call the readers in-process; here every case goes through the CLI
and the API in a process of its own, with its memory measured.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from test_reader_pdf_synthetic import Builder
from yusuan.errors import UnreadableError
from yusuan.layout import Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.readers import read_layout

from helpers.office_docs import minimal_docx, rewrite_zip, to_docx

MAX_RSS_MB = 300
HANG_GUARD_S = 60

# ----- the files ----------------------------------------------------------------------------------


def _pdf_with_text(pages: int = 8) -> bytes:
    builder = Builder()
    for n in range(pages):
        page = builder.page()
        for k in range(30):
            builder.text(page, f"Page {n + 1} line {k + 1}: 2025 budget 1,234.56", 72, 760 - 20 * k)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    builder.pdf.save(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = _pdf_with_text()
    return data[: len(data) * 6 // 10]


def empty_pages_pdf(pages: int = 1000) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def zip_not_a_docx() -> bytes:
    """An EPUB-like archive named .docx."""
    return _zip({"mimetype": "application/epub+zip", "META-INF/container.xml": "<container/>",
                 "OEBPS/content.opf": "<package/>"})


def _small_docx() -> bytes:
    rows = [["项目", "预算数"]] + [[f"第{i}项支出", f"{i},234.56"] for i in range(1, 40)]
    table = TableBlock(rows=tuple(TableRow(cells=tuple(Cell(text=t, col=c) for c, t in enumerate(row)))
                                  for row in rows))
    return to_docx(Layout(path="x", format="text", blocks=[TextBlock(text="一、收支总表"), table]))


def truncated_docx_file() -> bytes:
    """A DOCX cut in the middle: the ZIP's directory (at its end) is gone."""
    data = _small_docx()
    return data[: len(data) // 2]


def truncated_document_xml() -> bytes:
    """A DOCX whose word/document.xml ends in the middle of the body (the ZIP itself is sound)."""
    body = "".join(f"<w:p><w:r><w:t>第{i}段 收支总表</w:t></w:r></w:p>" for i in range(200))
    return rewrite_zip(minimal_docx(body), "word/document.xml", lambda xml: xml[: len(xml) // 2])


def _workbook(build: Callable[[object], None]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    build(book)
    book.close()
    return out.getvalue()


def xlsx_empty_sheet() -> bytes:
    return _workbook(lambda book: book.add_worksheet("收支总表"))  # type: ignore[attr-defined]


def xlsx_text_only() -> bytes:
    def build(book: object) -> None:
        ws = book.add_worksheet()  # type: ignore[attr-defined]
        ws.write_string("A1", "2026年部门预算")
        ws.write_string("A3", "说明：本表无数据。")

    return _workbook(build)


def zip_with_a_workbook_part_that_is_not_one() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<html><body>不是工作簿</body></html>"})


def zip_without_a_workbook() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>",
                 "xl/styles.xml": "<styleSheet/>"})


# name, maker, words the one-line message must contain (Chinese and English)
CASES: list[tuple[str, Callable[[], bytes], tuple[str, ...]]] = [
    ("truncated.pdf", truncated_pdf, ("截断", "truncated")),
    ("empty-pages.pdf", empty_pages_pdf, ("没有可读的文字", "no readable text", "1000 pages")),
    ("not-a-docx.docx", zip_not_a_docx, ("不是 DOCX/XLSX", "not a DOCX or XLSX")),
    ("cut.docx", truncated_docx_file, ("DOCX 文件已损坏或不完整", "truncated")),
    ("document-xml-cut.docx", truncated_document_xml, ("word/document.xml", "截断", "cut short")),
    ("empty.xlsx", xlsx_empty_sheet, ("没有可读的表格", "no tables")),
    ("text-only.xlsx", xlsx_text_only, ("未找到部门预算的表格", "no budget tables")),
    ("not-a-workbook.xlsx", zip_with_a_workbook_part_that_is_not_one, ("不是 Excel 工作簿", "not an Excel workbook")),
    ("no-workbook.xlsx", zip_without_a_workbook, ("不是 DOCX/XLSX", "not a DOCX or XLSX")),
]
IDS = [name for name, _, _ in CASES]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("malformed")
    out = {}
    for name, make, _ in CASES:
        out[name] = directory / name
        out[name].write_bytes(make())
    return out


# ----- through the command line and the API, each in a process of its own ----------------------------

def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{text}"
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.parametrize(("name", "words"), [(n, w) for n, _, w in CASES], ids=IDS)
def test_cli_gives_one_line_and_exit_code_2(name: str, words: tuple[str, ...], files: dict[str, Path],
                                            record_property: Callable[[str, object], None]) -> None:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(files[name])],
                            capture_output=True, text=True, timeout=HANG_GUARD_S)
    seconds = time.monotonic() - started
    record_property("seconds", round(seconds, 2))
    print(f"{name}: CLI {seconds:.2f} s")
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    line = _one_line(result.stderr)
    assert line.startswith(str(files[name]) + ": ")
    for word in words:
        assert word in line


_API_PROBE = """
import json, resource, sys, time
started = time.monotonic()
from yusuan import load
from yusuan.errors import YusuanError
try:
    load(sys.argv[1])
    outcome = {"error": None}
except YusuanError as exc:
    outcome = {"error": type(exc).__name__, "message": str(exc), "exit_code": exc.exit_code}
outcome["seconds"] = time.monotonic() - started
try:  # this program's own peak: ru_maxrss carries the peak of the pytest process it was forked from
    with open("/proc/self/status") as status:
        outcome["max_rss_kb"] = next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:"))
except (OSError, StopIteration):
    outcome["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(outcome, ensure_ascii=False))
"""


@pytest.mark.parametrize(("name", "words"), [(n, w) for n, _, w in CASES], ids=IDS)
def test_api_raises_a_clear_error_in_bounded_memory(name: str, words: tuple[str, ...], files: dict[str, Path],
                                                    record_property: Callable[[str, object], None]) -> None:
    result = subprocess.run([sys.executable, "-c", _API_PROBE, str(files[name])],
                            capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    outcome = json.loads(result.stdout)
    rss_mb = outcome["max_rss_kb"] / 1024
    record_property("seconds", round(outcome["seconds"], 2))
    record_property("max_rss_mb", round(rss_mb, 1))
    print(f"{name}: API {outcome['seconds']:.2f} s, peak RSS {rss_mb:.0f} MB")
    assert outcome["error"] in ("UnreadableError", "NotADisclosureError"), outcome
    assert outcome["exit_code"] == 2
    message = outcome["message"]
    assert "\n" not in message and message.startswith(str(files[name]) + ": ")
    for word in words:
        assert word in message
    assert rss_mb < MAX_RSS_MB


# ----- the bounds are structural ---------------------------------------------------------------------

def test_every_page_is_visited_once_and_no_more_than_max_pages(monkeypatch: pytest.MonkeyPatch,
                                                               files: dict[str, Path]) -> None:
    """1,000 empty pages: each page is loaded once (and freed); with a lower page limit reading
    stops there, and the error still says what the file is."""
    from yusuan.readers import pdf

    visited: list[int] = []
    read_one = pdf._read_one

    def counting(doc: object, index: int, read_page: object) -> object:
        visited.append(index)
        return read_one(doc, index, read_page)

    monkeypatch.setattr(pdf, "_read_one", counting)
    with pytest.raises(UnreadableError, match="1000 pages"):
        read_layout(files["empty-pages.pdf"])
    assert visited == list(range(1000))

    visited.clear()
    monkeypatch.setattr(pdf, "MAX_PAGES", 50)
    with pytest.raises(UnreadableError, match="1000 pages"):
        read_layout(files["empty-pages.pdf"])
    assert visited == list(range(50))


def test_a_part_too_large_to_parse_is_refused_unread(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The uncompressed size of a DOCX/XLSX part is checked before it is read, so a small file that
    inflates to a huge part (a ZIP bomb) costs nothing: here 20 MB of XML compressed to ~20 KB,
    against a limit lowered to 1 MB."""
    from yusuan.readers import _office_package

    body = "<w:p><w:r><w:t>收支总表</w:t></w:r></w:p>" + " " * 20_000_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(minimal_docx(body))
    assert path.stat().st_size < 100_000
    reads: list[str] = []
    real_read = zipfile.ZipFile.read

    def spy(self: zipfile.ZipFile, name: object, pwd: bytes | None = None) -> bytes:
        reads.append(getattr(name, "filename", str(name)))
        return real_read(self, name, pwd)  # type: ignore[arg-type]

    monkeypatch.setattr(_office_package, "MAX_PART_BYTES", 1_000_000)
    monkeypatch.setattr(zipfile.ZipFile, "read", spy)
    with pytest.raises(UnreadableError, match="too large") as err:
        read_layout(path)
    assert "word/document.xml" not in reads
    assert "\n" not in str(err.value) and "过大" in str(err.value)
