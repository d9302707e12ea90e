"""Readers: bytes of a document → :class:`~yusuan.layout.Layout`.

One reader per format; :func:`read_layout` picks it from the file's content (magic bytes) and
suffix. Formats whose optional dependencies are missing are reported, not crashed on.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import UnreadableError
from yusuan.layout import Layout
from yusuan.model.budget import Problem
from yusuan.model.figures import SourceRef

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".tsv", ".text"}
CSV_SUFFIXES = {".csv"}  # comma, semicolon or tab separated: read like the tab-separated form
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | CSV_SUFFIXES | {".pdf", ".docx", ".xlsx", ".html", ".htm"}


def _decode(data: bytes, path: str) -> tuple[str, Problem | None]:
    """Text of a file: UTF-8 (with or without BOM), else GB18030.

    A file cut in the middle of a multi-byte character (a truncated download) is read up to the cut
    and reported, not rejected.
    """
    if b"\x00" in data[:8192]:
        raise UnreadableError(f"{path}: 二进制文件，无法识别格式 / binary file of an unknown format")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            line = data[: exc.start].count(b"\n") + 1
            problem = Problem(code="read.truncated",
                              message=f"文件在第{line}行中途截断 / the file ends in the middle of a character (truncated)",
                              source=SourceRef(file=path, line=line))
            return data[: exc.start].decode("utf-8-sig"), problem
    try:
        return data.decode("gb18030"), None
    except UnicodeDecodeError:
        raise UnreadableError(f"{path}: 无法解码为文本 / not valid UTF-8 or GB18030 text") from None


def _sniff_zip(data: bytes) -> str:
    """docx / xlsx by the parts inside the archive, not by the file name."""
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "damaged-zip"  # no readable directory: usually a download cut short
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def sniff(data: bytes, suffix: str) -> str:
    """Name of the format of a file from its first bytes and suffix."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _sniff_zip(data)
    lowered = head[:200].lower()
    if suffix in {".html", ".htm"} or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "text"


def read_layout(path: str | Path) -> Layout:
    """Read any supported document into a layout, or raise :class:`UnreadableError`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnreadableError(f"{p}: 文件不存在 / file not found") from None
    except IsADirectoryError:
        raise UnreadableError(f"{p}: 是目录而不是文件 / is a directory") from None
    except OSError as exc:
        raise UnreadableError(f"{p}: 无法读取 / cannot read ({exc.strerror})") from None
    if not data.strip():
        raise UnreadableError(f"{p}: 空文件 / empty file")
    fmt = sniff(data, p.suffix.lower())
    if fmt in {"markdown", "text", "csv"}:
        from yusuan.readers.text import read_text

        text, problem = _decode(data, str(p))
        layout = read_text(str(p), text, fmt)
        if problem is not None:
            layout.problems.append(problem)
        return layout
    if fmt == "pdf":
        from yusuan.readers.pdf import read_pdf

        return read_pdf(str(p), data)
    if fmt == "docx":
        from yusuan.readers.docx import read_docx

        return read_docx(str(p), data)
    if fmt == "xlsx":
        from yusuan.readers.xlsx import read_xlsx

        return read_xlsx(str(p), data)
    if fmt == "html":
        from yusuan.readers.html import read_html

        text, problem = _decode(data, str(p))
        layout = read_html(str(p), text)
        if problem is not None:
            layout.problems.append(problem)
        return layout
    if fmt == "zip":
        raise UnreadableError(f"{p}: ZIP 文件但不是 DOCX/XLSX / a ZIP archive that is not a DOCX or XLSX document")
    if fmt == "damaged-zip":
        zh, en = {".docx": ("DOCX", "DOCX"), ".xlsx": ("XLSX", "XLSX")}.get(
            p.suffix.lower(), ("ZIP（DOCX/XLSX）", "ZIP (DOCX/XLSX)"))
        raise UnreadableError(f"{p}: {zh} 文件已损坏或不完整（可能被截断）/ the {en} file is damaged or "
                              f"incomplete (truncated?): its ZIP directory cannot be read")
    raise UnreadableError(f"{p}: 暂不支持的格式 {fmt} / unsupported format {fmt}")
