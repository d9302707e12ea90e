"""P — performance targets and project sheets (domain.md §4 绩效; 财预〔2021〕101号 on indicators).

Sheets are matched to the rows of the 项目支出表 by code when the sheet prints one, otherwise by name
and executing unit (see :meth:`CheckContext.sheet_links`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.model.budget import Indicator, IndicatorValue, ProjectSheet, TableKind
from yusuan.quantities import STRUCTURE_LINES
from yusuan.recognize.indicators import LEVEL2
from yusuan.rules.arith import Amount, fig_amount, total
from yusuan.rules.context import CheckContext, row_loc
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import key, name_key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind
HUNDRED = Decimal(100)


def _name(s: ProjectSheet) -> str:
    if s.form == "note":
        return f"项目经费情况说明「{s.name}」"
    return f"项目申报表「{s.name}」" + (f"（表{s.number}）" if s.number else "")


@rule("P001", "project-has-sheet", "每个项目都有绩效目标表", ERROR, ("performance", "projects", "completeness"),
      """项目支出表中的每个项目都应有一张项目支出绩效目标表（项目申报表）。汉阳区“单位往来资金”20.00 万元没有。""",
      """Every project of the project table has its performance sheet.""",
      Example("汉阳原文：单位往来资金没有项目申报表", (), base="hanyang-original"),
      Example("原文（硚口）：14 个项目 14 张表"))
def project_has_sheet(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.projects and not ctx.profile.requires("project_sheets"):
        return
    _, missing, _ = ctx.sheet_links
    for r in missing:
        yield Hit(message=f"项目「{r.name}」（{r.code}，{r.amount('total')}{ctx.budget.meta.table_unit}）没有项目支出绩效目标表",
                  locations=[r.source], expected="项目申报表", actual="缺失")


@rule("P002", "sheet-has-project", "每张项目申报表对应项目支出表中的项目", ERROR, ("performance", "projects"),
      """每张项目申报表都应对应项目支出表中的一个项目（编码或名称、执行单位一致）。""",
      """Every project sheet matches a project of the project table.""",
      Example("表12-2 项目名称改为表10 中没有的“课题研究经费”", (("| 项目名称 | 专项劳务外包服务费 | | |", "| 项目名称 | 课题研究经费 | | |"),)),
      Example("原文"))
def sheet_has_project(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.project_rows:
        return
    _, _, orphans = ctx.sheet_links
    for i in orphans:
        s = ctx.budget.projects[i]
        yield Hit(message=f"{_name(s)}在{ctx.label(K.PROJECTS)}中找不到对应项目", locations=[s.source], actual=s.name)


@rule("P003", "sheet-amount-matches-table", "项目申报表金额与项目支出表一致", ERROR, ("performance", "projects", "amount"),
      """项目申报表的当年预算（注意单位：元或万元）应等于项目支出表中该项目的合计。""",
      """A sheet's current-year budget (元 or 万元) equals the project's amount in the project table.""",
      Example("表12-1 当年预算 270,000 改为 280,000", (("| 项目总预算 | 270,000 | 项目当年预算 | 270,000 | | |", "| 项目总预算 | 280,000 | 项目当年预算 | 280,000 | | |"),)),
      Example("原文：3,593,349 元与 359.33 万元在四舍五入范围内一致"))
def sheet_amount(ctx: CheckContext) -> Iterator[Hit]:
    links, _, _ = ctx.sheet_links
    for i, row in links.items():
        s = ctx.budget.projects[i]
        if s.current_budget is None:
            continue
        unit = ctx.budget.meta.table_unit
        hit = ctx.mismatch(f"{_name(s)}当年预算与{ctx.label(K.PROJECTS)}不一致", fig_amount(row.values.get("total"), unit),
                           Amount.of(s.current_budget, unit), [s.current_budget.source or s.source, row_loc(row, "total")])
        if hit:
            yield hit


@rule("P004", "sheet-total-budget-stated", "项目申报表填写项目总预算", WARNING, ("performance", "projects", "completeness"),
      """项目申报表应填写项目总预算。硚口区表12-4 科技成果转化及产业培育的项目总预算为空。""",
      """A project sheet states the project's total budget.""",
      Example("硚口原文：表12-4 项目总预算为空", (), base="qiaokou-original"),
      Example("更正后填写 50,000"))
def sheet_total_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.requires("project_sheets"):
        return  # what the form must contain is the template's (Wuhan's 项目申报表); other forms differ
    for s in ctx.sheets:
        if s.total_budget is None:
            yield Hit(message=f"{_name(s)}没有填写项目总预算", locations=[s.source], expected="项目总预算", actual="空")


@rule("P005", "sheet-total-covers-current", "项目总预算不小于当年预算", ERROR, ("performance", "projects", "amount"),
      """项目总预算是项目全周期的预算，不能小于当年预算。""",
      """A project's total budget is not smaller than its current-year budget.""",
      Example("表12-1 项目总预算改为 200,000", (("| 项目总预算 | 270,000 | 项目当年预算 | 270,000 | | |", "| 项目总预算 | 200,000 | 项目当年预算 | 270,000 | | |"),)),
      Example("原文"))
def sheet_total_covers(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        if s.total_budget is None or s.current_budget is None:
            continue
        if s.total_budget.interval().hi < s.current_budget.interval().lo:
            yield Hit(message=f"{_name(s)}项目总预算 {s.total_budget.text()} 小于当年预算 {s.current_budget.text()}",
                      locations=[s.total_budget.source or s.source], expected=f"≥ {s.current_budget.value}",
                      actual=str(s.total_budget.value))


def _funding(s: ProjectSheet, k: str):
    line = s.funding_line(k)
    return line.amount if line else None


@rule("P006", "funding-total-equals-current", "资金来源合计等于当年预算", ERROR, ("performance", "projects", "funding"),
      """项目资金来源的合计应等于项目当年预算。""",
      """A sheet's funding total equals its current-year budget.""",
      Example("表12-2 资金来源合计 132,000 改为 133,000", (("| | 合计 | | | 132,000 | |", "| | 合计 | | | 133,000 | |"),)),
      Example("原文"))
def funding_total(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        t = _funding(s, "total")
        if t is None or s.current_budget is None:
            continue
        hit = ctx.mismatch(f"{_name(s)}资金来源合计与当年预算不一致", Amount.of(s.current_budget), Amount.of(t, s.current_budget.unit),
                           [t.source or s.source])
        if hit:
            yield hit


_SOURCES = ("gpb", "gov_fund", "soe", "special_account", "unit_funds", "other")


@rule("P007", "funding-sources-add-up", "资金来源合计等于各来源之和", ERROR, ("performance", "projects", "funding"),
      """项目资金来源合计应等于一般公共预算、政府性基金、财政专户、单位资金等各来源之和。""",
      """A sheet's funding total equals the sum of its sources.""",
      Example("表12-1 单位资金填入 10,000", (("| | 单位资金 | | | | |\n| 其中：使用上年度财政拨款结转 | | | | | |\n| 项目支出明细测算 | | | | | |\n| 项目任务明细 | 支出标准 | 单价 | 计量数 | 测算数 | 测算依据及说明 |\n| 2名人事代理", "| | 单位资金 | | 10,000 | | |\n| 其中：使用上年度财政拨款结转 | | | | | |\n| 项目支出明细测算 | | | | | |\n| 项目任务明细 | 支出标准 | 单价 | 计量数 | 测算数 | 测算依据及说明 |\n| 2名人事代理"),)),
      Example("原文"))
def funding_sources(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        t = _funding(s, "total")
        parts = [_funding(s, k) for k in _SOURCES]
        if t is None or all(p is None for p in parts):
            continue
        hit = ctx.mismatch(f"{_name(s)}资金来源合计不等于各来源之和", total(parts, t.unit), Amount.of(t), [t.source or s.source])
        if hit:
            yield hit


@rule("P008", "funding-current-within-gpb", "申请当年预算拨款不超过一般公共预算财政拨款", ERROR, ("performance", "projects", "funding"),
      """资金来源中“其中：申请当年预算拨款”是一般公共预算财政拨款的一部分，不能超过它。""",
      """“其中：申请当年预算拨款” is part of the general-public-budget funding and cannot exceed it.""",
      Example("表12-3 申请当年预算拨款 44,000 改为 45,000", (("| | 其中：申请当年预算拨款 | | | 44,000 | |", "| | 其中：申请当年预算拨款 | | | 45,000 | |"),)),
      Example("原文"))
def funding_current(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        cur, gpb = _funding(s, "gpb.current"), _funding(s, "gpb")
        if cur is None:
            continue
        whole = Amount.of(gpb) if gpb is not None else Amount.zero(cur.unit)
        if Amount.of(cur).interval.lo > whole.interval.hi:
            yield Hit(message=f"{_name(s)}申请当年预算拨款 {cur.value} 超过一般公共预算财政拨款 {whole.value}",
                      locations=[cur.source or s.source], expected=f"≤ {whole.value}", actual=str(cur.value))


@rule("P009", "details-add-up", "支出明细测算数之和等于当年预算", ERROR, ("performance", "projects", "details"),
      """项目支出明细测算各行的测算数（金额）之和应等于项目当年预算（项目经费情况说明：各分项之和等于年度预算和所写的合计）。""",
      """The detail lines' estimates add up to the current-year budget.""",
      Example("表12-3 党建经费测算数 18,000 改为 19,000", (("| 党建经费 | 18,000 | 1,500 | 12 | 18,000 |", "| 党建经费 | 18,000 | 1,500 | 12 | 19,000 |"),)),
      Example("原文：表12-6 十一行之和 3,593,349 元"))
def details_sum(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.budget.projects:
        estimates = [d.estimate for d in s.details if d.estimate is not None]
        if not estimates:
            continue
        for whole, what in ((s.current_budget, "当年预算"), (s.details_total, "明细所列合计")):
            if whole is None:
                continue
            hit = ctx.mismatch(f"{_name(s)}支出明细测算数之和与{what}不一致", total(estimates, whole.unit),
                               Amount.of(whole), [whole.source or s.source, *[e.source for e in estimates if e.source]])
            if hit:
                yield hit


@rule("P010", "price-times-quantity", "单价乘以计量数等于测算数", ERROR, ("performance", "projects", "details"),
      """支出明细中，单价 × 计量数应等于测算数。""",
      """On a detail line, unit price × quantity = estimate.""",
      Example("表12-3 档案目标管理检查计量数 1000 改为 1100", (("| 档案目标管理检查 | 10,000 | 10 | 1000 | 10,000 |", "| 档案目标管理检查 | 10,000 | 10 | 1100 | 10,000 |"),)),
      Example("原文：1,500 × 12 = 18,000"))
def price_quantity(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        for d in s.details:
            if d.unit_price is None or d.quantity is None or d.estimate is None:
                continue
            product = d.unit_price.interval() * d.quantity.interval()
            if not product.overlaps(d.estimate.interval()):
                value = d.unit_price.value * d.quantity.value
                yield Hit(message=f"{_name(s)}「{d.task}」单价 {d.unit_price.value} × 计量数 {d.quantity.value} = {value}，测算数为 {d.estimate.value}",
                          locations=[d.estimate.source or d.source], expected=str(value), actual=str(d.estimate.value))


_FORMULA = re.compile(r"(\d+(?:\.\d+)?)\s*[人个次份台套月年天项家]?\s*[*×xX]\s*(\d+(?:\.\d+)?)\s*元?\s*=\s*(\d+(?:\.\d+)?)")


@rule("P011", "basis-arithmetic", "测算依据中的算式正确", WARNING, ("performance", "projects", "details"),
      """测算依据写出算式（如“人事代理2人*70000元=140000元”）时，算式应成立，其结果应等于测算数。""",
      """A formula in the basis text (2人*70000元=140000元) is correct and equals the estimate.""",
      Example("表12-1 测算依据写成“人事代理2人*70000元=150000元”", (("人事代理2人*70000元=140000元", "人事代理2人*70000元=150000元"),)),
      Example("原文"))
def basis_arithmetic(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        for d in s.details:
            for text in (d.basis or "", d.standard or ""):
                for m in _FORMULA.finditer(text.replace(",", "")):
                    a, b, c = (Decimal(x) for x in m.groups())
                    if a * b != c:
                        yield Hit(message=f"{_name(s)}「{d.task}」测算依据 {m.group(0)} 不成立（{a}×{b}={a * b}）",
                                  locations=[d.source], expected=str(a * b), actual=str(c))
                    elif d.estimate is not None and s.unit == "元" and d.estimate.value != c:
                        yield Hit(message=f"{_name(s)}「{d.task}」测算依据结果 {c} 与测算数 {d.estimate.value} 不同",
                                  locations=[d.source], expected=str(c), actual=str(d.estimate.value))


@rule("P012", "procurement-within-budget", "项目采购金额不超过当年预算", ERROR, ("performance", "projects", "procurement"),
      """项目采购各行金额之和不能超过项目当年预算。""",
      """A project's procurement lines do not exceed its current-year budget.""",
      Example("表12-5 防火墙采购 80,000 改为 280,000", (("| 防火墙 | 1 | 80,000 | | | |", "| 防火墙 | 1 | 280,000 | | | |"),)),
      Example("原文"))
def procurement_within(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        amounts = [p.amount for p in s.procurement if p.amount is not None]
        if not amounts or s.current_budget is None:
            continue
        summed = total(amounts, s.current_budget.unit)
        if summed.interval.lo > s.current_budget.interval().hi:
            yield Hit(message=f"{_name(s)}项目采购 {summed.value} 超过当年预算 {s.current_budget.value}",
                      locations=[p.source for p in s.procurement], expected=f"≤ {s.current_budget.value}", actual=str(summed.value))


_REQUIRED = ("产出指标", "效益指标", "满意度指标")


def _missing_levels(indicators: list[Indicator]) -> list[str]:
    present = {i.level1 for i in indicators}
    return [lv for lv in _REQUIRED if lv not in present]


@rule("P013", "indicator-categories-complete", "绩效指标包含产出、效益、满意度", WARNING, ("performance", "indicators"),
      """按财预〔2021〕101号，项目绩效指标应包括产出、效益、满意度指标。硚口区表12-5、12-13 没有效益指标，表12-7 没有满意度指标。""",
      """Project indicators include output, benefit and satisfaction (财预〔2021〕101号).""",
      Example("删去表12-5 长期目标的满意度指标行", (("| | 满意度指标 | 服务对象满意度 | 使用部门满意度 | =100% | 计划标准 | | |\n", ""),)),
      Example("原文（已更正）"))
def indicator_categories(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        for which, inds in (("长期", s.long_term_indicators), ("年度", s.annual_indicators)):
            if not inds:
                continue
            for lv in _missing_levels(inds):
                yield Hit(message=f"{_name(s)}{which}绩效指标缺少{lv}", locations=[inds[0].source], expected=lv, actual="缺失")


def _measurable(v: IndicatorValue | None) -> bool:
    return v is not None and v.number is not None


@rule("P014", "output-indicators-measurable", "产出指标有可衡量的指标值", WARNING, ("performance", "indicators"),
      """产出指标（数量、质量、时效、成本）应给出可衡量的指标值（数字及单位），不宜只写“完成”“有效保障”。""",
      """Output indicators have measurable target values (a number and a unit), not just “完成”.""",
      Example("表12-1 “=4人”改为“完成”", (("| 长期绩效目标1 | 产出指标 | 数量指标 | 保障编外人数 | =4人 | 计划标准 |", "| 长期绩效目标1 | 产出指标 | 数量指标 | 保障编外人数 | 完成 | 计划标准 |"),)),
      Example("原文"))
def output_measurable(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        for i in s.long_term_indicators:
            if i.level1 == "产出指标" and i.level2 in ("数量指标", "质量指标") and not _measurable(i.value):
                yield Hit(message=f"{_name(s)}产出指标「{i.name}」的指标值「{i.value.text if i.value else ''}」不可衡量",
                          locations=[i.source], actual=i.value.text if i.value else "")


def _agree(long: IndicatorValue | None, annual: IndicatorValue | None) -> bool:
    """Does an annual target agree with the long-term one? Same value, or at least as demanding
    (≥90% long-term, ≥95% this year). ``≥100%`` and ``100%`` mean the same."""
    if long is None or annual is None:
        return long is annual
    if long.number is None or annual.number is None:
        return (long.number is None and annual.number is None and key(long.text) == key(annual.text)) \
            or long.number is None
    if (long.unit or "").strip() != (annual.unit or "").strip():
        return False

    def op(v: IndicatorValue) -> str:
        o = v.operator or "="
        return "=" if o == "≥" and v.number == HUNDRED and (v.unit or "").strip() == "%" else o

    lo, ao = op(long), op(annual)
    if long.number == annual.number:
        return lo == ao or "=" in (lo, ao)
    if lo == ao == "≥" or (lo == "≥" and ao == "="):
        return annual.number >= long.number
    if lo == ao == "≤" or (lo == "≤" and ao == "="):
        return annual.number <= long.number
    return False


@rule("P015", "annual-matches-long-term", "年度指标与长期指标一致", WARNING, ("performance", "indicators"),
      """同一指标在年度绩效目标表中的分类应与长期绩效目标表相同，当年指标值应与长期指标值一致或更高（年度目标是长期目标的当年部分）。
硚口区表12-14 年度表的指标值错位（人数写成“≥90%”）；表12-8 “工作完成率”在长期表为质量指标，年度表为时效指标。""",
      """An indicator's annual level and value agree with its long-term one.""",
      Example("表12-1 年度“保障编外人数”改为 =5人", (("| 年度绩效目标 1 | 产出指标 | 数量指标 | 保障编外人数 | | | =4人 | 计划标准 |", "| 年度绩效目标 1 | 产出指标 | 数量指标 | 保障编外人数 | | | =5人 | 计划标准 |"),)),
      Example("原文（已更正）"))
def annual_vs_long(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        long_by_name = {name_key(i.name): i for i in s.long_term_indicators}
        for a in s.annual_indicators:
            lt = long_by_name.get(name_key(a.name))
            if lt is None:
                continue
            if lt.level2 and a.level2 and lt.level2 != a.level2:
                yield Hit(message=f"{_name(s)}「{a.name}」长期表为{lt.level2}，年度表为{a.level2}", locations=[a.source, lt.source],
                          expected=lt.level2, actual=a.level2)
            if not _agree(lt.value, a.value):
                yield Hit(message=f"{_name(s)}「{a.name}」长期指标值「{lt.value.text if lt.value else ''}」，年度指标值「{a.value.text if a.value else ''}」",
                          locations=[a.source, lt.source], expected=lt.value.text if lt.value else None,
                          actual=a.value.text if a.value else None)


@rule("P016", "annual-indicators-present", "填写年度绩效指标", WARNING, ("performance", "indicators", "completeness"),
      """项目申报表应同时填写长期和年度绩效指标。""",
      """A project sheet has both long-term and annual indicators.""",
      Example("删去表12-2 的年度绩效目标表各行", tuple((ln, "") for ln in (
          "| 年度绩效目标 1 | 产出指标 | 数量指标 | 劳务派遣人员人数 | | | =3人 | 计划标准 |",
          "| | | 质量指标 | 人员考评优秀率 | | | ≥90% | 计划标准 |\n| | 效益指标 | 社会效益指标 | 保障各项工作完成 | | | 有效保障 | 计划标准 |\n| | 满意度指标 | 服务对象满意度指标 | 群众满意度 | | | ≥90% | 计划标准 |\n\n表 12-3"))),
      Example("原文"))
def annual_present(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.requires("project_sheets"):
        return  # what the form must contain is the template's (Wuhan's 项目申报表); other forms differ
    for s in ctx.sheets:
        if s.long_term_indicators and not s.annual_indicators:
            yield Hit(message=f"{_name(s)}没有年度绩效指标", locations=[s.source], actual="缺失")
        if s.annual_indicators and not s.long_term_indicators:
            yield Hit(message=f"{_name(s)}没有长期绩效指标", locations=[s.source], actual="缺失")


@rule("P017", "indicator-levels-consistent", "二级指标归入正确的一级指标", WARNING, ("performance", "indicators"),
      """二级指标应归入其所属的一级指标（数量、质量、时效归产出；经济、社会、生态效益和可持续影响归效益；服务对象满意度
归满意度）。汉阳区两个项目把“时效指标”列在“效益指标”下。""",
      """A second-level indicator sits under its own first level (时效指标 is an output indicator).""",
      Example("汉阳原文：“效益指标 | 时效指标”", (), base="hanyang-original"),
      Example("更正为“产出指标 | 时效指标”", base="hanyang"))
def indicator_levels(ctx: CheckContext) -> Iterator[Hit]:
    groups = [(_name(s), s.long_term_indicators + s.annual_indicators) for s in ctx.sheets]
    if ctx.budget.overall_performance:
        p = ctx.budget.overall_performance
        groups.append(("部门整体支出绩效目标表", p.long_term_indicators + p.annual_indicators))
    for label, inds in groups:
        reported: set[str] = set()
        for i in inds:
            family = LEVEL2.get(i.level2 or "")
            if i.level1_stated and family and i.level1 and family != i.level1 and i.name not in reported:
                reported.add(i.name)
                yield Hit(message=f"{label}「{i.name}」的二级指标{i.level2}列在{i.level1}下，应属{family}",
                          locations=[i.source], expected=family, actual=i.level1)


@rule("P018", "goals-stated", "填写长期和年度绩效目标", WARNING, ("performance", "goals"),
      """项目绩效总目标应分别写明长期绩效目标和年度绩效目标。硚口区表12-6 两行都标为“年度绩效目标”，没有长期目标。""",
      """A sheet states both a long-term and an annual goal.""",
      Example("硚口原文：表12-6 两个目标都标为年度", (), base="qiaokou-original"),
      Example("更正后分别标注"))
def goals_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.requires("project_sheets"):
        return  # what the form must contain is the template's (Wuhan's 项目申报表); other forms differ
    for s in ctx.sheets:
        if not s.long_term_goals:
            yield Hit(message=f"{_name(s)}没有长期绩效目标", locations=[s.source], expected="长期绩效目标", actual="缺失")
        if not s.annual_goals:
            yield Hit(message=f"{_name(s)}没有年度绩效目标", locations=[s.source], expected="年度绩效目标", actual="缺失")


def _structure(ctx: CheckContext):
    return ctx.budget.overall_performance


@rule("P019", "structure-shares", "整体绩效目标表的占比与金额一致", ERROR, ("performance", "overall", "share"),
      """部门整体支出绩效目标表中各项收入、支出的占比应等于该项金额除以合计。""",
      """In the overall performance table each share = amount / total.""",
      Example("表11 基本支出占比 59.17% 改为 58.17%", (("| | 支出构成 | 基本支出 | 1680.88 | 59.17% | | |", "| | 支出构成 | 基本支出 | 1680.88 | 58.17% | | |"),)),
      Example("原文：1680.88 / 2840.98 = 59.17%"))
def structure_shares(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None:
        return
    for lines in (p.income_structure, p.expenditure_structure):
        head = next((ln for ln in lines if key(ln.label) == "合计" and ln.amount), None)
        if head is None or head.amount is None:
            continue
        for ln in lines:
            if ln.share is None or ln.amount is None:
                continue
            ratio = ln.amount.interval() / head.amount.interval()
            if ratio is None:
                continue
            computed = ratio.scale(HUNDRED)
            if not computed.overlaps(ln.share.interval()):
                yield Hit(message=f"部门整体支出绩效目标表「{ln.label}」占比应约为 {computed.mid:.2f}%，表中为 {ln.share.value}%",
                          locations=[ln.share.source or ln.source], expected=f"{computed.mid:.2f}", actual=str(ln.share.value))


@rule("P020", "structure-matches-tables", "整体绩效目标表的收支构成与预算表一致", ERROR, ("performance", "overall", "cross"),
      """部门整体支出绩效目标表中的收入合计、财政拨款、支出合计、基本支出、项目支出等应与收支预算表一致。""",
      """The overall performance table's income and expenditure structure agrees with the budget tables.""",
      Example("表11 项目支出 1160.1 改为 1170.1", (("| | | 项目支出 | 1160.1 | 40.83% | | |", "| | | 项目支出 | 1170.1 | 40.83% | | |"),)),
      Example("原文：1160.1 与 1,160.10 在四舍五入范围内一致"))
def structure_vs_tables(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None:
        return
    for side, lines in (("income", p.income_structure), ("expenditure", p.expenditure_structure)):
        for ln in lines:
            q = STRUCTURE_LINES.get((side, key(ln.label)))
            if q is None or ln.amount is None:
                continue
            m = ctx.measure(q)
            if m is None and q == "fiscal.income.current_total":
                m = ctx.measure("income.gpb")
            if m is None or not m.figures:
                continue
            hit = ctx.mismatch(f"部门整体支出绩效目标表「{ln.label}」与预算表不一致", Amount.of(m.figures[0], p.unit),
                               Amount.of(ln.amount, p.unit), [ln.amount.source or ln.source, *[f.source for f in m.figures if f.source]])
            if hit:
                yield hit


@rule("P021", "structure-adds-up", "整体绩效目标表的收支合计等于各项之和", ERROR, ("performance", "overall", "sum"),
      """部门整体支出绩效目标表中收入构成、支出构成的合计应等于各项之和（本年及近两年各列）。""",
      """In the overall performance table each structure's total equals the sum of its lines (every year column).""",
      Example("汉阳表11 单位资金 20 改为 21", (("\t\t单位资金\t20\t0.98%", "\t\t单位资金\t21\t0.98%"),), base="hanyang"),
      Example("原文", base="hanyang"))
def structure_sums(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None:
        return
    for lines in (p.income_structure, p.expenditure_structure):
        head = next((ln for ln in lines if key(ln.label) == "合计"), None)
        parts = [ln for ln in lines if key(ln.label) != "合计"]
        if head is None or not parts:
            continue
        columns = [("amount", head.amount)] + [(y, f) for y, f in head.prior.items()]
        for col, fig in columns:
            if fig is None:
                continue
            vals = [ln.amount if col == "amount" else ln.prior.get(col) for ln in parts]
            if all(v is None for v in vals):
                continue
            hit = ctx.mismatch(f"部门整体支出绩效目标表合计（{'本年' if col == 'amount' else col + '年'}）不等于各项之和",
                               total(vals, p.unit), Amount.of(fig, p.unit), [fig.source or head.source])
            if hit:
                yield hit


@rule("P022", "overall-projects-match-table", "整体绩效目标表的项目与项目支出表一致", WARNING, ("performance", "overall", "projects"),
      """部门整体支出绩效目标表列出的项目名称和金额应与项目支出表一致。汉阳区写“中小企业发展资金、安全生产等工作经费等”
“区门户网站运维”，与项目支出表名称不同。""",
      """Projects listed in the overall performance table match the project table (names and amounts).""",
      Example("汉阳原文：两处项目名称不同", (), base="hanyang-original"),
      Example("更正后名称一致", base="hanyang"))
def overall_projects(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None or not p.projects or not ctx.project_rows:
        return
    rows = {name_key(r.name): r for r in ctx.project_rows}
    for ln in p.projects:
        r = rows.get(name_key(ln.name))
        if r is None:
            yield Hit(message=f"部门整体支出绩效目标表的项目「{ln.name}」在{ctx.label(K.PROJECTS)}中没有同名项目",
                      locations=[ln.source], actual=ln.name)
            continue
        if ln.current is not None:
            hit = ctx.mismatch(f"部门整体支出绩效目标表「{ln.name}」本年度预算与{ctx.label(K.PROJECTS)}不一致",
                               fig_amount(r.values.get("total"), p.unit), Amount.of(ln.current, p.unit), [ln.source, r.source],
                               Severity.ERROR)
            if hit:
                yield hit


@rule("P023", "overall-goals-name-projects", "整体绩效目标中的项目名称正确", WARNING, ("performance", "overall", "names"),
      """部门整体绩效目标按项目列出目标时，名称应与项目支出表一致。硚口区目标 3 写作“综合经济事物管理”。""",
      """Goals named after projects use the project names of the project table.""",
      Example("硚口原文：“综合经济事物管理”", (), base="qiaokou-original"),
      Example("更正为“综合经济事务管理”"))
def overall_goal_names(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None or not ctx.project_rows:
        return
    names = {name_key(r.name) for r in ctx.project_rows}
    goals = p.long_term_goals + p.annual_goals
    project_like = [g for g in goals if name_key(g.text) in names]
    if len(project_like) < len(goals) / 2:
        return  # the goals are not project names
    reported: set[str] = set()
    for g in goals:
        if name_key(g.text) not in names and g.text not in reported:
            reported.add(g.text)
            yield Hit(message=f"部门整体绩效目标{g.label}「{g.text}」不是项目支出表中的项目名称", locations=[g.source], actual=g.text)


@rule("P024", "sheet-unit-matches-table", "项目执行单位与项目支出表一致", WARNING, ("performance", "projects", "units"),
      """项目申报表的项目执行单位应是项目支出表中该项目的项目单位。""",
      """A sheet's executing unit is the project's unit in the project table.""",
      Example("表12-11 执行单位改为本级", (("| 项目主管部门 | 武汉市硚口区经济 信息化和科技创新 局 | 项目执行单位 | 武汉市硚口区大数据 中心 |\n| 项目负责人 | 宗文", "| 项目主管部门 | 武汉市硚口区经济 信息化和科技创新 局 | 项目执行单位 | 武汉市硚口区经济信息化和科技创新局本级 |\n| 项目负责人 | 宗文"),)),
      Example("原文"))
def sheet_unit(ctx: CheckContext) -> Iterator[Hit]:
    links, _, _ = ctx.sheet_links
    for i, row in links.items():
        s = ctx.budget.projects[i]
        if not s.executing_unit or not row.unit_name:
            continue
        a, b = name_key(s.executing_unit), name_key(row.unit_name)
        if a != b and a + "本级" != b and a != b + "本级":
            yield Hit(message=f"{_name(s)}执行单位「{s.executing_unit}」，{ctx.label(K.PROJECTS)}项目单位为「{row.unit_name}」",
                      locations=[s.source, row.source], expected=row.unit_name, actual=s.executing_unit)


@rule("P025", "sheet-name-matches-table", "项目申报表名称与项目支出表一致", WARNING, ("performance", "projects", "names"),
      """项目申报表的项目名称应与项目支出表一致。硚口区表12-12 写“城市视频经费”，项目支出表为“城市视频经费（清欠）”。""",
      """A sheet's project name is the name in the project table.""",
      Example("硚口原文：表12-12 “城市视频经费”", (), base="qiaokou-original"),
      Example("更正为“城市视频经费（清欠）”"))
def sheet_name(ctx: CheckContext) -> Iterator[Hit]:
    links, _, _ = ctx.sheet_links
    for i, row in links.items():
        s = ctx.budget.projects[i]
        if s.code and s.code == row.code:
            continue  # a code-matched sheet's name is checked by X025
        if name_key(s.name) != name_key(row.name):
            yield Hit(message=f"{_name(s)}与{ctx.label(K.PROJECTS)}的项目名称「{row.name}」不同", locations=[s.source, row.source],
                      expected=row.name, actual=s.name)


@rule("P026", "sheet-years-valid", "项目起止年度包含预算年度", ERROR, ("performance", "projects", "year"),
      """项目起始年度不晚于终止年度，且预算年度在起止年度之间。""",
      """Start year ≤ end year, and the budget year lies between them.""",
      Example("表12-1 终止年度改为 2025", (("| 起始年度 | 2026 | 终止年度 | 2026 |\n| 项目概述 | 按人资编办财政会议原则制定 | | |\n| 项目立项依据 | 按人资编办财政会议原则制定 | | |\n| 项目实施方案 | 每月按时支付人事代理人员、“两个中心”人员的经费 |",
                                       "| 起始年度 | 2026 | 终止年度 | 2025 |\n| 项目概述 | 按人资编办财政会议原则制定 | | |\n| 项目立项依据 | 按人资编办财政会议原则制定 | | |\n| 项目实施方案 | 每月按时支付人事代理人员、“两个中心”人员的经费 |"),)),
      Example("原文"))
def sheet_years(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.year
    for s in ctx.budget.projects:
        if s.start_year is None or s.end_year is None:
            continue
        if s.start_year > s.end_year:
            yield Hit(message=f"{_name(s)}起始年度 {s.start_year} 晚于终止年度 {s.end_year}", locations=[s.source],
                      actual=f"{s.start_year}-{s.end_year}")
        elif year is not None and not (s.start_year <= year <= s.end_year):
            yield Hit(message=f"{_name(s)}起止年度 {s.start_year}-{s.end_year} 不含预算年度 {year}", locations=[s.source],
                      expected=str(year), actual=f"{s.start_year}-{s.end_year}")


_COST = re.compile(r"≤\s*(\d+(?:\.\d+)?)\s*(万元|元)")


@rule("P027", "cost-indicator-within-budget", "成本指标不低于项目预算", WARNING, ("performance", "indicators", "amount"),
      """成本指标写明资金上限（如“≤372 万元”）时，上限不应低于项目当年预算。""",
      """A cost indicator's cap (≤ 372 万元) is not below the project's current-year budget.""",
      Example("汉阳通信链路租赁费成本指标“≤ 372 万元”改为“≤ 300 万元”", (("成本控制\t≤ 372 万元\t", "成本控制\t≤ 300 万元\t"),), base="hanyang"),
      Example("原文", base="hanyang"))
def cost_indicator(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.sheets:
        if s.current_budget is None:
            continue
        budget = Amount.of(s.current_budget, "万元")
        for i in s.long_term_indicators + s.annual_indicators:
            if i.level1 != "成本指标" or i.value is None:
                continue
            m = _COST.search(i.value.text)
            if not m:
                continue
            cap = Decimal(m.group(1)) / (Decimal(10000) if m.group(2) == "元" else 1)
            if cap < budget.interval.lo:
                yield Hit(message=f"{_name(s)}成本指标「{i.name} {i.value.text}」低于当年预算 {budget.value}万元",
                          locations=[i.source], expected=f"≥ {budget.value}", actual=str(cap))


@rule("P028", "sheet-funding-matches-table", "项目申报表资金来源与项目支出表资金栏一致", ERROR, ("performance", "projects", "funding"),
      """项目申报表中一般公共预算财政拨款、单位资金等来源应与项目支出表该项目的相应资金栏一致。""",
      """A sheet's funding by source agrees with the project's funding columns in the project table.""",
      Example("表12-1 一般公共预算财政拨款 270,000 改为 260,000、单位资金填 10,000",
              (("| | 一般公共预算财政拨款 | | 270,000 | | |", "| | 一般公共预算财政拨款 | | 260,000 | | |"),
               ("| | 单位资金 | | | | |\n| 其中：使用上年度财政拨款结转 | | | | | |\n| 项目支出明细测算 | | | | | |\n| 项目任务明细 | 支出标准 | 单价 | 计量数 | 测算数 | 测算依据及说明 |\n| 2名人事代理", "| | 单位资金 | | 10,000 | | |\n| 其中：使用上年度财政拨款结转 | | | | | |\n| 项目支出明细测算 | | | | | |\n| 项目任务明细 | 支出标准 | 单价 | 计量数 | 测算数 | 测算依据及说明 |\n| 2名人事代理"))),
      Example("原文"))
def sheet_funding_vs_table(ctx: CheckContext) -> Iterator[Hit]:
    links, _, _ = ctx.sheet_links
    unit = ctx.budget.meta.table_unit
    for i, row in links.items():
        s = ctx.budget.projects[i]
        for src, cols in (("gpb", ("current.gpb", "carryover.gpb")), ("unit_funds", ("unit_funds",))):
            f = _funding(s, src)
            if f is None:
                continue
            expected = total((row.values.get(c) for c in cols), unit)
            hit = ctx.mismatch(f"{_name(s)}资金来源「{src}」与{ctx.label(K.PROJECTS)}不一致", expected, Amount.of(f, unit),
                               [f.source or s.source, row.source])
            if hit:
                yield hit


@rule("P029", "overall-indicator-categories", "整体绩效目标的指标包含产出、效益、满意度", WARNING, ("performance", "overall", "indicators"),
      """部门整体支出绩效目标的每个长期（年度）目标都应设置产出、效益、满意度指标。""",
      """Each goal of the overall performance table has output, benefit and satisfaction indicators.""",
      Example("删去表11 长期目标 1 的满意度指标", (("| 满意度指标 | 服务对象满意度 | 群众满意度 | ≥90% | 计划标准 | |\n| 长期目标 2:", "| 长期目标 2:"),)),
      Example("原文（已更正）"))
def overall_categories(ctx: CheckContext) -> Iterator[Hit]:
    p = _structure(ctx)
    if p is None:
        return
    for which, inds in (("长期", p.long_term_indicators), ("年度", p.annual_indicators)):
        goals: dict[str | None, list[Indicator]] = {}
        for i in inds:
            goals.setdefault(i.goal, []).append(i)
        for goal, group in goals.items():
            for lv in _missing_levels(group):
                yield Hit(message=f"部门整体支出绩效目标「{goal or which}」缺少{lv}", locations=[group[0].source], expected=lv,
                          actual="缺失")


@rule("P030", "detail-lines-have-amounts", "支出明细各行有金额", WARNING, ("performance", "projects", "details"),
      """项目支出明细测算的每一行都应有测算数（金额）。""",
      """Every detail line has an estimate.""",
      Example("表12-3 安全生产专项检查的测算数删去", (("| 安全生产专项检查 | 16,000 | 16,000 | 1 | 16,000 |", "| 安全生产专项检查 | 16,000 | 16,000 | 1 | |"),)),
      Example("原文"))
def detail_amounts(ctx: CheckContext) -> Iterator[Hit]:
    for s in ctx.budget.projects:
        for d in s.details:
            if d.estimate is None:
                yield Hit(message=f"{_name(s)}「{d.task}」没有测算数", locations=[d.source], actual="空")
