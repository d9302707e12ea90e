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
from yusuan.model.figures import Figure, SourceRef
from yusuan.model.interval import Interval, interval_sum
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


@dataclass
class ClaimContext:
    """Where in the narrative a claim stands: the section topic and the enclosing sub-headings."""

    topic: str
    sub: str | None = None  # basic | project | personnel | public | procurement | assets | …
    path: list[str] = field(default_factory=list)  # 类 / 款 names of an enclosing heading
    heading: str | None = None  # the subject an enclosing heading names (（一）因公出国（境）费), if any


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
            levels = [levels[0] if levels else "", name]  # 法院（款）…: the class is not named
        else:
            item = name
    return levels, item


@dataclass(frozen=True)
class Tie:
    """A claim's subject tied to a quantity, and how surely: ``exact`` when the subject names the
    quantity (a code, the printed name, a standard phrase), not exact when only a similar name was
    found (such a tie may inform a reader but is never the ground of an error)."""

    quantity: str
    exact: bool = True


# Codes printed in the narrative: ``2011301-行政运行``, ``2014099其他信访事务支出``, and the
# class/款/项 codes of the Shanghai 2026 wording ``公共安全支出（204类）公安（02款）其他公安支出（99项）``.
_CODE7 = re.compile(r"(?<![\d.])(2\d{6})(?![\d.])")
_CODE_PARTS = re.compile(r"[（(]\s*(\d{3})\s*类\s*[)）].*?[（(]\s*(\d{2})\s*款\s*[)）](?:.*?[（(]\s*(\d{2})\s*项\s*[)）])?")
_CODE_NAME = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2})\s*[-－—]?\s*(?=[\u4e00-\u9fff])")

# A department's name at the start of a subject (国家信访局收入预算, 江苏省高级人民法院本年收入预算): what
# follows it is the subject.
_ORGANIZATION = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}?(?:局|委员会|委|厅|院|办公室|办|部|中心|大学|学校|法院|检察院|政府|"
                           r"公司|协会|馆|站|所|队)(?:本级|机关)?(?=(?:本年|当年|部门|年度)?(?:收|支|财政|一般|基本|项目|政府性|国有|"
                           r"三公|\"三公|机关运行))")
# Self-references a subject may start with (the department's own name is removed too).
_SELF = re.compile(r"^(?:我校|我院|本院|我部门|本部门|我局|本局|我单位|本单位|我委|本委|我厅|本厅|我办|本办|本级|部门本级|"
                   r"相应安排|安排)+")
_TAIL = re.compile(r"(?:各|的|数|共计|合计为|为|达到|达)+$")

_INCOME_TOTAL = re.compile(r"^(?:部门)?(?:收入|收入预算|预算收入|收入总预算)(?:总计|合计|总额|总数)?$")
_INCOME_CURRENT = re.compile(r"^(?:本年|当年)(?:部门)?(?:收入|收入预算|预算收入)(?:合计|小计|总计|总额)?$")
_EXPENDITURE_TOTAL = re.compile(r"^(?:部门)?(?:支出|支出预算|预算支出|支出总预算)(?:总计|合计|总额|总数)?$")
_EXPENDITURE_CURRENT = re.compile(r"^(?:本年|当年)(?:部门)?(?:支出|支出预算|预算支出)(?:合计|小计|总计|总额)?$")
_BOTH_TOTAL = re.compile(r"^(?:部门)?(?:收支|收入支出|收入,支出|收,支)(?:总预算|预算总计|预算|总计|预算总额|总额)$")
# Income sources named as subjects (the whole subject, not a word inside it).
_SOURCE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), q) for p, q in (
        (r"^(?:本年|当年)?一般公共预算(?:当年)?(?:财政)?(?:拨款)?(?:本年|当年)?(?:收入)?(?:预算)?$", "gpb"),
        (r"^(?:本年|当年)?政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入)?(?:预算)?$", "gov_fund"),
        (r"^(?:本年|当年)?国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入)?(?:预算)?$", "soe"),
        (r"^(?:本年|当年)?财政专户(?:管理)?(?:资金|的事业|事业)?(?:拨款)?(?:收入)?$", "special_account"),
        (r"^(?:本年|当年)?事业收入(?:预算)?$", "business_income"),
        (r"^(?:本年|当年)?(?:事业单位)?经营收入(?:预算)?$", "operating_income"),
        (r"^(?:本年|当年)?上级补助收入(?:预算)?$", "superior_subsidy"),
        (r"^(?:本年|当年)?附属单位上缴收入(?:预算)?$", "subsidiary_remit"),
        (r"^(?:本年|当年)?其他收入(?:预算)?$", "other_income"),
        (r"^上年结转(?:和|及)?(?:结余)?(?:资金|收入)?$", "carryover"),
        (r"^(?:本年|当年)?财政拨款(?:收入)?(?:预算)?(?:总计|合计)?$", "fiscal"),
    ))
_GPB_TOTAL = re.compile(r"^一般公共预算(?:当年|本年)?(?:财政)?(?:拨款)?(?:安排的?)?(?:支出)?(?:预算)?(?:总额|合计|总计)?$")
_GPB_SPENDING = re.compile(r"^一般公共预算(?:当年|本年)?(?:财政)?(?:拨款)?(?:支出)(?:预算)?(?:总额|合计|总计)?$")
_GOV_FUND_TOTAL = re.compile(r"^政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:支出)(?:预算)?(?:支出)?(?:总额|合计)?$")
_SOE_TOTAL = re.compile(r"^国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:支出)(?:预算)?(?:支出)?(?:总额|合计)?$")
_FISCAL_TOTAL = re.compile(r"^财政拨款(?:收支|收入支出|收,支)(?:总预算|预算总计|预算|总计|总额)$")
_FISCAL_SPENDING = re.compile(r"^(?:本年|当年)?财政拨款(?:预算)?支出(?:预算)?(?:总额|合计|总计)?$")
_COLUMN_WORDS = (("基本支出", "basic"), ("项目支出", "project"), ("人员经费", "personnel"), ("公用经费", "public"))


def _column_subject(s: str, prefixes: str) -> str | None:
    """``基本支出``, ``一般公共预算基本支出预算`` … → basic; the whole subject must be the phrase."""
    for word, col in _COLUMN_WORDS:
        if re.match(rf"^(?:{prefixes})?(?:本年|当年)?{word}(?:预算)?(?:合计|总额)?$", s):
            return col
    return None


def _class_key(name: str) -> str:
    """Class names are written with and without 支出 (一般公共服务（类）支出 / 一般公共服务支出)."""
    k = name_key(name).replace("类", "") if name.endswith(("（类）", "(类)")) else name_key(name)
    return k.removesuffix("支出")


_ONE_PROJECT = re.compile(r"(?:该|本|此)(?:项目|专项)")


class Resolver:
    """Ties the subject of a narrative claim to a model quantity of one budget.

    A final account's narrative is tied to no budget table quantity: its figures are 决算 and
    年初/调整/全年预算, which the budget quantities are not (the rules check such a narrative against
    itself only); what its narrative-only statements are about is still known (never exactly).
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.final = budget.meta.kind == "final"
        fn_rows: list[Row] = []
        for kind in (TableKind.GPB_BY_FUNCTION, TableKind.EXPENDITURE, TableKind.FISCAL_BY_FUNCTION,
                     TableKind.GOV_FUND, TableKind.SOE_CAPITAL):
            t = budget.table(kind)
            if t is not None:
                fn_rows.extend(r for r in t.rows if r.code)
        self.fn_names: dict[str, str] = {}  # code → name (first seen wins: 5-1 before 3)
        for r in fn_rows:
            assert r.code is not None
            self.fn_names.setdefault(r.code, r.name)
        for balance in (budget.balance(TableKind.SUMMARY), budget.balance(TableKind.FISCAL_SUMMARY)):
            for ln in balance.expenditure if balance is not None else []:
                if ln.code and len(ln.code) == 3:
                    self.fn_names.setdefault(ln.code, ln.label)
        self.gpb = budget.table(TableKind.GPB_BY_FUNCTION)
        econ = budget.table(TableKind.GPB_BASIC_ECONOMIC)
        self.econ_rows = [r for r in econ.rows if r.code] if econ else []
        projects = budget.table(TableKind.PROJECTS)
        self.project_rows = [r for r in projects.rows if r.kind is RowKind.PROJECT] if projects else []
        self._project_uses: dict[str, int] = {}
        self._department = name_key(budget.meta.department or "")

    # -- lookups -------------------------------------------------------------------------------
    def class_code(self, name: str) -> str | None:
        k = _class_key(name)
        if not k:
            return None
        found = [code for code, n in self.fn_names.items() if len(code) == 3 and _class_key(n) == k]
        return found[0] if len(found) == 1 else None

    def item_by_path(self, levels: list[str], item: str) -> Tie | None:
        """The 项 a 类/款/项 path names: exact when every level names its table row exactly."""
        cls = _class_key(levels[0]) if levels else ""
        sec = name_key(levels[1]) if len(levels) > 1 else ""
        it = name_key(item)
        exact = [code for code, name in self.fn_names.items() if len(code) == 7 and name_key(name) == it
                 and (not sec or name_key(self.fn_names.get(code[:5], "")) == sec)
                 and (not cls or _class_key(self.fn_names.get(code[:3], "")) == cls)]
        if len(exact) == 1:
            return Tie(exact[0])
        if cls and sec:
            # The 类 and 款 are named exactly: the 项 is the one of that 款 whose name is closest, when
            # no other comes near (其他科学技术管理事务支出（项） under 其他科学技术支出（款） is 2069999).
            within = sorted(((similar(it, name_key(name)), code) for code, name in self.fn_names.items()
                             if len(code) == 7 and name_key(self.fn_names.get(code[:5], "")) == sec
                             and _class_key(self.fn_names.get(code[:3], "")) == cls), reverse=True)
            if within and within[0][0] >= 0.6 and (len(within) == 1 or within[1][0] < within[0][0] - 0.15):
                return Tie(within[0][1])
        best: tuple[float, str] | None = None
        for code, name in self.fn_names.items():
            if len(code) != 7:
                continue
            score = 2 * similar(it, name_key(name))
            if sec:
                score += similar(sec, name_key(self.fn_names.get(code[:5], "")))
            if cls:
                score += similar(cls, _class_key(self.fn_names.get(code[:3], "")))
            if best is None or score > best[0]:
                best = (score, code)
        need = 1.6 + (0.8 if sec else 0) + (0.8 if cls else 0)
        return Tie(best[1], exact=False) if best and best[0] >= need else None

    def item_by_name(self, name: str, column: str | None) -> Tie | None:
        """A 7-digit code by 项 name alone, preferring items that have money in ``column``."""
        k = name_key(name)
        rows = [r for r in (self.gpb.rows if self.gpb else []) if r.kind is RowKind.ITEM and r.code]
        exact = [r for r in rows if name_key(r.name) == k]
        if len(exact) == 1:
            return Tie(str(exact[0].code))
        candidates = exact or [r for r in rows if similar(k, name_key(r.name)) >= 0.6]
        if column:
            with_money = [r for r in candidates if r.amount(column) != 0]
            candidates = with_money or candidates
        if len(candidates) == 1:
            return Tie(str(candidates[0].code), exact=False)
        if len(candidates) > 1 and not exact:
            best = max(candidates, key=lambda r: similar(k, name_key(r.name)))
            return Tie(str(best.code), exact=False)
        return None

    def econ_code(self, name: str) -> str | None:
        k = name_key(name)
        for r in self.econ_rows:
            if name_key(r.name) == k:
                return r.code
        return None

    def project_code(self, name: str) -> Tie | None:
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
        return Tie(str(row.code), exact=bool(exact))

    def code_of(self, subject: str) -> str | None:
        """A function code printed in the subject, when the tables know it."""
        m = _CODE7.search(subject)
        if m:
            code = m.group(1)
        else:
            parts = _CODE_PARTS.search(subject)
            if parts:
                code = "".join(p for p in parts.groups() if p)
            else:
                head = _CODE_NAME.match(subject)
                if not head:
                    return None
                code = head.group(1)
        return code if code in self.fn_names else None

    def normalize(self, subject: str) -> str:
        s = subject.replace("收、支", "收支").replace("收入、支出", "收支")
        s = name_key(s)
        if self._department and s.startswith(self._department) and len(s) > len(self._department):
            s = s[len(self._department):]
        s = _ORGANIZATION.sub("", s, count=1)
        for _ in range(2):
            s = _TAIL.sub("", _SELF.sub("", s))
        return s

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, subject: str, ctx: ClaimContext) -> str | None:
        tie = self.tie(subject, ctx)
        return tie.quantity if tie else None

    def tie(self, subject: str, ctx: ClaimContext) -> Tie | None:
        s = self.normalize(subject)
        if not s:
            return None
        if _ONE_PROJECT.search(s):
            return None  # 该项目 / 本项目: one project's figure (its note), not the department's
        if self.final:
            return self._final(s, ctx)
        topic, sub = ctx.topic, ctx.sub
        if topic == THREE_PUBLIC or "三公" in s:
            q = _three_public(s)
            if q:
                return Tie(q)
        if "机关运行经费" in s:
            return Tie("admin_operating_cost")
        if topic == OTHER:
            q = _other(s, sub)
            return Tie(q) if q else None
        prefix = {OVERVIEW: "expenditure", EXPENDITURE: "expenditure", FISCAL: "fiscal", GPB: "gpb",
                  GOV_FUND: "gov_fund", SOE: "soe"}.get(topic)
        code = self.code_of(subject)
        if code and prefix:
            return Tie(_with_column(f"{prefix}.fn:{code}", sub if prefix == "gpb" else None))
        levels, item = split_path(subject)
        own_levels = list(levels)
        if ctx.path and topic in (GPB, EXPENDITURE, FISCAL, OVERVIEW) and item is not None:
            if not levels:
                levels = ctx.path
            elif not levels[0]:
                levels = [ctx.path[0], *levels[1:]]  # 法院（款）… under （一）公共安全（类）
        if item is not None and prefix:
            found = self.item_by_path(levels, item)
            if found:
                return Tie(_with_column(f"{prefix}.fn:{found.quantity}", sub if prefix == "gpb" else None),
                           found.exact)
        if own_levels and item is None and prefix and len(own_levels) == 1:
            cls = self.class_code(own_levels[0])
            if cls:
                return Tie(f"{prefix}.fn:{cls}" if prefix != "gpb" else _with_column(f"gpb.fn:{cls}", sub))
        if topic in (OVERVIEW, INCOME, EXPENDITURE):
            q = self._overview(s, topic)
            return Tie(q) if q else None
        if topic == FISCAL:
            q = self._fiscal(s)
            return Tie(q) if q else None
        if topic == GPB:
            return self._gpb(s, sub)
        if topic == GPB_BASIC:
            col = _column_subject(s, "一般公共预算(?:财政)?(?:拨款)?")
            if col:
                return Tie(f"gpb.{col}")
            econ = self.econ_code(s)
            if econ:
                return Tie(f"econ:{econ}" + (f".{sub}" if sub in ("personnel", "public") else ""))
            return None
        if topic == PROJECTS:
            return self._projects(subject, s)
        if topic in (GOV_FUND, SOE):
            pattern = _GOV_FUND_TOTAL if topic == GOV_FUND else _SOE_TOTAL
            return Tie(f"{topic}.total") if pattern.match(s) else None
        return None

    def _final(self, s: str, ctx: ClaimContext) -> Tie | None:
        """A final account's statements of 三公, 机关运行经费, 政府采购, assets and self-evaluations: what
        they are about is known (the report says which are stated), not whether a figure is the budget or
        the actual, so the tie is never exact and no table figure is measured for it."""
        if ctx.topic == THREE_PUBLIC or "三公" in s:
            q = _three_public(s)
            if q:
                return Tie(q, exact=False)
        if "机关运行经费" in s:
            return Tie("admin_operating_cost", exact=False)
        if ctx.topic == OTHER:
            q = _other(s, ctx.sub)
            return Tie(q, exact=False) if q else None
        return None

    def _overview(self, s: str, topic: str) -> str | None:
        if _BOTH_TOTAL.match(s):
            return "income.total"
        if topic != EXPENDITURE:
            if _INCOME_TOTAL.match(s):
                return "income.total"
            if _INCOME_CURRENT.match(s):
                return "income.current"
            for pattern, src in _SOURCE_PATTERNS:
                if pattern.match(s) and (topic == INCOME or "收入" in s or src == "carryover"):
                    return f"income.{src}"
        if topic != INCOME:
            if _EXPENDITURE_TOTAL.match(s):
                return "expenditure.total"
            if _EXPENDITURE_CURRENT.match(s):
                return "expenditure.current"
            col = _column_subject(s, "")
            if col in ("basic", "project"):
                return f"expenditure.{col}"
            for pattern, q in ((_GPB_SPENDING, "gpb.total"), (_GOV_FUND_TOTAL, "gov_fund.total"),
                               (_SOE_TOTAL, "soe.total"), (_FISCAL_SPENDING, "fiscal.expenditure")):
                if pattern.match(s):
                    return q
            cls = self.class_code(s)
            if cls:
                return f"expenditure.fn:{cls}"
        return None

    def _fiscal(self, s: str) -> str | None:
        if _FISCAL_TOTAL.match(s):
            return "fiscal.total"
        if _FISCAL_SPENDING.match(s):
            return "fiscal.expenditure"
        cls = self.class_code(s)
        if cls:
            return f"fiscal.fn:{cls}"
        for pattern, src in _SOURCE_PATTERNS:
            if pattern.match(s) and src != "fiscal":
                return f"fiscal.income.{src}"
        return None

    def _gpb(self, s: str, sub: str | None) -> Tie | None:
        if s in ("本年预算", "本年拨款", "当年预算"):
            return Tie("gpb.current")
        if re.match(r"^上年结转(?:结余)?$", s):
            return Tie("gpb.carryover")
        col = _column_subject(s, "一般公共预算(?:财政)?(?:拨款)?")
        if col:
            return Tie(f"gpb.{col}")
        if _GPB_TOTAL.match(s):
            return Tie("gpb.total")
        cls = self.class_code(s)
        if cls:
            return Tie(_with_column(f"gpb.fn:{cls}", sub))
        column = sub if sub in ("basic", "project") else None
        found = self.item_by_name(s, column)
        if found:
            return Tie(_with_column(f"gpb.fn:{found.quantity}", sub), found.exact)
        return None

    def _projects(self, subject: str, s: str) -> Tie | None:
        if re.match(r"^(?:本年|当年)?项目支出(?:预算)?(?:合计|总额)?$", s):
            return Tie("projects.total")
        if re.match(r"^单位资金$", s):
            return Tie("projects.unit_funds")
        if re.match(r"^政府性基金(?:预算)?(?:拨款)?$", s):
            return Tie("projects.current.gov_fund")
        if re.match(r"^(?:上年)?结转(?:结余)?(?:资金)?$", s):
            return Tie("projects.carryover")
        if re.match(r"^一般公共预算(?:本年|当年)?(?:财政)?(?:拨款)?$|^本年拨款$", s):
            return Tie("projects.current.gpb")
        found = self.project_code(subject)
        return Tie(f"project:{found.quantity}", found.exact) if found else None

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


_PROCUREMENT_TOTAL = re.compile(r"政府采购(?:预算|项目|资金)?(?:支出)?(?:总额|总金额|总计|合计|金额|资金)?$")


def _other(s: str, sub: str | None) -> str | None:
    if sub == "procurement" or "政府采购" in s:
        if "中小企业" in s and ("小型" in s or "小微" in s or "微型" in s) and "其中" not in s:
            return "procurement.sme_small"
        if "小型和微型企业" in s or "小微企业" in s:
            return "procurement.sme_small"
        if "中小企业" in s:
            return "procurement.sme"
        for word, part in (("货物", "goods"), ("工程", "works"), ("服务", "services")):
            if word in s and re.search(rf"(?:政府采购|采购|^){word}(?:类)?(?:采购)?(?:项目)?(?:预算|支出)?(?:金额)?$"
                                       rf"|^(?:拟购买|购买){word}$", s):
                return f"procurement.{part}"
        if _PROCUREMENT_TOTAL.search(s) or (sub == "procurement" and re.match(r"^(?:采购)?(?:预算)?(?:总额|合计|总计)$", s)):
            return "procurement.total"
        return None
    if sub == "purchase_services" or "政府购买服务" in s:
        if re.search(r"政府购买服务(?:预算)?(?:支出)?(?:总额|合计|总计|金额|资金)?$", s) or s in ("合计", "总计"):
            return "purchase_services.total"
        if sub == "purchase_services":
            return f"purchase_services.item:{s}"
        return None
    if sub == "assets" or "国有资产" in s:
        if "新增" in s:
            return "assets.new"
        if re.search(r"国有资产(?:总额|总值|合计)?$|资产总额$", s):
            return "assets.total"
        return None
    if sub == "performance":
        if "削减" in s:
            return "performance.cut_amount"
        if "优先保障" in s or "优秀" in s:
            return "performance.priority_amount"
        if _column_subject(s, "") or not re.search(r"(?:资金|金额|预算|拨款|支出)$", s):
            return None  # 其中，基本支出…: a part of the amount, not the amount
        return "performance.amount"
    if "委托业务费" in s:
        return "entrusted_fees"
    return None


# --------------------------------------------------------------------------------------------------
# Measuring a quantity in a budget


@dataclass
class Measured:
    """The value of a quantity: an interval in ``unit``, the printed figures it comes from and where
    they are (for a blank cell, the cell's row: findings point to the table even when it is empty)."""

    interval: Interval
    unit: str
    figures: list[Figure]
    sources: list[SourceRef] = field(default_factory=list)

    @classmethod
    def of(cls, fig: Figure) -> Measured:
        return cls(fig.interval(), fig.unit, [fig], [fig.source] if fig.source is not None else [])


def _column(table: Table, column: str) -> str | None:
    """The column a key names in this table: ``total`` is the 小计 where a table prints no 合计.
    A table whose header does not have the column does not state the quantity (None), which is not
    the same as a blank cell (zero)."""
    keys = table.column_keys()
    if not keys or column in keys:
        return column
    if column == "total" and "subtotal" in keys:
        return "subtotal"
    return None


def _row_value(table: Table | None, code: str | None, column: str) -> Measured | None:
    if table is None:
        return None
    col = _column(table, column)
    if col is None:
        return None
    row = table.total_row() if code is None else table.find(code)
    if row is None:
        return None
    fig = row.values.get(col)
    if fig is None:
        # A blank cell in a present row is zero.
        return Measured(Interval.exact(0), table.unit, [], [row.source.with_(column=col)])
    return Measured.of(fig)


def _balance_value(t: BalanceTable | None, side: str, key: str) -> Measured | None:
    if t is None:
        return None
    lines = t.income if side == "income" else t.expenditure
    for ln in lines:
        if ln.key == key:
            fig = ln.amount
            return Measured.of(fig) if fig is not None else Measured(Interval.exact(0), t.unit, [], [ln.source])
    return None


def _function_row(budget: Budget, kinds: tuple[TableKind, ...], code: str, column: str) -> Measured | None:
    """The first of these tables that has a row for ``code``."""
    for kind in kinds:
        t = budget.table(kind)
        if t is not None and t.find(code) is not None:
            return _row_value(t, code, column)
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
            code = k[3:]
            if len(code) == 3:
                got = _balance_value(fiscal, "expenditure", k)
                if got is not None:
                    return got
            return _function_row(budget, (TableKind.FISCAL_BY_FUNCTION, TableKind.GPB_BY_FUNCTION, TableKind.GOV_FUND,
                                          TableKind.SOE_CAPITAL), code, "total")
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
        got = _row_value(gpb, None, k)
        if got is None and k in ("basic", "personnel", "public"):
            # The basic-expenditure table states them when the function table has no such column.
            got = _row_value(budget.table(TableKind.GPB_BASIC_ECONOMIC), None, "total" if k == "basic" else k)
        return got
    if key.startswith("econ:"):
        code, _, column = key[5:].partition(".")
        return _row_value(budget.table(TableKind.GPB_BASIC_ECONOMIC), code, column or "total")
    if key.startswith("three_public."):
        t = budget.table(TableKind.THREE_PUBLIC)
        column = key.removeprefix("three_public.")
        if column == "total" and t is not None and {"meeting", "training"} & set(t.column_keys()):
            # A table of 三公 with 会议费 and 培训费 (Jiangsu): its 合计 covers all five, “三公”经费 the
            # three (its printed 小计, else their sum).
            if "subtotal" in t.column_keys():
                return _row_value(t, None, "subtotal")
            items = [_row_value(t, None, c) for c in ("abroad", "vehicle", "reception")]
            present = [m for m in items if m is not None]
            if len(present) == len(items):
                return Measured(interval_sum(m.interval for m in present), t.unit,
                                [f for m in present for f in m.figures], [src for m in present for src in m.sources])
        return _row_value(t, None, column)
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
        k = key.split(".", 1)[1]
        if k.startswith("fn:"):
            return _row_value(t, k[3:], "total")
        got = _row_value(t, None, "total")
        if got is None and not any(r.values for r in t.rows):
            return Measured(Interval.exact(0), t.unit, [], [t.source])  # printed empty: nothing spent
        return got
    if key == "count.projects":
        t = budget.table(TableKind.PROJECTS)
        if t is None:
            return None
        n = len(t.rows_of(RowKind.PROJECT))
        return Measured(Interval.exact(Decimal(n)), "个", [])
    return None
