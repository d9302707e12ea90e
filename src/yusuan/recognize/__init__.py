"""Recognition: layout → budget model.

:func:`recognize` segments the layout into parts and table sections, parses each standard table,
the performance forms, part 1, part 3 (with claims) and part 4, and assembles a :class:`Budget`.
What cannot be understood is recorded in ``Budget.problems`` with its location.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TypeVar

from yusuan.catalog import load_catalog
from yusuan.errors import NotADisclosureError
from yusuan.layout import Layout, TextBlock
from yusuan.model.budget import (
    BalanceTable,
    Budget,
    Certainty,
    Glossary,
    Meta,
    Narrative,
    OverallPerformance,
    Overview,
    ProjectSheet,
    Row,
    Table,
    TableKind,
)
from yusuan.model.figures import SourceRef
from yusuan.quantities import Resolver
from yusuan.recognize.balance import parse_balance
from yusuan.recognize.certainty import assess_balance, assess_table
from yusuan.recognize.context import Context, table_label
from yusuan.recognize.glossary import parse_glossary
from yusuan.recognize.meta import department_of, year_of
from yusuan.recognize.narrative import parse_narrative
from yusuan.recognize.overall_performance import parse_overall_performance
from yusuan.recognize.overview import parse_overview
from yusuan.recognize.project_notes import parse_project_note
from yusuan.recognize.project_sheets import parse_project_sheet
from yusuan.recognize.segment import DOT_LEADER, Segments, TableSection, part_number, segment, table_kind
from yusuan.recognize.tables import parse_table
from yusuan.templates import PrintedTable, Template, detect_template, get_template
from yusuan.templates.family import kind_info
from yusuan.text.cjk import key, name_key

_YEAR = re.compile(r"(\d{4})\s*年(?:度)?\s*(?:区级)?(?:部门|单位)?\s*(?:预算|决算)")
_COVER_SCOPE = re.compile(r"^(?:预算主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)[:：]")
_FORM_KINDS = frozenset({TableKind.OVERALL_PERFORMANCE, TableKind.PROJECT_PERFORMANCE})


def _document_kind(seg: Segments) -> str:
    """budget or final: by the tables the document prints, else by its cover."""
    kinds = [kind_info(t.kind).document for t in seg.tables if t.kind is not None]
    if kinds:
        return "final" if kinds.count("final") > kinds.count("budget") else "budget"
    cover = "".join(key(b.text) for b in seg.cover)
    return "final" if "决算" in cover and "预算" not in cover.replace("决算", "") else "budget"


_T = TypeVar("_T", Table, BalanceTable)


def _titled(table: _T, template: Template, sec: TableSection) -> _T:
    """The title's certainty: the template's own title (exact) or a national-family name (synonym)."""
    if template.own_title(table.kind, sec.title):
        return replace(table, recognition=replace(table.recognition, title=Certainty.EXACT))
    return table


def recognize(layout: Layout, profile: str | None = None) -> Budget:
    ctx = Context(layout.path)
    ctx.problems.extend(layout.problems)
    seg = segment(layout)
    document = _document_kind(seg)
    prof = get_template(profile) if profile else detect_template(
        [PrintedTable(t.kind, t.number, t.title) for t in seg.tables], seg.part_headings, document)

    tables: dict[TableKind, Table | BalanceTable] = {}
    overall: OverallPerformance | None = None
    sheets: list[ProjectSheet] = []
    for sec in seg.tables:
        if sec.kind is None:
            ctx.problem("table.unrecognized", f"未识别的表格：{sec.title[:40]}",
                        ctx.ref(sec.line, sec.page, text=sec.title[:80]))
            continue
        shape = kind_info(sec.kind).shape
        if shape == "two_sided":
            continue  # parsed once the function class names are known
        if sec.kind is TableKind.SELF_EVALUATION:
            continue  # self-evaluation forms are not read yet (see Budget.problems: none raised)
        if sec.kind is TableKind.OVERALL_PERFORMANCE:
            overall = parse_overall_performance(sec, ctx, prof.table_unit)
        elif sec.kind is TableKind.PROJECT_PERFORMANCE:
            sheets.append(parse_project_sheet(sec, ctx, len(sheets) + 1, prof.table_unit))
        elif sec.kind in tables:
            ctx.problem("table.duplicate", f"{table_label(sec.kind, sec.number, sec.title)} 重复出现，只读取第一张",
                        ctx.ref(sec.line, sec.page, text=sec.title[:80]))
        else:
            tables[sec.kind] = assess_table(_titled(parse_table(sec, ctx, prof.table_unit, document), prof, sec),
                                          ctx.problems)
    for blocks in seg.project_notes:
        sheets.append(parse_project_note(blocks, ctx, len(sheets) + 1))
    classes = _function_class_names(tables)
    for sec in seg.tables:
        if sec.kind is not None and kind_info(sec.kind).shape == "two_sided" and sec.kind not in tables:
            tables[sec.kind] = assess_balance(_titled(parse_balance(sec, ctx, classes, prof.table_unit), prof, sec))

    if not tables and overall is None and not sheets and not seg.parts:
        raise NotADisclosureError(
            f"{layout.path}: 未找到部门预算的表格或章节 / no budget tables or sections found"
        )
    meta = _meta(layout, seg, tables, overall, prof, document)
    overview = parse_overview(seg.parts[1], ctx, seg.chapter_titles) if 1 in seg.parts else Overview()
    budget = Budget(meta=meta, overview=overview, tables=tables, overall_performance=overall, projects=sheets)
    narrative = (parse_narrative(seg.parts[3], ctx, Resolver(budget), seg.chapter_titles) if 3 in seg.parts
                 else Narrative())
    function_rows = _function_rows(tables)
    glossary = parse_glossary(seg.parts[4], ctx, function_rows) if 4 in seg.parts else Glossary()
    for b in seg.unplaced:
        if isinstance(b, TextBlock) and b.text.strip():
            ctx.problem("text.unplaced", f"未归入任何部分的文字：{b.text[:30]}", ctx.ref(b.line, b.page, text=b.text[:80]))
    _missing_parts(layout, seg, ctx)
    return replace(budget, narrative=narrative, glossary=glossary, problems=ctx.problems)


def _missing_parts(layout: Layout, seg: Segments, ctx: Context) -> None:
    """A part the contents list but the body lacks means the document was cut short: say where."""
    listed = {}
    for b in seg.contents:
        n = part_number(b.text)
        if n is not None:
            listed[n] = DOT_LEADER.sub("", b.text).strip()
    missing = sorted(n for n in listed if n not in seg.part_numbers)
    if not missing:
        return
    last = layout.blocks[-1] if layout.blocks else None
    if last is not None and last.line:
        where, where_en = f"第{last.line}行", f"line {last.line}"
    elif last is not None and last.page:
        where, where_en = f"第{last.page}页", f"page {last.page}"
    else:
        where, where_en = "开头", "the start"
    names = "、".join(listed[n] for n in missing)
    ctx.problem(
        "read.incomplete",
        f"目录列出的{names}在正文中没有找到，读取止于{where} / parts listed in the contents are missing; "
        f"reading stopped at {where_en}",
        ctx.ref(last.line if last else None, last.page if last else None),
    )


def _function_rows(tables: dict[TableKind, Table | BalanceTable]) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    for kind in (TableKind.GPB_BY_FUNCTION, TableKind.EXPENDITURE, TableKind.GOV_FUND, TableKind.SOE_CAPITAL):
        t = tables.get(kind)
        if isinstance(t, Table):
            for r in t.rows:
                if r.code and r.code not in seen:
                    seen.add(r.code)
                    rows.append(r)
    return rows


def _function_class_names(tables: dict[TableKind, Table | BalanceTable]) -> dict[str, str]:
    """Class-name key → 3-digit code, from the document's own tables, then the catalogue."""
    names: dict[str, str] = {}
    for r in _function_rows(tables):
        if r.code and len(r.code) == 3:
            names.setdefault(name_key(r.name), r.code)
    catalog = load_catalog()
    for code, entries in catalog.entries.items():
        for e in entries:
            if e.classification == "function" and len(code) == 3:
                names.setdefault(name_key(e.name), code)
    return names


def _meta(layout: Layout, seg: Segments, tables: dict[TableKind, Table | BalanceTable],
          overall: OverallPerformance | None, prof: Template, document: str) -> Meta:
    cover = " ".join(b.text for b in seg.cover)
    title = cover.strip()
    year, year_stated = year_of(layout, seg, tables)
    department = department_of(seg, tables, overall)
    units = Counter(t.unit for t in tables.values())
    contents = [b.text for b in seg.contents if table_kind(b.text) is not None]
    kind = prof.document if prof.known else document
    level = "unit" if re.search(r"单位(?:预算|决算)", key(title)) and "部门" not in key(title) else "department"
    date = None
    dm = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", cover)
    if dm:
        date = f"{dm.group(1)}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}"
    return Meta(
        title=title,
        source=(SourceRef(file=layout.path, line=seg.cover[0].line, page=seg.cover[0].page, section="封面",
                          text=seg.cover[0].text) if seg.cover else None),
        department=department,
        year=year,
        year_stated=year_stated,
        kind=kind,
        level=level,
        profile=prof.id,
        table_unit=units.most_common(1)[0][0] if units else prof.table_unit,
        source_file=layout.path,
        source_format=layout.format,
        date=date,
        contents=contents,
    )
