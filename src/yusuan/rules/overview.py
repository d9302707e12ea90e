"""F — part-1 facts: staffing arithmetic and the budget units the text and the tables name."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model.figures import Figure
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.text.cjk import name_key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _sum_rule(ctx: CheckContext, whole: str, parts: list[str], what: str) -> Iterator[Hit]:
    staff = ctx.budget.overview.staffing
    head = staff.get(whole)
    found = [staff[p] for p in parts if p in staff]
    if head is None or not found:
        return
    summed = sum((f.value for f in found), head.value * 0)
    if summed != head.value:
        detail = " + ".join(f"{f.value}" for f in found)
        yield Hit(message=f"{what} {head.value} 人，而各部分 {detail} = {summed} 人", locations=[s for s in (head.source, *(f.source for f in found)) if s is not None],
                  expected=str(summed), actual=str(head.value))


@rule("F001", "establishment-adds-up", "编制数等于各类编制之和", ERROR, ("overview", "staffing"),
      """总编制人数应等于行政编制与事业编制（及工勤编制）之和。""",
      """Total establishment = administrative + institutional (+ worker) posts.""",
      Example("“事业编制 38 人”改为 37 人", (("事业编制 38 人", "事业编制 37 人"),)),
      Example("原文：59 = 21 + 38"))
def establishment(ctx: CheckContext) -> Iterator[Hit]:
    yield from _sum_rule(ctx, "establishment.total",
                         ["establishment.admin", "establishment.institution", "establishment.worker"], "总编制")


@rule("F002", "actual-staff-adds-up", "在职实有人数等于各类人员之和", ERROR, ("overview", "staffing"),
      """在职实有人数应等于行政、事业（及工勤）人员之和。""",
      """Staff in post = administrative + institutional (+ workers).""",
      Example("“在职实有人数 49 人”改为 48 人", (("在职实有人数 49 人", "在职实有人数 48 人"),)),
      Example("原文：49 = 19 + 30"))
def actual_staff(ctx: CheckContext) -> Iterator[Hit]:
    yield from _sum_rule(ctx, "actual.total", ["actual.admin", "actual.institution", "actual.worker"], "在职实有人数")


@rule("F003", "retirees-add-up", "离退休人员等于离休加退休", ERROR, ("overview", "staffing"),
      """离退休人员应等于离休人员与退休人员之和。""",
      """Retirees = 离休 + 退休.""",
      Example("“退休 174 人”改为 175 人", (("退休 174 人", "退休 175 人"),)),
      Example("原文：177 = 3 + 174"))
def retirees(ctx: CheckContext) -> Iterator[Hit]:
    yield from _sum_rule(ctx, "retired.total", ["retired.lixiu", "retired.tuixiu"], "离退休人员")


@rule("F004", "civil-service-managed-within-institution", "参照公务员法管理人数不超过事业编制", ERROR, ("overview", "staffing"),
      """“其中：参照公务员法管理”是事业编制（或事业人员）的一部分，不能超过它。""",
      """参照公务员法管理 staff are part of the institutional staff and cannot exceed it.""",
      Example("“(其中：参照公务员法管理 0 人)”改为 40 人", (("事业编制 38 人(其中：参照公务员法管理 0 人)", "事业编制 38 人(其中：参照公务员法管理 40 人)"),)),
      Example("原文"))
def civil_service(ctx: CheckContext) -> Iterator[Hit]:
    staff = ctx.budget.overview.staffing
    for block in ("establishment", "actual"):
        part = staff.get(f"{block}.institution.civil_service_managed")
        whole = staff.get(f"{block}.institution")
        if part is not None and whole is not None and part.value > whole.value:
            yield Hit(message=f"参照公务员法管理 {part.value} 人超过事业人员 {whole.value} 人",
                      locations=[x for x in (part.source, whole.source) if x], expected=f"≤ {whole.value}",
                      actual=str(part.value))


def _units_in_tables(ctx: CheckContext) -> dict[str, str]:
    return ctx.table_units


@rule("F005", "unit-count-matches-tables", "预算单位个数与各表一致", ERROR, ("overview", "units"),
      """部门概况说明的预算单位个数（本级加所属单位）应等于收入总表、分单位支出表等列示的预算单位个数。
汉阳区说明“本级机关及下属 1 个二级单位”，各表只列本级一个单位。""",
      """The number of budget units stated in part 1 equals the number of units in the tables.""",
      Example("汉阳原文：说明 2 个单位，表中 1 个", (), base="hanyang-original"),
      Example("原文（硚口）：本级 + 1 个二级单位 = 表中 2 个单位"))
def unit_count(ctx: CheckContext) -> Iterator[Hit]:
    stated: Figure | None = ctx.budget.overview.stated_unit_count
    units = _units_in_tables(ctx)
    if stated is None or not units:
        return
    if stated.value != len(units):
        yield Hit(message=f"部门概况说明共 {stated.value} 个预算单位，表中列示 {len(units)} 个（{'、'.join(units.values())}）",
                  locations=[stated.source] if stated.source else [], expected=str(len(units)), actual=str(stated.value))


@rule("F006", "listed-units-in-tables", "概况列出的所属单位在表中出现", WARNING, ("overview", "units"),
      """部门概况列出的二级预算单位应出现在收入总表、分单位支出表等表格中。""",
      """Units named in part 1 appear in the per-unit tables.""",
      Example("概况中的单位改为“武汉市硚口区数据中心”", (("1、武汉市硚口区大数据中心", "1、武汉市硚口区数据中心"),)),
      Example("原文"))
def listed_units(ctx: CheckContext) -> Iterator[Hit]:
    units = {name_key(n) for n in _units_in_tables(ctx).values()}
    if not units:
        return
    for u in ctx.budget.overview.units:
        if name_key(u.name) not in units:
            yield Hit(message=f"部门概况列出的单位「{u.name}」不在预算表中", locations=[u.source] if u.source else [],
                      actual=u.name)
