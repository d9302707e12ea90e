"""Model quantities: the shared vocabulary between narrative claims, rules and the narrative writer.

A quantity key names one figure of a budget, whatever table holds it in a given profile:

=============================  ==================================================================
key                            meaning (and where it is measured)
=============================  ==================================================================
``income.total``               收入总计 (收支总表, else 收入总表 合计)
``income.current``             本年收入合计
``income.<source>``            gpb, gov_fund, soe, special_account, business_income, other_income …
``income.carryover``           上年结转结余
``expenditure.total``          支出总计 (收支总表, else 支出总表 合计)
``expenditure.basic|project``  支出总表 合计行
``expenditure.fn:<code>``      支出总表 row (all funds)
``fiscal.total``               财政拨款收支总表 收入总计
``fiscal.expenditure``         财政拨款收支总表 支出总计
``fiscal.income.<source>``     财政拨款收支总表 income lines
``fiscal.fn:<code>``           财政拨款收支总表 expenditure by class
``gpb.total|basic|personnel|public|project``  一般公共预算支出表 合计行
``gpb.current|carryover``      本年预算 / 上年结转 of the general public budget
``gpb.fn:<code>[.<column>]``   一般公共预算支出表 row
``econ:<code>[.<column>]``     一般公共预算基本支出表 row
``three_public.<column>``      “三公”经费表
``admin_operating_cost``       机关运行经费 (a column of the Shanghai 三公 table; narrative elsewhere)
``projects.total|<column>``    项目支出表 合计行
``project:<code>``             a project's amount in the 项目支出表
``count.projects``             number of projects in the 项目支出表
``count.units``                number of budget units in the tables
=============================  ==================================================================

Narrative-only figures (政府采购, 政府购买服务, 国有资产 …) have keys too (``procurement.goods``) so
rules can check them against each other; :func:`measure` returns None for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from yusuan.model.budget import BalanceTable, Budget, Row, RowKind, Table, TableKind
from yusuan.model.figures import Figure
from yusuan.model.interval import Interval
from yusuan.text.cjk import name_key

# Narrative section topics.
OVERVIEW = "overview"
INCOME = "income"
EXPENDITURE = "expenditure"
FISCAL = "fiscal"
GPB = "gpb"
GPB_BASIC = "gpb_basic"
THREE_PUBLIC = "three_public"
GOV_FUND = "gov_fund"
SOE = "soe"
PROJECTS = "projects"
OTHER = "other"

_INCOME_SOURCES = (
    ("一般公共预算", "gpb"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "soe"),
    ("财政专户", "special_account"),
    ("事业单位经营收入", "operating_income"),
    ("事业收入", "business_income"),
    ("上级补助", "superior_subsidy"),
    ("附属单位上缴", "subsidiary_remit"),
    ("其他收入", "other_income"),
    ("上年结转", "carryover"),
)


@dataclass
class ClaimContext:
    """Where in the narrative a claim stands: the section topic and the enclosing sub-headings."""

    topic: str
    sub: str | None = None  # basic | project | personnel | public | procurement | assets | …
    path: list[str] = field(default_factory=list)  # 类 / 款 names of an enclosing heading


# The lines of the overall-performance table's income and expenditure structure (Wuhan 表11), by side
# and label, and the quantity each one is.
STRUCTURE_LINES = {
    ("income", "合计"): "income.total",
    ("income", "财政拨款"): "fiscal.income.current_total",
    ("expenditure", "合计"): "expenditure.total",
    ("expenditure", "基本支出"): "expenditure.basic",
    ("expenditure", "项目支出"): "expenditure.project",
    ("expenditure", "人员类项目支出"): "gpb.personnel",
    ("expenditure", "运转类项目支出"): "gpb.public",
    ("expenditure", "特定目标类项目支出"): "expenditure.project",
}


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> float:
    """Similarity of two names (0…1), for names that drift between tables, narrative and glossary."""
    return SequenceMatcher(None, a, b).ratio()


_PATH_MARK = re.compile(r"[（(]([类款项])[)）]")


_DASH_PATH = re.compile(r"^[“\"]?([^-—－“”\"]+)[-—－]([^-—－“”\"]+)[-—－]([^-—－“”\"]+?)[”\"]?(?:科目)?$")


def split_path(subject: str) -> tuple[list[str], str | None]:
    """``科学技术支出（类）科学技术管理事务（款）行政运行（项）`` → (['科学技术支出', '科学技术管理事务'], '行政运行').

    Also the dashed form of the Shanghai narratives: ``“一般公共服务支出-政府办公厅（室）及相关机构事务-行政
    运行”科目`` (quoted or followed by 科目, so that ranges such as 2025-2027 are not taken for paths).
    """
    s = subject.strip()
    m = _DASH_PATH.match(s)
    if m and (s.startswith(("“", '"')) or s.endswith("科目")) and not any(p.strip().isdigit() for p in m.groups()):
        return [m.group(1).strip(), m.group(2).strip()], m.group(3).strip()
    if "类" not in subject and "款" not in subject and "项" not in subject:
        return [], None
    levels: list[str] = []
    item = None
    start = 0
    for m in _PATH_MARK.finditer(subject):
        name = subject[start:m.start()].strip()
        start = m.end()
        if m.group(1) == "类":
            levels = [name]
        elif m.group(1) == "款":
            levels = [*levels[:1], name]
        else:
            item = name
    return levels, item


class Resolver:
    """Ties the subject of a narrative claim to a model quantity of one budget."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        fn_rows: list[Row] = []
        for kind in (TableKind.GPB_BY_FUNCTION, TableKind.EXPENDITURE, TableKind.GOV_FUND, TableKind.SOE_CAPITAL):
            t = budget.table(kind)
            if t is not None:
                fn_rows.extend(r for r in t.rows if r.code)
        self.fn_names: dict[str, str] = {}  # code → name (first seen wins: 5-1 before 3)
        for r in fn_rows:
            assert r.code is not None
            self.fn_names.setdefault(r.code, r.name)
        self.gpb = budget.table(TableKind.GPB_BY_FUNCTION)
        econ = budget.table(TableKind.GPB_BASIC_ECONOMIC)
        self.econ_rows = [r for r in econ.rows if r.code] if econ else []
        projects = budget.table(TableKind.PROJECTS)
        self.project_rows = [r for r in projects.rows if r.kind is RowKind.PROJECT] if projects else []
        self._project_uses: dict[str, int] = {}

    # -- lookups -------------------------------------------------------------------------------
    def class_code(self, name: str) -> str | None:
        k = name_key(name)
        for code, n in self.fn_names.items():
            if len(code) == 3 and name_key(n) == k:
                return code
        return None

    def item_by_path(self, levels: list[str], item: str) -> str | None:
        cls = name_key(levels[0]) if levels else ""
        sec = name_key(levels[1]) if len(levels) > 1 else ""
        it = name_key(item)
        best: tuple[float, str] | None = None
        for code, name in self.fn_names.items():
            if len(code) != 7:
                continue
            score = 2 * similar(it, name_key(name))
            if sec:
                score += similar(sec, name_key(self.fn_names.get(code[:5], "")))
            if cls:
                score += similar(cls, name_key(self.fn_names.get(code[:3], "")))
            if best is None or score > best[0]:
                best = (score, code)
        need = 1.6 + (0.8 if sec else 0) + (0.8 if cls else 0)
        return best[1] if best and best[0] >= need else None

    def item_by_name(self, name: str, column: str | None) -> str | None:
        """A 7-digit code by 项 name alone, preferring items that have money in ``column``."""
        k = name_key(name)
        rows = [r for r in (self.gpb.rows if self.gpb else []) if r.kind is RowKind.ITEM and r.code]
        exact = [r for r in rows if name_key(r.name) == k]
        candidates = exact or [r for r in rows if similar(k, name_key(r.name)) >= 0.6]
        if column:
            with_money = [r for r in candidates if r.amount(column) != 0]
            candidates = with_money or candidates
        if len(candidates) == 1:
            return candidates[0].code
        if len(candidates) > 1 and not exact:
            best = max(candidates, key=lambda r: similar(k, name_key(r.name)))
            return best.code
        return None

    def econ_code(self, name: str) -> str | None:
        k = name_key(name)
        for r in self.econ_rows:
            if name_key(r.name) == k:
                return r.code
        return None

    def project_code(self, name: str) -> str | None:
        """Project by name; repeated names are matched in table order, one use each."""
        k = name_key(re.sub(r"项目$", "", name.strip())) if not name.strip().endswith("运行维护项目") else name_key(name)
        exact = [r for r in self.project_rows if name_key(r.name) in (k, k + "项目", name_key(name))]
        candidates = exact or [r for r in self.project_rows if similar(k, name_key(r.name)) >= 0.75]
        if not candidates:
            return None
        if not exact:
            best = max(similar(k, name_key(r.name)) for r in candidates)
            candidates = [r for r in candidates if similar(k, name_key(r.name)) == best]
        group = name_key(candidates[0].name)
        used = self._project_uses.get(group, 0)
        self._project_uses[group] = used + 1
        row = candidates[used] if used < len(candidates) else candidates[-1]
        return row.code

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, subject: str, ctx: ClaimContext) -> str | None:
        s = name_key(subject)
        if not s:
            return None
        topic, sub = ctx.topic, ctx.sub
        if topic == THREE_PUBLIC or "三公" in s:
            q = _three_public(s)
            if q:
                return q
        if "机关运行经费" in s:
            return "admin_operating_cost"
        if topic == OTHER:
            return _other(s, sub)
        levels, item = split_path(subject)
        if not levels and ctx.path and topic in (GPB, EXPENDITURE, FISCAL, OVERVIEW):
            levels = ctx.path
        prefix = {OVERVIEW: "expenditure", EXPENDITURE: "expenditure", FISCAL: "fiscal", GPB: "gpb",
                  GOV_FUND: "gov_fund", SOE: "soe"}.get(topic)
        if item is not None and prefix:
            code = self.item_by_path(levels, item)
            if code:
                return _with_column(f"{prefix}.fn:{code}", sub if prefix == "gpb" else None)
        if topic == OVERVIEW:
            if re.search(r"收支总预算|收支预算|总预算|收支总计", s):
                return "income.total"
            src = _income_source(s)
            if src and "收入" in s:
                return f"income.{src}"
            if "支出" in s:
                # Shanghai 编制说明: 财政拨款支出预算中，一般公共预算拨款支出预算 X 万元；政府性基金… 0 万元
                for word, q in (("一般公共预算", "gpb.total"), ("政府性基金", "gov_fund.total"),
                                ("国有资本经营", "soe.total"), ("财政拨款", "fiscal.expenditure")):
                    if word in s:
                        return q
            code = self.class_code(s)
            if code:
                return f"expenditure.fn:{code}"
            if re.search(r"收入预算|预算收入|收入合计|收入总计", s):
                return "income.total"
            if re.search(r"支出预算|预算支出|支出合计|支出总计", s):
                return "expenditure.total"
            return None
        if topic == INCOME:
            src = _income_source(s)
            if src and s not in ("收入预算", "预算收入"):
                return f"income.{src}"
            if re.search(r"收入|总预算", s):
                return "income.total"
            return None
        if topic == EXPENDITURE:
            if "基本支出" in s:
                return "expenditure.basic"
            if "项目支出" in s:
                return "expenditure.project"
            code = self.class_code(s)
            if code:
                return f"expenditure.fn:{code}"
            if re.search(r"支出|总预算", s):
                return "expenditure.total"
            return None
        if topic == FISCAL:
            if re.search(r"收支总预算|收支预算|总预算", s):
                return "fiscal.total"
            code = self.class_code(s)
            if code:
                return f"fiscal.fn:{code}"
            src = _income_source(s)
            if src:
                return f"fiscal.income.{src}"
            return None
        if topic == GPB:
            if s in ("本年预算", "本年拨款", "当年预算"):
                return "gpb.current"
            if "上年结转" in s or s == "结转":
                return "gpb.carryover"
            for word, col in (("基本支出", "basic"), ("项目支出", "project"), ("人员经费", "personnel"),
                              ("公用经费", "public")):
                if s == word or (s.endswith(word) and "一般公共预算" in s):
                    return f"gpb.{col}"
            code = self.class_code(s)
            if code:
                return _with_column(f"gpb.fn:{code}", sub)
            if "一般公共预算" in s:
                return "gpb.total"
            column = sub if sub in ("basic", "project") else None
            code = self.item_by_name(s, column)
            if code:
                return _with_column(f"gpb.fn:{code}", sub)
            return None
        if topic == GPB_BASIC:
            if "人员经费" in s:
                return "gpb.personnel"
            if "公用经费" in s:
                return "gpb.public"
            if "基本支出" in s:
                return "gpb.basic"
            code = self.econ_code(s)
            if code:
                return f"econ:{code}" + (f".{sub}" if sub in ("personnel", "public") else "")
            return None
        if topic == PROJECTS:
            if s in ("项目支出", "项目支出预算") or s.endswith("项目支出"):
                return "projects.total"
            if "单位资金" in s:
                return "projects.unit_funds"
            if "政府性基金" in s:
                return "projects.current.gov_fund"
            if "结转" in s:
                return "projects.carryover"
            if "一般公共预算" in s or "本年拨款" in s:
                return "projects.current.gpb"
            code = self.project_code(subject)
            return f"project:{code}" if code else None
        if topic in (GOV_FUND, SOE):
            return f"{topic}.total" if "支出" in s else None
        return None

    def resolve_count(self, subject: str, ctx: ClaimContext) -> str | None:
        s = name_key(subject)
        if ctx.topic == OTHER:
            if "优先" in s or "优秀" in s:
                return "performance.priority_count"
            if "削减" in s:
                return "performance.cut_count"
            if "项目" in s and ("绩效" in s or ctx.sub == "performance"):
                return "count.performance_projects"
            if ctx.sub == "admin_cost":
                return "count.admin_institutions"  # 下属 1 家机关和 1 家事业单位 (Shanghai)
            if ctx.sub == "assets":
                if "车" in s:
                    return "assets.vehicles"
                if "设备" in s:
                    return "assets.equipment"
        return None


def _with_column(key: str, sub: str | None) -> str:
    return f"{key}.{sub}" if sub in ("basic", "project", "personnel", "public") else key


def _income_source(s: str) -> str | None:
    for word, src in _INCOME_SOURCES:
        if word in s:
            return src
    if "财政拨款" in s:
        return "fiscal"
    return None


def _three_public(s: str) -> str | None:
    if "因公出国" in s:
        return "three_public.abroad"
    if "公务用车" in s or "车辆购置" in s:
        if "购置及运行" in s or ("购置" in s and "运行" in s):
            return "three_public.vehicle"
        if "运行" in s:
            return "three_public.vehicle_operation"
        if "购置" in s:
            return "three_public.vehicle_purchase"
        return "three_public.vehicle"
    if "公务接待" in s:
        return "three_public.reception"
    if "三公" in s:
        return "three_public.total"
    return None


def _other(s: str, sub: str | None) -> str | None:
    if sub == "procurement" or "政府采购" in s:
        if "小型和微型企业" in s or "小微企业" in s:
            return "procurement.sme_small"
        if "中小企业" in s:
            return "procurement.sme"
        if "货物" in s:
            return "procurement.goods"
        if "工程" in s:
            return "procurement.works"
        if "服务" in s:
            return "procurement.services"
        return "procurement.total"
    if sub == "purchase_services" or "政府购买服务" in s:
        if "政府购买服务" in s or "合计" in s:
            return "purchase_services.total"
        return f"purchase_services.item:{s}"
    if sub == "assets" or "国有资产" in s:
        if "新增" in s:
            return "assets.new"
        if "国有资产" in s or "资产总" in s:
            return "assets.total"
        return None
    if sub == "performance":
        if "削减" in s:
            return "performance.cut_amount"
        if "优先保障" in s or "优秀" in s:
            return "performance.priority_amount"
        return "performance.amount"
    if "委托业务费" in s:
        return "entrusted_fees"
    return None


# --------------------------------------------------------------------------------------------------
# Measuring a quantity in a budget


@dataclass
class Measured:
    """The value of a quantity: an interval in ``unit`` and the printed figures it comes from."""

    interval: Interval
    unit: str
    figures: list[Figure]

    @classmethod
    def of(cls, fig: Figure) -> Measured:
        return cls(fig.interval(), fig.unit, [fig])


def _row_value(table: Table | None, code: str | None, column: str) -> Measured | None:
    if table is None:
        return None
    row = table.total_row() if code is None else table.find(code)
    if row is None:
        return None
    fig = row.values.get(column)
    if fig is None:
        # A blank cell in a present row is zero.
        return Measured(Interval.exact(0), table.unit, [])
    return Measured.of(fig)


def _balance_value(t: BalanceTable | None, side: str, key: str) -> Measured | None:
    if t is None:
        return None
    lines = t.income if side == "income" else t.expenditure
    for ln in lines:
        if ln.key == key:
            fig = ln.amount
            return Measured.of(fig) if fig is not None else Measured(Interval.exact(0), t.unit, [])
    return None


def measure(budget: Budget, key: str) -> Measured | None:
    """The value of a quantity in this budget, or None when the budget does not state it."""
    summary = budget.balance(TableKind.SUMMARY)
    fiscal = budget.balance(TableKind.FISCAL_SUMMARY)
    income = budget.table(TableKind.INCOME)
    expenditure = budget.table(TableKind.EXPENDITURE)
    gpb = budget.table(TableKind.GPB_BY_FUNCTION)
    if key.startswith("income."):
        k = key.removeprefix("income.")
        got = _balance_value(summary, "income", {"current": "current_total"}.get(k, k))
        if got is not None:
            return got
        column = {"total": "total", "current": "current", "carryover": "carryover"}.get(k, f"current.{k}")
        return _row_value(income, None, column)
    if key.startswith("expenditure."):
        k = key.removeprefix("expenditure.")
        if k.startswith("fn:"):
            code = k[3:]
            got = _row_value(expenditure, code, "total")
            if got is None and len(code) == 3:
                got = _balance_value(summary, "expenditure", k)
            return got
        if k in ("total", "current"):
            got = _balance_value(summary, "expenditure", "total" if k == "total" else "current_total")
            return got if got is not None else _row_value(expenditure, None, "total")
        return _row_value(expenditure, None, k)
    if key.startswith("fiscal."):
        k = key.removeprefix("fiscal.")
        if k == "total":
            return _balance_value(fiscal, "income", "total")
        if k == "expenditure":
            return _balance_value(fiscal, "expenditure", "total")
        if k.startswith("income."):
            return _balance_value(fiscal, "income", k.removeprefix("income."))
        if k.startswith("fn:"):
            return _balance_value(fiscal, "expenditure", k)
        return None
    if key.startswith("gpb."):
        k = key.removeprefix("gpb.")
        if k == "current":
            got = _balance_value(fiscal, "income", "gpb")
            return got if got is not None else _row_value(gpb, None, "total")
        if k == "carryover":
            got = _balance_value(fiscal, "income", "carryover.gpb")
            return got if got is not None else Measured(Interval.exact(0), gpb.unit if gpb else "万元", [])
        if k.startswith("fn:"):
            code, _, column = k[3:].partition(".")
            return _row_value(gpb, code, column or "total")
        return _row_value(gpb, None, k)
    if key.startswith("econ:"):
        code, _, column = key[5:].partition(".")
        return _row_value(budget.table(TableKind.GPB_BASIC_ECONOMIC), code, column or "total")
    if key.startswith("three_public."):
        return _row_value(budget.table(TableKind.THREE_PUBLIC), None, key.removeprefix("three_public."))
    if key == "admin_operating_cost":
        t = budget.table(TableKind.THREE_PUBLIC)
        if t is not None and "admin_operating" in t.column_keys():
            return _row_value(t, None, "admin_operating")
        return None
    if key.startswith("projects."):
        return _row_value(budget.table(TableKind.PROJECTS), None, key.removeprefix("projects."))
    if key.startswith("project:"):
        return _row_value(budget.table(TableKind.PROJECTS), key.removeprefix("project:"), "total")
    if key.startswith(("gov_fund.", "soe.")):
        kind = TableKind.GOV_FUND if key.startswith("gov_fund.") else TableKind.SOE_CAPITAL
        t = budget.table(kind)
        if t is None:
            return None
        got = _row_value(t, None, "total")
        return got if got is not None else Measured(Interval.exact(0), t.unit, [])
    if key == "count.projects":
        t = budget.table(TableKind.PROJECTS)
        if t is None:
            return None
        n = len(t.rows_of(RowKind.PROJECT))
        return Measured(Interval.exact(Decimal(n)), "个", [])
    return None
