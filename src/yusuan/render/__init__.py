"""Rendering: a budget → a complete disclosure in Markdown, HTML, DOCX, XLSX or PDF.

The flow::

    Budget ──derive──▶ completed Budget + Authoring ──compose──▶ Document (blocks, grids)
                                                                  └─▶ markdown / html / docx / xlsx / pdf

Before anything is written the rendered text is read back and checked (``yusuan.rules.check`` when
the checker is installed): error findings stop rendering unless ``force``. One module per format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.errors import YusuanError
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget

if TYPE_CHECKING:  # imported in the functions: `yusuan render` is registered on every CLI start
    from yusuan.derive import Notices
    from yusuan.render.document import Document

FORMATS = ("md", "html", "docx", "xlsx", "pdf")


class RenderError(YusuanError):
    """Rendering failed (a missing tool such as LibreOffice, an unwritable output)."""


class ContradictionError(YusuanError):
    """The data contradicts itself: the checker found errors and ``--force`` was not given."""

    exit_code = 1

    def __init__(self, message: str, findings: list[Any]) -> None:
        super().__init__(message)
        self.findings = findings


@dataclass
class Prepared:
    budget: Budget
    document: Document
    markdown: str
    notices: list[str] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    checked: bool = False  # False when the checker is not installed


def prepare(budget: Budget, authored: bool) -> tuple[Budget, Document, Notices]:
    """Derive what is missing and lay the document out."""
    from yusuan.derive import derive
    from yusuan.render.compose import compose
    from yusuan.render.wording import Words

    derived, notices = derive(budget, authored=authored)
    words = Words(derived, derived.authoring or Authoring())
    doc = compose(derived, words, parsed=not authored, notices=notices)
    return derived, doc, notices


def read_back(markdown: str, name: str = "rendered.md") -> Budget:
    """The rendered Markdown read by the recognizer (what a reader of the published text gets)."""
    from yusuan.api import load_text

    return load_text(markdown, name)


def check_findings(budget: Budget) -> tuple[list[Any], bool]:
    """The checker's findings, or ([], False) while ``yusuan.rules`` is not (fully) available.

    The checker is developed alongside; an incomplete installation (ImportError while its registry
    loads) must not make rendering impossible, so it counts as "not checked" and is reported.
    """
    try:
        from yusuan.rules import check  # type: ignore[import-not-found, unused-ignore]

        return list(check(budget)), True
    except ImportError:
        return [], False


def errors_of(findings: list[Any]) -> list[Any]:
    return [f for f in findings if getattr(f, "severity", "") == "error"]


def build(budget: Budget, authored: bool, force: bool = False, check: bool = True) -> Prepared:
    """Everything but the writing: derive, compose, read back and check."""
    from yusuan.render.markdown import to_markdown

    derived, doc, notices = prepare(budget, authored)
    md = to_markdown(doc)
    prepared = Prepared(derived, doc, md, list(notices))
    if check:
        prepared.findings, prepared.checked = check_findings(read_back(md))
        if not prepared.checked:
            prepared.notices.append("未能审核：审核模块（yusuan.rules）不可用 / not checked: yusuan.rules unavailable")
        errors = errors_of(prepared.findings)
        if errors and not force:
            raise ContradictionError(
                f"数据自相矛盾，审核发现 {len(errors)} 处错误，未生成文件（用 --force 强制生成）/ "
                f"the data contradicts itself: {len(errors)} error finding(s); use --force to render anyway",
                prepared.findings)
    return prepared


def write(prepared: Prepared, fmt: str, out: Path) -> None:
    """Write one format to ``out``."""
    if fmt not in FORMATS:
        raise RenderError(f"未知格式 / unknown format: {fmt} (known: {', '.join(FORMATS)})")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{out}: 无法创建目录 / cannot create the directory ({exc.strerror})") from None
    try:
        if fmt == "md":
            out.write_text(prepared.markdown, encoding="utf-8")
        elif fmt == "html":
            from yusuan.render.html import to_html

            out.write_text(to_html(prepared.document), encoding="utf-8")
        elif fmt == "docx":
            from yusuan.render.docx import write_docx

            write_docx(prepared.document, out)
        elif fmt == "xlsx":
            from yusuan.render.xlsx import write_xlsx

            write_xlsx(prepared.document, out)
        else:
            from yusuan.render.pdf import write_pdf

            write_pdf(prepared.document, out)
    except OSError as exc:
        raise RenderError(f"{out}: 无法写入 / cannot write ({exc.strerror or exc})") from None


def render(budget: Budget, fmt: str, out: str | Path, authored: bool, force: bool = False) -> Prepared:
    """Derive, check and write a complete disclosure; returns what was prepared (notices, findings)."""
    prepared = build(budget, authored, force=force)
    write(prepared, fmt, Path(out))
    return prepared
