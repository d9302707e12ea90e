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
from yusuan.model.figures import Figure, SourceRef
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


def _where(m: Measured) -> list[SourceRef]:
    """Where a table quantity is printed (for a blank cell, its row): findings carry these, so that a
    finding resting on a table read in doubt is held back by the engine."""
    return list(m.sources) or [f.source for f in m.figures if f.source is not None]


def exact(c: Claim) -> bool:
    """The claim's subject names its quantity (a code, the printed name, a standard phrase)."""
    return c.tie == "exact" and bool(c.quantity)


def statements(claims: list[Claim]) -> dict[int, list[Claim]]:
    """Claims by statement: the figures the narrative states about one subject in one place."""
    out: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.statement is not None:
            out[c.statement].append(c)
    return out


def statement_amount(by_statement: dict[int, list[Claim]], c: Claim) -> Claim | None:
    return next((x for x in by_statement.get(c.statement or -1, []) if x.kind is ClaimKind.AMOUNT), None)


_FUZZY_NOTE = "（按名称近似对应到表格，仅供参考）"
TRUNCATED_NOTE = "（末位是截断而非四舍五入）"


def truncated(stated: Figure, computed: Interval) -> bool:
    """The stated figure is the computed value cut off at its last printed place instead of rounded
    (1297.83 / 8072.29 = 16.0776% printed 16.07%): a slip of the last digit, reported as a warning."""
    if stated.places < 0 or stated.exact:
        return False
    ulp = Decimal(1).scaleb(-stated.places)
    v = abs(stated.value)
    return computed.abs().overlaps(Interval(v, v + ulp)) and not computed.abs().overlaps(stated.interval().abs())


@rule("N001", "claim-amount-matches-table", "情况说明中的金额与表格一致", ERROR, ("narrative", "amount"),
      """情况说明中陈述的每个金额（如“基本支出 1,680.88 万元”）都应与表格中相应的数字一致（在四舍五入范围内）。
硚口区“一般公共预算基本支出 2,840.98 万元”与表6 合计 1,680.88 万元不符。""",
      """Every amount the narrative states equals the corresponding table figure within rounding.""",
      Example("“其中基本支出 1,680.88 万元”改为 1,690.88 万元",
              (("2026 年支出预算 2,840.98 万元，其中基本支出 1,680.88 万元", "2026 年支出预算 2,840.98 万元，其中基本支出 1,690.88 万元"),)),
      Example("原文（已更正的参考文件）"))
def claim_amounts(ctx: CheckContext) -> Iterator[Hit]:
    for c in ctx.claims:
        if c.kind is not ClaimKind.AMOUNT or not c.quantity or c.tie == "final":
            continue  # a final account's figures are not budget table quantities
        m = ctx.measure(c.quantity)
        if m is None:
            continue
        stated = _claim_amount(c)
        expected = _measured_amount(m, stated.unit)
        sure = exact(c)
        hit = ctx.mismatch(f"{c.section}「{c.subject}」{c.value.text()}与表格不符{'' if sure else _FUZZY_NOTE}",
                           expected, stated, [c.source, *_where(m)], severity=None if sure else INFO)
        if hit:
            yield hit


def _table_amount(ctx: CheckContext, quantity: str | None, unit: str) -> tuple[Amount, list[SourceRef]] | None:
    if not quantity:
        return None
    m = ctx.measure(quantity)
    return (_measured_amount(m, unit), _where(m)) if m is not None else None


def _readings(ctx: CheckContext, stated: Claim | None, quantity: str | None, unit: str,
              quantity_sure: bool) -> list[tuple[Amount, list[SourceRef]]]:
    """A figure as the narrative states it and as the tables give it (when the tie is sure)."""
    out: list[tuple[Amount, list[SourceRef]]] = []
    if stated is not None:
        out.append((Amount.of(stated.value, unit), [stated.source]))
    if quantity_sure:
        table = _table_amount(ctx, quantity, unit)
        if table is not None:
            out.append(table)
    return out


def _share_of(part: Amount, whole: Amount) -> Interval | None:
    ratio = part.interval / whole.interval
    return ratio.scale(HUNDRED) if ratio is not None else None


@rule("N002", "claim-share-matches", "占比与金额一致", ERROR, ("narrative", "share"),
      """情况说明中的占比（“占 59.2%”）应等于该项金额除以总额，按两者的印刷精度计算区间判断。总额是句中写明的
（“占部门支出总额的”）、部分之前的总数（“……万元，其中：”），或各部分之和恰好等于的前文金额；不知道总额时不核对。
占比与情况说明所写的金额一致、或与表格数字一致，都不报（金额本身的错误由 N001 报一次）。""",
      """A stated share equals the part divided by the whole, within the rounding of all figures. The whole
is the one the sentence names, the total the parts follow (其中), or the stated amount the parts add up to;
when it is not known the share is not checked.""",
      Example("“占 59.2%”改为“占 58.2%”", (("其中基本支出 1,680.88 万元，占 59.2%", "其中基本支出 1,680.88 万元，占 58.2%"),)),
      Example("原文：1,680.88 / 2,840.98 = 59.17%，印作 59.2%"))
def claim_shares(ctx: CheckContext) -> Iterator[Hit]:
    by_statement = statements(ctx.claims)
    for c in ctx.claims:
        if c.kind is not ClaimKind.SHARE:
            continue
        hit = _share_fault(ctx, c, by_statement)
        if hit is not None:
            yield hit


def _share_fault(ctx: CheckContext, c: Claim, by_statement: dict[int, list[Claim]]) -> Hit | None:
    """The finding a share calls for, or None when it agrees with some reading of its part and whole
    (or they are not known)."""
    part_claim = statement_amount(by_statement, c)
    parts = _readings(ctx, part_claim, c.quantity, "万元", exact(c))
    wholes: list[tuple[Amount, list[SourceRef]]] = []
    if c.base_value is not None:
        wholes.append((Amount.of(c.base_value, "万元"), [c.base_value.source] if c.base_value.source else []))
    if c.base:
        table = _table_amount(ctx, c.base, "万元")
        if table is not None:
            wholes.append(table)
    if not parts or not wholes:
        return None
    computed = [(p, w, _share_of(p[0], w[0])) for p in parts for w in wholes]
    if any(iv is None or iv.overlaps(c.value.interval()) for _p, _w, iv in computed):
        return None
    (part, part_at), (whole, whole_at), iv = computed[0]
    assert iv is not None
    value = part.value / whole.value * HUNDRED if whole.value else Decimal(0)
    slip = truncated(c.value, iv)
    return Hit(message=f"{c.section}「{c.subject}」占{c.base_subject or '总额'}的比例应为 {value:.2f}%，实际写 {c.value.value}%"
                       + (TRUNCATED_NOTE if slip else ""),
               locations=_unique([c.source, *part_at, *whole_at]), expected=f"{value:.2f}", actual=str(c.value.value),
               difference=f"{c.value.value - value:.2f}", tolerance=f"[{iv.lo:.3f}, {iv.hi:.3f}]",
               severity=WARNING if slip else None)


# Parts that make up their whole by definition: 基本支出 + 项目支出 = 支出, 人员经费 + 公用经费 = 基本支出.
_PARTITIONS = (("basic", "project"), ("personnel", "public"))


@rule("N003", "shares-sum-to-100", "构成占比合计为 100%", ERROR, ("narrative", "share"),
      """按定义构成整体的各部分（基本支出与项目支出、人员经费与公用经费）的占比之和应为 100%（按印刷精度）。某一项
占比本身与金额不符时由 N002 报一次，这里不再报。""",
      """Shares of parts that make up the whole by definition (basic + project, personnel + public) add up to
100% within rounding; a share that disagrees with its own amount is reported once, by N002.""",
      Example("删去金额，“占 40.8%”改为“占 41.8%”", (("其中基本支出 1,680.88 万元，占 59.2%；项目支出 1,160.1 万元，占 40.8%",
                                                  "其中基本支出占 59.2%；项目支出占 41.8%"),)),
      Example("原文：59.2% + 40.8% = 100%"))
def shares_sum(ctx: CheckContext) -> Iterator[Hit]:
    by_statement = statements(ctx.claims)
    groups: dict[tuple[str | None, str], list[Claim]] = defaultdict(list)
    for c in ctx.claims:
        if c.kind is ClaimKind.SHARE:
            groups[(c.section, c.sentence)].append(c)
    for shares in groups.values():
        if not all(exact(sh) for sh in shares):
            continue  # a share of something else in the list: the two need not make the whole
        keys = {str(sh.quantity) for sh in shares}
        whole = next((f"{prefix}.{a}|{prefix}.{b}" for prefix in {k.rsplit(".", 1)[0] for k in keys}
                      for a, b in _PARTITIONS if keys == {f"{prefix}.{a}", f"{prefix}.{b}"}), None)
        table_at = _partition_holds(ctx, whole) if whole is not None else None
        if table_at is None:
            continue
        if any(_share_fault(ctx, sh, by_statement) is not None for sh in shares):
            continue  # one wrong share is one finding (N002), not also a wrong sum
        stated = Interval.exact(0)
        for sh in shares:
            stated = stated + sh.value.interval()
        if not stated.contains(HUNDRED):
            value = sum((sh.value.value for sh in shares), Decimal(0))
            yield Hit(message=f"{shares[0].section} 各部分占比之和为 {value}%，不等于 100%",
                      locations=[*[sh.source for sh in shares], *table_at], expected="100", actual=str(value))


def _partition_holds(ctx: CheckContext, parts: str) -> list[SourceRef] | None:
    """Where the tables show the two parts making up the whole (基本 + 项目 = 合计: no third kind of
    spending), or None when they do not."""
    a, b = parts.split("|")
    prefix = a.rsplit(".", 1)[0]
    whole_key = f"{prefix}.total" if not a.endswith("personnel") else f"{prefix}.basic"
    ma, mb, mw = ctx.measure(a), ctx.measure(b), ctx.measure(whole_key)
    if ma is None or mb is None or mw is None or not (ma.interval + mb.interval).overlaps(mw.interval):
        return None
    return [*_where(ma), *_where(mb), *_where(mw)]


def _unique(refs: list[SourceRef]) -> list[SourceRef]:
    out: list[SourceRef] = []
    for r in refs:
        if r not in out:
            out.append(r)
    return out


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


def _without_code(subject: str) -> str:
    """``2080501-行政单位离退休`` / ``2014099其他信访事务支出`` → the name alone."""
    return re.sub(r"^\s*\d{3,7}\s*[-－—]?\s*", "", subject)


def _level_key(name: str, code: str) -> str:
    """Class names are written with and without 支出 (一般公共服务（类）支出 = 一般公共服务支出)."""
    k = name_key(name)
    return k.removesuffix("支出") if len(code) == 3 else k


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
            continue  # a tie by a similar name is what this rule reports on: the names differ
        code = q.split(".fn:", 1)[1].split(".", 1)[0]
        name = ctx.code_name(code)
        if name is None:
            continue
        levels, item = split_path(c.subject)
        stated = item if item is not None else (_without_code(c.subject) if len(code) == 7 else None)
        if stated is not None and re.search(r"[（(][类款项][)）]", stated):
            stated = None  # 2014099其他信访事务支出（项）… read as a path elsewhere
        problems = []
        if stated is not None and name_key(stated) != name_key(name):
            problems.append(f"项名「{stated}」应为「{name}」")
        for lv, n in zip(levels, (code[:3], code[:5]), strict=False):
            table_name = ctx.code_name(n)
            if lv and table_name and _level_key(lv, n) != _level_key(table_name, n):
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
        # Every project of the project table has targets; the sheets printed may be a selection.
        target = n_projects
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
        # 机关运行经费 is part of the general-public-budget 公用经费: as the tables give it, or as the
        # narrative itself states it (一般公共预算基本支出……公用经费 310.04 万元).
        m = ctx.measure("gpb.public")
        public = [(_measured_amount(m, "万元"), _where(m))] if m is not None else []
        public += [(Amount.of(c.value, "万元"), [c.source]) for c in ctx.claims
                   if c.kind is ClaimKind.AMOUNT and c.quantity == "gpb.public" and exact(c)]
        if not public:
            return
        whole, at = max(public, key=lambda p: p[0].interval.hi)  # exceeding every reading is sure
        for c in claims:
            if Amount.of(c.value, "万元").interval.lo > whole.interval.hi:
                yield Hit(message=f"{c.section}：机关运行经费 {c.value.text()} 超过一般公共预算公用经费 {whole.value}万元",
                          locations=[c.source, *at], expected=f"≤ {whole.value}", actual=str(c.value.value))
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
      Example("“评审服务 15.38 万元”改为 17.38（“1 万元”“3 万元”印到整数，各有 ±0.5 的尾差）",
              (("评审服务 15.38 万元", "评审服务 17.38 万元"),)),
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


def _surely_measured(ctx: CheckContext, quantity: str) -> bool:
    """The quantity is in a table read with certainty (so N001 checks each statement of it)."""
    m = ctx.measure(quantity)
    if m is None:
        return False
    labels = {src.table for src in _where(m) if src.table}
    tables = [t for t in ctx.budget.tables.values() if t.source.table in labels]
    return bool(tables) and all(t.recognition.certain for t in tables)


@rule("N016", "same-quantity-same-figure", "同一数字在情况说明中前后一致", ERROR, ("narrative", "consistency"),
      """同一项金额在情况说明中多次出现时应前后一致（如逐项说明中同一科目写了两个不同的预算数）。表格可核对且读取
可靠时由 N001 对照表格报告写错的那一处；表格读取存疑时，说明自身前后矛盾仍是确定的事实，由本规则报告。""",
      """The narrative states the same quantity with the same figure everywhere. Where a table read surely
states the quantity, N001 reports the wrong figure; where the table is in doubt, the contradiction within the
narrative is still a fact and is reported here.""",
      Example("政府购买服务预算在同一段中写成两个不同的数",
              (("2026 年部门政府购买服务预算支出合计 918.66 万元。其中：", "2026 年部门政府购买服务预算支出合计 918.66 万元，政府购买服务预算支出合计 920.66 万元。其中："),)),
      Example("原文"))
def same_quantity(ctx: CheckContext) -> Iterator[Hit]:
    by_q: dict[str, list[Claim]] = defaultdict(list)
    for c in ctx.claims:
        # Measurable quantities are checked against the tables by N001; a subject tied by a similar
        # name only may be another thing.
        if c.kind is ClaimKind.AMOUNT and exact(c) and not _surely_measured(ctx, str(c.quantity)):
            by_q[str(c.quantity)].append(c)
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
    for c in _stated(ctx, "performance.amount"):
        if "全面" not in c.sentence and "全部" not in c.sentence:
            continue
        # 对项目支出全面实施绩效目标管理: the whole of the project expenditure, not of all expenditure.
        projects = bool(re.search(r"对(?:部门)?项目支出(?:预算)?全面|项目支出(?:预算)?全部纳入", c.sentence))
        m = ctx.measure("expenditure.project" if projects else "expenditure.total")
        if m is None:
            continue
        what = "项目支出总额" if projects else "支出总额"
        hit = ctx.mismatch(f"{c.section}：全面实施绩效管理的预算支出应等于{what}", _measured_amount(m, "万元"),
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
      Example("办公室：预留给小型和微型企业的 34 万元改为 36 万元（印到整数的 34 与 35 在尾差内可以相等）",
              (("预留给小型和微型企业的政府采购项目预算为34万元", "预留给小型和微型企业的政府采购项目预算为36万元"),),
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


_BUDGET_SUBJECT = re.compile(r"(?:年初|调整|全年)?预算(?:数)?$")
_ACTUAL_SUBJECT = re.compile(r"决算(?:数)?$|执行数$|实际(?:支出)?$")


@rule("N023", "completion-rate-consistent", "完成预算的比例与预算数、决算数一致", ERROR, ("narrative", "final", "rate"),
      """决算的情况说明写“年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 X%”时，X 应等于 B ÷ A（按印刷精度的区间
判断；末位截断而非四舍五入的报为警告）。只核对句中写明的两个数，不与任何预算表比较。""",
      """In a final account, “年初预算 A, 决算 B, 完成年初预算的 X%” has X = B / A within rounding; only the two
figures the sentence states are used.""",
      Example("汉阳“本年预算…增长2.7%”句后加一句完成率（虚构：预算 100 万元，决算 90 万元，完成 95%）",
              (("(2) 上年结转0万元。", "(2) 上年结转0万元。年初预算为100.00万元，支出决算为90.00万元，完成年初预算的95.00%。"),)),
      Example("同一句写作完成 90.00%",
              (("(2) 上年结转0万元。", "(2) 上年结转0万元。年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%。"),)))
def completion_rates(ctx: CheckContext) -> Iterator[Hit]:
    sentence: str | None = None
    amounts: list[Claim] = []
    for c in ctx.claims:
        if c.sentence != sentence:
            sentence, amounts = c.sentence, []
        if c.kind is ClaimKind.AMOUNT:
            amounts.append(c)
            continue
        if c.kind is not ClaimKind.RATE or c.subject != "完成预算":
            continue
        budget = next((a for a in reversed(amounts) if _BUDGET_SUBJECT.search(a.subject)
                       and "决算" not in a.subject), None)
        actual = next((a for a in reversed(amounts) if _ACTUAL_SUBJECT.search(a.subject)), None)
        if budget is None or actual is None or budget is actual:
            continue
        ratio = actual.value.interval() / budget.value.interval()
        if ratio is None:
            continue
        computed = ratio.scale(HUNDRED)
        if computed.overlaps(c.value.interval()):
            continue
        value = actual.value.value / budget.value.value * HUNDRED
        slip = truncated(c.value, computed)
        yield Hit(message=f"{c.section}：完成预算的比例应为 {actual.value.value} ÷ {budget.value.value} = {value:.2f}%，"
                          f"文中为 {c.value.value}%" + (TRUNCATED_NOTE if slip else ""),
                  locations=[c.source, budget.source, actual.source], expected=f"{value:.2f}",
                  actual=str(c.value.value), tolerance=f"[{computed.lo:.3f}, {computed.hi:.3f}]",
                  severity=WARNING if slip else None)


_EMPTY_REASON = re.compile(r"(?:主要原因(?:是|为)?|原因(?:是|为))[:：，,]?\s*(?=[。；;])")


@rule("N024", "reason-not-empty", "变动原因不能为空", WARNING, ("narrative", "yoy"),
      """情况说明写“主要原因是”后应说明原因；“主要原因是。”这样的空原因是漏填。""",
      """“主要原因是” must be followed by a reason; an empty one (主要原因是。) was left unfilled.""",
      Example("汉阳“主要是本部门…”改为空原因", (("主要是本部门人员增加,人员经费同步增长等原因;", "主要原因是;"),)),
      Example("原文"))
def empty_reason(ctx: CheckContext) -> Iterator[Hit]:
    for sec in ctx.budget.narrative.sections:
        for p in sec.paragraphs:
            for m in _EMPTY_REASON.finditer(p.text):
                yield Hit(message=f"{sec.number}、{sec.title}：“{m.group(0).strip()}”后没有写明原因" if sec.number
                          else f"{sec.title}：“{m.group(0).strip()}”后没有写明原因",
                          locations=[p.source.with_(text=p.text[max(0, m.start() - 30):m.end() + 1])],
                          actual=m.group(0).strip())


_BOTH_SIDES = re.compile(r"收支|收、支|收入、支出|收入支出")


def _total_and_parts(claims: list[Claim]) -> Iterator[tuple[Claim, list[Claim]]]:
    """A total and the parts listed after it (``…598.46万元。其中：A 418.80万元，B 10万元``): the
    amounts that follow 其中 in the same sentence, up to a second 其中 (parts of a part)."""
    by_sentence: dict[tuple[str | None, str], list[Claim]] = defaultdict(list)
    with_share = {c.statement for c in claims if c.kind is ClaimKind.SHARE}
    for c in claims:
        if c.kind is ClaimKind.AMOUNT and c.value.unit in ("万元", "元"):
            by_sentence[(c.section, c.sentence)].append(c)
    for (_section, sentence), amounts in by_sentence.items():
        if sentence.count("其中") != 1 or len(amounts) < 3:
            continue
        at = sentence.index("其中")
        offsets = [_offset(sentence, c) for c in amounts]
        before = [c for c, o in zip(amounts, offsets, strict=True) if o is not None and o < at]
        after = [c for c, o in zip(amounts, offsets, strict=True) if o is not None and o > at]
        if len(before) != 1 or _BOTH_SIDES.search(before[0].subject):
            continue
        if before[0].statement in with_share:
            # 基本支出…占22.75%，其中：人员经费…、公用经费…；项目支出…占77.25%: what carries a share
            # like the total is its sibling, not its part.
            after = [c for c in after if c.statement not in with_share]
        if len(after) >= 2:
            yield before[0], after


def _offset(sentence: str, c: Claim) -> int | None:
    text = c.value.source.text if c.value.source else None
    pos = sentence.find(text) if text else -1
    return pos if pos >= 0 else None


@rule("N025", "parts-within-total", "“其中”各项之和不超过总数", ERROR, ("narrative", "sum"),
      """“共……万元，其中：A……万元，B……万元”列出的各部分之和不能超过总数（各部分可能不全，少于总数不报）。各部分中
有一项就等于总数而其他项不为零时，说明列举的是层层包含的口径（如财政拨款、其中一般公共预算），不核对。""",
      """The parts listed after a total (其中) cannot add up to more than the total; a list whose one part
already equals the total while others are not zero nests its parts and is not checked.""",
      Example("硚口“档案管理服务 1 万元”改为 10 万元（各项之和超过政府购买服务合计）",
              (("2026 年部门政府购买服务预算支出合计 918.66 万元。", "2026 年部门政府购买服务预算支出合计 918.66 万元，其中：档案管理服务 10 万元，机关信息系统开发与维护服务 343.99 万元，其他适合通过市场化方式提供的信息化服务 515.84 万元，网络接入服务 55.85 万元。"),)),
      Example("各部分少于总数（列举不全）",
              (("2026 年部门政府购买服务预算支出合计 918.66 万元。", "2026 年部门政府购买服务预算支出合计 918.66 万元，其中：机关信息系统开发与维护服务 343.99 万元，其他适合通过市场化方式提供的信息化服务 515.84 万元。"),)))
def parts_within_total(ctx: CheckContext) -> Iterator[Hit]:
    for total_claim, parts in _total_and_parts(ctx.claims):
        whole = Amount.of(total_claim.value, "万元")
        equal = [id(p) for p in parts if Amount.of(p.value, "万元").interval.overlaps(whole.interval)]
        if equal and any(p.value.value != 0 for p in parts if id(p) not in equal):
            continue  # one part is the whole: the list nests (财政拨款，其中一般公共预算…)
        summed = total((p.value for p in parts), "万元")
        if summed.interval.lo > whole.interval.hi:
            yield Hit(message=f"{total_claim.section}「{total_claim.subject}」{total_claim.value.text()}，其中所列各项之和为 "
                              f"{summed.value:.2f}万元，超过总数",
                      locations=[total_claim.source, *[p.source for p in parts]], expected=f"≤ {whole.value}",
                      actual=f"{summed.value:.2f}")
