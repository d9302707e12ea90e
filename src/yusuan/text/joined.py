"""Text lines joined into running text, remembering which line each character came from.

Sentences of the narrative run across lines and pages in conversions ("按部门预算\\n\\n支出经济分类");
claims are read from the joined text but must point back to the line of each figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol


class _Line(Protocol):
    """A line of text with its place (a layout's TextBlock): text utilities sit below the layout."""

    @property
    def text(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def page(self) -> int | None: ...

_TERMINAL = tuple("。；;：:！？!?")
_STARTS_ITEM = re.compile(r"^(?:[一二三四五六七八九十廿]+[、.．]|[（(][一二三四五六七八九十廿\d]+[)）]|\d+[、.．](?!\d)|[①-⑳])")


@dataclass
class JoinedText:
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # start offset of each piece
    lines: list[int | None] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)

    def add(self, piece: str, line: int | None, page: int | None, sep: str = "") -> None:
        if self.text:
            self.text += sep
        self.offsets.append(len(self.text))
        self.lines.append(line)
        self.pages.append(page)
        self.text += piece

    def where(self, offset: int) -> tuple[int | None, int | None]:
        """Line and page of the character at ``offset``."""
        i = bisect.bisect_right(self.offsets, offset) - 1
        if i < 0:
            return None, None
        return self.lines[i], self.pages[i]


def join_lines(blocks: Iterable[_Line]) -> JoinedText:
    """Join text lines; a line that does not end a sentence continues on the next one."""
    joined = JoinedText()
    previous = ""
    for b in blocks:
        text = b.text.strip()
        if not text:
            continue
        sep = "\n"
        heading = _STARTS_ITEM.match(previous) and len(previous) <= 40 and not re.search(r"\d{2,}", previous[3:])
        if previous and not previous.endswith(_TERMINAL) and not _STARTS_ITEM.match(text) and not heading:
            sep = ""
        joined.add(text, b.line, b.page, sep)
        previous = text
    return joined
