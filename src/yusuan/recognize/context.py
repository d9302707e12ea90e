"""Shared state while recognising one document: file, unit defaults, and problems found."""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.layout import TableRow
from yusuan.model.budget import TABLE_NAMES, Problem, TableKind
from yusuan.model.figures import WAN, Figure, SourceRef
from yusuan.text.numbers import is_zero_mark, parse_number


@dataclass
class Context:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, message: str, source: SourceRef | None = None) -> None:
        self.problems.append(Problem(code=code, message=message, source=source))

    def ref(self, line: int | None = None, page: int | None = None, **kw: object) -> SourceRef:
        return SourceRef(file=self.path, line=line, page=page, **kw)

    def row_ref(self, at: TableRow, table: str | None = None, **kw: object) -> SourceRef:
        return SourceRef(file=self.path, line=at.line, page=at.page, table=table, **kw)


def table_label(kind: TableKind | None, number: str | None) -> str:
    """How findings name a table: 表3, or the table's name when it has no number."""
    if number:
        return f"表{number}"
    return TABLE_NAMES.get(kind, "表") if kind else "表"


def figure_from_text(text: str, unit: str, source: SourceRef) -> Figure | None:
    """A Figure from a cell's text: a number, a zero mark (—, /), or None for anything else."""
    s = text.strip()
    if not s:
        return None
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
