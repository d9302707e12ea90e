"""Every rule's documented examples: the failing example makes it fire, the passing one does not.

Examples are edits of the real documents (yusuan.rules.examples), so this is also a test of the
rule on real text. The corrected Qiaokou reference gives no error or warning at all.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from yusuan import load
from yusuan.model import Budget
from yusuan.rules import check_budget, registry
from yusuan.rules.context import CheckContext
from yusuan.rules.engine import run_rule
from yusuan.rules.examples import apply, base_text, suffix

RULES = list(registry().values())


@functools.lru_cache(maxsize=512)
def parse(text: str, ext: str) -> Budget:
    with tempfile.NamedTemporaryFile("w", suffix=ext, delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        return load(f.name)
    finally:
        Path(f.name).unlink()


def findings(rule, example):
    budget = parse(apply(example), suffix(example.base))
    return run_rule(rule, CheckContext(budget))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_failing_example_fires(rule):
    found = findings(rule, rule.fail)
    assert found, f"{rule.id} did not fire on: {rule.fail.description}"
    assert not any("运行出错" in f.message for f in found), found


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_passing_example_is_silent(rule):
    found = findings(rule, rule.passing)
    assert found == [], [f.message for f in found]


def test_corrected_reference_has_no_error_or_warning():
    result = check_budget(parse(base_text("qiaokou"), ".md"))
    assert [f.message for f in result.findings if f.severity.value != "info"] == []


def test_at_least_100_rules_each_documented():
    assert len(RULES) >= 100
    for r in RULES:
        assert r.title and r.explain_zh and r.explain_en and r.fail.description and r.passing.description, r.id
