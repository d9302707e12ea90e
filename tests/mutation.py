"""Mutation testing of the checker on the real documents.

Each mutant is a copy of a corpus document with one change made in its text:

* ``cell+1`` / ``cell+0.37`` — one numeric cell of the standard tables increased by 1.00 or 0.37;
* ``row-deleted`` — one 项 (7-digit function code) row removed from a table;
* ``code-replaced`` — one 项 code replaced by a code that exists neither in the document nor in the
  catalogue;
* ``narrative+1`` / ``narrative+0.37`` — one 万元 amount or % share/rate in part 3 (and, in the
  Shanghai template, in the 项目经费情况说明) changed.

The Wuhan documents are text conversions and are mutated as they are. A Shanghai document is a PDF:
its Markdown form (``write_markdown(read_layout(pdf))``, which reads back to the same model) is made
once per process and mutated, and baseline and mutants are checked as ``.md``. Shanghai tables print
the function code in three columns 类 | 款 | 项 (the economic table in 类 | 款): a 项 row is one
whose three leading cells join to a 7-digit code, and its code is replaced in the 项 cell.

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
from yusuan.readers.text import read_text, split_pipe_row, write_markdown
from yusuan.recognize.segment import segment
from yusuan.text.numbers import parse_number

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# One 部门 and one 单位 document of the Shanghai template: each department's 部门 and 单位 documents
# print the same tables (test_shanghai.py), so the other two would only repeat these mutants.
DOCS = ("wuhan-qiaokou-jxj-2026-budget.md", "wuhan-hanyang-jxj-2026-budget.txt",
        "shanghai-putuo-shangwu-2025-dept-budget.pdf", "shanghai-putuo-bangongshi-2025-unit-budget.pdf")
_FORM_KINDS = {TableKind.OVERALL_PERFORMANCE, TableKind.PROJECT_PERFORMANCE}
# A 万元 amount or a % figure. A bare 万 not followed by another CJK character counts as 万元: the
# Shanghai 项目经费情况说明 write “1720.00万，其中…”, and a line may wrap between 万 and 元
# (“29,381.00万” / “元，…”). “万人”, “万平方米” and the like are not amounts.
_NARRATIVE_FIGURE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*)(万元|万(?![\u4e00-\u9fff])|%)")
# “100万元以上”, “100万元（含）以上”: a threshold, not an amount.
_THRESHOLD = re.compile(r"(?:[（(]含[)）])?以[上下]")


@dataclass(frozen=True)
class Mutant:
    doc: str
    kind: str
    line: int
    before: str
    after: str

    def describe(self) -> str:
        return f"{short(self.doc)}:{self.line} {self.kind} {self.before!r}→{self.after!r}"


def short(doc: str) -> str:
    """qiaokou, hanyang; shangwu-dept, bangongshi-unit."""
    parts = doc.split("-")
    return f"{parts[2]}-{parts[4]}" if parts[0] == "shanghai" else parts[1]


_SOURCE: dict[str, str] = {}


def source(doc: str) -> str:
    """The text that is mutated: the file itself, or the Markdown form of a PDF (made once)."""
    if doc not in _SOURCE:
        path = CORPUS / doc
        if path.suffix == ".pdf":
            _SOURCE[doc] = write_markdown(read_layout(path))
        else:
            _SOURCE[doc] = path.read_text(encoding="utf-8")
    return _SOURCE[doc]


def suffix(doc: str) -> str:
    """The form the document and its mutants are checked in."""
    return ".md" if doc.endswith(".pdf") else Path(doc).suffix


def _format_like(original: str, value: Decimal) -> str:
    places = len(original.split(".", 1)[1]) if "." in original else 0
    places = max(places, 2 if value != value.to_integral_value() else places)
    text = f"{value:,.{places}f}" if "," in original else f"{value:.{places}f}"
    return text


def _split(line: str, doc: str) -> list[str]:
    return split_pipe_row(line) if suffix(doc) == ".md" else line.split("\t")


def _join(cells: list[str], doc: str) -> str:
    return "|" + "|".join(cells) + "|" if suffix(doc) == ".md" else "\t".join(cells)


def _code_cells(row) -> int:
    """How many leading cells of a row hold a split classification code (类 | 款 | 项 or 类 | 款): a
    3-digit 类 in column 0 followed by 2-digit or empty cells. Wuhan rows print the code whole in
    column 0, whose next cell is the name: 0 then (column 0 is skipped on its own, see below)."""
    texts = [c.text.replace(" ", "") for c in row.cells]
    if not texts or not re.fullmatch(r"\d{3}", texts[0]) or any(c.col != i for i, c in enumerate(row.cells)):
        return 0
    n = 1
    while n < min(3, len(texts)) and re.fullmatch(r"\d{2}|", texts[n]):
        n += 1
    return n if n > 1 else 0


def _function_code(row) -> str | None:
    """The 7-digit 项 code of a row: whole in column 0 (Wuhan) or joined from 类 | 款 | 项 (Shanghai)."""
    texts = [c.text.replace(" ", "") for c in row.cells[:3]]
    if texts and re.fullmatch(r"\d{7}", texts[0]):
        return texts[0]
    if _code_cells(row) == 3 and re.fullmatch(r"\d{7}", "".join(texts)):
        return "".join(texts)
    return None


def mutants(doc: str) -> list[Mutant]:
    text = source(doc)
    lines = text.splitlines()
    layout = read_text(f"{Path(doc).stem}.md", text, "markdown") if doc.endswith(".pdf") else read_layout(CORPUS / doc)
    seg = segment(layout)
    out: list[Mutant] = []
    table_rows = [(sec, row) for sec in seg.tables if sec.kind not in _FORM_KINDS and sec.kind is not None
                  for block in sec.blocks if isinstance(block, TableBlock) for row in block.rows]
    codes_in_doc = {m.group(0) for m in re.finditer(r"\b\d{7}\b", text)}
    codes_in_doc |= {code for _, row in table_rows if (code := _function_code(row))}
    from yusuan.catalog import load_catalog

    catalog = load_catalog()
    # Wuhan: column 0 is never mutated (the code, 合计, or the 三公 合计; unchanged from the first
    # version of this test). Shanghai: the code cells are skipped, and column 0 of the 三公 table
    # (its 合计) is a figure like any other.
    skip_first = not doc.endswith(".pdf")
    for _sec, row in table_rows:
        assert row.line is not None
        raw = lines[row.line - 1]
        cells = _split(raw, doc)
        n_code = _code_cells(row)
        for c in row.cells:
            parsed = parse_number(c.text)
            if parsed is None or c.col >= len(cells) or c.col < n_code:
                continue
            if (skip_first and c.col == 0) or (re.fullmatch(r"\d{3,}", c.text.replace(" ", "")) and "." not in c.text):
                continue  # a code, not an amount
            for delta, kind in ((Decimal("1.00"), "cell+1"), (Decimal("0.37"), "cell+0.37")):
                new = list(cells)
                new[c.col] = new[c.col].replace(c.raw.strip(), _format_like(c.text, parsed[0] + delta))
                out.append(Mutant(doc, kind, row.line, raw, _join(new, doc)))
        code = _function_code(row)
        if code is not None:
            out.append(Mutant(doc, "row-deleted", row.line, raw, ""))
            for end in range(77, 100):
                fake = code[:5] + str(end)
                if fake not in codes_in_doc and not catalog.knows(fake):
                    break
            new = list(cells)
            if n_code == 3:  # replace the 项 cell
                new[2] = new[2].replace(code[5:], fake[5:])
            else:
                new[0] = new[0].replace(code, fake)
            out.append(Mutant(doc, "code-replaced", row.line, raw, _join(new, doc)))
    narrative = [*seg.parts.get(3, []), *(b for note in seg.project_notes for b in note)]
    for b in narrative:
        raw = lines[b.line - 1] if b.line else ""
        for m in _NARRATIVE_FIGURE.finditer(raw):
            if _THRESHOLD.match(raw, m.end()):
                continue
            number = m.group(1)
            value = Decimal(number.replace(",", ""))
            for delta, kind in ((Decimal("1.00"), "narrative+1"), (Decimal("0.37"), "narrative+0.37")):
                new = raw[: m.start(1)] + _format_like(number, value + delta) + raw[m.end(1):]
                out.append(Mutant(doc, kind, b.line, raw, new))
    return out


def apply(m: Mutant) -> str:
    lines = source(m.doc).splitlines()
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
    if m.doc not in _BASELINE:
        _BASELINE[m.doc] = _signature(source(m.doc), suffix(m.doc))
    return bool(_signature(apply(m), suffix(m.doc)) - _BASELINE[m.doc])


def run_all(workers: int = 2, docs: tuple[str, ...] = DOCS) -> list[tuple[Mutant, bool]]:
    all_mutants = [m for d in docs for m in mutants(d)]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(killed, all_mutants, chunksize=8))
    return list(zip(all_mutants, results, strict=True))


def family(kind: str) -> str:
    return {"cell+1": "table cells", "cell+0.37": "table cells", "row-deleted": "项 rows",
            "code-replaced": "项 codes"}.get(kind, "narrative figures")


def main() -> None:
    docs = tuple(d for d in DOCS if any(a in d for a in sys.argv[1:])) or DOCS
    results = run_all(docs=docs)
    totals: Counter[tuple[str, str]] = Counter()
    kills: Counter[tuple[str, str]] = Counter()
    for m, k in results:
        for key in ((m.kind, ""), (m.kind, short(m.doc))):
            totals[key] += 1
            kills[key] += k
    names = [short(d) for d in docs]
    print(f"{'kind':16} {'mutants':>8} {'killed':>8} {'rate':>7}   " + "  ".join(f"{n:>16}" for n in names))
    for kind, doc in totals:
        if doc:
            continue
        per_doc = "  ".join(f"{kills[kind, n]:>7d}/{totals[kind, n]:<8d}" if totals[kind, n] else f"{'-':>16}"
                            for n in names)
        print(f"{kind:16} {totals[kind, '']:8d} {kills[kind, '']:8d} {kills[kind, ''] / totals[kind, '']:7.1%}   "
              + per_doc)
    print("\nsurvivors:")
    for m, k in results:
        if not k:
            print("  " + m.describe())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
