"""What the tables of a template look like: columns, header paths, row identities, balance lines.

Derivation builds tables in this shape and the renderer prints their headers from it. The Wuhan
layouts are copied from the Qiaokou seed (corpus/wuhan-qiaokou-jxj-2026-budget.md, tables 1–10:
header rows, and the 26 function classes listed in 表1 / 表4 lines 121–146 and 223–248); the
Hanyang seed has the same columns. The Shanghai layouts are those of the four Putuo 2025 PDFs. Column keys are those of :mod:`yusuan.templates.vocabulary`, so a
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
    # Codes split over columns (Shanghai: 类 / 款 / 项, each printing its part of the code), instead of
    # one code column; and the 合计 row printed last, its label across the code and name columns.
    code_paths: tuple[tuple[str, ...], ...] = ()
    total_last: bool = False

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


# Shanghai district template (the four Putuo 2025 PDFs in shared/corpus; headers as printed there).
# Function tables split the code into 类 / 款 / 项 columns under 功能分类科目编码; the economic table
# into 类 / 款; every table prints its 合计 row last. Titles are printed with the year and 部门 /
# 预算单位 before them (see render/shanghai.py); these are the bare names of the profile.
_SH_FN_CODE = tuple(("项目", "功能分类科目编码", level) for level in ("类", "款", "项"))
_SH_FN_NAME = ("项目", "功能分类科目名称")
# The 部门 documents print 部门预算经济分类科目编码 / 经济分类科目名称, the 单位 documents 经济分类科目编码 /
# 部门经济分类科目名称 (both Putuo pairs); see :func:`shanghai_economic_layout`.
_SH_ECON_LABELS = {"department": ("部门预算经济分类科目编码", "经济分类科目名称"),
                   "unit": ("经济分类科目编码", "部门经济分类科目名称")}
SHANGHAI_EMPTY_NOTE = "注:本{scope}{year}年无{what}预算财政拨款安排的预算，故本表为空表。"
# 国有资产: the vehicle categories the Putuo narratives list, each with its count, in their order.
SHANGHAI_VEHICLE_CATEGORIES = ("部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                               "特种专业技术用车", "离退休干部用车", "其他用车")


def _sh_function(kind: TableKind, name: str, group: str, columns: tuple[tuple[str, str], ...],
                 row_sums: tuple[tuple[str, tuple[str, ...]], ...]) -> TableLayout:
    return TableLayout(kind=kind, name=name, code_path=None, name_path=_SH_FN_NAME, code_paths=_SH_FN_CODE,
                       columns=_cols(*((k, (group, label)) for k, label in columns)), row_sums=row_sums,
                       total_last=True)


_SH_SPENDING = (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))
_SH_SPENDING_SUMS = (("basic", ("personnel", "public")), ("total", ("basic", "project")))

SHANGHAI_LAYOUTS: dict[TableKind, TableLayout] = {
    K.INCOME: _sh_function(K.INCOME, "收入预算总表", "收入预算", (
        ("total", "合计"), ("fiscal", "财政拨款收入"), ("business_income", "事业收入"),
        ("operating_income", "事业单位经营收入"), ("other_income", "其他收入")),
        (("total", ("fiscal", "business_income", "operating_income", "other_income")),)),
    K.EXPENDITURE: _sh_function(K.EXPENDITURE, "支出预算总表", "支出预算", _SH_SPENDING, _SH_SPENDING_SUMS),
    K.GPB_BY_FUNCTION: _sh_function(K.GPB_BY_FUNCTION, "一般公共预算支出功能分类预算表", "一般公共预算支出",
                                    _SH_SPENDING, _SH_SPENDING_SUMS),
    K.GOV_FUND: _sh_function(K.GOV_FUND, "政府性基金预算支出功能分类预算表", "政府性基金预算支出", _SH_SPENDING,
                             _SH_SPENDING_SUMS),
    K.SOE_CAPITAL: _sh_function(K.SOE_CAPITAL, "国有资本经营预算支出功能分类预算表", "国有资本经营预算支出",
                                _SH_SPENDING, _SH_SPENDING_SUMS),
    K.GPB_BASIC_ECONOMIC: TableLayout(
        kind=K.GPB_BASIC_ECONOMIC, name="一般公共预算基本支出部门预算经济分类预算表", code_path=None,
        name_path=("项目", _SH_ECON_LABELS["department"][1]),
        code_paths=tuple(("项目", _SH_ECON_LABELS["department"][0], level) for level in ("类", "款")),
        columns=_cols(("total", ("一般公共预算基本支出", "合计")), ("personnel", ("一般公共预算基本支出", "人员经费")),
                      ("public", ("一般公共预算基本支出", "公用经费"))),
        row_sums=(("total", ("personnel", "public")),), total_last=True),
    K.THREE_PUBLIC: TableLayout(
        kind=K.THREE_PUBLIC, name="“三公”经费和机关运行经费预算表", code_path=None, name_path=None,
        columns=_cols(("total", ("“三公”经费预算数", "合计")), ("abroad", ("“三公”经费预算数", "因公出国(境)费")),
                      ("reception", ("“三公”经费预算数", "公务接待费")),
                      ("vehicle", ("“三公”经费预算数", "公务用车购置及运行费", "小计")),
                      ("vehicle_purchase", ("“三公”经费预算数", "公务用车购置及运行费", "购置费")),
                      ("vehicle_operation", ("“三公”经费预算数", "公务用车购置及运行费", "运行费")),
                      ("admin_operating", ("机关运行经费预算数",))),
        row_sums=(("vehicle", ("vehicle_purchase", "vehicle_operation")),
                  ("total", ("abroad", "vehicle", "reception")))),
}


def shanghai_economic_layout(level: str) -> TableLayout:
    """The economic table's code and name headers as the 部门 or the 单位 documents print them."""
    from dataclasses import replace

    code, name = _SH_ECON_LABELS.get(level, _SH_ECON_LABELS["department"])
    base = SHANGHAI_LAYOUTS[K.GPB_BASIC_ECONOMIC]
    return replace(base, name_path=("项目", name), code_paths=tuple(("项目", code, lv) for lv in ("类", "款")))


LAYOUTS: dict[str, ProfileLayouts] = {
    "wuhan": ProfileLayouts(WUHAN_LAYOUTS, WUHAN_CLASS_LINES),
    "shanghai": ProfileLayouts(SHANGHAI_LAYOUTS, ()),
}


def layouts_for(profile: str) -> ProfileLayouts:
    return LAYOUTS.get(profile, LAYOUTS["wuhan"])
