"""Shared state while recognising one document: file, unit defaults, and problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yusuan.layout import TableRow
from yusuan.model.budget import Certainty, Problem, Recognition
from yusuan.model.figures import PERCENT, WAN, Figure, SourceRef
from yusuan.templates.labels import short_title as short_title  # re-exported for the recognizer's modules
from yusuan.templates.labels import table_label as table_label
from yusuan.text.numbers import is_zero_mark, parse_number


@dataclass
class Context:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, message: str, source: SourceRef | None = None) -> None:
        self.problems.append(Problem(code=code, message=message, source=source))

    def ref(self, line: int | None = None, page: int | None = None, **kw: Any) -> SourceRef:
        return SourceRef(file=self.path, line=line, page=page, **kw)

    def row_ref(self, at: TableRow, table: str | None = None, **kw: Any) -> SourceRef:
        return SourceRef(file=self.path, line=at.line, page=at.page, table=table, **kw)


def figure_from_text(text: str, unit: str, source: SourceRef, rate: bool = False) -> Figure | None:
    """A Figure from a cell's text: a number, a zero mark (—, /), or None for anything else.

    ``rate``: a percentage column (增减率 -11.97%): the number before the % sign, in %.
    """
    s = text.strip()
    if not s:
        return None
    if rate:
        parsed = parse_number(s.rstrip("%％").strip())
        if parsed is not None:
            return Figure(value=parsed[0], places=parsed[1], unit=PERCENT, source=source)
        return Figure.zero(unit=PERCENT, source=source) if is_zero_mark(s) else None
    parsed = parse_number(s)
    if parsed is not None:
        value, places = parsed
        if unit == WAN and places < 2:
            # 万元 amounts are kept to the cent; conversions and forms drop trailing zeros
            # (Qiaokou 表11 "1160.1" = 表3 1,160.10; Hanyang 表11 "20" = 其他收入 20.00).
            places = 2
        return Figure(value=value, places=places, unit=unit, source=source)
    if is_zero_mark(s):
        return Figure.zero(unit=unit, source=source)
    return None


def section_recognition(sec: Any) -> Recognition:
    """What the title zone of a table section tells: a family title, a stated or assumed unit."""
    return Recognition(
        title=Certainty.SYNONYM,
        unit=Certainty.EXACT if sec.unit else Certainty.GUESS,
        printed_title=" ".join(t.text.strip() for t in sec.title_lines),
    )
