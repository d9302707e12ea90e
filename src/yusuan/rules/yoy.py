"""Y — year-on-year statements: direction, amount and rate of each change, the comparison year, and
the prior-year figures the document states elsewhere (部门整体支出绩效目标表 近两年收支)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, Direction, StructureLine
from yusuan.model.figures import SourceRef
from yusuan.model.interval import Interval
from yusuan.quantities import STRUCTURE_LINES
from yusuan.rules.arith import Amount
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.narrative import TRUNCATED_NOTE, truncated
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
HUNDRED = Decimal(100)


_KINDS = (ClaimKind.AMOUNT, ClaimKind.PRIOR, ClaimKind.CHANGE, ClaimKind.CHANGE_RATE)


def _groups(ctx: CheckContext) -> list[dict[ClaimKind, Claim]]:
    """The statements that compare with a prior year: the amount, the prior-year figure, the change
    and the rate said of one subject in one place (see :mod:`yusuan.recognize.claims`)."""
    by_statement: dict[int, dict[ClaimKind, Claim]] = {}
    for c in ctx.claims:
        if c.kind in _KINDS and c.statement is not None:
            by_statement.setdefault(c.statement, {}).setdefault(c.kind, c)
    return [g for g in by_statement.values()
            if ClaimKind.CHANGE in g or ClaimKind.CHANGE_RATE in g or ClaimKind.PRIOR in g]


def _amount_claim(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> Claim | None:
    return g.get(ClaimKind.AMOUNT)


def _signed(change: Claim) -> Interval:
    if change.direction is Direction.FLAT:
        return Interval.exact(0)
    iv = change.value.interval()
    return -iv if change.direction is Direction.DECREASE else iv


def prior_of(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> Interval | None:
    """The prior-year value a statement implies: stated, or current − change."""
    if ClaimKind.PRIOR in g:
        return g[ClaimKind.PRIOR].value.interval()
    cur = _amount_claim(ctx, g)
    ch = g.get(ClaimKind.CHANGE)
    if cur is not None and ch is not None:
        return cur.value.in_unit(ch.value.unit) - _signed(ch) if cur.value.unit != ch.value.unit else \
            cur.value.interval() - _signed(ch)
    return None


def _currents(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> list[Interval]:
    """The current amount as stated and, when the subject is tied surely, as the tables give it: a
    wrong amount is one finding (N001), so a change or rate that agrees with the table is not another."""
    cur = g.get(ClaimKind.AMOUNT)
    if cur is None:
        return []
    out = [cur.value.interval()]
    if cur.tie == "exact" and cur.quantity:
        m = ctx.measure(cur.quantity)
        if m is not None:
            scale = Decimal("0.0001") if m.unit == "元" and cur.value.unit == "万元" else \
                Decimal(10000) if m.unit == "万元" and cur.value.unit == "元" else Decimal(1)
            out.append(m.interval.scale(scale))
    return out


def _rate_of(change: Interval, prior: Interval) -> Interval | None:
    if prior.lo <= 0 <= prior.hi:
        return None  # a rate on a zero (or unknown-sign) base is not defined
    q = change / prior.abs()
    return q.scale(HUNDRED) if q is not None else None


def _rate_agrees(rate: Claim, change: Interval, prior: Interval) -> bool | None:
    computed = _rate_of(change.abs(), prior)
    if computed is None:
        return None
    return computed.overlaps(rate.value.interval())


@dataclass
class Fault:
    """What is wrong in a statement, found once: the figure most likely wrong and what it should be."""

    rule: str  # Y001 direction, Y002 change or prior, Y003 rate
    claim: Claim
    expected: str
    message: str
    others: list[Claim]
    tolerance: str | None = None
    severity: Severity | None = None
    actual: str | None = None
    other_sources: list | None = None


def diagnose(ctx: CheckContext, g: dict[ClaimKind, Claim]) -> Fault | None:
    """The one fault of a statement (amount A, prior B, change C, rate D), if any.

    C = A − B and D = C / B (B = A − C when not stated). When C = A − B fails, the rate tells which
    figure is wrong: D = C / (A − C) means B was mistyped; D = (A − B) / B means C was.
    """
    cur, prior, ch, rate = (g.get(ClaimKind.AMOUNT), g.get(ClaimKind.PRIOR), g.get(ClaimKind.CHANGE),
                            g.get(ClaimKind.CHANGE_RATE))
    section = next(iter(g.values())).section
    subject = next(iter(g.values())).subject
    where = f"{section}「{subject}」"
    currents = _currents(ctx, g)
    said = [c for c in (ch, rate) if c is not None and c.direction in (Direction.INCREASE, Direction.DECREASE)]
    if prior is not None and currents and said:
        assert cur is not None
        diffs = [a - prior.value.interval() for a in currents]
        signs = {Direction.INCREASE if d.lo > 0 else Direction.DECREASE if d.hi < 0 else None for d in diffs}
        if len(signs) == 1 and None not in signs:
            actual = signs.pop()
            assert actual is not None
            wrong = [c for c in said if c.direction is not actual]
            if wrong:
                return Fault("Y001", wrong[0], _word(actual),
                             f"{where}本年 {cur.value.value} 比上年 {prior.value.value} {_word(actual)}，文字却写“{_dir(wrong[0])}”",
                             [prior, cur])
    if ch is not None and rate is not None and len(said) == 2 and ch.direction is not rate.direction:
        return Fault("Y001", ch, _dir(rate), f"{where}增减额写“{_dir(ch)}”而增减率写“{_dir(rate)}”", [rate])
    if not currents and prior is None:
        return None
    if ch is not None and ch.direction is Direction.FLAT:
        if prior is not None and currents and not any(a.overlaps(prior.value.interval()) for a in currents):
            assert cur is not None
            return Fault("Y002", ch, f"{cur.value.value - prior.value.value:+.2f}",
                         f"{where}写“持平”，但本年 {cur.value.value} 与上年 {prior.value.value} 不同", [prior, cur])
        return None
    change = _signed(ch) if ch is not None else None
    if prior is not None and change is not None and currents:
        assert cur is not None and ch is not None
        b = prior.value.interval()
        if not any((a - b).overlaps(change) for a in currents):
            # Which of B or C is wrong: the rate, when stated, agrees with one of them only.
            with_change = rate is not None and any(_rate_agrees(rate, change, a - change) for a in currents)
            with_prior = rate is not None and any(_rate_agrees(rate, a - b, b) for a in currents)
            if with_change and not with_prior:
                assert rate is not None
                implied = cur.value.value - _signed_value(ch)
                return Fault("Y002", prior, f"{implied:.2f}",
                             f"{where}上年数 {prior.value.value} 与本年数 {cur.value.value}、增减额 {ch.value.value} 不符"
                             f"（增减率 {rate.value.value}% 与增减额一致），上年数应为 {implied:.2f}", [cur, ch, rate])
            diff = cur.value.value - prior.value.value
            return Fault("Y002", ch, f"{abs(diff):.2f}",
                         f"{where}增减额 {ch.value.value} 与本年数 {cur.value.value} 减上年数 {prior.value.value} 之差"
                         f" {abs(diff):.2f} 不符", [prior, cur] + ([rate] if rate else []))
    if rate is None:
        return None
    if change is not None and prior is not None and currents:
        # With A and B stated, A − B is the change too, often printed more precisely than C
        # (6.35 → 6.15 is 0.20, printed “0.2”): the rate must agree with what both say.
        narrowed = [_intersect(a - prior.value.interval(), change) for a in currents]
        change = next((n for n in narrowed if n is not None), change)
    if change is not None:
        bases = [prior.value.interval()] if prior is not None else [a - change for a in currents]
    elif prior is not None:
        bases = [prior.value.interval()]
        change_candidates = [a - prior.value.interval() for a in currents]
        checks = [_rate_agrees(rate, c, prior.value.interval()) for c in change_candidates]
        if not checks or any(x is None or x for x in checks):
            return None
        assert cur is not None
        mid = (cur.value.value - prior.value.value) / prior.value.value * HUNDRED if prior.value.value else Decimal(0)
        return Fault("Y003", rate, f"{abs(mid):.2f}", f"{where}增减率应约为 {abs(mid):.2f}%，文中为 {rate.value.value}%",
                     [prior, cur])
    else:
        return None
    checks = [_rate_agrees(rate, change, b) for b in bases]
    if not checks or any(x is None or x for x in checks):
        return None
    computed = _rate_of(change.abs(), bases[0])
    assert computed is not None
    mid = computed.mid
    slip = truncated(rate.value, computed)
    return Fault("Y003", rate, f"{mid:.2f}", f"{where}增减率应约为 {mid:.2f}%，文中为 {rate.value.value}%"
                 + (TRUNCATED_NOTE if slip else ""), [c for c in (ch, prior, cur) if c is not None],
                 tolerance=f"[{computed.lo:.3f}, {computed.hi:.3f}]", severity=WARNING if slip else None)


def _intersect(a: Interval, b: Interval) -> Interval | None:
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    return Interval(lo, hi) if lo <= hi else None


def _signed_value(change: Claim) -> Decimal:
    v = change.value.value
    return -v if change.direction is Direction.DECREASE else v


def _faults(ctx: CheckContext, rule_id: str) -> Iterator[Hit]:
    for f in analysis(ctx):
        if f.rule == rule_id:
            yield Hit(message=f.message, locations=[f.claim.source, *[c.source for c in f.others]],
                      expected=f.expected, actual=f.actual or (_dir(f.claim) if rule_id == "Y001" else str(f.claim.value.value)),
                      tolerance=f.tolerance, severity=f.severity)


@rule("Y001", "change-direction-agrees", "增加/减少与增减方向一致", ERROR, ("yoy", "narrative"),
      """“比上年增加/减少”的方向应与本年数和上年数的大小一致；增减额与增减率的方向也应一致。""",
      """增加/减少 agrees with the sign of current − prior; the amount and the rate agree in direction.""",
      Example("汉阳“减少了 11.91 万元”改为“增加了 11.91 万元”", (("比 2025 年预算 365.59 万元减少了 11.91 万元", "比 2025 年预算 365.59 万元增加了 11.91 万元"),),
              base="hanyang"),
      Example("原文", base="hanyang"))
def direction(ctx: CheckContext) -> Iterator[Hit]:
    yield from _faults(ctx, "Y001")


def _word(d: Direction) -> str:
    return {"increase": "增加", "decrease": "减少", "flat": "持平"}[d.value]


def _dir(c: Claim) -> str:
    return _word(c.direction) if c.direction else "?"


@rule("Y002", "change-equals-difference", "增减额等于本年数减上年数", ERROR, ("yoy", "narrative"),
      """同时给出本年数、上年数和增减额时，增减额应等于二者之差。三者不一致时只报一处：增减率与增减额一致时，写错的是
上年数（如“比2025年执行数B万元增加C万元，增长D%”中的 B）；否则是增减额。""",
      """When current, prior and change are all stated, change = current − prior. One finding per statement:
when the rate agrees with the change, the prior figure is the one mistyped; otherwise the change.""",
      Example("汉阳“减少了 11.91 万元”改为 12.91", (("减少了 11.91 万元", "减少了 12.91 万元"),), base="hanyang"),
      Example("原文：365.59 − 353.68 = 11.91", base="hanyang"))
def change_amount(ctx: CheckContext) -> Iterator[Hit]:
    yield from _faults(ctx, "Y002")


@rule("Y003", "change-rate-consistent", "增减率等于增减额除以上年数", ERROR, ("yoy", "narrative", "share"),
      """增减率应等于增减额除以上年数（上年数未写明时为本年数减增减额），按各数字的印刷精度计算区间判断（“增长30%”
是 29.5%–30.5%）。汉阳“0.45 → 0.46 增长 2.23%”在四舍五入范围内一致，不报。""",
      """The rate equals change / prior (prior = current − change when not stated), within the rounding of
every figure as printed.""",
      Example("汉阳“下降了 3.26%”改为“下降了 3.62%”", (("下降了 3.26%", "下降了 3.62%"),), base="hanyang"),
      Example("原文：汉阳“增长了2.23%”（0.45 → 0.46）在尾差范围内", base="hanyang"))
def change_rate(ctx: CheckContext) -> Iterator[Hit]:
    yield from _faults(ctx, "Y003")


@rule("Y004", "comparison-year-is-previous", "比较年度为预算年度的上一年", ERROR, ("yoy", "narrative", "year"),
      """同比变动应与上一年度比较：2026 年预算与 2025 年比较。汉阳区提租补贴写“比 2024 年预算 6.35 万元”。""",
      """Year-on-year changes compare with the previous year (2026 with 2025).""",
      Example("汉阳原文：提租补贴“比 2024 年预算”", (), base="hanyang-original"),
      Example("更正为“比 2025 年预算”", base="hanyang"))
def comparison_year(ctx: CheckContext) -> Iterator[Hit]:
    year = ctx.year
    if year is None:
        return
    seen: set[int | str] = set()
    for c in ctx.claims:
        if c.compare_year is None or c.kind not in (ClaimKind.PRIOR, ClaimKind.CHANGE, ClaimKind.CHANGE_RATE):
            continue
        statement = c.statement if c.statement is not None else c.sentence
        if c.compare_year != year - 1 and statement not in seen:
            seen.add(statement)
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


def _same_key(ref: Claim) -> str:
    q = _SAME.get(str(ref.quantity), str(ref.quantity))
    q = "income.total" if q == "expenditure.total" else q
    # Compared with last year's budget and with last year's execution are different priors, and so
    # are the priors of different years.
    return f"{q}@{ref.compare_basis or 'unstated'}@{ref.compare_year or ''}"


def analysis(ctx: CheckContext) -> list[Fault]:
    """Every statement's one fault, with what the document says elsewhere of the same prior year
    (the overall performance table's 上年 column, another statement of the same quantity).

    A statement whose change disagrees with its own rate, where the rate agrees with the prior year
    stated elsewhere, has a wrong change: that is the one finding (Y005 / Y006), not a wrong rate.
    """
    groups = _groups(ctx)
    faults = [diagnose(ctx, g) for g in groups]
    perf = _stated_priors(ctx)
    implied_at: dict[str, tuple[Interval, Claim]] = {}
    for g, f in zip(groups, faults, strict=True):
        ref = g.get(ClaimKind.CHANGE) or g.get(ClaimKind.PRIOR)
        if f is None and ref is not None and ref.quantity and ref.tie == "exact":
            implied = prior_of(ctx, g)
            if implied is not None:
                implied_at.setdefault(_same_key(ref), (implied, ref))
    out: list[Fault] = []
    for g, f in zip(groups, faults, strict=True):
        ref = g.get(ClaimKind.CHANGE) or g.get(ClaimKind.PRIOR)
        if ref is None or not ref.quantity or ref.tie != "exact":
            if f is not None:
                out.append(f)
            continue
        q = ref.quantity if ref.quantity in perf else _SAME.get(ref.quantity)
        # The prior said earlier in the narrative, else the performance table's, else one said later.
        external: tuple[Interval, str, str, list[SourceRef]] | None = None
        said = implied_at.get(_same_key(ref))
        if said is not None and said[1] is not ref and (said[1].statement or 0) < (ref.statement or 0):
            external = (said[0], "Y006", f"{said[1].section}", [said[1].source])
        elif q in perf and ref.compare_basis in (None, "budget"):  # the table's 上年 column is a budget
            iv, line = perf[str(q)]
            external = (iv, "Y005", f"整体绩效目标表“{line.label}”", [line.source])
        elif said is not None and said[1] is not ref:
            external = (said[0], "Y006", f"{said[1].section}", [said[1].source])
        if external is None:
            if f is not None:
                out.append(f)
            continue
        prior_iv, rule_id, where, sources = external
        implied = prior_of(ctx, g)
        if f is not None:
            fixed = _change_wrong(ctx, g, prior_iv, rule_id, where) if f.rule == "Y003" else None
            out.append(fixed or f)
            continue
        if implied is None or implied.overlaps(prior_iv):
            continue
        if rule_id == "Y005":
            message = (f"{ref.section}「{ref.subject}」隐含上年数约 {implied.mid:.2f}，{where}上年为 {prior_iv.mid:.2f}")
        else:
            message = f"「{ref.subject}」的上年数在{where}约为 {prior_iv.mid:.2f}，在{ref.section}约为 {implied.mid:.2f}"
        out.append(Fault(rule_id, ref, f"{prior_iv.mid:.2f}", message, [], actual=f"{implied.mid:.2f}",
                         other_sources=sources))
    return out


def _change_wrong(ctx: CheckContext, g: dict[ClaimKind, Claim], prior: Interval, rule_id: str, where: str) -> Fault | None:
    """A change that disagrees with its rate, where the rate agrees with the prior stated elsewhere."""
    ch, rate, cur = g.get(ClaimKind.CHANGE), g.get(ClaimKind.CHANGE_RATE), g.get(ClaimKind.AMOUNT)
    if ch is None or rate is None or cur is None or ClaimKind.PRIOR in g:
        return None
    currents = _currents(ctx, g)
    if not any(_rate_agrees(rate, a - prior, prior) for a in currents):
        return None
    expected = abs(cur.value.value - prior.mid)
    return Fault(rule_id, ch, f"{expected:.2f}",
                 f"{ch.section}「{ch.subject}」增减额 {ch.value.value} 与上年数不符：{where}上年为 {prior.mid:.2f}，"
                 f"增减率 {rate.value.value}% 与之一致，增减额应约为 {expected:.2f}", [rate, cur])


@rule("Y005", "prior-matches-performance-table", "上年数与整体绩效目标表的近两年数一致", ERROR, ("yoy", "narrative", "performance"),
      """情况说明中同比变动隐含的上年数（本年数减增减额）应与部门整体支出绩效目标表列出的上年收支一致。增减额与增减率
不一致、而增减率与该表的上年数一致时，写错的是增减额，只报这一处。""",
      """The prior-year figure implied by a stated change agrees with the prior-year column of the overall
performance table; when the change disagrees with its rate and the rate agrees with that table, the change
is the figure reported.""",
      Example("汉阳“比 2025 年预算减少 12.56 万元”改为 13.56", (("2026 年度收支总预算 2041.02 万元，比 2025 年预算减少 12.56 万元",
                                                              "2026 年度收支总预算 2041.02 万元，比 2025 年预算减少 13.56 万元"),), base="hanyang"),
      Example("原文：2041.02 + 12.56 = 2053.58，与表11 2025 年合计一致", base="hanyang"))
def prior_vs_performance(ctx: CheckContext) -> Iterator[Hit]:
    yield from _external_faults(ctx, "Y005")


def _external_faults(ctx: CheckContext, rule_id: str) -> Iterator[Hit]:
    for f in analysis(ctx):
        if f.rule == rule_id:
            yield Hit(message=f.message, locations=[f.claim.source, *[c.source for c in f.others], *(f.other_sources or [])],
                      expected=f.expected, actual=f.actual or str(f.claim.value.value))


@rule("Y006", "same-prior-everywhere", "同一项的上年数前后一致", ERROR, ("yoy", "narrative", "consistency"),
      """同一项金额的上年数在情况说明各处（由增减额推算或直接写明）应一致；财政拨款收入与财政拨款支出每年相等，二者与
上年预算比较的增减也应一致（与“预算执行数”比较的是另一个上年数，不同年度也分开核对）。""",
      """The prior-year figure of one quantity is the same wherever the narrative implies it (against the same
basis and year).""",
      Example("汉阳第三部分“支出预算……减少 12.56 万元”改为 11.56", (("2026 年部门支出预算 2041.02 万元，比 2025 年预算减少 12.56 万元",
                                                                  "2026 年部门支出预算 2041.02 万元，比 2025 年预算减少 11.56 万元"),), base="hanyang"),
      Example("原文", base="hanyang"))
def same_prior(ctx: CheckContext) -> Iterator[Hit]:
    yield from _external_faults(ctx, "Y006")


@rule("Y007", "three-public-changes-add-up", "“三公”经费增减额等于各项增减之和", ERROR, ("yoy", "three-public"),
      """“三公”经费总额的增减应等于因公出国（境）费、公务用车、公务接待费各项增减之和（“持平”为零）。""",
      """The change in total 三公 spending equals the sum of the items' changes (flat = 0).""",
      Example("“公务接待费减2.61万元”改为“减2.71万元”", (("公务接待费减2.61万元", "公务接待费减2.71万元"),)),
      Example("原文：减少 2.61 = 0 + 2.61 + 0"))
def three_public_changes(ctx: CheckContext) -> Iterator[Hit]:
    sec = ctx.budget.narrative.section("three_public")
    if sec is None or ctx.budget.meta.kind == "final":
        return  # a final account compares with the budget and with last year: what a change is, is unclear
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
    if ctx.budget.meta.kind == "final":
        return
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
