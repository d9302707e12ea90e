"""Reader for disclosures published as web pages: text lines and tables, in document order.

Parser: lxml's HTML parser (libxml2). It is already installed for the DOCX and XLSX readers, parses a page in
milliseconds, repairs the tag soup government sites and Word's "save as web page" produce (missing
``</td>``/``</tr>``, ``<o:p>``, conditional comments), and gives a tree, which rowspan/colspan
expansion needs. The standard library's ``html.parser`` only tokenises: implied end tags and table
structure would have to be rebuilt by hand.

* Block elements (``p``, ``div``, ``h1``–``h6``, ``li`` …) and ``<br>`` end a line; inline markup is
  flattened; whitespace collapses as a browser collapses it (``<pre>`` keeps its lines).
* ``<script>``, ``<style>``, ``<head>``, ``<nav>``, forms' options and elements hidden with
  ``hidden`` or ``display:none`` are not printed, so not read.
* A data table is laid on its grid: ``rowspan`` / ``colspan`` put the text in the top-left cell and
  leave covered cells present and empty; a table's ``<caption>`` is a text line before it.
* A table of one or two columns that contains tables is page layout (old sites wrap the whole page
  in one): its cells are read as ordinary content, so the data tables inside come out as tables.
  A table nested in a data cell is flattened into the cell's text, one line per row (as in DOCX).
* ``line`` is the source line of the element that starts the line or row (lxml's ``sourceline``).
"""

from __future__ import annotations

import re

from yusuan.errors import UnreadableError

try:
    from lxml import etree
except ImportError:  # a dependency, but a broken install should still give one line, not a traceback
    raise UnreadableError("读取 HTML 需要安装 lxml / reading HTML needs lxml (pip install lxml)") from None

from yusuan.layout import Block, Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.text.cjk import repair

_SKIP = frozenset({"script", "style", "head", "title", "meta", "link", "noscript", "template", "nav", "select",
                   "option", "button", "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video",
                   "map", "input", "textarea"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
                    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "ol",
                    "p", "plaintext", "pre", "section", "summary", "ul", "xmp", "caption", "tbody", "thead",
                    "tfoot", "tr", "td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+00A0 (&nbsp;) is not collapsed by browsers
# Zero-width spaces, joiners, BOMs and soft hyphens that CMS editors leave inside words.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LEADING_INT = re.compile(r"\s*(\d+)")
_MAX_SPAN = 1000  # a colspan of 10^9 is an error in the page, not a table that wide


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _span(value: str | None) -> int:
    if value is None:
        return 1
    m = _LEADING_INT.match(value)
    return min(max(int(m.group(1)), 0), _MAX_SPAN) if m else 1


class _Lines:
    """Accumulates inline text into lines, as a browser lays out a block's content."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str, int | None]] = []  # (repaired text, raw text, source line)
        self.buf: list[str] = []
        self.start: int | None = None

    def text(self, s: str | None, line: int | None, pre: bool = False) -> None:
        if not s:
            return
        if pre:
            first, *rest = s.split("\n")
            self.text(first, line)
            for part in rest:
                self.newline()
                self.text(part, line)
            return
        if self.start is None and s.strip():
            self.start = line
        self.buf.append(_SPACES.sub(" ", _INVISIBLE.sub("", s)))

    def newline(self) -> None:
        raw = "".join(self.buf).strip()
        text = repair(raw)
        if text:
            self.lines.append((text, raw, self.start))
        self.buf = []
        self.start = None


def _rows(table: etree._Element) -> list[etree._Element]:
    """Rows in display order: thead, then body rows as written, then tfoot."""
    head: list[etree._Element] = []
    body: list[etree._Element] = []
    foot: list[etree._Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            body.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows = [tr for tr in child if _tag(tr) == "tr" and not _hidden(tr)]
            (head if tag == "thead" else foot if tag == "tfoot" else body).extend(rows)
    return head + [tr for tr in body if not _hidden(tr)] + foot


def _is_layout_table(table: etree._Element) -> bool:
    """A table wrapping a page: it holds tables and has at most two cells a row (content, sidebar).
    A wider table with a small table in a cell is data, and the small table is flattened."""
    if not any(_tag(el) == "table" for el in table.iterdescendants()):
        return False
    return all(sum(1 for c in tr if _tag(c) in ("td", "th")) <= 2 for tr in _rows(table))


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines = _Lines()

    def flush(self) -> None:
        self.lines.newline()
        self.blocks.extend(TextBlock(text=t, line=n) for t, _, n in self.lines.lines)
        self.lines.lines = []

    def flow(self, el: etree._Element, lines: _Lines, pre: bool = False) -> None:
        """Content of ``el`` into ``lines``; tables found on the way become blocks (body only)."""
        for child in el:
            tag = _tag(child)
            if not tag or tag in _SKIP or _hidden(child):
                lines.text(child.tail, child.sourceline, pre)  # a comment's or skipped element's tail is text
                continue
            if tag == "br":
                lines.newline()
            elif tag == "table" and lines is self.lines:
                self.table(child)
            elif tag == "table":  # a table inside a data cell: one line per row, as in DOCX
                lines.newline()
                for tr in _rows(child):
                    texts = [_cell_text(td)[0].replace("\n", " ") for td in tr if _tag(td) in ("td", "th")]
                    lines.text(" ".join(t for t in texts if t), tr.sourceline)
                    lines.newline()
            elif tag in _BLOCK:
                lines.newline()
                if tag != "hr":
                    lines.text(child.text, child.sourceline, pre or tag in ("pre", "xmp", "listing"))
                    self.flow(child, lines, pre or tag in ("pre", "xmp", "listing"))
                lines.newline()
            else:
                lines.text(child.text, child.sourceline, pre)
                self.flow(child, lines, pre)
            lines.text(child.tail, child.sourceline, pre)

    def table(self, table: etree._Element) -> None:
        self.flush()
        caption = next((c for c in table if _tag(c) == "caption"), None)
        if caption is not None:
            self.lines.text(caption.text, caption.sourceline)
            self.flow(caption, self.lines)
            self.flush()
        if _is_layout_table(table):
            for tr in _rows(table):
                for cell in tr:
                    if _tag(cell) in ("td", "th") and not _hidden(cell):
                        self.lines.text(cell.text, cell.sourceline)
                        self.flow(cell, self.lines)
                        self.flush()
            return
        block = _table_block(table)
        if block is not None:
            self.blocks.append(block)


def _cell_text(cell: etree._Element) -> tuple[str, str]:
    lines = _Lines()
    lines.text(cell.text, cell.sourceline)
    _Reader().flow(cell, lines)
    lines.newline()
    return "\n".join(t for t, _, _ in lines.lines), "\n".join(raw for _, raw, _ in lines.lines)


def _table_block(table: etree._Element) -> TableBlock | None:
    trs = _rows(table)
    grid: dict[tuple[int, int], Cell] = {}
    occupied: set[tuple[int, int]] = set()
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if _tag(cell) not in ("td", "th") or _hidden(cell):
                continue
            while (r, c) in occupied:
                c += 1
            colspan = max(_span(cell.get("colspan")), 1)
            rowspan = _span(cell.get("rowspan"))
            # rowspan="0" spans to the end of its section (here: of the table); spans stop at the end.
            rowspan = len(trs) - r if rowspan == 0 else min(rowspan, len(trs) - r)
            text, raw = _cell_text(cell)
            grid[(r, c)] = Cell(text=text, col=c, raw=raw, span=colspan)
            occupied.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    width = max((c for _, c in occupied), default=-1) + 1
    rows: list[TableRow] = []
    for r, tr in enumerate(trs):
        cells = tuple(grid.get((r, c)) or Cell(text="", col=c) for c in range(width))
        rows.append(TableRow(cells=cells, line=tr.sourceline))
    if not rows or all(row.is_blank() for row in rows):
        return None
    return TableBlock(rows=tuple(rows), line=rows[0].line)


def read_html(path: str, text: str) -> Layout:
    """Read an HTML page into a layout, or raise :class:`UnreadableError` when it has no content."""
    # lxml refuses str input with an XML encoding declaration and control characters; the
    # dispatcher has already decoded the bytes, so both can go.
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise UnreadableError(f"{path}: 网页是空的 / the HTML page is empty")
    try:
        # etree's HTML parser rather than lxml.html: the same libxml2 tree without lxml.html's
        # per-element class lookup, which cost a third of the reading time.
        root = etree.fromstring(text, etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableError(f"{path}: 无法解析网页 / cannot parse the HTML page ({exc})") from None
    if root is None:
        raise UnreadableError(f"{path}: 网页中没有可读的文字或表格 / the HTML page has no readable text or tables")
    reader = _Reader()
    body = root.find("body")
    top = body if body is not None else root
    reader.lines.text(top.text, top.sourceline)
    reader.flow(top, reader.lines)
    reader.flush()
    if not reader.blocks:
        raise UnreadableError(f"{path}: 网页中没有可读的文字或表格 / the HTML page has no readable text or tables")
    return Layout(path=path, format="html", blocks=reader.blocks, lines=text.count("\n") + 1)
