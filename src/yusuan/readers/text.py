"""Reader for text conversions of disclosures: Markdown with pipe tables, or text with tab tables.

Both seeds are PDF → text conversions rather than authored Markdown: a flat run of lines that are
either prose or table rows. A line-based splitter is all that is needed and is ~20× faster than a
Markdown parser on these files (markdown-it-py: 110 ms import + 110 ms parse for the Qiaokou seed;
this reader: a few ms), which matters for the CLI's 0.5 s budget. See docs/dependencies.md.
"""

from __future__ import annotations

import re

from yusuan.layout import Block, Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.readers.html_fragments import has_markup, html_to_text
from yusuan.text.cjk import repair, strip_markup

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ALL_DASH = re.compile(r"^:?-{3,}:?$")


def _cell(raw: str, col: int, text: str | None = None) -> Cell:
    text = raw.strip() if text is None else text
    if not text:
        return Cell(text="", col=col, raw=raw)
    if ("<" in text or "&" in text) and has_markup(text):
        text = html_to_text(text)
    if "\n" in text:
        text = "\n".join(repair(p) for p in text.split("\n"))
    elif " " in text or "\u3000" in text or "\u00a0" in text:
        text = repair(text)
    return Cell(text=text, col=col, raw=raw)


def split_pipe_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    if "\\|" not in s:
        return s.split("|")
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def read_text(path: str, text: str, fmt: str) -> Layout:
    """Split a text conversion into text lines and table blocks.

    A table row is a line starting with ``|`` (pipe table) or containing a tab (tab-separated).
    Consecutive rows form one table block; a blank line or a prose line ends it. Pipe separator
    lines and all-dash rows (GFM artefacts of one-row tables) are dropped.
    """
    blocks: list[Block] = []
    rows: list[TableRow] = []
    table_line = 0

    def flush() -> None:
        nonlocal rows
        if rows:
            blocks.append(TableBlock(rows=tuple(rows), line=table_line))
            rows = []

    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("|"):
            if _PIPE_SEPARATOR.match(stripped):
                continue
            raw_cells = split_pipe_row(stripped)
        elif "\t" in line:
            raw_cells = line.rstrip("\r\n").split("\t")
        else:
            flush()
            blocks.append(TextBlock(text=repair(strip_markup(stripped)), line=number))
            continue
        texts = [raw.strip() for raw in raw_cells]
        if all(not t or (t[0] in "-:" and _ALL_DASH.match(t)) for t in texts) and any(texts):
            continue
        cells = tuple(_cell(raw, i, t) for i, (raw, t) in enumerate(zip(raw_cells, texts, strict=True)))
        if not rows:
            table_line = number
        rows.append(TableRow(cells=cells, line=number))
    flush()
    return Layout(path=path, format=fmt, blocks=blocks, lines=len(lines))


def write_markdown(layout: Layout) -> str:
    """The inverse of :func:`read_text` for Markdown: text lines and pipe tables that read back into
    the same blocks (line numbers aside). Used to make editable text forms of paged documents (rule
    examples on the Shanghai PDFs) and to test the Markdown reader."""
    out: list[str] = []
    for b in layout.blocks:
        if isinstance(b, TextBlock):
            text = b.text.strip()
            if text:
                out.append(text)
            continue
        if out and out[-1] != "":
            out.append("")
        width = b.width
        for i, r in enumerate(b.rows):
            cells = [c.text.replace("|", "\\|").replace("\n", "<br>") for c in r.cells]
            cells += [""] * (width - len(cells))
            out.append("| " + " | ".join(cells) + " |")
            if i == 0:
                out.append("|" + "---|" * width)
        out.append("")
    return "\n".join(out) + "\n"
