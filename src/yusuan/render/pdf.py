"""PDF: the DOCX converted by LibreOffice headless (Debian ``libreoffice-writer``).

Why not WeasyPrint from the HTML: with CJK fonts its font subsetting dominates (9 pages: 8.3 s to
write, libraries.md §4) while LibreOffice converts the same DOCX in about 1.5 s, and the PDF then
matches the DOCX that is published next to it. LibreOffice embeds (subsets) every font it uses;
:func:`embedded_fonts` reads ``pdffonts`` to verify it.

Each conversion runs with its own LibreOffice profile directory so that conversions can run side by
side and a user's open LibreOffice does not swallow the request.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from yusuan.errors import YusuanError
from yusuan.render.document import Document

TIMEOUT = int(os.environ.get("YUSUAN_SOFFICE_TIMEOUT", "180"))


class PdfError(YusuanError):
    """LibreOffice is missing or failed."""


def soffice() -> str | None:
    return os.environ.get("YUSUAN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def convert_docx(docx: Path, out: Path) -> None:
    exe = soffice()
    if exe is None:
        raise PdfError("未找到 LibreOffice（soffice），无法生成 PDF；请安装 libreoffice-writer / "
                       "LibreOffice (soffice) not found: install libreoffice-writer to render PDF")
    with tempfile.TemporaryDirectory(prefix="yusuan-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(docx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换超时（{TIMEOUT} 秒）/ LibreOffice timed out after {TIMEOUT} s") from None
        produced = Path(tmp) / (docx.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file():
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise PdfError(f"LibreOffice 转换失败 / LibreOffice failed: {detail[-1] if detail else proc.returncode}")
        shutil.move(str(produced), out)


def write_pdf(document: Document, out: Path) -> None:
    from yusuan.render.docx import write_docx

    with tempfile.TemporaryDirectory(prefix="yusuan-docx-") as tmp:
        docx = Path(tmp) / f"{out.stem or 'disclosure'}.docx"
        write_docx(document, docx, for_pdf=True)
        convert_docx(docx, out)


def embedded_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of a PDF, from poppler's ``pdffonts``."""
    exe = shutil.which("pdffonts")
    if exe is None:
        raise PdfError("未找到 pdffonts（poppler-utils）/ pdffonts not found")
    lines = subprocess.run([exe, str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    if len(lines) < 2:
        return []
    at = lines[0].index(" emb ") + 1  # the "emb" column, read by position: font types contain spaces
    return [(line.split()[0], line[at:at + 3] == "yes") for line in lines[2:] if line.strip()]
