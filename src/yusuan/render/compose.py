"""Lay a budget out as a document: cover, contents, parts 第一部分…第四部分 (Wuhan template; the
Shanghai template is laid out by :mod:`yusuan.render.shanghai`).

Part 1 (概况) prints the overview: functions, budget units and staffing — the author's text, or
sentences built from the unit list and staffing figures (totals computed from their parts). Part 2
holds the tables in the template's order, part 3 the narrative, part 4 the glossary.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.derive.templates import numeral
from yusuan.model.budget import Budget, RowKind, TableKind
from yusuan.model.figures import Figure
from yusuan.render.document import Block, Document, Heading, PageBreak, Paragraph, TableBlock
from yusuan.render.forms import overall_table, project_sheet
from yusuan.render.glossary import write_glossary
from yusuan.render.narrative import SECTION_TITLES, write_narrative
from yusuan.render.tables import table_blocks
from yusuan.render.wording import Words
from yusuan.templates import get_template, render_default

K = TableKind
_PART1 = ("一、部门主要职能", "二、部门预算单位构成", "三、部门人员构成")


def _dept(budget: Budget) -> str:
    return budget.meta.department or "本部门"


def _units_text(budget: Budget) -> list[str]:
    if budget.overview.units_text:
        return [p for p in budget.overview.units_text.split("\n") if p.strip()]
    income = budget.table(K.INCOME)
    units = [r for r in (income.rows if income else []) if r.kind is RowKind.UNIT]
    if not units:
        return []
    subordinate = [u for u in units if not u.name.endswith("本级")]
    if len(subordinate) == len(units) and units:
        subordinate = units[1:]  # the first unit of the list is the department's own office
    head = f"纳入{_dept(budget)}{budget.meta.year}年部门预算编制范围的预算单位包括本级"
    if not subordinate:
        return [head + "，无二级预算单位。"]
    lines = [head + f"及二级预算单位 {len(subordinate)} 个。二级预算单位包括："]
    return lines + [f"{i}、{u.name}" for i, u in enumerate(subordinate, start=1)]


def _staff(s: dict[str, Figure], key: str, parts: tuple[str, ...]) -> Decimal | None:
    if key in s:
        return s[key].value
    values = [s[p].value for p in parts if p in s]
    return sum(values, Decimal(0)) if values else None


def _staffing_text(budget: Budget) -> list[str]:
    if budget.overview.staffing_text:
        return [p for p in budget.overview.staffing_text.split("\n") if p.strip()]
    s = budget.overview.staffing
    if not s:
        return []

    def n(v: Decimal | None) -> str:
        return f"{v:f}" if v is not None else "0"

    def part(label: str, key: str) -> str:
        return f"{label} {n(s[key].value)} 人" if key in s else ""

    out = []
    est = _staff(s, "establishment.total", ("establishment.admin", "establishment.institution"))
    if est is not None:
        parts = [p for p in (part("行政编制", "establishment.admin"), part("事业编制", "establishment.institution")) if p]
        text = f"{_dept(budget)}总编制人数 {n(est)} 人" + (f"，其中：{'，'.join(parts)}" if parts else "")
        if "establishment.institution.civil_service_managed" in s:
            text += f"（其中：参照公务员法管理 {n(s['establishment.institution.civil_service_managed'].value)} 人）"
        out.append(text + "。")
    act = _staff(s, "actual.total", ("actual.admin", "actual.worker", "actual.institution"))
    if act is not None:
        parts = [p for p in (part("行政", "actual.admin"), part("机关工勤", "actual.worker"),
                             part("事业", "actual.institution")) if p]
        out.append(f"在职实有人数 {n(act)} 人" + (f"，其中：{'，'.join(parts)}" if parts else "") + "。")
    ret = _staff(s, "retired.total", ("retired.lixiu", "retired.tuixiu"))
    if ret is not None:
        parts = [p for p in (part("离休", "retired.lixiu"), part("退休", "retired.tuixiu")) if p]
        out.append(f"离退休人员 {n(ret)} 人" + (f"，其中：{'，'.join(parts)}" if parts else "") + "。")
    return out


def _part1(budget: Budget) -> list[Block]:
    out: list[Block] = [Heading(f"第一部分 {_dept(budget)}概况", 1)]
    bodies = [budget.overview.functions, _units_text(budget), _staffing_text(budget)]
    for title, body in zip(_PART1, bodies, strict=True):
        out.append(Heading(title, 2))
        out += [Paragraph(p) for p in body] or [Paragraph("（未填报）")]
    return out


def _contents(budget: Budget, tables: list[TableBlock]) -> list[Block]:
    """目录 as the Qiaokou document prints it: parts, then numbered entries under each."""
    dept, year = _dept(budget), budget.meta.year
    names = []
    for t in tables:
        if t.name not in names:
            names.append(t.name)
    lines = [f"第一部分 {dept}概况", *_PART1, f"第二部分 {dept}{year}年部门预算表"]
    lines += [f"{numeral(i)}、{name}" for i, name in enumerate(names, start=1)]
    lines += [f"第三部分 {dept}{year}年部门预算情况说明"]
    lines += [f"{numeral(i)}、{title}" for i, title in enumerate(SECTION_TITLES, start=1)]
    lines += ["第四部分 名词解释"]
    return [Heading("目 录", 2), *(Paragraph(x, style="contents") for x in lines)]


def compose(budget: Budget, words: Words, parsed: bool, notices: list[str]) -> Document:
    if budget.meta.profile == "shanghai":
        from yusuan.render.shanghai import compose_shanghai

        return compose_shanghai(budget, words, parsed, notices)
    profile = get_template(budget.meta.profile)
    if not profile.known:
        profile = render_default()
    dept, year = _dept(budget), budget.meta.year
    order = tuple(k for k in profile.tables if k not in (K.OVERALL_PERFORMANCE, K.PROJECT_PERFORMANCE))
    tables = table_blocks(budget, order)
    if budget.overall_performance is not None:
        tables.append(overall_table(budget.overall_performance, profile.number_of(K.OVERALL_PERFORMANCE), year))
    base = profile.number_of(K.PROJECT_PERFORMANCE) or "12"
    for i, sheet in enumerate(budget.projects, start=1):
        tables.append(project_sheet(sheet, f"{base}-{i}"))
    title = budget.meta.title if parsed and budget.meta.title else f"{dept}{year}年部门预算"
    blocks: list[Block] = [Heading(title, 0)]
    if budget.meta.date:
        y, m, d = budget.meta.date.split("-")
        blocks.append(Paragraph(f"{y}年{int(m)}月{int(d)}日", style="center"))
    blocks += [PageBreak(), *_contents(budget, tables), PageBreak(), *_part1(budget), PageBreak(),
               Heading(f"第二部分 {dept}{year}年部门预算表", 1)]
    for t in tables:
        blocks += [PageBreak(), t]
    blocks += [PageBreak(), *write_narrative(budget, words), PageBreak(),
               *write_glossary(budget, words.authoring, parsed, notices)]
    return Document(title=title, department=dept, year=year, blocks=blocks, date=budget.meta.date)
