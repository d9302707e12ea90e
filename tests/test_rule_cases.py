"""Rule cases that pin what a finding says, in the manner of sqlfluff's YAML rule tests.

``tests/rules/<RULE>.yaml`` holds the cases of one rule::

    rule: Y003
    cases:
      - name: central_2024_final_total_rate        # a real error of a corpus document
        document: central-xinfangju-2024-final.pdf  # file name in ../shared/corpus
        findings:                                   # exactly these findings of the rule, in any order
          - {page: 17, line: 3, text: "35.74%", expected: "35.94", actual: "35.74", severity: error}
        silent: [Y001, Y002]                        # rules that must raise nothing here (one fault, one error)
      - name: qiaokou_rate_mistyped
        document: wuhan-qiaokou-jxj-2026-budget.md
        edits: [["降低 2.9%", "降低 3.9%"]]         # each ``old`` occurs exactly once; a PDF is edited as Markdown
        findings: [...]

In an edited document, ``silent`` rules may still raise what they raise in the document unedited (its
real errors); what they must not raise is anything new. The place of a finding is its first location (the narrative figure): ``page``, ``line``, ``section``
(a prefix) and ``text`` are compared when the case gives them. The document is checked by the engine
with only the rule and the ``silent`` rules selected, so that findings resting on a table read in
doubt are held back exactly as in ``yusuan check``.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from yusuan import load
from yusuan.model import Budget
from yusuan.rules import check_budget
from yusuan.rules.examples import corpus_dir

CASES_DIR = Path(__file__).parent / "rules"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


CASES = _cases()


@functools.lru_cache(maxsize=8)
def _text(document: str) -> str:
    path = corpus_dir() / document
    if path.suffix == ".pdf":
        from yusuan.readers import read_layout
        from yusuan.readers.text import write_markdown

        return write_markdown(read_layout(str(path)))
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def _budget(document: str, edits: tuple[tuple[str, str], ...], as_text: bool = False) -> Budget:
    """The document, edited; an edited PDF (and its baseline, ``as_text``) is read as Markdown."""
    if not edits and not as_text:
        return load(corpus_dir() / document)
    text = _text(document)
    for old, new in edits:
        count = text.count(old)
        assert count == 1, f"edit must occur exactly once in {document}, found {count}: {old[:40]!r}"
        text = text.replace(old, new)
    suffix = ".md" if document.endswith(".pdf") else Path(document).suffix
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        return load(f.name)
    finally:
        Path(f.name).unlink()


def _matches(finding: Any, want: dict[str, Any]) -> bool:
    loc = finding.locations[0] if finding.locations else None
    for key in ("page", "line", "text"):
        if key in want and (loc is None or getattr(loc, key) != want[key]):
            return False
    if "section" in want and (loc is None or not (loc.section or "").startswith(want["section"])):
        return False
    for key in ("expected", "actual"):
        if key in want and str(getattr(finding, key)) != str(want[key]):
            return False
    return finding.severity.value == want.get("severity", "error")


def _describe(f: Any) -> str:
    loc = f.locations[0] if f.locations else None
    where = f"p{loc.page} l{loc.line} {loc.text!r}" if loc else "-"
    return f"{f.rule} {f.severity.value} {where} expected={f.expected} actual={f.actual}: {f.message}"


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}-{c['name']}" for r, c in CASES])
def test_rule_case(rule: str, case: dict[str, Any]) -> None:
    edits = tuple(tuple(e) for e in case.get("edits") or ())
    budget = _budget(case["document"], edits)  # type: ignore[arg-type]
    silent = list(case.get("silent") or [])
    result = check_budget(budget, select_patterns=[rule, *silent])
    found = [f for f in result.findings if f.rule == rule]
    wanted = list(case.get("findings") or [])
    unmatched = list(found)
    for want in wanted:
        hit = next((f for f in unmatched if _matches(f, want)), None)
        assert hit is not None, f"no finding {want}; found: {[_describe(f) for f in found]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {[_describe(f) for f in unmatched]}"
    noise = [f for f in result.findings if f.rule in silent]
    if edits and noise:
        # What the silent rules find in the unedited document is not caused by the edit.
        before = check_budget(_budget(case["document"], (), True), select_patterns=silent)
        known = {(f.rule, f.message) for f in before.findings}
        noise = [f for f in noise if (f.rule, f.message) not in known]
    assert not noise, f"rules that must stay silent raised: {[_describe(f) for f in noise]}"


def test_every_case_file_names_a_rule_and_a_silent_case_from_another_region() -> None:
    """Each rule's cases include a document of neither Wuhan nor Shanghai where the rule stays silent."""
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for rule, case in CASES:
        by_rule.setdefault(rule, []).append(case)
    assert by_rule
    for rule, cases in by_rule.items():
        assert len(cases) >= 3, rule
        assert any(not c.get("findings") and not c["document"].startswith(("wuhan", "shanghai")) for c in cases), rule
        assert any(c.get("findings") for c in cases), rule
