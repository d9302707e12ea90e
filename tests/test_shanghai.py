"""The four Shanghai Putuo 2025 PDFs: summary, every amount of the tables, check, round trip.

Every expected value below was copied by hand from the PDFs (page and table in the comments; the
tables are in 元, the 三公 table in 万元 and converted × 10 000), not produced by running the code.
The 部门 and 单位 documents of each department print the same tables (each department has a single
budget unit: 中小企业服务中心 and 交流服务中心 are 不单列预算), so they share the table figures.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from yusuan import load
from yusuan.model.budget import TableKind
from yusuan.readers import read_layout
from yusuan.readers.text import read_text, write_markdown
from yusuan.recognize import recognize
from yusuan.rules import check
from yusuan.summary import SUMMARY_KEYS, summarize

from conftest import CORPUS

NINE_TABLES = [
    "收支总表",
    "收入总表",
    "支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表（分功能科目）",
    "一般公共预算基本支出表",
    "一般公共预算“三公”经费支出表",
    "政府性基金预算支出表",
    "国有资本经营预算支出表",
]

SHANGWU_TABLES = {
    "department": "上海市普陀区商务委员会",  # cover: 预算主管部门 / 预算单位
    "year": 2025,
    "kind": "budget",
    "profile": "shanghai",
    "table_unit": "元",
    "income_total": "371514655.00",  # 财务收支预算总表 收入总计 371,514,655.00
    "fiscal_appropriation": "371514655.00",  # 一、财政拨款收入 (all 一般公共预算资金)
    "expenditure_total": "371514655.00",  # 支出总计
    "basic": "19830655.00",  # 支出预算总表 合计 基本支出 19,830,655.00
    "project": "351684000.00",  # 项目支出 351,684,000.00
    "gpb_personnel": "18120593.00",  # 经济分类预算表 合计 人员经费 18,120,593.00
    "gpb_public": "1710062.00",  # 公用经费 1,710,062.00
    "three_public_total": "10000.00",  # 三公表 合计 1.00 万元
    "function_classes": {  # 支出预算总表 类 rows
        "201": "21601733.00", "206": "17200000.00", "208": "3808085.00", "210": "881803.00",
        "215": "293810000.00", "216": "31364000.00", "221": "2849034.00",
    },
    "function_items": {  # 支出预算总表 项 rows (类/款/项 columns joined)
        "2011301": "9389913.00", "2011302": "4545000.00", "2011350": "2901820.00", "2011399": "4765000.00",
        "2060503": "17200000.00", "2080501": "1661216.00", "2080502": "17280.00", "2080505": "1410886.00",
        "2080506": "705443.00", "2080599": "13260.00", "2101101": "631941.00", "2101102": "249862.00",
        "2150899": "293810000.00", "2169999": "31364000.00", "2210201": "1361034.00", "2210203": "1488000.00",
    },
    "economic_classes": {"301": "16671057.00", "302": "1632062.00", "303": "1449536.00", "310": "78000.00"},
    "tables_present": NINE_TABLES,
}

BANGONGSHI_TABLES = {
    "department": "上海市普陀区人民政府办公室",
    "year": 2025,
    "kind": "budget",
    "profile": "shanghai",
    "table_unit": "元",
    "income_total": "91016775.35",  # 收入总计 91,016,775.35
    "fiscal_appropriation": "91016775.35",
    "expenditure_total": "91016775.35",
    "basic": "24606775.35",  # 支出预算总表 合计 24,606,775.35
    "project": "66410000.00",
    "gpb_personnel": "22473997.81",
    "gpb_public": "2132777.54",
    "three_public_total": "8675000.00",  # 三公 合计 867.50 万元
    "function_classes": {"201": "82096797.42", "208": "4213779.28", "210": "1097073.43", "221": "3609125.22"},
    "function_items": {
        "2010301": "12029501.84", "2010302": "46140000.00", "2010350": "3807295.58", "2010399": "20120000.00",
        "2080501": "1554220.00", "2080505": "1763159.52", "2080506": "881579.76", "2080599": "14820.00",
        "2101101": "782855.28", "2101102": "314218.15", "2210201": "1741445.22", "2210203": "1867680.00",
    },
    "economic_classes": {"301": "21170337.81", "302": "1932777.54", "303": "1303660.00", "310": "200000.00"},
    "tables_present": NINE_TABLES,
}

# 项目经费情况说明 (部门 documents only): name and 年度预算安排 (万元 → 元).
SHANGWU_PROJECTS = [
    {"code": None, "name": "科技创新专项", "amount": "17200000.00"},  # p23 1720.00万
    {"code": None, "name": "生命健康专项（政策资金）", "amount": "11700000.00"},  # p24 1170.00万
    {"code": None, "name": "商业创新专项（政策资金）", "amount": "14100000.00"},  # p25 1410.00万
    {"code": None, "name": "贸易高质量发展专项（政策资金）", "amount": "29210000.00"},  # p26 2921.00万
]
BANGONGSHI_PROJECTS = [
    # p22: 年度预算安排 gives no amount ("根据合同条款，按时拨付资金").
    {"code": None, "name": "区政府督查及建议提案工作业务经费", "amount": None},
]

DOCS = {
    "shangwu-dept": ("shanghai-putuo-shangwu-2025-dept-budget.pdf", {**SHANGWU_TABLES, "projects": SHANGWU_PROJECTS}),
    "shangwu-unit": ("shanghai-putuo-shangwu-2025-unit-budget.pdf", {**SHANGWU_TABLES, "projects": []}),
    "bangongshi-dept": ("shanghai-putuo-bangongshi-2025-dept-budget.pdf",
                        {**BANGONGSHI_TABLES, "projects": BANGONGSHI_PROJECTS}),
    "bangongshi-unit": ("shanghai-putuo-bangongshi-2025-unit-budget.pdf", {**BANGONGSHI_TABLES, "projects": []}),
}

pytestmark = pytest.mark.corpus


@cache
def budget(name: str):
    return load(CORPUS / DOCS[name][0])


@pytest.mark.parametrize("name", DOCS)
def test_summary(name):
    got = summarize(budget(name))
    assert list(got) == list(SUMMARY_KEYS)
    assert got == DOCS[name][1]


def test_summary_cli_json():
    out = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(CORPUS / DOCS["shangwu-dept"][0]),
                          "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["three_public_total"] == "10000.00"


@pytest.mark.parametrize("name", DOCS)
def test_level_and_profile(name):
    b = budget(name)
    assert b.meta.profile == "shanghai"
    assert b.meta.level == ("unit" if name.endswith("unit") else "department")
    assert not [p for p in b.problems if p.code.startswith(("table.", "text."))], b.problems


# -- every amount printed on a table page is in the model ------------------------------------------

_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])")


def _page_amounts(path: Path) -> list[tuple[int, Decimal]]:
    """Amounts printed on the pages that hold tables, from pypdfium2's plain text of each page: an
    enumeration independent of the reader's positioned-character path and of the recognizer."""
    import pypdfium2 as pdfium

    layout = read_layout(str(path))
    table_pages = {b.page for b in layout.table_blocks()}
    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in sorted(p for p in table_pages if p is not None):
            text = pdf[number - 1].get_textpage().get_text_range()
            out.extend((number, Decimal(m.group(0).replace(",", ""))) for m in _AMOUNT.finditer(text))
    finally:
        pdf.close()
    return out


def _model_amounts(b) -> set[tuple[int | None, Decimal]]:
    found = set()
    for t in b.tables.values():
        lines = [*getattr(t, "rows", []), *getattr(t, "income", []), *getattr(t, "expenditure", [])]
        for ln in lines:
            for f in ln.values.values():
                found.add((f.source.page if f.source else None, f.value))
    return found


@pytest.mark.parametrize("name", DOCS)
def test_every_table_amount_is_in_the_model(name):
    path = CORPUS / DOCS[name][0]
    printed = _page_amounts(path)
    assert len(printed) > 150
    found = _model_amounts(budget(name))
    assert [a for a in printed if a not in found] == []


def test_amount_check_can_fail():
    b = budget("shangwu-unit")
    tables = {k: v for k, v in b.tables.items() if k is not TableKind.GPB_BASIC_ECONOMIC}
    found = _model_amounts(replace(b, tables=tables))
    missing = [a for a in _page_amounts(CORPUS / DOCS["shangwu-unit"][0]) if a not in found]
    assert (19, Decimal("1952616.00")) in missing  # 基本工资 on page 19


# -- narrative ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DOCS)
def test_narrative_amounts_are_tied(name):
    """Every 万元 amount of the 编制说明 and 其他相关情况说明 is read as a claim tied to a quantity,
    except the narrative-only ones (which no table states)."""
    b = budget(name)
    claims = [c for c in b.narrative.claims() if c.kind.value == "amount"]
    untied = [c.subject for c in claims if c.quantity is None]
    assert len(claims) >= 25
    assert untied == []


def test_item_claims_follow_dashed_paths():
    b = budget("bangongshi-dept")
    items = {c.quantity: c.value.value for c in b.narrative.claims() if (c.quantity or "").startswith("expenditure.fn:")}
    assert items["expenditure.fn:2010302"] == Decimal("4614")  # “一般公共服务支出-…-一般行政管理事务”科目4,614万元
    assert len(items) == 12


def test_project_note_fields():
    note = budget("shangwu-dept").projects[1]
    assert note.form == "note" and note.name == "生命健康专项（政策资金）"
    assert note.executing_unit == "上海市普陀区商务委员会"
    assert (note.start_year, note.end_year) == (2025, 2025)
    assert [(d.task, str(d.estimate.value)) for d in note.details] == [
        ("支持企业规模化发展", "870.00"), ("支持企业创新化发展", "70.00"), ("支持企业协同化发展", "180.00"),
        ("支持企业国际化发展", "50.00")]


# -- check -------------------------------------------------------------------------------------

# The findings judged true on these documents (see the closing note of issue 5); anything else is a
# regression or a new rule to judge.
EXPECTED_FINDINGS = {
    "shangwu-dept": {("S019", "warning"): 2, ("C003", "info"): 1},
    "shangwu-unit": {("S019", "warning"): 2, ("C003", "info"): 1},
    "bangongshi-dept": {("C006", "warning"): 2, ("S020", "warning"): 1, ("C003", "info"): 1},
    "bangongshi-unit": {("C006", "warning"): 2, ("C003", "info"): 1},
}


@pytest.mark.parametrize("name", DOCS)
def test_check_findings(name):
    from collections import Counter

    got = Counter((f.rule, f.severity.value) for f in check(budget(name)))
    assert dict(got) == EXPECTED_FINDINGS[name]


def test_profile_override_and_detection(tmp_path):
    # The Markdown form of a Shanghai PDF is still detected as Shanghai; --profile overrides.
    md = tmp_path / "shangwu.md"
    md.write_text(write_markdown(read_layout(str(CORPUS / DOCS["shangwu-unit"][0]))), encoding="utf-8")
    assert load(md).meta.profile == "shanghai"
    assert load(md, profile="unknown").meta.profile == "unknown"


# -- round trip through the Markdown form ---------------------------------------------------------

@pytest.mark.parametrize("name", DOCS)
def test_markdown_form_reads_the_same(name):
    layout = read_layout(str(CORPUS / DOCS[name][0]))
    again = read_text("form.md", write_markdown(layout), "markdown")
    assert summarize(recognize(again)) == summarize(recognize(layout))
    def claims(b):
        return [(c.kind, c.quantity, c.value.value, c.value.unit) for c in b.narrative.claims()]

    assert claims(recognize(again)) == claims(budget(name))


# -- a template yusuan does not know --------------------------------------------------------------

def test_unknown_template_still_gets_its_tables(tmp_path):
    """The 商务委 unit budget with its Shanghai-only titles renamed (收支总表, 三公经费预算表) is not
    recognised as Shanghai; every table is still recognised by title and header, and the check
    report lists which standard tables were found and which were not."""
    text = write_markdown(read_layout(str(CORPUS / DOCS["shangwu-unit"][0])))
    for old, new in (("财务收支预算总表", "收支总表"), ("“三公”经费和机关运行经费预算表", "“三公”经费预算表")):
        text = text.replace(old, new)
    doc = tmp_path / "other-template.md"
    doc.write_text(text, encoding="utf-8")
    b = load(doc)
    assert b.meta.profile == "unknown"
    assert summarize(b)["tables_present"] == NINE_TABLES
    assert {k: v for k, v in summarize(b).items() if k not in ("profile", "projects")} == \
        {k: v for k, v in SHANGWU_TABLES.items() if k != "profile"}
    report = [f for f in check(b) if f.rule == "S021"]
    assert len(report) == 1
    assert "识别出 9 张标准表" in report[0].message
    assert "没有找到：一般公共预算支出表（分单位）、项目支出表" in report[0].message
