"""The national family of tables: what each kind is called and how a printed title names it.

Every region prints the same family of tables in its own wording; the words live in
``data/family.yaml`` (see its header), not in code. :func:`classify_title` maps a printed title to a
kind; :func:`split_number` takes a table number off the front of a title line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yusuan.model.budget import TableKind
from yusuan.text.cjk import name_key


@dataclass(frozen=True)
class KindInfo:
    kind: TableKind
    name: str  # standard Chinese name
    document: str  # budget | final
    shape: str  # two_sided | code_rows | unit_rows | single | projects | form | list


@dataclass(frozen=True)
class TitleRule:
    kind: TableKind
    final: bool
    all: tuple[str, ...]
    any: tuple[str, ...]
    none: tuple[str, ...]

    def matches(self, k: str) -> bool:
        if self.final != ("决算" in k):
            return False
        if any(w not in k for w in self.all):
            return False
        if self.any and not any(w in k for w in self.any):
            return False
        return not any(w in k for w in self.none)


@dataclass(frozen=True)
class HeadingRule:
    role: str
    ends: tuple[str, ...]
    any: tuple[str, ...]
    none: tuple[str, ...]

    def matches(self, k: str) -> bool:
        if any(w in k for w in self.none):
            return False
        return k.endswith(self.ends) or any(w in k for w in self.any)


@dataclass(frozen=True)
class Family:
    kinds: dict[TableKind, KindInfo]
    titles: tuple[TitleRule, ...]
    title_endings: tuple[str, ...]
    not_titles: frozenset[str]
    mention_words: tuple[str, ...]
    number_patterns: tuple[re.Pattern[str], ...]
    empty_markers: tuple[re.Pattern[str], ...]
    headings: tuple[HeadingRule, ...]
    chapter_endings: tuple[str, ...]
    note_patterns: tuple[re.Pattern[str], ...]


def load_yaml(name: str) -> object:
    """A YAML data file of this package (``data/<name>``)."""
    import yaml

    text = resources.files("yusuan.templates").joinpath("data", name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _words(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (name_key(value),)
    return tuple(name_key(str(v)) for v in value)  # type: ignore[attr-defined]


@cache
def family() -> Family:
    data = load_yaml("family.yaml")
    assert isinstance(data, dict)
    kinds = {TableKind(k): KindInfo(TableKind(k), v["name"], v["document"], v["shape"])
             for k, v in data["kinds"].items()}
    missing = set(TableKind) - set(kinds)
    if missing:  # every kind of the model is described
        raise ValueError(f"family.yaml lacks kinds: {sorted(missing)}")
    titles = tuple(TitleRule(TableKind(r["kind"]), bool(r.get("final", False)), _words(r.get("all")),
                             _words(r.get("any")), _words(r.get("none"))) for r in data["titles"])
    return Family(
        kinds=kinds,
        titles=titles,
        title_endings=tuple(data["title_endings"]),
        not_titles=frozenset(_words(data["not_titles"])),
        mention_words=_words(data["mention_words"]),
        number_patterns=tuple(re.compile(p) for p in data["number_patterns"]),
        empty_markers=tuple(re.compile(p) for p in data["empty_markers"]),
        headings=tuple(HeadingRule(h["role"], _words(h.get("ends")), _words(h.get("any")), _words(h.get("none")))
                       for h in data["headings"]),
        chapter_endings=_words(data["chapter_endings"]),
        note_patterns=tuple(re.compile(p) for p in data["note_patterns"]),
    )


def kind_info(kind: TableKind) -> KindInfo:
    return family().kinds[kind]


def standard_name(kind: TableKind) -> str:
    return family().kinds[kind].name


def classify_title(title: str) -> TableKind | None:
    """The kind a printed title names, or None when it names none of the family."""
    k = name_key(title)
    if k in family().not_titles or any(w in k for w in family().mention_words):
        return None
    for r in family().titles:
        if r.matches(k):
            return r.kind
    return None


# A parenthetical after a title that qualifies it: （分功能科目） （按经济分类） （含绩效目标） （一） …
_QUALIFIER = re.compile(r"[（(](?:[^（()）]{0,10}(?:分类|科目|功能|经济|单位|部门|含|汇总|本级)[^（()）]{0,10}|[一二三四五六七八九十\d]+)[)）]$")


def without_qualifier(title: str) -> str:
    """A title without the parenthetical that qualifies it (（功能科目） （按经济分类）)."""
    return _QUALIFIER.sub("", title.strip().rstrip("：:"))


def ends_like_title(text: str) -> bool:
    """Does the text end the way a table title does (…表, …表（按功能分类）)?"""
    k = _QUALIFIER.sub("", text.strip().rstrip("：:"))
    return k.endswith(family().title_endings)


def split_number(text: str) -> tuple[str | None, str]:
    """(number, rest) of a title line: ``表 5-1. 一般公共预算支出表`` → ("5-1", "一般公共预算支出表")."""
    s = text.strip()
    for p in family().number_patterns:
        m = p.match(s)
        if m:
            number = re.sub(r"\s+", "", m.group(1)).replace("－", "-").replace("—", "-")
            return number, s[m.end():].strip()
    return None, s


def says_empty(text: str) -> bool:
    """Does a note say that its table is empty (本表无数据, 故本表为空表, 本部门无政府性基金预算支出)?"""
    k = name_key(text)
    if re.search(r"如无|若无|如果没有|如没有|如果无", k):
        return False  # a note on how to read an empty table (此表如无数字则表示…), not that this one is
    return any(p.search(k) for p in family().empty_markers)


def heading_role(title: str) -> str | None:
    """What a heading opens: overview | tables | narrative | glossary | project_notes, or None."""
    k = name_key(title).rstrip("。.：:")
    for h in family().headings:
        if h.matches(k):
            return h.role
    return None


def is_chapter_title(text: str) -> bool:
    """Is an unnumbered line a chapter title (…主要职能, 名词解释, 其他相关情况说明, …经费情况说明)?"""
    k = name_key(text)
    return 0 < len(k) <= 40 and k.endswith(family().chapter_endings)


def is_note(text: str) -> bool:
    """Is a line near a table a note about it (注：…, 备注：…, 本表反映…, 本部门无…)?"""
    k = name_key(text)
    return any(p.search(k) for p in family().note_patterns)
