"""Reader for DOCX documents: body paragraphs and tables, in body order, as a layout.

The body XML is walked directly (lxml) instead of through python-docx's objects: the layout needs
grid columns of merged cells, covered cells, line breaks inside paragraphs and hidden runs, which
the object API hides, and a direct walk is faster to import and to run (see ``_office_package``).

* One :class:`TextBlock` per visual line: a paragraph is split at ``w:br`` / ``w:cr``.
* Tables are laid on their grid: ``w:gridSpan`` (horizontal) and ``w:vMerge`` (vertical) merges put
  the text in the first cell of the span and leave the covered cells present and empty;
  ``w:gridBefore`` / ``w:gridAfter`` become empty cells, so columns line up across rows.
* A nested table is flattened into its cell's text (one line per nested row), except that a one-cell
  table wrapping content (a layout frame) is unwrapped and its content read as body.
* Automatic list numbers (``一、``, ``（一）``, ``1.``) are printed text, so they are rendered.
* DOCX has no pages: ``page`` is ``None`` and ``line`` is the 1-based index of the block or table
  row in body order.
"""

from __future__ import annotations

from yusuan.errors import UnreadableError

try:
    from lxml import etree
except ImportError:  # a dependency, but a broken install should still give one line, not a traceback
    raise UnreadableError("读取 DOCX 需要安装 lxml / reading DOCX needs lxml (pip install lxml)") from None

from yusuan.layout import Block, Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.model.budget import Problem
from yusuan.model.figures import SourceRef
from yusuan.readers._office_numbering import Numbering, load_numbering
from yusuan.readers._office_package import main_part_name, open_zip, parse_xml, read_part
from yusuan.text.cjk import repair

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MATH, _MATH_T = frozenset({_M + "oMath", _M + "oMathPara"}), _M + "t"

_P, _TBL, _TR, _TC, _R, _T = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "t"
_SDT, _SDT_CONTENT, _CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_TXBX = W + "txbxContent"
_TAB, _PTAB, _TABS, _BR, _CR, _NBH = (W + "tab", W + "ptab", W + "tabs", W + "br", W + "cr", W + "noBreakHyphen")
_PPR = W + "pPr"
_RPR, _VANISH = W + "rPr", W + "vanish"
# Children of a paragraph and of a run that print nothing (field characters delimit a field's
# result, which is printed; its instruction text is not).
_PARAGRAPH_IGNORED = frozenset({_PPR, *(W + t for t in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
                                                         "permEnd", "commentRangeStart", "commentRangeEnd"))})
_RUN_IGNORED = frozenset(W + t for t in ("fldChar", "instrText", "lastRenderedPageBreak", "softHyphen",
                                         "commentReference", "annotationRef", "separator", "continuationSeparator"))
_TRPR, _TCPR, _DEL, _VAL = W + "trPr", W + "tcPr", W + "del", W + "val"
_GRID_SPAN, _GRID_BEFORE, _GRID_AFTER, _VMERGE, _HMERGE = (
    W + "gridSpan", W + "gridBefore", W + "gridAfter", W + "vMerge", W + "hMerge")
# Inline containers whose runs are printed text (links, tracked insertions, fields, smart tags).
_INLINE_CONTAINERS = frozenset(W + t for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml",
                                              "moveTo", "dir", "bdo"))
# Block containers whose paragraphs and tables are part of the body flow.
_BLOCK_CONTAINERS = frozenset(W + t for t in ("customXml", "ins", "moveTo"))
_FALSE = frozenset({"0", "false", "off"})
_WHAT = "DOCX"


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and (el.get(W + "val") or "true").lower() not in _FALSE


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + "val") or default)
    except ValueError:
        return default


class _Paragraph:
    """Text of one paragraph, with text boxes found in it kept aside to be read as body."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes: list[etree._Element] = []

    def inline(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self.run(child)
            elif tag in _INLINE_CONTAINERS:
                self.inline(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.inline(content)
            elif tag in _MATH:
                self.parts.extend(t.text or "" for t in child.iter(_MATH_T))
            # w:del / w:moveFrom (deleted text), bookmarks, proofing marks: not printed.

    def run(self, r: etree._Element) -> None:
        rpr = r.find(W + "rPr")
        if rpr is not None and _on(rpr.find(W + "vanish")):
            return  # hidden text is not printed
        for x in r:
            tag = x.tag
            if tag == _T:
                self.parts.append(x.text or "")
            elif tag in (_TAB, _PTAB):
                self.parts.append("\t")
            elif tag in (_BR, _CR):
                self.parts.append("\n")
            elif tag == _NBH:
                self.parts.append("-")
            elif tag == W + "sym":
                self.parts.append(_symbol(x))
            elif tag in (W + "drawing", W + "pict", _MC + "AlternateContent"):
                self.boxes.extend(_text_boxes(x))


def _simple_parts(p: etree._Element) -> list[str] | None:
    """Text of a plain paragraph, or ``None`` when it needs the full walk of :class:`_Paragraph`.

    Almost every paragraph of a disclosure is runs of text, tabs and breaks. This pass looks only at
    runs and skips the paragraph properties: every element visited costs an lxml proxy, and Word's
    ``w:pPr``/``w:rPr`` subtrees are most of a document's elements. Anything unusual (hidden text,
    links, fields, tracked changes, drawings, symbols) sends the paragraph to the full walk.
    """
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            for x in child:
                xtag = x.tag
                if xtag == _T:
                    parts.append(x.text or "")
                elif xtag == _RPR:
                    if x.find(_VANISH) is not None:
                        return None
                elif xtag in (_BR, _CR):
                    parts.append("\n")
                elif xtag in (_TAB, _PTAB):
                    parts.append("\t")
                elif xtag == _NBH:
                    parts.append("-")
                elif xtag not in _RUN_IGNORED:
                    return None
        elif tag not in _PARAGRAPH_IGNORED:
            return None
    return parts


def _symbol(el: etree._Element) -> str:
    # Symbol-font characters (F0xx) are private-use code points with no meaning as text.
    try:
        code = int(el.get(W + "char") or "", 16)
    except ValueError:
        return ""
    return "" if 0xE000 <= code <= 0xF8FF else chr(code)


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """Text-box contents in a drawing, once: AlternateContent's fallback repeats its choice."""
    if el.tag == _MC + "AlternateContent":
        choice = el.find(_MC + "Choice")
        el = choice if choice is not None else el
    return list(el.iter(_TXBX))


class _Reader:
    def __init__(self, numbering: Numbering | None) -> None:
        self.blocks: list[Block] = []
        self.count = 0
        self.numbering = numbering

    def next_line(self) -> int:
        self.count += 1
        return self.count

    # ----- body flow -----------------------------------------------------------------------

    def body(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.body(content)
            elif tag in _BLOCK_CONTAINERS:
                self.body(child)

    def paragraph_text(self, p: etree._Element) -> tuple[list[str], list[etree._Element]]:
        parts = _simple_parts(p)
        boxes: list[etree._Element] = []
        if parts is None:
            para = _Paragraph()
            para.inline(p)
            parts, boxes = para.parts, para.boxes
        lines = "".join(parts).split("\n")
        if self.numbering is not None and len(p) and p[0].tag == _PPR:
            label = self.numbering.label(p[0])
            if label and "".join(lines).strip():
                lines[0] = label + lines[0]
        return lines, boxes

    def paragraph(self, p: etree._Element) -> None:
        lines, boxes = self.paragraph_text(p)
        for raw in lines:
            text = repair(raw)
            if text:
                self.blocks.append(TextBlock(text=text, line=self.next_line()))
        for box in boxes:
            self.body(box)

    # ----- tables --------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> None:
        trs = _rows(tbl)
        wrapper = _single_cell(trs)
        if wrapper is not None and wrapper.find(f".//{_TBL}") is not None:
            self.body(wrapper)  # a one-cell frame around content: read the content as body
            return
        rows: list[TableRow] = []
        for tr in trs:
            trpr = next((x for x in tr if x.tag == _TRPR), None)
            if trpr is not None and any(x.tag == _DEL for x in trpr):
                continue  # a deleted row (tracked change)
            rows.append(TableRow(cells=tuple(self.row_cells(tr, trpr)), line=self.next_line()))
        if not rows or all(r.is_blank() for r in rows):
            return
        width = max(len(r.cells) for r in rows)
        rows = [_pad(r, width) for r in rows]
        self.blocks.append(TableBlock(rows=tuple(rows), line=rows[0].line))

    def row_cells(self, tr: etree._Element, trpr: etree._Element | None) -> list[Cell]:
        cells: list[Cell] = []
        before, after = _grid_before_after(trpr)
        cells.extend(Cell(text="", col=i) for i in range(before))
        for tc in _row_tcs(tr):
            span, covered, content = _tc_parts(tc)
            col = len(cells)
            if covered:
                cells.extend(Cell(text="", col=col + i) for i in range(span))
                continue
            raw = self.blocks_text(content)
            text = "\n".join(t for t in (repair(line) for line in raw.split("\n")) if t)
            cells.append(Cell(text=text, col=col, raw=raw, span=span))
            cells.extend(Cell(text="", col=col + i) for i in range(1, span))
        cells.extend(Cell(text="", col=len(cells) + i) for i in range(after))
        return cells

    def blocks_text(self, content: list[etree._Element]) -> str:
        """Paragraphs of a cell as lines; a nested table as one line per row."""
        lines: list[str] = []
        for child in content:
            if child.tag == _P:
                para_lines, boxes = self.paragraph_text(child)
                lines.extend(para_lines)
                for box in boxes:
                    lines.extend(self.blocks_text(_cell_blocks(box)).split("\n"))
            elif child.tag == _TBL:
                for tr in _rows(child):
                    texts = [" ".join(self.blocks_text(_tc_parts(t)[2]).split("\n")) for t in _row_tcs(tr)]
                    lines.append(" ".join(t for t in texts if t.strip()))
        return "\n".join(line for line in lines if line.strip())


def _grid_before_after(trpr: etree._Element | None) -> tuple[int, int]:
    """Empty grid columns before and after a row's cells (``w:gridBefore`` / ``w:gridAfter``)."""
    before = after = 0
    if trpr is not None:
        for x in trpr:
            if x.tag == _GRID_BEFORE:
                before = _int_attr(x, 0)
            elif x.tag == _GRID_AFTER:
                after = _int_attr(x, 0)
    return max(before, 0), max(after, 0)


def _tc_parts(tc: etree._Element) -> tuple[int, bool, list[etree._Element]]:
    """(grid span, covered, content blocks) of a cell in one pass over its children: every element
    visited costs an lxml proxy, which dominates the reading time of a table-heavy document."""
    span, covered = 1, False
    content: list[etree._Element] = []
    for child in tc:
        tag = child.tag
        if tag in (_P, _TBL):
            content.append(child)
        elif tag == _TCPR:
            for x in child:
                xtag = x.tag
                if xtag == _GRID_SPAN:
                    span = max(1, _int_attr(x, 1))
                elif xtag in (_VMERGE, _HMERGE):
                    # vMerge without val (or val="continue") continues the cell above; hMerge is the
                    # legacy horizontal merge. Either way the cell is covered: present and empty.
                    covered = covered or (x.get(_VAL) or "continue") == "continue"
        elif tag == _SDT or tag in _BLOCK_CONTAINERS:
            content.extend(_cell_blocks(child) if tag != _SDT else _cell_blocks(child.find(_SDT_CONTENT)))
    return span, covered, content


def _cell_blocks(el: etree._Element | None) -> list[etree._Element]:
    out: list[etree._Element] = []
    if el is None:
        return out
    for child in el:
        if child.tag in (_P, _TBL):
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_cell_blocks(content))
        elif child.tag in _BLOCK_CONTAINERS:
            out.extend(_cell_blocks(child))
    return out


def _rows(tbl: etree._Element) -> list[etree._Element]:
    """Rows of a table, including rows wrapped in content controls or custom XML."""
    out: list[etree._Element] = []
    for child in tbl:
        if child.tag == _TR:
            out.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                out.extend(_rows(content))
    return out


def _row_tcs(tr: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in tr:
        if child.tag == _TC:
            out.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                out.extend(_row_tcs(content))
    return out


def _single_cell(trs: list[etree._Element]) -> etree._Element | None:
    if len(trs) != 1:
        return None
    tcs = _row_tcs(trs[0])
    return tcs[0] if len(tcs) == 1 else None


def _pad(row: TableRow, width: int) -> TableRow:
    if len(row.cells) >= width:
        return row
    extra = tuple(Cell(text="", col=i) for i in range(len(row.cells), width))
    return TableRow(cells=row.cells + extra, line=row.line, page=row.page)


def read_docx(path: str, data: bytes) -> Layout:
    """Read a DOCX into a layout, or raise :class:`UnreadableError`."""
    zf = open_zip(path, data, _WHAT)
    part = main_part_name(zf, path, _WHAT, "word/document.xml")
    blob = read_part(zf, part, path, _WHAT)
    if blob is None:
        raise UnreadableError(f"{path}: 不是 Word 文档（缺少 {part}）/ not a Word document ({part} is missing)")
    root = parse_xml(blob, part, path, _WHAT)
    body = root.find(W + "body")
    if body is None:
        raise UnreadableError(f"{path}: Word 文档没有正文 / the Word document has no body")
    problems: list[Problem] = []
    try:
        numbering = load_numbering(zf, part, path)
    except UnreadableError as exc:
        # Damaged numbering costs the list labels only; the text and tables are still worth reading.
        numbering = None
        problems.append(Problem(code="docx.numbering", message=f"自动编号无法读取，标题可能缺少编号 / "
                                f"list numbering unreadable, headings may lack their numbers ({exc})",
                                source=SourceRef(file=path)))
    reader = _Reader(numbering)
    reader.body(body)
    if not reader.blocks:
        raise UnreadableError(f"{path}: Word 文档中没有文字或表格 / the Word document has no text or tables")
    return Layout(path=path, format="docx", blocks=reader.blocks, problems=problems, lines=reader.count)
