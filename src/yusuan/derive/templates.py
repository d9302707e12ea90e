"""What the tables of a template look like: columns, header paths, row identities, balance lines.

Derivation builds tables in this shape and the renderer prints their headers from it. The Wuhan
layouts are copied from the Qiaokou seed (corpus/wuhan-qiaokou-jxj-2026-budget.md, tables 1–10:
header rows, and the 26 function classes listed in 表1 / 表4 lines 121–146 and 223–248); the
Hanyang seed has the same columns. Column keys are those of :mod:`yusuan.recognize.vocabulary`, so a
rendered header reads back to the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.budget import TableKind

K = TableKind


@dataclass(frozen=True)
class ColumnDef:
    key: str
    path: tuple[str, ...]  # printed header, outermost first


@dataclass(frozen=True)
class TableLayout:
    kind: TableKind
    name: str  # the table's own title line
    code_path: tuple[str, ...] | None  # header of the code column (None: no code column)
    name_path: tuple[str, ...] | None
    unit_name_path: tuple[str, ...] | None = None  # 项目单位 (project table)
    columns: tuple[ColumnDef, ...] = ()
    # Row identities, applied in order: key = Σ parts (a part ending in ".*" means every column
    # with that prefix). Derivation fills a missing key; the checker verifies present ones.
    row_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    empty_note: str | None = None  # printed under an empty table ({year} is the budget year)

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def _cols(*pairs: tuple[str, tuple[str, ...]]) -> tuple[ColumnDef, ...]:
    return tuple(ColumnDef(k, p) for k, p in pairs)


_CUR, _CARRY, _BASIC = "本年收入", "上年结转结余", "基本支出"
_SOURCES_CURRENT = (
    ("current.gpb", "一般公共预算"), ("current.gov_fund", "政府性基金预算"), ("current.soe", "国有资本经营预算"),
    ("current.special_account", "财政专户管理资金"), ("current.business_income", "事业收入"),
    ("current.operating_income", "事业单位经营收入"), ("current.superior_subsidy", "上级补助收入"),
    ("current.subsidiary_remit", "附属单位上缴收入"), ("current.other_income", "其他收入"),
)
_SOURCES_CARRY = (
    ("carryover.gpb", "一般公共预算"), ("carryover.gov_fund", "政府性基金预算"), ("carryover.soe", "国有资本经营预算"),
    ("carryover.special_account", "财政专户管理资金"), ("carryover.unit_funds", "单位资金"),
)
_GPB_COLUMNS = _cols(("total", ("合计",)), ("basic", (_BASIC, "小计")), ("personnel", (_BASIC, "人员经费")),
                     ("public", (_BASIC, "公用经费")), ("project", ("项目支出",)))
_GPB_SUMS = (("basic", ("personnel", "public")), ("total", ("basic", "project")))


def _fund_table(kind: TableKind, group: str, what: str) -> TableLayout:
    return TableLayout(
        kind=kind, name=f"{what}预算支出表", code_path=("科目编码",), name_path=("科目名称",),
        columns=_cols(("total", (group, "合计")), ("basic", (group, "基本支出")), ("project", (group, "项目支出"))),
        row_sums=(("total", ("basic", "project")),),
        empty_note=f"备注：本部门 {{year}} 年无{what}预算支出",
    )


WUHAN_LAYOUTS: dict[TableKind, TableLayout] = {
    K.INCOME: TableLayout(
        kind=K.INCOME, name="收入总表", code_path=("部门(单位)代码",), name_path=("部门(单位)名称",),
        columns=_cols(("total", ("合计",)), ("current", (_CUR, "小计")),
                      *((k, (_CUR, label)) for k, label in _SOURCES_CURRENT),
                      ("carryover", (_CARRY, "小计")), *((k, (_CARRY, label)) for k, label in _SOURCES_CARRY)),
        row_sums=(("current", ("current.*",)), ("carryover", ("carryover.*",)), ("total", ("current", "carryover"))),
    ),
    K.EXPENDITURE: TableLayout(
        kind=K.EXPENDITURE, name="支出总表", code_path=("科目编码",), name_path=("科目名称",),
        columns=_cols(("total", ("合计",)), ("basic", ("基本支出",)), ("project", ("项目支出",)),
                      ("operating_expense", ("事业单位经营支出",)), ("remit_superior", ("上缴上级支出",)),
                      ("subsidy_subsidiary", ("对附属单位补助支出",))),
        row_sums=(("total", ("basic", "project", "operating_expense", "remit_superior", "subsidy_subsidiary")),),
    ),
    K.GPB_BY_FUNCTION: TableLayout(
        kind=K.GPB_BY_FUNCTION, name="一般公共预算支出表(分功能科目)", code_path=("科目编码",),
        name_path=("科目名称",), columns=_GPB_COLUMNS, row_sums=_GPB_SUMS),
    K.GPB_BY_UNIT: TableLayout(
        kind=K.GPB_BY_UNIT, name="一般公共预算支出表(分单位)", code_path=("单位编码",), name_path=("单位名称",),
        columns=_GPB_COLUMNS, row_sums=_GPB_SUMS),
    K.GPB_BASIC_ECONOMIC: TableLayout(
        kind=K.GPB_BASIC_ECONOMIC, name="一般公共预算基本支出表",
        code_path=("部门预算支出经济分类科目", "科目编码"), name_path=("部门预算支出经济分类科目", "科目名称"),
        columns=_cols(("total", ("本年一般公共预算基本支出", "合计")),
                      ("personnel", ("本年一般公共预算基本支出", "人员经费")),
                      ("public", ("本年一般公共预算基本支出", "公用经费"))),
        row_sums=(("total", ("personnel", "public")),),
    ),
    K.THREE_PUBLIC: TableLayout(
        kind=K.THREE_PUBLIC, name="一般公共预算“三公”经费支出表", code_path=None, name_path=None,
        columns=_cols(("total", ("“三公”经费合计",)), ("abroad", ("因公出国（境）费",)),
                      ("vehicle", ("公务用车购置及运行费", "小计")),
                      ("vehicle_purchase", ("公务用车购置及运行费", "公务用车购置费")),
                      ("vehicle_operation", ("公务用车购置及运行费", "公务用车运行费")),
                      ("reception", ("公务接待费",))),
        row_sums=(("vehicle", ("vehicle_purchase", "vehicle_operation")), ("total", ("abroad", "vehicle", "reception"))),
    ),
    K.GOV_FUND: _fund_table(K.GOV_FUND, "本年政府性基金预算支出", "政府性基金"),
    K.SOE_CAPITAL: _fund_table(K.SOE_CAPITAL, "本年国有资本经营预算支出", "国有资本经营"),
    K.PROJECTS: TableLayout(
        kind=K.PROJECTS, name="项目支出表", code_path=("项目编码",), name_path=("项目名称",),
        unit_name_path=("项目单位",),
        columns=_cols(("total", ("合计",)),
                      ("current.gpb", ("本年拨款", "一般公共预算")), ("current.gov_fund", ("本年拨款", "政府性基金预算")),
                      ("current.soe", ("本年拨款", "国有资本经营预算")),
                      ("carryover.gpb", ("财政拨款结转结余", "一般公共预算")),
                      ("carryover.gov_fund", ("财政拨款结转结余", "政府性基金预算")),
                      ("carryover.soe", ("财政拨款结转结余", "国有资本经营预算")), ("unit_funds", ("单位资金",))),
        row_sums=(("total", ("current.*", "carryover.*", "unit_funds")),),
        empty_note="备注：本部门 {year} 年无项目支出",
    ),
}


# The 26 function classes the Wuhan 收支总表 and 财政拨款收支总表 list, in order (Qiaokou 表1/表4).
WUHAN_CLASS_LINES: tuple[str, ...] = (
    "一般公共服务支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
    "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出",
    "债务还本支出", "债务付息支出", "债务发行费用支出",
)

# 收支总表 income lines (Qiaokou 表1), keys as recognize.vocabulary.INCOME_LABELS reads them.
WUHAN_SUMMARY_INCOME: tuple[tuple[str, str], ...] = (
    ("gpb", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"), ("soe", "国有资本经营预算拨款收入"),
    ("special_account", "财政专户管理资金收入"), ("business_income", "事业收入"),
    ("operating_income", "事业单位经营收入"), ("superior_subsidy", "上级补助收入"),
    ("subsidiary_remit", "附属单位上缴收入"), ("other_income", "其他收入"),
)
# 财政拨款收支总表 income lines (Qiaokou 表4).
WUHAN_FISCAL_SOURCES: tuple[tuple[str, str], ...] = (
    ("gpb", "一般公共预算拨款"), ("gov_fund", "政府性基金预算拨款"), ("soe", "国有资本经营预算拨款"),
)

CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 廿一 (the Wuhan tables number classes up to 廿六 this way)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMERALS[n - 11]
    if n == 20:
        return "二十"
    if n < 30:
        return "廿" + CHINESE_NUMERALS[n - 21]
    tens, ones = divmod(n, 10)
    return CHINESE_NUMERALS[tens - 1] + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class ProfileLayouts:
    tables: dict[TableKind, TableLayout] = field(default_factory=dict)
    class_lines: tuple[str, ...] = ()


LAYOUTS: dict[str, ProfileLayouts] = {
    "wuhan": ProfileLayouts(WUHAN_LAYOUTS, WUHAN_CLASS_LINES),
}


def layouts_for(profile: str) -> ProfileLayouts:
    return LAYOUTS.get(profile, LAYOUTS["wuhan"])
