"""Header and label vocabulary: printed words → stable keys used throughout the model.

The words are data (``data/vocabulary.yaml``, from the corpus documents' headers); keys are English
and stable (rules, summary and renderer refer to them). Matching uses
:func:`yusuan.text.cjk.name_key` (no spaces, quotes or brackets).
"""

from __future__ import annotations

import re
from typing import Any

from yusuan.templates.family import load_yaml
from yusuan.text.cjk import name_key

# Roles of non-value columns.
CODE = "@code"
NAME = "@name"
UNIT_NAME = "@unit_name"
LINE_NO = "@line_no"


def _words(d: dict[str, list[str]]) -> dict[str, str]:
    """{key: [words]} → {word key: key}."""
    return {name_key(str(w)): k for k, words in d.items() for w in words}


def _data() -> dict[str, Any]:
    data = load_yaml("vocabulary.yaml")
    assert isinstance(data, dict)
    return data


_D = _data()
ROLES = _words(_D["roles"])
COLUMN_LEAVES = {**_words(_D["leaves"]), **ROLES}
COLUMN_GROUPS = _words(_D["groups"])
FLAT_GROUPS = frozenset(_D["flat_groups"])
_CODE_ENDINGS = tuple(_D["code_endings"])
_NAME_ENDINGS = tuple(_D["name_endings"])
MEASURES = {name_key(w): (m, spec.get("budget", m), spec.get("final", m))
            for m, spec in _D["measures"].items() for w in spec["words"]}
RATE_WORDS = tuple(name_key(w) for w in _D["rate_words"])
INCOME_LABELS = _words(_D["income_lines"])
EXPENDITURE_LABELS = _words(_D["expenditure_lines"])
CARRYOVER_SUBLINES = _words(_D["carryover_sublines"])
FUNDING_LABELS = _words(_D["funding_lines"])
SOURCES = frozenset(_D["sources"])
ROW_IDENTITIES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (r["target"], tuple(r["parts"])) for r in _D["row_identities"])

_YEAR = re.compile(r"^\d{4}年度?")
_OF = re.compile(r"^其中[:：]?")


def _clean(label: str) -> str:
    return _OF.sub("", _YEAR.sub("", name_key(label)))


def _is_of(label: str) -> bool:
    """An "of which" column (其中：教育收费): a part of the column before it, not a sibling."""
    return bool(_OF.match(_YEAR.sub("", name_key(label))))


def _measure(label: str, document: str) -> str | None:
    m = MEASURES.get(label)
    if m is None:
        return None
    return m[2] if document == "final" else m[1]


def column_key(path: list[str], document: str = "budget") -> str | None:
    """Key of a column from its header path (outermost first), or None for an unlabelled column.

    ``document`` (budget | final) decides what a 预算数 / 决算数 column is: the year's own figure
    (no prefix) or a comparison figure (budget.total in a final account's 三公 table).
    """
    labels = [_clean(p) for p in path if p.strip()]
    labels = [lb for lb in labels if lb]
    if not labels:
        return None
    leaf = labels[-1]
    if leaf in ROLES:
        return ROLES[leaf]
    if leaf.endswith(_CODE_ENDINGS):
        return CODE  # 部门预算经济分类科目编码 and other spellings
    if leaf.endswith(_NAME_ENDINGS):
        return NAME  # 部门经济分类科目名称
    rate = any(w in leaf for w in RATE_WORDS)
    measure = next((m for m in (_measure(lb, document) for lb in reversed(labels)) if m is not None), None)
    leaf_measure = _measure(leaf, document) is not None
    if rate:
        return "rate:" + (measure or "change")
    if leaf_measure:
        # 预算数 / 决算数 as the lowest label: the item is the group above it (三公 › 因公出国 › 预算数).
        item = next((COLUMN_LEAVES.get(lb) for lb in reversed(labels[:-1]) if COLUMN_LEAVES.get(lb)), None)
        groups_above = [lb for lb in labels[:-1] if lb in COLUMN_GROUPS or lb in COLUMN_LEAVES]
        leaf_key = item if item and not item.startswith("@") else "total"
        inner = labels[:-1]
        if item and groups_above:
            inner = labels[: max(i for i, lb in enumerate(labels[:-1]) if COLUMN_LEAVES.get(lb) == item)]
    else:
        leaf_key = COLUMN_LEAVES.get(leaf) or (("of:" if _is_of(path[-1]) else "label:") + leaf)
        inner = labels[:-1]
    if leaf_key.startswith("@"):
        return leaf_key
    # The innermost group decides (三公经费预算数 › 公务用车购置及运行费 › 小计 is the vehicle subtotal).
    groups = [COLUMN_GROUPS[g] for g in inner if g in COLUMN_GROUPS]
    group = groups[-1] if groups else None
    key = _grouped(leaf_key, group)
    if group in FLAT_GROUPS and "." not in key and not key.startswith("of:"):
        outer = next((g for g in reversed(groups[:-1]) if g not in FLAT_GROUPS), None)
        if outer is not None and outer != key:
            key = f"{outer}.{key}"  # 本年收入 › 财政拨款 › 一般公共预算拨款 is current.gpb
    return f"{measure}.{key}" if measure else key


def _grouped(leaf_key: str, group: str | None) -> str:
    if group is None or group == leaf_key:
        return leaf_key
    if group in FLAT_GROUPS:
        if group == "three_public":
            return "total" if leaf_key in ("subtotal", "total") else leaf_key
        return group if leaf_key in ("subtotal", "total") else leaf_key
    return group if leaf_key in ("subtotal", "total") else f"{group}.{leaf_key}"


_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十廿]+[、.．]|[（(][一二三四五六七八九十廿]+[)）]|\d+[.．、]\s*(?!\d)|[①-⑳])\s*"
)


def strip_ordinal(text: str) -> str:
    """Remove a leading enumerator: ``一、`` ``（二）`` ``廿一、`` ``1.`` ``①``."""
    return _ORDINAL.sub("", text.strip(), count=1)


def ordinal_level(text: str) -> int | None:
    """Nesting level of a leading enumerator: 1 for 一、, 2 for （一）, 3 for 1. / 1、, None if none."""
    s = text.strip()
    if re.match(r"^[一二三四五六七八九十廿]+[、.．]", s):
        return 1
    if re.match(r"^[（(][一二三四五六七八九十廿]+[)）]", s):
        return 2
    if re.match(r"^\d+[.．、]\s*(?!\d)", s):
        return 3
    return None


def top_level_sources(keys: set[str] | frozenset[str]) -> list[str]:
    """The source-of-funds columns a table adds up to its total, whatever its grouping.

    本年收入 › 一般公共预算 (current.gpb) counts unless the table prints the 本年收入 subtotal (then
    that counts), likewise 上年结转 › …; 财政拨款 stands for its 一般公共预算 / 政府性基金 / 国有资本
    经营 parts when printed; 其中 columns are parts of another column and never count.
    """
    out = []
    for k in sorted(keys):
        group, _, leaf = k.rpartition(".")
        if "of:" in k or leaf not in SOURCES:
            continue
        if group and (group not in ("current", "carryover") or group in keys):
            continue
        out.append(k)
    if "current" in keys:
        out.append("current")
    for fiscal in ("fiscal", "current.fiscal"):
        if fiscal in out:
            prefix = fiscal[: -len("fiscal")]
            out = [k for k in out if k not in (f"{prefix}gpb", f"{prefix}gov_fund", f"{prefix}soe")]
    return out
