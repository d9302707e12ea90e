"""Text lines joined into running text, remembering which line each character came from.

Sentences of the narrative run across lines and pages in conversions ("按部门预算\\n\\n支出经济分类");
claims are read from the joined text but must point back to the line of each figure.

Page numbers printed between the lines of a paragraph (a line "19", a footer "- 4 -" at the end of a
line) are not text: left in, they glue onto the next figure ("22公用经费", "务增加" → "任20务增加").
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
# A line that is only a page number: "19", "- 4 -", "—5—", "第 3 页", "第3页 共20页".
_PAGE_NUMBER = re.compile(r"^(?:[-－—–]?\s*\d{1,3}\s*[-－—–]?|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?)$")
# A page footer left at the end (or start) of a text line: "…政府采购业务费- 4 -".
_FOOTER_END = re.compile(r"\s*[-－—–]\s*\d{1,3}\s*[-－—–]\s*$")
_FOOTER_START = re.compile(r"^\s*[-－—–]\s*\d{1,3}\s*[-－—–]\s*")
# 类/款/项 path marks: a line holding part of a path ("1.一般公共服务支出（类）信访事务（款）一般行政管")
# is the start of a sentence, not a heading, even when it is short and has no figure.
_PATH_MARK = re.compile(r"[（(][类款项][)）]")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def strip_footer(text: str) -> str:
    """A text line without a page footer printed at its end or start."""
    return _FOOTER_START.sub("", _FOOTER_END.sub("", text))


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


def _is_heading(text: str) -> bool:
    """A short enumerated line without figures: a heading that stands on its own line."""
    return bool(_STARTS_ITEM.match(text) and len(text) <= 40 and not re.search(r"\d{2,}", text[3:])
                and not _PATH_MARK.search(text))


def join_lines(blocks: Iterable[_Line]) -> JoinedText:
    """Join text lines; a line that does not end a sentence continues on the next one."""
    joined = JoinedText()
    previous = ""
    for b in blocks:
        text = strip_footer(b.text.strip()).strip()
        if not text or is_page_number(text):
            continue
        sep = "\n"
        if previous and not previous.endswith(_TERMINAL) and not _STARTS_ITEM.match(text) and not _is_heading(previous):
            sep = ""
        joined.add(text, b.line, b.page, sep)
        previous = text
    return joined
