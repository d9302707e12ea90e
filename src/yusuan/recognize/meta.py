"""Who published the document, for which year: from the cover, the table scope lines and titles.

The department's name is taken, in order, from a cover line naming it (预算主管部门：…), the scope
lines printed above the tables (部门：… / 编制部门：… / 单位名称：…), the cover title with its year
and document words removed (``2026年深圳市财政局（本级）部门预算`` → 深圳市财政局（本级）; a title
wrapped over two lines is joined first), the part headings (第一部分 国家信访局基本情况) and the
performance form. The year: the cover title, then the contents and headings, then the titles and
headers of the tables, then the year the text names most often.
"""

from __future__ import annotations

import re
from collections import Counter

from yusuan.layout import Layout, TextBlock
from yusuan.model.budget import BalanceTable, OverallPerformance, Table, TableKind
from yusuan.recognize.segment import Segments
from yusuan.text.cjk import key

_COVER_SCOPE = re.compile(r"^(?:预算主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)[:：]")
_YEAR_WORD = re.compile(r"(\d{4})\s*年(?:度)?")
_DOC_TAIL = re.compile(
    r"(?:\d{4}年度?)?(?:区级|市级|省级)?(?:部门|单位)?(?:（汇总）|\(汇总\))?(?:预算|决算)(?:信息)?(?:公开)?(?:说明|报告)?$")
_YEAR_HEAD = re.compile(r"^\d{4}年度?")
_PART_TITLE = re.compile(r"^第[一二三四五六七八九十]+部分")
_PART_TAILS = ("基本情况", "概况", "部门概况")
_SUMMARY_ONLY = re.compile(r"(?:（汇总）|\(汇总\))$")


def _plausible(name: str) -> bool:
    """A department's name: some Chinese characters, not a year, unit line or document word."""
    k = key(name)
    return (2 <= len(k) <= 40 and not k.startswith(("单位", "金额单位")) and not _YEAR_HEAD.fullmatch(k)
            and not re.fullmatch(r"[\d年度月日\s]+", k) and k not in ("部门预算", "部门决算"))


def _from_cover_title(cover: list[TextBlock]) -> str | None:
    """The department named by the cover title (its lines joined until one names a document)."""
    joined = ""
    for b in cover:
        k = key(b.text)
        if re.match(r"^\d{4}年\d{1,2}月", k) or _COVER_SCOPE.match(k):
            break  # a date or a scope line ends the title
        joined += k
        tail = _DOC_TAIL.search(joined)
        if tail:
            name = _YEAR_HEAD.sub("", joined[: tail.start()])
            name = _SUMMARY_ONLY.sub("", name)
            return name if _plausible(name) else None
    return None


def _from_part_headings(seg: Segments) -> str | None:
    for part in seg.parts.values():
        for b in part[:1]:
            if isinstance(b, TextBlock):
                k = _PART_TITLE.sub("", key(b.text))
                for tail in _PART_TAILS:
                    if k.endswith(tail) and _plausible(k[: -len(tail)]):
                        return _SUMMARY_ONLY.sub("", k[: -len(tail)])
    return None


def department_of(seg: Segments, tables: dict[TableKind, Table | BalanceTable],
                  overall: OverallPerformance | None) -> str:
    for b in seg.cover:
        if _COVER_SCOPE.match(key(b.text)):
            name = re.split(r"[:：]", b.text.strip(), maxsplit=1)[-1].strip()
            if _plausible(name):
                return name
    scopes = Counter(_SUMMARY_ONLY.sub("", re.sub(r"本级$", "", t.scope.strip()))
                     for t in tables.values() if t.scope and _plausible(t.scope))
    if scopes:
        return scopes.most_common(1)[0][0]
    for guess in (_from_cover_title(seg.cover), _from_part_headings(seg)):
        if guess:
            return guess
    if overall is not None and overall.department:
        return overall.department
    return seg.cover[0].text.strip() if seg.cover else ""


def year_of(layout: Layout, seg: Segments, tables: dict[TableKind, Table | BalanceTable]) -> tuple[int | None, bool]:
    """(year, stated): stated when a title or heading prints it, not only the text."""
    cover = "".join(key(b.text) for b in seg.cover)
    if "预算" in cover or "决算" in cover:
        # The year the title names (not the date of publication printed under it).
        title = re.split(r"\d{4}年\d{1,2}月", cover, maxsplit=1)[0]
        m = _YEAR_WORD.search(title)
        if m:
            return int(m.group(1)), True
    for b in [*seg.contents, *(p[0] for p in seg.parts.values() if p)]:
        if isinstance(b, TextBlock):
            m = re.search(r"(\d{4})\s*年(?:度)?(?:区级|市级)?(?:部门|单位)?(?:预算|决算)", key(b.text))
            if m:
                return int(m.group(1)), True
    for t in tables.values():
        for text in (t.title, t.recognition.printed_title, *(c.label for c in getattr(t, "columns", []))):
            m = _YEAR_WORD.search(key(text or ""))
            if m:
                return int(m.group(1)), True
    counts: Counter[int] = Counter()
    for b in layout.blocks:
        texts = [b.text] if isinstance(b, TextBlock) else [c.text for r in b.rows for c in r.cells]
        for text in texts:
            counts.update(int(m.group(1)) for m in _YEAR_WORD.finditer(text) if 2000 <= int(m.group(1)) <= 2100)
    return (counts.most_common(1)[0][0], False) if counts else (None, False)
