"""The Excel entry workbook's layout (Wuhan and Shanghai profiles), shared by the template writer
and the reader.

A finance officer fills in only what cannot be computed: the 项 / 款 / unit / project rows of each
table (subtotals, 合计 rows and tables 1, 4 are derived), the narrative's prior-year figures,
reasons and 主要用于 texts, and the facts no table holds. Sheet and column names are Chinese; each
column maps to a key of the canonical model (:mod:`yusuan.entry.canonical`), so the workbook is read
into the same data shape as a YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKER_SHEET = "_yusuan"
MARKER = "yusuan-entry-workbook"
VERSION = "1"


@dataclass(frozen=True)
class Col:
    key: str  # "code", "name", "unit_name", "v:<value key>", "prior", "reason", "uses", or a field name
    label: str
    width: int = 12
    money: bool = False


def _v(key: str, label: str) -> Col:
    return Col(f"v:{key}", label, 12, True)


_CODE, _NAME = Col("code", "科目编码", 11), Col("name", "科目名称", 28)
_UNIT_CODE, _UNIT_NAME = Col("code", "单位编码", 10), Col("name", "单位名称", 30)
_PRIOR_REASON = (Col("prior", "上年预算数", 12, True), Col("reason", "增减原因", 30))


@dataclass(frozen=True)
class RowSheet:
    """A sheet of rows for one table: one model row per filled sheet row."""

    name: str
    table: str  # TableKind value
    cols: tuple[Col, ...]
    help: str
    authoring: str | None = None  # quantity-key prefix of the row's prior / reason / uses (gpb.fn:)
    unit: str | None = None  # the table's own money unit when it differs from the workbook's (Shanghai 三公: 万元)


ROW_SHEETS: tuple[RowSheet, ...] = (
    RowSheet("表2收入", "income", (
        _UNIT_CODE, _UNIT_NAME,
        _v("current.gpb", "本年收入-一般公共预算"), _v("current.gov_fund", "本年收入-政府性基金预算"),
        _v("current.soe", "本年收入-国有资本经营预算"), _v("current.special_account", "本年收入-财政专户管理资金"),
        _v("current.business_income", "本年收入-事业收入"), _v("current.operating_income", "本年收入-事业单位经营收入"),
        _v("current.superior_subsidy", "本年收入-上级补助收入"), _v("current.subsidiary_remit", "本年收入-附属单位上缴收入"),
        _v("current.other_income", "本年收入-其他收入"), _v("carryover.gpb", "上年结转-一般公共预算"),
        _v("carryover.gov_fund", "上年结转-政府性基金预算"), _v("carryover.soe", "上年结转-国有资本经营预算"),
        _v("carryover.special_account", "上年结转-财政专户管理资金"), _v("carryover.unit_funds", "上年结转-单位资金")),
        "每个预算单位一行（6 位单位编码）；部门行和合计行自动计算。"),
    RowSheet("表3支出", "expenditure", (
        _CODE, _NAME, _v("basic", "基本支出"), _v("project", "项目支出"), _v("operating_expense", "事业单位经营支出"),
        _v("remit_superior", "上缴上级支出"), _v("subsidy_subsidiary", "对附属单位补助支出")),
        "全部资金的项级科目（7 位）。只有财政拨款资金时可留空，由表5-1、表8、表9合计生成。"),
    RowSheet("表5-1一般公共预算", "gpb_by_function", (
        _CODE, _NAME, _v("personnel", "人员经费"), _v("public", "公用经费"), _v("project", "项目支出"),
        *_PRIOR_REASON, Col("uses", "主要用于", 40)),
        "一般公共预算拨款的项级科目（7 位）；类、款、合计自动计算。上年预算数和增减原因用于情况说明。", "gpb.fn:"),
    RowSheet("表5-2分单位", "gpb_by_unit", (
        _UNIT_CODE, _UNIT_NAME, _v("personnel", "人员经费"), _v("public", "公用经费"), _v("project", "项目支出")),
        "每个预算单位一行；只有一个预算单位时可留空。"),
    RowSheet("表6基本支出", "gpb_basic_economic", (
        Col("code", "经济分类科目编码", 11), Col("name", "科目名称", 24), _v("personnel", "人员经费"),
        _v("public", "公用经费")),
        "一般公共预算基本支出的经济分类款级科目（5 位）；类和合计自动计算。"),
    RowSheet("表7三公", "three_public", (
        _v("abroad", "因公出国（境）费"), _v("vehicle_purchase", "公务用车购置费"),
        _v("vehicle_operation", "公务用车运行费"), _v("reception", "公务接待费")),
        "填一行；小计与合计自动计算。"),
    RowSheet("表8政府性基金", "gov_fund", (_CODE, _NAME, _v("basic", "基本支出"), _v("project", "项目支出")),
             "没有政府性基金预算支出时留空。"),
    RowSheet("表9国有资本经营", "soe_capital", (_CODE, _NAME, _v("basic", "基本支出"), _v("project", "项目支出")),
             "没有国有资本经营预算支出时留空。"),
    RowSheet("表10项目", "projects", (
        Col("unit_code", "单位编码", 10), Col("unit_name", "单位名称", 26), Col("group_code", "类别编码", 8),
        Col("group_name", "类别名称", 14), Col("code", "项目编码", 24), Col("name", "项目名称", 30),
        _v("current.gpb", "本年拨款-一般公共预算"), _v("current.gov_fund", "本年拨款-政府性基金预算"),
        _v("current.soe", "本年拨款-国有资本经营预算"), _v("carryover.gpb", "结转结余-一般公共预算"),
        _v("carryover.gov_fund", "结转结余-政府性基金预算"), _v("carryover.soe", "结转结余-国有资本经营预算"),
        _v("unit_funds", "单位资金"), *_PRIOR_REASON, Col("uses", "主要用于", 40)),
        "每个项目一行；单位、类别和合计行自动计算。类别如“31 本级支出项目”。", "project:"),
)

INFO_FIELDS: tuple[tuple[str, str], ...] = (
    ("department", "部门名称"), ("year", "预算年度"), ("table_unit", "金额单位（万元/元）"),
    ("compare_year", "比较年度（上年）"), ("date", "发布日期（YYYY-MM-DD）"),
)
STAFF_FIELDS: tuple[tuple[str, str], ...] = (
    ("establishment.admin", "编制人数-行政编制"), ("establishment.institution", "编制人数-事业编制"),
    ("establishment.institution.civil_service_managed", "编制人数-其中参照公务员法管理"),
    ("actual.admin", "在职实有-行政"), ("actual.worker", "在职实有-机关工勤"), ("actual.institution", "在职实有-事业"),
    ("actual.institution.civil_service_managed", "在职实有-其中参照公务员法管理"),
    ("retired.lixiu", "离退休-离休"), ("retired.tuixiu", "离退休-退休"),
)
# Prior-year figures and reasons of the narrative's totals (items and projects: on their sheets).
PRIOR_KEYS: tuple[tuple[str, str], ...] = (
    ("income.total", "部门收支总预算（收入预算）"), ("expenditure.total", "部门支出预算"),
    ("fiscal.total", "财政拨款收支总预算"), ("gpb.current", "一般公共预算本年预算"),
    ("gpb.basic", "一般公共预算基本支出"), ("projects.total", "项目支出"),
    ("three_public.total", "“三公”经费合计"), ("three_public.abroad", "因公出国（境）费"),
    ("three_public.vehicle", "公务用车购置及运行维护费"), ("three_public.vehicle_purchase", "公务用车购置费"),
    ("three_public.vehicle_operation", "公务用车运行维护费"), ("three_public.reception", "公务接待费"),
    ("admin_operating_cost", "机关运行经费"), ("procurement.total", "政府采购预算"),
)
FACT_KEYS: tuple[tuple[str, str], ...] = (
    ("admin_operating_cost", "机关运行经费（万元）"), ("procurement.goods", "政府采购-货物类（万元）"),
    ("procurement.works", "政府采购-工程类（万元）"), ("procurement.services", "政府采购-服务类（万元）"),
    ("procurement.sme", "政府采购-预留中小企业份额（万元）"), ("assets.total", "国有资产总额（万元，上年末）"),
    ("assets.vehicles", "一般公务用车（辆）"), ("assets.office_area", "办公用房面积（平方米）"),
    ("assets.equipment", "单位价值50万元以上设备（套）"), ("assets.new", "本年预算新增资产（万元）"),
    ("performance.priority_count", "优先保障优秀项目（个）"), ("performance.priority_amount", "优先保障优秀项目金额（万元）"),
    ("performance.cut_count", "削减项目（个）"), ("performance.cut_amount", "削减项目金额（万元）"),
)
NOTE_KEYS: tuple[tuple[str, str], ...] = (
    ("three_public.scope", "“三公”经费安排的单位范围"), ("admin_operating_cost", "机关运行经费补充说明"),
    ("assets", "国有资产补充说明"), ("performance", "绩效管理补充说明"),
)
OVERALL_FIELDS: tuple[tuple[str, str], ...] = (
    ("department", "部门名称"), ("filler", "填报人"), ("phone", "联系电话"),
    ("functions_text", "部门职能概述"), ("annual_tasks", "年度工作任务"),
)
SHEET_FIELDS: tuple[tuple[str, str], ...] = (
    ("code", "项目编码"), ("name", "项目名称"), ("unit", "金额单位（元/万元）"), ("department", "项目主管部门"),
    ("executing_unit", "项目执行单位"), ("manager", "项目负责人"), ("phone", "联系电话"), ("address", "单位地址"),
    ("postcode", "邮政编码"), ("parent_project", "一级项目名称"), ("frequency", "项目安排频度"),
    ("attribute", "项目属性"), ("category", "支出项目类别"), ("start_year", "起始年度"), ("end_year", "终止年度"),
    ("overview", "项目概述"), ("basis", "项目立项依据"), ("plan", "项目实施方案"), ("prior_text", "项目前两年预算情况"),
)
DETAIL_COLS: tuple[Col, ...] = (
    Col("task", "项目任务明细", 24), Col("standard", "支出标准", 12), Col("unit_price", "单价", 12, True),
    Col("quantity", "计量数", 8), Col("estimate", "测算数（可空：单价×计量数）", 14, True),
    Col("basis", "测算依据及说明", 30), Col("economic_class", "支出经济分类", 16),
)
PROCUREMENT_COLS: tuple[Col, ...] = (Col("item", "品名", 24), Col("quantity", "数量", 8), Col("amount", "金额", 12, True))
GOAL_COLS: tuple[Col, ...] = (Col("term", "期限（长期/年度）", 10), Col("label", "目标名称", 16), Col("text", "目标说明", 50))
INDICATOR_COLS: tuple[Col, ...] = (
    Col("term", "期限（长期/年度）", 10), Col("goal", "目标名称", 16), Col("level1", "一级指标", 12),
    Col("level2", "二级指标", 16), Col("name", "三级指标", 24), Col("value", "指标值", 12),
    Col("prior1", "前年（年度指标）", 10), Col("prior2", "上年（年度指标）", 10), Col("basis", "指标值确定依据", 12),
)
PROJECT_SHEETS = 3  # blank project sheets in a new template; copy one for more projects


# --------------------------------------------------------------------------------------------------
# Shanghai (the nine tables of the Putuo documents; tables in 元, the “三公” table in 万元)

SH_ROW_SHEETS: tuple[RowSheet, ...] = (
    RowSheet("表5一般公共预算", "gpb_by_function", (
        _CODE, _NAME, _v("personnel", "人员经费"), _v("public", "公用经费"), _v("project", "项目支出"),
        Col("uses", "主要用于（编制说明）", 40)),
        "一般公共预算拨款的项级科目（7 位），金额单位：元；类、款、合计及基本支出自动计算。“主要用于”写入部门预算编制说明。",
        "expenditure.fn:"),
    RowSheet("表6政府性基金", "gov_fund", (_CODE, _NAME, _v("basic", "基本支出"), _v("project", "项目支出")),
             "没有政府性基金预算拨款时留空（生成空表及说明）。"),
    RowSheet("表7国有资本经营", "soe_capital", (_CODE, _NAME, _v("basic", "基本支出"), _v("project", "项目支出")),
             "没有国有资本经营预算拨款时留空（生成空表及说明）。"),
    RowSheet("表8基本支出经济分类", "gpb_basic_economic", (
        Col("code", "经济分类科目编码", 11), Col("name", "科目名称", 24), _v("personnel", "人员经费"),
        _v("public", "公用经费")),
        "一般公共预算基本支出的经济分类款级科目（5 位），金额单位：元；类和合计自动计算。"),
    RowSheet("表9三公", "three_public", (
        _v("abroad", "因公出国(境)费"), _v("vehicle_purchase", "公务用车购置费"),
        _v("vehicle_operation", "公务用车运行费"), _v("reception", "公务接待费"),
        _v("admin_operating", "机关运行经费预算数")),
        "填一行，金额单位：万元；小计与合计自动计算。", unit="万元"),
    RowSheet("表2收入", "income", (
        _CODE, _NAME, _v("fiscal", "财政拨款收入"), _v("business_income", "事业收入"),
        _v("operating_income", "事业单位经营收入"), _v("other_income", "其他收入")),
        "只有财政拨款收入时留空（由支出表生成）；否则按项级科目填写各项收入，金额单位：元。"),
    RowSheet("表3支出", "expenditure", (
        _CODE, _NAME, _v("personnel", "人员经费"), _v("public", "公用经费"), _v("project", "项目支出")),
        "只有财政拨款收入时留空（由表5、表6、表7合计生成）；否则按项级科目填写全部资金的支出，金额单位：元。"),
)
SH_INFO_FIELDS: tuple[tuple[str, str], ...] = (
    ("department", "部门（单位）名称"), ("year", "预算年度"), ("level", "预算级次（部门/单位）"),
    ("table_unit", "表格金额单位（元）"), ("compare_year", "比较年度（上年）"),
)
SH_LEVELS = {"部门": "department", "单位": "unit", "department": "department", "unit": "unit"}
SH_PRIOR_KEYS: tuple[tuple[str, str], ...] = (
    ("income.fiscal", "财政拨款收入"), ("fiscal.expenditure", "财政拨款支出预算"),
    ("gpb.total", "一般公共预算拨款支出预算"), ("gov_fund.total", "政府性基金拨款支出预算"),
    ("soe.total", "国有资本经营预算拨款支出预算"), ("fiscal.total", "财政拨款收入支出（增减的主要原因）"),
    ("three_public.total", "“三公”经费合计"), ("three_public.abroad", "因公出国（境）费"),
    ("three_public.vehicle", "公务用车购置及运行费"), ("three_public.vehicle_purchase", "公务用车购置费"),
    ("three_public.vehicle_operation", "公务用车运行费"), ("three_public.reception", "公务接待费"),
)
SH_FACT_KEYS: tuple[tuple[str, str], ...] = (
    ("count.admin_institutions.admin", "机关运行经费涉及的机关（家）"),
    ("count.admin_institutions.institution", "机关运行经费涉及的事业单位（家）"),
    ("procurement.goods", "政府采购-货物（万元）"), ("procurement.works", "政府采购-工程（万元）"),
    ("procurement.services", "政府采购-服务（万元）"), ("procurement.sme", "面向中小企业预留（万元）"),
    ("procurement.sme_small", "其中预留给小型和微型企业（万元）"),
    ("count.performance_projects", "编报绩效目标的项目（个）"), ("performance.amount", "涉及项目预算资金（万元）"),
    ("assets.vehicles", "现有车辆合计（辆）"), ("assets.equipment", "现有单价100万元（含）以上设备（台/套）"),
    ("assets.purchase.vehicles", "预算安排购置车辆合计（辆）"),
    ("assets.purchase.equipment", "预算安排购置单价100万元（含）以上设备（台/套）"),
)
SH_NOTE_KEYS: tuple[tuple[str, str], ...] = (("assets.as_of", "国有资产统计截止日期（如2024年8月31日）"),
                                             ("assets", "国有资产补充说明"))
SH_VEHICLE_COLS: tuple[Col, ...] = (Col("label", "车辆类别", 24), Col("held", "现有（辆）", 12),
                                    Col("bought", "预算安排购置（辆）", 16))
SH_NOTE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "项目名称"), ("overview", "一、项目概述"), ("basis", "二、立项依据"), ("executing_unit", "三、实施主体"),
    ("plan", "四、实施方案"), ("period", "五、实施周期（如2025.1.1-2025.12.31）"),
)
SH_NOTE_DETAIL_COLS: tuple[Col, ...] = (Col("task", "六、年度预算安排：明细", 40),
                                        Col("estimate", "金额（万元）", 14, True))
SH_HELP = (
    "预算录入工作簿（yusuan，上海区级部门预算模板）",
    "1. 只填写明细：一般公共预算项级科目（人员经费、公用经费、项目支出）、经济分类款级科目、“三公”经费和机关运行经费。"
    "类、款、合计，财务收支预算总表、收入预算总表、支出预算总表、财政拨款收支预算总表自动计算。",
    "2. 表格金额单位为元（保留两位小数）；“三公”经费表、上年数、其他事项和项目经费情况说明的金额单位为万元。",
    "3. “上年数与增减原因”用于部门预算编制说明和“三公”经费说明中的增减变化；比较年度默认为预算年度的上一年。",
    "4. 部门预算每个项目一张“项目”工作表（项目经费情况说明）；项目多于已有工作表时，复制一张并改名为“项目3”……",
    "5. 生成公开文件：yusuan render 本工作簿.xlsx --to docx -o 部门预算.docx",
)
