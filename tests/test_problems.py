"""Every reading problem the code base records is in the catalogue, and reaches `yusuan check`."""

from __future__ import annotations

import re
from pathlib import Path

from yusuan.model.problems import PROBLEM_KINDS

SRC = Path(__file__).resolve().parents[1] / "src" / "yusuan"
_RECORDED = re.compile(r"""(?:problem\(\s*|code=|_problem\(\s*layout,\s*)["']([a-z_]+\.[a-z_]+)["']""")


def recorded_codes() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes.update(_RECORDED.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_recorded_problem_is_in_the_catalogue():
    codes = recorded_codes()
    assert len(codes) >= 15, codes  # the pattern still finds the calls
    assert codes <= set(PROBLEM_KINDS), sorted(codes - set(PROBLEM_KINDS))


def test_severities_are_known():
    assert {k.severity for k in PROBLEM_KINDS.values()} <= {"error", "warning", "info"}


def test_a_problem_reaches_the_check(tmp_path):
    from yusuan.api import load
    from yusuan.rules import check

    text = (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wuhan-hanyang-jxj-2026-budget.txt")
    data = text.read_bytes()
    cut = data.rindex("。".encode()) + 1  # inside the last full stop: a download cut short
    doc = tmp_path / "cut.txt"
    doc.write_bytes(data[:cut])
    found = [f for f in check(load(doc)) if f.rule == "S010" and "截断" in f.message]
    assert found and found[0].severity.value == "error"
