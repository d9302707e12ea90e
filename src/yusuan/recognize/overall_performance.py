"""The department-wide performance table (部门整体支出绩效目标表, Wuhan table 11).

Parts: header fields, the income and expenditure structure (amount, share, prior years), functions
and annual tasks (long texts that run across pages), the project list (Hanyang), the long-term and
annual goals, and an indicator table per goal.
"""

from __future__ import annotations

import re
from typing import Any

from yusuan.model.budget import Goal, OverallPerformance, PerformanceProjectLine, StructureLine, TableKind
from yusuan.model.figures import PERCENT, WAN, Figure
from yusuan.recognize.context import Context, figure_from_text, table_label
from yusuan.recognize.indicators import IndicatorReader
from yusuan.recognize.items import Item, items_of
from yusuan.recognize.segment import TableSection
from yusuan.text.cjk import key
from yusuan.text.numbers import number_value, parse_number

_FIELDS = {"部门名称": "department", "部门(单位)名称": "department", "部门（单位）名称": "department",
           "填报人": "filler", "联系电话": "phone"}
_TEXTS = {"部门职能概述": "functions_text", "年度工作任务": "annual_tasks"}
_STRUCTURE_MARKERS = frozenset({"部门总体资金情况", "部门总体资金情况(万元)", "总体资金情况"})
_GOAL_CELL = re.compile(r"^目标\s*(\d+)\s*[:：]?\s*(.*)$")
_GOAL_ROW = re.compile(r"^(长期|年度)目标\s*(\d+)\s*[:：]?$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*[%％]$")
_YEAR = re.compile(r"^(\d{4})\s*年$")


class _OverallReader:
    def __init__(self, sec: TableSection, ctx: Context, unit: str, label: str) -> None:
        self.sec, self.ctx, self.unit, self.label = sec, ctx, unit, label
        self.fields: dict[str, Any] = {}
        self.state = "header"
        self.side: str | None = None
        self.years: list[tuple[int, str]] = []  # (column, year) of the prior-year columns
        self.income: list[StructureLine] = []
        self.expenditure: list[StructureLine] = []
        self.text_field: str | None = None
        self.projects: list[PerformanceProjectLine] = []
        self.long_goals: list[Goal] = []
        self.annual_goals: list[Goal] = []
        self.long_reader = IndicatorReader(annual=False)
        self.annual_reader = IndicatorReader(annual=True)
        self.reader: IndicatorReader | None = None

    def ref(self, item: Item, **kw: Any):
        return self.ctx.ref(item.line, item.page, table=self.label, **kw)

    def read(self) -> None:
        for item in items_of(self.sec):
            self.item(item)

    def item(self, item: Item) -> None:
        k = item.first_key
        if k in _FIELDS or (item.first in _FIELDS):
            self.state = "header"
            for i, (_c, t) in enumerate(item.cells):
                f = _FIELDS.get(key(t))
                if f and i + 1 < len(item.cells) and key(item.cells[i + 1][1]) not in _FIELDS:
                    self.fields[f] = item.cells[i + 1][1]
            return
        if k in _STRUCTURE_MARKERS or k.startswith("部门总体资金情况"):
            self.state = "structure"
            self.structure(item)
            return
        if k in _TEXTS:
            self.state = "text"
            self.text_field = _TEXTS[k]
            self.append_text(" ".join(item.texts[1:]))
            return
        if k == "项目支出情况":
            self.state = "projects"
            return
        if k.startswith("整体绩效") or k in ("整体绩效总目标", "整体绩效目标"):
            self.state = "goals"
            self.goals(item)
            return
        m = _GOAL_ROW.match(k)
        if m:
            self.reader = self.long_reader if m.group(1) == "长期" else self.annual_reader
            text = item.cells[1][1] if len(item.cells) > 1 else ""
            self.reader.goal = f"{item.first}{text}"
            self.state = "indicators"
            return
        getattr(self, f"on_{self.state}")(item)

    # -- sections --------------------------------------------------------------------------------
    def on_header(self, item: Item) -> None:
        return

    def structure(self, item: Item) -> None:
        cells = [(c, t) for c, t in item.cells if key(t) not in _STRUCTURE_MARKERS
                 and not key(t).startswith("部门总体资金情况")]
        years = [(c, _YEAR.match(key(t)).group(1)) for c, t in cells if _YEAR.match(key(t))]  # type: ignore[union-attr]
        if years and len(years) == len(cells):
            self.years = years
            return
        texts = [key(t) for _, t in cells]
        if "收入构成" in texts:
            self.side = "income"
        if "支出构成" in texts:
            self.side = "expenditure"
        cells = [(c, t) for c, t in cells if key(t) not in ("收入构成", "支出构成")]
        labels = [(c, t) for c, t in cells if parse_number(t) is None and not _PERCENT.match(key(t))]
        numbers = [(c, t) for c, t in cells if parse_number(t) is not None or _PERCENT.match(key(t))]
        if not labels or not numbers:
            if labels and self.side:
                self._add_line(labels[-1][1], [], item)
            return
        self._add_line(labels[-1][1], numbers, item)

    def _add_line(self, label: str, numbers: list[tuple[int, str]], item: Item) -> None:
        amount = share = None
        prior: dict[str, Figure] = {}
        rest: list[tuple[int, str]] = []
        for c, t in numbers:
            pm = _PERCENT.match(key(t))
            if pm and share is None:
                value, places = number_value(pm.group(1)) or (None, 0)
                if value is not None:
                    share = Figure(value=value, places=places, unit=PERCENT,
                                   source=self.ref(item, column="share", text=t))
            elif amount is None and share is None:
                amount = figure_from_text(t, self.unit, self.ref(item, column="amount", text=t))
            else:
                rest.append((c, t))
        year_cols = dict(self.years)
        aligned = all(c in year_cols for c, _ in rest)
        for i, (c, t) in enumerate(rest):
            # A shifted row takes the prior years in header order.
            year = year_cols[c] if aligned else (self.years[i][1] if i < len(self.years) else f"prior{i}")
            fig = figure_from_text(t, self.unit, self.ref(item, column=f"prior:{year}", text=t))
            if fig is not None:
                prior[year] = fig
        line = StructureLine(label=label, amount=amount, share=share, prior=prior, source=self.ref(item, text=label))
        (self.expenditure if self.side == "expenditure" else self.income).append(line)

    def on_structure(self, item: Item) -> None:
        self.structure(item)

    def append_text(self, text: str) -> None:
        if not text or self.text_field is None:
            return
        old = self.fields.get(self.text_field)
        self.fields[self.text_field] = f"{old}\n{text}" if old else text

    def on_text(self, item: Item) -> None:
        if item.first_col >= 1 or item.loose:
            self.append_text(" ".join(item.texts))

    def on_projects(self, item: Item) -> None:
        texts = item.texts
        if "项目名称" in [key(t) for t in texts]:
            return
        nums = [(c, t) for c, t in item.cells if parse_number(t) is not None]
        words = [t for c, t in item.cells if parse_number(t) is None]
        if not words:
            return
        total = figure_from_text(nums[0][1], self.unit, self.ref(item, column="total", text=nums[0][1])) if nums else None
        current = figure_from_text(nums[1][1], self.unit, self.ref(item, column="current", text=nums[1][1])) \
            if len(nums) > 1 else None
        self.projects.append(PerformanceProjectLine(
            name=words[0], category=words[1] if len(words) > 1 else None, total=total, current=current,
            purpose=words[2] if len(words) > 2 else None, source=self.ref(item, text=words[0])))

    def goals(self, item: Item) -> None:
        found: list[tuple[str, str]] = []
        cells = item.cells
        i = 0
        while i < len(cells):
            m = _GOAL_CELL.match(key(cells[i][1]))
            if m:
                text = cells[i][1].split(":", 1)[-1].split("：", 1)[-1].strip() if m.group(2) else ""
                if not text and i + 1 < len(cells) and not _GOAL_CELL.match(key(cells[i + 1][1])):
                    text = cells[i + 1][1]
                    i += 1
                found.append((f"目标{m.group(1)}", text))
            i += 1
        for n, (label, text) in enumerate(found):
            goal = Goal(label=label, text=text, source=self.ref(item, text=text))
            (self.long_goals if n == 0 else self.annual_goals).append(goal)

    def on_goals(self, item: Item) -> None:
        self.goals(item)

    def on_indicators(self, item: Item) -> None:
        assert self.reader is not None
        keys = [key(t) for t in item.texts]
        if "一级指标" in keys or "前年" in keys or "近两年指标值" in keys or any(_YEAR.match(k) for k in keys):
            self.reader.set_value_columns(item.cells)
            return
        goal = self.reader.goal
        self.reader.read(item.cells, self.ref(item), goal_column=-1)
        self.reader.goal = goal

    def result(self) -> OverallPerformance:
        f = self.fields
        return OverallPerformance(
            number=self.sec.number,
            title=" ".join(t.text for t in self.sec.title_lines),
            unit=self.unit,
            department=f.get("department"),
            filler=f.get("filler"),
            phone=f.get("phone"),
            income_structure=self.income,
            expenditure_structure=self.expenditure,
            functions_text=f.get("functions_text"),
            annual_tasks=f.get("annual_tasks"),
            projects=self.projects,
            long_term_goals=self.long_goals,
            annual_goals=self.annual_goals,
            long_term_indicators=self.long_reader.indicators,
            annual_indicators=self.annual_reader.indicators,
            source=self.ctx.ref(self.sec.line, self.sec.page, table=self.label),
        )


def parse_overall_performance(sec: TableSection, ctx: Context, default_unit: str = WAN) -> OverallPerformance:
    label = table_label(TableKind.OVERALL_PERFORMANCE, sec.number)
    reader = _OverallReader(sec, ctx, sec.unit or default_unit, label)
    reader.read()
    return reader.result()
