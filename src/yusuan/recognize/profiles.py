"""Profiles: which tables, units and sections a local template uses.

Rules ask the profile what should be present rather than hard-coding one locality. The table lists
come from the templates as published (domain.md §1; Wuhan: the contents pages of both seeds;
Shanghai: the contents pages of the four Putuo 2025 documents, which list the nine tables by these
names after the year and 部门/预算单位).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.budget import TABLE_NAMES, TableKind
from yusuan.model.figures import WAN, YUAN

K = TableKind


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    tables: tuple[TableKind, ...]  # required tables, in the template's order
    table_numbers: dict[TableKind, str] = field(default_factory=dict)
    table_unit: str = WAN
    narrative_unit: str = WAN
    narrative_topics: tuple[str, ...] = ()  # required sections of the narrative, by topic
    narrative_subjects: tuple[str, ...] = ()  # required sections of topic "other", by subject
    # Statements the template requires in the narrative: (quantity key, claim kind or "", what it is).
    required_statements: tuple[tuple[str, str, str], ...] = ()
    has_parts: bool = True  # 第一部分 … 第四部分
    numbers_printed: bool = True  # tables carry 表N above their title (else only the contents number them)
    table_titles: dict[TableKind, str] = field(default_factory=dict)  # printed names, without year and scope
    glossary_items: bool = True  # 名词解释 explains every 项 used (Wuhan); Shanghai's explains terms only
    project_form: str = "sheet"  # how projects are described: sheet (项目申报表 with targets) | note (情况说明)

    def number_of(self, kind: TableKind) -> str | None:
        return self.table_numbers.get(kind)

    def title_of(self, kind: TableKind) -> str:
        return self.table_titles.get(kind) or TABLE_NAMES[kind]

    def label_of(self, kind: TableKind) -> str:
        """How findings name a table of this template that the document lacks."""
        number = self.number_of(kind)
        if number and self.numbers_printed:
            return f"表{number}"
        return self.title_of(kind)


WUHAN = Profile(
    id="wuhan",
    name="武汉市区级部门预算（12张表）",
    tables=(K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GPB_BY_FUNCTION, K.GPB_BY_UNIT,
            K.GPB_BASIC_ECONOMIC, K.THREE_PUBLIC, K.GOV_FUND, K.SOE_CAPITAL, K.PROJECTS,
            K.OVERALL_PERFORMANCE, K.PROJECT_PERFORMANCE),
    table_numbers={K.SUMMARY: "1", K.INCOME: "2", K.EXPENDITURE: "3", K.FISCAL_SUMMARY: "4",
                   K.GPB_BY_FUNCTION: "5-1", K.GPB_BY_UNIT: "5-2", K.GPB_BASIC_ECONOMIC: "6",
                   K.THREE_PUBLIC: "7", K.GOV_FUND: "8", K.SOE_CAPITAL: "9", K.PROJECTS: "10",
                   K.OVERALL_PERFORMANCE: "11", K.PROJECT_PERFORMANCE: "12"},
    table_unit=WAN,
    narrative_topics=("overview", "income", "expenditure", "fiscal", "gpb", "gpb_basic", "gov_fund", "soe",
                      "three_public", "projects", "other"),
)

SHANGHAI = Profile(
    id="shanghai",
    name="上海市区级部门预算（9张表）",
    tables=(K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GPB_BY_FUNCTION, K.GOV_FUND,
            K.SOE_CAPITAL, K.GPB_BASIC_ECONOMIC, K.THREE_PUBLIC),
    table_numbers={K.SUMMARY: "1", K.INCOME: "2", K.EXPENDITURE: "3", K.FISCAL_SUMMARY: "4",
                   K.GPB_BY_FUNCTION: "5", K.GOV_FUND: "6", K.SOE_CAPITAL: "7", K.GPB_BASIC_ECONOMIC: "8",
                   K.THREE_PUBLIC: "9"},
    table_titles={K.SUMMARY: "财务收支预算总表", K.INCOME: "收入预算总表", K.EXPENDITURE: "支出预算总表",
                  K.FISCAL_SUMMARY: "财政拨款收支预算总表", K.GPB_BY_FUNCTION: "一般公共预算支出功能分类预算表",
                  K.GOV_FUND: "政府性基金预算支出功能分类预算表", K.SOE_CAPITAL: "国有资本经营预算支出功能分类预算表",
                  K.GPB_BASIC_ECONOMIC: "一般公共预算基本支出部门预算经济分类预算表",
                  K.THREE_PUBLIC: "“三公”经费和机关运行经费预算表"},
    table_unit=YUAN,
    narrative_unit=WAN,
    # regulations.md "Content required": the 编制说明 and, under 其他相关情况说明, 三公 with its change,
    # 机关运行经费 with the number of institutions, 政府采购 by kind with the amount reserved for SMEs,
    # 绩效目标 with project count and funds, 国有资产 with vehicles and large equipment.
    narrative_topics=("overview", "three_public"),
    narrative_subjects=("admin_cost", "procurement", "performance", "assets"),
    # (S012–S017 cover what every template requires; these are the Shanghai additions.)
    required_statements=(
        ("three_public.total", "change", "“三公”经费与上年相比的增减"),
        ("count.admin_institutions", "count", "机关运行经费涉及的机关和事业单位个数"),
        ("procurement.sme", "amount", "面向中小企业预留的政府采购预算"),
        ("performance.amount", "amount", "编报绩效目标的项目涉及的预算资金"),
        ("assets.vehicles", "count", "车辆数"),
        ("assets.equipment", "count", "单价100万元（含）以上设备数"),
    ),
    has_parts=False,
    numbers_printed=False,
    glossary_items=False,
    project_form="note",
)

UNKNOWN = Profile(id="unknown", name="未识别的模板", tables=())

PROFILES: dict[str, Profile] = {p.id: p for p in (WUHAN, SHANGHAI, UNKNOWN)}


def detect_profile(table_kinds: list[TableKind], table_numbers: list[str | None], has_parts: bool,
                   text_key: str) -> Profile:
    """Guess the template from what the document contains."""
    numbers = {n for n in table_numbers if n}
    if has_parts and ("12" in numbers or "5-1" in numbers or any(n.startswith("12-") for n in numbers)):
        return WUHAN
    if "财务收支预算总表" in text_key or "三公经费和机关运行经费" in text_key.replace("“", "").replace("”", ""):
        return SHANGHAI
    if has_parts and TableKind.PROJECT_PERFORMANCE in table_kinds:
        return WUHAN
    return UNKNOWN
