"""N — every figure the narrative states agrees with the tables, and the narrative with itself.

Claims are read by :mod:`yusuan.recognize.claims` and tied to model quantities
(:mod:`yusuan.quantities`); comparisons are within the rounding of both printed figures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, RowKind, TableKind
from yusuan.model.interval import Interval
from yusuan.quantities import Measured, split_path
from yusuan.rules.arith import Amount, total
from yusuan.rules.context import CheckContext, row_loc
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import name_key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind
HUNDRED = Decimal(100)


def _measured_amount(m: Measured, unit: str) -> Amount:
    if m.figures:
        return total(m.figures[:1], unit)
    factor = Decimal(1)
    if m.unit == "元" and unit == "万元":
        factor = Decimal("0.0001")
    elif m.unit == "万元" and unit == "元":
        factor = Decimal(10000)
    return Amount(m.interval.mid * factor, m.interval.scale(factor), unit, 2)


def _claim_amount(c: Claim) -> Amount:
    return Amount.of(c.value)


def _where(m: Measured) -> list:
    return [f.source for f in m.figures if f.source is not None]


@rule("N001", "claim-amount-matches-table", "情况说明中的金额与表格一致", ERROR, ("narrative", "amount"),
      """情况说明中陈述的每个金额（如“基本支出 1,680.88 万元”）都应与表格中相应的数字一致（在四舍五入范围内）。
硚口区“一般公共预算基本支出 2,840.98 万元”与表6 合计 1,680.88 万元不符。""",
      """Every amount the narrative states equals the corresponding table figure within rounding.""",
      Example("“其中基本支出 1,680.88 万元”改为 1,690.88 万元",
              (("2026 年支出预算 2,840.98 万元，其中基本支出 1,680.88 万元", "2026 年支出预算 2,840.98 万元，其中基本支出 1,690.88 万元"),)),
      Example("原文（已更正的参考文件）"))
def claim_amounts(ctx: CheckContext) -> Iterator[Hit]:
    for c in ctx.claims:
        if c.kind is not ClaimKind.AMOUNT or not c.quantity:
            continue
        m = ctx.measure(c.quantity)
        if m is None:
            continue
        stated = _claim_amount(c)
        expected = _measured_amount(m, stated.unit)
        hit = ctx.mismatch(f"{c.section}「{c.subject}」{c.value.text()}与表格不符", expected, stated,
                           [c.source, *_where(m)])
        if hit:
            yield hit


def _amount_for(ctx: CheckContext, quantity: str | None, subject: str | None, claims: list[Claim],
                unit: str) -> Amount | None:
    """A quantity's value: from the tables when measurable, else as the narrative states it."""
    if quantity:
        m = ctx.measure(quantity)
        if m is not None:
            return _measured_amount(m, unit)
    for c in claims:
        if c.kind is ClaimKind.AMOUNT and ((quantity and c.quantity == quantity) or (subject and c.subject == subject)):
            return Amount.of(c.value, unit)
    return None


@rule("N002", "claim-share-matches", "占比与金额一致", ERROR, ("narrative", "share"),
      """情况说明中的占比（“占 59.2%”）应等于该项金额除以总额，按两者的印刷精度计算区间判断。""",
      """A stated share equals the part divided by the whole, within the rounding of all figures.""",
      Example("“占 59.2%”改为“占 58.2%”", (("其中基本支出 1,680.88 万元，占 59.2%", "其中基本支出 1,680.88 万元，占 58.2%"),)),
      Example("原文：1,680.88 / 2,840.98 = 59.17%，印作 59.2%"))
def claim_shares(ctx: CheckContext) -> Iterator[Hit]:
    for c in ctx.claims:
        if c.kind is not ClaimKind.SHARE:
            continue
        part = _amount_for(ctx, c.quantity, c.subject, ctx.claims, "万元")
        whole = _amount_for(ctx, c.base, c.base_subject, ctx.claims, "万元")
        if part is None or whole is None:
            continue
        ratio = part.interval / whole.interval
        if ratio is None:
            continue
        computed = ratio.scale(HUNDRED)
        if not computed.overlaps(c.value.interval()):
            value = (part.value / whole.value * HUNDRED) if whole.value else Decimal(0)
            yield Hit(message=f"{c.section}「{c.subject}」占{c.base_subject or '总额'}的比例应为 {value:.2f}%，实际写 {c.value.value}%",
                      locations=[c.source], expected=f"{value:.2f}", actual=str(c.value.value),
                      difference=f"{c.value.value - value:.2f}",
                      tolerance=f"[{computed.lo:.3f}, {computed.hi:.3f}]")


@rule("N003", "shares-sum-to-100", "构成占比合计为 100%", ERROR, ("narrative", "share"),
      """当一组占比的各部分金额恰好构成总额时（如基本支出与项目支出），这些占比之和应为 100%。""",
      """Shares of parts that make up the whole add up to 100%.""",
      Example("“占 40.8%”改为“占 41.8%”", (("项目支出 1,160.1 万元，占 40.8%", "项目支出 1,160.1 万元，占 41.8%"),)),
      Example("原文：59.2% + 40.8% = 100%"))
def shares_sum(ctx: CheckContext) -> Iterator[Hit]:
    groups: dict[tuple[str | None, str | None], list[Claim]] = defaultdict(list)
    for c in ctx.claims:
        if c.kind is ClaimKind.SHARE:
            groups[(c.section, c.base or c.base_subject)].append(c)
    for (_section, _base), shares in groups.items():
        if len(shares) < 2:
            continue
        parts = [_amount_for(ctx, s.quantity, s.subject, ctx.claims, "万元") for s in shares]
        whole = _amount_for(ctx, shares[0].base, shares[0].base_subject, ctx.claims, "万元")
        if whole is None or any(p is None for p in parts):
            continue
        summed = Amount.zero("万元")
        for p in parts:
            assert p is not None
            summed = summed + p
        if not summed.interval.overlaps(whole.interval):
            continue  # the parts do not cover the whole: their shares need not add up to 100
        stated = Interval.exact(0)
        for s in shares:
            stated = stated + s.value.interval()
        if not stated.contains(HUNDRED):
            value = sum((s.value.value for s in shares), Decimal(0))
            yield Hit(message=f"{shares[0].section} 各部分占比之和为 {value}%，不等于 100%",
                      locations=[s.source for s in shares], expected="100", actual=str(value))


_LIST_TARGETS = {"expenditure.classes": K.EXPENDITURE, "classes.classes": K.FISCAL_SUMMARY}


@rule("N004", "listed-classes-complete", "支出构成列举了所有有金额的类", WARNING, ("narrative", "list"),
      """“支出包括：……”列举的功能分类“类”应与支出表中有金额的类一致：不能漏列，也不能列出没有金额的类。
汉阳区“支出包括：科学技术支出、社会保障和就业支出、卫生健康支出、住房保障支出”漏列了一般公共服务支出（16.20 万元）。""",
      """A list “支出包括：…” names exactly the classes that have money.""",
      Example("汉阳“支出包括”漏列一般公共服务支出（原文）", (), base="hanyang-original"),
      Example("汉阳补上一般公共服务支出", base="hanyang"))
def listed_classes(ctx: CheckContext) -> Iterator[Hit]:
    exp = ctx.table(K.EXPENDITURE)
    for sec in ctx.budget.narrative.sections:
        for lst in sec.lists:
            if lst.subject != "支出包括" or exp is None:
                continue
            classes = {name_key(r.name): r for r in exp.rows_of(RowKind.CLASS) if r.amount("total") != 0}
            listed = {name_key(x) for x in lst.items}
            for k, r in classes.items():
                if k not in listed:
                    yield Hit(message=f"{sec.number}、{sec.title}：“支出包括”漏列{r.name}（{r.amount('total')}万元）",
                              locations=[lst.source, r.source], expected=r.name, actual="未列")
            for x in lst.items:
                if name_key(x) not in classes:
                    yield Hit(message=f"{sec.number}、{sec.title}：“支出包括”列出的{x}在支出表中没有金额",
                              locations=[lst.source], actual=x)


_SOURCE_WORDS = {"current.gpb": "一般公共预算", "current.gov_fund": "政府性基金", "current.soe": "国有资本经营",
                 "current.business_income": "事业收入", "current.operating_income": "经营收入",
                 "current.other_income": "其他收入", "current.special_account": "财政专户", "carryover": "上年结转"}


@rule("N005", "listed-income-complete", "收入构成列举了所有收入来源", WARNING, ("narrative", "list"),
      """“收入包括：……”应列出收入总表中有金额的每一项收入来源。""",
      """A list “收入包括：…” names every income source that has money.""",
      Example("汉阳“收入包括”删去其他收入", (("收入包括：一般公共预算财政拨款收入、其他收入。", "收入包括：一般公共预算财政拨款收入。"),),
              base="hanyang"),
      Example("原文", base="hanyang"))
def listed_income(ctx: CheckContext) -> Iterator[Hit]:
    inc = ctx.table(K.INCOME)
    head = inc.total_row() if inc else None
    if head is None:
        return
    for sec in ctx.budget.narrative.sections:
        for lst in sec.lists:
            if lst.subject != "收入包括":
                continue
            text = "".join(lst.items)
            for col, word in _SOURCE_WORDS.items():
                f = head.values.get(col)
                if f is not None and f.value != 0 and word not in text:
                    yield Hit(message=f"{sec.number}、{sec.title}：“收入包括”漏列{word}（{f.value}{f.unit}）",
                              locations=[lst.source, row_loc(head, col)], expected=word, actual="未列")


@rule("N006", "claim-names-match-codes", "情况说明中的科目名称与编码一致", WARNING, ("narrative", "names", "codes"),
      """情况说明按“类/款/项”或项名称陈述金额时，名称应与表中该科目的名称一致。硚口区把 2080899 其他优抚支出写作
“其他抚恤支出”；汉阳区把 2069999 其他科学技术支出写作“其他科学技术管理事务支出（项）”。""",
      """Names used in the narrative for a code match the table's name for that code.""",
      Example("“提租补贴21.68万元”改为“租房补贴21.68万元”", (("提租补贴21.68万元", "租房补贴21.68万元"),)),
      Example("原文（已更正）"))
def claim_names(ctx: CheckContext) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for c in ctx.claims:
        q = c.quantity or ""
        if ".fn:" not in q:
            continue
        code = q.split(".fn:", 1)[1].split(".", 1)[0]
        name = ctx.code_name(code)
        if name is None:
            continue
        levels, item = split_path(c.subject)
        stated = item if item is not None else (c.subject if len(code) == 7 else None)
        problems = []
        if stated is not None and name_key(stated) != name_key(name):
            problems.append(f"项名「{stated}」应为「{name}」")
        for lv, n in zip(levels, (code[:3], code[:5]), strict=False):
            table_name = ctx.code_name(n)
            if table_name and name_key(lv) != name_key(table_name):
                problems.append(f"「{lv}」应为「{table_name}」")
        if problems and (c.subject, code) not in seen:
            seen.add((c.subject, code))
            yield Hit(message=f"{c.section}：{code} 的名称有误：" + "；".join(problems), locations=[c.source],
                      expected=name, actual=stated or c.subject)


@rule("N007", "claim-project-names-match", "情况说明中的项目名称与项目支出表一致", WARNING, ("narrative", "names", "projects"),
      """项目支出安排情况中的项目名称应与项目支出表一致。汉阳区写作“通讯链路租赁费”“政府网络与应用系统维护保障外包服务”，
表中为“通信链路租赁费”“政务网络与应用系统维护保障外包服务”。""",
      """Project names in the narrative match the project table.""",
      Example("“老干经费”改为“老干部经费”", (("12.老干经费 7.80 万元", "12.老干部经费 7.80 万元"),), base="hanyang"),
      Example("原文（已更正）", base="hanyang"))
def claim_project_names(ctx: CheckContext) -> Iterator[Hit]:
    rows = {r.code: r for r in ctx.project_rows}
    for c in ctx.claims:
        if not (c.quantity or "").startswith("project:"):
            continue
        r = rows.get(c.quantity.split(":", 1)[1])  # type: ignore[union-attr]
        if r is None:
            continue
        stated = re.sub(r"项目$", "", c.subject) if not r.name.endswith("项目") else c.subject
        if name_key(stated) != name_key(r.name) and name_key(c.subject) != name_key(r.name):
            yield Hit(message=f"{c.section}：项目名称「{c.subject}」与{ctx.label(K.PROJECTS)}「{r.name}」不一致",
                      locations=[c.source, r.source], expected=r.name, actual=c.subject)


@rule("N008", "all-projects-described", "项目支出情况说明了每个项目", WARNING, ("narrative", "projects"),
      """项目支出安排情况应逐一说明项目支出表中的每个项目。""",
      """The project section describes every project of the project table.""",
      Example("删去“7. 专项劳务外包服务费项目”一条", (("7. 专项劳务外包服务费项目 13.2 万元，主要用于：劳务派遣人员用工经费。", ""),)),
      Example("原文：14 个项目逐一说明"))
def all_projects_described(ctx: CheckContext) -> Iterator[Hit]:
    sec = ctx.budget.narrative.section("projects")
    if sec is None or not ctx.project_rows:
        return
    described = {c.quantity.split(":", 1)[1] for c in sec.claims if (c.quantity or "").startswith("project:")}  # type: ignore[union-attr]
    if not described:
        return
    for r in ctx.project_rows:
        if r.code not in described:
            yield Hit(message=f"项目支出情况没有说明项目「{r.name}」（{r.amount('total')}{ctx.budget.meta.table_unit}）",
                      locations=[sec.source, r.source], expected=r.name, actual="未说明")


@rule("N009", "project-amounts-add-up", "逐项说明的项目金额之和等于项目支出总额", ERROR, ("narrative", "projects", "sum"),
      """项目支出安排情况中逐项列出的金额之和，应等于同一部分陈述的项目支出总额。""",
      """The project amounts listed in the narrative add up to the project total it states.""",
      Example("“项目支出1,160.1万元”改为“1,170.1万元”", (("2026年项目支出1,160.1万元，其中", "2026年项目支出1,170.1万元，其中"),)),
      Example("原文"))
def project_amounts_sum(ctx: CheckContext) -> Iterator[Hit]:
    sec = ctx.budget.narrative.section("projects")
    if sec is None:
        return
    items = [c for c in sec.claims if c.kind is ClaimKind.AMOUNT and (c.quantity or "").startswith("project:")]
    head = next((c for c in sec.claims if c.kind is ClaimKind.AMOUNT and c.quantity == "projects.total"), None)
    if head is None or len(items) < 2 or len(items) < len(ctx.project_rows):
        return
    hit = ctx.mismatch(f"{sec.number}、{sec.title}：逐项金额之和与项目支出总额不一致", total((c.value for c in items), "万元"),
                       Amount.of(head.value), [head.source])
    if hit:
        yield hit


_CHECKED_ELSEWHERE = ("procurement.", "purchase_services.", "performance.", "admin_operating_cost", "entrusted_fees")


@rule("N010", "claim-tied-to-table", "情况说明中的金额能对应到表格", INFO, ("narrative", "coverage"),
      """情况说明陈述的金额无法对应到表格中的数字时，无法核对（例如国有资产总额、政府购买服务明细）。仅作提示。""",
      """An amount in the narrative that no table states cannot be checked; information only.""",
      Example("原文：国有资产 9038.45 万元等无表可核"),
      Example("删去国有资产一段（其余无表可核的数字都有其他规则核对）", (
          ("截至 2025 年 12 月 31 日，部门占有使用国有资产 9038.45 万元。其中：一般公务用车 0 辆，本单位已车改，无公务用车。办公用房面积 931.88 平方米。单位价值 50 万元以上设备 7 套。2026 年预算新增资产 65.8 万元，主要是 2 个网闸，1 个防火墙，20 个硬盘和 5 个内存条。", ""),)))
def claim_tied(ctx: CheckContext) -> Iterator[Hit]:
    for c in ctx.claims:
        if c.kind is not ClaimKind.AMOUNT or c.value.unit not in ("万元", "元"):
            continue
        if c.quantity and ctx.measure(c.quantity) is not None:
            continue
        if c.quantity and c.quantity.startswith(_CHECKED_ELSEWHERE):
            continue  # checked against each other or against the project sheets (N012–N019)
        yield Hit(message=f"{c.section}「{c.subject}」{c.value.text()}没有可核对的表格数字", locations=[c.source])


@rule("N011", "performance-count-matches", "绩效目标项目个数与项目数一致", ERROR, ("narrative", "performance", "count"),
      """情况说明陈述的设置绩效目标的项目个数，应等于项目支出表中的项目数（每个项目都有绩效目标表）。
汉阳区写“12 个二级项目支出绩效目标”，项目支出表有 13 个项目。""",
      """The number of projects with performance targets equals the number of projects.""",
      Example("“14 个一级项目支出绩效目标”改为 13 个", (("14 个一级项目支出绩效目标", "13 个一级项目支出绩效目标"),)),
      Example("原文：14 个"))
def performance_count(ctx: CheckContext) -> Iterator[Hit]:
    n_projects = len(ctx.project_rows)
    n_sheets = len(ctx.sheets)
    for c in ctx.claims:
        if c.quantity != "count.performance_projects":
            continue
        target = n_projects or n_sheets
        if target and c.value.value != target:
            yield Hit(message=f"{c.section}：设置绩效目标的项目 {c.value.value} 个，项目支出表有 {n_projects} 个项目"
                              f"（项目绩效目标表 {n_sheets} 张）", locations=[c.source], expected=str(target),
                      actual=str(c.value.value))


def _admin_units(ctx: CheckContext) -> tuple[Amount | None, list]:
    """公用经费 of the administrative units (机关本级) from 表5-2, when the units can be told apart."""
    t = ctx.table(K.GPB_BY_UNIT)
    if t is None:
        return None, []
    units = t.rows_of(RowKind.UNIT)
    admin = [r for r in units if r.name.endswith("本级") or "机关" in r.name]
    if not admin:
        return None, []
    return total((r.values.get("public") for r in admin), t.unit), [row_loc(r, "public") for r in admin]


@rule("N012", "admin-cost-is-admin-public-funds", "机关运行经费等于行政单位的公用经费", WARNING, ("narrative", "admin-cost"),
      """机关运行经费是行政单位（含参照公务员法管理的事业单位）的公用经费（名词解释的定义）。陈述的机关运行经费应等于
行政单位（机关本级）的一般公共预算公用经费；事业单位的公用经费不在其内。硚口区写 111.62 万元，包含了大数据中心
（事业单位，参公 0 人）的 21.10 万元，本级为 90.52 万元。""",
      """机关运行经费 is the public funds of administrative units only (glossary definition).""",
      Example("硚口原文：111.62 万元含事业单位公用经费", (), base="qiaokou-original"),
      Example("更正为本级公用经费 90.52 万元"))
def admin_cost(ctx: CheckContext) -> Iterator[Hit]:
    claims = [c for c in ctx.claims if c.quantity == "admin_operating_cost" and c.kind is ClaimKind.AMOUNT]
    if not claims or ctx.measure("admin_operating_cost") is not None:
        return
    expected, locs = _admin_units(ctx)
    if expected is None:
        g = ctx.table(K.GPB_BY_FUNCTION)
        head = g.total_row() if g else None
        if head is None:
            return
        whole = Amount.of(head.values["public"], g.unit) if "public" in head.values else Amount.zero(g.unit)  # type: ignore[union-attr]
        for c in claims:
            if Amount.of(c.value).interval.lo > whole.interval.hi:
                yield Hit(message=f"{c.section}：机关运行经费 {c.value.text()} 超过公用经费合计 {whole.value}万元",
                          locations=[c.source], expected=f"≤ {whole.value}", actual=str(c.value.value))
        return
    for c in claims:
        hit = ctx.mismatch(f"{c.section}：机关运行经费应为行政单位（机关本级）的公用经费", expected, Amount.of(c.value),
                           [c.source, *locs])
        if hit:
            yield hit


def _stated(ctx: CheckContext, quantity: str) -> list[Claim]:
    return [c for c in ctx.claims if c.quantity == quantity and c.kind is ClaimKind.AMOUNT]


@rule("N013", "procurement-parts-add-up", "政府采购预算等于货物、工程、服务之和", ERROR, ("narrative", "procurement", "sum"),
      """政府采购预算总额应等于货物类、工程类、服务类金额之和。""",
      """Government procurement total = goods + works + services.""",
      Example("“服务类 755.1 万元”改为 754.1", (("服务类 755.1 万元", "服务类 754.1 万元"),)),
      Example("原文：756.3 = 1.2 + 755.1 + 0"))
def procurement_sum(ctx: CheckContext) -> Iterator[Hit]:
    for head in _stated(ctx, "procurement.total"):
        parts = [c for q in ("procurement.goods", "procurement.works", "procurement.services") for c in _stated(ctx, q)
                 if c.section == head.section]
        if len(parts) < 2:
            continue
        hit = ctx.mismatch(f"{head.section}：政府采购预算不等于货物、工程、服务之和", total((c.value for c in parts), "万元"),
                           Amount.of(head.value), [head.source, *[c.source for c in parts]])
        if hit:
            yield hit


@rule("N014", "purchase-services-add-up", "政府购买服务预算等于各项之和", ERROR, ("narrative", "purchase-services", "sum"),
      """政府购买服务预算总额应等于所列各项服务金额之和。""",
      """The government-purchased-services total equals the sum of the items listed.""",
      Example("“评审服务 15.38 万元”改为 16.38", (("评审服务 15.38 万元", "评审服务 16.38 万元"),)),
      Example("原文：918.66 = 1 + 343.99 + 3 + 15.38 + 515.84 + 35.85 + 3.6"))
def purchase_services_sum(ctx: CheckContext) -> Iterator[Hit]:
    for head in _stated(ctx, "purchase_services.total"):
        items = [c for c in ctx.claims if (c.quantity or "").startswith("purchase_services.item:")
                 and c.section == head.section and c.kind is ClaimKind.AMOUNT]
        if not items:
            continue
        hit = ctx.mismatch(f"{head.section}：政府购买服务预算不等于所列各项之和", total((c.value for c in items), "万元"),
                           Amount.of(head.value), [head.source, *[c.source for c in items]])
        if hit:
            yield hit


def _procurement_kind(item: str) -> str:
    """货物 / 工程 / 服务 of a procurement line. 《政府采购品目分类目录》(财库〔2013〕189号) codes start with
    A (货物), B (工程) or C (服务); otherwise the name decides (…服务 is a service)."""
    s = item.strip()
    if re.match(r"^A\d", s):
        return "goods"
    if re.match(r"^B\d", s):
        return "works"
    if re.match(r"^C\d", s) or "服务" in s:
        return "services"
    if "工程" in s:
        return "works"
    return "goods"


@rule("N015", "procurement-covers-project-purchases", "政府采购预算不少于项目申报表中的采购", WARNING,
      ("narrative", "procurement", "projects"),
      """项目申报表“项目采购”列出的货物、工程、服务，应包含在情况说明的政府采购预算相应类别中（各类别的采购之和不能
超过该类别的政府采购预算）。硚口区项目表列出防火墙采购 8 万元（货物），情况说明货物类只有 1.2 万元。""",
      """Purchases listed on the project sheets fit within the procurement budget of their kind.""",
      Example("硚口原文：货物类 1.2 万元少于防火墙 8 万元", (), base="qiaokou-original"),
      Example("货物类更正为 9.2 万元"))
def procurement_vs_sheets(ctx: CheckContext) -> Iterator[Hit]:
    stated = {q: _stated(ctx, f"procurement.{q}") for q in ("goods", "works", "services")}
    if not any(stated.values()):
        return
    sums: dict[str, Amount] = {q: Amount.zero("万元") for q in stated}
    locs: dict[str, list] = defaultdict(list)
    for s in ctx.budget.projects:
        for p in s.procurement:
            if p.amount is None:
                continue
            k = _procurement_kind(p.item)
            sums[k] = sums[k] + Amount.of(p.amount, "万元")
            locs[k].append(p.source)
    names = {"goods": "货物类", "works": "工程类", "services": "服务类"}
    for q, claims in stated.items():
        for c in claims:
            if sums[q].interval.lo > Amount.of(c.value).interval.hi:
                yield Hit(message=f"{c.section}：政府采购{names[q]} {c.value.text()}，少于项目申报表列出的{names[q]}采购 "
                                  f"{sums[q].value:.2f}万元", locations=[c.source, *locs[q]],
                          expected=f"≥ {sums[q].value:.2f}", actual=str(c.value.value))


@rule("N016", "same-quantity-same-figure", "同一数字在情况说明中前后一致", ERROR, ("narrative", "consistency"),
      """同一项金额在情况说明中多次出现时应前后一致。""",
      """The narrative states the same quantity with the same figure everywhere.""",
      Example("政府购买服务预算在同一段中写成两个不同的数",
              (("2026 年部门政府购买服务预算支出合计 918.66 万元。其中：", "2026 年部门政府购买服务预算支出合计 918.66 万元，政府购买服务预算支出合计 920.66 万元。其中："),)),
      Example("原文"))
def same_quantity(ctx: CheckContext) -> Iterator[Hit]:
    by_q: dict[str, list[Claim]] = defaultdict(list)
    for c in ctx.claims:
        # Measurable quantities are checked against the tables by N001.
        if c.kind is ClaimKind.AMOUNT and c.quantity and ctx.measure(c.quantity) is None:
            by_q[c.quantity].append(c)
    for q, claims in by_q.items():
        first = claims[0]
        for c in claims[1:]:
            hit = ctx.mismatch(f"「{c.subject}」在{first.section}与{c.section}中金额不同", Amount.of(first.value),
                               Amount.of(c.value, first.value.unit), [first.source, c.source])
            if hit:
                yield hit
                break
        del q


@rule("N017", "entrusted-fees-match-details", "委托业务费与项目测算明细一致", WARNING, ("narrative", "projects"),
      """情况说明陈述的委托业务费，应等于项目申报表支出明细中经济分类为“委托业务费”的金额之和。""",
      """The stated 委托业务费 equals the sum of detail lines classed 委托业务费 on the project sheets.""",
      Example("汉阳“委托业务费预算数为 648.50 万元”改为 650.50", (("委托业务费预算数为 648.50 万元", "委托业务费预算数为 650.50 万元"),),
              base="hanyang"),
      Example("原文：648.50 = 5.00 + 22.50 + 35.00 + 372.00 + 30.00 + 150.00 + 34.00", base="hanyang"))
def entrusted_fees(ctx: CheckContext) -> Iterator[Hit]:
    claims = _stated(ctx, "entrusted_fees")
    lines = [d for s in ctx.budget.projects for d in s.details
             if d.economic_class and "委托业务费" in d.economic_class and d.estimate is not None]
    if not claims or not lines:
        return
    summed = total((d.estimate for d in lines), "万元")
    for c in claims:
        hit = ctx.mismatch(f"{c.section}：委托业务费与项目测算明细之和不一致", summed, Amount.of(c.value),
                           [c.source, *[d.source for d in lines]])
        if hit:
            yield hit


@rule("N018", "priority-projects-amount", "优先保障项目金额与项目支出一致", WARNING, ("narrative", "performance"),
      """陈述“优先保障优秀项目 N 个、金额 X 万元”时，若 N 等于全部项目数，X 应等于项目支出总额。""",
      """If all projects are prioritised, their stated amount equals the project total.""",
      Example("“优先保障优秀项目 14 个 1,160.1 万元”改为 1,150.1 万元", (("优先保障优秀项目 14 个 1,160.1 万元", "优先保障优秀项目 14 个 1,150.1 万元"),)),
      Example("原文"))
def priority_projects(ctx: CheckContext) -> Iterator[Hit]:
    n = len(ctx.project_rows)
    counts = [c for c in ctx.claims if c.quantity == "performance.priority_count"]
    amounts = _stated(ctx, "performance.priority_amount")
    m = ctx.measure("projects.total")
    if not n or not counts or not amounts or m is None or counts[0].value.value != n:
        return
    for c in amounts:
        hit = ctx.mismatch(f"{c.section}：优先保障全部 {n} 个项目，金额应等于项目支出总额", _measured_amount(m, "万元"),
                           Amount.of(c.value), [c.source, *_where(m)])
        if hit:
            yield hit


@rule("N019", "performance-amount", "实施绩效管理的预算金额与支出总额一致", WARNING, ("narrative", "performance"),
      """陈述全面实施绩效目标管理时，所述预算支出金额应等于部门支出总额。""",
      """When performance management covers everything, its stated amount equals total expenditure.""",
      Example("“预算支出 2,840.98 万元”改为 2,830.98", (("预算支出 2,840.98 万元，全面实施", "预算支出 2,830.98 万元，全面实施"),)),
      Example("原文"))
def performance_amount(ctx: CheckContext) -> Iterator[Hit]:
    m = ctx.measure("expenditure.total")
    if m is None:
        return
    for c in _stated(ctx, "performance.amount"):
        if "全面" not in c.sentence and "全部" not in c.sentence:
            continue
        hit = ctx.mismatch(f"{c.section}：全面实施绩效管理的预算支出应等于支出总额", _measured_amount(m, "万元"),
                           Amount.of(c.value), [c.source, *_where(m)])
        if hit:
            yield hit


@rule("N020", "count-and-amount-agree", "项目个数与金额相互一致", WARNING, ("narrative", "performance", "count"),
      """“优先保障优秀项目 N 个 X 万元”“削减项目 N 个 X 万元”中，个数为零时金额也应为零，金额为零时个数也应为零。""",
      """In “N projects, X 万元” statements, zero projects go with zero money and vice versa.""",
      Example("“削减项目 0 个 0 万元”改为“削减项目 0 个 5 万元”", (("削减项目 0 个 0 万元", "削减项目 0 个 5 万元"),)),
      Example("原文：削减项目 0 个 0 万元"))
def count_amount(ctx: CheckContext) -> Iterator[Hit]:
    for what, count_q, amount_q in (("优先保障项目", "performance.priority_count", "performance.priority_amount"),
                                    ("削减项目", "performance.cut_count", "performance.cut_amount")):
        counts = [c for c in ctx.claims if c.quantity == count_q]
        amounts = _stated(ctx, amount_q)
        for n, a in zip(counts, amounts, strict=False):
            if (n.value.value == 0) != (a.value.value == 0):
                yield Hit(message=f"{n.section}：{what} {n.value.value} 个，金额 {a.value.text()}，二者不一致",
                          locations=[n.source, a.source], actual=f"{n.value.value} 个 / {a.value.value}")


@rule("N021", "rate-at-most-100", "完成率、覆盖率等不超过 100%", WARNING, ("narrative", "rate"),
      """情况说明中陈述的“……率”（审核率、覆盖率、完成率等）是部分与全体之比，不能超过 100%。""",
      """A stated ratio such as 审核率 or 覆盖率 is a part of a whole and cannot exceed 100%.""",
      Example("情况说明中“技术方案审核率 100%”改为 110%", (("技术方案审核率 100%。\n", "技术方案审核率 110%。\n"),)),
      Example("原文：审核率 100%"))
def rate_at_most_100(ctx: CheckContext) -> Iterator[Hit]:
    for c in ctx.claims:
        if c.kind is ClaimKind.RATE and c.subject.endswith("率") and c.value.value > HUNDRED:
            yield Hit(message=f"{c.section}「{c.subject}」为 {c.value.value}%，超过 100%", locations=[c.source],
                      expected="≤ 100", actual=str(c.value.value))


@rule("N022", "procurement-reserved-within-total", "面向中小企业预留的采购预算不超过采购总额", ERROR,
      ("narrative", "procurement"),
      """面向中小企业预留的政府采购预算不能超过政府采购预算总额；其中预留给小型和微型企业的部分不能超过面向中小企业预留的
金额（上海模板在“政府采购预算情况”中写明）。""",
      """Procurement reserved for SMEs cannot exceed the procurement total, and the part reserved for small
and micro enterprises cannot exceed the SME amount.""",
      Example("办公室：预留给小型和微型企业的 34 万元改为 35 万元",
              (("预留给小型和微型企业的政府采购项目预算为34万元", "预留给小型和微型企业的政府采购项目预算为35万元"),),
              base="bangongshi"),
      Example("办公室原文：34 ≤ 34 ≤ 34", base="bangongshi"))
def procurement_reserved(ctx: CheckContext) -> Iterator[Hit]:
    for part_q, whole_q, what in (("procurement.sme", "procurement.total", "面向中小企业预留的政府采购预算"),
                                  ("procurement.sme_small", "procurement.sme", "预留给小型和微型企业的部分")):
        wholes = _stated(ctx, whole_q)
        for part in _stated(ctx, part_q):
            whole = next((w for w in wholes if w.section == part.section), None)
            if whole is None:
                continue
            if part.value.interval().lo > whole.value.in_unit(part.value.unit).hi:
                yield Hit(message=f"{part.section}：{what} {part.value.text()} 超过 {whole.value.text()}",
                          locations=[part.source, whole.source], expected=f"≤ {whole.value.value}",
                          actual=str(part.value.value))
