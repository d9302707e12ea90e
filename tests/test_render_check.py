"""Contradictory data stops rendering unless --force; what the checker finds in a rendered document is
what the data causes; the rendered Markdown of the example matches its golden file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from test_render_support import EXAMPLE, ROOT, read_back_of, rendered
from yusuan.entry.canonical import load_data, read_data
from yusuan.render import ContradictionError, build, read_back

rules = pytest.importorskip("yusuan.rules")
GOLDEN = ROOT / "tests" / "golden" / "render"


def _contradictory(tmp_path: Path) -> Path:
    """The example with a typed 类 total that disagrees with its 项 (科学技术支出 1.00 instead of 930.00)."""
    data = read_data(EXAMPLE)
    data["tables"]["gpb_by_function"]["rows"].append({"code": "206", "name": "科学技术支出", "values": {"total": 1.00}})
    path = tmp_path / "contradictory.yaml"
    path.write_text(yaml.safe_dump(_plain(data), allow_unicode=True), encoding="utf-8")
    return path


def _plain(x: object) -> object:
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return format(x, "f") if isinstance(x, Decimal) else x


def test_contradictory_data_stops_rendering_unless_forced(tmp_path: Path) -> None:
    path = _contradictory(tmp_path)
    budget = load_data(read_data(path), path)
    with pytest.raises(ContradictionError) as caught:
        build(budget, authored=True)
    assert any(f.severity == "error" for f in caught.value.findings)
    prepared = build(budget, authored=True, force=True)
    assert prepared.checked and any(f.severity == "error" for f in prepared.findings)


def test_cli_exits_1_on_contradictions_and_renders_with_force(tmp_path: Path) -> None:
    path = _contradictory(tmp_path)
    out = tmp_path / "out.md"
    cmd = [sys.executable, "-m", "yusuan", "render", str(path), "-o", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and not out.exists()
    assert "error" in r.stderr and "--force" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([*cmd, "--force"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and out.exists()


def test_consistent_example_renders_without_errors_and_a_changed_figure_is_caught() -> None:
    """0.02 is the smallest change a row of two-place figures can reveal: 680.01 against 680.00 + 0
    is still equal within rounding (both intervals contain 680.005), so a 0.01 change is not an error."""
    from yusuan.render import prepare
    from yusuan.render.markdown import to_markdown

    findings = rules.check(read_back_of("example"))
    assert [f.rule for f in findings if f.severity != "info"] == []
    derived = rendered("example").derived
    t = derived.table(__import__("yusuan").model.TableKind.EXPENDITURE)
    i = next(i for i, r in enumerate(t.rows) if r.code == "2060101")
    fig = t.rows[i].values["total"]
    rows = list(t.rows)
    rows[i] = replace(rows[i], values={**rows[i].values, "total": replace(fig, value=fig.value + Decimal("0.02"))})
    changed = replace(derived, tables={**derived.tables, t.kind: replace(t, rows=rows)})
    _, doc, _ = prepare(changed, authored=False)
    assert any(f.severity == "error" for f in rules.check(read_back(to_markdown(doc))))


@pytest.mark.parametrize("name", ["qiaokou", "hanyang"])
def test_rendered_document_raises_no_finding_the_source_data_does_not(name: str) -> None:
    """Re-rendering writes the narrative from the figures: its errors go, the tables' stay."""
    source_rules = {f.rule for f in rules.check(rendered(name).source)}
    rendered_rules = {f.rule for f in rules.check(read_back_of(name))}
    assert rendered_rules <= source_rules
    assert "N001" in source_rules and "N001" not in rendered_rules  # e.g. Qiaokou's 2,840.98 basic expenditure


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")) + "\n"


def test_example_markdown_matches_golden_file() -> None:
    """Set YUSUAN_UPDATE_GOLDEN=1 to rewrite tests/golden/render/ after an intended change."""
    got = _normalise(rendered("example").markdown)
    path = GOLDEN / "entry-example.md"
    if os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), "golden file missing: run with YUSUAN_UPDATE_GOLDEN=1"
    assert got == _normalise(path.read_text(encoding="utf-8"))
