"""X — identities across tables (domain.md §4 "Across tables").

The all-funds tables (收支总表, 收入总表, 支出总表) and the fiscal-appropriation tables (财政拨款收支总表,
一般公共预算支出表, 基金, 国资) legitimately differ exactly by the money that is not this year's
appropriation (事业收入, 其他收入, 单位资金, carry-over …). Rules explain such gaps by those sources
instead of flagging them (Hanyang 2069999: 820.00 in 表3, 800.00 in 表5-1 because of 20.00 其他收入).
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model.budget import Row, RowKind, Table, TableKind
from yusuan.model.figures import Figure, SourceRef
from yusuan.rules.arith import Amount, compare, fig_amount, total
from yusuan.rules.context import FISCAL_FUNCTION_TABLES, CheckContext, row_loc
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import name_key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind


def _total(t: Table | None, col: str) -> tuple[Figure | None, bool]:
    """A total-row cell (None when blank) and whether the table has that column at all."""
    if t is None:
        return None, False
    row = t.total_row()
    if row is None:
        return None, False
    return row.values.get(col), col in t.column_keys()


def _pair(ctx: CheckContext, message: str, a: Figure | None, a_loc, b: Figure | None, b_loc, unit: str,
          severity: Severity | None = None) -> Iterator[Hit]:
    hit = ctx.mismatch(message, fig_amount(a, unit), fig_amount(b, unit), [x for x in (b_loc, a_loc) if x],
                       severity)
    if hit:
        yield hit


@rule("X001", "summary-income-equals-income-table", "收支总表各项收入与收入总表一致", ERROR, ("cross", "summary", "income"),
      """收支总表列出的各项收入（一般公共预算拨款、政府性基金……其他收入、上年结转）应等于收入总表合计行的相应栏。""",
      """收支总表 income lines equal the corresponding columns of the 收入总表 total row.""",
      Example("表2 合计行一般公共预算 2,840.98 改为 2,841.98（并同改本年收入小计与合计）",
              (("| | 合计 | 2,840.98 | 2,840.98 | 2,840.98 | | | | | | | | | | | | | | | |",
                "| | 合计 | 2,841.98 | 2,841.98 | 2,841.98 | | | | | | | | | | | | | | | |"),)),
      Example("原文"))
def summary_vs_income(ctx: CheckContext) -> Iterator[Hit]:
    s, inc = ctx.balance(K.SUMMARY), ctx.table(K.INCOME)
    if s is None or inc is None or inc.total_row() is None:
        return
    head = inc.total_row()
    assert head is not None
    mapping = {"current_total": "current", "carryover": "carryover", "total": "total"}
    keys = set(inc.column_keys())
    for ln in s.income:
        # The income table's column for the line: 本年收入 / 上年结转 / 合计, or the source by itself
        # (current.gpb, or gpb where the table has no 本年收入 group). A column it lacks is not compared.
        col = next((c for c in (mapping.get(ln.key), f"current.{ln.key}", ln.key) if c and c in keys), None)
        if col is None:
            continue
        yield from _pair(ctx, f"{ctx.label(K.SUMMARY)}「{ln.label}」与{ctx.label(K.INCOME)}合计行不一致",
                         head.values.get(col), row_loc(head, col), ln.amount, ln.source, s.unit)


@rule("X002", "summary-classes-equal-expenditure-table", "收支总表各类支出与支出总表一致", ERROR,
      ("cross", "summary", "expenditure"),
      """收支总表的各类支出应等于支出总表相应“类”行的合计；本年支出合计应等于支出总表合计。""",
      """收支总表 class lines equal the 支出总表 class rows; the current total equals the 支出总表 total.""",
      Example("表1 卫生健康支出 311.72 改为 312.72",
              (("| 八、附属单位上缴收入 | | 八、卫生健康支出 | 311.72 |", "| 八、附属单位上缴收入 | | 八、卫生健康支出 | 312.72 |"),)),
      Example("原文"))
def summary_vs_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    s, exp = ctx.balance(K.SUMMARY), ctx.table(K.EXPENDITURE)
    if s is None or exp is None:
        return
    listed = {r.code for r in exp.rows if r.code}
    for ln in s.expenditure:
        if ln.key.startswith("fn:") and not listed:
            continue  # the 支出总表 lists no codes (Jiangsu prints one row of totals)
        if ln.key.startswith("fn:"):
            row = exp.find(ln.key[3:])
            yield from _pair(ctx, f"{ctx.label(K.SUMMARY)}「{ln.label}」与{ctx.label(K.EXPENDITURE)}不一致",
                             row.values.get("total") if row else None, row.source if row else exp.source,
                             ln.amount, ln.source, s.unit)
        elif ln.key == "current_total":
            head = exp.total_row()
            if head is not None:
                yield from _pair(ctx, f"{ctx.label(K.SUMMARY)}「{ln.label}」与{ctx.label(K.EXPENDITURE)}合计不一致",
                                 head.values.get("total"), row_loc(head, "total"), ln.amount, ln.source, s.unit)
    codes = {ln.key[3:] for ln in s.expenditure if ln.key.startswith("fn:")}
    if not codes:
        return  # the 收支总表 lists expenditure by type, not by function class
    for row in exp.rows_of(RowKind.CLASS):
        if row.code and row.code not in codes and row.amount("total") != 0:
            yield Hit(message=f"{ctx.label(K.EXPENDITURE)}「{row.code} {row.name}」在{ctx.label(K.SUMMARY)}中没有对应的支出行",
                      locations=[row.source], expected=str(row.amount("total")), actual="缺失")


def _fiscal_class(ctx: CheckContext, code: str) -> tuple[Amount, list]:
    """Fiscal money of a function class: 一般公共预算 + 政府性基金 + 国有资本经营 tables."""
    unit = ctx.budget.meta.table_unit
    acc = Amount.zero(unit)
    locs = []
    for t in ctx.tables(FISCAL_FUNCTION_TABLES):
        row = t.find(code)
        if row is not None:
            acc = acc + fig_amount(row.values.get("total"), unit)
            locs.append(row.source)
    return acc, locs


@rule("X003", "fiscal-classes-equal-fiscal-tables", "财政拨款收支总表各类支出与分科目表一致", ERROR,
      ("cross", "fiscal"),
      """财政拨款收支总表的各类支出应等于一般公共预算、政府性基金、国有资本经营预算支出表相应“类”之和。""",
      """财政拨款收支总表 class lines = 一般公共预算 + 政府性基金 + 国有资本经营 class rows.""",
      Example("表4 科学技术支出 795.46 改为 796.46（并同改本年支出与支出总计）",
              (("| （一）一般公共预算拨款 | | （五）科学技术支出 | 795.46 |", "| （一）一般公共预算拨款 | | （五）科学技术支出 | 796.46 |"),)),
      Example("原文"))
def fiscal_classes(ctx: CheckContext) -> Iterator[Hit]:
    f = ctx.balance(K.FISCAL_SUMMARY)
    if f is None or not any(True for _ in ctx.tables(FISCAL_FUNCTION_TABLES)):
        return
    for ln in f.expenditure:
        if not ln.key.startswith("fn:"):
            continue
        expected, locs = _fiscal_class(ctx, ln.key[3:])
        actual = fig_amount(ln.amount, f.unit)
        hit = ctx.mismatch(f"{ctx.label(K.FISCAL_SUMMARY)}「{ln.label}」与一般公共预算等分科目表不一致", expected, actual,
                           [ln.source, *locs])
        if hit:
            yield hit


@rule("X004", "fiscal-gpb-equals-gpb-table", "一般公共预算拨款与一般公共预算支出表合计一致", ERROR, ("cross", "fiscal", "gpb"),
      """财政拨款收支总表的一般公共预算拨款（本年加上年结转）应等于一般公共预算支出表的合计。""",
      """财政拨款收支总表 general-public-budget appropriation (current + carry-over) = 5-1 total.""",
      Example("表4 （一）一般公共预算拨款 2840.98 改为 2841.98",
              (("| （一）一般公共预算拨款 | 2840.98 |", "| （一）一般公共预算拨款 | 2841.98 |"),)),
      Example("原文"))
def fiscal_gpb(ctx: CheckContext) -> Iterator[Hit]:
    f, gpb = ctx.balance(K.FISCAL_SUMMARY), ctx.table(K.GPB_BY_FUNCTION)
    if f is None or gpb is None or gpb.total_row() is None:
        return
    cur, carry = f.income_line("gpb"), f.income_line("carryover.gpb")
    if cur is None:
        return
    expected = total([cur.amount, carry.amount if carry else None], f.unit)
    head = gpb.total_row()
    assert head is not None
    hit = ctx.mismatch(f"{ctx.label(K.GPB_BY_FUNCTION)}合计与{ctx.label(K.FISCAL_SUMMARY)}一般公共预算拨款不一致", expected,
                       fig_amount(head.values.get("total"), gpb.unit), [row_loc(head, "total"), cur.source])
    if hit:
        yield hit


@rule("X005", "gpb-function-equals-gpb-unit", "一般公共预算支出表分科目与分单位合计一致", ERROR, ("cross", "gpb", "units"),
      """一般公共预算支出表（分功能科目）与（分单位）的合计行各栏应相等。""",
      """5-1 (by function) and 5-2 (by unit) total rows are equal column by column.""",
      Example("表5-2 合计行项目支出 1,160.10 改为 1,161.10（部门行同改）",
              (("| | 合计 | 2840.98 | 1,680.88 | 1,569.26 | 111.62 | 1,160.10 |", "| | 合计 | 2840.98 | 1,680.88 | 1,569.26 | 111.62 | 1,161.10 |"),)),
      Example("原文"))
def gpb_function_vs_unit(ctx: CheckContext) -> Iterator[Hit]:
    a, b = ctx.table(K.GPB_BY_FUNCTION), ctx.table(K.GPB_BY_UNIT)
    if a is None or b is None or a.total_row() is None or b.total_row() is None:
        return
    ha, hb = a.total_row(), b.total_row()
    assert ha is not None and hb is not None
    for col in a.column_keys():
        if col not in b.column_keys():
            continue
        yield from _pair(ctx, f"{ctx.label(K.GPB_BY_UNIT)}合计行 {col} 与{ctx.label(K.GPB_BY_FUNCTION)}不一致",
                         ha.values.get(col), row_loc(ha, col), hb.values.get(col), row_loc(hb, col), a.unit)


@rule("X006", "gpb-basic-equals-economic-table", "基本支出与经济分类表一致", ERROR, ("cross", "gpb", "economic"),
      """一般公共预算支出表的基本支出（及其中人员经费、公用经费）应等于一般公共预算基本支出表的合计。""",
      """5-1 basic expenditure (personnel, public) = the basic-expenditure economic table totals.""",
      Example("表6 合计行公用经费 111.62 改为 111.99（并同改合计）",
              (("| | 合计 | 1,680.88 | 1,569.26 | 111.62 |", "| | 合计 | 1,681.25 | 1,569.26 | 111.99 |"),)),
      Example("原文"))
def gpb_basic_vs_economic(ctx: CheckContext) -> Iterator[Hit]:
    gpb, econ = ctx.table(K.GPB_BY_FUNCTION), ctx.table(K.GPB_BASIC_ECONOMIC)
    if gpb is None or econ is None or gpb.total_row() is None or econ.total_row() is None:
        return
    hg, he = gpb.total_row(), econ.total_row()
    assert hg is not None and he is not None
    for col_g, col_e in (("basic", "total"), ("personnel", "personnel"), ("public", "public")):
        if col_g not in gpb.column_keys():
            continue
        yield from _pair(ctx, f"{ctx.label(K.GPB_BASIC_ECONOMIC)}合计 {col_e} 与{ctx.label(K.GPB_BY_FUNCTION)} {col_g} 不一致",
                         hg.values.get(col_g), row_loc(hg, col_g), he.values.get(col_e), row_loc(he, col_e), gpb.unit)


@rule("X007", "project-table-equals-expenditure-project", "项目支出表合计与支出总表项目支出一致", ERROR,
      ("cross", "projects"),
      """项目支出表合计应等于支出总表的项目支出合计。""",
      """项目支出表 total = 支出总表 project expenditure.""",
      Example("表10 合计行 1,160.10 改为 1,161.10（部门、单位行同改）",
              (("| | | | 1,160.10 | 1,160.10 | | | | | | |", "| | | | 1,161.10 | 1,160.10 | | | | | | |"),)),
      Example("原文"))
def projects_vs_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    p, e = ctx.table(K.PROJECTS), ctx.table(K.EXPENDITURE)
    if p is None or e is None or p.total_row() is None or e.total_row() is None:
        return
    hp, he = p.total_row(), e.total_row()
    assert hp is not None and he is not None
    yield from _pair(ctx, f"{ctx.label(K.PROJECTS)}合计与{ctx.label(K.EXPENDITURE)}项目支出不一致",
                     he.values.get("project"), row_loc(he, "project"), hp.values.get("total"),
                     row_loc(hp, "total"), p.unit)


@rule("X008", "project-table-gpb-equals-gpb-project", "项目支出表一般公共预算与分科目表项目支出一致", ERROR,
      ("cross", "projects", "gpb"),
      """项目支出表的一般公共预算（本年拨款加结转）应等于一般公共预算支出表的项目支出合计。""",
      """项目支出表 general-public-budget funding (current + carry-over) = 5-1 project expenditure.""",
      Example("表10 合计行一般公共预算 1,160.10 改为 1,161.10",
              (("| | | | 1,160.10 | 1,160.10 | | | | | | |", "| | | | 1,160.10 | 1,161.10 | | | | | | |"),)),
      Example("原文"))
def projects_vs_gpb(ctx: CheckContext) -> Iterator[Hit]:
    p, g = ctx.table(K.PROJECTS), ctx.table(K.GPB_BY_FUNCTION)
    if p is None or g is None or p.total_row() is None or g.total_row() is None:
        return
    hp, hg = p.total_row(), g.total_row()
    assert hp is not None and hg is not None
    expected = total([hp.values.get("current.gpb"), hp.values.get("carryover.gpb")], p.unit)
    hit = ctx.mismatch(f"{ctx.label(K.PROJECTS)}一般公共预算与{ctx.label(K.GPB_BY_FUNCTION)}项目支出不一致",
                       fig_amount(hg.values.get("project"), g.unit), expected,
                       [row_loc(hp, "current.gpb"), row_loc(hg, "project")])
    if hit:
        yield hit


@rule("X009", "same-code-same-name", "同一科目编码在各表中名称一致", ERROR, ("cross", "codes", "names"),
      """同一功能分类编码在支出总表、一般公共预算支出表、基金、国资表中应使用同一名称。""",
      """A function code carries the same name in every table.""",
      Example("表5-1 2080899 的名称写成“其他抚恤支出”",
              (("| 2080899 | 其他优抚支出 | 3.25 | 3.25 | 3.25 | | |", "| 2080899 | 其他抚恤支出 | 3.25 | 3.25 | 3.25 | | |"),)),
      Example("原文：汉阳表5-1 “其他科学技术管理事 务支出”断行，修复后与表3 一致", base="hanyang"))
def same_code_same_name(ctx: CheckContext) -> Iterator[Hit]:
    for code, rows in ctx.function_rows.items():
        first_t, first = rows[0]
        for t, r in rows[1:]:
            if name_key(r.name) != name_key(first.name):
                yield Hit(message=f"编码 {code} 在{ctx.label(first_t.kind)}名为「{first.name}」，在{ctx.label(t.kind)}名为「{r.name}」",
                          locations=[first.source, r.source], expected=first.name, actual=r.name)


_NON_APPROPRIATION = ("business_income", "operating_income", "superior_subsidy", "subsidiary_remit",
                      "other_income", "special_account")


def _fiscal_carryover(ctx: CheckContext) -> Amount | None:
    """Fiscal money carried over from last year (收入总表 上年结转 › 一般公共预算 …, else the 财政拨款收支
    总表's carry-over lines), or None when no table prints it."""
    unit = ctx.budget.meta.table_unit
    inc = ctx.table(K.INCOME)
    head = inc.total_row() if inc is not None else None
    if inc is not None and head is not None:
        cols = [c for c in ("carryover.gpb", "carryover.gov_fund", "carryover.soe") if c in inc.column_keys()]
        if cols:
            return total((head.values.get(c) for c in cols), unit)
    fs = ctx.balance(K.FISCAL_SUMMARY)
    if fs is not None:
        lines = [ln for ln in fs.income if ln.key == "carryover" or ln.key.startswith("carryover.")]
        parts = [ln for ln in lines if ln.key.startswith("carryover.")] or lines
        if parts:
            return total((ln.amount for ln in parts), unit)
    return None


def _explains(ctx: CheckContext, explained: Amount, gap: Amount) -> bool:
    """The gap is the non-appropriation money, counting last year's fiscal carry-over in it (Wuhan's
    5-1 holds this year's appropriation only) or not (杭州's 一般公共预算支出表 holds both)."""
    if compare(explained, gap) is None:
        return True
    carried = _fiscal_carryover(ctx)
    return carried is not None and compare(explained - carried, gap) is None


def _non_appropriation(ctx: CheckContext) -> tuple[Amount, list]:
    """Money that is not this year's fiscal appropriation: non-fiscal income plus all carry-over."""
    unit = ctx.budget.meta.table_unit
    inc = ctx.table(K.INCOME)
    if inc is not None and inc.total_row() is not None:
        head = inc.total_row()
        assert head is not None
        cols = [f"current.{k}" for k in _NON_APPROPRIATION] + ["carryover"]
        cols += [c for c in inc.column_keys() if c in ("business_income", "operating_income", "other_income")]
        return total((head.values.get(c) for c in cols), unit), [head.source]
    s = ctx.balance(K.SUMMARY)
    if s is not None:
        lines = [ln for ln in s.income if ln.key in (*_NON_APPROPRIATION, "carryover", "nonfiscal_balance")]
        return total((ln.amount for ln in lines), unit), [ln.source for ln in lines]
    return Amount.zero(unit), []


@rule("X010", "fiscal-gap-explained", "支出总表与财政拨款各表的差额由非财政拨款资金解释", ERROR, ("cross", "fiscal", "gap"),
      """支出总表（全部资金）与一般公共预算、政府性基金、国有资本经营预算支出表（财政拨款）之间，每个科目的差额
必须不小于零，且全部差额之和等于非财政拨款资金（事业收入、其他收入、单位资金及上年结转等）。例如汉阳 2069999
表3 为 820.00、表5-1 为 800.00，差额 20.00 正是收入总表的其他收入，不报。""",
      """For every code, all-funds spending (支出总表) minus fiscal spending (5-1 + funds + state capital)
is never negative, and the gaps add up to the money that is not this year's appropriation.""",
      Example("汉阳表5-1 2069999 改为 810.00（差额只剩 10.00，与其他收入 20.00 不符）",
              (("2069999\t其他科学技术支出\t800.00\t\t\t\t800.00", "2069999\t其他科学技术支出\t810.00\t\t\t\t810.00"),),
              base="hanyang"),
      Example("原文：汉阳 2069999 表3 820.00 与表5-1 800.00 的差额由 20.00 其他收入解释", base="hanyang"))
def fiscal_gap(ctx: CheckContext) -> Iterator[Hit]:
    exp = ctx.table(K.EXPENDITURE)
    fiscal_tables = list(ctx.tables(FISCAL_FUNCTION_TABLES))
    if exp is None or not fiscal_tables:
        return
    unit = exp.unit
    for r in exp.rows:
        if not r.code:
            continue
        fiscal, locs = _fiscal_class(ctx, r.code)
        gap = fig_amount(r.values.get("total"), unit) - fiscal
        if gap.interval.hi < 0:
            yield Hit(message=f"科目 {r.code} {r.name} 的财政拨款支出 {fiscal.value} 大于{ctx.label(K.EXPENDITURE)}全部资金 "
                              f"{r.amount('total')}", locations=[r.source, *locs],
                      expected=f"≤ {r.amount('total')}", actual=str(fiscal.value))
    explained, locs = _non_appropriation(ctx)
    # The gaps of all items (and, separately, of the grand totals) must add up to that money.
    items = [r for r in exp.rows if r.code and len(r.code) == 7]
    gap = Amount.zero(unit)
    gap_locs = []
    for r in items:
        fiscal, flocs = _fiscal_class(ctx, r.code or "")
        item_gap = fig_amount(r.values.get("total"), unit) - fiscal
        gap = gap + item_gap
        if item_gap.value != 0:
            gap_locs += [r.source, *flocs]
    if items and not _explains(ctx, explained, gap):
        hit = ctx.mismatch(f"{ctx.label(K.EXPENDITURE)}与财政拨款支出表各项级科目的差额之和未被非财政拨款资金解释", explained, gap,
                           [*gap_locs, *locs])
        if hit:
            yield hit
    head = exp.total_row()
    if head is None:
        return
    fiscal_total = Amount.zero(unit)
    for t in fiscal_tables:
        t_head = t.total_row()
        fiscal_total = fiscal_total + fig_amount(t_head.values.get("total") if t_head else None, unit)
    total_gap = fig_amount(head.values.get("total"), unit) - fiscal_total
    if _explains(ctx, explained, total_gap):
        return
    hit = ctx.mismatch(f"{ctx.label(K.EXPENDITURE)}与财政拨款支出表合计的差额未被非财政拨款资金解释", explained, total_gap,
                       [row_loc(head, "total"), *locs])
    if hit:
        yield hit


@rule("X011", "fiscal-codes-in-expenditure-table", "财政拨款表中的科目都在支出总表中", ERROR, ("cross", "codes"),
      """一般公共预算、政府性基金、国有资本经营预算支出表中出现的每个科目，都应出现在支出总表中。""",
      """Every code in the fiscal tables also appears in 支出总表.""",
      Example("表5-1 行政运行的编码改为 2060109",
              (("| 2060101 | 行政运行 | 745.86 | 745.86 | 655.34 | 90.52 | |", "| 2060109 | 行政运行 | 745.86 | 745.86 | 655.34 | 90.52 | |"),)),
      Example("原文"))
def fiscal_codes_present(ctx: CheckContext) -> Iterator[Hit]:
    exp = ctx.table(K.EXPENDITURE)
    if exp is None:
        return
    codes = {r.code for r in exp.rows if r.code}
    if not codes:
        return  # the 支出总表 lists no codes (Jiangsu prints one row of totals)
    missing: dict[str, list[tuple[Table, Row]]] = {}
    for t in ctx.tables(FISCAL_FUNCTION_TABLES):
        for r in t.rows:
            if r.code and r.code not in codes:
                missing.setdefault(r.code, []).append((t, r))
    for code, found in missing.items():
        if any(code[:n] in missing for n in (3, 5) if n < len(code)):
            continue  # one fault: the class (or 款) is missing, its items with it
        t, r = found[0]
        where = "、".join(dict.fromkeys(ctx.label(tt.kind) for tt, _ in found))
        yield Hit(message=f"{where}的科目 {code} {r.name} 不在{ctx.label(K.EXPENDITURE)}中",
                  locations=[rr.source for _, rr in found], actual=code)


@rule("X012", "expenditure-codes-funded", "支出总表中由财政拨款安排的科目出现在财政拨款表中", WARNING, ("cross", "codes"),
      """当部门没有非财政拨款资金时，支出总表的每个有金额的科目都应出现在一般公共预算等财政拨款支出表中。""",
      """With no non-appropriation money, every code with money in 支出总表 appears in the fiscal tables.""",
      Example("表3 行政运行的编码改为 2060109（表5-1 仍为 2060101）",
              (("| 2060101 | 行政运行 | 745.86 | 745.86 | | | | |", "| 2060109 | 行政运行 | 745.86 | 745.86 | | | | |"),)),
      Example("原文"))
def expenditure_codes_funded(ctx: CheckContext) -> Iterator[Hit]:
    exp = ctx.table(K.EXPENDITURE)
    fiscal = list(ctx.tables(FISCAL_FUNCTION_TABLES))
    if exp is None or not fiscal:
        return
    extra, _ = _non_appropriation(ctx)
    if extra.value != 0:
        return
    codes = {r.code for t in fiscal for r in t.rows if r.code}
    for r in exp.rows:
        if r.code and r.code not in codes and r.amount("total") != 0:
            yield Hit(message=f"{ctx.label(K.EXPENDITURE)}的科目 {r.code} {r.name} 不在财政拨款支出表中，而部门没有其他资金来源",
                      locations=[r.source], actual=r.code)


@rule("X013", "income-fiscal-equals-fiscal-table", "收入总表财政拨款与财政拨款收支总表一致", ERROR, ("cross", "income", "fiscal"),
      """收入总表合计行的一般公共预算、政府性基金、国有资本经营预算收入应等于财政拨款收支总表的相应拨款。""",
      """收入总表 fiscal columns = 财政拨款收支总表 appropriation lines.""",
      Example("表4 （一）一般公共预算拨款 2840.98 改为 2841.98（本年收入、收入总计同改）",
              (("| 一、本年收入 | 2840.98 | 一、本年支出 | 2840.98 |", "| 一、本年收入 | 2841.98 | 一、本年支出 | 2840.98 |"),
               ("| （一）一般公共预算拨款 | 2840.98 |", "| （一）一般公共预算拨款 | 2841.98 |"))),
      Example("原文"))
def income_vs_fiscal(ctx: CheckContext) -> Iterator[Hit]:
    inc, f = ctx.table(K.INCOME), ctx.balance(K.FISCAL_SUMMARY)
    if inc is None or f is None or inc.total_row() is None:
        return
    head = inc.total_row()
    assert head is not None
    keys = inc.column_keys()
    for src in ("gpb", "gov_fund", "soe"):
        line = f.income_line(src)
        if line is None:
            continue
        col = f"current.{src}" if f"current.{src}" in keys else ("fiscal" if src == "gpb" and "fiscal" in keys else None)
        if col is None:
            continue
        yield from _pair(ctx, f"{ctx.label(K.FISCAL_SUMMARY)}「{line.label}」与{ctx.label(K.INCOME)}不一致",
                         head.values.get(col), row_loc(head, col), line.amount, line.source, f.unit)


@rule("X014", "reception-within-three-public", "经济分类公务接待费不超过“三公”公务接待费", ERROR,
      ("cross", "three-public", "economic"),
      """一般公共预算基本支出表中的公务接待费（30217）只是基本支出部分，不能超过“三公”经费表的公务接待费。""",
      """Basic-expenditure 30217 official reception cannot exceed the 三公 reception total.""",
      Example("表6 公务接待费 0.20 改为 0.30（合计与公用经费同改）",
              (("| 30217 | 公务接待费 | 0.20 | | 0.20 |", "| 30217 | 公务接待费 | 0.30 | | 0.30 |"),)),
      Example("原文：0.20 ≤ 0.20"))
def reception_within(ctx: CheckContext) -> Iterator[Hit]:
    yield from _econ_within(ctx, "30217", "reception", "公务接待费")


def _econ_within(ctx: CheckContext, code: str, column: str, what: str) -> Iterator[Hit]:
    econ, three = ctx.table(K.GPB_BASIC_ECONOMIC), ctx.table(K.THREE_PUBLIC)
    if econ is None or three is None:
        return
    row, head = econ.find(code), three.total_row()
    if row is None or head is None or column not in three.column_keys():
        return  # (a column the 三公 table does not print is not a zero)
    part = fig_amount(row.values.get("total"), three.unit)
    whole = fig_amount(head.values.get(column), three.unit)
    if part.interval.lo > whole.interval.hi:
        yield Hit(message=f"{ctx.label(K.GPB_BASIC_ECONOMIC)} {code} {what} {part.value} 超过{ctx.label(K.THREE_PUBLIC)}的{what} {whole.value}",
                  locations=[row.source, row_loc(head, column)], expected=f"≤ {whole.value}", actual=str(part.value))


@rule("X015", "vehicle-operation-within-three-public", "经济分类公务用车运行维护费不超过“三公”公务用车运行费", ERROR,
      ("cross", "three-public", "economic"),
      """一般公共预算基本支出表中的公务用车运行维护费（30231）不能超过“三公”经费表的公务用车运行费。""",
      """Basic-expenditure 30231 vehicle operation cannot exceed the 三公 vehicle operation.""",
      Example("表6 增加一行 30231 公务用车运行维护费 1.00，而“三公”表运行费为空",
              (("| 30239 | 其他交通费用 | 19.02 | | 19.02 |", "| 30231 | 公务用车运行维护费 | 1.00 | | 1.00 |\n| 30239 | 其他交通费用 | 18.02 | | 18.02 |"),)),
      Example("原文"))
def vehicle_within(ctx: CheckContext) -> Iterator[Hit]:
    yield from _econ_within(ctx, "30231", "vehicle_operation", "公务用车运行维护费")


@rule("X016", "abroad-within-three-public", "经济分类因公出国费用不超过“三公”因公出国费", ERROR,
      ("cross", "three-public", "economic"),
      """一般公共预算基本支出表中的因公出国（境）费用（30212）不能超过“三公”经费表的因公出国（境）费。""",
      """Basic-expenditure 30212 travel abroad cannot exceed the 三公 travel abroad.""",
      Example("表6 增加一行 30212 因公出国（境）费用 1.00，而“三公”表为空",
              (("| 30239 | 其他交通费用 | 19.02 | | 19.02 |", "| 30212 | 因公出国（境）费用 | 1.00 | | 1.00 |\n| 30239 | 其他交通费用 | 18.02 | | 18.02 |"),)),
      Example("原文"))
def abroad_within(ctx: CheckContext) -> Iterator[Hit]:
    yield from _econ_within(ctx, "30212", "abroad", "因公出国（境）费")


def _soft(ctx: CheckContext, econ_code: str, fn_codes: tuple[str, ...], what: str) -> Iterator[Hit]:
    econ, gpb = ctx.table(K.GPB_BASIC_ECONOMIC), ctx.table(K.GPB_BY_FUNCTION)
    if econ is None or gpb is None:
        return
    row = econ.find(econ_code)
    fn_rows = [r for r in (gpb.find(c) for c in fn_codes) if r is not None]
    if row is None or not fn_rows:
        return
    expected = total((r.values.get("basic") for r in fn_rows), gpb.unit)
    hit = ctx.mismatch(f"{what}：经济分类 {econ_code} 与功能分类 {'+'.join(fn_codes)} 的基本支出通常相等",
                       expected, fig_amount(row.values.get("total"), econ.unit), [row.source] + [r.source for r in fn_rows],
                       Severity.INFO)
    if hit:
        yield hit


@rule("X017", "pension-soft-link", "养老保险缴费两种分类大致相等", INFO, ("cross", "soft-link"),
      """经济分类 30108 机关事业单位基本养老保险缴费通常等于功能分类 2080505 的基本支出（有项目资金时可以不同），仅作提示。""",
      """30108 pension contributions usually equal 2080505 basic spending; reported as information.""",
      Example("表6 30108 改为 112.13（合计与人员经费同改）",
              (("| 30108 | 机关事业单位基本养老保险缴费 | 111.13 | 111.13 | |", "| 30108 | 机关事业单位基本养老保险缴费 | 112.13 | 112.13 | |"),)),
      Example("原文：111.13 = 111.13"))
def pension_link(ctx: CheckContext) -> Iterator[Hit]:
    yield from _soft(ctx, "30108", ("2080505",), "养老保险缴费")


@rule("X018", "housing-fund-soft-link", "住房公积金两种分类大致相等", INFO, ("cross", "soft-link"),
      """经济分类 30113 住房公积金通常等于功能分类 2210201 住房公积金的基本支出，仅作提示。""",
      """30113 housing fund usually equals 2210201 basic spending; information.""",
      Example("表6 30113 改为 112.94", (("| 30113 | 住房公积金 | 111.94 | 111.94 | |", "| 30113 | 住房公积金 | 112.94 | 112.94 | |"),)),
      Example("原文"))
def housing_link(ctx: CheckContext) -> Iterator[Hit]:
    yield from _soft(ctx, "30113", ("2210201",), "住房公积金")


@rule("X019", "medical-insurance-soft-link", "基本医疗保险缴费两种分类大致相等", INFO, ("cross", "soft-link"),
      """经济分类 30110 职工基本医疗保险缴费通常等于功能分类 2101101 行政单位医疗与 2101102 事业单位医疗之和，仅作提示。""",
      """30110 medical insurance usually equals 2101101 + 2101102 basic spending; information.""",
      Example("表6 30110 改为 46.35", (("| 30110 | 职工基本医疗保险缴费 | 45.35 | 45.35 | |", "| 30110 | 职工基本医疗保险缴费 | 46.35 | 46.35 | |"),)),
      Example("原文：45.35 = 20.82 + 24.53"))
def medical_link(ctx: CheckContext) -> Iterator[Hit]:
    yield from _soft(ctx, "30110", ("2101101", "2101102"), "医疗保险缴费")


@rule("X020", "units-consistent", "各表列示的预算单位一致", WARNING, ("cross", "units"),
      """收入总表、一般公共预算支出表（分单位）、项目支出表列示的预算单位编码与名称应一致。""",
      """The budget units listed in the per-unit tables are the same, with the same names.""",
      Example("表5-2 大数据中心的名称写成“武汉市硚口区数据中心”",
              (("| 135002 | 武汉市硚口区大数据中心 | 500.91 | 369.47 |", "| 135002 | 武汉市硚口区数据中心 | 500.91 | 369.47 |"),)),
      Example("原文"))
def units_consistent(ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[str, tuple[str, str, SourceRef]] = {}
    for kind in (K.INCOME, K.GPB_BY_UNIT, K.PROJECTS):
        t = ctx.table(kind)
        if t is None:
            continue
        for r in t.rows_of(RowKind.UNIT):
            if not r.code:
                continue
            if r.code in seen and name_key(seen[r.code][1]) != name_key(r.name):
                first_label, first_name, first_src = seen[r.code]
                yield Hit(message=f"单位 {r.code} 在{first_label}名为「{first_name}」，在{ctx.label(kind)}名为「{r.name}」",
                          locations=[first_src, r.source], expected=first_name, actual=r.name)
            seen.setdefault(r.code, (ctx.label(kind), r.name, r.source))


@rule("X021", "unit-gpb-income-equals-spending", "各单位一般公共预算收入与支出一致", ERROR, ("cross", "units", "gpb"),
      """收入总表中每个单位的一般公共预算收入（本年加结转）应等于一般公共预算支出表（分单位）中该单位的合计。""",
      """Per unit: general-public-budget income (收入总表) = its 5-2 total.""",
      Example("表2 大数据中心一般公共预算 500.91 改为 501.91（合计与小计同改）",
              (("| 135002 | 武汉市硚口区大数据中心 | 500.91 | 500.91 | 500.91 |", "| 135002 | 武汉市硚口区大数据中心 | 501.91 | 501.91 | 501.91 |"),)),
      Example("原文"))
def unit_income_vs_spending(ctx: CheckContext) -> Iterator[Hit]:
    inc, g = ctx.table(K.INCOME), ctx.table(K.GPB_BY_UNIT)
    if inc is None or g is None:
        return
    for r in inc.rows:
        if r.kind not in (RowKind.UNIT, RowKind.DEPARTMENT) or not r.code:
            continue
        other = g.find(r.code)
        if other is None:
            continue
        expected = total([r.values.get("current.gpb"), r.values.get("carryover.gpb")], inc.unit)
        hit = ctx.mismatch(f"单位 {r.code} {r.name} 的一般公共预算收入与{ctx.label(K.GPB_BY_UNIT)}支出不一致",
                           expected, fig_amount(other.values.get("total"), g.unit),
                           [row_loc(other, "total"), row_loc(r, "current.gpb")])
        if hit:
            yield hit


@rule("X022", "project-carryover-funded", "项目支出表的结转资金有对应的上年结转收入", ERROR, ("cross", "projects", "carryover"),
      """项目支出表中使用的财政拨款结转结余，应在收入总表或财政拨款收支总表的上年结转中有相应收入。""",
      """Carry-over used in 项目支出表 must appear as carry-over income (收入总表 / 财政拨款收支总表).""",
      Example("表10 合计行国有资本经营预算结转填入 1.00",
              (("| | | | 1,160.10 | 1,160.10 | | | | | | |", "| | | | 1,161.10 | 1,160.10 | | | | | 1.00 |"),)),
      Example("原文：没有结转"))
def project_carryover(ctx: CheckContext) -> Iterator[Hit]:
    p = ctx.table(K.PROJECTS)
    if p is None or p.total_row() is None:
        return
    head = p.total_row()
    assert head is not None
    used = total((head.values.get(c) for c in ("carryover.gpb", "carryover.gov_fund", "carryover.soe")), p.unit)
    if used.interval.hi <= 0:
        return
    income = Amount.zero(p.unit)
    inc, f = ctx.table(K.INCOME), ctx.balance(K.FISCAL_SUMMARY)
    inc_head = inc.total_row() if inc is not None else None
    carry_line = f.income_line("carryover") if f is not None else None
    if inc_head is not None:
        income = fig_amount(inc_head.values.get("carryover"), p.unit)
    elif carry_line is not None:
        income = fig_amount(carry_line.amount, p.unit)
    if used.interval.lo > income.interval.hi:
        cols = [c for c in ("carryover.gpb", "carryover.gov_fund", "carryover.soe") if c in head.values]
        yield Hit(message=f"{ctx.label(K.PROJECTS)}使用财政拨款结转 {used.value}，但上年结转收入只有 {income.value}",
                  locations=[row_loc(head, c) for c in cols], expected=f"≤ {income.value}", actual=str(used.value))


@rule("X023", "project-unit-funds-funded", "项目支出表的单位资金有对应的非财政拨款收入", ERROR, ("cross", "projects", "gap"),
      """项目支出表中的单位资金不能超过收入总表中的非财政拨款收入（事业收入、其他收入等）与上年结转之和。""",
      """项目支出表 unit funds cannot exceed the non-appropriation income.""",
      Example("表10 合计行单位资金填入 1.00",
              (("| | | | 1,160.10 | 1,160.10 | | | | | | |", "| | | | 1,161.10 | 1,160.10 | | | | | | 1.00 |"),)),
      Example("原文"))
def project_unit_funds(ctx: CheckContext) -> Iterator[Hit]:
    p = ctx.table(K.PROJECTS)
    if p is None or p.total_row() is None:
        return
    head = p.total_row()
    assert head is not None
    used = fig_amount(head.values.get("unit_funds"), p.unit)
    if used.interval.hi <= 0:
        return
    available, locs = _non_appropriation(ctx)
    if used.interval.lo > available.interval.hi:
        yield Hit(message=f"{ctx.label(K.PROJECTS)}单位资金 {used.value} 超过非财政拨款收入 {available.value}",
                  locations=[row_loc(head, "unit_funds"), *locs], expected=f"≤ {available.value}", actual=str(used.value))


@rule("X024", "fund-table-equals-fiscal-table", "政府性基金、国资预算支出表与财政拨款收支总表一致", ERROR,
      ("cross", "fiscal", "funds"),
      """政府性基金预算支出表、国有资本经营预算支出表的合计应等于财政拨款收支总表中相应拨款（本年加结转）。""",
      """Government-fund and state-capital tables equal their appropriations in 财政拨款收支总表.""",
      Example("表4 （二）政府性基金预算拨款填入 1.00（表8 为空表）",
              (("| （二）政府性基金预算拨款 | | （二）国防支出 | |", "| （二）政府性基金预算拨款 | 1.00 | （二）国防支出 | |"),)),
      Example("原文：两张空表，拨款也为空"))
def fund_tables(ctx: CheckContext) -> Iterator[Hit]:
    f = ctx.balance(K.FISCAL_SUMMARY)
    if f is None:
        return
    for kind, src in ((K.GOV_FUND, "gov_fund"), (K.SOE_CAPITAL, "soe")):
        t = ctx.table(kind)
        line = f.income_line(src)
        if t is None or line is None:
            continue
        head = t.total_row()
        carry = f.income_line(f"carryover.{src}")
        expected = total([line.amount, carry.amount if carry else None], f.unit)
        actual = fig_amount(head.values.get("total") if head else None, t.unit)
        hit = ctx.mismatch(f"{ctx.label(kind)}合计与{ctx.label(K.FISCAL_SUMMARY)}「{line.label}」不一致", expected, actual,
                           [head.source if head else t.source, line.source])
        if hit:
            yield hit


@rule("X025", "project-names-consistent", "同一项目编码名称一致", WARNING, ("cross", "projects", "names"),
      """项目支出表中同一项目编码只对应一个名称；项目申报表打印了编码时，其名称应与项目支出表一致。""",
      """A project code has one name: in the project table and on its sheet.""",
      Example("汉阳项目申报表“机动经费”的名称改为“机动费用”",
              (("项目名称\t机动经费\t项目编码", "项目名称\t机动费用\t项目编码"),), base="hanyang"),
      Example("原文", base="hanyang"))
def project_names(ctx: CheckContext) -> Iterator[Hit]:
    by_code = {r.code: r for r in ctx.project_rows if r.code}
    for s in ctx.budget.projects:
        if s.code and s.code in by_code and name_key(s.name) != name_key(by_code[s.code].name):
            r = by_code[s.code]
            yield Hit(message=f"项目 {s.code} 在{ctx.label(K.PROJECTS)}名为「{r.name}」，在项目申报表名为「{s.name}」",
                      locations=[r.source, s.source], expected=r.name, actual=s.name)


def _summary_columns(ctx: CheckContext):
    t = ctx.balance(K.SUMMARY)
    if t is None or not any({"personnel", "public", "project"} & set(ln.values) for ln in t.expenditure):
        return None
    return t


@rule("X026", "summary-columns-equal-expenditure-table", "财务收支总表的基本、项目支出与支出总表一致", ERROR,
      ("cross", "summary", "expenditure"),
      """财务收支预算总表按人员经费、公用经费、项目支出列示各类支出时（上海单位预算），每类的人员经费 + 公用经费应等于
支出预算总表该类的基本支出，项目支出应等于其项目支出；合计行同样。""",
      """Where 收支总表 splits each class into personnel / public / project (Shanghai unit budgets),
personnel + public = the class's basic expenditure in the 支出总表, and project = its project expenditure.""",
      Example("商务委一般公共服务支出的人员经费少 1.00 元、项目支出多 1.00 元",
              (("| 21,601,733.00 | 10,823,891.00 | 1,467,842.00 | 9,310,000.00 |",
                "| 21,601,733.00 | 10,823,890.00 | 1,467,842.00 | 9,310,001.00 |"),), base="shangwu"),
      Example("原文", base="shangwu"))
def summary_columns_vs_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    t, exp = _summary_columns(ctx), ctx.table(K.EXPENDITURE)
    if t is None or exp is None:
        return
    for ln in t.expenditure:
        row = exp.total_row() if ln.key == "total" else (exp.find(ln.code) if ln.code else None)
        if row is None:
            continue
        basic = total((ln.values.get(c) for c in ("personnel", "public")), t.unit) if "basic" not in ln.values \
            else Amount.of(ln.values["basic"], t.unit)
        for col, mine in (("basic", basic), ("project", fig_amount(ln.values.get("project"), t.unit))):
            if col not in exp.column_keys():
                continue
            hit = ctx.mismatch(f"{ctx.label(K.SUMMARY)}「{ln.label}」的{'基本支出（人员经费 + 公用经费）' if col == 'basic' else '项目支出'}"
                               f"与{ctx.label(K.EXPENDITURE)}不一致", fig_amount(row.values.get(col), t.unit),
                               mine, [ln.source, row_loc(row, col)])
            if hit:
                yield hit


@rule("X027", "summary-personnel-public-equal-economic-table", "财务收支总表的人员经费、公用经费与经济分类表一致", ERROR,
      ("cross", "summary", "economic"),
      """财务收支预算总表合计行的人员经费、公用经费（全部资金）不能少于一般公共预算基本支出经济分类表的人员经费、公用经费；
收入全部是一般公共预算拨款时两者相等。""",
      """The 收支总表 personnel / public totals (all funds) are at least the general-public-budget economic
table's, and equal to them when all income is general public budget.""",
      Example("商务委财务收支预算总表合计行人员经费多 1.00 元、公用经费少 1.00 元",
              (("| 371,514,655.00 | 18,120,593.00 | 1,710,062.00 |", "| 371,514,655.00 | 18,120,594.00 | 1,710,061.00 |"),),
              base="shangwu"),
      Example("原文", base="shangwu"))
def summary_personnel_public_vs_economic(ctx: CheckContext) -> Iterator[Hit]:
    t, econ = _summary_columns(ctx), ctx.table(K.GPB_BASIC_ECONOMIC)
    head = t.expenditure_line("total") if t is not None else None
    er = econ.total_row() if econ is not None else None
    if t is None or head is None or econ is None or er is None:
        return
    income_total, gpb = t.income_line("total"), t.income_line("gpb")
    only_gpb = (income_total is not None and gpb is not None and income_total.amount is not None
                and gpb.amount is not None
                and compare(Amount.of(income_total.amount, t.unit), Amount.of(gpb.amount, t.unit)) is None)
    for col, what in (("personnel", "人员经费"), ("public", "公用经费")):
        if col not in head.values and col not in econ.column_keys():
            continue
        mine = fig_amount(head.values.get(col), t.unit)
        theirs = fig_amount(er.values.get(col), t.unit)
        locs = [head.source, row_loc(er, col)]
        if only_gpb:
            hit = ctx.mismatch(f"{ctx.label(K.SUMMARY)}合计行{what}与{ctx.label(K.GPB_BASIC_ECONOMIC)}不一致（收入全部为一般公共预算拨款）",
                               theirs, mine, locs)
            if hit:
                yield hit
        elif mine.interval.hi < theirs.interval.lo:
            yield Hit(message=f"{ctx.label(K.SUMMARY)}合计行{what} {mine.value} 少于{ctx.label(K.GPB_BASIC_ECONOMIC)}的 {theirs.value}",
                      locations=locs, expected=f"≥ {theirs.value}", actual=str(mine.value))


@rule("X028", "admin-cost-within-public-funds", "机关运行经费不超过一般公共预算公用经费", ERROR,
      ("cross", "admin-cost", "economic"),
      """机关运行经费是行政单位（含参公事业单位）一般公共预算基本支出中的日常公用经费（名词解释），因此不能超过一般公共预算
基本支出经济分类表的公用经费合计。上海模板在“三公”经费表中列示机关运行经费预算数。""",
      """机关运行经费 (Shanghai: a column of the 三公 table) is part of the general-public-budget public funds,
so it cannot exceed the economic table's 公用经费 total.""",
      Example("商务委“三公”表机关运行经费 171.01 改为 181.01",
              (("| 1.00 |  | 1.00 |  |  |  | 171.01 |", "| 1.00 |  | 1.00 |  |  |  | 181.01 |"),), base="shangwu"),
      Example("原文：171.01 万元 ≤ 公用经费 1,710,062.00 元", base="shangwu"))
def admin_cost_within_public(ctx: CheckContext) -> Iterator[Hit]:
    three, econ = ctx.table(K.THREE_PUBLIC), ctx.table(K.GPB_BASIC_ECONOMIC)
    if three is None or econ is None or "admin_operating" not in three.column_keys():
        return
    head, er = three.total_row(), econ.total_row()
    if head is None or er is None or head.values.get("admin_operating") is None or "public" not in econ.column_keys():
        return
    cost = fig_amount(head.values.get("admin_operating"), three.unit)
    public = fig_amount(er.values.get("public"), three.unit)
    if cost.interval.lo > public.interval.hi:
        yield Hit(message=f"{ctx.label(K.THREE_PUBLIC)}机关运行经费 {cost.value}{three.unit} 超过{ctx.label(K.GPB_BASIC_ECONOMIC)}"
                          f"公用经费合计 {public.value}{three.unit}",
                  locations=[row_loc(head, "admin_operating"), row_loc(er, "public")],
                  expected=f"≤ {public.value}", actual=str(cost.value))


@rule("X029", "income-by-function-equals-expenditure", "按功能科目列示的收入与支出预算总表一致", ERROR,
      ("cross", "income", "expenditure"),
      """收入预算总表按功能分类科目列示时（上海模板），没有结转结余的情况下，每个科目的收入合计应等于支出预算总表该科目的
合计：每一笔收入都安排在同一科目的支出上。""",
      """Where the income table is listed by function code (Shanghai) and there is no carry-over, each
code's income total equals its total in the expenditure table.""",
      Example("商务委收入预算总表删去“行政运行”一行",
              (("| 201 | 13 | 01 | 行政运行 | 9,389,913.00 | 9,389,913.00 |  |  |  |\n", ""),), base="shangwu"),
      Example("原文", base="shangwu"))
def income_by_function_vs_expenditure(ctx: CheckContext) -> Iterator[Hit]:
    inc, exp = ctx.table(K.INCOME), ctx.table(K.EXPENDITURE)
    if inc is None or exp is None or any(k.startswith("carryover") for k in inc.column_keys()):
        return
    coded = [r for r in inc.rows if r.kind in (RowKind.CLASS, RowKind.SECTION, RowKind.ITEM)]
    if not coded:
        return
    seen = {r.code for r in coded}
    for r in coded:
        other = exp.find(r.code) if r.code else None
        yield from _pair(ctx, f"{ctx.label(K.INCOME)}「{r.code} {r.name}」与{ctx.label(K.EXPENDITURE)}不一致",
                         other.values.get("total") if other else None, other.source if other else exp.source,
                         r.values.get("total"), row_loc(r, "total"), inc.unit)
    for other in exp.rows:
        if other.code and other.kind is RowKind.ITEM and other.code not in seen and other.amount("total") != 0:
            yield Hit(message=f"{ctx.label(K.EXPENDITURE)}「{other.code} {other.name}」在{ctx.label(K.INCOME)}中没有对应的科目",
                      locations=[other.source], expected=str(other.amount("total")), actual="缺失")


@rule("X030", "summary-funds-equal-fiscal-table", "收支总表各项财政拨款资金与财政拨款收支总表一致", ERROR,
      ("cross", "summary", "fiscal"),
      """收支总表列出的一般公共预算、政府性基金、国有资本经营预算资金应等于财政拨款收支总表的相应收入。""",
      """The general-public-budget, fund and state-capital lines of 收支总表 equal those of 财政拨款收支总表.""",
      Example("办公室财务收支预算总表“1、一般公共预算资金”改为 91,016,776.35",
              (("| 1、一般公共预算资金 | 91,016,775.35 |", "| 1、一般公共预算资金 | 91,016,776.35 |"),),
              base="bangongshi"),
      Example("原文", base="bangongshi"))
def summary_funds_vs_fiscal(ctx: CheckContext) -> Iterator[Hit]:
    s, f = ctx.balance(K.SUMMARY), ctx.balance(K.FISCAL_SUMMARY)
    if s is None or f is None:
        return
    for src in ("gpb", "gov_fund", "soe"):
        mine, theirs = s.income_line(src), f.income_line(src)
        if mine is None or theirs is None:
            continue
        yield from _pair(ctx, f"{ctx.label(K.SUMMARY)}「{mine.label}」与{ctx.label(K.FISCAL_SUMMARY)}不一致",
                         theirs.amount, theirs.source, mine.amount, mine.source, s.unit)
