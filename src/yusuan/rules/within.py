"""T — identities within one table: row totals, 类/款/项 roll-ups, departments and units, codes and
number formats (domain.md §4 "Within tables"). The two-sided tables are in :mod:`.within_balance`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from yusuan.model.budget import Row, RowKind, Table, TableKind
from yusuan.model.figures import SourceRef
from yusuan.rules.arith import fig_amount, total
from yusuan.rules.context import CheckContext, row_loc
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.templates.vocabulary import top_level_sources

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind


def _row_label(row: Row) -> str:
    return f"{row.code} {row.name}".strip() if row.code else (row.name or "合计行")


def _cells(row: Row, columns: list[str]) -> list[SourceRef]:
    return [row_loc(row, c) for c in columns]


def _column(column: str, rows: list[Row]) -> list[SourceRef]:
    return [row_loc(r, column) for r in rows]


def _compose(ctx: CheckContext, table: Table, target: str, parts: list[str], what: str) -> Iterator[Hit]:
    """Each row: ``target`` = Σ ``parts`` (only when the table has the target column).

    A part the table prints only as its own parts counts as them: 基本支出 printed as 人员支出 |
    日常公用支出 without its 小计 (Zhejiang) is personnel + public."""
    keys = set(table.column_keys())
    if "basic" in parts and "basic" not in keys and {"personnel", "public"} <= keys and target != "basic":
        parts = [p for p in parts if p != "basic"] + ["personnel", "public"]
    if target not in keys or not any(p in keys for p in parts):
        return
    label = ctx.label(table.kind)
    for row in table.rows:
        if target not in row.values and not any(p in row.values for p in parts):
            continue
        expected = total((row.values.get(p) for p in parts), table.unit)
        actual = fig_amount(row.values.get(target), table.unit)
        hit = ctx.mismatch(f"{label}「{_row_label(row)}」{what}", expected, actual,
                           partial(_cells, row, [target, *(p for p in parts if p in row.values)]))
        if hit:
            yield hit


def _children(table: Table, parent: Row, child_len: int, parent_len: int) -> list[Row]:
    assert parent.code is not None
    return [r for r in table.rows if r.code and len(r.code) == child_len and r.code[:parent_len] == parent.code]


def _rollup(ctx: CheckContext, table: Table, parent_len: int, child_len: int, what: str) -> Iterator[Hit]:
    label = ctx.label(table.kind)
    for parent in table.rows:
        if not parent.code or len(parent.code) != parent_len:
            continue
        kids = _children(table, parent, child_len, parent_len)
        if not kids:
            continue
        for col in table.column_keys():
            if col.startswith("rate:"):
                continue  # percentages do not add up
            expected = total((k.values.get(col) for k in kids), table.unit)
            actual = fig_amount(parent.values.get(col), table.unit)
            hit = ctx.mismatch(f"{label}「{_row_label(parent)}」{col} 列{what}", expected, actual,
                               partial(_column, col, [parent, *kids]))
            if hit:
                yield hit


def _total_vs(ctx: CheckContext, table: Table, rows: list[Row], what: str) -> Iterator[Hit]:
    head = table.total_row()
    if head is None or not rows:
        return
    label = ctx.label(table.kind)
    for col in table.column_keys():
        if col.startswith("rate:"):
            continue
        expected = total((r.values.get(col) for r in rows), table.unit)
        actual = fig_amount(head.values.get(col), table.unit)
        hit = ctx.mismatch(f"{label} 合计行 {col} 列{what}", expected, actual,
                           partial(_column, col, [head, *rows]))
        if hit:
            yield hit


_FUNCTION = (K.EXPENDITURE, K.GPB_BY_FUNCTION, K.GOV_FUND, K.SOE_CAPITAL)


def _function_tables(ctx: CheckContext) -> list[Table]:
    """The function-classified tables, with the 收入总表 when it is listed by function code (Shanghai)."""
    tables = list(ctx.tables(_FUNCTION))
    income = ctx.table(K.INCOME)
    if income is not None and any(r.kind in (RowKind.CLASS, RowKind.SECTION, RowKind.ITEM) for r in income.rows):
        tables.append(income)
    return tables
_ALL_SPENDING = ["basic", "project", "operating_expense", "remit_superior", "subsidy_subsidiary", "reserve"]


@rule("T001", "expenditure-row-total", "支出表每行合计等于各支出栏之和", ERROR, ("table", "sum", "expenditure"),
      """支出总表、政府性基金、国有资本经营预算支出表中，每一行的“合计”应等于基本支出、项目支出及其他支出栏之和。""",
      """In the expenditure tables each row's total equals basic + project (+ other spending columns).""",
      Example("表3 行政运行的合计改为 746.86，而基本支出仍为 745.86",
              (("| 2060101 | 行政运行 | 745.86 | 745.86 | | | | |", "| 2060101 | 行政运行 | 746.86 | 745.86 | | | | |"),)),
      Example("原文：每行合计都等于各栏之和"), needs=("header",))
def expenditure_row_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.EXPENDITURE, K.GOV_FUND, K.SOE_CAPITAL)):
        yield from _compose(ctx, t, "total", _ALL_SPENDING, "合计不等于各支出栏之和")


@rule("T002", "basic-equals-personnel-plus-public", "基本支出等于人员经费加公用经费", ERROR, ("table", "sum", "basic"),
      """一般公共预算支出表（分功能科目、分单位）中，基本支出小计应等于人员经费与公用经费之和。""",
      """In the general-public-budget tables, basic expenditure equals personnel plus public funds.""",
      Example("表5-1 合计行的人员经费 1,569.26 改为 1,570.26",
              (("| | 合计 | 2,840.98 | 1,680.88 | 1,569.26 | 111.62 | 1,160.10 |",
                "| | 合计 | 2,840.98 | 1,680.88 | 1,570.26 | 111.62 | 1,160.10 |"),)),
      Example("原文：表5-2 本级 1,220.89 + 348.38 的尾差在四舍五入范围内，不报"), needs=("header",))
def basic_split(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.GPB_BY_FUNCTION, K.GPB_BY_UNIT, K.EXPENDITURE)):
        yield from _compose(ctx, t, "basic", ["personnel", "public"], "基本支出不等于人员经费加公用经费")


@rule("T003", "gpb-row-total", "一般公共预算支出表每行合计等于基本支出加项目支出", ERROR, ("table", "sum", "gpb"),
      """一般公共预算支出表（分功能科目、分单位）每行合计应等于基本支出与项目支出之和。""",
      """Each row of the general-public-budget tables: total = basic + project.""",
      Example("表5-2 大数据中心项目支出 131.44 改为 132.44",
              (("| 135002 | 武汉市硚口区大数据中心 | 500.91 | 369.47 | 348.38 | 21.10 | 131.44 |",
                "| 135002 | 武汉市硚口区大数据中心 | 500.91 | 369.47 | 348.38 | 21.10 | 132.44 |"),)),
      Example("原文"), needs=("header",))
def gpb_row_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.GPB_BY_FUNCTION, K.GPB_BY_UNIT)):
        yield from _compose(ctx, t, "total", ["basic", "project"], "合计不等于基本支出加项目支出")


@rule("T004", "economic-row-total", "基本支出经济分类表每行合计等于人员经费加公用经费", ERROR, ("table", "sum", "economic"),
      """一般公共预算基本支出表（部门预算支出经济分类）每行合计应等于人员经费与公用经费之和。""",
      """Each row of the basic-expenditure economic table: total = personnel + public.""",
      Example("表6 其他商品和服务支出的公用经费 72.92 改为 73.29",
              (("| 30299 | 其他商品和服务支出 | 77.33 | 4.41 | 72.92 |", "| 30299 | 其他商品和服务支出 | 77.33 | 4.41 | 73.29 |"),)),
      Example("原文"), needs=("header",))
def economic_row_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.GPB_BASIC_ECONOMIC,)):
        yield from _compose(ctx, t, "total", ["personnel", "public"], "合计不等于人员经费加公用经费")


def _income_parts(table: Table, group: str) -> list[str]:
    return [k for k in table.column_keys() if k.startswith(group + ".")]


@rule("T005", "income-current-equals-sources", "收入总表本年收入小计等于各来源之和", ERROR, ("table", "sum", "income"),
      """收入总表每行“本年收入”小计应等于一般公共预算、政府性基金、国有资本经营、财政专户、事业收入、经营收入、
上级补助、附属单位上缴、其他收入等各栏之和。""",
      """In the income table, each row's current-year subtotal equals the sum of its sources.""",
      Example("表2 合计行一般公共预算 2,840.98 改为 2,841.35",
              (("| | 合计 | 2,840.98 | 2,840.98 | 2,840.98 | | | | | | | | | | | | | | | |",
                "| | 合计 | 2,840.98 | 2,840.98 | 2,841.35 | | | | | | | | | | | | | | | |"),)),
      Example("原文"), needs=("header",))
def income_current(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.INCOME,)):
        yield from _compose(ctx, t, "current", _income_parts(t, "current"), "本年收入小计不等于各来源之和")


@rule("T006", "income-carryover-equals-parts", "收入总表上年结转小计等于各项之和", ERROR, ("table", "sum", "income", "carryover"),
      """收入总表每行“上年结转结余”小计应等于其下各栏之和。""",
      """In the income table, each row's carry-over subtotal equals the sum of its parts.""",
      Example("表2 本级行的上年结转小计填入 1.00 而各分项为空",
              (("| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2,340.07 | 2,340.07 | 2,340.07 | | | | | | | | | | | | | | | |",
                "| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2,340.07 | 2,340.07 | 2,340.07 | | | | | | | | | 1.00 | | | | | | |"),)),
      Example("原文：无上年结转"), needs=("header",))
def income_carryover(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.INCOME,)):
        yield from _compose(ctx, t, "carryover", _income_parts(t, "carryover"), "上年结转小计不等于各项之和")


@rule("T007", "income-total-equals-current-plus-carryover", "收入总表合计等于本年收入加上年结转", ERROR,
      ("table", "sum", "income"),
      """收入总表每行合计应等于本年收入小计加上年结转结余小计。""",
      """In the income table, each row's total = current-year income + carry-over.""",
      Example("表2 大数据中心合计 500.91 改为 501.91",
              (("| 135002 | 武汉市硚口区大数据中心 | 500.91 | 500.91 | 500.91 |", "| 135002 | 武汉市硚口区大数据中心 | 501.91 | 500.91 | 500.91 |"),)),
      Example("原文"), needs=("header",))
def income_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.INCOME,)):
        if "current" in t.column_keys():  # (without a 本年收入 column, T036 adds up the sources)
            yield from _compose(ctx, t, "total", ["current", "carryover", "nonfiscal_balance"],
                                "合计不等于本年收入加上年结转")




@rule("T008", "project-row-total", "项目支出表每行合计等于各资金来源之和", ERROR, ("table", "sum", "projects"),
      """项目支出表每行合计应等于本年拨款、财政拨款结转结余及单位资金各栏之和。""",
      """In the project table, each row's total equals the sum of its funding columns.""",
      Example("表10 科技成果转化及产业培育的一般公共预算 5.00 改为 5.37",
              (("| 42010426135T000000100 | 科技成果转化及产业培育 | 武汉市硚口区经济信息化和科技创新局本级 | 5.00 | 5.00 |",
                "| 42010426135T000000100 | 科技成果转化及产业培育 | 武汉市硚口区经济信息化和科技创新局本级 | 5.00 | 5.37 |"),)),
      Example("原文"), needs=("header",))
def project_row_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.PROJECTS,)):
        yield from _compose(ctx, t, "total", top_level_sources(set(t.column_keys())), "合计不等于各资金来源之和")


@rule("T009", "three-public-total", "“三公”经费合计等于三项之和", ERROR, ("table", "sum", "three-public"),
      """“三公”经费合计应等于因公出国（境）费、公务用车购置及运行费、公务接待费之和。""",
      """The 三公 total equals travel abroad + official vehicles + official reception.""",
      Example("表7 “三公”经费合计 0.20 改为 1.20",
              (("| 0.20 | | | | | 0.20 |", "| 1.20 | | | | | 0.20 |"),)),
      Example("原文：0.20 = 0 + 0 + 0.20"), needs=("header",))
def three_public_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.THREE_PUBLIC,)):
        three = ["abroad", "vehicle", "reception"]
        extra = [k for k in ("meeting", "training") if k in t.column_keys()]
        if not extra:
            yield from _compose(ctx, t, "total", three, "“三公”经费合计不等于三项之和")
            continue
        # A table of 三公 with 会议费 and 培训费 (Jiangsu) may total the three or all five.
        five = list(_compose(ctx, t, "total", [*three, *extra], "合计不等于“三公”经费与会议费、培训费之和"))
        if five and list(_compose(ctx, t, "total", three, "")):
            yield from five


@rule("T010", "three-public-vehicle", "公务用车购置及运行费等于购置费加运行费", ERROR, ("table", "sum", "three-public"),
      """公务用车购置及运行费小计应等于公务用车购置费与运行费之和。""",
      """Official vehicles subtotal = purchase + operation.""",
      Example("表7 公务用车运行费填入 1.00 而小计为空",
              (("| 0.20 | | | | | 0.20 |", "| 0.20 | | | | 1.00 | 0.20 |"),)),
      Example("原文"), needs=("header",))
def three_public_vehicle(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.THREE_PUBLIC,)):
        yield from _compose(ctx, t, "vehicle", ["vehicle_purchase", "vehicle_operation"],
                            "公务用车购置及运行费不等于购置费加运行费")


@rule("T011", "class-equals-sections", "类级金额等于所属款级之和", ERROR, ("table", "sum", "hierarchy"),
      """功能分类表中每个“类”的各栏金额应等于其下各“款”之和。""",
      """In function tables each class (类) equals the sum of its sections (款), column by column.""",
      Example("表3 社会保障和就业支出（类）226.74 改为 227.74",
              (("| 208 | 社会保障和就业支出 | 226.74 | 226.74 | | | | |", "| 208 | 社会保障和就业支出 | 227.74 | 226.74 | | | | |"),)),
      Example("原文：汉阳 208 类 38.45 与各款 34.48+3.50+0.46=38.44 的差在尾差范围内", base="hanyang"), needs=("rows",))
def class_equals_sections(ctx: CheckContext) -> Iterator[Hit]:
    for t in _function_tables(ctx):
        yield from _rollup(ctx, t, 3, 5, "不等于所属各款之和")


@rule("T012", "section-equals-items", "款级金额等于所属项级之和", ERROR, ("table", "sum", "hierarchy"),
      """功能分类表中每个“款”的各栏金额应等于其下各“项”之和。""",
      """In function tables each section (款) equals the sum of its items (项).""",
      Example("表5-1 行政事业单位医疗（款）311.72 改为 312.09",
              (("| 21011 | 行政事业单位医疗 | 311.72 | 311.72 | 311.72 | | |", "| 21011 | 行政事业单位医疗 | 312.09 | 311.72 | 311.72 | | |"),)),
      Example("原文"), needs=("rows",))
def section_equals_items(ctx: CheckContext) -> Iterator[Hit]:
    for t in _function_tables(ctx):
        yield from _rollup(ctx, t, 5, 7, "不等于所属各项之和")


@rule("T013", "total-equals-classes", "合计等于各类之和", ERROR, ("table", "sum", "hierarchy"),
      """功能分类表合计行的各栏应等于各“类”之和。""",
      """In function tables the total row equals the sum of the classes (类).""",
      Example("表3 合计行项目支出 1,160.10 改为 1,161.10",
              (("| | 合计 | 2,840.98 | 1,680.88 | 1,160.10 | | | |", "| | 合计 | 2,840.98 | 1,680.88 | 1,161.10 | | | |"),)),
      Example("原文"), needs=("rows",))
def total_equals_classes(ctx: CheckContext) -> Iterator[Hit]:
    for t in _function_tables(ctx):
        yield from _total_vs(ctx, t, [r for r in t.rows if r.code and len(r.code) == 3], "不等于各类之和")


@rule("T014", "economic-class-equals-items", "经济分类类级等于所属款级之和", ERROR, ("table", "sum", "economic"),
      """一般公共预算基本支出表中每个经济分类“类”应等于其下各“款”之和。""",
      """In the economic table each class (e.g. 301) equals the sum of its items (30101 …).""",
      Example("表6 基本工资 246.63 改为 247.63（合计栏与人员经费栏同改）",
              (("| 30101 | 基本工资 | 246.63 | 246.63 | |", "| 30101 | 基本工资 | 247.63 | 247.63 | |"),)),
      Example("原文：汉阳 301 类 413.39 与九个款之和 413.38 的差在尾差范围内", base="hanyang"), needs=("rows",))
def economic_class_equals_items(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.GPB_BASIC_ECONOMIC,)):
        yield from _rollup(ctx, t, 3, 5, "不等于所属各款之和")


@rule("T015", "economic-total-equals-classes", "经济分类合计等于各类之和", ERROR, ("table", "sum", "economic"),
      """一般公共预算基本支出表合计行应等于各经济分类“类”之和。""",
      """In the economic table the total row equals the sum of the classes.""",
      Example("表6 合计行合计 1,680.88 改为 1,681.25",
              (("| | 合计 | 1,680.88 | 1,569.26 | 111.62 |", "| | 合计 | 1,681.25 | 1,569.26 | 111.62 |"),)),
      Example("原文"), needs=("rows",))
def economic_total(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.GPB_BASIC_ECONOMIC,)):
        yield from _total_vs(ctx, t, [r for r in t.rows if r.code and len(r.code) == 3], "不等于各类之和")


def _blocks(table: Table, parent_kind: RowKind, child_kind: RowKind) -> Iterator[tuple[Row, list[Row]]]:
    """Rows of ``child_kind`` following each ``parent_kind`` row, up to the next row at its level or above."""
    order = [RowKind.TOTAL, RowKind.GROUP, RowKind.DEPARTMENT, RowKind.UNIT, RowKind.PROJECT]
    rank = {k: i for i, k in enumerate(order)}
    rows = table.rows
    for i, r in enumerate(rows):
        if r.kind is not parent_kind:
            continue
        kids = []
        for r2 in rows[i + 1:]:
            if r2.kind in rank and rank.get(r2.kind, 9) <= rank[parent_kind] and r2.kind is not RowKind.GROUP:
                break
            if r2.kind is parent_kind:
                break
            if r2.kind is child_kind:
                kids.append(r2)
        yield r, kids


def _parent_sum(ctx: CheckContext, table: Table, parent: Row, kids: list[Row], what: str) -> Iterator[Hit]:
    if not kids:
        return
    label = ctx.label(table.kind)
    for col in table.column_keys():
        expected = total((k.values.get(col) for k in kids), table.unit)
        actual = fig_amount(parent.values.get(col), table.unit)
        hit = ctx.mismatch(f"{label}「{_row_label(parent)}」{col} 列{what}", expected, actual,
                           partial(_column, col, [parent, *kids]))
        if hit:
            yield hit


@rule("T016", "department-equals-units", "部门行等于所属单位之和", ERROR, ("table", "sum", "units"),
      """收入总表、一般公共预算支出表（分单位）、项目支出表中，部门行应等于其所属各预算单位行之和。""",
      """In per-unit tables, the department row equals the sum of its budget units.""",
      Example("表5-2 本级公用经费 90.52 改为 91.52",
              (("| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2340.07 | 1,311.41 | 1,220.89 | 90.52 | 1,028.66 |",
                "| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2340.07 | 1,311.41 | 1,220.89 | 91.52 | 1,028.66 |"),)),
      Example("原文：人员经费 1,220.89 + 348.38 = 1,569.27 与 1,569.26 的差在尾差范围内"), needs=("rows",))
def department_equals_units(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.INCOME, K.GPB_BY_UNIT, K.PROJECTS)):
        for dept, units in _blocks(t, RowKind.DEPARTMENT, RowKind.UNIT):
            yield from _parent_sum(ctx, t, dept, units, "不等于所属各单位之和")


@rule("T017", "total-equals-departments", "合计行等于各部门行之和", ERROR, ("table", "sum", "units"),
      """按单位列示的表中，合计行应等于各部门行之和（只有一个部门时二者相等）。""",
      """In per-unit tables, the total row equals the sum of the department rows.""",
      Example("表2 部门行合计 2,840.98 改为 2,841.98",
              (("| 135 | 武汉市硚口区经济信息化和科技创新局 | 2,840.98 |", "| 135 | 武汉市硚口区经济信息化和科技创新局 | 2,841.98 |"),)),
      Example("原文"), needs=("rows",))
def total_equals_departments(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.INCOME, K.GPB_BY_UNIT, K.PROJECTS)):
        depts = t.rows_of(RowKind.DEPARTMENT)
        if depts:
            yield from _total_vs(ctx, t, depts, "不等于各部门之和")


@rule("T018", "unit-equals-projects", "单位行等于所属项目之和", ERROR, ("table", "sum", "projects"),
      """项目支出表中每个单位行应等于其下各项目之和。""",
      """In the project table each unit row equals the sum of its projects.""",
      Example("表10 大数据中心城市视频经费（清欠）110.50 改为 111.50（合计与一般公共预算同改）",
              (("| 42010426135T000000116 | 城市视频经费（清欠） | 武汉市硚口区大数据中心 | 110.50 | 110.50 |",
                "| 42010426135T000000116 | 城市视频经费（清欠） | 武汉市硚口区大数据中心 | 111.50 | 111.50 |"),)),
      Example("原文"), needs=("rows",))
def unit_equals_projects(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.PROJECTS,)):
        for unit, projects in _blocks(t, RowKind.UNIT, RowKind.PROJECT):
            yield from _parent_sum(ctx, t, unit, projects, "不等于所属各项目之和")


@rule("T019", "group-equals-projects", "项目分组行等于其下项目之和", ERROR, ("table", "sum", "projects"),
      """项目支出表中“本级支出项目”等分组行应等于其下各项目之和。""",
      """In the project table a group row (本级支出项目 …) equals the sum of the projects under it.""",
      Example("表10 大数据中心下的“本级支出项目”行 131.44 改为 131.81",
              (("| 31 | 本级支出项目 | | 131.44 | 131.44 |", "| 31 | 本级支出项目 | | 131.81 | 131.44 |"),)),
      Example("原文"), needs=("rows",))
def group_equals_projects(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables((K.PROJECTS,)):
        rows = t.rows
        for i, r in enumerate(rows):
            if r.kind is not RowKind.GROUP:
                continue
            kids = []
            for r2 in rows[i + 1:]:
                if r2.kind is not RowKind.PROJECT:
                    break
                kids.append(r2)
            yield from _parent_sum(ctx, t, r, kids, "不等于其下各项目之和")


@rule("T032", "code-parent-present", "科目的上级科目在表中列出", ERROR, ("table", "hierarchy", "codes"),
      """功能分类表中列出的“项”应有其所属“款”、“款”应有其所属“类”（按编码前缀）。缺少上级行说明编码或表格有误。
只列“项”、不列类款小计的表（如北京的预算表）不适用。""",
      """A listed item's section (first 5 digits) and a section's class (first 3) must be listed too.""",
      Example("表3 行政运行的编码 2060101 改为 2070101（没有 20701 款）",
              (("| 2060101 | 行政运行 | 745.86 | 745.86 | | | | |", "| 2070101 | 行政运行 | 745.86 | 745.86 | | | | |"),)),
      Example("原文"), needs=("rows",))
def code_parent_present(ctx: CheckContext) -> Iterator[Hit]:
    for t in [*_function_tables(ctx), *ctx.tables((K.GPB_BASIC_ECONOMIC,))]:
        codes = {r.code for r in t.rows if r.code}
        if not any(len(c) in (3, 5) for c in codes):
            continue  # a table of items only (Beijing prints no 类 / 款 rows): nothing is missing
        for r in t.rows:
            if not r.code or len(r.code) not in (5, 7):
                continue
            parent = r.code[:5] if len(r.code) == 7 else r.code[:3]
            if parent not in codes:
                yield Hit(message=f"{ctx.label(t.kind)}「{_row_label(r)}」的上级科目 {parent} 未在表中列出",
                          locations=[r.source], expected=parent, actual="缺失")


@rule("T033", "duplicate-code", "同一表内科目编码不重复", ERROR, ("table", "codes"),
      """同一张表中同一个科目（或单位、项目）编码只应出现一次。""",
      """A code appears at most once in a table.""",
      Example("表3 事业运行的编码改为 2014102（与一般行政管理事务重复）",
              (("| 2014150 | 事业运行 | 262.94 | 262.94 | | | | |", "| 2014102 | 事业运行 | 262.94 | 262.94 | | | | |"),)),
      Example("原文：表10 两个单位下的分组行都是“31 本级支出项目”，分组编码可以重复"), needs=("rows",))
def duplicate_code(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        seen: dict[str, Row] = {}
        for r in t.rows:
            if not r.code or r.kind is RowKind.GROUP:
                continue
            if r.code in seen:
                yield Hit(message=f"{ctx.label(t.kind)} 编码 {r.code} 出现两次（「{seen[r.code].name}」和「{r.name}」）",
                          locations=[seen[r.code].source, r.source], actual=r.code)
            else:
                seen[r.code] = r


@rule("T034", "negative-amount", "金额不为负数", WARNING, ("table", "amount"),
      """预算表中的金额通常不应为负数；负数多为录入错误。""",
      """Budget table amounts are not negative; a negative figure is usually an entry error.""",
      Example("表3 提租补贴 21.68 改为 -21.68",
              (("| 2210202 | 提租补贴 | 21.68 | 21.68 | | | | |", "| 2210202 | 提租补贴 | -21.68 | 21.68 | | | | |"),)),
      Example("原文"), needs=("header",))
def negative_amount(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        for r in t.rows:
            for col, f in r.values.items():
                if f.value < 0:
                    yield Hit(message=f"{ctx.label(t.kind)}「{_row_label(r)}」{col} 为负数 {f.value}",
                              locations=[row_loc(r, col)], actual=str(f.value))
    for kind in (K.SUMMARY, K.FISCAL_SUMMARY):
        b = ctx.balance(kind)
        if b is None:
            continue
        for ln in b.income + b.expenditure:
            for f in ln.values.values():
                if f.value < 0:
                    yield Hit(message=f"{ctx.label(kind)}「{ln.label}」为负数 {f.value}", locations=[ln.source],
                              actual=str(f.value))


@rule("T035", "non-numeric-cell", "金额栏中的内容可以读作数字", WARNING, ("table", "reading"),
      """金额栏中出现了不能读作数字的文字（如“2,84O.98”），该数字无法核对。""",
      """A cell in an amount column holds text that is not a number, so it cannot be checked.""",
      Example("表3 合计栏写成 1,373.4四", (("| 201 | 一般公共服务支出 | 1,373.44 | 262.94 | 1,110.50 | | | |", "| 201 | 一般公共服务支出 | 1,373.4四 | 262.94 | 1,110.50 | | | |"),)),
      Example("原文"))
def non_numeric_cell(ctx: CheckContext) -> Iterator[Hit]:
    for p in ctx.budget.problems:
        if p.code in ("table.non_numeric", "sheet.non_numeric", "table.extra_cell"):
            yield Hit(message=p.message, locations=[p.source] if p.source else [])


@rule("T036", "income-by-function-row-total", "收入预算表每行合计等于各收入栏之和", ERROR, ("table", "sum", "income"),
      """收入总表没有“本年收入”小计栏时（上海按功能分类列示；西南大学、深圳等按来源并列），每行合计应等于并列的各收入栏
（财政拨款收入、事业收入、其他收入、上年结转、使用非财政拨款结余……）之和。有“本年收入”栏的表由 T007 核对。""",
      """Income tables without a current-year subtotal column: each row total = the sources listed side by side
(fiscal, business, other income, carry-over …). Tables with a 本年收入 column are T007's.""",
      Example("商务委收入预算总表 行政运行合计 9,389,913.00 改为 9,389,914.00",
              (("| 201 | 13 | 01 | 行政运行 | 9,389,913.00 | 9,389,913.00 |  |  |  |",
                "| 201 | 13 | 01 | 行政运行 | 9,389,914.00 | 9,389,913.00 |  |  |  |"),), base="shangwu"),
      Example("原文", base="shangwu"), needs=("header",))
def income_by_function_total(ctx: CheckContext) -> Iterator[Hit]:
    t = ctx.table(K.INCOME)
    if t is None:
        return
    keys = set(t.column_keys())
    if "current" in keys:
        return  # 合计 = 本年收入 + 上年结转 is T007's
    sources = top_level_sources(keys)
    yield from _compose(ctx, t, "total", sources, "合计不等于各收入栏之和")


@rule("T037", "number-format-consistent", "同一表内数字格式一致", INFO, ("table", "format"),
      """同一张表的金额应使用同样的格式（千分位、小数位数）。格式不一致通常是手工拼表留下的痕迹。""",
      """Amounts in one table use one format (thousands separators, decimal places).""",
      Example("原文表5-2 的合计栏不带千分位而其余各栏带千分位"),
      Example("表5-2 合计栏补上千分位",
              (("| | 合计 | 2840.98 | 1,680.88 |", "| | 合计 | 2,840.98 | 1,680.88 |"),
               ("| 135 | 武汉市硚口区经济信息化和科技创新局 | 2840.98 |", "| 135 | 武汉市硚口区经济信息化和科技创新局 | 2,840.98 |"),
               ("| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2340.07 |", "| 135001 | 武汉市硚口区经济信息化和科技创新局本级 | 2,340.07 |"))), needs=())
def number_format(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        grouped = plain = 0
        first_plain = None
        for r in t.rows:
            for f in r.values.values():
                if f.source is None or f.source.text is None or abs(f.value) < 1000:
                    continue
                if "," in f.source.text or "，" in f.source.text:
                    grouped += 1
                else:
                    plain += 1
                    first_plain = first_plain or f.source
        if grouped and plain:
            yield Hit(message=f"{ctx.label(t.kind)} 中有 {grouped} 个金额带千分位、{plain} 个不带",
                      locations=[first_plain] if first_plain else [])
