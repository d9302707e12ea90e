"""Performance indicators: rows of 一级/二级/三级指标 with target values.

Cells of indicator tables are often shifted (leading empty cells dropped by the conversion, rows
broken across pages), so a row is read by what its cells contain rather than by position: level
names come from the indicator framework of 财预〔2021〕101号 (产出/效益/满意度/成本 and their second
levels), values look like ``≥90%`` or ``=4人`` or are qualitative, and the basis column holds words
such as 计划标准.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from yusuan.model.budget import Indicator, IndicatorValue
from yusuan.model.figures import SourceRef
from yusuan.text.cjk import fold, key
from yusuan.text.numbers import number_value

# First-level indicators (财预〔2021〕101号: 产出、效益、满意度; 成本 was added as a first level).
LEVEL1 = {"产出指标": "产出指标", "产出": "产出指标", "效益指标": "效益指标", "效益": "效益指标",
          "满意度指标": "满意度指标", "满意度": "满意度指标", "成本指标": "成本指标"}
# Second-level indicators and the first level each belongs to.
LEVEL2 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "成本指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "服务对象满意度": "满意度指标",
}
BASIS_WORDS = ("计划标准", "行业标准", "历史标准", "其他标准", "国家标准", "地方标准", "其他")

_GOAL = re.compile(r"^(?:长期|年度)(?:绩效)?目标(?:表)?\s*\d*[:：]?$")
_VALUE = re.compile(
    r"^(?P<op>[=＝≥≤><＞＜]|大于等于|小于等于|不低于|不高于|不少于|不超过|达到)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,6}?)\s*(?P<suffix>以上|以下|以内)?$"
)
_OPS = {"＝": "=", "＞": ">", "＜": "<", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "达到": "≥",
        "小于等于": "≤", "不高于": "≤", "不超过": "≤"}


def parse_value(text: str) -> IndicatorValue:
    """``≥90%`` → (≥, 90, %); ``=4人`` → (=, 4, 人); ``有效保障`` → qualitative."""
    s = fold(text).strip()
    compact = re.sub(r"\s+", "", s)
    m = _VALUE.match(compact)
    if not m:
        return IndicatorValue(text=s)
    op = m.group("op")
    op = _OPS.get(op, op) if op else None
    if m.group("suffix") == "以上":
        op = op or "≥"
    elif m.group("suffix") in ("以下", "以内"):
        op = op or "≤"
    parsed = number_value(m.group("num"))
    number = parsed[0] if parsed else None
    return IndicatorValue(text=s, operator=op, number=number, unit=m.group("unit") or None)


def level1_of(text: str) -> str | None:
    return LEVEL1.get(key(text))


def level2_of(text: str) -> str | None:
    """Canonical second-level name, also for near-misses such as 社会效益标 or 社会效益."""
    k = key(text)
    if k in LEVEL2:
        return k
    if len(k) <= 9:
        for name in LEVEL2:
            stem = name.removesuffix("指标")
            if k.startswith(stem) and len(k) <= len(name):
                return name
    return None


def is_basis(text: str) -> bool:
    k = key(text)
    return any(k == w for w in BASIS_WORDS) or (len(k) <= 6 and k.endswith("标准"))


def is_goal_label(text: str) -> bool:
    return bool(_GOAL.match(key(text)))


def looks_like_value(text: str) -> bool:
    return parse_value(text).number is not None


@dataclass
class IndicatorReader:
    """Reads indicator rows one by one, carrying goal and levels down the table."""

    annual: bool = False
    goal: str | None = None
    level1: str | None = None
    level1_stated: bool = True
    level2: str | None = None
    value_columns: list[int] = field(default_factory=list)  # annual: columns of 前年, 上年, 当年
    name_column: int | None = None  # column of 三级指标 in the header (to detect shifted rows)
    basis_column: int | None = None  # column of 指标值确定依据 in the header
    indicators: list[Indicator] = field(default_factory=list)
    last_fields: dict[int, str] = field(default_factory=dict)  # column → field of the last row read

    def set_value_columns(self, cells: list[tuple[int, str]]) -> None:
        """Record the columns of 前年 / 上年 / 当年 from an annual table's header row."""
        labelled = [(c, key(t)) for c, t in cells]
        for c, k in labelled:
            if k in ("三级指标", "指标名称"):
                self.name_column = c
            if k in ("指标值确定依据", "绩效标准", "评(扣)分标准"):
                self.basis_column = c
        cols = [c for c, k in labelled if k in ("前年", "上年", "预计当年实现", "预期当年实现值", "当年")
                or re.match(r"^\d{4}年$", k)]
        if len(cols) == 2 and not any(k in ("预计当年实现", "预期当年实现值", "当年") for _, k in labelled):
            cols.append(cols[-1] + 1)  # the current-year column lost its label
        if cols:
            self.value_columns = sorted(cols)

    def continue_last(self, cells: list[tuple[int, str]]) -> bool:
        """Append a page-broken continuation (``障`` after ``有效保``) to the last indicator read."""
        if not self.indicators:
            return False
        last = self.indicators[-1]
        name = last.name
        value_text = last.value.text if last.value else ""
        basis = last.basis or ""
        level2_text = last.level2 or ""
        for c, t in cells:
            t = t.replace("\n", "")
            field_name = self.last_fields.get(c)
            if field_name != "level2" and level1_of(t):
                self.level1, self.level1_stated = level1_of(t), True
                continue
            if field_name != "level2" and level2_of(t) and len(key(t)) > 3:
                self.level2 = level2_of(t)
                continue
            if field_name == "value":
                value_text += t
            elif field_name == "basis":
                basis += t
            elif field_name == "level2":
                level2_text += t
            else:
                name += t
        update: dict[str, Any] = {"name": name, "basis": basis or None}
        if value_text:
            update["value"] = parse_value(value_text)
        if level2_text and level2_of(level2_text):
            update["level2"] = level2_of(level2_text)
        self.indicators[-1] = replace(last, **update)
        return True

    def read(self, cells: list[tuple[int, str]], source: SourceRef, goal_column: int = 0) -> Indicator | None:
        """Read one row given as (column, text) pairs of its non-empty cells."""
        items = [(c, t.replace("\n", "")) for c, t in cells if t.strip()]
        if not items:
            return None
        # Goal label in the first column (长期绩效目标1, 年度目标, or the goal's own name).
        first_col, first = items[0]
        if first_col == goal_column and (is_goal_label(first) or (
                level1_of(first) is None and level2_of(first) is None and not looks_like_value(first)
                and len(items) >= 4)):
            self.goal = first
            items = items[1:]
        level1_here = False
        if items and level1_of(items[0][1]):
            self.level1 = level1_of(items[0][1])
            self.level1_stated = True
            level1_here = True
            items = items[1:]
        fields: dict[int, str] = {}
        if items and level2_of(items[0][1]):
            fields[items[0][0]] = "level2"
            self.level2 = level2_of(items[0][1])
            implied = LEVEL2.get(self.level2 or "")
            if not level1_here and implied and self.level1 != implied:
                # Second level without its first level (or under the wrong one): infer it.
                self.level1 = implied
                self.level1_stated = False
            items = items[1:]
        if not items:
            return None
        name_col, name = items[0]
        fields[name_col] = "name"
        rest = items[1:]
        basis = None
        shift = name_col - self.name_column if self.name_column is not None else 0
        if (rest and self.basis_column is not None and rest[-1][0] - shift >= self.basis_column \
                and (len(rest) > 1 or not looks_like_value(rest[-1][1]))) or (rest and is_basis(rest[-1][1]) and (len(rest) > 1 or not looks_like_value(rest[-1][1]))):
            basis = rest[-1][1]
            fields[rest[-1][0]] = "basis"
            rest = rest[:-1]
        for c, _ in rest:
            fields[c] = "value"
        self.last_fields = fields
        values = [(c, parse_value(t)) for c, t in rest]
        current: IndicatorValue | None = None
        prior: list[IndicatorValue | None] = []
        if self.annual and self.value_columns and len(self.value_columns) >= 2:
            by_col = {c - shift: v for c, v in values}
            slots: list[IndicatorValue | None] = [by_col.get(c) for c in self.value_columns]
            if sum(v is not None for v in slots) != len(values):
                # Shifted row: fill from the right (the current-year value is printed last).
                slots = [None] * (len(self.value_columns) - len(values)) + [v for _, v in values]
                slots = slots[-len(self.value_columns):]
            current = slots[-1]
            prior = slots[:-1]
        elif values:
            current = values[-1][1] if self.annual else values[0][1]
            if self.annual:
                prior = [v for _, v in values[:-1]]
        indicator = Indicator(
            goal=self.goal,
            level1=self.level1,
            level1_stated=self.level1_stated,
            level2=self.level2,
            name=name,
            value=current,
            prior_values=prior,
            basis=basis,
            source=source.with_(column=str(name_col)),
        )
        self.indicators.append(indicator)
        return indicator


def measurable(value: IndicatorValue | None) -> bool:
    return value is not None and value.number is not None


def numeric(value: IndicatorValue | None) -> Decimal | None:
    return value.number if value is not None else None
