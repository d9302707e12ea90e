"""The PDF reader on the real Shanghai documents, and on broken, encrypted, empty and huge PDFs.

Expected structures were checked by rendering the pages (pdftoppm) and looking at them. Malformed
inputs are made at test time from the corpus or from scratch; nothing binary is committed.
"""

from __future__ import annotations

import collections
import hashlib
import io
import random
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from yusuan.errors import UnreadableError
from yusuan.layout import Layout, TableBlock, TextBlock
from yusuan.readers import read_layout
from yusuan.readers.pdf import read_pdf

from conftest import CORPUS

SHANGWU = CORPUS / "shanghai-putuo-shangwu-2025-dept-budget.pdf"
SHANGWU_UNIT = CORPUS / "shanghai-putuo-shangwu-2025-unit-budget.pdf"
BANGONGSHI = CORPUS / "shanghai-putuo-bangongshi-2025-dept-budget.pdf"
BANGONGSHI_UNIT = CORPUS / "shanghai-putuo-bangongshi-2025-unit-budget.pdf"
ALL = [SHANGWU, SHANGWU_UNIT, BANGONGSHI, BANGONGSHI_UNIT]

_skip_without_corpus = pytest.mark.skipif(not SHANGWU.exists(), reason="corpus not available")


def needs_corpus(test: Callable[..., None]) -> Callable[..., None]:
    """Marks a test that reads the real documents (``-m "not corpus"`` leaves it out)."""
    return pytest.mark.corpus(_skip_without_corpus(test))


@pytest.fixture(scope="module")
def layouts() -> dict[str, Layout]:
    if not SHANGWU.exists():
        pytest.skip("corpus not available")
    return {p.name: read_pdf(str(p), p.read_bytes()) for p in ALL}


@pytest.fixture(scope="module")
def shangwu(layouts: dict[str, Layout]) -> Layout:
    return layouts[SHANGWU.name]


def on_page(layout: Layout, page: int) -> list[TextBlock | TableBlock]:
    return [b for b in layout.blocks if b.page == page]


def table_on(layout: Layout, page: int) -> TableBlock:
    (table,) = [b for b in on_page(layout, page) if isinstance(b, TableBlock)]
    return table


def rows_of(table: TableBlock) -> list[list[str]]:
    return [r.texts() for r in table.rows]


# --- the Shanghai documents -------------------------------------------------------------------------


@needs_corpus
def test_income_table_keeps_split_codes_and_two_level_header(shangwu: Layout) -> None:
    """Page 10, 收入预算总表: 类/款/项 in separate columns under 功能分类科目编码, numbers as printed."""
    blocks = on_page(shangwu, 10)
    assert [(type(b).__name__, b.line) for b in blocks] == [
        ("TextBlock", 1),
        ("TextBlock", 2),
        ("TableBlock", 3),
    ]
    assert isinstance(blocks[0], TextBlock) and blocks[0].text == "2025年部门收入预算总表"
    assert isinstance(blocks[1], TextBlock) and blocks[1].text == "编制部门：上海市普陀区商务委员会 单位：元"
    table = table_on(shangwu, 10)
    rows = rows_of(table)
    assert rows[0] == ["项目", "", "", "", "收入预算", "", "", "", ""]
    assert rows[1] == [
        "功能分类科目编码",
        "",
        "",
        "功能分类科目名称",
        "合计",
        "财政拨款收入",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
    ]
    assert rows[2] == ["类", "款", "项", "", "", "", "", "", ""]
    assert [c.span for c in table.rows[1].cells[:4]] == [3, 1, 1, 1]
    assert ["201", "13", "01", "行政运行", "9,389,913.00", "9,389,913.00", "", "", ""] in rows
    assert rows[3] == ["201", "", "", "一般公共服务支出", "21,601,733.00", "21,601,733.00", "", "", ""]
    assert [r.line for r in table.rows] == list(range(3, 3 + len(table.rows)))
    assert all(r.page == 10 for r in table.rows)


@needs_corpus
def test_expenditure_table_continues_as_second_block(shangwu: Layout) -> None:
    """支出预算总表 runs from page 12 to 13; page 13 is one title-less table whose rows are rows.

    pypdfium2's plain text runs all of page 13 into one line; positions keep the rows apart.
    """
    first = table_on(shangwu, 12)
    assert rows_of(first)[1][:4] == ["功能分类科目编码", "", "", "功能分类科目名称"]
    page13 = on_page(shangwu, 13)
    assert len(page13) == 1 and isinstance(page13[0], TableBlock) and page13[0].line == 1
    rows = rows_of(page13[0])
    assert len(rows) == 17 and page13[0].width == first.width == 7
    assert rows[0] == ["208", "05", "06", "机关事业单位职业年金缴费支出", "705,443.00", "705,443.00", ""]
    assert rows[6] == ["215", "", "", "资源勘探工业信息等支出", "293,810,000.00", "", "293,810,000.00"]
    assert rows[-1] == ["合计", "", "", "", "371,514,655.00", "19,830,655.00", "351,684,000.00"]
    assert page13[0].rows[-1].cells[0].span == 4


@needs_corpus
def test_rows_that_plain_text_runs_together(layouts: dict[str, Layout]) -> None:
    """Pages where pypdfium2's text is one line: bangongshi pages 10, 12 and 19."""
    bgs = layouts[BANGONGSHI.name]
    assert rows_of(table_on(bgs, 10))[0] == [
        "210",
        "",
        "",
        "卫生健康支出",
        "1,097,073.43",
        "1,097,073.43",
        "",
        "",
        "",
    ]
    assert rows_of(table_on(bgs, 12))[-1] == [
        "合计",
        "",
        "",
        "",
        "91,016,775.35",
        "24,606,775.35",
        "66,410,000.00",
    ]
    assert rows_of(table_on(bgs, 19))[-1] == [
        "合计",
        "",
        "",
        "24,606,775.35",
        "22,473,997.81",
        "2,132,777.54",
    ]
    assert len(table_on(bgs, 19).rows) == 17


@needs_corpus
def test_three_public_table_in_wan(shangwu: Layout, layouts: dict[str, Layout]) -> None:
    """“三公”经费 table: a three-level header; the data row lands in the right columns."""
    blocks = on_page(shangwu, 21)
    assert isinstance(blocks[1], TextBlock) and blocks[1].text == "编制部门：上海市普陀区商务委员会 单位:万元"
    table = table_on(shangwu, 21)
    assert rows_of(table) == [
        ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "购置费", "运行费", ""],
        ["1.00", "", "1.00", "", "", "", "171.01"],
    ]
    assert [c.span for c in table.rows[0].cells] == [6, 1, 1, 1, 1, 1, 1]
    assert table.rows[1].cells[3].span == 3
    other = table_on(layouts[BANGONGSHI.name], 20)
    assert rows_of(other)[-1] == ["867.50", "839.00", "28.50", "", "", "", "213.28"]


@needs_corpus
def test_empty_table_then_its_note(shangwu: Layout) -> None:
    blocks = on_page(shangwu, 17)
    assert [type(b).__name__ for b in blocks] == ["TextBlock", "TextBlock", "TableBlock", "TextBlock"]
    table = blocks[2]
    assert isinstance(table, TableBlock)
    assert rows_of(table)[-1] == ["合计", "", "", "", "", "", ""]
    note = blocks[3]
    assert isinstance(note, TextBlock)
    assert note.text == "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"


@needs_corpus
def test_balance_table_two_sided(layouts: dict[str, Layout]) -> None:
    """财务收支预算总表: income on the left, expenditure on the right, one row per printed row."""
    rows = rows_of(table_on(layouts[SHANGWU.name], 9))
    assert rows[0] == ["本年收入", "", "本年支出", ""]
    assert rows[2] == ["一、财政拨款收入", "371,514,655.00", "一、一般公共服务支出", "21,601,733.00"]
    assert rows[-1] == ["收入总计", "371,514,655.00", "支出总计", "371,514,655.00"]
    # The unit version splits 预算数 into 合计 / 基本支出 (人员经费, 公用经费) / 项目支出.
    unit = rows_of(table_on(layouts[SHANGWU_UNIT.name], 9))
    assert unit[1] == ["项目", "预算数", "项目", "预算数", "", "", ""]
    assert unit[2] == ["", "", "", "合计", "基本支出", "", "项目支出"]
    assert unit[3] == ["", "", "", "", "人员经费", "公用经费", ""]
    assert unit[4][3:] == ["21,601,733.00", "10,823,891.00", "1,467,842.00", "9,310,000.00"]


@needs_corpus
def test_clipped_text_box_is_read_once(shangwu: Layout) -> None:
    """Pages 3–4 carry the whole 主要职能 text twice, clipped differently (WPS text boxes).

    Only the visible part of each page is read: page 3 stops at item 9, page 4 goes on from there.
    """
    p3 = [b.text for b in on_page(shangwu, 3) if isinstance(b, TextBlock)]
    p4 = [b.text for b in on_page(shangwu, 4) if isinstance(b, TextBlock)]
    assert p3[0] == "上海市普陀区商务委员会主要职能"
    assert p3[-1].startswith("9、组织协调本区商品交易市场规划")
    assert p4[0].startswith("应急机制，协调重要商品储备和市场调控")
    assert p4[-1] == "13、完成区委、区政府交办的其他任务。"
    items = [m.group(1) for t in p3 + p4 if (m := re.match(r"^(\d+)、", t))]
    assert items == [str(i) for i in range(1, 14)]


@needs_corpus
def test_prose_lines_in_reading_order(shangwu: Layout) -> None:
    texts = [b.text for b in on_page(shangwu, 22) if isinstance(b, TextBlock)]
    assert texts[:3] == [
        "其他相关情况说明",
        "一、2025年“三公”经费预算情况说明",
        "2025年“三公”经费预算数为1.00万元，与2024年预算持平。其中：",
    ]
    heads = [t for t in texts if re.match(r"^[一二三四五]、", t)]
    assert heads == [
        "一、2025年“三公”经费预算情况说明",
        "二、机关运行经费预算",
        "三、政府采购预算情况",
        "四、绩效目标设置情况",
        "五、国有资产占有使用情况",
    ]
    assert "2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。" in texts


@needs_corpus
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[len("shanghai-putuo-") : -len("-budget.pdf")])
def test_document_shape(path: Path, layouts: dict[str, Layout]) -> None:
    """Thirteen table blocks on pages 8/9–21 (nine tables, four running over a page) and the
    numbering conventions of the layout contract."""
    layout = layouts[path.name]
    assert layout.format == "pdf" and layout.pages in (21, 22, 26) and not layout.problems
    tables = layout.table_blocks()
    assert len(tables) == 13
    titles = [b.text for b in layout.text_blocks() if re.match(r"^2025年.*表$", b.text)]
    assert len(titles) == 9 and "三公" in titles[-1]
    by_page = collections.defaultdict(list)
    for b in layout.blocks:
        by_page[b.page].append(b)
    for page, blocks in by_page.items():
        lines = []
        for b in blocks:
            if isinstance(b, TableBlock):
                assert b.line == b.rows[0].line and b.page == page
                for r in b.rows:
                    assert [c.col for c in r.cells] == list(range(b.width)) and r.page == page
                    lines.append(r.line)
            else:
                assert b.text and "\n" not in b.text and b.text == b.text.strip()
                lines.append(b.line)
        assert lines == list(range(1, len(lines) + 1)), f"page {page}"
    numeric = re.compile(r"^[\d,.]+$")
    for t in tables:
        for r in t.rows:
            for c in r.cells:
                if numeric.match(c.text) and "." in c.text:
                    assert re.match(r"^\d{1,3}(,\d{3})*\.\d{2}$|^\d+\.\d{2}$", c.text), c.text


@needs_corpus
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[len("shanghai-putuo-") : -len("-budget.pdf")])
def test_every_character_read_once(path: Path, layouts: dict[str, Layout]) -> None:
    """Each non-space character of the text layer appears once in the layout, except text that
    is clipped away (the 主要职能 box of the shangwu documents, read once across pages 3 and 4)."""
    layout = layouts[path.name]
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        raw = [
            collections.Counter(ch for ch in p.get_textpage().get_text_range() if not ch.isspace())
            for p in doc
        ]
    finally:
        doc.close()
    got: list[collections.Counter[str]] = [collections.Counter() for _ in raw]
    for b in layout.blocks:
        assert b.page is not None
        texts = [b.text] if isinstance(b, TextBlock) else [c.text for r in b.rows for c in r.cells]
        for t in texts:
            got[b.page - 1].update(ch for ch in t if not ch.isspace())
    clipped = {3, 4} if "shangwu" in path.name else set()
    for i, (want, have) in enumerate(zip(raw, got, strict=True), start=1):
        if i not in clipped:
            assert have == want, f"page {i}"
    if clipped:
        assert got[2] + got[3] == raw[2]  # page 3's text layer holds the whole box once


@needs_corpus
def test_tables_agree_with_pdfplumber(shangwu: Layout) -> None:
    """Cross-check against pdfplumber's lattice tables (blank rows dropped, cell newlines joined)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SHANGWU) as pdf:
        for page in (9, 10, 13, 14, 19, 21):
            (theirs,) = pdf.pages[page - 1].extract_tables()
            expected = [[(c or "").replace("\n", "") for c in row] for row in theirs]
            assert rows_of(table_on(shangwu, page)) == [r for r in expected if any(r)], f"page {page}"


@needs_corpus
def test_read_layout_dispatches_pdf() -> None:
    layout = read_layout(SHANGWU)
    assert layout.format == "pdf" and layout.pages == 26 and len(layout.table_blocks()) == 13


# --- malformed input ----------------------------------------------------------------------------------


def one_line_error(data: bytes, name: str = "bad.pdf") -> str:
    with pytest.raises(UnreadableError) as exc:
        read_pdf(name, data)
    message = str(exc.value)
    assert "\n" not in message and message.startswith(name + ": ")
    return message


@needs_corpus
def test_truncated_pdf() -> None:
    data = SHANGWU.read_bytes()
    message = one_line_error(data[: len(data) // 2])
    assert "truncated" in message and "截断" in message


def test_garbage_after_pdf_header() -> None:
    message = one_line_error(b"%PDF-1.7\n" + bytes(range(256)) * 64)
    assert "not a valid PDF" in message


def test_not_a_pdf_at_all() -> None:
    one_line_error(b"hello, this is text")


@needs_corpus
def test_damaged_later_pages_keep_what_was_read() -> None:
    """Pages 21–26 of the shangwu PDF made unreadable (their page objects broken): pages 1–20 are
    read and a problem says where reading stopped."""
    data = bytearray(SHANGWU.read_bytes())
    starts = [m.start() for m in re.finditer(rb"\d+ 0 obj\r<</Contents", data)]
    assert len(starts) == 26
    for s in starts[20:]:
        e = data.index(b"obj", s)
        data[e : e + 3] = b"xxx"
    layout = read_pdf("damaged.pdf", bytes(data))
    assert layout.pages == 26
    assert max(b.page or 0 for b in layout.blocks) == 20
    assert len(layout.table_blocks()) == 12  # the 三公 table on page 21 is lost
    (problem,) = layout.problems
    assert problem.code == "read.damaged_pages" and problem.source is not None and problem.source.page == 21
    assert "21–26" in problem.message and "stopped at page 21" in problem.message


@needs_corpus
@pytest.mark.parametrize("seed", range(6))
def test_damaged_bytes_give_a_layout_or_one_line_error(seed: int) -> None:
    """Random damage (flipped bytes, overwritten runs, cut-out runs): never any other exception."""
    data = bytearray(BANGONGSHI.read_bytes())
    rng = random.Random(seed)
    for _ in range(1 + seed):
        at = rng.randrange(len(data))
        if seed % 3 == 0:
            data[at] = rng.randrange(256)
        elif seed % 3 == 1:
            data[at : at + 2000] = bytes(rng.randrange(256) for _ in range(2000))
        else:
            del data[at : at + rng.randrange(1, 20000)]
    try:
        layout = read_pdf("fuzzed.pdf", bytes(data))
    except UnreadableError as exc:
        assert "\n" not in str(exc)
    else:
        assert layout.format == "pdf"


def test_thousand_empty_pages() -> None:
    pdf = pdfium.PdfDocument.new()
    for _ in range(1000):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    message = one_line_error(out.getvalue(), "empty.pdf")
    assert "no text" in message and "没有可读的文字" in message and "1000" in message


def test_pdf_without_pages() -> None:
    message = one_line_error(_handmade_pdf(pages=0))
    assert "no pages" in message


def test_encrypted_with_user_password() -> None:
    message = one_line_error(_handmade_pdf(user=b"secret", owner=b"owner"))
    assert "encrypted" in message and "加密" in message


def test_encrypted_with_owner_password_only_is_read() -> None:
    """Permissions-only encryption (empty user password) is common in published PDFs: it opens."""
    layout = read_pdf("locked.pdf", _handmade_pdf(user=b"", owner=b"owner"))
    assert [b.text for b in layout.text_blocks()] == ["Budget 2025 (encrypted)"]


# A minimal PDF writer with the standard security handler (RC4, 40-bit, revision 2: PDF 1.7 §7.6.3),
# so that the tests need no encryption library.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _handmade_pdf(user: bytes | None = None, owner: bytes = b"", pages: int = 1) -> bytes:
    file_id = b"yusuan-test-0001"
    content = b"BT /F1 14 Tf 72 720 Td (Budget 2025 \\(encrypted\\)) Tj ET"
    encrypt = ""
    if user is not None:
        perms = -44
        o_entry = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
        key = hashlib.md5((user + _PAD)[:32] + o_entry + struct.pack("<i", perms) + file_id).digest()[:5]
        u_entry = _rc4(key, _PAD)
        content = _rc4(hashlib.md5(key + (5).to_bytes(3, "little") + b"\0\0").digest()[:10], content)
        encrypt = f"/Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{u_entry.hex()}> /P {perms}"
    kids = "[3 0 R]" if pages else "[]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids {kids} /Count {pages} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    if encrypt:
        objects.append(f"<< {encrypt} >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if encrypt:
        trailer += f" /Encrypt {len(objects)} 0 R"
    out += b"trailer\n" + trailer.encode() + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
