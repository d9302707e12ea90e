"""Part 4 (名词解释): terms and the explanations of every functional-classification 项 used."""

from __future__ import annotations

import re

from yusuan.layout import Block, TextBlock
from yusuan.model.budget import Glossary, GlossaryEntry, Row, RowKind
from yusuan.quantities import similar
from yusuan.recognize.context import Context
from yusuan.text.cjk import key, name_key
from yusuan.text.joined import JoinedText

_ENTRY = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+\s*[、.．]|[一二三四五六七八九十]+、)\s*")
# A line that opens an entry without an enumerator: a 项 (or 类/款) term before its colon, as the
# central departments print the items under their 类（款） (行政运行（项）：指…).
_TERM_LINE = re.compile(r"^[^：:，。；]{1,40}[（(][类款项][)）]\s*[:：]")
_PATH = re.compile(r"^(.+?)[（(]类[)）](.+?)[（(]款[)）](.+?)[（(]项[)）]$")
_CLASS_SECTION = re.compile(r"^(.+?)[（(]类[)）](.+?)[（(]款[)）]$")
_ITEM_ONLY = re.compile(r"^([^（(]+)[（(]项[)）]$")
_NOTE = re.compile(r"^(?:备注|注)[:：]")


def resolve_path(path: list[str], items: list[Row], sections: dict[str, str], classes: dict[str, str]) -> str | None:
    """Code of the 项 a 类/款/项 name path speaks of, among the document's own items.

    Exact names first; otherwise the most similar item (names in glossaries drift: 机构/机关,
    a missing 支出) whose 款 and 类 also fit. ``sections``/``classes`` map codes to names.
    """
    cls, sec, item = (name_key(p) for p in path)
    best: tuple[float, str] | None = None
    for row in items:
        if row.code is None or len(row.code) != 7:
            continue
        score = (
            2 * similar(item, name_key(row.name))
            + similar(sec, name_key(sections.get(row.code[:5], "")))
            + similar(cls, name_key(classes.get(row.code[:3], "")))
        )
        if best is None or score > best[0]:
            best = (score, row.code)
    if best is not None and best[0] >= 3.0:
        return best[1]
    return None


def parse_glossary(blocks: list[Block], ctx: Context, function_rows: list[Row]) -> Glossary:
    items = [r for r in function_rows if r.kind is RowKind.ITEM]
    sections = {r.code: r.name for r in function_rows if r.code and r.kind is RowKind.SECTION}
    classes = {r.code: r.name for r in function_rows if r.code and r.kind is RowKind.CLASS}
    pieces: list[JoinedText] = []
    for b in blocks:
        if not isinstance(b, TextBlock):
            continue
        text = b.text.strip()
        if not text or text.startswith("第四部分") or key(text) == "名词解释" or _NOTE.match(text):
            continue
        term_line = _TERM_LINE.match(text) and (not pieces or re.search(r"[:：]", pieces[-1].text))
        if _ENTRY.match(text) or term_line or not pieces:
            pieces.append(JoinedText())
            pieces[-1].add(text, b.line, b.page)
        else:
            pieces[-1].add(text, b.line, b.page)
    entries: list[GlossaryEntry] = []
    under: list[str] = []  # the 类 and 款 of the entry above, for items printed under it
    for piece in pieces:
        body = _ENTRY.sub("", piece.text, count=1)
        parts = re.split(r"[:：]", body, maxsplit=1)
        term = parts[0].strip()
        definition = parts[1].strip() if len(parts) > 1 else ""
        if not definition and "科目" in term:
            continue  # a heading such as 本部门使用的主要支出功能分类科目（项级）
        m = _PATH.match(key(term))
        path: list[str] = []
        code = None
        if m:
            path = [m.group(1), m.group(2), m.group(3)]
            code = resolve_path(path, items, sections, classes)
            under = path[:2]
        elif (cs := _CLASS_SECTION.match(key(term))) is not None:
            under = path = [cs.group(1), cs.group(2)]
        elif (it := _ITEM_ONLY.match(key(term))) is not None and under:
            path = [*under, it.group(1)]
            code = resolve_path(path, items, sections, classes)
        entries.append(GlossaryEntry(term=term, path=path, code=code, definition=definition,
                                     source=ctx.ref(piece.lines[0], piece.pages[0], section="名词解释", text=term)))
    return Glossary(entries=entries)
