"""What rules see: the budget, its profile, the catalogue, and indexes computed once per check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from yusuan.catalog import Catalog, load_catalog
from yusuan.model.budget import (
    BalanceTable,
    Budget,
    Claim,
    ProjectSheet,
    Row,
    RowKind,
    Table,
    TableKind,
)
from yusuan.model.figures import Figure, SourceRef
from yusuan.quantities import Measured, measure, similar
from yusuan.rules.arith import Amount, Mismatch, compare
from yusuan.rules.finding import Hit, Severity
from yusuan.templates import Template, get_template
from yusuan.templates.family import standard_name
from yusuan.templates.labels import table_label
from yusuan.text.cjk import name_key

FUNCTION_TABLES = (TableKind.EXPENDITURE, TableKind.GPB_BY_FUNCTION, TableKind.GOV_FUND, TableKind.SOE_CAPITAL)
FISCAL_FUNCTION_TABLES = (TableKind.GPB_BY_FUNCTION, TableKind.GOV_FUND, TableKind.SOE_CAPITAL)


@dataclass
class CheckContext:
    budget: Budget
    catalog: Catalog = field(default_factory=load_catalog)

    # -- basics -------------------------------------------------------------------------------
    @cached_property
    def profile(self) -> Template:
        """The document's template (:data:`yusuan.templates.UNKNOWN` when it is not known)."""
        return get_template(self.budget.meta.profile)

    @property
    def year(self) -> int | None:
        return self.budget.meta.year

    def table(self, kind: TableKind) -> Table | None:
        return self.budget.table(kind)

    def balance(self, kind: TableKind) -> BalanceTable | None:
        return self.budget.balance(kind)

    def label(self, kind: TableKind) -> str:
        t = self.budget.tables.get(kind)
        if t is not None:
            return table_label(kind, t.number, t.title)
        return self.profile.label_of(kind)

    def named(self, kind: TableKind) -> str:
        """Label and standard name: 表8「政府性基金预算支出表」, or just the printed title when the
        template does not number its tables."""
        label = self.label(kind)
        name = standard_name(kind)
        return label if name in label or label in name else f"{label}「{name}」"

    def tables(self, kinds: tuple[TableKind, ...] = tuple(TableKind)) -> Iterator[Table]:
        for kind in kinds:
            t = self.table(kind)
            if t is not None:
                yield t

    @cached_property
    def _measures(self) -> dict[str, Measured | None]:
        return {}

    def measure(self, key: str) -> Measured | None:
        if key not in self._measures:
            self._measures[key] = measure(self.budget, key)
        return self._measures[key]

    @cached_property
    def sheets(self) -> list[ProjectSheet]:
        """Project declaration sheets (表12-x): the projects described with targets and funding forms.
        Shanghai's 项目经费情况说明 are prose notes without targets and are left out."""
        return [s for s in self.budget.projects if s.form == "sheet"]

    @cached_property
    def claims(self) -> list[Claim]:
        return self.budget.narrative.claims()

    # -- codes --------------------------------------------------------------------------------
    @cached_property
    def function_rows(self) -> dict[str, list[tuple[Table, Row]]]:
        """Every row with a function code, by code, across the function tables."""
        out: dict[str, list[tuple[Table, Row]]] = {}
        for t in self.tables(FUNCTION_TABLES):
            for r in t.rows:
                if r.code:
                    out.setdefault(r.code, []).append((t, r))
        return out

    def code_name(self, code: str) -> str | None:
        """The name the document's own tables give a function code (支出总表 first)."""
        rows = self.function_rows.get(code)
        return rows[0][1].name if rows else None

    @cached_property
    def used_items(self) -> list[str]:
        """7-digit function codes with money in any function table, in order of appearance."""
        seen: dict[str, None] = {}
        for t in self.tables(FUNCTION_TABLES):
            for r in t.rows:
                if r.kind is RowKind.ITEM and r.code and any(f.value != 0 for f in r.values.values()):
                    seen.setdefault(r.code, None)
        return list(seen)

    # -- units and projects -------------------------------------------------------------------
    @cached_property
    def project_rows(self) -> list[Row]:
        t = self.table(TableKind.PROJECTS)
        return t.rows_of(RowKind.PROJECT) if t is not None else []

    @cached_property
    def sheet_links(self) -> tuple[dict[int, Row], list[Row], list[int]]:
        """(sheet index → project row, projects without a sheet, sheets without a project).

        By code when the sheet prints one; otherwise by name and executing unit, in table order.
        """
        rows = list(self.project_rows)
        taken: set[int] = set()
        links: dict[int, Row] = {}
        sheets = self.budget.projects

        def pick(i: int, sheet: ProjectSheet, exact: bool) -> None:
            best: tuple[float, int] | None = None
            for j, r in enumerate(rows):
                if j in taken:
                    continue
                if sheet.code:
                    if r.code == sheet.code:
                        best = (9.0, j)
                        break
                    continue
                name = similar(name_key(sheet.name), name_key(r.name))
                unit = similar(name_key(sheet.executing_unit or ""), name_key(r.unit_name or "")) \
                    if sheet.executing_unit and r.unit_name else 0.5
                if exact and name < 1.0:
                    continue
                score = name * 2 + unit
                if name >= 0.6 and (best is None or score > best[0]):
                    best = (score, j)
            if best is not None:
                taken.add(best[1])
                links[i] = rows[best[1]]

        for exact in (True, False):
            for i, s in enumerate(sheets):
                if i not in links:
                    pick(i, s, exact)
        missing = [r for j, r in enumerate(rows) if j not in taken]
        orphan = [i for i in range(len(sheets)) if i not in links]
        return links, missing, orphan

    @cached_property
    def table_units(self) -> dict[str, str]:
        """Budget units (code → name) appearing in the per-unit tables."""
        out: dict[str, str] = {}
        for kind in (TableKind.INCOME, TableKind.GPB_BY_UNIT, TableKind.PROJECTS):
            t = self.table(kind)
            if t is None:
                continue
            for r in t.rows_of(RowKind.UNIT):
                if r.code:
                    out.setdefault(r.code, r.name)
        return out

    # -- reporting helpers ----------------------------------------------------------------------
    def mismatch(self, message: str, expected: Amount, actual: Amount,
                 locations: list[SourceRef] | Callable[[], list[SourceRef]],
                 severity: Severity | None = None) -> Hit | None:
        """A finding when ``actual`` disagrees with ``expected`` beyond rounding (locations built lazily)."""
        m: Mismatch | None = compare(expected, actual)
        if m is None:
            return None
        return Hit(message=f"{message}：应为 {m.expected}，实际 {m.actual}，相差 {m.difference}{actual.unit}",
                   locations=locations() if callable(locations) else locations, expected=m.expected,
                   actual=m.actual, difference=m.difference, tolerance=m.tolerance, severity=severity)


def loc(fig: Figure | None, fallback: SourceRef | None = None) -> list[SourceRef]:
    """Locations of a figure (or of its row when the cell is blank)."""
    if fig is not None and fig.source is not None:
        return [fig.source]
    return [fallback] if fallback is not None else []


def row_loc(row: Row, column: str | None = None) -> SourceRef:
    f = row.values.get(column) if column else None
    if f is not None and f.source is not None:
        return f.source
    return row.source.with_(column=column) if column else row.source


def describe(obj: Any) -> str:
    return str(obj)
