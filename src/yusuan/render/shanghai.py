"""Lay a budget out in the Shanghai district template (profile ``shanghai``).

The layout is that of the four Putuo 2025 PDFs (shared/corpus/shanghai-putuo-*-2025-*-budget.pdf),
all pages landscape A4:

* cover: ``上海市普陀区2025年区级部门预算`` / ``预算主管部门：…`` (a 单位 budget: ``区级单位预算`` /
  ``预算单位：…``);
* 目录: 一、部门主要职能 二、部门机构设置 三、名词解释 四、部门预算编制说明 五、部门预算表 with the nine
  tables numbered 1.–9., 六、其他相关情况说明 and, for a 部门 budget, 七、项目经费情况说明;
* chapters titled by the department (``…主要职能``, ``…机构设置``), 名词解释, ``2025年部门预算编制说明``,
  the nine tables (title ``2025年部门财务收支预算总表`` and ``编制部门：… 单位：元``; a 单位 budget
  prints 预算单位 / 编制单位), 其他相关情况说明, then one chapter per project
  (``科技创新专项经费情况说明``: 一、项目概述 … 七、绩效目标).

Tables carry no 表N above their titles (the contents number them); that is how the recognizer
tells this template apart, so the rendered document reads back as Shanghai.
"""

from __future__ import annotations

import re

from yusuan.model.budget import Budget, ProjectSheet, TableKind
from yusuan.model.figures import format_amount
from yusuan.render.document import Block, Document, Heading, PageBreak, Paragraph, TableBlock
from yusuan.render.glossary_shanghai import write_glossary
from yusuan.render.narrative_shanghai import explanation, other_sections, scope_word, split_enumeration
from yusuan.render.tables import table_blocks
from yusuan.render.wording import Words
from yusuan.templates import get_template

K = TableKind
SHANGHAI = get_template("shanghai")
_COVER = re.compile(r"^(?P<title>.*?(?:部门|单位)(?:预算|决算))\s*(?:预算主管部门|预算单位|部门名称|单位名称)[:：]")
_DISTRICT = re.compile(r"^(上海市\S{1,8}?区)")
NOTE_HEADINGS = ("项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标")
# Every Putuo note ends with this line under 七、绩效目标: the targets are published elsewhere.
NOTE_TARGETS = "详见单位的项目绩效目标表"


def _dept(budget: Budget) -> str:
    return budget.meta.department or f"本{scope_word(budget)}"


def cover_title(budget: Budget) -> str:
    """``上海市普陀区2025年区级部门预算``: the parsed cover's first line; else the district taken from the
    department's name (上海市普陀区商务委员会 → 上海市普陀区) with the year and the level."""
    title = budget.meta.title.strip()
    m = _COVER.match(title)
    if m:
        return m.group("title").strip()
    if "预算" in title:
        return title.split(" ")[0]
    m = _DISTRICT.match(budget.meta.department)
    district = m.group(1) if m else ""
    level = "单位" if budget.meta.level == "unit" else "部门"
    return f"{district}{budget.meta.year}年区级{level}预算"


def table_title(kind: TableKind, budget: Budget) -> str:
    """``2025年部门财务收支预算总表``; a 单位 budget: ``2025年预算单位…`` (三公: ``2025年单位…``)."""
    prefix = "部门"
    if budget.meta.level == "unit":
        prefix = "单位" if kind is K.THREE_PUBLIC else "预算单位"
    return f"{budget.meta.year}年{prefix}{SHANGHAI.title_of(kind)}"


def _tables(budget: Budget) -> list[TableBlock]:
    label = "编制单位" if budget.meta.level == "unit" else "编制部门"
    out = []
    blocks = table_blocks(budget, SHANGHAI.tables)
    kinds = [k for k in SHANGHAI.tables if k in budget.tables]
    for n, (kind, t) in enumerate(zip(kinds, blocks, strict=True), start=1):
        t.number = None
        t.name = table_title(kind, budget)
        t.scope = budget.meta.department or t.scope
        t.scope_label = label
        t.landscape = True
        t.sheet = f"{SHANGHAI.number_of(kind) or n}.{SHANGHAI.title_of(kind)}"[:31]
        out.append(t)
    return out


def _contents(budget: Budget, tables: list[TableBlock], notes: bool) -> list[Block]:
    s = scope_word(budget)
    lines = [(f"{x}", "contents") for x in (f"一、{s}主要职能", f"二、{s}机构设置", "三、名词解释",
                                            f"四、{s}预算编制说明", f"五、{s}预算表")]
    lines += [(f"{i}. {t.name}", "contents-sub") for i, t in enumerate(tables, start=1)]
    lines += [("六、其他相关情况说明", "contents")]
    if notes:
        lines += [("七、项目经费情况说明", "contents")]
    return [Heading("目 录", 1), *(Paragraph(x, style=style) for x, style in lines)]


def _paragraphs(text: str | None) -> list[Block]:
    if not text:
        return [Paragraph("（未填报）")]
    return [Paragraph(p) for line in text.split("\n") for p in split_enumeration(line)]


def _overview(budget: Budget) -> list[Block]:
    dept = _dept(budget)
    functions = "\n".join(budget.overview.functions)
    units = budget.overview.units_text or "\n".join(f"{i}. {u.name}" for i, u in
                                                    enumerate(budget.overview.units, start=1))
    return [Heading(f"{dept}主要职能", 1), *_paragraphs(functions), PageBreak(),
            Heading(f"{dept}机构设置", 1), *_paragraphs(units)]


def note_title(name: str) -> str:
    """``科技创新专项经费情况说明``; a name ending in 经费 or 项目 gets ``项目经费情况说明`` (人民政府办公室:
    ``区政府督查及建议提案工作业务经费项目经费情况说明``), so that the name reads back whole."""
    return f"{name}项目经费情况说明" if name.endswith(("经费", "项目")) else f"{name}经费情况说明"


def _wan(f: object) -> str:
    from yusuan.model.figures import Figure, unit_factor

    assert isinstance(f, Figure)
    value = f.value * unit_factor(f.unit) / unit_factor("万元")
    return f"{format_amount(value, max(f.places, 2) if f.unit == '万元' else 2, grouping=False)}万"


def budget_text(note: ProjectSheet, year: int | None) -> str | None:
    """六、年度预算安排 as the 商务委员会 notes word it: ``2025年度项目总预算1170.00万，其中支持企业规模化
    发展870.00万，…，合计1170.00万。`` (one detail line: no 合计)."""
    if note.current_budget is None:
        return None
    text = f"{year}年度项目总预算{_wan(note.current_budget)}"
    details = [d for d in note.details if d.estimate is not None]
    if details:
        text += "，其中" + "，".join(f"{d.task}{_wan(d.estimate)}" for d in details)
        if len(details) > 1:
            text += f"，合计{_wan(note.current_budget)}"
    return text + "。"


def project_note(note: ProjectSheet, year: int | None) -> list[Block]:
    period = note.period
    if not period and note.start_year:
        period = f"{note.start_year}.1.1-{note.end_year or note.start_year}.12.31"
    bodies = (note.overview, note.basis, note.executing_unit, note.plan, period, budget_text(note, year),
              NOTE_TARGETS)
    out: list[Block] = [Heading(note_title(note.name), 1)]
    for i, (title, body) in enumerate(zip(NOTE_HEADINGS, bodies, strict=True)):
        out.append(Heading(f"{'一二三四五六七'[i]}、{title}", 2))
        out += [Paragraph(p) for p in (body or "（未填报）").split("\n") if p.strip()]
    return out


def compose_shanghai(budget: Budget, words: Words, parsed: bool, notices: list[str]) -> Document:
    dept, year = _dept(budget), budget.meta.year
    title = cover_title(budget)
    unit_level = budget.meta.level == "unit"
    tables = _tables(budget)
    notes = [s for s in budget.projects if s.form == "note"]
    for s in budget.projects:
        if s.form != "note":
            notices.append(f"上海模板以项目经费情况说明公开项目，项目申报表「{s.name}」未输出")
    blocks: list[Block] = [
        Heading(title, 0),
        Paragraph(f"{'预算单位' if unit_level else '预算主管部门'}：{dept}", style="center"),
        PageBreak(), *_contents(budget, tables, bool(notes) or not unit_level), PageBreak(),
        *_overview(budget), PageBreak(),
        *write_glossary(budget, words.authoring, parsed), PageBreak(),
        Heading(f"{year}年{scope_word(budget)}预算编制说明", 1), *explanation(words),
    ]
    for t in tables:
        blocks += [PageBreak(), t]
    blocks += [PageBreak(), Heading("其他相关情况说明", 1), *other_sections(words)]
    for note in notes:
        blocks += [PageBreak(), *project_note(note, year)]
    return Document(title=title, department=dept, year=year, blocks=blocks, date=budget.meta.date, landscape=True,
                    page_numbers=False, body_pt=12, line_spacing=1.3, glue_numbers=True)
