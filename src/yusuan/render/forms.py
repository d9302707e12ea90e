"""The performance forms as grids: 部门整体支出绩效目标表 (表11) and the project sheets (表12-x).

Forms are label/value rows, laid out as the Wuhan documents print them (Qiaokou 表11 and 表12-x,
with the Hanyang fields 项目编码 / 邮政编码 / 项目属性 where present), so the form readers of
:mod:`yusuan.recognize` find the same fields, lines, goals and indicators again.
"""

from __future__ import annotations

import re

from yusuan.model.budget import Indicator, OverallPerformance, ProjectSheet
from yusuan.model.figures import Figure, format_amount
from yusuan.render.document import Cell, Grid, TableBlock

WIDTH = 8
Item = tuple[str | Figure | None, int] | str | Figure | None


def _cell_text(f: Figure | None) -> str:
    if f is None:
        return ""
    if f.unit == "%":
        return f"{format_amount(f.value, f.places, grouping=False)}%"
    return format_amount(f.value, f.places)


def row(*items: Item) -> list[Cell]:
    """A full-width row; an item is text, (text, span), a figure, or None (an empty cell)."""
    cells: list[Cell] = []
    for it in items:
        span = 1
        value: str | Figure | None
        if isinstance(it, tuple):
            value, span = it
        else:
            value = it
        if isinstance(value, Figure):
            cell = Cell.num(value.value, value.places, _cell_text(value)) if value.unit != "%" else \
                Cell(text=_cell_text(value))
        else:
            cell = Cell(text=value or "")
        cell.colspan = span
        cells.append(cell)
        cells.extend(Cell(covered=True) for _ in range(span - 1))
    cells.extend(Cell() for _ in range(WIDTH - len(cells)))
    return cells[:WIDTH] if len(cells) > WIDTH else cells


def _pairs(*pairs: tuple[str, str | None]) -> list[Cell] | None:
    """Label/value pairs of a form row; pairs without a value are left out."""
    items: list[Item] = []
    for label, value in pairs:
        if value:
            items += [label, (value, 3)]
    return row(*items) if items else None


def _text(label: str, text: str | None) -> list[Cell] | None:
    return row(label, (text, WIDTH - 1)) if text else None


def _indicator_rows(indicators: list[Indicator], annual: bool, goal_col: bool) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    goal = level1 = level2 = None
    for ind in indicators:
        items: list[Item] = []
        if goal_col:
            items.append(ind.goal if ind.goal != goal else None)
        else:
            items.append(None)
        new_l1 = ind.level1 != level1 or ind.goal != goal
        items.append(ind.level1 if new_l1 and ind.level1_stated else None)
        items.append(ind.level2 if (new_l1 or ind.level2 != level2) else None)
        items.append(ind.name)
        if annual:
            priors = [*list(ind.prior_values), None, None]
            items += [priors[0].text if priors[0] else None, priors[1].text if priors[1] else None]
        items.append(ind.value.text if ind.value else None)
        items.append(ind.basis)
        goal, level1, level2 = ind.goal, ind.level1, ind.level2
        rows.append(row(*items))
    return rows


def _indicator_header(first: str, annual: bool, years: tuple[str, str, str] | None = None) -> list[list[Cell]]:
    if not annual:
        return [row(first, "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")]
    y = years or ("前年", "上年", "预计当年实现")
    return [row(first, "一级指标", "二级指标", "三级指标", ("指标值", 3), "指标值确定依据"),
            row(None, None, None, None, *y)]


def _goal_groups(indicators: list[Indicator]) -> list[tuple[str | None, list[Indicator]]]:
    groups: list[tuple[str | None, list[Indicator]]] = []
    for ind in indicators:
        if not groups or groups[-1][0] != ind.goal:
            groups.append((ind.goal, []))
        groups[-1][1].append(ind)
    return groups


def project_sheet(sheet: ProjectSheet, number: str | None) -> TableBlock:
    body: list[list[Cell] | None] = [
        _pairs(("项目名称", sheet.name), ("项目编码", sheet.code)),
        _pairs(("项目主管部门", sheet.department), ("项目执行单位", sheet.executing_unit)),
        _pairs(("项目负责人", sheet.manager), ("联系电话", sheet.phone)),
        _pairs(("单位地址", sheet.address), ("邮政编码", sheet.postcode)),
        _pairs(("一级项目名称", sheet.parent_project), ("项目安排频度", sheet.frequency)),
        _pairs(("项目属性", sheet.attribute), ("支出项目类别", sheet.category)),
        _pairs(("起始年度", str(sheet.start_year) if sheet.start_year else None),
               ("终止年度", str(sheet.end_year) if sheet.end_year else None)),
        _text("项目概述", sheet.overview), _text("项目立项依据", sheet.basis), _text("项目实施方案", sheet.plan),
        row("项目总预算", (sheet.total_budget, 3), "项目当年预算", (sheet.current_budget, 3)),
    ]
    if sheet.prior_years:
        body.append(row("项目前两年预算情况", "年度", "预算数", "执行数", "执行率"))
        body += [row(None, f"{p.year}年", p.budget, p.executed, p.rate) for p in sheet.prior_years]
    body.append(_text("项目前两年预算及当年预算变动情况", sheet.prior_text))
    if sheet.funding:
        body.append(row("项目资金来源", ("来源项目", 2), ("金额", 2)))
        body += [row(None, (ln.label, 2), (ln.amount, 2)) for ln in sheet.funding]
    body += _details(sheet)
    body.append(row(("项目采购", WIDTH)))
    body.append(row("品名", ("数量", 2), ("金额", 2)))
    if sheet.procurement:
        body += [row(p.item, (p.quantity, 2), (p.amount, 2)) for p in sheet.procurement]
    else:
        body.append(row("/", ("/", 2), ("/", 2)))
    if sheet.long_term_goals or sheet.annual_goals:
        body.append(row(("项目绩效总目标", WIDTH)))
        body.append(row("名称", ("目标说明", WIDTH - 1)))
        body += [row(g.label, (g.text, WIDTH - 1)) for g in [*sheet.long_term_goals, *sheet.annual_goals]]
    if sheet.long_term_indicators:
        body.append(row(("长期绩效目标表", WIDTH)))
        body += _indicator_header("目标名称", annual=False)
        body += _indicator_rows(list(sheet.long_term_indicators), annual=False, goal_col=True)
    if sheet.annual_indicators:
        body.append(row(("年度绩效目标表", WIDTH)))
        body += _indicator_header("目标名称", annual=True)
        body += _indicator_rows(list(sheet.annual_indicators), annual=True, goal_col=True)
    grid = Grid(body=[r for r in body if r is not None], widths=[1.6, 1.2, 1.4, 2.2, 1.1, 1.1, 1.1, 1.6])
    return TableBlock(number=number, name="项目支出绩效目标表", subtitle="项目申报表", grid=grid, unit=sheet.unit,
                      form=True)


def _details(sheet: ProjectSheet) -> list[list[Cell] | None]:
    if not sheet.details:
        return []
    rows: list[list[Cell] | None] = [row(("项目支出明细测算", WIDTH))]
    if any(d.economic_class or d.activity for d in sheet.details):
        # Hanyang form: activity, description, economic class, amount, basis, remark.
        rows.append(row("项目活动", "活动内容表述", "支出经济分类", "金额", ("测算依据及说明", 3), "备注"))
        rows += [row(d.activity, d.task, d.economic_class, d.estimate, (d.basis, 3), d.remark) for d in sheet.details]
    else:
        rows.append(row("项目任务明细", "支出标准", "单价", "计量数", "测算数", ("测算依据及说明", 3)))
        for d in sheet.details:
            standard = d.standard_amount if d.standard_amount is not None else d.standard
            rows.append(row(d.task, standard, d.unit_price, d.quantity, d.estimate, (d.basis, 3)))
    return rows


def overall_table(op: OverallPerformance, number: str | None, year: int | None) -> TableBlock:
    years = sorted({y for ln in [*op.income_structure, *op.expenditure_structure] for y in ln.prior})
    if not years and year:
        years = [str(year - 2), str(year - 1)]
    years = years[-2:]
    body: list[list[Cell] | None] = [
        row("部门名称", (op.department, WIDTH - 1)),
        _pairs(("填报人", op.filler), ("联系电话", op.phone)),
        row("部门总体资金情况", ("总体资金情况", 2), "当年金额", "占比", ("近两年收支金额", 2)),
        row(None, None, None, None, None, *(f"{y} 年" for y in years)),
    ]
    for side, lines in (("收入构成", op.income_structure), ("支出构成", op.expenditure_structure)):
        for i, ln in enumerate(lines):
            body.append(row(None, side if i == 0 else None, ln.label, ln.amount, ln.share,
                            *(ln.prior.get(y) for y in years)))
    body.append(_text("部门职能概述", op.functions_text))
    body.append(_text("年度工作任务", op.annual_tasks))
    if op.projects:
        body.append(row("项目支出情况", "项目名称", "支出项目类别", "项目总预算", "项目本年度预算",
                        ("项目主要支出方向和用途", 3)))
        body += [row(None, p.name, p.category, p.total, p.current, (p.purpose, 3)) for p in op.projects]
    goals = list(zip(op.long_term_goals, op.annual_goals, strict=False))
    if op.long_term_goals or op.annual_goals:
        body.append(row("整体绩效总目标", ("长期目标", 3), ("年度目标", 4)))
        body += [row(None, (f"{g.label}: {g.text}", 3), (f"{a.label}: {a.text}", 4)) for g, a in goals]
        body += [row(None, (f"{g.label}: {g.text}", 3)) for g in op.long_term_goals[len(goals):]]
        # More annual than long-term goals: printed in the annual column (the table reader takes the
        # first goal of a row as long-term, so these read back as long-term goals — reported).
        body += [row(None, ("", 3), (f"{a.label}: {a.text}", 4)) for a in op.annual_goals[len(goals):]]
    for label, indicators, annual in (("长期", op.long_term_indicators, False), ("年度", op.annual_indicators, True)):
        for n, (goal, group) in enumerate(_goal_groups(list(indicators)), start=1):
            body.append(row(f"{label}目标 {n}:", (_goal_text(goal, label), WIDTH - 1)))
            header = "长期绩效目标" if not annual else "年度绩效指标"
            yrs = (f"{years[0]}年", f"{years[1]}年", "预期当年实现值") if annual and len(years) == 2 else None
            body += _indicator_header(header, annual, yrs)
            body += _indicator_rows(group, annual, goal_col=False)
    grid = Grid(body=[r for r in body if r is not None], widths=[1.6, 1.2, 1.4, 2.2, 1.1, 1.1, 1.1, 1.6])
    return TableBlock(number=number, name="部门整体支出绩效目标表", subtitle="部门整体支出绩效目标申报表",
                      grid=grid, unit=op.unit, form=True)


def _goal_text(goal: str | None, label: str) -> str:
    """``长期目标 1:编外人员队伍稳定履职`` (as read) → ``编外人员队伍稳定履职``."""
    if not goal:
        return ""
    return re.sub(rf"^{label}目标\s*\d*\s*[:：]?\s*", "", goal).strip()
