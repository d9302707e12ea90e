"""What each format must look like: A4, repeated table heads, CJK fonts embedded, numbers as numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from test_render_support import soffice_available, write_format

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("formats")


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_docx_is_a4_with_repeated_headers_landscape_wide_tables_and_page_numbers(out_dir: Path) -> None:
    from docx import Document

    path = write_format("qiaokou", "docx", out_dir)
    doc = Document(str(path))
    first = doc.sections[0]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert any(s.page_width > s.page_height for s in doc.sections)  # 收入总表 (19 columns) is landscape
    xml = _document_xml(path)
    # every standard table's header rows repeat on each page; 14 project sheets + table 11 are forms
    assert xml.count("<w:tblHeader") >= 2 * 5 + 8
    assert "<w:cantSplit" in xml
    footer = "".join(p._p.xml for p in first.footer.paragraphs)
    assert "PAGE" in footer
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert re.search(r'w:eastAsia="[^"]*(仿宋|FangSong|Fandol|Noto Serif CJK SC)', styles)
    assert 'w:eastAsia="zh-CN"' in styles  # simplified glyph forms (see render/fonts.py)


def test_xlsx_has_a_sheet_per_table_and_numbers_with_printed_precision(out_dir: Path) -> None:
    from openpyxl import load_workbook

    path = write_format("hanyang", "xlsx", out_dir)
    wb = load_workbook(path)
    assert {"表2", "表3", "表5-1", "表10", "表12-1", "第三部分", "第四部分"} <= set(wb.sheetnames)
    ws = wb["表3"]
    numbers = [c for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert numbers and all(c.number_format == "#,##0.00" for c in numbers)
    assert any(abs(c.value - 2041.02) < 1e-9 for c in numbers)


def test_html_is_self_contained_with_print_css(out_dir: Path) -> None:
    html = write_format("example", "html", out_dir).read_text(encoding="utf-8")
    assert "@page" in html and "table-header-group" in html and "<thead>" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html


@pytest.mark.skipif(not soffice_available() or shutil.which("pdffonts") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_pdf_embeds_every_font(out_dir: Path) -> None:
    from yusuan.render.pdf import embedded_fonts

    path = write_format("example", "pdf", out_dir)
    fonts = embedded_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info


@pytest.mark.skipif(not soffice_available() or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_pdf_uses_simplified_chinese_glyph_forms(tmp_path: Path) -> None:
    """直 differs between the JP and SC faces of Noto Serif CJK; the PDF must show the SC form."""
    pytest.importorskip("PIL")
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    from yusuan.render.document import Document, Paragraph
    from yusuan.render.pdf import write_pdf

    ttc = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not ttc.exists():
        pytest.skip("fonts-noto-cjk is not installed")
    pdf = tmp_path / "glyph.pdf"
    write_pdf(Document(title="t", department="d", year=2026, blocks=[Paragraph("直")]), pdf)
    subprocess.run(["pdftoppm", "-r", "600", "-f", "1", "-l", "1", "-gray", "-png", str(pdf), str(tmp_path / "p")],
                   check=True, capture_output=True)
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    bottom = page.crop((0, 0, page.width, page.height * 9 // 10))  # leave out the page number
    glyph = bottom.crop(ImageChops.invert(bottom).getbbox())

    def reference(index: int) -> Image.Image:
        im = Image.new("L", (400, 400), 255)
        ImageDraw.Draw(im).text((20, 20), "直", font=ImageFont.truetype(str(ttc), 300, index=index), fill=0)
        return im.crop(ImageChops.invert(im).getbbox()).resize(glyph.size)

    def distance(ref: Image.Image) -> int:
        return sum(ImageChops.difference(glyph, ref).histogram()[i] * i for i in range(256))

    assert distance(reference(2)) < distance(reference(0))  # face 2 is SC, face 0 is JP
