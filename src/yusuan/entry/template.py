"""Write the entry workbook: blank (``yusuan template``) or filled from authored data (tests, examples).

One sheet per table the officer enters, one per project, a sheet for part 1 and sheets for the
narrative's inputs. Column titles are the labels of :mod:`yusuan.entry.sheets`; amount columns are
formatted ``#,##0.00``. A hidden sheet marks the file as an entry workbook, so ``yusuan render``
tells it from a published disclosure in XLSX form.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import xlsxwriter

from yusuan.entry import sheets as S
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget, Indicator, ProjectSheet, Row, RowKind, TableKind

_HELP = (
    "预算录入工作簿（yusuan）",
    "1. 只填写明细：项级科目、预算单位、项目、经济分类款级科目。小计、合计、收支总表、财政拨款收支总表自动计算。",
    "2. 金额单位见“基本信息”（默认万元），保留两位小数。",
    "3. “上年预算数”和“增减原因”用于情况说明中的增减变化；比较年度默认为预算年度的上一年。",
    "4. “其他事项”填写情况说明需要、但表格中没有的数字（政府采购、政府购买服务、国有资产等）。",
    "5. 每个项目一张“项目”工作表；项目多于已有工作表时，复制一张并改名为“项目4”“项目5”……",
    "6. 生成公开文件：yusuan render 本工作簿.xlsx --to docx -o 部门预算.docx",
)


class _Writer:
    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "text_wrap": True}
        self.head = self.wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
        self.block = self.wb.add_format({**base, "bold": True, "font_color": "#1F4E79"})
        self.help = self.wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.text = self.wb.add_format({**base, "border": 1})
        self.money = self.wb.add_format({**base, "border": 1, "num_format": "#,##0.00"})

    def sheet(self, name: str, widths: list[int]) -> Any:
        ws = self.wb.add_worksheet(name)
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        return ws

    def cell(self, ws: Any, r: int, c: int, value: Any, money: bool = False) -> None:
        if value is None or value == "":
            ws.write_blank(r, c, None, self.money if money else self.text)
        elif money:
            ws.write_number(r, c, float(value), self.money)
        else:
            ws.write_string(r, c, str(value), self.text)

    def table(self, ws: Any, r: int, title: str | None, cols: tuple[S.Col, ...], rows: list[dict[str, Any]],
              blank: int = 0) -> int:
        if title:
            ws.write_string(r, 0, f"【{title}】", self.block)
            r += 1
        for c, col in enumerate(cols):
            ws.write_string(r, c, col.label, self.head)
        r += 1
        for d in rows + [{}] * blank:
            for c, col in enumerate(cols):
                self.cell(ws, r, c, d.get(col.key), col.money)
            r += 1
        return r + 1

    def pairs(self, ws: Any, r: int, title: str, fields: tuple[tuple[str, str], ...], values: dict[str, Any]) -> int:
        cols = (S.Col("label", "项目", 30), S.Col("value", "内容", 60))
        return self.table(ws, r, title, cols, [{"label": label, "value": values.get(key)} for key, label in fields])


def _row_dict(spec: S.RowSheet, row: Row, context: dict[str, Any], a: Authoring) -> dict[str, Any]:
    d: dict[str, Any] = {"code": row.code, "name": row.name, **context}
    for col in spec.cols:
        if col.key.startswith("v:") and (f := row.values.get(col.key[2:])) is not None:
            d[col.key] = f.value
    if spec.authoring and row.code:
        q = spec.authoring + row.code
        d["prior"] = a.prior[q].value if q in a.prior else None
        d["reason"], d["uses"] = a.reasons.get(q), a.uses.get(q)
        if spec.authoring == "expenditure.fn:" and not d["uses"]:
            d["uses"] = a.uses.get(f"gpb.fn:{row.code}")
    return d


def _sheet_rows(spec: S.RowSheet, budget: Budget, a: Authoring) -> list[dict[str, Any]]:
    t = budget.table(TableKind(spec.table))
    if t is None:
        return []
    leaf = {"income": RowKind.UNIT, "gpb_by_unit": RowKind.UNIT, "gpb_basic_economic": RowKind.SECTION,
            "three_public": RowKind.TOTAL, "projects": RowKind.PROJECT}.get(spec.table, RowKind.ITEM)
    out = []
    context: dict[str, Any] = {}
    for r in t.rows:
        if spec.table == "projects" and r.kind is RowKind.UNIT:
            context = {"unit_code": r.code, "unit_name": r.name}
        elif spec.table == "projects" and r.kind is RowKind.GROUP:
            context = {**context, "group_code": r.code, "group_name": r.name}
        elif r.kind is leaf:
            out.append(_row_dict(spec, r, context, a))
    return out


def _indicator_rows(term: str, indicators: list[Indicator]) -> list[dict[str, Any]]:
    rows = []
    for i in indicators:
        priors = [p.text if p else None for p in i.prior_values] + [None, None]
        rows.append({"term": term, "goal": i.goal, "level1": i.level1, "level2": i.level2, "name": i.name,
                     "value": i.value.text if i.value else None, "prior1": priors[0], "prior2": priors[1],
                     "basis": i.basis})
    return rows


def _project(w: _Writer, name: str, sheet: ProjectSheet | None) -> None:
    ws = w.sheet(name, [24, 16, 14, 12, 14, 30, 16, 12, 12])
    values = asdict(sheet) if sheet else {"unit": "元"}
    r = w.pairs(ws, 0, "基本信息", S.SHEET_FIELDS, values)
    details = [{**asdict(d), "unit_price": d.unit_price.value if d.unit_price else None,
                "quantity": d.quantity.value if d.quantity else None,
                "estimate": d.estimate.value if d.estimate else None} for d in (sheet.details if sheet else [])]
    r = w.table(ws, r, "支出明细测算", S.DETAIL_COLS, details, blank=0 if sheet else 5)
    proc = [{"item": p.item, "quantity": p.quantity.value if p.quantity else None,
             "amount": p.amount.value if p.amount else None} for p in (sheet.procurement if sheet else [])]
    r = w.table(ws, r, "项目采购", S.PROCUREMENT_COLS, proc, blank=0 if sheet else 3)
    goals = ([{"term": "长期", **asdict(g)} for g in sheet.long_term_goals]
             + [{"term": "年度", **asdict(g)} for g in sheet.annual_goals]) if sheet else []
    r = w.table(ws, r, "绩效目标", S.GOAL_COLS, goals, blank=0 if sheet else 2)
    inds = (_indicator_rows("长期", list(sheet.long_term_indicators))
            + _indicator_rows("年度", list(sheet.annual_indicators))) if sheet else []
    w.table(ws, r, "绩效指标", S.INDICATOR_COLS, inds, blank=0 if sheet else 8)


def _entered_rows(spec: S.RowSheet, budget: Budget, a: Authoring) -> list[dict[str, Any]]:
    """Shanghai: the rows the officer typed — 项 (款 in the economic table), none of the derived tables."""
    t = budget.table(TableKind(spec.table))
    if t is None:
        return []
    if spec.table == "three_public":
        return [_row_dict(spec, r, {}, a) for r in t.rows[:1]]
    length = 5 if spec.table == "gpb_basic_economic" else 7
    return [_row_dict(spec, r, {}, a) for r in t.rows if r.code and len(r.code) == length]


def _write_shanghai(w: _Writer, budget: Budget | None) -> None:
    a = (budget.authoring if budget else None) or Authoring()
    ws = w.sheet("填表说明", [110])
    for i, line in enumerate(S.SH_HELP):
        ws.write_string(i, 0, line, w.block if i == 0 else w.help)
    meta = budget.meta if budget else None
    info = {"department": meta.department if meta else None, "year": meta.year if meta else None,
            "level": ("单位" if meta.level == "unit" else "部门") if meta else "部门",
            "table_unit": meta.table_unit if meta else "元", "compare_year": a.compare_year}
    w.pairs(w.sheet("基本信息", [30, 60]), 0, "基本信息", S.SH_INFO_FIELDS, info)
    ws = w.sheet("概况", [100])
    line_col = (S.Col("text", "每段一行", 100),)
    functions = [{"text": f} for f in (budget.overview.functions if budget else [])]
    r = w.table(ws, 0, "主要职能", line_col, functions, blank=0 if budget else 5)
    units = [{"text": x} for x in ((budget.overview.units_text or "").split("\n") if budget else []) if x.strip()]
    w.table(ws, r, "机构设置", line_col, units, blank=0 if budget else 3)
    for spec in S.SH_ROW_SHEETS:
        ws = w.sheet(spec.name, [c.width for c in spec.cols])
        ws.write_string(0, 0, spec.help, w.help)
        derived = {"income", "expenditure"}  # derived unless there is money besides appropriations
        rows = [] if budget is None or (spec.table in derived and not _non_fiscal(budget)) else \
            _entered_rows(spec, budget, a)
        w.table(ws, 1, None, spec.cols, rows, blank=0 if budget else (1 if spec.table == "three_public" else 10))
        ws.freeze_panes(2, 2 if spec.cols[0].key == "code" else 0)
    ws = w.sheet("上年数与增减原因", [34, 14, 50, 24])
    ws.write_string(0, 0, "上年预算数（万元）和增减原因；“主要用于”填在表5。", w.help)
    prior_cols = (S.Col("label", "项目", 34), S.Col("prior", "上年预算数（万元）", 14, True),
                  S.Col("reason", "增减原因", 50), S.Col("key", "键（勿改）", 24))
    w.table(ws, 1, None, prior_cols, [{"label": label, "key": key, "prior": a.prior[key].value if key in a.prior
                                       else None, "reason": a.reasons.get(key)} for key, label in S.SH_PRIOR_KEYS])
    ws = w.sheet("其他事项", [40, 60, 16])
    r = w.pairs(ws, 0, "数字", S.SH_FACT_KEYS, {k: f.value for k, f in a.facts.items()})
    r = w.pairs(ws, r, "文字", S.SH_NOTE_KEYS, a.notes)
    from yusuan.derive.templates import SHANGHAI_VEHICLE_CATEGORIES

    vehicles = [{"label": c, "held": f.value if (f := a.facts.get(f"assets.vehicles:{c}")) else None,
                 "bought": g.value if (g := a.facts.get(f"assets.purchase.vehicles:{c}")) else None}
                for c in SHANGHAI_VEHICLE_CATEGORIES]
    r = w.table(ws, r, "车辆（按类别）", S.SH_VEHICLE_COLS, vehicles)
    pair_cols = (S.Col("label", "名称", 34), S.Col("value", "内容", 60))
    others = [{"label": k.removeprefix("other:"), "value": v} for k, v in a.notes.items() if k.startswith("other:")]
    r = w.table(ws, r, "其他说明", pair_cols, others, blank=0 if budget else 2)
    w.table(ws, r, "名词解释补充", pair_cols, [{"label": k, "value": v} for k, v in a.definitions.items()],
            blank=0 if budget else 2)
    notes = [s for s in budget.projects if s.form == "note"] if budget else [None] * S.PROJECT_SHEETS
    for i, note in enumerate(notes, start=1):
        ws = w.sheet(f"项目{i}", [40, 60])
        r = w.pairs(ws, 0, "项目经费情况说明", S.SH_NOTE_FIELDS, asdict(note) if note else {})
        details = [{"task": d.task, "estimate": d.estimate.value if d.estimate else None}
                   for d in (note.details if note else [])]
        w.table(ws, r, "年度预算安排", S.SH_NOTE_DETAIL_COLS, details, blank=0 if note else 5)


def _non_fiscal(budget: Budget) -> bool:
    t = budget.table(TableKind.INCOME)
    row = t.total_row() if t is not None else None
    return row is not None and any(row.amount(k) != 0 for k in ("business_income", "operating_income", "other_income"))


def write_workbook(path: str | Path, budget: Budget | None = None, profile: str = "wuhan") -> None:
    """The entry workbook; blank when ``budget`` is None, else filled with the budget's entered data.
    The template is the budget's profile, else ``profile`` (wuhan or shanghai)."""
    if budget is not None:
        profile = budget.meta.profile if budget.meta.profile in ("wuhan", "shanghai") else profile
    w = _Writer(Path(path))
    if profile == "shanghai":
        _write_shanghai(w, budget)
        _marker(w, "shanghai")
        return
    a = (budget.authoring if budget else None) or Authoring()
    ws = w.sheet("填表说明", [110])
    for i, line in enumerate(_HELP):
        ws.write_string(i, 0, line, w.block if i == 0 else w.help)
    meta = budget.meta if budget else None
    info = {"department": meta.department if meta else None, "year": meta.year if meta else None,
            "table_unit": meta.table_unit if meta else "万元", "compare_year": a.compare_year,
            "date": meta.date if meta else None}
    w.pairs(w.sheet("基本信息", [30, 60]), 0, "基本信息", S.INFO_FIELDS, info)
    ws = w.sheet("概况", [60, 20])
    functions = [{"text": f} for f in (budget.overview.functions if budget else [])]
    r = w.table(ws, 0, "主要职能", (S.Col("text", "职能（每条一行）", 100),), functions, blank=0 if budget else 5)
    staffing = {k: f.value for k, f in budget.overview.staffing.items()} if budget else {}
    w.pairs(ws, r, "人员构成", S.STAFF_FIELDS, staffing)
    for spec in S.ROW_SHEETS:
        ws = w.sheet(spec.name, [c.width for c in spec.cols])
        ws.write_string(0, 0, spec.help, w.help)
        rows = _sheet_rows(spec, budget, a) if budget else []
        w.table(ws, 1, None, spec.cols, rows, blank=0 if budget else 10)
        ws.freeze_panes(2, 2 if spec.cols[0].key == "code" else 0)
    ws = w.sheet("上年数与增减原因", [30, 14, 50, 24])
    ws.write_string(0, 0, "各项目、科目的上年数和原因填在表5-1、表10；此处填合计数。", w.help)
    prior_cols = (S.Col("label", "项目", 30), S.Col("prior", "上年预算数", 14, True), S.Col("reason", "增减原因", 50),
                  S.Col("key", "键（勿改）", 24))
    w.table(ws, 1, None, prior_cols, [{"label": label, "key": key, "prior": a.prior[key].value if key in a.prior
                                       else None, "reason": a.reasons.get(key)} for key, label in S.PRIOR_KEYS])
    ws = w.sheet("其他事项", [34, 60])
    r = w.pairs(ws, 0, "数字", S.FACT_KEYS, {k: f.value for k, f in a.facts.items()})
    r = w.pairs(ws, r, "文字", S.NOTE_KEYS, a.notes)
    items = [{"label": k.split(":", 1)[1], "value": f.value} for k, f in a.facts.items()
             if k.startswith("purchase_services.item:")]
    pair_cols = (S.Col("label", "名称", 34), S.Col("value", "内容", 60))
    r = w.table(ws, r, "政府购买服务", (pair_cols[0], S.Col("value", "金额（万元）", 14, True)), items,
                blank=0 if budget else 5)
    others = [{"label": k.removeprefix("other:"), "value": v} for k, v in a.notes.items() if k.startswith("other:")]
    r = w.table(ws, r, "其他说明", pair_cols, others, blank=0 if budget else 2)
    w.table(ws, r, "名词解释补充", pair_cols, [{"label": k, "value": v} for k, v in a.definitions.items()],
            blank=0 if budget else 2)
    ws = w.sheet("表11整体绩效", [18, 16, 12, 16, 24, 12, 10, 10, 12])
    op = budget.overall_performance if budget else None
    r = w.pairs(ws, 0, "基本信息", S.OVERALL_FIELDS, asdict(op) if op else {})
    goals = ([{"term": "长期", **asdict(g)} for g in op.long_term_goals]
             + [{"term": "年度", **asdict(g)} for g in op.annual_goals]) if op else []
    r = w.table(ws, r, "绩效目标", S.GOAL_COLS, goals, blank=0 if op else 3)
    inds = (_indicator_rows("长期", list(op.long_term_indicators))
            + _indicator_rows("年度", list(op.annual_indicators))) if op else []
    w.table(ws, r, "绩效指标", S.INDICATOR_COLS, inds, blank=0 if op else 8)
    project_sheets = list(budget.projects) if budget else [None] * S.PROJECT_SHEETS
    for i, sheet in enumerate(project_sheets, start=1):
        _project(w, f"项目{i}", sheet)
    _marker(w, "wuhan")


def _marker(w: _Writer, profile: str) -> None:
    marker = w.wb.add_worksheet(S.MARKER_SHEET)
    marker.write_string(0, 0, S.MARKER)
    marker.write_string(1, 0, S.VERSION)
    marker.write_string(2, 0, profile)
    marker.hide()
    w.wb.close()
