"""Mutation testing of the checker on the real documents.

Each mutant is a copy of a corpus document with one change made in its text:

* ``cell+1`` / ``cell+0.37`` — one numeric cell of tables 1–10 increased by 1.00 or 0.37;
* ``row-deleted`` — one 项 (7-digit code) row removed from a table;
* ``code-replaced`` — one 项 code replaced by a code that exists neither in the document nor in the
  catalogue;
* ``narrative+1`` / ``narrative+0.37`` — one 万元 amount or % share/rate in part 3 changed.

A mutant is killed when checking it gives an error or warning the unmutated document does not give.
Run ``python tests/mutation.py`` for the full report (kill rates and surviving mutants).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.layout import TableBlock
from yusuan.model.budget import TableKind
from yusuan.readers import read_layout
from yusuan.readers.text import split_pipe_row
from yusuan.recognize.segment import segment
from yusuan.text.numbers import parse_number

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DOCS = ("wuhan-qiaokou-jxj-2026-budget.md", "wuhan-hanyang-jxj-2026-budget.txt")
_FORM_KINDS = {TableKind.OVERALL_PERFORMANCE, TableKind.PROJECT_PERFORMANCE}
_NARRATIVE_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*)(万元|%)")


@dataclass(frozen=True)
class Mutant:
    doc: str
    kind: str
    line: int
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.doc.split('-')[1]}:{self.line} {self.kind} {self.before!r}→{self.after!r}"


def _format_like(original: str, value: Decimal) -> str:
    places = len(original.split(".", 1)[1]) if "." in original else 0
    places = max(places, 2 if value != value.to_integral_value() else places)
    text = f"{value:,.{places}f}" if "," in original else f"{value:.{places}f}"
    return text


def _split(line: str, doc: str) -> list[str]:
    return split_pipe_row(line) if doc.endswith(".md") else line.split("\t")


def _join(cells: list[str], doc: str) -> str:
    return "|" + "|".join(cells) + "|" if doc.endswith(".md") else "\t".join(cells)


def mutants(doc: str) -> list[Mutant]:
    path = CORPUS / doc
    lines = path.read_text(encoding="utf-8").splitlines()
    seg = segment(read_layout(path))
    out: list[Mutant] = []
    codes_in_doc = {m.group(0) for m in re.finditer(r"\b\d{7}\b", "\n".join(lines))}
    from yusuan.catalog import load_catalog

    catalog = load_catalog()
    for sec in seg.tables:
        if sec.kind in _FORM_KINDS or sec.kind is None:
            continue
        for block in sec.blocks:
            if not isinstance(block, TableBlock):
                continue
            for row in block.rows:
                assert row.line is not None
                raw = lines[row.line - 1]
                cells = _split(raw, doc)
                for c in row.cells:
                    parsed = parse_number(c.text)
                    if parsed is None or c.col >= len(cells):
                        continue
                    if c.col == 0 or (re.fullmatch(r"\d{3,}", c.text.replace(" ", "")) and "." not in c.text):
                        continue  # a code, not an amount
                    for delta, kind in ((Decimal("1.00"), "cell+1"), (Decimal("0.37"), "cell+0.37")):
                        new = list(cells)
                        new[c.col] = new[c.col].replace(c.raw.strip(), _format_like(c.text, parsed[0] + delta))
                        out.append(Mutant(doc, kind, row.line, raw, _join(new, doc)))
                code = row.cells[0].text.replace(" ", "") if row.cells else ""
                if re.fullmatch(r"\d{7}", code):
                    out.append(Mutant(doc, "row-deleted", row.line, raw, ""))
                    for suffix in range(77, 100):
                        fake = code[:5] + str(suffix)
                        if fake not in codes_in_doc and not catalog.knows(fake):
                            break
                    new = list(cells)
                    new[0] = new[0].replace(code, fake)
                    out.append(Mutant(doc, "code-replaced", row.line, raw, _join(new, doc)))
    for b in seg.parts.get(3, []):
        text = getattr(b, "text", "")
        raw = lines[b.line - 1] if b.line else ""
        for m in _NARRATIVE_FIGURE.finditer(raw):
            if raw[m.end():m.end() + 2] in ("以上", "以下"):
                continue
            number = m.group(1)
            value = Decimal(number.replace(",", ""))
            for delta, kind in ((Decimal("1.00"), "narrative+1"), (Decimal("0.37"), "narrative+0.37")):
                new = raw[: m.start(1)] + _format_like(number, value + delta) + raw[m.end(1):]
                out.append(Mutant(doc, kind, b.line, raw, new))
        del text
    return out


def apply(m: Mutant) -> str:
    lines = (CORPUS / m.doc).read_text(encoding="utf-8").splitlines()
    assert lines[m.line - 1] == m.before
    if m.after == "":
        del lines[m.line - 1]
    else:
        lines[m.line - 1] = m.after
    return "\n".join(lines) + "\n"


def _signature(text: str, suffix: str) -> frozenset[tuple[str, str]]:
    from yusuan import load
    from yusuan.rules import check

    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        findings = check(load(f.name))
    finally:
        Path(f.name).unlink()
    return frozenset((x.rule, x.message) for x in findings if x.severity.value != "info")


_BASELINE: dict[str, frozenset[tuple[str, str]]] = {}


def killed(m: Mutant) -> bool:
    suffix = Path(m.doc).suffix
    if m.doc not in _BASELINE:
        _BASELINE[m.doc] = _signature((CORPUS / m.doc).read_text(encoding="utf-8"), suffix)
    return bool(_signature(apply(m), suffix) - _BASELINE[m.doc])


def run_all(workers: int = 2) -> list[tuple[Mutant, bool]]:
    all_mutants = [m for d in DOCS for m in mutants(d)]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(killed, all_mutants, chunksize=8))
    return list(zip(all_mutants, results, strict=True))


def family(kind: str) -> str:
    return {"cell+1": "table cells", "cell+0.37": "table cells", "row-deleted": "项 rows",
            "code-replaced": "项 codes"}.get(kind, "narrative figures")


def main() -> None:
    results = run_all()
    totals: Counter[str] = Counter()
    kills: Counter[str] = Counter()
    for m, k in results:
        totals[m.kind] += 1
        kills[m.kind] += k
    print(f"{'kind':16} {'mutants':>8} {'killed':>8} {'rate':>7}")
    for kind in totals:
        print(f"{kind:16} {totals[kind]:8d} {kills[kind]:8d} {kills[kind] / totals[kind]:7.1%}")
    print("\nsurvivors:")
    for m, k in results:
        if not k:
            print("  " + m.describe())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
