"""C — classification codes and names: format, the catalogue edition of the budget year, and the
meaning of items (行政运行/事业运行 hold basic expenditure only; 一般行政管理事务 holds projects)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.model.budget import Row, RowKind, Table, TableKind
from yusuan.quantities import similar
from yusuan.rules.context import FUNCTION_TABLES, CheckContext, row_loc
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import name_key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind


def _coded_rows(ctx: CheckContext, kinds: tuple[TableKind, ...]) -> Iterator[tuple[Table, Row]]:
    for t in ctx.tables(kinds):
        for r in t.rows:
            if r.code and r.kind in (RowKind.CLASS, RowKind.SECTION, RowKind.ITEM, RowKind.OTHER):
                yield t, r


@rule("C001", "code-format", "科目编码符合类3位、款5位、项7位", ERROR, ("classification", "codes"),
      """支出功能分类编码为类 3 位、款 5 位、项 7 位数字；经济分类为类 3 位、款 5 位。其他长度的编码无法归类。""",
      """Function codes have 3, 5 or 7 digits (类/款/项); economic codes 3 or 5.""",
      Example("表3 事业运行的编码写成 201415", (("| 2014150 | 事业运行 | 262.94 | 262.94 | | | | |", "| 201415 | 事业运行 | 262.94 | 262.94 | | | | |"),)),
      Example("原文"))
def code_format(ctx: CheckContext) -> Iterator[Hit]:
    for t, r in _coded_rows(ctx, FUNCTION_TABLES):
        if r.kind in (RowKind.UNIT, RowKind.DEPARTMENT):
            continue  # a budget unit's row (西南大学 105236) among the function codes
        if not re.fullmatch(r"\d{3}|\d{5}|\d{7}", r.code or ""):
            yield Hit(message=f"{ctx.label(t.kind)}「{r.name}」的编码 {r.code} 不是 3、5、7 位", locations=[r.source], actual=r.code)
    for t, r in _coded_rows(ctx, (K.GPB_BASIC_ECONOMIC,)):
        # 款 may be split further (北京: 3021101 差旅费 under 30211), so 7 digits are a level too.
        if not re.fullmatch(r"\d{3}|\d{5}|\d{7}", r.code or ""):
            yield Hit(message=f"{ctx.label(t.kind)}「{r.name}」的经济分类编码 {r.code} 不是 3、5 或 7 位", locations=[r.source],
                      actual=r.code)


def _catalogue_name(ctx: CheckContext, code: str, classification: str) -> str | None:
    e = ctx.catalog.entry(code, ctx.year)
    if e is None or e.classification != classification:
        return None
    return e.name


def _name_rule(ctx: CheckContext, kinds: tuple[TableKind, ...], classification: str) -> Iterator[Hit]:
    reported: set[tuple[str, str]] = set()
    for t, r in _coded_rows(ctx, kinds):
        expected = _catalogue_name(ctx, r.code or "", classification)
        if expected is None or name_key(expected) == name_key(r.name) or (r.code, r.name) in reported:
            continue
        reported.add((r.code or "", r.name))
        names = ctx.catalog.names(r.code or "")
        if any(name_key(n) == name_key(r.name) for n in names):
            continue  # the name is attested in another edition; not wrong for certain
        yield Hit(message=f"{ctx.label(t.kind)} {r.code} 名为「{r.name}」，分类科目中为「{expected}」", locations=[r.source],
                  expected=expected, actual=r.name)


@rule("C002", "function-name-matches-catalogue", "功能分类科目名称与分类科目一致", WARNING, ("classification", "names", "catalogue"),
      """科目名称应与预算年度《政府收支分类科目》中该编码的名称一致。目录只收录了有出处的部分科目，未收录的编码不作判断。""",
      """A function code's name matches the catalogue edition of the budget year (codes the partial
catalogue lacks are not judged).""",
      Example("表3、表5-1 的 2210202 名称改为“租金补贴”", (("| 2210202 | 提租补贴 | 21.68 | 21.68 | | | | |", "| 2210202 | 租金补贴 | 21.68 | 21.68 | | | | |"),)),
      Example("原文"))
def function_names(ctx: CheckContext) -> Iterator[Hit]:
    yield from _name_rule(ctx, FUNCTION_TABLES, "function")


@rule("C003", "function-code-known", "功能分类编码见于分类科目", INFO, ("classification", "codes", "catalogue"),
      """编码不在分类科目目录中。目录是部分的（只收录有出处的科目），所以这只是提示：请用财政部门下发的分类科目核对，
可用 ``yusuan catalog import`` 导入完整目录。""",
      """A code the catalogue does not know (the catalogue is partial: import the official one to judge).""",
      Example("表3 行政运行的编码改为 2060177", (("| 2060101 | 行政运行 | 745.86 | 745.86 | | | | |", "| 2060177 | 行政运行 | 745.86 | 745.86 | | | | |"),)),
      Example("原文：所用编码均见于目录"))
def function_code_known(ctx: CheckContext) -> Iterator[Hit]:
    yield from _unknown_codes(ctx, FUNCTION_TABLES, "功能分类")


def _unknown_codes(ctx: CheckContext, kinds: tuple[TableKind, ...], what: str) -> Iterator[Hit]:
    """One finding listing every code the catalogue does not know (the catalogue is partial, so a
    finding per code would bury the report), pointing at each code's first row."""
    unknown: dict[str, Row] = {}
    for _t, r in _coded_rows(ctx, kinds):
        if r.code and r.code not in unknown and not ctx.catalog.knows(r.code):
            unknown[r.code] = r
    if not unknown:
        return
    listed = "、".join(f"{code} {r.name}" for code, r in unknown.items())
    yield Hit(message=f"{len(unknown)} 个{what}编码不在分类科目目录中（目录不完整，请核对）：{listed}",
              locations=[r.source for r in unknown.values()], actual=", ".join(unknown))


@rule("C004", "economic-name-matches-catalogue", "经济分类科目名称与分类科目一致", WARNING, ("classification", "names", "catalogue"),
      """经济分类科目名称应与分类科目中该编码的名称一致。""",
      """An economic code's name matches the catalogue.""",
      Example("表6 30201 名称写成“办公用品费”", (("| 30201 | 办公费 | 1.20 | | 1.20 |", "| 30201 | 办公用品费 | 1.20 | | 1.20 |"),)),
      Example("原文"))
def economic_names(ctx: CheckContext) -> Iterator[Hit]:
    yield from _name_rule(ctx, (K.GPB_BASIC_ECONOMIC,), "economic")


@rule("C005", "economic-code-known", "经济分类编码见于分类科目", INFO, ("classification", "codes", "catalogue"),
      """经济分类编码不在目录中（目录不完整，仅作提示）。""",
      """An economic code the catalogue does not know; information only.""",
      Example("表6 30201 改为 30298", (("| 30201 | 办公费 | 1.20 | | 1.20 |", "| 30298 | 办公费 | 1.20 | | 1.20 |"),)),
      Example("原文"))
def economic_code_known(ctx: CheckContext) -> Iterator[Hit]:
    yield from _unknown_codes(ctx, (K.GPB_BASIC_ECONOMIC,), "经济分类")


def _is_operation(row: Row) -> bool:
    return row.kind is RowKind.ITEM and name_key(row.name) in ("行政运行", "事业运行")


@rule("C006", "operation-items-basic-only", "行政运行、事业运行科目只列基本支出", WARNING, ("classification", "plausibility"),
      """“行政运行”“事业运行”项反映行政、事业单位的基本支出（分类科目说明），不应安排项目支出。汉阳区 2010101 行政运行
16.20 万元、2060101 行政运行中 20.20 万元为项目支出。""",
      """行政运行 / 事业运行 items hold basic expenditure only (catalogue description).""",
      Example("汉阳原文：2060101 行政运行含项目支出 20.20", (), base="hanyang-original"),
      Example("原文（硚口）：行政运行、事业运行只有基本支出"))
def operation_basic_only(ctx: CheckContext) -> Iterator[Hit]:
    reported: set[str] = set()
    for t in ctx.tables((K.EXPENDITURE, K.GPB_BY_FUNCTION)):
        for r in t.rows:
            if _is_operation(r) and r.amount("project") != 0 and r.code not in reported:
                reported.add(r.code or "")
                yield Hit(message=f"{ctx.label(t.kind)} {r.code} {r.name} 安排了项目支出 {r.amount('project')}{t.unit}；"
                                  f"该科目反映基本支出", locations=[row_loc(r, "project")], actual=str(r.amount("project")))


@rule("C007", "general-affairs-project-only", "一般行政管理事务科目不列基本支出", WARNING, ("classification", "plausibility"),
      """“一般行政管理事务”项反映未单独设置项级科目的其他项目支出（分类科目说明），不应安排基本支出。""",
      """一般行政管理事务 items hold project expenditure (catalogue description), not basic expenditure.""",
      Example("表3 一般行政管理事务 49.60 改列基本支出", (("| 2060102 | 一般行政管理事务 | 49.60 | | 49.60 | | | |", "| 2060102 | 一般行政管理事务 | 49.60 | 49.60 | | | | |"),)),
      Example("原文"))
def general_affairs(ctx: CheckContext) -> Iterator[Hit]:
    reported: set[str] = set()
    for t in ctx.tables((K.EXPENDITURE, K.GPB_BY_FUNCTION)):
        for r in t.rows:
            if r.kind is RowKind.ITEM and name_key(r.name) == "一般行政管理事务" and r.amount("basic") != 0 \
                    and r.code not in reported:
                reported.add(r.code or "")
                yield Hit(message=f"{ctx.label(t.kind)} {r.code} 一般行政管理事务安排了基本支出 {r.amount('basic')}{t.unit}",
                          locations=[row_loc(r, "basic")], actual=str(r.amount("basic")))


@rule("C008", "glossary-names-match-codes", "名词解释中的科目名称与表格一致", WARNING, ("classification", "glossary", "names"),
      """名词解释按“类/款/项”说明科目时，各级名称应与表格中该编码的名称一致。汉阳区写“一般公共服务（类）”“其他科学技术
管理事务（项）”“机构事业单位基本养老保险缴费支出（项）”“其他社会保障和就业支出（类）”，均与表格名称不符。""",
      """Glossary 类/款/项 names match the table names of the code.""",
      Example("名词解释“提租补贴(项)”写成“租房补贴(项)”", (("住房改革支出(款)提租补贴(项)", "住房改革支出(款)租房补贴(项)"),)),
      Example("原文（已更正）"))
def glossary_names(ctx: CheckContext) -> Iterator[Hit]:
    for e in ctx.budget.glossary.entries:
        if not e.code or len(e.path) != 3:
            continue
        problems = []
        for stated, code in zip(e.path, (e.code[:3], e.code[:5], e.code), strict=True):
            name = ctx.code_name(code)
            if name and name_key(stated) != name_key(name):
                problems.append(f"「{stated}」应为「{name}」")
        if problems:
            yield Hit(message=f"名词解释中 {e.code} 的名称有误：" + "；".join(problems), locations=[e.source],
                      expected=ctx.code_name(e.code), actual=e.path[-1])


@rule("C009", "glossary-definition-matches-catalogue", "科目解释与分类科目说明一致", INFO, ("classification", "glossary", "catalogue"),
      """名词解释对科目的说明宜与分类科目的说明一致（目录有说明的科目才比较）。""",
      """The glossary explanation of an item resembles the catalogue's description (where it has one).""",
      Example("名词解释“提租补贴(项)”的说明改成无关的文字", (("反映按房改政策规定的标准，行政事业单位向职工(含离退休人员)发放的租金补贴。", "用于单位日常办公支出。"),)),
      Example("原文"))
def glossary_definitions(ctx: CheckContext) -> Iterator[Hit]:
    for e in ctx.budget.glossary.entries:
        if not e.code:
            continue
        entry = ctx.catalog.entry(e.code, ctx.year)
        if entry is None or not entry.description:
            continue
        if similar(name_key(entry.description), name_key(e.definition)) < 0.5:
            yield Hit(message=f"名词解释对 {e.code} 的说明与分类科目说明差别较大", locations=[e.source],
                      expected=entry.description, actual=e.definition)


@rule("C010", "summary-class-lines-known", "收支总表的支出类名称可识别", WARNING, ("classification", "names", "summary"),
      """收支总表、财政拨款收支总表中有金额的支出行应是支出功能分类的“类”名称，与支出表中的类名一致。""",
      """Expenditure lines with money in the two-sided tables name function classes used in the tables.""",
      Example("表1 “科学技术支出”写成“科技支出”", (("| 五、事业收入 | | 五、科学技术支出 | 795.46 |", "| 五、事业收入 | | 五、科技支出 | 795.46 |"),)),
      Example("原文"))
def summary_class_lines(ctx: CheckContext) -> Iterator[Hit]:
    for kind in (K.SUMMARY, K.FISCAL_SUMMARY):
        b = ctx.balance(kind)
        if b is None:
            continue
        for ln in b.expenditure:
            if ln.key.startswith("fn_name:") and ln.amount is not None and ln.amount.value != 0:
                yield Hit(message=f"{ctx.label(kind)}「{ln.label}」不是表中使用的功能分类类名", locations=[ln.source],
                          actual=ln.label)


@rule("C011", "detail-economic-class-known", "测算明细的经济分类名称规范", WARNING, ("classification", "projects", "names"),
      """项目申报表支出明细中的“支出经济分类”应使用经济分类科目的规范名称（如“其他商品和服务支出”）。
汉阳区汉阳科技创新研究院写作“其他商品服务支出”。""",
      """Economic classes named on project detail lines are catalogue names.""",
      Example("汉阳原文：“其他商品服务支出”", (), base="hanyang-original"),
      Example("更正为“其他商品和服务支出”", base="hanyang"))
def detail_economic_class(ctx: CheckContext) -> Iterator[Hit]:
    known = {name_key(e.name) for es in ctx.catalog.entries.values() for e in es if e.classification == "economic"}
    econ = ctx.table(K.GPB_BASIC_ECONOMIC)
    if econ is not None:
        known |= {name_key(r.name) for r in econ.rows if r.code}
    for s in ctx.budget.projects:
        for d in s.details:
            if d.economic_class and name_key(d.economic_class) not in known:
                yield Hit(message=f"项目「{s.name}」测算明细的经济分类「{d.economic_class}」不是规范的经济分类名称",
                          locations=[d.source], actual=d.economic_class)
