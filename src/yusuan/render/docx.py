"""DOCX through python-docx, looking like an official document.

A4 portrait (landscape throughout for the Shanghai template) with 公文-like margins; body in 仿宋 (or
its fallback, see :mod:`.fonts`) at 四号 (Shanghai: 12 pt, no page numbers) with a two-character
first-line indent; headings in 黑体; tables in 宋体 小五 with a full grid, header rows
repeated on every page (``w:tblHeader``) and rows that do not split across pages (``w:cantSplit``);
wide tables on landscape sections; page numbers ``— N —`` in the footer. The East Asian font is set
explicitly (``w:eastAsia``) with language zh-CN so LibreOffice and Word pick simplified glyphs.

python-docx's ``table.cell(r, c)`` rebuilds the cell list on every call, so rows are filled through
``row.cells`` once per row and only merges use ``table.cell``.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from yusuan.render.document import Cell, Document, Heading, PageBreak, Paragraph, TableBlock
from yusuan.render.fit import fit
from yusuan.render.fonts import Fonts, choose

A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"top": Cm(3.0), "bottom": Cm(2.5), "left": Cm(2.6), "right": Cm(2.4)}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
_HEADING_SIZES = {0: 22, 1: 16, 2: 14, 3: 14}


def _east_asian(element: object, east: str, latin: str) -> None:
    """Set the Latin and East Asian font of a style or run element, and zh-CN as its language."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", latin)):
        fonts.set(qn(attr), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: object, fonts: Fonts, body_pt: float = 14, line_spacing: float = 1.5) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.size = Pt(body_pt)
    _east_asian(normal.element, fonts.body, fonts.latin)
    pf = normal.paragraph_format
    pf.first_line_indent = Pt(2 * body_pt)
    pf.line_spacing = line_spacing
    pf.space_after = Pt(0)
    table = styles.add_style("YusuanTable", 1)
    table.base_style = normal
    table.font.size = Pt(9)
    _east_asian(table.element, fonts.table, fonts.latin)
    tf = table.paragraph_format
    tf.first_line_indent = Pt(0)
    tf.line_spacing = 1.0
    contents = styles.add_style("YusuanContents", 1)
    contents.base_style = normal
    contents.font.size = Pt(12)
    cf = contents.paragraph_format
    cf.first_line_indent = Pt(0)
    cf.line_spacing = 1.15
    sub = styles.add_style("YusuanContentsSub", 1)
    sub.base_style = contents
    sub.paragraph_format.left_indent = Pt(36)
    center = styles.add_style("YusuanCenter", 1)
    center.base_style = normal
    center.paragraph_format.first_line_indent = Pt(0)
    center.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    center.paragraph_format.space_before = Pt(48)
    for level, size in _HEADING_SIZES.items():
        st = styles.add_style(f"YusuanHeading{level}", 1)
        st.base_style = normal
        st.font.size = Pt(size)
        st.font.bold = level != 3
        # Headings set digits in the heading face too (a serif "2026" in a 黑体 title looks patched).
        face = fonts.heading if level < 3 else fonts.body
        _east_asian(st.element, face, face if level < 3 else fonts.latin)
        hf = st.paragraph_format
        hf.first_line_indent = Pt(0) if level < 2 else Pt(28)
        hf.space_before = Pt(12 if level < 3 else 6)
        hf.space_after = Pt(6)
        hf.keep_with_next = True
        if level <= 1:
            hf.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_number(paragraph: DocxParagraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    paragraph.add_run(" —")


def _setup_section(section: object, landscape: bool) -> None:
    s = section
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    w, h = A4
    s.page_width, s.page_height = (h, w) if landscape else (w, h)  # type: ignore[attr-defined]
    for side, value in MARGINS.items():
        setattr(s, f"{side}_margin", value)


def _text_width(section: object) -> int:
    s = section
    return int(s.page_width - s.left_margin - s.right_margin)  # type: ignore[attr-defined]


def _el(tag: str, **attrs: str) -> object:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _cell_xml(c: Cell, width: int, vmerge: str | None, half_points: int | None) -> object:
    """A ``w:tc`` built directly: python-docx's cell API is quadratic on large tables."""
    tc = _el("w:tc")
    pr = _el("w:tcPr")
    pr.append(_el("w:tcW", w=str(width), type="dxa"))  # type: ignore[attr-defined]
    if c.colspan > 1:
        pr.append(_el("w:gridSpan", val=str(c.colspan)))  # type: ignore[attr-defined]
    if vmerge == "restart":
        pr.append(_el("w:vMerge", val="restart"))  # type: ignore[attr-defined]
    elif vmerge == "continue":
        pr.append(_el("w:vMerge"))  # type: ignore[attr-defined]
    pr.append(_el("w:vAlign", val="center"))  # type: ignore[attr-defined]
    tc.append(pr)  # type: ignore[attr-defined]
    parts = c.text.split("\n") if c.text and vmerge != "continue" else [""]
    for part in parts:
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", val="YusuanTable"))  # type: ignore[attr-defined]
        ppr.append(_el("w:jc", val={"right": "right", "center": "center"}.get(c.align, "left")))  # type: ignore[attr-defined]
        p.append(ppr)  # type: ignore[attr-defined]
        if part:
            r = _el("w:r")
            if c.bold or half_points:
                rpr = _el("w:rPr")
                if c.bold:
                    rpr.append(_el("w:b"))  # type: ignore[attr-defined]
                if half_points:
                    rpr.append(_el("w:sz", val=str(half_points)))  # type: ignore[attr-defined]
                    rpr.append(_el("w:szCs", val=str(half_points)))  # type: ignore[attr-defined]
                r.append(rpr)  # type: ignore[attr-defined]
            t = _el("w:t")
            t.set(qn("xml:space"), "preserve")  # type: ignore[attr-defined]
            t.text = part  # type: ignore[attr-defined]
            r.append(t)  # type: ignore[attr-defined]
            p.append(r)  # type: ignore[attr-defined]
        tc.append(p)  # type: ignore[attr-defined]
    return tc


def _table(doc: object, t: TableBlock, width: int) -> None:
    rows = t.grid.header + t.grid.body
    cols = t.grid.width
    if not rows or not cols:
        return
    table = doc.add_table(rows=0, cols=cols)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    available_pt = width / 12700
    half_points = None
    if t.form:
        total = sum(t.grid.widths) or 1.0
        widths_pt = [available_pt * w / total for w in (t.grid.widths or [1.0] * cols)]
    else:
        widths_pt, font = fit(t.grid, available_pt)
        half_points = round(font * 2) if font < 9 else None
    twips = [int(w * 20) for w in widths_pt]
    twips += [twips[-1]] * (cols - len(twips))
    margins = _el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w="40", type="dxa"))  # type: ignore[attr-defined]  # 2 pt
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # schema order: tblCellMar comes before tblLook
    else:
        table._tbl.tblPr.append(margins)
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        gc.set(qn("w:w"), str(w))
    # Vertical merges: which grid cells continue a merge started above.
    below: dict[tuple[int, int], Cell] = {}
    for ri, row in enumerate(rows):
        for ci, c in enumerate(row):
            if not c.covered and c.rowspan > 1:
                for r in range(ri + 1, min(ri + c.rowspan, len(rows))):
                    below[(r, ci)] = c
    for ri, row in enumerate(rows):
        tr = _el("w:tr")
        tr_pr = _el("w:trPr")
        if ri < len(t.grid.header):
            tr_pr.append(_el("w:tblHeader", val="true"))  # type: ignore[attr-defined]  # repeated on every page
        tr_pr.append(_el("w:cantSplit", val="true"))  # type: ignore[attr-defined]
        tr.append(tr_pr)  # type: ignore[attr-defined]
        ci = 0
        while ci < min(len(row), cols):
            c = row[ci]
            top = below.get((ri, ci))
            if top is not None:
                tr.append(_cell_xml(top, sum(twips[ci:ci + top.colspan]), "continue", half_points))  # type: ignore[attr-defined]
                ci += max(top.colspan, 1)
                continue
            if c.covered:
                ci += 1  # covered by a horizontal merge to its left
                continue
            span = min(max(c.colspan, 1), cols - ci)
            vm = "restart" if c.rowspan > 1 else None
            tr.append(_cell_xml(c, sum(twips[ci:ci + span]), vm, half_points))  # type: ignore[attr-defined]
            ci += span
        table._tbl.append(tr)


def _para(doc: object, text: str, style: str, brk: bool, align: WD_ALIGN_PARAGRAPH | None = None) -> DocxParagraph:
    p = doc.add_paragraph(text)  # type: ignore[attr-defined]
    p._p.get_or_add_pPr().insert(0, _el("w:pStyle", val=style))  # style id, no name lookup per paragraph
    if brk:
        p.paragraph_format.page_break_before = True
    if align is not None:
        p.alignment = align
    return p


def _table_titles(doc: object, t: TableBlock, brk: bool, width: int) -> None:
    if t.number:
        p = _para(doc, f"表 {t.number}", "YusuanHeading3", brk)
        p.paragraph_format.first_line_indent = Pt(0)
        brk = False
    _para(doc, t.subtitle if t.form and t.subtitle else t.name, "YusuanHeading1", brk)
    scope = t.scope_line or ""
    unit = f"单位：{t.unit}" if t.unit else ""
    if scope or unit:
        p = _para(doc, "", "YusuanTable", False)
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(f"{scope}\t{unit}" if scope else f"\t{unit}")


# A number must not begin a line of running text: the PDF reader gives each printed line as a text
# line, and a line beginning ``30.40万元`` reads like an enumerated item (``30.``), which separates
# the amount from its subject. For the PDF the DOCX glues every number to the character before it
# with U+2060 WORD JOINER (a space before a number becomes a no-break space). Both are invisible and
# do not appear in the PDF's extracted text; the DOCX that is published itself is written without them.
# Used for the Shanghai template (``Document.glue_numbers``); the Wuhan PDFs are laid out as before.
_BEFORE_NUMBER = re.compile(r"(?<=[^\s\d.,])(?=\d)")
_SPACE_BEFORE_NUMBER = re.compile(r"(?<=\S) (?=\d)")


def glue_numbers(text: str) -> str:
    return _BEFORE_NUMBER.sub("\u2060", _SPACE_BEFORE_NUMBER.sub("\u00a0", text))


def write_docx(document: Document, out: Path, for_pdf: bool = False) -> None:
    for_pdf = for_pdf and document.glue_numbers
    fonts = choose()
    doc = new_docx()
    _styles(doc, fonts, document.body_pt, document.line_spacing)
    section = doc.sections[0]
    landscape = document.landscape
    _setup_section(section, landscape=landscape)
    if document.page_numbers:
        _page_number(section.footer.paragraphs[0])
    pending_break = False
    for b in document.blocks:
        if isinstance(b, PageBreak):
            pending_break = True
            continue
        wanted = document.landscape or (isinstance(b, TableBlock) and b.landscape)
        if wanted != landscape:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, landscape=wanted)
            landscape, pending_break = wanted, False
        if isinstance(b, Heading):
            p = _para(doc, glue_numbers(b.text) if for_pdf else b.text, f"YusuanHeading{min(b.level, 3)}",
                      pending_break)
            if b.level == 0:
                p.paragraph_format.space_before = Pt(180)
        elif isinstance(b, Paragraph):
            style = {"contents": "YusuanContents", "contents-sub": "YusuanContentsSub",
                     "center": "YusuanCenter"}.get(b.style, "Normal")
            _para(doc, glue_numbers(b.text) if for_pdf and b.style == "body" else b.text, style, pending_break)
        elif isinstance(b, TableBlock):
            width = _text_width(section)
            _table_titles(doc, b, pending_break, width)
            _table(doc, b, width)
            for note in b.notes:
                _para(doc, note, "YusuanTable", False)
        pending_break = False
    doc.core_properties.title = document.title
    doc.core_properties.author = document.department
    doc.save(str(out))
