"""Profiles: which tables, units and sections a local template uses.

Rules ask the profile what should be present rather than hard-coding one locality. The table lists
come from the templates as published (domain.md §1; Wuhan: the contents pages of both seeds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.budget import TableKind
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
    has_parts: bool = True  # 第一部分 … 第四部分

    def number_of(self, kind: TableKind) -> str | None:
        return self.table_numbers.get(kind)


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
    table_unit=YUAN,
    narrative_unit=WAN,
    has_parts=False,
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
