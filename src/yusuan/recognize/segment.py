"""Split a layout into the parts of a disclosure and the standard tables of part 2.

Works on the order of blocks only, so it serves every reader. Part headings (第一部分 …) are used when
present; table sections are found by their titles anywhere in the document (a profile without part
headings still gets its tables). Text between a table and the next title is the table's notes (备注,
"本部门无…支出") or text of a cell broken across a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.layout import Block, Layout, TableBlock, TableRow, TextBlock
from yusuan.model.budget import TableKind
from yusuan.text.cjk import key

_PART = re.compile(r"^第([一二三四五六七八九十])部分")
_PART_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_TABLE_NUMBER = re.compile(r"^表\s*(\d+(?:\s*[-－—]\s*\d+)?)")
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_SCOPE = re.compile(r"^(?:编制部门|编制单位|部门|单位名称|预算单位|预算主管部门)[:：]\s*(.+?)(?:\s*单位[:：].*)?$")
_SCOPE_CODE = re.compile(r"^\[(\d+)\]\s*(.+)$")
_CONTENTS_ENTRY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．,]|\d+[、.．,]|[（(][一二三四五六七八九十\d]+[)）])")
_NOTE = re.compile(r"^(?:备注|注)\s*[:：]|本部门.*(?:没有|无).*(?:支出|预算|收入)|本表无数据|故本表为空表|为空表")

# Titles that start a new table section (keys, i.e. whitespace-free). Sub-headings inside a project
# sheet (长期/年度绩效目标表) do not.
_TITLE_WORDS = (
    "收支总表",
    "收入总表",
    "支出总表",
    "收支预算总表",
    "收入预算总表",
    "支出预算总表",
    "支出表",
    "预算表",
    "绩效目标表",
    "项目申报表",
    "绩效目标申报表",
    "项目申报表(含绩效目标)",
)
_NOT_TITLES = frozenset({"长期绩效目标表", "年度绩效目标表", "项目绩效目标表"})

# Templates without 第X部分 headings (Shanghai) title their chapters instead. A chapter title maps to
# the part that holds the same content in the Wuhan template; 项目经费情况说明 chapters (one per
# project) are kept apart as PROJECT_NOTES.
PROJECT_NOTES = 5
_CHAPTER_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．,]")  # also in key() form


@dataclass
class TableSection:
    """The blocks of one standard table, with what its title zone said."""

    kind: TableKind | None
    number: str | None
    title: str
    unit: str | None = None
    scope: str | None = None
    scope_code: str | None = None
    title_lines: list[TextBlock] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # tables and loose text lines, in order
    notes: list[TextBlock] = field(default_factory=list)

    def rows(self) -> list[tuple[int, TableRow]]:
        """All table rows with the index of the fragment (table block) they belong to."""
        out: list[tuple[int, TableRow]] = []
        fragment = 0
        for b in self.blocks:
            if isinstance(b, TableBlock):
                out.extend((fragment, r) for r in b.rows)
                fragment += 1
        return out

    @property
    def has_table(self) -> bool:
        return any(isinstance(b, TableBlock) for b in self.blocks)

    @property
    def line(self) -> int | None:
        if self.title_lines:
            return self.title_lines[0].line
        return self.blocks[0].line if self.blocks else None

    @property
    def page(self) -> int | None:
        if self.title_lines:
            return self.title_lines[0].page
        return self.blocks[0].page if self.blocks else None


@dataclass
class Segments:
    cover: list[TextBlock] = field(default_factory=list)
    contents: list[TextBlock] = field(default_factory=list)
    parts: dict[int, list[Block]] = field(default_factory=dict)  # part number → blocks (1..4)
    tables: list[TableSection] = field(default_factory=list)
    unplaced: list[Block] = field(default_factory=list)  # blocks outside any recognised part
    part_headings: bool = False  # the document has 第X部分 headings (else chapters were mapped)
    chapter_titles: set[int] = field(default_factory=set)  # id() of the blocks that title a chapter
    project_notes: list[list[Block]] = field(default_factory=list)  # 项目经费情况说明, one per project

    def is_chapter_title(self, block: Block) -> bool:
        return id(block) in self.chapter_titles


def table_kind(title_key: str) -> TableKind | None:
    """Which standard table a title names (order matters: specific names first)."""
    t = title_key
    if "项目申报表" in t or "项目支出绩效目标" in t or "项目绩效目标" in t:
        return TableKind.PROJECT_PERFORMANCE
    if "整体支出绩效" in t or "整体绩效目标" in t:
        return TableKind.OVERALL_PERFORMANCE
    if "财政拨款收支" in t:
        return TableKind.FISCAL_SUMMARY
    if "三公" in t:
        return TableKind.THREE_PUBLIC
    if "基本支出" in t and ("一般公共预算" in t or "经济分类" in t):
        return TableKind.GPB_BASIC_ECONOMIC
    if "一般公共预算支出" in t:
        return TableKind.GPB_BY_UNIT if "分单位" in t and "分功能" not in t else TableKind.GPB_BY_FUNCTION
    if "政府性基金" in t:
        return TableKind.GOV_FUND
    if "国有资本经营" in t:
        return TableKind.SOE_CAPITAL
    if "项目支出" in t:
        return TableKind.PROJECTS
    if "收支总表" in t or "收支预算总表" in t:
        return TableKind.SUMMARY
    if "收入总表" in t or "收入预算总表" in t:
        return TableKind.INCOME
    if "支出总表" in t or "支出预算总表" in t:
        return TableKind.EXPENDITURE
    return None


def is_title_start(text: str) -> bool:
    """Does this text line begin a table title (表 3 / 支出总表 / 部门项目申报表 …)?"""
    k = key(text)
    if _TABLE_NUMBER.match(k):
        return True
    if k in _NOT_TITLES or len(k) > 60:
        return False
    if k.endswith(("。", ";", "；")):
        return False
    return any(k.endswith(w) or k == w for w in _TITLE_WORDS) and table_kind(k) is not None


def _part_of(text: str) -> int | None:
    m = _PART.match(key(text))
    return _PART_NUMBERS.get(m.group(1)) if m else None


def chapter_of(text: str) -> int | None:
    """The part a chapter title stands for (templates without 第X部分), or None for other text."""
    k = _CHAPTER_ORDINAL.sub("", key(text), count=1)
    if len(k) > 40 or k.endswith(("。", "；", ";", "，", ",", "：", ":")):
        return None
    if k.endswith(("主要职能", "主要职责", "机构设置", "单位构成")):
        return 1
    if k == "名词解释":
        return 4
    if k.endswith("预算编制说明") or k in ("其他相关情况说明", "情况说明"):
        return 3
    if k.endswith("经费情况说明") and "三公" not in k:
        return PROJECT_NOTES
    return None


def segment(layout: Layout) -> Segments:
    seg = Segments()
    blocks = layout.blocks
    seg.part_headings = any(isinstance(b, TextBlock) and _part_of(b.text) for b in blocks)
    i = 0
    n = len(blocks)
    # Cover: text before the contents or the first part/table.
    while i < n and isinstance(blocks[i], TextBlock):
        k = key(blocks[i].text)  # type: ignore[union-attr]
        if k in ("目录", "目次") or _part_of(blocks[i].text) or is_title_start(blocks[i].text):  # type: ignore[union-attr]
            break
        seg.cover.append(blocks[i])  # type: ignore[arg-type]
        i += 1
    # Contents: from 目录 until a part heading repeats one already listed (text conversions), or,
    # without part headings, until the first line that is not a contents entry or a new page.
    if i < n and isinstance(blocks[i], TextBlock) and key(blocks[i].text) in ("目录", "目次"):  # type: ignore[union-attr]
        page0 = blocks[i].page
        i += 1
        seen_parts: set[int] = set()
        while i < n and isinstance(blocks[i], TextBlock):
            b = blocks[i]
            assert isinstance(b, TextBlock)
            p = _part_of(b.text)
            if p is not None and p in seen_parts:
                break
            if page0 is not None and b.page is not None and b.page != page0 and not seg.part_headings:
                break
            if p is None and not seen_parts and not _CONTENTS_ENTRY.match(key(b.text)):
                break
            if p is not None:
                seen_parts.add(p)
            seg.contents.append(b)
            i += 1
    current_part: int | None = None
    section: TableSection | None = None
    pending_title: list[TextBlock] = []

    def close_title_into_section() -> TableSection:
        title_key = "".join(key(t.text) for t in pending_title)
        m = _TABLE_NUMBER.match(title_key)
        number = re.sub(r"[－—]", "-", m.group(1)).replace(" ", "") if m else None
        sec = TableSection(kind=table_kind(title_key), number=number, title=" ".join(t.text for t in pending_title),
                           title_lines=list(pending_title))
        for t in pending_title:
            tk = key(t.text)
            um = _UNIT.search(tk)
            if um and sec.unit is None:
                sec.unit = um.group(1)
            sm = _SCOPE_CODE.match(tk)
            if sm and sec.scope is None:
                sec.scope_code, sec.scope = sm.group(1), sm.group(2)
            sm2 = _SCOPE.match(t.text.strip())
            if sm2 and sec.scope is None:
                sec.scope = sm2.group(1).strip()
        return sec

    for b in blocks[i:]:
        if isinstance(b, TextBlock):
            p = _part_of(b.text) if seg.part_headings else chapter_of(b.text)
            if p is not None and not pending_title:
                if section is not None and section not in seg.tables:
                    seg.tables.append(section)
                section = None
                current_part = p
                if not seg.part_headings:
                    seg.chapter_titles.add(id(b))
                if p == PROJECT_NOTES:
                    seg.project_notes.append([b])
                else:
                    seg.parts.setdefault(p, []).append(b)
                continue
            # Without part headings the tables come between chapters: a title opens them.
            in_tables_part = current_part in (None, 2) or (not seg.part_headings and current_part != PROJECT_NOTES)
            if pending_title:
                pending_title.append(b)
                continue
            if in_tables_part and is_title_start(b.text) and (section is None or section.has_table):
                # A new title zone begins.
                if section is not None and section not in seg.tables:
                    seg.tables.append(section)
                section = None
                pending_title = [b]
                if not seg.part_headings:
                    current_part = 2
                continue
            if section is not None:
                if _NOTE.search(key(b.text)) or not section.has_table:
                    section.notes.append(b)
                else:
                    section.blocks.append(b)
                continue
            if current_part == PROJECT_NOTES:
                seg.project_notes[-1].append(b)
            elif current_part is not None:
                seg.parts.setdefault(current_part, []).append(b)
            else:
                seg.unplaced.append(b)
        else:
            if pending_title:
                section = close_title_into_section()
                seg.tables.append(section)
                pending_title = []
            if section is None:
                # A table with no title of its own: continues the previous table section when in
                # the tables part, otherwise it belongs to the part (e.g. a table in part 1).
                if seg.tables and current_part in (None, 2):
                    section = seg.tables[-1]
                elif current_part == PROJECT_NOTES:
                    seg.project_notes[-1].append(b)
                    continue
                elif current_part is not None:
                    seg.parts.setdefault(current_part, []).append(b)
                    continue
                else:
                    seg.unplaced.append(b)
                    continue
            section.blocks.append(b)
    if pending_title:
        seg.tables.append(close_title_into_section())
    return seg
