"""项目经费情况说明 (Shanghai): one prose chapter per project.

The chapter title names the project (``科技创新专项经费情况说明``); numbered headings follow the
template: 一、项目概述 二、立项依据 三、实施主体 四、实施方案 五、实施周期 六、年度预算安排 七、绩效目标.
The year's budget is read from 年度预算安排 (``2025年度项目总预算1720.00万，其中…870.00万，…，合计
1170.00万``) with its breakdown as detail lines; the performance targets are published elsewhere
("详见单位的项目绩效目标表"), so a note carries no indicators.
"""

from __future__ import annotations

import re

from yusuan.layout import Block, TextBlock
from yusuan.model.budget import DetailLine, ProjectSheet
from yusuan.model.figures import WAN, YUAN, Figure
from yusuan.recognize.context import Context
from yusuan.text.cjk import key
from yusuan.text.joined import JoinedText
from yusuan.text.numbers import number_value

_HEADING = re.compile(r"^([一二三四五六七八九十]+)[、.．]\s*(.+)$")
# Printed amounts in these notes: 1720.00万 / 80.00万元 / 5000元.
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|万|元)")
_YEARS = re.compile(r"(20\d{2})\D+?(20\d{2})")
_FIELDS = {
    "项目概述": "overview",
    "立项依据": "basis",
    "实施主体": "executing_unit",
    "实施方案": "plan",
    "实施周期": "period",
    "年度预算安排": "budget",
    "绩效目标": "targets",
}


def project_name(title: str) -> str:
    """``区政府督查…业务经费项目经费情况说明`` → ``区政府督查…业务经费``; ``科技创新专项经费情况说明`` →
    ``科技创新专项``."""
    t = title.strip()
    for suffix in ("项目经费情况说明", "经费情况说明"):
        if t.endswith(suffix):
            return t[: -len(suffix)].strip()
    return t


def _figure(token: str, unit_word: str, ctx: Context, line: int | None, page: int | None, label: str,
            text: str) -> Figure | None:
    parsed = number_value(token)
    if parsed is None:
        return None
    value, places = parsed
    unit = YUAN if unit_word == "元" else WAN
    if unit == WAN:
        places = max(places, 2)  # 万元 amounts are kept to the cent (as in the tables and narrative)
    return Figure(value=value, places=places, unit=unit,
                  source=ctx.ref(line, page, section=label, column="budget", text=text))


def parse_project_note(blocks: list[Block], ctx: Context, index: int) -> ProjectSheet:
    head = blocks[0]
    assert isinstance(head, TextBlock)
    name = project_name(head.text)
    label = f"项目经费情况说明{index}（{name}）"
    fields: dict[str, JoinedText] = {}
    current: str | None = None
    for b in blocks[1:]:
        if not isinstance(b, TextBlock) or not b.text.strip():
            continue
        m = _HEADING.match(b.text.strip())
        field_name = _FIELDS.get(key(m.group(2))) if m else None
        if field_name is not None:
            current = field_name
            fields.setdefault(current, JoinedText())
            continue
        if current is None:
            current = "overview"
            fields.setdefault(current, JoinedText())
        fields[current].add(b.text.strip(), b.line, b.page)

    def text_of(name: str) -> str | None:
        j = fields.get(name)
        return j.text if j is not None and j.text else None

    current_budget: Figure | None = None
    details: list[DetailLine] = []
    details_total: Figure | None = None
    budget_text = fields.get("budget")
    if budget_text is not None and budget_text.text:
        current_budget, details, details_total = _budget(budget_text, ctx, label)
        if current_budget is None:
            line, page = budget_text.where(0)
            ctx.problem("project_note.no_amount", f"{label} 的年度预算安排没有写明金额",
                        ctx.ref(line, page, section=label, text=budget_text.text[:80]))
    period = text_of("period")
    start = end = None
    if period:
        ym = _YEARS.search(period)
        if ym:
            start, end = int(ym.group(1)), int(ym.group(2))
        else:
            y = re.search(r"(20\d{2})", period)
            if y:
                start = end = int(y.group(1))
    return ProjectSheet(
        form="note",
        number=str(index),
        title=head.text.strip(),
        name=name,
        executing_unit=text_of("executing_unit"),
        overview=text_of("overview"),
        basis=text_of("basis"),
        plan=text_of("plan"),
        period=period,
        arrangement=text_of("budget"),
        start_year=start,
        end_year=end,
        current_budget=current_budget,
        details=details,
        details_total=details_total,
        source=ctx.ref(head.line, head.page, section=label, text=head.text.strip()),
    )


def _budget(joined: JoinedText, ctx: Context, label: str) -> tuple[Figure | None, list[DetailLine], Figure | None]:
    """The year's amount (the first amount, after 总预算), the breakdown after 其中 and the
    breakdown's own stated total (…，合计1170.00万)."""
    text = joined.text
    total: Figure | None = None
    stated: Figure | None = None
    details: list[DetailLine] = []
    breakdown_at = text.find("其中")
    for m in _AMOUNT.finditer(text):
        line, page = joined.where(m.start())
        before = text[:m.start()]
        clause = re.split(r"[，,；;。：:、]", before)[-1].strip()
        fig = _figure(m.group(1), m.group(2), ctx, line, page, label, m.group(0))
        if fig is None:
            continue
        if total is None and (breakdown_at < 0 or m.start() < breakdown_at):
            total = fig
            continue
        if breakdown_at >= 0 and m.start() > breakdown_at:
            task = re.sub(r"^其中", "", clause).strip()
            if key(task) in ("合计", "共计", "总计"):
                stated = fig  # the breakdown's own total restates the amount (checked by P009)
                continue
            details.append(DetailLine(task=task, estimate=fig,
                                      source=ctx.ref(line, page, section=label, column="detail", text=m.group(0))))
    return total, details, stated
