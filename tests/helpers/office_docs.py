"""Test-only writers: a layout written out as DOCX, XLSX or HTML, so a reader can be checked by reading
the document back and comparing with the layout it came from. Nothing here is shipped.

Merged cells: the writers merge header cells where the layout leaves the covered cells empty (a two-
level header such as ``基本支出 | "" | ""`` over ``小计 | 人员经费 | 公用经费``), so reading back must
produce the same texts while exercising real gridSpan/vMerge, merged ranges and rowspan/colspan.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from yusuan.layout import Layout, TableBlock, TextBlock

_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.(\d+)$|^-?\d{1,3}(,\d{3})+$")
_PERCENT = re.compile(r"^-?\d+(\.(\d+))?%$")


def header_rows(texts: list[list[str]]) -> int:
    """Number of header rows of a table: the rows before the first amount, at most three."""
    header = 0
    for row in texts:
        if any(_AMOUNT.match(t) for t in row):
            break
        header += 1
    return min(header, 3)


def header_merges(texts: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """(row0, col0, row1, col1) merges for the header rows of a table (rows before the first amount).

    Horizontal: a label followed by empty cells whose next row has sub-labels. Vertical: a label over
    empty cells in the rows below it within the header. Only empty cells are ever covered.
    """
    header = header_rows(texts)
    if header < 2 or header >= len(texts):
        return []
    used: set[tuple[int, int]] = set()
    merges: list[tuple[int, int, int, int]] = []
    for r in range(header - 1):
        row, below = texts[r], texts[r + 1]
        for c, text in enumerate(row):
            if not text or (r, c) in used:
                continue
            end = c
            while end + 1 < len(row) and not row[end + 1] and end + 1 < len(below) and below[end + 1] \
                    and (r, end + 1) not in used:
                end += 1
            if end > c:
                merges.append((r, c, r, end))
                used.update((r, k) for k in range(c, end + 1))
                continue
            bottom = r
            while bottom + 1 < header and c < len(texts[bottom + 1]) and not texts[bottom + 1][c] \
                    and (bottom + 1, c) not in used:
                bottom += 1
            if bottom > r:
                merges.append((r, c, bottom, c))
                used.update((k, c) for k in range(r, bottom + 1))
    return merges


def _table_texts(block: TableBlock) -> list[list[str]]:
    width = block.width
    return [[c.text for c in row.cells] + [""] * (width - len(row.cells)) for row in block.rows]


# ----- DOCX ------------------------------------------------------------------------------------

def _add_run(p, text: str, size: float | None = None) -> None:  # type: ignore[no-untyped-def]
    """``<w:r><w:t>line</w:t><w:br/><w:t>line</w:t></w:r>``, as python-docx's ``cell.text`` writes it
    (with ``<w:rPr><w:sz/></w:rPr>`` for a font ``size`` in points)."""
    from docx.oxml.ns import qn
    from lxml import etree

    run = etree.SubElement(p, qn("w:r"))
    if size is not None:
        rpr = etree.SubElement(run, qn("w:rPr"))
        etree.SubElement(rpr, qn("w:sz"), {qn("w:val"): str(round(size * 2))})
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, qn("w:br"))
        t = etree.SubElement(run, qn("w:t"))
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


_PAGE = (842.0, 1191.0)  # A3 portrait, points
_MARGIN = 54.0
_TABLE_PT = 9.0  # table text size
_CELL_PADDING_PT = 11.0  # Word's default cell margins, both sides
_WRAP_EM = 16.0  # a text column wider than this many characters wraps


def _em(text: str) -> float:
    """Printed width of a line in em: Chinese characters are square, digits and Latin narrower."""
    return sum(1.0 if ch >= "\u2e80" else 0.64 for ch in text)


def column_widths(texts: list[list[str]], available: float) -> list[float]:
    """Column widths (points) as a person sizes them: amounts and codes on one line, text columns
    up to :data:`_WRAP_EM` characters and wrapping beyond, header labels of up to four characters
    whole; squeezed to ``available`` when that is too much (then cells wrap)."""
    width = max((len(r) for r in texts), default=1)
    header = header_rows(texts)
    hard, soft = [2.0] * width, [0.0] * width
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            if not text:
                continue
            w = max(_em(line) for line in text.split("\n"))
            if r < header:
                hard[c] = max(hard[c], min(w, 4.0))
            elif text.isascii() and " " not in text:
                hard[c] = max(hard[c], w)
            else:
                soft[c] = max(soft[c], w)
    ems = [max(h, min(s, _WRAP_EM)) for h, s in zip(hard, soft, strict=True)]
    room = available - _CELL_PADDING_PT * width
    if sum(ems) * _TABLE_PT > room:
        # Narrow the wrapping columns first, down to four characters; then everything.
        floor = [max(h, min(e, 4.0)) for h, e in zip(hard, ems, strict=True)]
        spare = sum(ems) - sum(floor)
        excess = sum(ems) - room / _TABLE_PT
        if spare > 0:
            k = min(1.0, excess / spare)
            ems = [e - (e - f) * k for e, f in zip(ems, floor, strict=True)]
        if sum(ems) * _TABLE_PT > room:
            ems = [e * room / _TABLE_PT / sum(ems) for e in ems]
    else:
        # Room to spare goes to the wrapping columns, up to their longest line.
        want = [max(e, s) - e for e, s in zip(ems, soft, strict=True)]
        spare = room / _TABLE_PT - sum(ems)
        if sum(want) > 0:
            k = min(1.0, spare / sum(want))
            ems = [e + w * k for e, w in zip(ems, want, strict=True)]
    return [e * _TABLE_PT + _CELL_PADDING_PT for e in ems]


def _set_widths(tbl, widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Fixed column widths on the grid, the table and every cell (twentieths of a point)."""
    from docx.oxml.ns import qn
    from lxml import etree

    twips = [round(w * 20) for w in widths]
    for col, w in zip(tbl.tblGrid.gridCol_lst, twips, strict=False):
        col.set(qn("w:w"), str(w))
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))  # python-docx writes one (auto); keep it in its schema place
    if tbl_w is None:
        tbl_w = etree.SubElement(tbl_pr, qn("w:tblW"))
    tbl_w.set(qn("w:w"), str(sum(twips)))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_pr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    for tr in tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc.get_or_add_tcPr().get_or_add_tcW().set(qn("w:w"), str(sum(twips[col:col + tc.grid_span])))
            tc.tcPr.tcW.set(qn("w:type"), "dxa")
            col += tc.grid_span


def to_docx(layout: Layout) -> bytes:
    """python-docx writes the document and makes the merges (gridSpan / vMerge as Word writes them).
    Cells are reached through python-docx's oxml layer and filled with lxml: ``table.cell()`` and
    ``cell.text`` recompute the grid and run xpath on every call, which made this writer take seconds.

    Laid out for publishing, so that the PDF made from it (:func:`to_pdf`) is like a published one:
    single-spaced paragraphs; tables ruled (the template's "Table Grid" style) in 9 pt with columns
    sized to their content (:func:`column_widths`); two tables in a row kept apart by an empty
    paragraph (Word shows adjacent tables as one table, with the columns of both); rows that do not
    break across pages (``w:cantSplit``): the two halves of a broken row print as two rows
    (``13,260.0`` at the foot of one page, ``0`` at the head of the next) that nothing in a PDF tells
    apart from two rows (a row taller than a page still breaks). The pages are A3 portrait, wide
    enough for the widest table at 9 pt: landscape sections for wide tables would be the published
    way, but LibreOffice 7 loses the last rows of a table that ends at a section break falling on a
    page break (the 长期绩效目标表 of Qiaokou's 表12-6 vanished from the PDF)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(0), 1.0
    section = document.sections[0]
    section.page_width, section.page_height = Pt(_PAGE[0]), Pt(_PAGE[1])
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Pt(_MARGIN)
    available = _PAGE[0] - 2 * _MARGIN
    previous_table = False
    for block in layout.blocks:
        if isinstance(block, TextBlock):
            document.add_paragraph(block.text)
            previous_table = False
            continue
        texts = _table_texts(block)
        widths = column_widths(texts, available)
        if previous_table:
            document.add_paragraph()
        previous_table = True
        tbl = document.add_table(rows=len(texts), cols=max(1, block.width), style="Table Grid")._tbl
        for r0, c0, r1, c1 in header_merges(texts):
            tbl.tr_lst[r0].tc_at_grid_offset(c0).merge(tbl.tr_lst[r1].tc_at_grid_offset(c1))
        _set_widths(tbl, widths)
        for r, tr in enumerate(tbl.tr_lst):
            tr.get_or_add_trPr().append(tr.makeelement(qn("w:cantSplit"), {}))
            col = 0
            for tc in tr.tc_lst:
                text = texts[r][col] if tc.vMerge != "continue" else ""
                if text:
                    _add_run(tc.p_lst[0], text, size=_TABLE_PT)
                col += tc.grid_span
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice() -> str | None:
    """LibreOffice's command (``YUSUAN_SOFFICE`` overrides), or None when it is not installed."""
    import os
    import shutil

    return os.environ.get("YUSUAN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def to_pdfs(layouts: dict[str, Layout], directory: Path, timeout: float = 600) -> dict[str, Path]:
    """Layouts as PDFs: each :func:`to_docx` converted by ``soffice --headless --convert-to pdf``
    into ``directory``, all in one LibreOffice run (starting LibreOffice costs seconds; on two cores
    one run converts three documents faster than three runs side by side), with a LibreOffice
    profile of its own in ``directory`` so that a user's LibreOffice or another test's run does not
    take the request. Returns name → PDF; raises RuntimeError when LibreOffice fails."""
    import subprocess

    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    docx_paths = []
    for name, layout in layouts.items():
        docx_paths.append(directory / f"{name}.docx")
        docx_paths[-1].write_bytes(to_docx(layout))
    profile = directory / ".soffice-profile"
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(directory), *map(str, docx_paths)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    pdfs = {name: directory / f"{name}.pdf" for name in layouts}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout).strip()[-500:]
        raise RuntimeError(f"LibreOffice failed ({proc.returncode}, no PDF for {missing}): {detail}")
    return pdfs


def to_pdf(layout: Layout, directory: Path, name: str = "document") -> Path:
    """The layout as a PDF made by LibreOffice from :func:`to_docx` (see :func:`to_pdfs`)."""
    return to_pdfs({name: layout}, directory)[name]


# ----- XLSX ------------------------------------------------------------------------------------

def _number(text: str) -> tuple[float, str] | None:
    """A printed amount as (value, number format) so the spreadsheet prints it the same way."""
    m = _AMOUNT.match(text)
    if m:
        decimals = len(text.rsplit(".", 1)[1]) if "." in text else 0
        grouping = "#,##0" if "," in text else "0"
        fmt = grouping + ("." + "0" * decimals if decimals else "")
        return float(text.replace(",", "")), fmt
    m = _PERCENT.match(text)
    if m:
        decimals = len(m.group(2) or "")
        return float(text[:-1]) / 100, "0" + ("." + "0" * decimals if decimals else "") + "%"
    return None


def to_xlsx(layout: Layout) -> bytes:
    """One sheet per table block; the text lines before it become title rows above its grid (the
    first merged across the grid, like ``收支总表``); text after the last table gets its own sheet.
    Table cells carry borders, title rows do not, as in real budget workbooks."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    border = book.add_format({"border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "align": "center"})
    formats: dict[str, object] = {}
    pending: list[str] = []
    n = 0

    def sheet_with_titles(width: int):  # type: ignore[no-untyped-def]
        nonlocal n
        n += 1
        ws = book.add_worksheet(f"表{n}")
        for r, text in enumerate(pending):
            if r == 0 and width > 1:
                # merge_range() would take "=…" for a formula: merge blank, then write the string.
                ws.merge_range(r, 0, r, width - 1, "", title)
                ws.write_string(r, 0, text, title)
            else:
                ws.write_string(r, 0, text)
        return ws, len(pending)

    for block in layout.blocks:
        if isinstance(block, TextBlock):
            pending.append(block.text)
            continue
        texts = _table_texts(block)
        ws, top = sheet_with_titles(block.width)
        pending = []
        for r, row in enumerate(texts):
            for c, text in enumerate(row):
                num = _number(text)
                if num is not None:
                    value, fmt = num
                    if fmt not in formats:
                        formats[fmt] = book.add_format({"border": 1, "num_format": fmt})
                    ws.write_number(top + r, c, value, formats[fmt])
                else:
                    ws.write_string(top + r, c, text, border)
        for r0, c0, r1, c1 in header_merges(texts):
            ws.merge_range(top + r0, c0, top + r1, c1, "", border)
            ws.write_string(top + r0, c0, texts[r0][c0], border)
    if pending:
        sheet_with_titles(1)
    book.close()
    return out.getvalue()


# ----- HTML ------------------------------------------------------------------------------------

def _cell_html(text: str) -> str:
    # Inline markup and entities a web page has, which the reader must flatten.
    lines = [html.escape(line) for line in text.split("\n")]
    return "<br>".join(f"<span>{line}</span>" if i % 2 else line for i, line in enumerate(lines))


def to_html(layout: Layout) -> str:
    parts = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>预算</title>',
             "<style>td { border: 1px solid }</style><script>var x = '<p>不是正文</p>';</script></head>",
             "<body><div class='article'>"]
    for block in layout.blocks:
        if isinstance(block, TextBlock):
            tag = "h2" if re.match(r"^第[一二三四]部分", block.text) else "p"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
            continue
        texts = _table_texts(block)
        covered: set[tuple[int, int]] = set()
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in header_merges(texts):
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
        parts.append("<table>")
        for r, row in enumerate(texts):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                attrs = ""
                if (r, c) in spans:
                    rs, cs = spans[(r, c)]
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                cells.append(f"<td{attrs}>{_cell_html(text)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</div></body></html>")
    return "\n".join(parts)


# ----- comparison ------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def flat(layout: Layout) -> list[tuple[str, ...]]:
    """The layout as comparable tuples: ("text", line) and ("row", cell, …) without trailing empty
    cells; blank rows and whitespace are dropped (they legitimately differ between formats)."""
    out: list[tuple[str, ...]] = []
    for block in layout.blocks:
        if isinstance(block, TextBlock):
            out.append(("text", _norm(block.text)))
            continue
        out.append(("table",))
        for row in block.rows:
            cells = [_norm(c.text) for c in row.cells]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                out.append(("row", *cells))
    return out


# ----- hand-made packages for focused tests ------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def minimal_docx(body_xml: str, numbering_xml: str | None = None, document_xml: str | None = None) -> bytes:
    """A DOCX package around ``body_xml`` (the children of ``w:body``), with optional numbering part.
    ``document_xml`` replaces the whole main part (to test damaged XML)."""
    import zipfile

    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships">' + ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' if numbering_xml else "")
                + "</Relationships>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
             'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    document = document_xml if document_xml is not None else (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/document.xml", document)
        if numbering_xml:
            zf.writestr("word/numbering.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{numbering_xml}'
                        "</w:numbering>")
    return out.getvalue()


def rewrite_zip(data: bytes, name: str, edit) -> bytes:  # type: ignore[no-untyped-def]
    """A copy of a package with part ``name`` replaced by ``edit(old_text)``."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == name:
                blob = edit(blob.decode("utf-8")).encode("utf-8")
            zf.writestr(info.filename, blob)
    return out.getvalue()


def assert_same_reading(original: Layout, read_back: Layout) -> None:
    """Same text lines and table rows, in the same order, and the same recognized key figures."""
    from yusuan.recognize import recognize
    from yusuan.summary import summarize

    a, b = flat(original), flat(read_back)
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    assert a == b, f"first difference at item {first}: {a[first:first + 2]} vs {b[first:first + 2]}"
    assert summarize(recognize(read_back)) == summarize(recognize(original))
