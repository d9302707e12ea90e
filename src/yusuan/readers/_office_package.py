"""Opening Office Open XML packages (DOCX) safely: the zip, the main part, hardened XML parsing.

The DOCX reader needs only the main document part (and the numbering part) as XML. Reading them
with zipfile + lxml directly avoids python-docx's object model, which the reader would not use,
and its import (~140 ms of a CLI run budgeted at 0.5 s). lxml is python-docx's own XML engine.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from yusuan.errors import UnreadableError

# A part larger than this uncompressed is refused: budget documents are a few MB, a zip bomb is not.
MAX_PART_BYTES = 64 * 1024 * 1024  # an 80-page disclosure's document.xml is ~5 MB; lxml needs ~10× in memory

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"


def _parser() -> etree.XMLParser:
    # No entity expansion or network access: a document is untrusted input.
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)


def open_zip(path: str, data: bytes, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableError(f"{path}: {what} 文件已损坏或不完整 / the {what} file is damaged or truncated") from None


def read_part(zf: zipfile.ZipFile, name: str, path: str, what: str) -> bytes | None:
    """Bytes of a part, ``None`` if absent; damage inside the archive is an :class:`UnreadableError`."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableError(f"{path}: {what} 中的 {name} 过大 / part {name} is too large ({info.file_size} bytes)")
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted member; NotImplementedError: an unsupported compression.
        raise UnreadableError(f"{path}: {what} 中的 {name} 已损坏 / part {name} of the {what} is damaged") from None


_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)[\s/>]")
_LXML_WHERE = re.compile(r"\s*\(<string>, line \d+\)$")


def _cut_short(blob: bytes) -> bool:
    """Whether a part that failed to parse ends before its root element is closed (a truncated
    file or part) rather than being damaged in the middle."""
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", blob[:4096], flags=re.DOTALL)
    m = _ROOT.search(head)
    return m is not None and not blob.rstrip().endswith(b"</" + m.group(1) + b">")


def parse_xml(blob: bytes, name: str, path: str, what: str) -> etree._Element:
    try:
        return etree.fromstring(blob, _parser())
    except etree.XMLSyntaxError as exc:
        if _cut_short(blob):
            raise UnreadableError(f"{path}: {what} 中的 {name} 不完整，XML 在中途截断 / part {name} is cut short: "
                                  f"its XML ends in the middle (a truncated file?)") from None
        msg = _LXML_WHERE.sub("", str(exc).splitlines()[0]) if str(exc) else "syntax error"
        raise UnreadableError(f"{path}: {what} 中的 {name} 不是有效的 XML / part {name} is not valid XML ({msg})") from None


def main_part_name(zf: zipfile.ZipFile, path: str, what: str, default: str) -> str:
    """Name of the main document part from ``_rels/.rels``, or ``default`` when that is missing."""
    blob = read_part(zf, "_rels/.rels", path, what)
    if blob is None:
        return default
    try:
        rels = etree.fromstring(blob, _parser())
    except etree.XMLSyntaxError:
        return default
    for rel in rels.iter(f"{_REL_NS}Relationship"):
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            target = (rel.get("Target") or "").lstrip("/")
            if target:
                return posixpath.normpath(target)
    return default


def related_part(zf: zipfile.ZipFile, part: str, type_suffix: str, path: str, what: str) -> str | None:
    """Name of the part related to ``part`` by a relationship whose type ends in ``type_suffix``."""
    folder, base = posixpath.split(part)
    blob = read_part(zf, posixpath.join(folder, "_rels", base + ".rels"), path, what)
    if blob is None:
        return None
    try:
        rels = etree.fromstring(blob, _parser())
    except etree.XMLSyntaxError:
        return None
    for rel in rels.iter(f"{_REL_NS}Relationship"):
        if (rel.get("Type") or "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            return posixpath.normpath(name)
    return None
