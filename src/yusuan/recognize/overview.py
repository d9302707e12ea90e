"""Part 1 (概况): functions, budget units and staffing."""

from __future__ import annotations

import re

from yusuan.layout import Block, TextBlock
from yusuan.model.budget import BudgetUnit, Overview
from yusuan.model.figures import Figure
from yusuan.recognize.context import Context
from yusuan.text.cjk import key
from yusuan.text.joined import join_lines
from yusuan.text.numbers import number_value

_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_LISTED_UNIT = re.compile(r"^\d+\s*[、.．]\s*(.+)$")
_SUBORDINATE = re.compile(r"(?:二级预算单位|二级单位|下属(?:预算)?单位|所属(?:预算)?单位)\s*(\d+)\s*(?:个|家)"
                          r"|下属\s*(\d+)\s*(?:个|家)\s*二级(?:预算)?单位")
_STAFF = re.compile(r"([^\d，,。；;：:()（）\s]+?)\s*(\d+)\s*人")

STAFF_KEYS = {
    "establishment": "编制人数",
    "actual": "在职实有人数",
    "retired": "离退休人员",
}


def _topic(title: str) -> str | None:
    k = key(title)
    if "职能" in k:
        return "functions"
    if "人员" in k:
        return "staffing"
    if "单位构成" in k or "机构设置" in k or "预算单位" in k:
        return "units"
    return None


def _staff_key(label: str, block: str | None, parent: str | None) -> tuple[str | None, str | None, str | None]:
    """(key, new block, new parent) for a staffing label."""
    k = key(label).removeprefix("其中:").removeprefix("其中：")
    if "编制人数" in k or "总编制" in k:
        return "establishment.total", "establishment", None
    if "在职实有" in k or "实有人数" in k:
        return "actual.total", "actual", None
    if "离退休" in k:
        return "retired.total", "retired", None
    if block is None:
        return None, block, parent
    if "参照公务员" in k or "参公" in k:
        return f"{parent or block + '.institution'}.civil_service_managed", block, parent
    if "离休" in k:
        return f"{block}.lixiu", block, parent
    if "退休" in k:
        return f"{block}.tuixiu", block, parent
    if "工勤" in k:
        return f"{block}.worker", block, f"{block}.worker"
    if "行政" in k:
        return f"{block}.admin", block, f"{block}.admin"
    if "事业" in k:
        return f"{block}.institution", block, f"{block}.institution"
    return None, block, parent


def parse_overview(blocks: list[Block], ctx: Context, chapter_titles: set[int] | frozenset[int] = frozenset()) -> Overview:
    """Part 1 by its numbered headings, or by chapter titles (``chapter_titles``: block ids) in
    templates without 第一部分 (Shanghai: …主要职能, …机构设置)."""
    sections: dict[str, list[TextBlock]] = {}
    topic: str | None = None
    first_source = None
    for b in blocks:
        if not isinstance(b, TextBlock):
            continue
        if first_source is None:
            first_source = ctx.ref(b.line, b.page, section="第一部分")
        if _HEADING.match(b.text.strip()) or id(b) in chapter_titles:
            t = _topic(b.text)
            if t is not None:
                topic = t
                continue
        if topic is not None:
            sections.setdefault(topic, []).append(b)

    functions: list[str] = []
    for b in sections.get("functions", []):
        text = b.text.strip()
        if functions and not re.match(r"^[（(][一二三四五六七八九十]+[)）]", text):
            functions[-1] += text
        else:
            functions.append(text)

    units: list[BudgetUnit] = []
    units_text = join_lines(sections.get("units", []))
    subordinate: Figure | None = None
    for b in sections.get("units", []):
        m = _LISTED_UNIT.match(b.text.strip())
        if m:
            units.append(BudgetUnit(name=m.group(1).strip(), source=ctx.ref(b.line, b.page, section="预算单位构成")))
    m = _SUBORDINATE.search(units_text.text)
    stated_count: Figure | None = None
    if m:
        token = m.group(1) or m.group(2)
        line, page = units_text.where(m.start())
        src = ctx.ref(line, page, section="预算单位构成", text=m.group(0))
        parsed = number_value(token)
        if parsed:
            subordinate = Figure(value=parsed[0], places=0, unit="个", exact=True, source=src)
            if "本级" in units_text.text:
                stated_count = Figure(value=parsed[0] + 1, places=0, unit="个", exact=True, source=src)

    staffing: dict[str, Figure] = {}
    staff_text = join_lines(sections.get("staffing", []))
    block: str | None = None
    parent: str | None = None
    for sm in _STAFF.finditer(staff_text.text):
        k, block, parent = _staff_key(sm.group(1), block, parent)
        if k is None or k in staffing:
            continue
        parsed = number_value(sm.group(2))
        if parsed is None:
            continue
        line, page = staff_text.where(sm.start(2))
        staffing[k] = Figure(value=parsed[0], places=0, unit="人", exact=True,
                             source=ctx.ref(line, page, section="人员构成", column=k, text=sm.group(0)))
    return Overview(
        functions=functions,
        units_text=units_text.text or None,
        units=units,
        stated_subordinate_units=subordinate,
        stated_unit_count=stated_count,
        staffing=staffing,
        staffing_text=staff_text.text or None,
        source=first_source,
    )
