"""Reader for text conversions of disclosures: Markdown with pipe tables, text with tab tables, CSV.

Both seeds are PDF → text conversions rather than authored Markdown: a flat run of lines that are
either prose or table rows. A line-based splitter is all that is needed and is ~20× faster than a
Markdown parser on these files (markdown-it-py: 110 ms import + 110 ms parse for the Qiaokou seed;
this reader: a few ms), which matters for the CLI's 0.5 s budget. See docs/dependencies.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.errors import UnreadableError
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
    lines and all-dash rows (GFM artefacts of one-row tables) are dropped. ``fmt="csv"``: the
    records of a comma, semicolon or tab separated file (:func:`csv_records`) take the place of
    the lines.
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
    records = csv_records(text, path) if fmt == "csv" else _line_records(lines)
    for number, raw_cells in records:
        if raw_cells is None:
            flush()
            continue
        if isinstance(raw_cells, str):
            flush()
            blocks.append(TextBlock(text=repair(strip_markup(raw_cells)), line=number))
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


# A record of a text file: (line, None) a blank line, (line, text) a prose line, (line, cells) a row.
_Record = tuple[int, "str | list[str] | None"]


def _line_records(lines: list[str]) -> Iterator[_Record]:
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            yield number, None
        elif stripped.startswith("|"):
            if not _PIPE_SEPARATOR.match(stripped):
                yield number, split_pipe_row(stripped)
        elif "\t" in line:
            yield number, line.rstrip("\r\n").split("\t")
        else:
            yield number, stripped


_DELIMITERS = ("\t", ",", ";")  # in order of preference when counts tie


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV conversion: the most frequent of tab, comma and semicolon.

    Chinese prose uses full-width ，and ；, so the ASCII ones are (nearly) all separators; the
    thousands separators of unquoted amounts in a semicolon or tab file are fewer than the
    separators between the cells of every row.
    """
    sample = text[:200_000]
    return max(_DELIMITERS, key=lambda d: (sample.count(d), -_DELIMITERS.index(d)))


_MAX_FIELD_LINES = 50  # a quoted field longer than this is an unclosed quote, not a cell


def csv_records(text: str, path: str = "") -> Iterator[_Record]:
    """Records of a CSV conversion of a disclosure, as the tab-separated form has them.

    A conversion writes a prose line as a record of one field and a table row as a record of
    several, so one field is a text line and several are a row; a record of empty fields is a
    blank line. Quoted fields may hold the delimiter and line breaks (a cell's wrapped text).
    A spreadsheet's export pads every record to the sheet's width: there a prose line is a
    record whose fields after the first are all empty, unless it stands between rows (a row
    of a form that fills only its first cell, as 项目支出明细测算 in a project sheet).
    """
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if reader.line_num - start >= _MAX_FIELD_LINES:
                raise csv.Error("unclosed quote")
            records.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableError(f"{path}: 第{start}行起无法按 CSV 读取（引号未闭合？）/ not readable as CSV from line "
                              f"{start} ({exc})") from None
    widths = {len(f) for _, f in records if any(x.strip() for x in f)}
    padded = len(widths) == 1 and min(widths) > 1

    def kind(fields: list[str]) -> str:
        filled = [x for x in fields if x.strip()]
        if not filled:
            return "blank"
        if len(fields) == 1 or (padded and len(filled) == 1 and fields[0].strip()):
            return "single"
        return "row"

    kinds = [kind(f) for _, f in records]
    for i, (number, fields) in enumerate(records):
        k = kinds[i]
        if k == "blank":
            yield number, None
        elif k == "row" or (padded and 0 < i < len(records) - 1 and kinds[i - 1] == kinds[i + 1] == "row"):
            yield number, fields
        else:
            yield number, fields[0].strip()


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
