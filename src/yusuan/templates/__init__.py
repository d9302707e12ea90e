"""Templates as data: what one region's disclosure template contains, and which one a document uses.

A template is a YAML file under ``data/templates/`` (one per region and document kind): its tables
(kind, number, printed title and synonyms), units, whether it has 第X部分 headings, its narrative
sections and the statements it requires, and how projects are described. Recognition,
completeness rules, rendering and the entry workbook read the :class:`Template`; no code outside
this package branches on a template's id. A document whose template is not known gets
:data:`UNKNOWN`, which requires nothing: only the checks that need no template run on it.

Adding a region is adding a file (docs/templates.md says how); ``yusuan templates`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from yusuan.model.budget import TableKind
from yusuan.model.figures import WAN
from yusuan.templates.family import (
    classify_title,
    family,
    load_yaml,
    split_number,
    standard_name,
    without_qualifier,
)
from yusuan.text.cjk import name_key

__all__ = [
    "UNKNOWN",
    "PrintedTable",
    "Statement",
    "Template",
    "TemplateTable",
    "all_templates",
    "classify_title",
    "detect_template",
    "family",
    "get_template",
    "split_number",
    "standard_name",
]


@dataclass(frozen=True)
class TemplateTable:
    kind: TableKind
    number: str | None
    title: str
    synonyms: tuple[str, ...] = ()
    required: bool = True
    unit: str | None = None  # when this table's unit differs from the template's table unit

    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.synonyms)


@dataclass(frozen=True)
class Statement:
    """A statement the template requires in the narrative: the quantity, the kind of claim, what it is."""

    quantity: str
    claim: str
    what: str


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    document: str = "budget"  # budget | final
    region: str = ""
    sources: tuple[str, ...] = ()
    table_list: tuple[TemplateTable, ...] = ()
    table_unit: str = WAN
    narrative_unit: str = WAN
    has_parts: bool = True  # 第一部分 … headings (else chapters)
    numbers_printed: bool = True  # 表N above each title (else only the contents number them)
    narrative_topics: tuple[str, ...] = ()
    narrative_subjects: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    checks: frozenset[str] = frozenset()  # completeness checks the template asks for (see requires())
    project_form: str = ""  # sheet (项目申报表 with targets) | note (项目经费情况说明) | "" (none required)
    detect_parts: bool | None = None  # the document must (True) / must not (False) have 第X部分 headings
    min_share: float = 0.7  # detection: the share of the template's tables printed under its own titles
    any_titles: tuple[str, ...] = ()  # detection: the document prints at least one of these titles
    options: dict[str, object] = field(default_factory=dict)  # rendering and entry options

    # -- what rules and the renderer ask ---------------------------------------------------------
    @property
    def known(self) -> bool:
        return bool(self.table_list)

    @property
    def tables(self) -> tuple[TableKind, ...]:
        """Required tables, in the template's order."""
        return tuple(t.kind for t in self.table_list if t.required)

    @property
    def table_numbers(self) -> dict[TableKind, str]:
        return {t.kind: t.number for t in self.table_list if t.number}

    @property
    def required_statements(self) -> tuple[tuple[str, str, str], ...]:
        return tuple((s.quantity, s.claim, s.what) for s in self.statements)

    def table(self, kind: TableKind) -> TemplateTable | None:
        return next((t for t in self.table_list if t.kind is kind), None)

    def number_of(self, kind: TableKind) -> str | None:
        t = self.table(kind)
        return t.number if t else None

    def title_of(self, kind: TableKind) -> str:
        t = self.table(kind)
        return t.title if t else standard_name(kind)

    def label_of(self, kind: TableKind) -> str:
        """How findings name a table of this template that the document lacks."""
        number = self.number_of(kind)
        if number and self.numbers_printed:
            return f"表{number}"
        return self.title_of(kind)

    def own_title(self, kind: TableKind, printed: str) -> bool:
        """Is ``printed`` this template's own title for ``kind`` (after a year / department prefix)?"""
        t = self.table(kind)
        if t is None:
            return False
        k = name_key(without_qualifier(printed))
        return any(k.endswith(name_key(without_qualifier(title))) for title in t.titles())

    def requires(self, check: str) -> bool:
        """Does the template ask for this completeness check? ``glossary`` (a 名词解释 is published),
        ``glossary_items`` (it explains every 项 used), ``overview`` (part 1 states functions, units
        and staffing), ``project_sheets`` (every project has its performance sheet)."""
        return check in self.checks

    def unit_of(self, kind: TableKind) -> str:
        t = self.table(kind)
        return (t.unit if t and t.unit else None) or self.table_unit

    @property
    def glossary_items(self) -> bool:
        return self.requires("glossary_items")

    def option(self, name: str, default: object = None) -> object:
        return self.options.get(name, default)


UNKNOWN = Template(id="unknown", name="未识别的模板")


def _template(data: dict) -> Template:
    units = data.get("units") or {}
    narrative = data.get("narrative") or {}
    detect = data.get("detect") or {}
    tables = tuple(
        TemplateTable(kind=TableKind(t["kind"]), number=str(t["number"]) if t.get("number") is not None else None,
                      title=t["title"], synonyms=tuple(t.get("synonyms") or ()), required=bool(t.get("required", True)),
                      unit=t.get("unit"))
        for t in data.get("tables") or ()
    )
    return Template(
        id=data["id"],
        name=data["name"],
        document=data.get("document", "budget"),
        region=data.get("region", ""),
        sources=tuple(data.get("sources") or ()),
        table_list=tables,
        table_unit=units.get("tables", WAN),
        narrative_unit=units.get("narrative", WAN),
        has_parts=bool(data.get("parts", True) if data.get("parts", True) is not None else True),
        numbers_printed=bool(data.get("numbers_printed", True)),
        narrative_topics=tuple(narrative.get("topics") or ()),
        narrative_subjects=tuple(narrative.get("subjects") or ()),
        statements=tuple(Statement(s["quantity"], s.get("claim", ""), s["what"]) for s in narrative.get("statements") or ()),
        checks=frozenset(data.get("checks") or ()),
        project_form=data.get("project_form", ""),
        detect_parts=None if "parts" in data and data["parts"] is None else bool(data.get("parts", True)),
        min_share=float(detect.get("min_share", 0.7)),
        any_titles=tuple(detect.get("any_titles") or ()),
        options=dict(data.get("options") or {}),
    )


@cache
def all_templates() -> dict[str, Template]:
    """Every known template by id (``unknown`` included)."""
    out: dict[str, Template] = {}
    folder = resources.files("yusuan.templates").joinpath("data", "templates")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = load_yaml(f"templates/{entry.name}")
        assert isinstance(data, dict), entry.name
        t = _template(data)
        if t.id in out or t.id == UNKNOWN.id:
            raise ValueError(f"duplicate template id {t.id} ({entry.name})")
        out[t.id] = t
    out[UNKNOWN.id] = UNKNOWN
    return out


def render_default() -> Template:
    """The template the renderer lays out data in when the data names none (``options.render_default``)."""
    return next(t for t in all_templates().values() if t.option("render_default"))


def get_template(template_id: str | None) -> Template:
    """A template by id; :data:`UNKNOWN` for None or an id that is not known."""
    if not template_id:
        return UNKNOWN
    return all_templates().get(template_id, UNKNOWN)


@dataclass(frozen=True)
class PrintedTable:
    """What detection needs of a table the document prints: its kind, number and title as printed."""

    kind: TableKind | None
    number: str | None
    title: str


def match_count(template: Template, printed: Iterable[PrintedTable]) -> int:
    """How many printed tables carry this template's own title (and number, where it prints them)."""
    n = 0
    seen: set[TableKind] = set()
    for p in printed:
        if p.kind is None or p.kind in seen or not template.own_title(p.kind, p.title):
            continue
        if template.numbers_printed and template.number_of(p.kind) != p.number:
            continue  # (a template that numbers its tables is not one whose tables carry no numbers)
        seen.add(p.kind)
        n += 1
    return n


def detect_template(printed: list[PrintedTable], has_parts: bool, document: str = "budget") -> Template:
    """The template whose table list the document follows best, or :data:`UNKNOWN`.

    A template is a candidate when the document is of its kind, satisfies its ``detect`` conditions
    and prints at least ``min_share`` of its tables under its own titles (and numbers); among
    candidates the one matching the largest share of its tables wins (then the most tables).
    """
    best: tuple[float, int, Template] | None = None
    for t in all_templates().values():
        if not t.known or t.document != document:
            continue
        if t.detect_parts is not None and t.detect_parts != has_parts:
            continue
        n = match_count(t, printed)
        if n < t.min_share * len(t.table_list):
            continue
        if t.any_titles and not any(name_key(p.title).endswith(name_key(a)) for p in printed for a in t.any_titles):
            continue
        share = n / len(t.table_list)
        if best is None or (share, n) > best[:2]:
            best = (share, n, t)
    return best[2] if best else UNKNOWN
