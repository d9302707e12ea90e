"""Turn HTML fragments found inside table cells of text conversions into plain text.

Conversions put ``<p>…</p>`` and ``<ol><li>…`` inside Markdown cells. Block elements become line
breaks so paragraphs of a cell stay apart. Uses the standard library's HTML parser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({"p", "div", "li", "br", "tr", "ol", "ul", "h1", "h2", "h3", "h4", "table"})
_TAG_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&[a-zA-Z#0-9]+;")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def has_markup(text: str) -> bool:
    return bool(_TAG_HINT.search(text))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, block elements separated by newlines."""
    if not has_markup(fragment):
        return fragment
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = [ln.strip() for ln in "".join(collector.parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)
