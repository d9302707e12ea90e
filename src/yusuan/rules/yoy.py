"""Y — year-on-year statements: direction, amount and rate of each change, the comparison year, and
the prior-year figures the document states elsewhere (部门整体支出绩效目标表 近两年收支)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, Direction, StructureLine
from yusuan.model.interval import Interval
from yusuan.quantities import STRUCTURE_LINES
from yusuan.rules.arith import Amount
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
HUNDRED = Decimal(100)


def _groups(ctx: CheckContext) -> list[dict[ClaimKind, Claim]]:
    """Claims about one quantity in one sentence: its amount, prior amount, change and rate."""
    out: list[dict[ClaimKind, Claim]] = []
    current: dict[ClaimKind, Claim] = {}
    key_of: tuple[str, str] | None = None
    for c in ctx.claims:
        if c.kind not in (ClaimKind.AMOUNT, ClaimKind.PRIOR, ClaimKind.CHANGE, ClaimKind.CHANGE_RATE):
            continue
        k = (c.sentence, c.subject)
        if c.kind is ClaimKind.AMOUNT or k != key_of or c.kind in current:
            if current:
                out.append(current)
            current = {}
            key_of = k
        current[c.kind] = c
    if current:
        out.append(current)
    return [g for g in out if ClaimKind.CHANGE in g or ClaimKind.CHANGE_RATE in g or ClaimKind.PRIOR in g]


def _amount_claim(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> Claim | None:
    if ClaimKind.AMOUNT in g:
        return g[ClaimKind.AMOUNT]
    ref = next(iter(g.values()))
    position = next(i for i, c in enumerate(ctx.claims) if c is ref)  # identity: claims compare by value
    return next((c for c in reversed(ctx.claims[:position])
                 if c.kind is ClaimKind.AMOUNT and c.subject == ref.subject), None)


def _signed(change: Claim) -> Interval:
    iv = change.value.interval()
    return -iv if change.direction is Direction.DECREASE else iv


def prior_of(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> Interval | None:
    """The prior-year value a group of claims implies: stated, or current − change."""
    if ClaimKind.PRIOR in g:
        return g[ClaimKind.PRIOR].value.interval()
    cur = _amount_claim(ctx, g)
    ch = g.get(ClaimKind.CHANGE)
    if cur is not None and ch is not None and ch.direction is not Direction.FLAT:
        return cur.value.interval() - _signed(ch)
    return None


@rule("Y001", "change-direction-agrees", "增加/减少与增减方向一致", ERROR, ("yoy", "narrative"),
      """“比上年增加/减少”的方向应与本年数和上年数的大小一致；增减额与增减率的方向也应一致。""",
      """增加/减少 agrees with the sign of current − prior; the amount and the rate agree in direction.""",
      Example("汉阳“减少了 11.91 万元”改为“增加了 11.91 万元”", (("比 2025 年预算 365.59 万元减少了 11.91 万元", "比 2025 年预算 365.59 万元增加了 11.91 万元"),),
              base="hanyang"),
      Example("原文", base="hanyang"))
def direction(ctx: CheckContext) -> Iterator[Hit]:
    for g in _groups(ctx):
        ch, rate, prior, cur = g.get(ClaimKind.CHANGE), g.get(ClaimKind.CHANGE_RATE), g.get(ClaimKind.PRIOR), \
            _amount_claim(ctx, g)
        if ch and rate and ch.direction and rate.direction and ch.direction is not rate.direction:
            yield Hit(message=f"{ch.section}「{ch.subject}」增减额写“{_dir(ch)}”而增减率写“{_dir(rate)}”",
                      locations=[ch.source, rate.source])
        claim = ch or rate
        if claim is None or prior is None or cur is None or claim.direction is None:
            continue
        diff = cur.value.interval() - prior.value.interval()
        actual = Direction.INCREASE if diff.lo > 0 else Direction.DECREASE if diff.hi < 0 else None
        if actual is not None and actual is not claim.direction and claim.direction is not Direction.FLAT:
            yield Hit(message=f"{claim.section}「{claim.subject}」本年 {cur.value.value} 比上年 {prior.value.value} "
                              f"{'增加' if actual is Direction.INCREASE else '减少'}，文字却写“{_dir(claim)}”",
                      locations=[claim.source, prior.source], expected=_word(actual), actual=_dir(claim))


def _word(d: Direction) -> str:
    return {"increase": "增加", "decrease": "减少", "flat": "持平"}[d.value]


def _dir(c: Claim) -> str:
    return _word(c.direction) if c.direction else "?"


@rule("Y002", "change-equals-difference", "增减额等于本年数减上年数", ERROR, ("yoy", "narrative"),
      """同时给出本年数、上年数和增减额时，增减额应等于二者之差。""",
      """When current, prior and change are all stated, change = current − prior.""",
      Example("汉阳“减少了 11.91 万元”改为 12.91", (("减少了 11.91 万元", "减少了 12.91 万元"),), base="hanyang"),
      Example("原文：365.59 − 353.68 = 11.91", base="hanyang"))
def change_amount(ctx: CheckContext) -> Iterator[Hit]:
    for g in _groups(ctx):
        ch, prior, cur = g.get(ClaimKind.CHANGE), g.get(ClaimKind.PRIOR), _amount_claim(ctx, g)
        if ch is None or prior is None or cur is None or ch.direction is Direction.FLAT:
            continue
        diff = Amount.of(cur.value) - Amount.of(prior.value)
        stated = Amount(abs(ch.value.value), ch.value.interval(), ch.value.unit, ch.value.places)
        magnitude = Amount(abs(diff.value), diff.interval.abs(), diff.unit, diff.places)
        hit = ctx.mismatch(f"{ch.section}「{ch.subject}」增减额与本年数、上年数之差不符", magnitude, stated,
                           [ch.source, prior.source, cur.source])
        if hit:
            yield hit


@rule("Y003", "change-rate-consistent", "增减率等于增减额除以上年数", ERROR, ("yoy", "narrative", "share"),
      """增减率应等于增减额除以上年数（上年数未写明时为本年数减增减额），按各数字的印刷精度计算区间判断。
汉阳“0.45 → 0.46 增长 2.23%”在四舍五入范围内一致，不报。""",
      """The rate equals change / prior (prior = current − change when not stated), within rounding.""",
      Example("汉阳“下降了 3.26%”改为“下降了 3.62%”", (("下降了 3.26%", "下降了 3.62%"),), base="hanyang"),
      Example("原文：汉阳“增长了2.23%”（0.45 → 0.46）在尾差范围内", base="hanyang"))
def change_rate(ctx: CheckContext) -> Iterator[Hit]:
    for g in _groups(ctx):
        rate = g.get(ClaimKind.CHANGE_RATE)
        if rate is None:
            continue
        prior = prior_of(ctx, g)
        cur = _amount_claim(ctx, g)
        ch = g.get(ClaimKind.CHANGE)
        if prior is None:
            continue
        if ch is not None:
            change = ch.value.interval()
        elif cur is not None:
            change = (cur.value.interval() - prior).abs()
        else:
            continue
        q = change / prior.abs()
        if q is None:
            continue
        computed = q.scale(HUNDRED)
        if not computed.overlaps(rate.value.interval()):
            mid = computed.mid
            yield Hit(message=f"{rate.section}「{rate.subject}」增减率应约为 {mid:.2f}%，文中为 {rate.value.value}%",
                      locations=[rate.source] + ([ch.source] if ch else []), expected=f"{mid:.2f}",
                      actual=str(rate.value.value), tolerance=f"[{computed.lo:.3f}, {computed.hi:.3f}]")


@rule("Y004", "comparison-year-is-previous", "比较年度为预算年度的上一年", ERROR, ("yoy", "narrative", "year"),
      """同比变动应与上一年度比较：2026 年预算与 2025 年比较。汉阳区提租补贴写“比 2024 年预算 6.35 万元”。""",
      """Year-on-year changes compare with the previous year (2026 with 2025).""",
      Example("汉阳原文：提租补贴“比 2024 年预算”", (), base="hanyang-original"),
      Example("更正为“比 2025 年预算”", base="hanyang"))
def comparison_year(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.year
    if year is None:
        return
    seen: set[str] = set()
    for c in ctx.claims:
        if c.compare_year is None or c.kind not in (ClaimKind.PRIOR, ClaimKind.CHANGE, ClaimKind.CHANGE_RATE):
            continue
        if c.compare_year != year - 1 and c.sentence not in seen:
            seen.add(c.sentence)
            yield Hit(message=f"{c.section}「{c.subject}」与 {c.compare_year} 年比较，应与 {year - 1} 年比较",
                      locations=[c.source], expected=str(year - 1), actual=str(c.compare_year))


# Prior-year structure lines are matched with the narrative's claims, which call the appropriation
# fiscal.total.
_STRUCTURE_QUANTITIES = {**STRUCTURE_LINES, ("income", "财政拨款"): "fiscal.total"}
# Quantities that are the same figure in every year, so their prior-year values must agree too:
# this year's general-public-budget appropriation is the fiscal total (Wuhan wording); fiscal income
# equals fiscal expenditure (Shanghai 编制说明 states both).
_SAME = {"gpb.current": "fiscal.total", "income.total": "expenditure.total", "income.fiscal": "fiscal.total",
         "fiscal.expenditure": "fiscal.total"}


def _stated_priors(ctx: CheckContext) -> dict[str, tuple[Interval, StructureLine]]:
    perf = ctx.budget.overall_performance
    year = ctx.year
    out: dict[str, tuple[Interval, StructureLine]] = {}
    if perf is None or year is None:
        return out
    for side, lines in (("income", perf.income_structure), ("expenditure", perf.expenditure_structure)):
        for ln in lines:
            q = _STRUCTURE_QUANTITIES.get((side, key(ln.label)))
            fig = ln.prior.get(str(year - 1))
            if q and fig is not None:
                out.setdefault(q, (fig.interval(), ln))
    if "gpb.personnel" in out and "gpb.public" in out:
        a, b = out["gpb.personnel"], out["gpb.public"]
        out.setdefault("gpb.basic", (a[0] + b[0], a[1]))
    return out


@rule("Y005", "prior-matches-performance-table", "上年数与整体绩效目标表的近两年数一致", ERROR, ("yoy", "narrative", "performance"),
      """情况说明中同比变动隐含的上年数（本年数减增减额）应与部门整体支出绩效目标表列出的上年收支一致。""",
      """The prior-year figure implied by a stated change agrees with the prior-year column of the overall
performance table.""",
      Example("汉阳“比 2025 年预算减少 12.56 万元”改为 13.56", (("2026 年度收支总预算 2041.02 万元，比 2025 年预算减少 12.56 万元",
                                                              "2026 年度收支总预算 2041.02 万元，比 2025 年预算减少 13.56 万元"),), base="hanyang"),
      Example("原文：2041.02 + 12.56 = 2053.58，与表11 2025 年合计一致", base="hanyang"))
def prior_vs_performance(ctx: CheckContext) -> Iterator[Hit]:
    priors = _stated_priors(ctx)
    if not priors:
        return
    for g in _groups(ctx):
        ref = g.get(ClaimKind.CHANGE) or g.get(ClaimKind.PRIOR)
        if ref is None or not ref.quantity:
            continue
        q = ref.quantity if ref.quantity in priors else _SAME.get(ref.quantity)
        if q not in priors:
            continue
        implied = prior_of(ctx, g)
        stated, line = priors[q]
        if implied is None or implied.overlaps(stated):
            continue
        yield Hit(message=f"{ref.section}「{ref.subject}」隐含上年数约 {implied.mid:.2f}，整体绩效目标表“{line.label}”上年为 "
                          f"{stated.mid:.2f}", locations=[ref.source, line.source], expected=f"{stated.mid:.2f}",
                  actual=f"{implied.mid:.2f}")


@rule("Y006", "same-prior-everywhere", "同一项的上年数前后一致", ERROR, ("yoy", "narrative", "consistency"),
      """同一项金额的上年数在情况说明各处（由增减额推算或直接写明）应一致；财政拨款收入与财政拨款支出每年相等，二者与
上年预算比较的增减也应一致（与“预算执行数”比较的是另一个上年数，分开核对）。""",
      """The prior-year figure of one quantity is the same wherever the narrative implies it.""",
      Example("汉阳第三部分“支出预算……减少 12.56 万元”改为 11.56", (("2026 年部门支出预算 2041.02 万元，比 2025 年预算减少 12.56 万元",
                                                                  "2026 年部门支出预算 2041.02 万元，比 2025 年预算减少 11.56 万元"),), base="hanyang"),
      Example("原文", base="hanyang"))
def same_prior(ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[str, tuple[Interval, Claim]] = {}
    for g in _groups(ctx):
        ref = g.get(ClaimKind.CHANGE) or g.get(ClaimKind.PRIOR)
        if ref is None or not ref.quantity:
            continue
        q = _SAME.get(ref.quantity, ref.quantity)
        q = "income.total" if q == "expenditure.total" else q
        # Compared with last year's budget and with last year's execution are different priors.
        q = f"{q}@{ref.compare_basis or 'budget'}"
        implied = prior_of(ctx, g)
        if implied is None:
            continue
        if q in seen and not seen[q][0].overlaps(implied):
            first = seen[q][1]
            yield Hit(message=f"「{ref.subject}」的上年数在{first.section}约为 {seen[q][0].mid:.2f}，在{ref.section}约为 {implied.mid:.2f}",
                      locations=[first.source, ref.source], expected=f"{seen[q][0].mid:.2f}", actual=f"{implied.mid:.2f}")
        else:
            seen.setdefault(q, (implied, ref))


@rule("Y007", "three-public-changes-add-up", "“三公”经费增减额等于各项增减之和", ERROR, ("yoy", "three-public"),
      """“三公”经费总额的增减应等于因公出国（境）费、公务用车、公务接待费各项增减之和（“持平”为零）。""",
      """The change in total 三公 spending equals the sum of the items' changes (flat = 0).""",
      Example("“公务接待费减2.61万元”改为“减2.71万元”", (("公务接待费减2.61万元", "公务接待费减2.71万元"),)),
      Example("原文：减少 2.61 = 0 + 2.61 + 0"))
def three_public_changes(ctx: CheckContext) -> Iterator[Hit]:
    sec = ctx.budget.narrative.section("three_public")
    if sec is None:
        return
    changes = [c for c in sec.claims if c.kind is ClaimKind.CHANGE and c.quantity]
    head = next((c for c in changes if c.quantity == "three_public.total"), None)
    items = {c.quantity: c for c in changes if c.quantity in ("three_public.abroad", "three_public.reception",
                                                               "three_public.vehicle", "three_public.vehicle_operation",
                                                               "three_public.vehicle_purchase")}
    if head is None or not items:
        return
    if "three_public.vehicle" in items:
        items.pop("three_public.vehicle_operation", None)
        items.pop("three_public.vehicle_purchase", None)
    named = {"abroad" if "abroad" in q else "reception" if "reception" in q else "vehicle" for q in items}
    if len(named) < 3 and not any(c.direction is Direction.FLAT for c in items.values()):
        return  # not every item is accounted for
    summed = Interval.exact(0)
    for c in items.values():
        summed = summed + (_signed(c) if c.direction is not Direction.FLAT else Interval.exact(0))
    stated = _signed(head)
    if not summed.overlaps(stated):
        yield Hit(message=f"{sec.number}、{sec.title}：“三公”经费增减 {stated.mid:.2f} 万元不等于各项增减之和 {summed.mid:.2f} 万元",
                  locations=[head.source, *[c.source for c in items.values()]], expected=f"{summed.mid:.2f}",
                  actual=f"{stated.mid:.2f}")


_SHEET_PRIOR = re.compile(r"(\d{4})\s*年\s*(\d+(?:\.\d+)?)\s*万元")
_SHEET_CHANGE = re.compile(r"(压减|减少|增加|追加)(?:经费|预算)?\s*(\d+(?:\.\d+)?)\s*万元")


@rule("Y008", "project-prior-text-consistent", "项目前两年预算与当年变动说明一致", WARNING, ("yoy", "projects"),
      """项目申报表“项目前两年预算及当年预算变动情况”写明上年预算和压减/增加额时，应满足：当年预算 = 上年预算 ± 变动额。""",
      """On a project sheet, current budget = last year's budget ± the stated change.""",
      Example("汉阳文明创建项目“2026 年压减经费 8.57 万元”改为 9.57", (("2026 年压减经费 8.57 万元", "2026 年压减经费 9.57 万元"),),
              base="hanyang"),
      Example("原文：28.77 − 8.57 = 20.20", base="hanyang"))
def sheet_prior_text(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.year
    for s in ctx.budget.projects:
        if not s.prior_text or s.current_budget is None or year is None:
            continue
        priors = {int(y): Decimal(v) for y, v in _SHEET_PRIOR.findall(s.prior_text)}
        change = _SHEET_CHANGE.search(s.prior_text)
        if year - 1 not in priors or change is None or "追加" in s.prior_text:
            continue
        delta = Decimal(change.group(2))
        signed = -delta if change.group(1) in ("压减", "减少") else delta
        expected = priors[year - 1] + signed
        current = Amount.of(s.current_budget, "万元")
        exp_iv = Interval(expected - Decimal("0.015"), expected + Decimal("0.015"))
        if not exp_iv.overlaps(current.interval):
            yield Hit(message=f"项目「{s.name}」：{year - 1} 年 {priors[year - 1]} 万元{change.group(1)} {delta} 万元应为 {expected} 万元，"
                              f"当年预算为 {current.value} 万元", locations=[s.source], expected=str(expected),
                      actual=str(current.value))


@rule("Y009", "fiscal-changes-add-up", "财政拨款支出增减等于三本预算增减之和", ERROR, ("yoy", "narrative", "fiscal"),
      """财政拨款支出的增减应等于一般公共预算、政府性基金、国有资本经营预算拨款支出各自增减之和（“持平”为零）。
上海模板的编制说明逐项写明了这几项。""",
      """The change in fiscal-appropriation expenditure equals the sum of the changes of the general public
budget, government funds and state capital (flat = 0), as the Shanghai 编制说明 states them.""",
      Example("办公室“财政拨款支出预算……减少2,389.52万元”改为 2,390.52",
              (("财政拨款支出预算9,101.68万元，比2024年预算减少2,389.52万元", "财政拨款支出预算9,101.68万元，比2024年预算减少2,390.52万元"),),
              base="bangongshi"),
      Example("办公室原文：−2,389.52 = −2,389.52 + 0 + 0", base="bangongshi"))
def fiscal_changes(ctx: CheckContext) -> Iterator[Hit]:
    changes = [c for c in ctx.claims if c.kind is ClaimKind.CHANGE and c.quantity]
    head = next((c for c in changes if c.quantity == "fiscal.expenditure"), None)
    parts = {q: next((c for c in changes if c.quantity == q), None) for q in ("gpb.total", "gov_fund.total", "soe.total")}
    if head is None or any(c is None for c in parts.values()):
        return
    items = [c for c in parts.values() if c is not None]
    if any(c.compare_year != head.compare_year for c in items):
        return
    summed = Interval.exact(0)
    for c in items:
        summed = summed + (_signed(c) if c.direction is not Direction.FLAT else Interval.exact(0))
    stated = _signed(head) if head.direction is not Direction.FLAT else Interval.exact(0)
    if not summed.overlaps(stated):
        yield Hit(message=f"{head.section}：财政拨款支出增减 {stated.mid:.2f} 万元不等于一般公共预算、政府性基金、国有资本经营"
                          f"增减之和 {summed.mid:.2f} 万元", locations=[head.source, *[c.source for c in items]],
                  expected=f"{summed.mid:.2f}", actual=f"{stated.mid:.2f}")
