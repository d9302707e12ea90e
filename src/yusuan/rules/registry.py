"""The rule registry: pure rule functions registered by a decorator, read-only once loaded.

Each rule has a stable id by family (ids are never reused), a readable name, tags, a default
severity, an explanation in Chinese and English, and a failing and a passing example (an edit of a
reference document; see :mod:`yusuan.rules.examples`). Selection by id, name or tag with globs.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from yusuan.rules.finding import Hit, Severity

if TYPE_CHECKING:
    from yusuan.rules.context import CheckContext

FAMILIES = {
    "S": ("结构与完整性", "structure and completeness"),
    "T": ("表内勾稽", "within a table"),
    "X": ("表间勾稽", "across tables"),
    "N": ("情况说明", "narrative claims"),
    "C": ("科目分类", "classification codes and names"),
    "P": ("绩效目标与项目", "performance targets and project sheets"),
    "Y": ("同比变动", "year-on-year changes"),
    "F": ("部门概况", "part-1 facts"),
}


@dataclass(frozen=True)
class Example:
    """An edit of a reference document that makes the rule fire (fail) or stay silent (pass).

    ``base`` names a reference document (:mod:`yusuan.rules.examples`); ``edits`` are (old, new)
    text replacements applied in order, each ``old`` occurring in the document.
    """

    description: str
    edits: tuple[tuple[str, str], ...] = ()
    base: str = "qiaokou"


RuleFn = Callable[["CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    title: str  # short Chinese title
    severity: Severity
    tags: tuple[str, ...]
    explain_zh: str
    explain_en: str
    fail: Example
    passing: Example
    fn: RuleFn = field(compare=False, repr=False)
    # What the rule needs of every table its findings point to (see Recognition.sure_for): a finding
    # that rests on a table not read surely enough is not raised; the table is reported 未核对.
    needs: tuple[str, ...] = ("header", "rows")

    @property
    def family(self) -> str:
        return self.id[0]

    def matches(self, pattern: str) -> bool:
        p = pattern.strip()
        return (fnmatch.fnmatchcase(self.id, p) or fnmatch.fnmatchcase(self.name, p)
                or any(fnmatch.fnmatchcase(t, p) for t in self.tags) or fnmatch.fnmatchcase(self.family, p))


_RULES: dict[str, Rule] = {}


def rule(id: str, name: str, title: str, severity: Severity, tags: tuple[str, ...], explain_zh: str,
         explain_en: str, fail: Example, passing: Example,
         needs: tuple[str, ...] = ("header", "rows")) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under a stable id.

    ``needs``: what the rule's findings rest on in the tables they point to — ``header`` (the meaning
    of the columns), ``rows`` (the row codes and the table's own roll-ups); () for rules about the
    document's structure that hold however a table was read.
    """

    def register(fn: RuleFn) -> RuleFn:
        if id in _RULES:
            raise ValueError(f"duplicate rule id {id}")
        if id[0] not in FAMILIES:
            raise ValueError(f"unknown rule family in {id}")
        if any(r.name == name for r in _RULES.values()):
            raise ValueError(f"duplicate rule name {name}")
        if any(n not in ("header", "rows") for n in needs):
            raise ValueError(f"{id}: unknown need in {needs}")
        _RULES[id] = Rule(id, name, title, severity, tags, explain_zh.strip(), explain_en.strip(), fail, passing, fn,
                          needs)
        return fn

    return register


def _load() -> MappingProxyType[str, Rule]:
    # Importing the family modules registers their rules.
    import importlib

    for module in ("classification", "cross", "narrative", "overview", "performance", "structure", "within",
                   "within_balance", "yoy"):
        importlib.import_module(f"yusuan.rules.{module}")

    return MappingProxyType(dict(sorted(_RULES.items())))


_REGISTRY: MappingProxyType[str, Rule] | None = None


def registry() -> MappingProxyType[str, Rule]:
    """All rules by id (read-only)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _load()
    return _REGISTRY


def select(patterns: Iterable[str] = (), ignore: Iterable[str] = ()) -> Iterator[Rule]:
    """Rules matching any of ``patterns`` (all when empty) and none of ``ignore``."""
    sel = [p for p in patterns if p.strip()]
    ign = [p for p in ignore if p.strip()]
    for r in registry().values():
        if sel and not any(r.matches(p) for p in sel):
            continue
        if any(r.matches(p) for p in ign):
            continue
        yield r
