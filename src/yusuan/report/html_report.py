"""Self-contained HTML report: each finding beside the source it points at, figures highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from yusuan.model.budget import Budget
from yusuan.model.figures import SourceRef
from yusuan.report.quote import excerpt
from yusuan.rules.finding import Finding, Severity
from yusuan.rules.registry import FAMILIES, registry

_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass
class Quote:
    label: str
    where: str
    lines: list[tuple[int, Markup, bool]]


@dataclass
class Item:
    finding: Finding
    title: str
    label: str
    family: str
    quotes: list[Quote]


@dataclass
class Document:
    path: str
    budget: Budget
    items: list[Item]
    counts: dict[str, int]
    suppressed: int


def _highlight(line: str, needle: str | None) -> Markup:
    text = escape(line)
    if needle:
        n = escape(needle.strip())
        if n and n in text:
            return Markup(text.replace(n, f"<mark>{n}</mark>", 1))
    return Markup(text)


def _quotes(locations: list[SourceRef]) -> list[Quote]:
    out = []
    for loc in locations[:4]:
        ex = excerpt(loc, context=2)
        where = " ".join(x for x in (loc.table, loc.section, loc.column) if x)
        if ex is None:
            if where:
                out.append(Quote(label="", where=where, lines=[]))
            continue
        lines = [(ex.start + i, _highlight(t, loc.text if i == ex.focus else None), i == ex.focus)
                 for i, t in enumerate(ex.lines)]
        out.append(Quote(label=ex.label, where=where, lines=lines))
    return out


def document(path: str, budget: Budget, findings: list[Finding], suppressed: int = 0) -> Document:
    rules = registry()
    items = []
    for f in findings:
        r = rules.get(f.rule)
        items.append(Item(f, r.title if r else f.name, _LABEL[f.severity], FAMILIES.get(f.rule[0], ("", ""))[0],
                          _quotes(f.locations)))
    counts = {s.value: sum(f.severity is s for f in findings) for s in Severity}
    return Document(path, budget, items, counts, suppressed)


def render(documents: list[Document]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("yusuan.report", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(documents=documents, labels=_LABEL)
