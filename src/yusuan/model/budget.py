"""The budget model: a whole department budget disclosure as typed, immutable data.

Parsed and authored budgets share this model, so the checker checks generated documents and the
renderer renders parsed ones. Every number is a :class:`Figure` with its provenance.

Layout of the model follows the document:

* :class:`Meta` — who, which year, which template (profile), units.
* :class:`Overview` — part 1: functions, budget units, staffing.
* ``tables`` — the standard tables (part 2), each a :class:`Table` (code/name rows) or a
  :class:`BalanceTable` (the two-sided 收支总表 / 财政拨款收支总表).
* :class:`OverallPerformance` — the department-wide performance-goal table (Wuhan table 11).
* :class:`ProjectSheet` — one per project (Wuhan 表12-x / 部门项目申报表).
* :class:`Narrative` — part 3 as sections with the claims they make.
* :class:`Glossary` — part 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from yusuan.model.authoring import Authoring
from yusuan.model.figures import WAN, Figure, SourceRef

# --------------------------------------------------------------------------------------------------
# Tables


class TableKind(StrEnum):
    """The standard tables, named by what they hold (not by their number, which varies by template).

    Their Chinese names, document kind (budget / final) and shape are data: yusuan.templates.family.
    """

    SUMMARY = "summary"  # 收支总表 / 财务收支预算总表
    INCOME = "income"  # 收入总表
    EXPENDITURE = "expenditure"  # 支出总表
    FISCAL_SUMMARY = "fiscal_summary"  # 财政拨款收支总表
    FISCAL_BY_FUNCTION = "fiscal_by_function"  # 财政拨款支出表（功能分类）
    FISCAL_BASIC_ECONOMIC = "fiscal_basic_economic"  # 财政拨款基本支出表（经济分类）
    GPB_BY_FUNCTION = "gpb_by_function"  # 一般公共预算支出表（分功能科目）
    GPB_BY_UNIT = "gpb_by_unit"  # 一般公共预算支出表（分单位）
    GPB_BY_ECONOMIC = "gpb_by_economic"  # 一般公共预算支出表（经济分类: basic and project）
    GPB_PROJECT_ECONOMIC = "gpb_project_economic"  # 一般公共预算项目支出表（经济分类）
    GPB_BASIC_ECONOMIC = "gpb_basic_economic"  # 一般公共预算基本支出表（经济分类）
    BASIC_ECONOMIC = "basic_economic"  # 基本支出表 of all funds (经济分类)
    THREE_PUBLIC = "three_public"  # “三公”经费支出表
    GOV_FUND = "gov_fund"  # 政府性基金预算支出表
    SOE_CAPITAL = "soe_capital"  # 国有资本经营预算支出表
    PROJECTS = "projects"  # 项目支出表
    ADMIN_COST = "admin_cost"  # 机关运行经费支出表
    PROCUREMENT = "procurement"  # 政府采购预算表
    PURCHASE_SERVICES = "purchase_services"  # 政府购买服务预算表
    OVERALL_PERFORMANCE = "overall_performance"  # 部门整体支出绩效目标表
    PROJECT_PERFORMANCE = "project_performance"  # 项目支出绩效目标表 (one sheet per project)
    # Final accounts (部门决算)
    FINAL_SUMMARY = "final_summary"  # 收入支出决算总表
    FINAL_INCOME = "final_income"  # 收入决算表
    FINAL_EXPENDITURE = "final_expenditure"  # 支出决算表
    FINAL_FISCAL_SUMMARY = "final_fiscal_summary"  # 财政拨款收入支出决算总表
    FINAL_FISCAL_BY_FUNCTION = "final_fiscal_by_function"  # 财政拨款支出决算表（功能分类）
    FINAL_GPB = "final_gpb"  # 一般公共预算财政拨款支出决算表
    FINAL_GPB_BASIC = "final_gpb_basic"  # 一般公共预算财政拨款基本支出决算表
    FINAL_THREE_PUBLIC = "final_three_public"  # 财政拨款“三公”经费支出决算表
    FINAL_GOV_FUND = "final_gov_fund"  # 政府性基金预算财政拨款收入支出决算表
    FINAL_SOE = "final_soe"  # 国有资本经营预算财政拨款支出决算表
    FINAL_PROJECTS = "final_projects"  # 项目支出决算表
    FINAL_ADMIN_COST = "final_admin_cost"  # 机关运行经费支出决算表
    FINAL_PROCUREMENT = "final_procurement"  # 政府采购情况表
    SELF_EVALUATION = "self_evaluation"  # 绩效自评表


class RowKind(StrEnum):
    TOTAL = "total"  # 合计 / 总计
    CLASS = "class"  # 类 (3-digit function or economic code)
    SECTION = "section"  # 款 (5-digit)
    ITEM = "item"  # 项 (7-digit function code)
    DEPARTMENT = "department"  # 部门 row in per-unit tables
    UNIT = "unit"  # 预算单位 row
    GROUP = "group"  # another grouping row (e.g. 本级支出项目, a 科室)
    PROJECT = "project"
    OTHER = "other"


class Certainty(StrEnum):
    """How surely a part of a table was recognised. Rules raise errors only on certain inputs."""

    EXACT = "exact"  # printed as the template prints it (its own title, a stated unit, a printed code)
    SYNONYM = "synonym"  # a known name of the national family (another region's title or header)
    GUESS = "guess"  # inferred from position, shape or other tables
    MISSING = "missing"  # not found

    @property
    def sure(self) -> bool:
        return self in (Certainty.EXACT, Certainty.SYNONYM)


@dataclass(frozen=True, kw_only=True, slots=True)
class Recognition:
    """How a table was recognised: its title, unit, header and row labels, and what is in doubt.

    A parsed table carries one; an authored table (entered data) is certain by construction.
    ``doubts`` say in Chinese why the table cannot be checked; rules that need it are then reported
    as not checked (未核对) instead of raising errors.
    """

    title: Certainty = Certainty.EXACT
    unit: Certainty = Certainty.EXACT
    header: Certainty = Certainty.EXACT
    rows: Certainty = Certainty.EXACT
    consistent: bool = True  # its own roll-ups hold (a misread table's mostly fail)
    doubts: tuple[str, ...] = ()
    printed_title: str = ""  # the title lines as printed

    @property
    def certain(self) -> bool:
        return self.sure_for(("header", "rows"))

    def sure_for(self, needs: tuple[str, ...]) -> bool:
        """Is the table read surely enough for a check that needs these aspects?

        ``header``: the meaning of every value column (row totals, cross-table figures);
        ``rows``: the row labels (codes) and the table's own roll-ups (类 = Σ 款 …).
        """
        if not needs:
            return True
        if not (self.title.sure and self.consistent):
            return False
        return all((self.header if n == "header" else self.rows).sure for n in needs)


@dataclass(frozen=True, kw_only=True, slots=True)
class Column:
    """A value column: a stable key (e.g. ``basic``, ``current.gpb``) and the printed header path."""

    key: str
    label: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Row:
    kind: RowKind
    code: str | None = None
    name: str = ""
    values: dict[str, Figure] = field(default_factory=dict)
    unit_name: str | None = None  # 项目单位 in the project table
    source: SourceRef

    def value(self, key: str) -> Figure | None:
        return self.values.get(key)

    def amount(self, key: str) -> Decimal:
        f = self.values.get(key)
        return f.value if f is not None else Decimal(0)


@dataclass(frozen=True, kw_only=True, slots=True)
class Table:
    """A standard table whose rows carry a code and a name (tables 2, 3, 5-1, 5-2, 6, 7, 8, 9, 10)."""

    kind: TableKind
    number: str | None = None
    title: str
    unit: str = WAN
    scope: str | None = None  # the 部门/单位 line printed above the table
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recognition: Recognition = field(default_factory=Recognition)
    source: SourceRef

    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def find(self, code: str) -> Row | None:
        for r in self.rows:
            if r.code == code:
                return r
        return None

    def total_row(self) -> Row | None:
        for r in self.rows:
            if r.kind is RowKind.TOTAL:
                return r
        return None

    def rows_of(self, kind: RowKind) -> list[Row]:
        return [r for r in self.rows if r.kind is kind]


@dataclass(frozen=True, kw_only=True, slots=True)
class BalanceLine:
    """One line of a two-sided table: a label, what it stands for and its value(s)."""

    label: str
    key: str  # e.g. "gpb", "current_total", "total", "fn:206", "carryover.gpb"
    code: str | None = None  # function class code when the label names one
    values: dict[str, Figure] = field(default_factory=dict)  # "amount" or total/gpb/gov_fund/soe
    source: SourceRef

    @property
    def amount(self) -> Figure | None:
        return self.values.get("amount") or self.values.get("total")


@dataclass(frozen=True, kw_only=True, slots=True)
class BalanceTable:
    """收支总表 and 财政拨款收支总表: income lines on the left, expenditure lines on the right."""

    kind: TableKind
    number: str | None = None
    title: str
    unit: str = WAN
    scope: str | None = None
    income: list[BalanceLine] = field(default_factory=list)
    expenditure: list[BalanceLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recognition: Recognition = field(default_factory=Recognition)
    source: SourceRef

    def income_line(self, key: str) -> BalanceLine | None:
        return next((ln for ln in self.income if ln.key == key), None)

    def expenditure_line(self, key: str) -> BalanceLine | None:
        return next((ln for ln in self.expenditure if ln.key == key), None)


# --------------------------------------------------------------------------------------------------
# Performance targets


@dataclass(frozen=True, kw_only=True, slots=True)
class IndicatorValue:
    """A target value as printed (``≥90%``, ``=4人``, ``有效保障``) split into its parts."""

    text: str
    operator: str | None = None  # one of = ≥ ≤ > <
    number: Decimal | None = None
    unit: str | None = None
    upper: Decimal | None = None  # for ranges like 2026年1月-2026年12月 (kept as text) or 90-95

    @property
    def measurable(self) -> bool:
        return self.number is not None


@dataclass(frozen=True, kw_only=True, slots=True)
class Indicator:
    goal: str | None = None  # which goal the indicator belongs to (长期绩效目标1 …)
    level1: str | None = None  # 一级指标: 产出/效益/满意度/成本
    level1_stated: bool = True  # False when the level was inferred from the second level
    level2: str | None = None  # 二级指标
    name: str = ""  # 三级指标
    value: IndicatorValue | None = None
    prior_values: list[IndicatorValue | None] = field(default_factory=list)  # 前年, 上年 (annual tables)
    basis: str | None = None  # 指标值确定依据 / 绩效标准
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class Goal:
    label: str  # 长期绩效目标1 / 年度目标 2 …
    text: str
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class StructureLine:
    """A line of the income or expenditure structure in the overall performance table."""

    label: str
    amount: Figure | None = None
    share: Figure | None = None
    prior: dict[str, Figure] = field(default_factory=dict)  # year → amount
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class PerformanceProjectLine:
    name: str
    category: str | None = None
    total: Figure | None = None
    current: Figure | None = None
    purpose: str | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class OverallPerformance:
    """部门整体支出绩效目标表."""

    number: str | None = None
    title: str = ""
    unit: str = WAN
    department: str | None = None
    filler: str | None = None
    phone: str | None = None
    income_structure: list[StructureLine] = field(default_factory=list)
    expenditure_structure: list[StructureLine] = field(default_factory=list)
    functions_text: str | None = None
    annual_tasks: str | None = None
    projects: list[PerformanceProjectLine] = field(default_factory=list)
    long_term_goals: list[Goal] = field(default_factory=list)
    annual_goals: list[Goal] = field(default_factory=list)
    long_term_indicators: list[Indicator] = field(default_factory=list)
    annual_indicators: list[Indicator] = field(default_factory=list)
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class FundingLine:
    label: str
    key: str  # total, gpb, gpb.current, gov_fund, special_account, unit_funds, carryover
    amount: Figure | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class PriorYear:
    year: int
    budget: Figure | None = None
    executed: Figure | None = None
    rate: Figure | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class DetailLine:
    """One line of 项目支出明细测算."""

    task: str
    activity: str | None = None  # 项目活动 (Hanyang form: the project code or an activity name)
    standard: str | None = None  # 支出标准 (often a number, sometimes a text)
    standard_amount: Figure | None = None
    unit_price: Figure | None = None  # 单价
    quantity: Figure | None = None  # 计量数
    estimate: Figure | None = None  # 测算数 / 金额
    economic_class: str | None = None  # 支出经济分类 (Hanyang form)
    basis: str | None = None  # 测算依据及说明
    remark: str | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class ProcurementLine:
    item: str
    quantity: Figure | None = None
    amount: Figure | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class ProjectSheet:
    """A project's declaration sheet with its performance targets (Wuhan 表12-x), or a project's
    explanation in prose (Shanghai 项目经费情况说明: overview, basis, executing unit, plan, period and
    the year's budget with its breakdown; its targets are published elsewhere)."""

    form: str = "sheet"  # sheet (项目申报表) | note (项目经费情况说明)
    unit_stated: bool = True  # the form says its money unit (单位：元 above it, or 项目资金（万元） in it)
    number: str | None = None
    title: str = ""
    unit: str = WAN
    name: str = ""
    code: str | None = None
    department: str | None = None  # 项目主管部门
    executing_unit: str | None = None  # 项目执行单位
    manager: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    parent_project: str | None = None  # 一级项目名称
    frequency: str | None = None  # 项目安排频度
    attribute: str | None = None  # 项目属性
    category: str | None = None  # 支出项目类别
    start_year: int | None = None
    end_year: int | None = None
    period: str | None = None  # 实施周期 as printed
    arrangement: str | None = None  # 年度预算安排 as printed (项目经费情况说明; kept when it states no amount)
    overview: str | None = None  # 项目概述 / 项目申请理由
    basis: str | None = None  # 项目立项依据
    plan: str | None = None  # 项目实施方案 / 项目主要内容
    total_budget: Figure | None = None
    current_budget: Figure | None = None
    prior_years: list[PriorYear] = field(default_factory=list)
    prior_text: str | None = None  # 项目前两年预算及当年预算变动情况 (free text form)
    funding: list[FundingLine] = field(default_factory=list)
    details: list[DetailLine] = field(default_factory=list)
    details_total: Figure | None = None  # a stated total of the detail lines (项目经费情况说明: 合计 X 万)
    procurement: list[ProcurementLine] = field(default_factory=list)
    long_term_goals: list[Goal] = field(default_factory=list)
    annual_goals: list[Goal] = field(default_factory=list)
    long_term_indicators: list[Indicator] = field(default_factory=list)
    annual_indicators: list[Indicator] = field(default_factory=list)
    source: SourceRef

    def funding_line(self, key: str) -> FundingLine | None:
        return next((f for f in self.funding if f.key == key), None)


# --------------------------------------------------------------------------------------------------
# Part 1, part 3, part 4


@dataclass(frozen=True, kw_only=True, slots=True)
class BudgetUnit:
    name: str
    code: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Overview:
    functions: list[str] = field(default_factory=list)
    units_text: str | None = None
    units: list[BudgetUnit] = field(default_factory=list)  # listed in part 1
    stated_subordinate_units: Figure | None = None  # “二级预算单位 N 个”
    stated_unit_count: Figure | None = None  # total units the text implies (本级 + N)
    staffing: dict[str, Figure] = field(default_factory=dict)  # see recognize.overview.STAFF_KEYS
    staffing_text: str | None = None
    source: SourceRef | None = None


class ClaimKind(StrEnum):
    AMOUNT = "amount"  # X 万元
    SHARE = "share"  # 占 x%
    CHANGE = "change"  # 比上年增加/减少 X 万元 (value is the absolute change)
    CHANGE_RATE = "change_rate"  # 增长/下降 x%
    PRIOR = "prior"  # 比 2025 年预算 X 万元 (the prior-year amount)
    COUNT = "count"  # N 个 / 人 / 辆 …
    RATE = "rate"  # a percentage about something other than the budget (审核率 100%)


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    FLAT = "flat"


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """A figure stated in prose, tied to the subject it speaks of.

    ``quantity`` is the model quantity the subject resolves to (see :mod:`yusuan.quantities`), or
    None when the subject is a narrative-only figure or could not be resolved.
    """

    kind: ClaimKind
    subject: str
    quantity: str | None = None
    value: Figure
    direction: Direction | None = None
    compare_year: int | None = None
    compare_basis: str | None = None  # what it is compared with: budget (预算) | execution (预算执行数) | final (决算)
    base: str | None = None  # for shares: the quantity it is a share of
    base_subject: str | None = None
    section: str | None = None
    sentence: str = ""
    source: SourceRef
    # How the subject was tied to ``quantity``: "exact" (a code, the printed name, a standard phrase),
    # "fuzzy" (a similar name only: never the ground of an error) or "final" (a final account's
    # statement: what it is about is known, not whether the figure is the budget or the actual).
    tie: str | None = None
    # Figures about one subject in one place share a statement number (its amount, the prior-year
    # figure, the change, the rate and shares of it), so that they are checked against each other.
    statement: int | None = None
    base_value: Figure | None = None  # for shares: the whole as the narrative states it


@dataclass(frozen=True, kw_only=True, slots=True)
class Paragraph:
    text: str
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class Enumeration:
    """A list stated without figures, e.g. 支出包括：科学技术支出、社会保障和就业支出…"""

    subject: str  # 收入包括 / 支出包括
    quantity: str | None = None  # what the items are (e.g. "expenditure.classes")
    items: list[str] = field(default_factory=list)
    section: str | None = None
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class Section:
    number: str  # 一, 二 … (or "" for an unnumbered block)
    title: str
    topic: str  # stable id of what the section is about (see recognize.narrative.TOPICS)
    subject: str | None = None  # for topic "other": procurement, admin_cost, performance, assets …
    paragraphs: list[Paragraph] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    lists: list[Enumeration] = field(default_factory=list)
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class Narrative:
    title: str = ""
    sections: list[Section] = field(default_factory=list)

    def claims(self) -> list[Claim]:
        return [c for s in self.sections for c in s.claims]

    def section(self, topic: str) -> Section | None:
        return next((s for s in self.sections if s.topic == topic), None)


@dataclass(frozen=True, kw_only=True, slots=True)
class GlossaryEntry:
    term: str  # as printed, e.g. 科学技术支出(类)科学技术管理事务(款)行政运行(项) or 基本支出
    path: list[str] = field(default_factory=list)  # [类 name, 款 name, 项 name] when it is a code path
    code: str | None = None  # the 7-digit code the path resolves to in this document
    definition: str
    source: SourceRef


@dataclass(frozen=True, kw_only=True, slots=True)
class Glossary:
    entries: list[GlossaryEntry] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# The document


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """Something the reader could not read or understand, and where."""

    code: str  # stable id, e.g. "table.unrecognized", "read.truncated"
    message: str
    source: SourceRef | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Meta:
    title: str = ""
    department: str = ""
    year: int | None = None
    year_stated: bool = True  # printed on the cover, in the contents, a heading or a table title (else inferred)
    kind: str = "budget"  # budget | final
    level: str = "department"  # department (部门预算, consolidated) | unit (单位预算, one budget unit)
    profile: str = "unknown"
    table_unit: str = WAN
    source_file: str = ""
    source_format: str = ""
    date: str | None = None  # date printed on the cover, if any
    contents: list[str] = field(default_factory=list)  # table titles listed in 目录
    source: SourceRef | None = None  # the cover's first line


@dataclass(frozen=True, kw_only=True, slots=True)
class Budget:
    meta: Meta
    overview: Overview = field(default_factory=Overview)
    tables: dict[TableKind, Table | BalanceTable] = field(default_factory=dict)
    overall_performance: OverallPerformance | None = None
    projects: list[ProjectSheet] = field(default_factory=list)
    narrative: Narrative = field(default_factory=Narrative)
    glossary: Glossary = field(default_factory=Glossary)
    problems: list[Problem] = field(default_factory=list)
    authoring: Authoring | None = None

    def table(self, kind: TableKind) -> Table | None:
        t = self.tables.get(kind)
        return t if isinstance(t, Table) else None

    def balance(self, kind: TableKind) -> BalanceTable | None:
        t = self.tables.get(kind)
        return t if isinstance(t, BalanceTable) else None
