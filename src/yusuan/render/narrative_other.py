"""Section 十一 (其他重要事项的情况说明): narrative-only facts from the authoring inputs.

Wording after the Wuhan documents (Qiaokou 十一 (一)–(五), Hanyang 十一 (一)–(五)): 机关运行经费,
政府采购 (货物 / 工程 / 服务), 政府购买服务 with its items, 国有资产, 预算绩效管理. Totals the author
did not type are sums of their parts (derive._fact_sums). A sub-section is written only from facts
that were given; nothing is assumed. Extra sub-sections (notes ``other:<title>``) follow verbatim.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.render.document import Block, Heading, Paragraph
from yusuan.render.wording import Words

_SUB = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _admin_cost(w: Words) -> list[Block]:
    v = w.fact_value("admin_operating_cost")
    if v is None:
        return []
    text = f"{w.year} 年本部门机关运行经费 {w.amount('admin_operating_cost', v)}{w.change_of('admin_operating_cost', v)}。"
    note = w.authoring.notes.get("admin_operating_cost")
    return [Paragraph(text + (note.strip() if note else ""))]


def _procurement(w: Words) -> list[Block]:
    total = w.fact_value("procurement.total")
    if total is None:
        return []
    text = (f"{w.year} 年部门政府采购预算支出合计 {w.amount('procurement.total', total)}"
            f"{w.change_of('procurement.total', total)}。")
    parts = [f"{word} {w.amount(f'procurement.{key}', v)}" for key, word in
             (("goods", "货物类"), ("works", "工程类"), ("services", "服务类"))
             if (v := w.fact_value(f"procurement.{key}")) is not None]
    if parts:
        text += f"包括：{'，'.join(parts)}。"
    sme = w.fact_value("procurement.sme")
    if sme is not None:
        text += f"其中，预留给中小企业的采购份额 {w.amount('procurement.sme', sme)}。"
    return [Paragraph(text)]


def _purchase_services(w: Words) -> list[Block]:
    total = w.fact_value("purchase_services.total")
    if total is None:
        return []
    items = [(k, f) for k, f in w.authoring.facts.items() if k.startswith("purchase_services.item:")]
    text = f"{w.year} 年部门政府购买服务预算支出合计 {w.amount('purchase_services.total', total)}。"
    if items:
        text += "其中：" + "，".join(f"{k.split(':', 1)[1]} {w.amount(k, w.convert(f.value, f.unit))}"
                                   for k, f in items) + "。"
    return [Paragraph(text)]


def _assets(w: Words) -> list[Block]:
    year = w.year
    total = w.fact_value("assets.total")
    sentences = []
    head = f"截至 {year - 1} 年 12 月 31 日，" if year else ""
    if total is not None:
        head += f"部门占有使用国有资产 {w.amount('assets.total', total)}"
    counts = []
    for key, word, unit in (("assets.vehicles", "一般公务用车", "辆"), ("assets.office_area", "办公用房面积", "平方米"),
                            # The 50 万元 threshold is how the Qiaokou document names large equipment.
                            ("assets.equipment", "单位价值 50 万元以上设备", "套")):
        f = w.fact(key)
        if f is not None:
            known = None if key == "assets.office_area" else key  # no quantity key for office space
            counts.append(f"{word} {w.count(known, f.value, f.unit or unit)}")
    if total is not None:
        sentences.append(head + (f"，其中：{'，'.join(counts)}。" if counts else "。"))
    elif counts:
        sentences.append(head + f"部门共有{'，'.join(counts)}。")
    new = w.fact_value("assets.new")
    if new is not None:
        sentences.append(f"{year} 年预算新增资产 {w.amount('assets.new', new)}。")
    note = w.authoring.notes.get("assets")
    if note:
        sentences.append(note.strip())
    return [Paragraph("".join(sentences))] if sentences else []


def _performance(w: Words) -> list[Block]:
    sheets = len(w.budget.projects)
    if not sheets and w.budget.overall_performance is None:
        return []
    text = f"{w.year} 年部门预算支出全部纳入绩效管理，设置了部门整体支出绩效目标"
    text += f"，以及 {w.count('count.performance_projects', Decimal(sheets), '个')}项目支出绩效目标。" if sheets else "。"
    pc, pa = w.fact("performance.priority_count"), w.fact_value("performance.priority_amount")
    cc, ca = w.fact("performance.cut_count"), w.fact_value("performance.cut_amount")
    if pc is not None and pa is not None and cc is not None and ca is not None:
        text += (f"根据上年度绩效评价和自评结果，优先保障优秀项目 {w.count('performance.priority_count', pc.value, '个')} "
                 f"{w.amount('performance.priority_amount', pa)}，削减项目 {w.count('performance.cut_count', cc.value, '个')} "
                 f"{w.amount('performance.cut_amount', ca)}。")
    note = w.authoring.notes.get("performance")
    return [Paragraph(text + (note.strip() if note else ""))]


_GENERATED = (
    ("机关运行经费安排情况", _admin_cost),
    ("政府采购预算安排情况", _procurement),
    ("政府购买服务预算安排情况", _purchase_services),
    ("国有资产占有使用情况", _assets),
    ("预算绩效管理情况", _performance),
)


def other_section(w: Words) -> list[Block]:
    out: list[Block] = []
    n = 0
    for title, make in _GENERATED:
        body = make(w)
        if body:
            out += [Heading(f"（{_SUB[n]}）{title}", 3), *body]
            n += 1
    for key, text in w.authoring.notes.items():
        if key.startswith("other:") and n < len(_SUB):
            out.append(Heading(f"（{_SUB[n]}）{key.removeprefix('other:')}", 3))
            out += [Paragraph(p) for p in text.split("\n") if p.strip()]
            n += 1
    return out
