"""T — two-sided tables (收支总表, 财政拨款收支总表): each side adds up, the two sides balance, and the
lines add up across their columns. The code/name tables are in :mod:`.within`."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model.budget import BalanceLine, BalanceTable, TableKind
from yusuan.rules.arith import Amount, fig_amount, total
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule

ERROR = Severity.ERROR
K = TableKind


def _lines(table: BalanceTable, side: str) -> list[BalanceLine]:
    return table.income if side == "income" else table.expenditure


def _line_amount(line: BalanceLine | None, unit: str, column: str = "amount") -> Amount:
    if line is None:
        return Amount.zero(unit)
    f = line.values.get(column) or (line.amount if column == "amount" else None)
    return fig_amount(f, unit)


def _balance_sum(ctx: CheckContext, table: BalanceTable, side: str, target: str, parts: list[BalanceLine],
                 what: str) -> Iterator[Hit]:
    head = next((ln for ln in _lines(table, side) if ln.key == target), None)
    if head is None or head.amount is None:
        return
    expected = total((p.amount for p in parts), table.unit)
    actual = Amount.of(head.amount, table.unit)
    locs = [head.amount.source or head.source] + [p.source for p in parts if p.amount is not None]
    hit = ctx.mismatch(f"{ctx.label(table.kind)}「{head.label}」{what}", expected, actual, locs)
    if hit:
        yield hit


_SOURCES = ("gpb", "gov_fund", "soe", "special_account", "business_income", "operating_income",
            "superior_subsidy", "subsidiary_remit", "other_income", "fiscal", "nonfiscal_balance")


def _summary(ctx: CheckContext) -> BalanceTable | None:
    return ctx.balance(K.SUMMARY)


@rule("T020", "summary-current-income", "收支总表本年收入合计等于各项收入之和", ERROR, ("table", "sum", "summary"),
      """收支总表“本年收入合计”应等于各项收入之和。""",
      """收支总表: current-year income total = sum of the income sources.""",
      Example("表1 一般公共预算拨款收入 2,840.98 改为 2,841.98",
              (("| 一、一般公共预算拨款收入 | 2,840.98 |", "| 一、一般公共预算拨款收入 | 2,841.98 |"),)),
      Example("原文"))
def summary_current_income(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is None:
        return
    parts = [ln for ln in t.income if ln.key in _SOURCES]
    if any(ln.key == "fiscal" for ln in parts):  # Shanghai: 财政拨款收入 with its 1./2./3. sub-lines
        parts = [ln for ln in parts if ln.key not in ("gpb", "gov_fund", "soe")]
    yield from _balance_sum(ctx, t, "income", "current_total", parts, "不等于各项收入之和")


@rule("T021", "summary-income-total", "收入总计等于本年收入合计加上年结转结余", ERROR, ("table", "sum", "summary"),
      """收支总表“收入总计”应等于本年收入合计加上年结转结余（及使用非财政拨款结余）。""",
      """收支总表: income grand total = current-year income + carry-over.""",
      Example("表1 上年结转结余填入 1.00", (("| 上年结转结余 | | 年终结转结余 | |", "| 上年结转结余 | 1.00 | 年终结转结余 | |"),)),
      Example("原文"))
def summary_income_total(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is None:
        return
    if t.income_line("current_total") is None:
        parts = [ln for ln in t.income if ln.key in (*_SOURCES, "carryover")]
        if any(ln.key == "fiscal" for ln in parts):
            parts = [ln for ln in parts if ln.key not in ("gpb", "gov_fund", "soe")]
    else:
        parts = [ln for ln in t.income if ln.key in ("current_total", "carryover", "nonfiscal_balance")]
    yield from _balance_sum(ctx, t, "income", "total", parts, "不等于本年收入加上年结转")


_TYPE_KEYS = ("basic", "project", "reserve", "operating_expense", "remit_superior", "subsidy_subsidiary")


def _class_lines(table: BalanceTable) -> list[BalanceLine]:
    """The lines the expenditure total is made of: the function classes, or where the table lists
    expenditure by type instead (长沙: 一、基本支出 二、项目支出 …), the types."""
    classes = [ln for ln in table.expenditure if ln.key.startswith(("fn:", "fn_name:"))]
    if classes:
        return classes
    return [ln for ln in table.expenditure if ln.key in _TYPE_KEYS]


@rule("T022", "summary-current-expenditure", "收支总表本年支出合计等于各类支出之和", ERROR, ("table", "sum", "summary"),
      """收支总表“本年支出合计”应等于各功能分类“类”支出之和。""",
      """收支总表: current-year expenditure total = sum of the function classes.""",
      Example("表1 科学技术支出 795.46 改为 796.46",
              (("| 五、事业收入 | | 五、科学技术支出 | 795.46 |", "| 五、事业收入 | | 五、科学技术支出 | 796.46 |"),)),
      Example("原文"))
def summary_current_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is not None and _class_lines(t):
        target = "current_total" if t.expenditure_line("current_total") else "total"
        yield from _balance_sum(ctx, t, "expenditure", target, _class_lines(t), "不等于各类支出之和")


@rule("T023", "summary-expenditure-total", "支出总计等于本年支出合计加年终结转结余", ERROR, ("table", "sum", "summary"),
      """收支总表“支出总计”应等于本年支出合计加年终结转结余。""",
      """收支总表: expenditure grand total = current-year expenditure + year-end carry-over.""",
      Example("表1 支出总计 2,840.98 改为 2,841.35", (("| 支 出 总 计 | 2,840.98 |", "| 支 出 总 计 | 2,841.35 |"),)),
      Example("原文"))
def summary_expenditure_total(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is None or t.expenditure_line("current_total") is None:
        return
    parts = [ln for ln in t.expenditure if ln.key in ("current_total", "carryover")]
    yield from _balance_sum(ctx, t, "expenditure", "total", parts, "不等于本年支出加年终结转")


def _balanced(ctx: CheckContext, t: BalanceTable) -> Iterator[Hit]:
    i, e = t.income_line("total"), t.expenditure_line("total")
    if i is None or e is None or i.amount is None or e.amount is None:
        return
    hit = ctx.mismatch(f"{ctx.label(t.kind)} 收入总计与支出总计不平衡", Amount.of(i.amount, t.unit),
                       Amount.of(e.amount, t.unit), [e.amount.source or e.source, i.amount.source or i.source])
    if hit:
        yield hit


@rule("T024", "summary-balanced", "收支总表收入总计等于支出总计", ERROR, ("table", "sum", "summary"),
      """收支总表“收入总计”应等于“支出总计”。""",
      """收支总表: income grand total = expenditure grand total.""",
      Example("表1 收入总计与支出总计不同", (("| 收 入 总 计 | 2,840.98 | 支 出 总 计 | 2,840.98 |",
                                          "| 收 入 总 计 | 2,840.98 | 支 出 总 计 | 2,841.98 |"),)),
      Example("原文"))
def summary_balanced(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is not None:
        yield from _balanced(ctx, t)


def _fiscal(ctx: CheckContext) -> BalanceTable | None:
    return ctx.balance(K.FISCAL_SUMMARY)


@rule("T025", "fiscal-current-income", "财政拨款本年收入等于三本预算拨款之和", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表“本年收入”应等于一般公共预算、政府性基金预算、国有资本经营预算拨款之和。""",
      """财政拨款收支总表: current income = general public budget + government funds + state capital.""",
      Example("表4 一、本年收入 2840.98 改为 2841.98", (("| 一、本年收入 | 2840.98 |", "| 一、本年收入 | 2841.98 |"),)),
      Example("原文"))
def fiscal_current_income(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is not None:
        parts = [ln for ln in t.income if ln.key in ("gpb", "gov_fund", "soe")]
        yield from _balance_sum(ctx, t, "income", "current_total", parts, "不等于三本预算拨款之和")


@rule("T026", "fiscal-carryover", "财政拨款上年结转等于各项结转之和", ERROR, ("table", "sum", "fiscal", "carryover"),
      """财政拨款收支总表“上年结转”应等于其下一般公共预算、政府性基金、国有资本经营结转之和。""",
      """财政拨款收支总表: carry-over = sum of its parts.""",
      Example("表4 上年结转一般公共预算拨款填入 1.00 而上年结转为空",
              (("| （一）一般公共预算拨款 | | （五）科学技术支出 | 795.46 |", "| （一）一般公共预算拨款 | 1.00 | （五）科学技术支出 | 795.46 |"),)),
      Example("原文"))
def fiscal_carryover(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is not None:
        parts = [ln for ln in t.income if ln.key.startswith("carryover.")]
        line = t.income_line("carryover")
        if line is not None and (line.amount is not None or any(p.amount for p in parts)):
            if line.amount is None:
                # A blank 上年结转 with filled parts: compare against zero.
                expected = total((p.amount for p in parts), t.unit)
                hit = ctx.mismatch(f"{ctx.label(t.kind)}「{line.label}」不等于各项结转之和", expected,
                                   Amount.zero(t.unit), [line.source] + [p.source for p in parts if p.amount])
                if hit:
                    yield hit
            else:
                yield from _balance_sum(ctx, t, "income", "carryover", parts, "不等于各项结转之和")


@rule("T027", "fiscal-income-total", "财政拨款收入总计等于本年收入加上年结转", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表“收入总计”应等于本年收入加上年结转。""",
      """财政拨款收支总表: income grand total = current + carry-over.""",
      Example("表4 收入总计 2840.98 改为 2841.35", (("| 收 入 总 计 | 2840.98 | 支 出 总 计 | 2840.98 |",
                                               "| 收 入 总 计 | 2841.35 | 支 出 总 计 | 2840.98 |"),)),
      Example("原文"))
def fiscal_income_total(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is None:
        return
    if t.income_line("current_total") is not None:
        parts = [ln for ln in t.income if ln.key in ("current_total", "carryover")]
    else:
        parts = [ln for ln in t.income if ln.key in ("gpb", "gov_fund", "soe", "carryover")]
    yield from _balance_sum(ctx, t, "income", "total", parts, "不等于本年收入加上年结转")


@rule("T028", "fiscal-current-expenditure", "财政拨款本年支出等于各类支出之和", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表“本年支出”应等于各功能分类“类”支出之和。""",
      """财政拨款收支总表: current expenditure = sum of the function classes.""",
      Example("表4 住房保障支出 133.62 改为 134.62",
              (("| | | （十八）住房保障支出 | 133.62 |", "| | | （十八）住房保障支出 | 134.62 |"),)),
      Example("原文"))
def fiscal_current_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is None:
        return
    target = "current_total" if t.expenditure_line("current_total") else "total"
    classes = _class_lines(t)
    if not classes:
        return  # neither classes nor types listed: nothing the total is said to be made of
    if target == "total":
        yield from _columns_sum(ctx, t, classes)
    else:
        yield from _balance_sum(ctx, t, "expenditure", target, classes, "不等于各类支出之和")


def _columns_sum(ctx: CheckContext, t: BalanceTable, classes: list[BalanceLine]) -> Iterator[Hit]:
    head = t.expenditure_line("total")
    if head is None:
        return
    for col in sorted({c for ln in classes for c in ln.values} | set(head.values)):
        expected = total((ln.values.get(col) for ln in classes), t.unit)
        actual = fig_amount(head.values.get(col), t.unit)
        hit = ctx.mismatch(f"{ctx.label(t.kind)} 支出总计 {col} 栏不等于各类支出之和", expected, actual,
                           [head.source] + [ln.source for ln in classes if col in ln.values])
        if hit:
            yield hit


@rule("T029", "fiscal-expenditure-total", "财政拨款支出总计等于本年支出加年终结转", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表“支出总计”应等于本年支出加年终结转结余。""",
      """财政拨款收支总表: expenditure grand total = current + year-end carry-over.""",
      Example("表4 二、年终结转结余填入 1.00", (("| | | 二、年终结转结余 | |", "| | | 二、年终结转结余 | 1.00 |"),)),
      Example("原文"))
def fiscal_expenditure_total(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is None or t.expenditure_line("current_total") is None:
        return
    parts = [ln for ln in t.expenditure if ln.key in ("current_total", "carryover")]
    yield from _balance_sum(ctx, t, "expenditure", "total", parts, "不等于本年支出加年终结转")


@rule("T030", "fiscal-balanced", "财政拨款收支总表收支平衡", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表“收入总计”应等于“支出总计”。""",
      """财政拨款收支总表: income grand total = expenditure grand total.""",
      Example("表4 支出总计 2840.98 改为 2841.98", (("| 收 入 总 计 | 2840.98 | 支 出 总 计 | 2840.98 |",
                                               "| 收 入 总 计 | 2840.98 | 支 出 总 计 | 2841.98 |"),)),
      Example("原文"))
def fiscal_balanced(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is not None:
        yield from _balanced(ctx, t)


@rule("T031", "fiscal-detail-lines", "拨款小项之和等于所属拨款", ERROR, ("table", "sum", "fiscal"),
      """财政拨款收支总表中列出的拨款明细（如“经费拨款（补助）”）之和应等于所属拨款行。""",
      """财政拨款收支总表: detail lines under an appropriation (经费拨款 …) add up to it.""",
      Example("汉阳表4 经费拨款(补助) 2021.02 改为 2022.02", (("经费拨款(补助)\t2021.02", "经费拨款(补助)\t2022.02"),),
              base="hanyang"),
      Example("原文", base="hanyang"))
def fiscal_detail_lines(ctx: CheckContext) -> Iterator[Hit]:
    t = _fiscal(ctx)
    if t is None:
        return
    for parent in ("gpb", "gov_fund"):
        details = [ln for ln in t.income if ln.key.startswith(f"{parent}.detail:")]
        if details and any(d.amount is not None for d in details):
            yield from _balance_sum(ctx, t, "income", parent, details, "不等于其下各明细之和")


def _line_parts(line: BalanceLine) -> list[tuple[str, list[str]]]:
    """(whole, parts) column identities that hold on one line of a two-sided table."""
    cols = set(line.values)
    out: list[tuple[str, list[str]]] = []
    funds = [c for c in ("gpb", "gov_fund", "soe") if c in cols]
    if funds and "total" in cols:
        out.append(("total", ["gpb", "gov_fund", "soe"]))
    if {"personnel", "public"} & cols and "basic" in cols:
        out.append(("basic", ["personnel", "public"]))
    if "total" in cols and ({"personnel", "public", "basic", "project"} & cols):
        out.append(("total", ["basic", "project"] if "basic" in cols else ["personnel", "public", "project"]))
    return out


@rule("T038", "balance-line-columns", "两栏表支出行的各栏相加等于合计", ERROR, ("table", "sum", "summary", "fiscal"),
      """收支总表、财政拨款收支总表中，按列细分的支出行，合计应等于各栏之和：合计 = 一般公共预算 + 政府性基金 + 国有资本
经营（财政拨款收支总表）；合计 = 人员经费 + 公用经费 + 项目支出（上海单位预算的财务收支预算总表）。""",
      """Each expenditure line of a two-sided table adds up across its columns (total = gpb + funds + SOE;
total = personnel + public + project).""",
      Example("商务委财务收支预算总表 一般公共服务支出 人员经费 10,823,891.00 改为 10,823,892.00",
              (("| 21,601,733.00 | 10,823,891.00 |", "| 21,601,733.00 | 10,823,892.00 |"),), base="shangwu"),
      Example("原文", base="shangwu"))
def balance_line_columns(ctx: CheckContext) -> Iterator[Hit]:
    for kind in (K.SUMMARY, K.FISCAL_SUMMARY):
        t = ctx.balance(kind)
        if t is None:
            continue
        for ln in t.expenditure:
            for whole, parts in _line_parts(ln):
                head = ln.values.get(whole)
                if head is None:
                    continue
                expected = total((ln.values.get(p) for p in parts), t.unit)
                hit = ctx.mismatch(f"{ctx.label(kind)}「{ln.label}」{whole} 栏不等于 {' + '.join(parts)}", expected,
                                   Amount.of(head, t.unit), [head.source or ln.source])
                if hit:
                    yield hit


@rule("T039", "summary-fiscal-sublines", "财政拨款收入等于其下各项资金之和", ERROR, ("table", "sum", "summary"),
      """收支总表中“财政拨款收入”下列出一般公共预算资金、政府性基金、国有资本经营预算（上海模板）时，财政拨款收入应等于
这几项之和。""",
      """Where 收支总表 lists 1. 一般公共预算资金 2. 政府性基金 3. 国有资本经营预算 under 财政拨款收入
(Shanghai), the appropriation equals their sum.""",
      Example("商务委“1. 一般公共预算资金”371,514,655.00 改为 371,514,656.00",
              (("| 1. 一般公共预算资金 | 371,514,655.00 |", "| 1. 一般公共预算资金 | 371,514,656.00 |"),),
              base="shangwu-dept"),
      Example("原文", base="shangwu-dept"))
def summary_fiscal_sublines(ctx: CheckContext) -> Iterator[Hit]:
    t = _summary(ctx)
    if t is None or t.income_line("fiscal") is None:
        return
    parts = [ln for ln in t.income if ln.key in ("gpb", "gov_fund", "soe")]
    if parts:
        yield from _balance_sum(ctx, t, "income", "fiscal", parts, "不等于其下各项资金之和")
