"""Project sheets (表12-x 项目支出绩效目标表 / 部门项目申报表（含绩效目标）).

A sheet is a form: label/value header fields, then sections (前两年预算情况, 资金来源, 支出明细测算,
项目采购, 绩效总目标, 长期/年度绩效目标表). Cells drift between columns in the conversions, so each
row is read by its labels and contents, with a state for the section it is in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from yusuan.model.budget import (
    DetailLine,
    FundingLine,
    Goal,
    PriorYear,
    ProcurementLine,
    ProjectSheet,
    TableKind,
)
from yusuan.model.figures import WAN, Figure, SourceRef
from yusuan.recognize.context import Context, figure_from_text, table_label
from yusuan.recognize.indicators import IndicatorReader, level1_of, level2_of
from yusuan.recognize.items import Item, items_of
from yusuan.recognize.segment import TableSection
from yusuan.recognize.tables import clean_code
from yusuan.templates.vocabulary import FUNDING_LABELS, strip_ordinal
from yusuan.text.cjk import key, name_key
from yusuan.text.numbers import parse_number

HEADER_FIELDS = {
    "项目名称": "name",
    "项目编码": "code",
    "项目编号": "code",
    "项目代码": "code",
    "项目主管部门": "department",
    "项目执行单位": "executing_unit",
    "项目负责人": "manager",
    "联系电话": "phone",
    "单位地址": "address",
    "邮政编码": "postcode",
    "一级项目名称": "parent_project",
    "项目安排频度": "frequency",
    "项目属性": "attribute",
    "支出项目类别": "category",
    "项目类别": "category",
    "起始年度": "start_year",
    "终止年度": "end_year",
    "项目概述": "overview",
    "项目申请理由": "overview",
    "项目立项依据": "basis",
    "项目实施方案": "plan",
    "项目主要内容": "plan",
    "项目总预算": "total_budget",
    "项目当年预算": "current_budget",
    "项目前两年预算及当年预算变动情况": "prior_text",
}
_TEXT_FIELDS = frozenset({"overview", "basis", "plan", "prior_text"})
_AMOUNT_FIELDS = frozenset({"total_budget", "current_budget"})
SECTIONS = {
    "项目前两年预算情况": "prior",
    "项目资金来源": "funding",
    "来源项目": "funding",
    "项目支出明细测算": "details",
    "项目采购": "procurement",
    "项目绩效总目标": "goals",
    "长期绩效目标表": "long_term",
    "年度绩效目标表": "annual",
}
_DETAIL_HEADERS = {
    "项目任务明细": "task",
    "项目任务": "task",
    "活动内容表述": "task",
    "项目活动": "activity",
    "支出标准": "standard",
    "单价": "unit_price",
    "计量数": "quantity",
    "测算数": "estimate",
    "金额": "estimate",
    "支出经济分类": "economic_class",
    "测算依据及说明": "basis",
    "备注": "remark",
}
_GOAL_LABEL = re.compile(r"^(长期|年度)(?:绩效)?目标(?:表)?\s*\d*$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")


def _field_of(text: str) -> str | None:
    return HEADER_FIELDS.get(key(text))


def _section_of(text: str) -> str | None:
    return SECTIONS.get(key(text))


class _SheetReader:
    def __init__(self, sec: TableSection, ctx: Context, unit: str, label: str) -> None:
        self.sec = sec
        self.ctx = ctx
        self.unit = unit
        self.label = label
        self.fields: dict[str, Any] = {}
        self.field_sources: dict[str, SourceRef] = {}
        self.state = "header"
        self.last_text_field: str | None = None
        self.prior: list[PriorYear] = []
        self.funding: list[FundingLine] = []
        self.details: list[dict[str, Any]] = []
        self.detail_cols: dict[int, str] = {}
        self.procurement: list[ProcurementLine] = []
        self.long_goals: list[Goal] = []
        self.annual_goals: list[Goal] = []
        self.long_reader = IndicatorReader(annual=False)
        self.annual_reader = IndicatorReader(annual=True)

    # -- helpers -------------------------------------------------------------------------------
    def ref(self, item: Item, **kw: Any) -> SourceRef:
        return self.ctx.ref(item.line, item.page, table=self.label, **kw)

    def figure(self, text: str, item: Item, column: str, unit: str | None = None) -> Figure | None:
        fig = figure_from_text(text, unit or self.unit, self.ref(item, column=column, text=text))
        return fig

    # -- main loop ------------------------------------------------------------------------------
    def read(self) -> None:
        for item in items_of(self.sec):
            self.item(item)

    def item(self, item: Item) -> None:
        cells = item.cells
        section = _section_of(item.first)
        if section is not None:
            self.state = section
            self.last_text_field = None
            rest = cells[1:]
            if section == "funding":
                rest = [(c, t) for c, t in rest if key(t) not in ("来源项目", "金额")]
            if rest:
                self.item(Item(rest, item.line, item.page, item.fragment, False, item.loose, item.row))
            return
        if _field_of(item.first) is not None:
            self.state = "header"
            self.header_row(item)
            return
        handler = getattr(self, f"on_{self.state}")
        handler(item)

    def header_row(self, item: Item) -> None:
        cells = item.cells
        i = 0
        while i < len(cells):
            _col, text = cells[i]
            f = _field_of(text)
            if f is None:
                i += 1
                continue
            value = None
            j = i + 1
            if j < len(cells) and _field_of(cells[j][1]) is None:
                value = cells[j][1]
                i = j + 1
            else:
                i = j
            self.last_text_field = f if f in _TEXT_FIELDS else None
            if value is None:
                continue
            self.set_field(f, value, item)

    def set_field(self, f: str, value: str, item: Item) -> None:
        src = self.ref(item, column=f, text=value)
        if f in _AMOUNT_FIELDS:
            fig = figure_from_text(value, self.unit, src)
            if fig is None:
                self.ctx.problem("sheet.non_numeric", f"{self.label} {f} 不是数字：{value!r}", src)
                return
            self.fields[f] = fig
        elif f in ("start_year", "end_year"):
            m = re.match(r"^(\d{4})", key(value))
            if m:
                self.fields[f] = int(m.group(1))
        elif f == "code":
            self.fields[f] = clean_code(value)
        elif f in _TEXT_FIELDS:
            self.fields[f] = (self.fields.get(f, "") + "\n" + value).strip() if f in self.fields else value
        else:
            self.fields[f] = value.replace("\n", "")
        self.field_sources[f] = src

    # -- states --------------------------------------------------------------------------------
    def on_header(self, item: Item) -> None:
        # A row whose label column is empty continues the last text field (page-broken text).
        if self.last_text_field and (item.first_col >= 1 or item.loose):
            self.set_field(self.last_text_field, " ".join(item.texts), item)

    def on_prior(self, item: Item) -> None:
        m = _YEAR.match(item.first_key)
        if not m:
            return
        nums = [(c, t) for c, t in item.cells[1:]]
        figs = [self.figure(t, item, f"prior{k}") for k, (_c, t) in enumerate(nums)]
        budget, executed, rate = ([*figs, None, None, None])[:3]
        self.prior.append(PriorYear(year=int(m.group(1)), budget=budget, executed=executed, rate=rate,
                                    source=self.ref(item)))

    def on_funding(self, item: Item) -> None:
        for idx, (_c, t) in enumerate(item.cells):
            k = FUNDING_LABELS.get(name_key(strip_ordinal(t)))
            if k is None:
                continue
            amount = None
            for _c2, t2 in item.cells[idx + 1 :]:
                if parse_number(t2) is not None:
                    amount = self.figure(t2, item, f"funding:{k}")
                    break
            self.funding.append(FundingLine(label=t, key=k, amount=amount, source=self.ref(item, text=t)))
            return

    def on_details(self, item: Item) -> None:
        keys = [key(t) for t in item.texts]
        if any(k in _DETAIL_HEADERS for k in keys) and not any(parse_number(t) for t in item.texts):
            self.detail_cols = {c: _DETAIL_HEADERS[key(t)] for c, t in item.cells if key(t) in _DETAIL_HEADERS}
            return
        has_number = any(parse_number(t) is not None for t in item.texts)
        if self.details and not has_number and (item.first_col >= 1 or item.fragment_start):
            # Continuation of the previous line's text cells (broken across a page).
            last = self.details[-1]
            for c, t in item.cells:
                f = self.detail_cols.get(c, "basis")
                last[f] = (str(last.get(f) or "") + t).strip()
            return
        if not self.detail_cols:
            return
        line: dict[str, Any] = {"_item": item}
        for c, t in item.cells:
            # A misaligned cell goes to the nearest column to its left.
            left = [cc for cc in self.detail_cols if cc <= c]
            name = self.detail_cols[max(left)] if left else "task"
            line[name] = (str(line.get(name, "")) + t) if name in line else t
        self.details.append(line)

    def on_procurement(self, item: Item) -> None:
        texts = item.texts
        if key(texts[0]) in ("品名", "/") or all(key(t) == "/" for t in texts):
            return
        numbers = [(c, t) for c, t in item.cells[1:] if parse_number(t) is not None]
        quantity = amount = None
        if len(numbers) >= 2:
            quantity = self.figure(numbers[0][1], item, "quantity", unit="")
            amount = self.figure(numbers[-1][1], item, "amount")
        elif len(numbers) == 1:
            amount = self.figure(numbers[0][1], item, "amount")
        self.procurement.append(ProcurementLine(item=texts[0], quantity=quantity, amount=amount,
                                                source=self.ref(item, text=texts[0])))

    def on_goals(self, item: Item) -> None:
        m = _GOAL_LABEL.match(item.first_key)
        if not m or len(item.cells) < 2:
            return
        goal = Goal(label=item.first, text=item.cells[1][1], source=self.ref(item, text=item.cells[1][1]))
        (self.long_goals if m.group(1) == "长期" else self.annual_goals).append(goal)

    def _indicator(self, reader: IndicatorReader, item: Item) -> None:
        keys = [key(t) for t in item.texts]
        if "一级指标" in keys or "目标名称" in keys or "前年" in keys or "上年" in keys:
            reader.set_value_columns(item.cells)
            if "一级指标" in keys and reader.annual:
                # The header row itself may carry the goal label (Hanyang: 年度绩效目标 1 | 一级指标 …).
                first = item.first
                if re.match(r"^(长期|年度)", key(first)) and key(first) != "目标名称":
                    reader.goal = first
            return
        if item.fragment_start and reader.indicators and _is_continuation(item):
            reader.continue_last(item.cells)
            return
        reader.read(item.cells, self.ref(item))

    def on_long_term(self, item: Item) -> None:
        self._indicator(self.long_reader, item)

    def on_annual(self, item: Item) -> None:
        self._indicator(self.annual_reader, item)

    # -- result --------------------------------------------------------------------------------
    def sheet(self) -> ProjectSheet:
        details = []
        for d in self.details:
            item = d.pop("_item")
            task = d.get("task") or d.get("activity") or ""
            standard = d.get("standard")
            details.append(
                DetailLine(
                    task=str(task),
                    activity=d.get("activity"),
                    standard=standard,
                    standard_amount=self.figure(standard, item, "standard") if standard else None,
                    unit_price=self.figure(d["unit_price"], item, "unit_price") if d.get("unit_price") else None,
                    quantity=self.figure(d["quantity"], item, "quantity", unit="") if d.get("quantity") else None,
                    estimate=self.figure(d["estimate"], item, "estimate") if d.get("estimate") else None,
                    economic_class=d.get("economic_class"),
                    basis=d.get("basis"),
                    remark=d.get("remark"),
                    source=self.ref(item, text=str(task)),
                )
            )
        f = self.fields
        return ProjectSheet(
            number=self.sec.number,
            title=" ".join(t.text for t in self.sec.title_lines),
            unit=self.unit,
            name=f.get("name", ""),
            code=f.get("code"),
            department=f.get("department"),
            executing_unit=f.get("executing_unit"),
            manager=f.get("manager"),
            phone=f.get("phone"),
            address=f.get("address"),
            postcode=f.get("postcode"),
            parent_project=f.get("parent_project"),
            frequency=f.get("frequency"),
            attribute=f.get("attribute"),
            category=f.get("category"),
            start_year=f.get("start_year"),
            end_year=f.get("end_year"),
            overview=f.get("overview"),
            basis=f.get("basis"),
            plan=f.get("plan"),
            total_budget=f.get("total_budget"),
            current_budget=f.get("current_budget"),
            prior_years=self.prior,
            prior_text=f.get("prior_text"),
            funding=self.funding,
            details=details,
            procurement=self.procurement,
            long_term_goals=self.long_goals,
            annual_goals=self.annual_goals,
            long_term_indicators=self.long_reader.indicators,
            annual_indicators=self.annual_reader.indicators,
            source=self.ctx.ref(self.sec.line, self.sec.page, table=self.label, text=f.get("name")),
        )


def _is_continuation(item: Item) -> bool:
    """A row at the top of a page that only finishes the previous row's cells (``指标`` ``障``)."""
    rest = [t for _, t in item.cells if not (level1_of(t) or (level2_of(t) and len(key(t)) > 3))]
    return bool(rest) and all(len(key(t)) <= 3 for t in rest) and len(item.cells) <= 3


def parse_project_sheet(sec: TableSection, ctx: Context, index: int, default_unit: str = WAN) -> ProjectSheet:
    label = table_label(TableKind.PROJECT_PERFORMANCE, sec.number) if sec.number else f"项目申报表{index}"
    reader = _SheetReader(sec, ctx, sec.unit or default_unit, label)
    reader.read()
    sheet = reader.sheet()
    cells = " ".join(c.text for _, r in sec.rows() for c in r.cells if c.text)
    stated = bool(sec.unit) or bool(re.search(r"[（(](?:万元|元)[)）]|单位[:：]\s*(?:万元|元)", cells))
    sheet = replace(sheet, unit_stated=stated)
    if not sheet.name:
        ctx.problem("sheet.no_name", f"{label} 没有读到项目名称", sheet.source)
    return sheet
