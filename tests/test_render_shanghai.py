"""The Shanghai template rendered: the four Putuo PDFs and the authored example.

Read → render (md, html, docx, xlsx, pdf) → read back gives the same ``yusuan summary``; the checker
finds nothing in the rendered document that it does not find in the source (for the example:
nothing at all); every figure the narrative writer states reads back as the same quantity. PDF
conversion (LibreOffice, a few seconds each) happens once per document and session.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from test_render_support import missing_statements, soffice_available
from yusuan import load
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget
from yusuan.summary import summarize

from conftest import CORPUS, ROOT

rules = pytest.importorskip("yusuan.rules")
pytestmark = pytest.mark.corpus

DOCS = {
    "shangwu-dept": CORPUS / "shanghai-putuo-shangwu-2025-dept-budget.pdf",
    "shangwu-unit": CORPUS / "shanghai-putuo-shangwu-2025-unit-budget.pdf",
    "bangongshi-dept": CORPUS / "shanghai-putuo-bangongshi-2025-dept-budget.pdf",
    "bangongshi-unit": CORPUS / "shanghai-putuo-bangongshi-2025-unit-budget.pdf",
}
EXAMPLE = ROOT / "examples" / "entry-example-shanghai.yaml"
SOURCES = {**DOCS, "example": EXAMPLE, "example-unit": EXAMPLE}
NAMES = list(SOURCES)
GOLDEN = ROOT / "tests" / "golden" / "render" / "entry-example-shanghai.md"


@dataclass
class Rendered:
    source: Budget
    authored: bool
    derived: Budget
    markdown: str
    stated: list[tuple[str, str | None, Decimal]]


@lru_cache(maxsize=16)
def rendered(name: str) -> Rendered:
    from yusuan.derive import derive
    from yusuan.entry import load_source
    from yusuan.render.compose import compose
    from yusuan.render.markdown import to_markdown
    from yusuan.render.wording import Words

    budget, authored = load_source(SOURCES[name])
    if name == "example-unit":  # the same data as a 单位 budget: 人员经费 / 公用经费 columns in table 1
        budget = replace(budget, meta=replace(budget.meta, level="unit"))
    derived, notices = derive(budget, authored=authored)
    words = Words(derived, derived.authoring or Authoring())
    doc = compose(derived, words, parsed=not authored, notices=notices)
    return Rendered(budget, authored, derived, to_markdown(doc), list(words.stated))


@lru_cache(maxsize=16)
def read_back_of(name: str) -> Budget:
    from yusuan.render import read_back

    return read_back(rendered(name).markdown, f"{name}.md")


def reference(name: str) -> dict:
    r = rendered(name)
    return summarize(r.derived if r.authored else r.source)


def findings(budget: Budget) -> Counter:
    return Counter((f.rule, f.severity.value) for f in rules.check(budget))


def source_findings(name: str) -> Counter:
    r = rendered(name)
    return Counter() if r.authored else findings(r.source)


def problems(budget: Budget) -> set[str]:
    return {p.code for p in budget.problems}


def assert_same_document(name: str, back: Budget) -> None:
    assert back.meta.profile == "shanghai"
    assert back.meta.level == rendered(name).derived.meta.level
    assert summarize(back) == reference(name)
    assert problems(back) <= problems(rendered(name).source)
    new = findings(back) - source_findings(name)
    assert not new, [f for f in rules.check(back) if (f.rule, f.severity.value) in new]
    # Every figure the narrative states is read from this format too (a line of a PDF that begins with
    # a number must not cut the amount off its subject).
    assert missing_statements(rendered(name).stated, back) == []


# -- Markdown: summary, statements, findings ------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_markdown_round_trip(name: str) -> None:
    assert_same_document(name, read_back_of(name))


@pytest.mark.parametrize("name", NAMES)
def test_every_stated_figure_reads_back_as_the_same_quantity(name: str) -> None:
    r = rendered(name)
    assert len(r.stated) > 50
    assert missing_statements(r.stated, read_back_of(name)) == []
    stated = {(k, q) for k, q, _ in r.stated}
    extra = {(c.kind.value, c.quantity) for c in read_back_of(name).narrative.claims()
             if c.quantity and (c.kind.value, c.quantity) not in stated}
    assert extra == set()


@pytest.mark.parametrize("name", list(DOCS))
def test_rendered_narrative_keeps_the_sources_claims(name: str) -> None:
    """The rewritten narrative states what the document stated (the same quantities, values, comparison
    years and bases — 商务委员会 compares 财政拨款收入 with 2024年预算执行数 — and the projects' amounts),
    so its findings are the data's, not the writer's."""
    def claims(b: Budget) -> Counter:
        return Counter((c.kind.value, c.quantity, c.value.value, c.compare_year, c.compare_basis or "budget")
                       for c in b.narrative.claims() if c.quantity)

    assert claims(read_back_of(name)) == claims(rendered(name).source)

    def notes(b: Budget) -> list:
        return [(s.name, s.current_budget and s.current_budget.value, s.executing_unit, s.period,
                 [(d.task, d.estimate and d.estimate.value) for d in s.details]) for s in b.projects]

    assert notes(read_back_of(name)) == notes(rendered(name).source)


def test_example_renders_clean() -> None:
    for name in ("example", "example-unit"):
        assert list(rules.check(read_back_of(name))) == []


def test_template_elements() -> None:
    md = rendered("shangwu-dept").markdown
    lines = [ln for ln in md.splitlines() if ln.strip()]
    assert lines[:3] == ["上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区商务委员会", "目 录"]
    assert "七、项目经费情况说明" in lines and "编制部门：上海市普陀区商务委员会 单位：元" in lines
    assert "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。" in lines
    assert "| 201 | 13 | 01 | 行政运行 | 9,389,913.00 | 9,389,913.00 |  |  |  |" in lines
    assert any(ln.startswith("13. “资源勘探工业信息等支出（类）支持中小企业发展和管理支出（款）") for ln in lines)
    unit = [ln for ln in rendered("bangongshi-unit").markdown.splitlines() if ln.strip()]
    assert unit[:2] == ["上海市普陀区2025年区级单位预算", "预算单位：上海市普陀区人民政府办公室"]
    assert "9. 2025年单位“三公”经费和机关运行经费预算表" in unit and "七、项目经费情况说明" not in unit
    assert "2025年上海市普陀区人民政府办公室下属1家机关和1家事业单位财政拨款的机关运行经费预算为213.28万元。" in unit
    assert "|  |  |  |  | 人员经费 | 公用经费 |  |" in unit  # table 1 of a 单位 budget


def test_glossary_terms_are_the_documents() -> None:
    """The eight stored definitions are word for word those of the four Putuo documents."""
    from yusuan.render.glossary_shanghai import TERMS

    for name in DOCS:
        own = [(e.term, e.definition) for e in rendered(name).source.glossary.entries if e.definition]
        assert own == list(TERMS), name


def test_example_markdown_matches_golden_file() -> None:
    """Set YUSUAN_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change."""
    got = "\n".join(ln.rstrip() for ln in rendered("example").markdown.strip().split("\n")) + "\n"
    if os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(got, encoding="utf-8")
    assert GOLDEN.exists(), "golden file missing: run with YUSUAN_UPDATE_GOLDEN=1"
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_a_changed_figure_is_caught() -> None:
    """The check of a rendered Shanghai document is not vacuous: a table figure off by 1.00 元 is an error."""
    from yusuan.model.budget import TableKind
    from yusuan.render import prepare, read_back
    from yusuan.render.markdown import to_markdown

    derived = rendered("example").derived
    t = derived.table(TableKind.GPB_BY_FUNCTION)
    i = next(i for i, r in enumerate(t.rows) if r.code == "2060101")
    fig = t.rows[i].values["total"]
    rows = list(t.rows)
    rows[i] = replace(rows[i], values={**rows[i].values, "total": replace(fig, value=fig.value + 1)})
    changed = replace(derived, tables={**derived.tables, t.kind: replace(t, rows=rows)})
    _, doc, _ = prepare(changed, authored=False)
    assert any(f.severity == "error" for f in rules.check(read_back(to_markdown(doc))))


# -- the other formats ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shanghai")


_WRITTEN: dict[tuple[str, str], Path] = {}


def written(name: str, fmt: str, directory: Path) -> Path:
    """Each document is written once per format and session (PDF takes LibreOffice seconds)."""
    if (name, fmt) not in _WRITTEN:
        from yusuan.render import Prepared, write
        from yusuan.render.compose import compose
        from yusuan.render.wording import Words

        r = rendered(name)
        doc = compose(r.derived, Words(r.derived, r.derived.authoring or Authoring()), parsed=not r.authored,
                      notices=[])
        out = directory / f"{name}.{fmt}"
        write(Prepared(r.derived, doc, r.markdown), fmt, out)
        _WRITTEN[(name, fmt)] = out
    return _WRITTEN[(name, fmt)]


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
@pytest.mark.parametrize("name", NAMES)
def test_format_round_trip(name: str, fmt: str, out_dir: Path) -> None:
    assert_same_document(name, load(written(name, fmt, out_dir)))


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", [*DOCS, "example"])
def test_pdf_round_trip(name: str, out_dir: Path) -> None:
    path = written(name, "pdf", out_dir)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
    assert "841.89 x 595" in info or not info  # landscape A4 like the Putuo PDFs
    assert_same_document(name, load(path))


# -- entry workbook and command line -----------------------------------------------------------------

def test_entry_workbook_reads_back_to_the_same_document(tmp_path: Path) -> None:
    from yusuan.entry import load_source
    from yusuan.entry.canonical import load_canonical
    from yusuan.entry.template import write_workbook
    from yusuan.entry.workbook import is_entry_workbook, read_workbook
    from yusuan.errors import UnreadableError
    from yusuan.render import build

    path = tmp_path / "filled.xlsx"
    write_workbook(path, load_canonical(EXAMPLE))
    budget, authored = load_source(path)
    assert authored and budget.meta.profile == "shanghai"
    assert build(budget, authored=True, check=False).markdown == rendered("example").markdown
    blank = tmp_path / "blank.xlsx"
    write_workbook(blank, profile="shanghai")
    assert is_entry_workbook(blank)
    from openpyxl import load_workbook

    assert {"基本信息", "概况", "表5一般公共预算", "表8基本支出经济分类", "表9三公", "上年数与增减原因", "其他事项",
            "项目1"} <= set(load_workbook(blank, read_only=True).sheetnames)
    with pytest.raises(UnreadableError, match="缺少"):
        read_workbook(blank)


def _yusuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True, timeout=300)


def test_cli_template_and_render(tmp_path: Path) -> None:
    wb = tmp_path / "budget.xlsx"
    r = _yusuan("template", "--profile", "shanghai", "-o", str(wb), "--from", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out.md"
    r = _yusuan("render", str(wb), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("上海市示例区2025年区级部门预算")
    r = _yusuan("render", str(DOCS["shangwu-unit"]), "--profile", "shanghai", "-o", str(tmp_path / "sw.md"))
    assert r.returncode == 0, r.stderr
    assert load(tmp_path / "sw.md").meta.profile == "shanghai"


# -- derivation of authored data ------------------------------------------------------------------

def test_example_derives_the_nine_tables() -> None:
    from yusuan.model.budget import RowKind
    from yusuan.model.budget import TableKind as K
    from yusuan.templates import get_template

    SHANGHAI = get_template("shanghai")

    d = rendered("example").derived
    assert list(d.tables) == list(SHANGHAI.tables)
    summary, fiscal = d.balance(K.SUMMARY), d.balance(K.FISCAL_SUMMARY)
    assert [ln.key for ln in summary.income] == ["fiscal", "gpb", "gov_fund", "soe", "business_income",
                                                 "operating_income", "other_income", "total"]
    assert summary.income_line("fiscal").amount.value == Decimal("25900000.00")
    assert [ln.code for ln in fiscal.expenditure][:-1] == ["206", "208", "210", "221"]
    for kind in (K.INCOME, K.EXPENDITURE, K.GPB_BY_FUNCTION, K.GPB_BASIC_ECONOMIC):
        assert d.table(kind).rows[-1].kind is RowKind.TOTAL  # 合计 printed last
    assert d.table(K.GOV_FUND).notes == ["注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"]
    three = d.table(K.THREE_PUBLIC)
    assert three.unit == "万元" and three.rows[0].values["total"].value == Decimal("5.00")
    assert [s.current_budget.value for s in d.projects] == [Decimal("1200.00"), Decimal("350.00")]
    unit = rendered("example-unit").derived.balance(K.SUMMARY).expenditure_line("fn:206")
    assert {k: f.value for k, f in unit.values.items()} == {
        "total": Decimal("22600000.00"), "personnel": Decimal("6200000.00"), "public": Decimal("900000.00"),
        "project": Decimal("15500000.00")}


def test_money_besides_appropriations_needs_the_expenditure_table(tmp_path: Path) -> None:
    import yaml

    from yusuan.derive import derive
    from yusuan.entry.canonical import load_canonical
    from yusuan.model.budget import TableKind as K

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["tables"]["income"] = {"rows": [{"code": "2060101", "name": "行政运行", "values": {"other_income": "1000.00"}}]}
    path = tmp_path / "other-income.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    derived, notices = derive(load_canonical(path), authored=True)
    assert K.EXPENDITURE not in derived.tables
    assert any("支出预算总表需要填写" in n for n in notices)


def test_numbered_lines_are_split_back() -> None:
    from yusuan.render.narrative_shanghai import split_enumeration

    text = "某部门是区政府工作部门。主要职能包括：1、贯彻执行政策。2、完成3.5项任务。（一）秘书科。"
    assert split_enumeration(text) == ["某部门是区政府工作部门。", "主要职能包括：", "1、贯彻执行政策。",
                                       "2、完成3.5项任务。", "（一）秘书科。"]
