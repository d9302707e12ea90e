"""Authored input: canonical YAML/JSON shorthands and the Excel entry workbook."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from test_render_support import EXAMPLE, soffice_available
from yusuan.entry import load_source
from yusuan.entry.canonical import load_canonical
from yusuan.entry.template import write_workbook
from yusuan.entry.workbook import is_entry_workbook, read_workbook
from yusuan.errors import UnreadableError
from yusuan.model.budget import RowKind, TableKind
from yusuan.render import build, write
from yusuan.summary import summarize

K = TableKind


def test_yaml_numbers_keep_their_printed_places_and_never_pass_through_float(tmp_path: Path) -> None:
    p = tmp_path / "b.yaml"
    p.write_text("meta: {department: 示例局, year: 2026}\n"
                 "tables:\n  gpb_by_function:\n    rows:\n"
                 "      - {code: '2060101', name: 行政运行, values: {personnel: 1160.10, public: '1,234.5'}}\n"
                 "      - {values: {total: 0.1}}\n", encoding="utf-8")
    b = load_canonical(p)
    t = b.table(K.GPB_BY_FUNCTION)
    item = t.find("2060101")
    assert item.kind is RowKind.ITEM and t.rows[1].kind is RowKind.TOTAL
    assert (item.values["personnel"].value, item.values["personnel"].places) == (Decimal("1160.10"), 2)
    assert item.values["public"].value == Decimal("1234.5") and item.values["public"].places == 2
    assert t.rows[1].values["total"].value == Decimal("0.1")  # not 0.1000000000000000055…
    assert item.source.file == str(p)


def test_json_input_and_bad_input_errors(tmp_path: Path) -> None:
    p = tmp_path / "b.json"
    p.write_text(json.dumps({"meta": {"department": "示例局", "year": 2026},
                             "tables": {"income": {"rows": [{"code": "999001", "name": "本级",
                                                             "values": {"current.gpb": 12.5}}]}}}), encoding="utf-8")
    assert load_canonical(p).table(K.INCOME).find("999001").values["current.gpb"].value == Decimal("12.5")
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {department: 示例局}\n", encoding="utf-8")
    with pytest.raises(UnreadableError, match="预算年度"):
        load_canonical(bad)
    bad.write_text("meta: {department: 示例局, year: 2026}\ntables: {income: {rows: [{code: 1, kind: nonsense}]}}\n",
                   encoding="utf-8")
    with pytest.raises(UnreadableError, match=r"tables\.income"):
        load_canonical(bad)


def test_blank_template_is_marked_and_refuses_to_render_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    assert is_entry_workbook(path)
    from openpyxl import load_workbook

    names = load_workbook(path, read_only=True).sheetnames
    assert {"基本信息", "概况", "表2收入", "表5-1一般公共预算", "表10项目", "上年数与增减原因", "其他事项",
            "表11整体绩效", "项目1"} <= set(names)
    with pytest.raises(UnreadableError, match="缺少部门名称"):
        read_workbook(path)


@pytest.fixture(scope="module")
def filled() -> Path:
    """The filled example workbook in the repository (examples/entry-example.xlsx: what a finance
    officer hands in, written by ``yusuan template --from examples/entry-example.yaml``). The next
    test keeps it in step with the YAML."""
    return EXAMPLE.with_suffix(".xlsx")


def test_filled_workbook_reads_back_to_the_same_document(filled: Path) -> None:
    from_yaml = build(load_canonical(EXAMPLE), authored=True, check=False).markdown
    budget, authored = load_source(filled)
    assert authored
    assert build(budget, authored=True, check=False).markdown == from_yaml


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "xlsx", "pdf"])
def test_filled_workbook_renders_to_every_format(filled: Path, fmt: str, tmp_path: Path) -> None:
    if fmt == "pdf" and not soffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    budget, authored = load_source(filled)
    prepared = build(budget, authored=authored)
    out = tmp_path / f"example.{fmt}"
    write(prepared, fmt, out)
    from yusuan import load

    assert summarize(load(out)) == summarize(prepared.budget)


def _yusuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True, timeout=300)


def test_cli_template_and_render(tmp_path: Path) -> None:
    wb = tmp_path / "budget.xlsx"
    r = _yusuan("template", "--profile", "wuhan", "-o", str(wb), "--from", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out.md"
    r = _yusuan("render", str(wb), "--to", "md", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("示例区经济信息化局2026年部门预算")


@pytest.mark.parametrize("args, message", [
    (["render", "missing.yaml", "-o", "x.md"], "文件不存在"),
    (["render", str(EXAMPLE), "-o", "x.txt"], "--to"),
    (["render", str(EXAMPLE), "-o", "x.md", "--profile", "shanghai"], "shanghai"),
    (["template", "-o", "x.csv"], ".xlsx"),
])
def test_cli_bad_input_is_one_line_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    r = _yusuan(*[a if not a.startswith("x.") else str(tmp_path / a) for a in args])
    assert r.returncode == 2
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
