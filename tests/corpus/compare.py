"""Compare what yusuan reads of a corpus document with the values written by hand in expected/.

Used by the corpus tests and runnable as a script for the per-document table of the closing notes:

    python tests/corpus/compare.py            # every document
    python tests/corpus/compare.py swu-2023-budget
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus"
EXPECTED = HERE / "expected"

# Kinds whose entries are one per sheet (forms), not one table.
SHEET_KINDS = {"project_performance", "self_evaluation"}


@cache
def expected(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXPECTED / f"{name}.yaml").read_text(encoding="utf-8"))


def names() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.yaml"))


def document_path(name: str) -> Path:
    return CORPUS / expected(name)["document"]


def _dec(text: Any) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text).replace(",", ""))
    except ArithmeticError:
        return None


@dataclass
class TableResult:
    kind: str
    title: str
    found: bool
    unit_ok: bool = True
    rows_expected: int | None = None
    rows_found: int | None = None
    cells_checked: int = 0
    cells_wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.found and self.unit_ok and not self.cells_wrong and (
            self.rows_expected is None or self.rows_found == self.rows_expected)


def _row_values(row: Any) -> dict[str, Decimal]:
    return {k: f.value for k, f in row.values.items()}


def _match_value(meaning: str, value: Decimal, found: dict[str, Decimal]) -> bool:
    for k, v in found.items():
        same = k == meaning or k.endswith("." + meaning) or k.split(".")[-1] == meaning.split(".")[-1]
        if same and v == value:
            return True
    return value in found.values() or (value == 0 and meaning not in found)


def _compare_code_table(exp: dict[str, Any], table: Any, res: TableResult) -> None:
    from yusuan.text.cjk import name_key

    rows = list(table.rows)
    res.rows_found = len([r for r in rows if r.values])
    for er in exp.get("rows") or []:
        code, name = er.get("code"), er.get("name")
        cand = [r for r in rows if code and r.code == str(code)] or [
            r for r in rows if name and name_key(r.name) == name_key(str(name))]
        if not cand and not code and (not name or name_key(str(name)) in ("合计", "总计")):
            cand = [r for r in rows if r.kind.value == "total"]
        values = {k: _dec(v) for k, v in (er.get("values") or {}).items()}
        res.cells_checked += len(values)
        if not cand:
            res.cells_wrong.append(f"row {code or name} not found")
            continue
        got = _row_values(cand[0])
        for meaning, v in values.items():
            if v is not None and not _match_value(meaning, v, got):
                res.cells_wrong.append(f"{code or name}.{meaning}={v} (read {sorted(got.items())[:6]})")


def _compare_balance(exp: dict[str, Any], table: Any, res: TableResult) -> None:
    from yusuan.templates.vocabulary import strip_ordinal
    from yusuan.text.cjk import name_key

    res.rows_found = len({ln.source.row for ln in [*table.income, *table.expenditure] if ln.values})
    for er in exp.get("rows") or []:
        side = table.income if er.get("side") == "income" else table.expenditure
        label = name_key(strip_ordinal(str(er.get("label", ""))))
        cand = [ln for ln in side if name_key(strip_ordinal(ln.label)) == label]
        values = {k: _dec(v) for k, v in (er.get("values") or {}).items()}
        res.cells_checked += len(values)
        if not cand:
            res.cells_wrong.append(f"{er.get('side')} line {er.get('label')} not found")
            continue
        got = {k: f.value for k, f in cand[0].values.items()}
        for meaning, v in values.items():
            if v is not None and not _match_value(meaning, v, got):
                res.cells_wrong.append(f"{er.get('label')}.{meaning}={v} (read {got})")


def compare_tables(name: str, budget: Any) -> list[TableResult]:
    from yusuan.model.budget import BalanceTable, TableKind

    out: list[TableResult] = []
    exp = expected(name)
    sheets = {"project_performance": [s for s in budget.projects if s.form == "sheet"], "self_evaluation": []}
    sheet_expected = {k: [t for t in exp.get("tables") or [] if t["kind"] == k] for k in SHEET_KINDS}
    for k in SHEET_KINDS:
        if sheet_expected[k]:
            n, got = len(sheet_expected[k]), len(sheets[k])
            out.append(TableResult(kind=k, title=f"{n} sheets", found=got > 0, rows_expected=n, rows_found=got))
    for t in exp.get("tables") or []:
        kind = t["kind"]
        if kind in SHEET_KINDS:
            continue
        res = TableResult(kind=kind, title=str(t.get("title")), found=False, rows_expected=t.get("data_rows"))
        out.append(res)
        if kind == "other":
            res.found = True  # outside the family: nothing to recognise
            res.rows_expected = None
            continue
        if kind == "overall_performance":
            res.found = budget.overall_performance is not None
            res.rows_expected = None
            continue
        table = budget.tables.get(TableKind(kind))
        if table is None:
            continue
        res.found = True
        if t.get("unit"):
            res.unit_ok = table.unit == t["unit"]
        if t.get("empty"):
            res.rows_expected = None
        if isinstance(table, BalanceTable):
            _compare_balance(t, table, res)
        else:
            _compare_code_table(t, table, res)
    return out


def _load(name: str) -> Any:
    from yusuan.api import load

    return load(document_path(name))


def report(selected: list[str]) -> None:
    total = ok = 0
    for name in selected:
        try:
            budget = _load(name)
        except Exception as exc:
            print(f"{name}: not read ({exc})")
            continue
        results = compare_tables(name, budget)
        good = sum(r.ok for r in results)
        total += len(results)
        ok += good
        print(f"{name}: {good}/{len(results)} tables right  template={budget.meta.profile}")
        for r in results:
            if not r.ok:
                why = []
                if not r.found:
                    why.append("not found")
                if not r.unit_ok:
                    why.append("unit")
                if r.rows_expected is not None and r.rows_found != r.rows_expected:
                    why.append(f"rows {r.rows_found}/{r.rows_expected}")
                why.extend(r.cells_wrong[:3])
                print(f"    {r.kind:22} {r.title[:24]:24} {'; '.join(why)}")
    print(f"all: {ok}/{total} tables right")


if __name__ == "__main__":
    report(sys.argv[1:] or names())
