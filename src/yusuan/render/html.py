"""HTML through Jinja2: one self-contained file (styles inline, no scripts, no external assets).

Print CSS sets A4 pages, page numbers, table heads repeated on every page (``thead`` as
``table-header-group``) and landscape pages for wide tables, so the page prints like the document.
Fonts fall back from 仿宋 to Noto Serif CJK SC (``fonts-noto-cjk``), which every Debian machine here
has; nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup, escape

from yusuan.render.document import Document, Heading, PageBreak, Paragraph, TableBlock

_KINDS = {0: "cover", 1: "part", 2: "section", 3: "sub"}


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=False, lstrip_blocks=False)
    env.filters["cell"] = lambda text: Markup("<br>").join(escape(p) for p in str(text).split("\n"))
    return env


def _template_text(name: str) -> str:
    return files("yusuan.render").joinpath("templates", name).read_text(encoding="utf-8")


def _blocks(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append({"kind": _KINDS.get(b.level, "sub"), "text": b.text})
        elif isinstance(b, Paragraph):
            out.append({"kind": "para", "text": b.text, "style": b.style})
        elif isinstance(b, PageBreak):
            out.append({"kind": "break"})
        elif isinstance(b, TableBlock):
            total = sum(b.grid.widths) or 1
            widths = [round(100 * w / total, 2) for w in b.grid.widths]
            out.append({"kind": "table", "t": b, "widths": widths})
    return out


def to_html(doc: Document) -> str:
    template = _environment().from_string(_template_text("disclosure.html.j2"))
    return str(template.render(doc=doc, blocks=_blocks(doc), css=_template_text("print.css")))
