"""Split a layout into the parts of a disclosure and its tables, by what the text says.

Works on the order of blocks only, so it serves every reader and every region's template:

* **Tables** are found by their titles wherever they stand (a text line above the table, a
  number line such as 表1 / 部门公开表7 / 公开01表 before or after it, a title wrapped over two
  lines, or a title printed in the first row inside the table), classified by the national family
  (:mod:`yusuan.templates.family`). A table runs to the next title or heading; a title repeated on
  the next page (same kind and number) continues it; a table block with no title of its own
  continues the table before it. Lines between are the table's notes (注：…, 本表无数据 …).
* **Parts** are opened by headings (第X部分 …, a chapter 一、…, or an unnumbered chapter title)
  and given a role by the heading's words: overview (概况), tables (预算表), narrative (情况说明),
  glossary (名词解释), project notes (…经费情况说明). The roles map to the parts of the Wuhan
  template (1 overview, 2 tables, 3 narrative, 4 glossary) so that the rest of the recognizer is
  shared by every template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.layout import Block, Cell, Layout, TableBlock, TableRow, TextBlock
from yusuan.model.budget import TableKind
from yusuan.templates.family import (
    classify_title,
    ends_like_title,
    heading_role,
    is_chapter_title,
    is_note,
    kind_info,
    says_empty,
    split_number,
)
from yusuan.text.cjk import key

_PART = re.compile(r"^第([一二三四五六七八九十]+)部分")
_CHINESE_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)[、.．]")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|千元|元)")
_SCOPE = re.compile(r"^(?:编制部门|编制单位|部门名称|部门|单位名称|预算单位|预算主管部门|主管部门)[:：]\s*(.+?)"
                    r"(?:\s*(?:金额)?单位[:：].*)?$")
_SCOPE_CODE = re.compile(r"^\[(\d+)\]\s*(.+)$")
_PAGE_NUMBER = re.compile(r"^(?:[-—－]\s*)?\d{1,3}(?:\s*[-—－])?$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")
DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,})\s*\d*\s*$")
_CONTENTS_ENTRY = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．,]|\d+[、.．,]|"
                             r"[（(][一二三四五六七八九十\d]+[)）]|表\s*\d|附件)")
_MAX_TITLE = 70  # characters of a title line (key form)
_MAX_ZONE = 6  # lines between a title and its table (unit, scope, sub-title …)

ROLE_PART = {"overview": 1, "tables": 2, "narrative": 3, "glossary": 4}
PROJECT_NOTES = 5


@dataclass
class TableSection:
    """The blocks of one standard table, with what its title zone said."""

    kind: TableKind | None
    number: str | None
    title: str  # the title itself (the classified line, without its number)
    unit: str | None = None
    scope: str | None = None
    scope_code: str | None = None
    title_lines: list[TextBlock] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # tables and loose text lines, in order
    notes: list[TextBlock] = field(default_factory=list)
    continued: int = 0  # how many repeated title zones were folded into this section

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
    def says_empty(self) -> bool:
        """A note under (or in) the table says it has no data."""
        return any(says_empty(n.text) for n in self.notes)

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
    parts: dict[int, list[Block]] = field(default_factory=dict)  # role part (1..4, see ROLE_PART) → blocks
    tables: list[TableSection] = field(default_factory=list)
    unplaced: list[Block] = field(default_factory=list)  # blocks before any heading
    part_headings: bool = False  # the document has 第X部分 headings (else chapters were mapped)
    part_numbers: set[int] = field(default_factory=set)  # the 第X部分 numbers found in the body
    chapter_titles: set[int] = field(default_factory=set)  # id() of the blocks that open a section
    project_notes: list[list[Block]] = field(default_factory=list)  # 项目经费情况说明, one per project

    def is_chapter_title(self, block: Block) -> bool:
        return id(block) in self.chapter_titles


# --------------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True)
class Title:
    kind: TableKind
    number: str | None
    text: str  # the title without its number


def table_kind(title: str) -> TableKind | None:
    """Which standard table a title (or a contents entry) names."""
    return classify_title(split_number(title)[1])


def title_of(text: str) -> Title | None:
    """The table title a line is, or None (prose mentioning a table, a heading, a contents entry)."""
    k = key(text)
    if not k or len(k) > _MAX_TITLE or k.endswith(("。", "；", ";", "，", ",", "：", ":")) or DOT_LEADER.search(text):
        return None
    number, rest = split_number(text)
    if not rest or not ends_like_title(rest):
        return None
    kind = classify_title(rest)
    return Title(kind, number, rest.strip()) if kind is not None else None


def number_only(text: str) -> str | None:
    """The number of a line that prints only a table number (表1, 部门公开表7, 公开01表)."""
    number, rest = split_number(text)
    if number is not None and not rest and not _LEVEL1.match(text.strip()):
        return number
    return None


def is_title_start(text: str) -> bool:
    return title_of(text) is not None or number_only(text) is not None


def part_number(text: str) -> int | None:
    m = _PART.match(key(text))
    if not m:
        return None
    digits = m.group(1)
    if digits == "十":
        return 10
    if digits.startswith("十"):
        return 10 + _CHINESE_NUMBERS[digits[1]]
    return _CHINESE_NUMBERS.get(digits[0]) if len(digits) == 1 else None


def chapter_of(text: str) -> int | None:
    """The part an unnumbered chapter title stands for (templates without 第X部分), or None."""
    if not is_chapter_title(text):
        return None
    role = heading_role(text)
    if role == "project_notes":
        return PROJECT_NOTES
    return ROLE_PART.get(role or "")


def _zone_line(text: str) -> bool:
    """A line of a title zone: unit, scope, a repeated or second title, a column-group caption."""
    k = key(text)
    return bool(_UNIT.search(k) or _SCOPE.match(text.strip()) or _SCOPE_CODE.match(k) or number_only(text)
                or (len(k) <= 40 and not k.endswith(("。", "；")) and not is_note(text)))


# --------------------------------------------------------------------------------------------------
# Titles printed inside the first rows of a table (Beijing: "预算01表收支总表", then "金额单位：万元")


def _lift_in_table_titles(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if not isinstance(b, TableBlock):
            out.append(b)
            continue
        lifted: list[TextBlock] = []
        rows = list(b.rows)
        while rows:
            texts = [c.text for c in rows[0].cells if c.text.strip()]
            if len(texts) != 1:
                break
            t = texts[0]
            if title_of(t) is None and not _UNIT.search(key(t)) and not _SCOPE.match(t.strip()) and not number_only(t):
                break
            lifted.append(TextBlock(text=t, line=rows[0].line, page=rows[0].page))
            rows.pop(0)
        if lifted:
            out.extend(lifted)
            if rows:
                out.append(TableBlock(rows=tuple(rows), line=rows[0].line, page=rows[0].page))
        else:
            out.append(b)
    return out


def _join_wrapped_titles(blocks: list[Block]) -> list[Block]:
    """A title wrapped over two lines (``表 5-1.…2026 年一般`` + ``公共预算支出表（分功能科目）``) as one line."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (isinstance(b, TextBlock) and isinstance(nxt, TextBlock) and title_of(b.text) is None
                and not number_only(b.text) and title_of(nxt.text) is None and len(key(b.text)) <= 45
                and not key(b.text).endswith(("。", "；", ";", "：", ":", "，", ","))
                and part_number(nxt.text) is None and part_number(b.text) is None):
            joined = b.text.rstrip() + nxt.text.strip()
            if title_of(joined) is not None and (split_number(b.text)[0] is not None or len(key(nxt.text)) <= 30):
                out.append(TextBlock(text=joined, line=b.line, page=b.page))
                i += 2
                continue
        out.append(b)
        i += 1
    return out


# --------------------------------------------------------------------------------------------------
# The document


def _cover_and_contents(blocks: list[Block], seg: Segments) -> int:
    i, n = 0, len(blocks)
    while i < n and isinstance(blocks[i], TextBlock):
        t = blocks[i].text  # type: ignore[union-attr]
        if key(t) in ("目录", "目次", "目 录") or part_number(t) or title_of(t) or number_only(t):
            break
        seg.cover.append(blocks[i])  # type: ignore[arg-type]
        i += 1
    if not (i < n and isinstance(blocks[i], TextBlock) and key(blocks[i].text) in ("目录", "目次")):  # type: ignore[union-attr]
        return i
    i += 1
    first: str | None = None
    seen_parts: set[int] = set()
    while i < n and isinstance(blocks[i], TextBlock):
        b = blocks[i]
        assert isinstance(b, TextBlock)
        k = key(DOT_LEADER.sub("", b.text))
        p = part_number(b.text)
        if first is not None and (k == first or (p is not None and p in seen_parts)):
            break  # the body begins by repeating the first entry
        entry = bool(_CONTENTS_ENTRY.match(k) or DOT_LEADER.search(b.text) or title_of(b.text) or p)
        # An entry wrapped onto the next line: in a document with 第X部分 headings the contents run
        # until a part heading repeats; otherwise they end at the first line that is no entry.
        if not entry and not (seg.part_headings and seen_parts):
            break
        if first is None:
            first = k
        if p is not None:
            seen_parts.add(p)
        seg.contents.append(b)
        i += 1
    return i


def segment(layout: Layout) -> Segments:
    seg = Segments()
    blocks = _join_wrapped_titles(_lift_in_table_titles(layout.blocks))
    seg.part_headings = any(isinstance(b, TextBlock) and part_number(b.text) for b in blocks)
    start = _cover_and_contents(blocks, seg)
    _Walker(seg, blocks, start).run()
    return seg


class _Walker:
    """One pass over the body: title zones, tables, headings and the text of each part."""

    def __init__(self, seg: Segments, blocks: list[Block], start: int) -> None:
        self.seg = seg
        self.blocks = blocks
        self.start = start
        self.role: str | None = None
        self.section: TableSection | None = None  # the open table section
        self.zone: list[TextBlock] = []  # a title zone waiting for its table
        self.zone_title: Title | None = None
        self.number_line: TextBlock | None = None  # a lone 表N line waiting for its title

    # -- parts -----------------------------------------------------------------------------------
    def _to_part(self, b: Block) -> None:
        if self.role == "project_notes" and self.seg.project_notes:
            self.seg.project_notes[-1].append(b)
        elif self.role in ROLE_PART:
            self.seg.parts.setdefault(ROLE_PART[self.role], []).append(b)
        else:
            self.seg.unplaced.append(b)

    def _open_role(self, role: str, b: TextBlock, chapter: bool) -> None:
        self.role = role
        if chapter:
            self.seg.chapter_titles.add(id(b))
        if role == "project_notes":
            self.seg.project_notes.append([b])
        else:
            self._to_part(b)

    def _heading(self, i: int, b: TextBlock) -> bool:
        """Open a part or chapter if this line is a heading that changes what follows."""
        text = b.text.strip()
        p = part_number(text)
        if p is not None:
            self.seg.part_numbers.add(p)
            title = text
            nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
            if heading_role(text) is None and isinstance(nxt, TextBlock) and len(key(nxt.text)) <= 30 \
                    and part_number(nxt.text) is None:
                title = text + nxt.text  # 第一部分 on its own line, or its title wrapped onto the next
            self._open_role(heading_role(title) or "narrative", b, chapter=not self.seg.part_headings)
            return True
        k = key(text)
        if len(k) > 40 or k.endswith(("。", "；", ";", "，", ",")):
            return False
        role = heading_role(text)
        numbered = bool(_LEVEL1.match(text))
        if numbered and role is not None and role != self.role and (role != "narrative" or self.role in (None, "overview", "tables")):
            self._open_role(role, b, chapter=not self.seg.part_headings)
            return True
        enumerated = bool(re.match(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])", text))
        prev = self.blocks[i - 1] if i > 0 else None
        continues = (isinstance(prev, TextBlock) and bool(_LEVEL1.match(prev.text.strip()) or part_number(prev.text))
                     and not key(prev.text).endswith(("。", "；", "明", "况")) and len(key(text)) <= 12)
        if continues:
            return False  # the end of a heading wrapped onto this line (三、…支出决 / 算情况说明)
        if not numbered and not enumerated and is_chapter_title(text) and role is not None:
            if role == self.role and role != "project_notes":
                self.seg.chapter_titles.add(id(b))  # a new chapter of the same kind (其他相关情况说明)
                self._to_part(b)
            else:
                self._open_role(role, b, chapter=True)
            return True
        return False

    # -- tables ----------------------------------------------------------------------------------
    def _close_zone(self) -> None:
        """A title zone without a table: it was a heading or a mention; its lines are part text."""
        for t in self.zone:
            self._to_part(t)
        self.zone, self.zone_title = [], None

    def _open_section(self) -> TableSection:
        title = self.zone_title
        assert title is not None
        sec = TableSection(kind=title.kind, number=title.number, title=title.text, title_lines=list(self.zone))
        for t in self.zone:
            tk = key(t.text)
            um = _UNIT.search(tk)
            if um and sec.unit is None:
                sec.unit = um.group(1)
            sm = _SCOPE_CODE.match(tk)
            if sm and sec.scope is None:
                sec.scope_code, sec.scope = sm.group(1), sm.group(2)
            sm2 = _SCOPE.match(t.text.strip())
            if sm2 and sec.scope is None and not _UNIT.match(key(sm2.group(1))):
                sec.scope = sm2.group(1).strip()  # (单位名称： left blank before 单位：万元 names nothing)
            if sec.number is None:
                sec.number = number_only(t.text) or split_number(t.text)[0]
        if sec.number is not None and not re.match(r"^\d", sec.number):
            sec.number = None  # 一、 / （一） enumerate the contents, they do not number the table
        self.zone, self.zone_title = [], None
        prev = self.seg.tables[-1] if self.seg.tables else None
        if (prev is not None and prev is self.section and prev.kind is sec.kind and prev.number == sec.number
                and sec.kind is not None and kind_info(sec.kind).shape != "form" and (sec.scope is None or prev.scope in (None, sec.scope))):
            prev.continued += 1  # the title repeated on the next page
            return prev
        self.seg.tables.append(sec)
        return sec

    def _in_tables(self) -> bool:
        """Are we in the tables of the document (a tables part, or no part at all)?"""
        return self.role in (None, "tables")

    def _notes_or_text(self, i: int, b: TextBlock) -> None:
        """A line after a table: a note, a page number, text broken across a page, or part text."""
        sec = self.section
        assert sec is not None
        text = b.text.strip()
        if _PAGE_NUMBER.match(key(text)):
            return
        if is_note(text) or not sec.has_table:
            sec.notes.append(b)
            return
        if self._in_tables() or (sec.kind is not None and kind_info(sec.kind).shape == "form"):
            sec.blocks.append(b)  # a cell broken across a page, a form's sub-heading
            return
        # In the text of the document a table ends with the prose after it, unless a table block
        # with no title follows within a few lines (text broken across a page).
        j = i + 1
        while j < len(self.blocks) and isinstance(self.blocks[j], TextBlock):
            t = self.blocks[j].text  # type: ignore[union-attr]
            if is_title_start(t) or part_number(t):
                break
            j += 1
        if j < len(self.blocks) and isinstance(self.blocks[j], TableBlock) and j - i <= 3:
            sec.blocks.append(b)
            return
        self.section = None
        self._to_part(b)

    def run(self) -> None:
        blocks = self.blocks
        for i in range(self.start, len(blocks)):
            b = blocks[i]
            if isinstance(b, TableBlock):
                self._table(b)
                continue
            assert isinstance(b, TextBlock)
            text = b.text
            if not text.strip():
                continue
            t = title_of(text)
            num = number_only(text)
            if self.zone and t is None and (part_number(text) or (is_chapter_title(text) and heading_role(text))):
                self._close_zone()  # a heading ends a title zone that found no table
            if self.zone:
                if t is not None and self.zone_title is not None and t.kind is not self.zone_title.kind:
                    self._close_zone()  # the first was a heading over the second
                elif len(self.zone) < _MAX_ZONE and (t is not None or _zone_line(text)):
                    self.zone.append(b)
                    if self.zone_title is None and t is not None:
                        self.zone_title = t
                    continue
                else:
                    self._close_zone()
            if t is not None or num is not None:
                if num is not None and self.section is not None and self.section.number is None \
                        and not self.section.continued and self.number_line is None and t is None:
                    # A number printed under its title (收入支出决算总表 / 公开01表), or before the
                    # next title: decided by whether a title follows.
                    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                    if not (isinstance(nxt, TextBlock) and title_of(nxt.text)):
                        self.section.number = num
                        self.section.title_lines.append(b)
                        continue
                self.zone = [b]
                self.zone_title = t
                continue
            if self._heading(i, b):
                self.section = None
                continue
            if self.section is not None and not self._in_tables() and _LEVEL1.match(text.strip()) \
                    and len(key(text)) <= 40 and not key(text).endswith(("。", "；")):
                self.section = None  # 八、其他重要事项说明 after a form printed in the text: the text resumes
            if self.section is not None:
                self._notes_or_text(i, b)
                continue
            self._to_part(b)
        if self.zone:
            self._close_zone()

    def _table(self, b: TableBlock) -> None:
        if self.zone:
            if self.zone_title is None:
                self.zone_title = _untitled(self.zone)
            if self.zone_title is not None:
                self.section = self._open_section()
            else:
                self._close_zone()
        if self.section is None and self._in_tables() and self.seg.tables:
            self.section = self.seg.tables[-1]  # a table with no title of its own continues the last one
        if self.section is None:
            self._to_part(b)  # a table of the text (a chart's legend, a list of units)
            return
        self.section.blocks.append(b)


def _untitled(zone: list[TextBlock]) -> Title | None:
    """A zone of only a number line (表1) and a unit line before a table: a table of unknown kind
    would be a guess, so it is not a table section."""
    return None


def empty_cell_row(width: int) -> TableRow:
    return TableRow(cells=tuple(Cell(text="", col=i) for i in range(width)))
