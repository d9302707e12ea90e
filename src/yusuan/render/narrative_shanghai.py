"""The Shanghai narrative: 部门预算编制说明 and 其他相关情况说明, in the wording of the Putuo documents.

Every sentence follows one of the four Putuo 2025 PDFs (shared/corpus/shanghai-putuo-*-2025-*.pdf:
商务委员会 and 人民政府办公室, 部门 and 单位 budgets), with the figures of this budget:

* 编制说明: income and expenditure with their changes (人民政府办公室: “比2024年预算减少2,389.52万元”),
  the reason of the change of 财政拨款收入支出, then “财政拨款支出主要内容如下：” and one line per 项 in
  the 商务委员会 form ``“类（类）款（款）项（项）”X万元，主要用于…``;
* 其他相关情况说明 一 “三公” (with changes and reasons), 二 机关运行经费 (with the number of 机关 and
  事业单位 when given), 三 政府采购 (and the amount reserved for SMEs), 四 绩效目标, 五 国有资产.

Amounts are stated in 万元 (the tables are in 元) as the documents print them: ``37,151.47万元`` and
``0万元``; changes without rates (the Putuo documents state none), compared with last year's 预算 or,
where the authoring says so (``bases``), its 预算执行数. Like the Wuhan writer, every
stated figure is logged in ``Words.stated`` as (kind, quantity key, value): the tests read the text
back and require each figure to be found with the same quantity. A sentence is written only from
figures the budget has; nothing is assumed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.derive.numbers import change, quantize, text_amount
from yusuan.derive.templates import SHANGHAI_VEHICLE_CATEGORIES
from yusuan.model.budget import Budget, Direction, RowKind, TableKind
from yusuan.render.document import Block, Heading, Paragraph
from yusuan.render.narrative import item_path  # 类（类）款（款）项（项） with the tables' names
from yusuan.render.wording import Words

K = TableKind
_ZERO = Decimal(0)

VEHICLE_CATEGORIES = SHANGHAI_VEHICLE_CATEGORIES
# What a change compares with (``Authoring.bases``): 商务委员会 compares 财政拨款收入 with 预算执行数.
_BASES = {"budget": "预算", "execution": "预算执行数", "final": "决算数"}
EQUIPMENT_WORDS = "单价100万元（含）以上设备（不含车辆）"
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


class Phrases:
    """Shanghai phrasing over the figures of :class:`Words` (whose ``stated`` log it shares)."""

    def __init__(self, w: Words) -> None:
        self.w = w

    @property
    def year(self) -> int | None:
        return self.w.year

    @property
    def prior_year(self) -> int | None:
        return self.w.prior_year

    def money(self, value: Decimal) -> str:
        q = quantize(value, 2)
        return "0万元" if q == 0 else f"{text_amount(q, 2)}万元"

    def amount(self, key: str | None, value: Decimal) -> str:
        self.w.stated.append(("amount", key, quantize(value, 2)))
        return self.money(value)

    def count(self, key: str | None, value: Decimal, unit: str) -> str:
        self.w.stated.append(("count", key, value))
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
        return f"{text}{unit}"

    def change(self, key: str, current: Decimal | None, flat_word: str = "比") -> str:
        """``，比2024年预算增加24,491.71万元`` / ``，比2024年预算持平`` (编制说明) / ``，与2024年预算持平``
        (“三公”), from the prior-year figure of ``key``; empty without one."""
        direction = self.direction(key, current)
        if direction is None or current is None:
            return ""
        ch = self._change(key, current)
        base = f"{self.prior_year}年{_BASES.get(self.w.authoring.bases.get(key, 'budget'), '预算')}"
        if direction is Direction.FLAT:
            self.w.stated.append(("change", key, _ZERO))
            return f"，{flat_word}{base}持平"
        self.w.stated.append(("change", key, ch))
        verb = "增加" if direction is Direction.INCREASE else "减少"
        return f"，比{base}{verb}{text_amount(ch, 2)}万元"

    def _change(self, key: str, current: Decimal) -> Decimal:
        prior_fig = self.w.authoring.prior[key]
        prior = quantize(self.w.convert(prior_fig.value, prior_fig.unit), 2)
        return change(quantize(current, 2), prior, 2).amount

    def direction(self, key: str, current: Decimal | None) -> Direction | None:
        prior_fig = self.w.authoring.prior.get(key)
        if prior_fig is None or current is None:
            return None
        prior = quantize(self.w.convert(prior_fig.value, prior_fig.unit), 2)
        return change(quantize(current, 2), prior, 2).direction

    def reason(self, key: str) -> str:
        text = self.w.authoring.reasons.get(key)
        return f"，主要原因是{text.strip().lstrip('：:').rstrip('。；;')}" if text else ""

    def value(self, key: str) -> Decimal | None:
        return self.w.value(key)

    def fact(self, key: str) -> Decimal | None:
        return self.w.fact_value(key)


def scope_word(budget: Budget) -> str:
    """部门 / 单位: how the document names itself (本部门, 2025年部门预算编制说明 …)."""
    return "单位" if budget.meta.level == "unit" else "部门"


def _non_fiscal_money(p: Phrases) -> bool:
    return any((p.value(f"income.{k}") or _ZERO) != 0 for k in ("business_income", "operating_income", "other_income"))


def explanation(w: Words) -> list[Block]:
    """部门预算编制说明 (商务委员会 and 人民政府办公室 documents, 2025)."""
    p = Phrases(w)
    b = w.budget
    dept = b.meta.department or f"本{scope_word(b)}"
    out: list[Block] = []
    total = p.value("income.total")
    if total is not None:
        text = f"{p.year}年，{dept}收入预算{p.amount('income.total', total)}"
        parts = []
        for key, word in (("income.fiscal", "财政拨款收入"), ("income.business_income", "事业收入"),
                          ("income.operating_income", "事业单位经营收入"), ("income.other_income", "其他收入")):
            v = p.value(key)
            if v is not None:
                parts.append(f"{word}{p.amount(key, v)}{p.change(key, v)}")
        out.append(Paragraph(text + (f"，其中：{'；'.join(parts)}" if parts else "") + "。"))
    spent = p.value("expenditure.total")
    fiscal = p.value("fiscal.expenditure")
    if spent is not None:
        text = f"支出预算{p.amount('expenditure.total', spent)}"
        if fiscal is not None:
            text += f"，其中：财政拨款支出预算{p.amount('fiscal.expenditure', fiscal)}{p.change('fiscal.expenditure', fiscal)}"
        text += "。"
        funds = []
        for key, word in (("gpb.total", "一般公共预算拨款支出预算"), ("gov_fund.total", "政府性基金拨款支出预算"),
                          ("soe.total", "国有资本经营预算拨款支出预算")):
            v = p.value(key)
            if v is not None:
                funds.append(f"{word}{p.amount(key, v)}{p.change(key, v)}")
        if funds and fiscal is not None:
            text += f"财政拨款支出预算中，{'；'.join(funds)}。"
        out.append(Paragraph(text))
    reason = w.authoring.reasons.get("fiscal.total")
    if reason:
        direction = p.direction("fiscal.expenditure", fiscal) or p.direction("income.fiscal", p.value("income.fiscal"))
        verb = {Direction.INCREASE: "增加", Direction.DECREASE: "减少", Direction.FLAT: "持平"}.get(
            direction, "变动") if direction is not None else "变动"
        out.append(Paragraph(f"财政拨款收入支出{verb}的主要原因是{reason.strip().lstrip('：:').rstrip('。')}。"))
    out += _items(p)
    return out or [Paragraph("（未填报）")]


def _items(p: Phrases) -> list[Block]:
    """One line per 项: ``1. “类（类）款（款）项（项）”X万元，主要用于…。`` (商务委员会 form).

    The claim reader ties these lines to the 支出预算总表 (all funds), so that is what they state;
    with no money besides appropriations (every Putuo document) it equals the appropriation, and
    the lead-in says 财政拨款支出 as the documents do. Otherwise it says 支出.
    """
    b = p.w.budget
    t = b.table(K.EXPENDITURE)
    rows = [r for r in (t.rows if t else []) if r.kind is RowKind.ITEM and r.code and len(r.code) == 7]
    if t is None or not rows:
        return []
    lead = "支出主要内容如下：" if _non_fiscal_money(p) else "财政拨款支出主要内容如下："
    out: list[Block] = [Paragraph(lead)]
    for i, r in enumerate(rows, start=1):
        code = r.code or ""
        key = f"expenditure.fn:{code}"
        use = p.w.authoring.uses.get(key) or p.w.authoring.uses.get(f"gpb.fn:{code}")
        use_text = f"，主要用于{use.strip().lstrip('：:').rstrip('。；;')}" if use else ""
        out.append(Paragraph(f"{i}. “{item_path(b, t, code)}”{p.amount(key, p.value(key) or _ZERO)}{use_text}。"))
    return out


# -- 其他相关情况说明 ----------------------------------------------------------------------------------

def _three_public(p: Phrases) -> list[Block]:
    total = p.value("three_public.total")
    if total is None:
        return []

    def item(key: str, word: str) -> str:
        q = f"three_public.{key}"
        v = p.value(q) or _ZERO
        return f"{word}{p.amount(q, v)}{p.change(q, v, '与')}{p.reason(q)}"

    head = (f"{p.year}年“三公”经费预算数为{p.amount('three_public.total', total)}"
            f"{p.change('three_public.total', total, '与')}{p.reason('three_public.total')}。其中：")
    return [Paragraph(head),
            Paragraph(f"（一）{item('abroad', '因公出国（境）费')}。"),
            Paragraph(f"（二）{item('vehicle', '公务用车购置及运行费')}。其中：{item('vehicle_purchase', '公务用车购置费')}；"
                      f"{item('vehicle_operation', '公务用车运行费')}。"),
            Paragraph(f"（三）{item('reception', '公务接待费')}。")]


def _admin_cost(p: Phrases) -> list[Block]:
    b = p.w.budget
    v = p.value("admin_operating_cost")
    if v is None:
        v = p.fact("admin_operating_cost")
    if v is None:
        return []
    dept = b.meta.department or f"本{scope_word(b)}"
    admin = p.w.fact("count.admin_institutions.admin")
    inst = p.w.fact("count.admin_institutions.institution")
    who = ""
    if admin is not None or inst is not None:
        parts = []
        if admin is not None:
            parts.append(f"{p.count('count.admin_institutions', admin.value, '家')}机关")
        if inst is not None:
            parts.append(f"{p.count('count.admin_institutions', inst.value, '家')}事业单位")
        who = f"下属{'和'.join(parts)}"
    # 商务委员会: “2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。”
    # 人民政府办公室: “…办公室下属1家机关和1家事业单位财政拨款的机关运行经费预算为213.28万元。”
    return [Paragraph(f"{p.year}年{dept}{who}财政拨款的机关运行经费预算为{p.amount('admin_operating_cost', v)}。")]


def _procurement(p: Phrases) -> list[Block]:
    scope = scope_word(p.w.budget)
    total = p.fact("procurement.total")
    out: list[Block] = []
    if total is not None:
        text = f"{p.year}年度本{scope}政府采购预算{p.amount('procurement.total', total)}"
        parts = [f"政府采购{word}预算{p.amount(f'procurement.{key}', v)}" for key, word in
                 (("goods", "货物"), ("works", "工程"), ("services", "服务"))
                 if (v := p.fact(f"procurement.{key}")) is not None]
        out.append(Paragraph(text + (f"，其中：{'、'.join(parts)}" if parts else "") + "。"))
    sme = p.fact("procurement.sme")
    if sme is not None:
        text = f"{p.year}年本{scope}面向中小企业预留政府采购项目预算金额{p.amount('procurement.sme', sme)}"
        small = p.fact("procurement.sme_small")
        if small is not None:
            text += f"，其中，预留给小型和微型企业的政府采购项目预算为{p.amount('procurement.sme_small', small)}"
        out.append(Paragraph(text + "。"))
    return out


def _performance(p: Phrases) -> list[Block]:
    n = p.w.fact("count.performance_projects")
    amount = p.fact("performance.amount")
    if n is None and amount is None:
        return []
    text = f"{p.year}年度，本{scope_word(p.w.budget)}"
    parts = []
    if n is not None:
        parts.append(f"编报绩效目标的项目共{p.count('count.performance_projects', n.value, '个')}")
    if amount is not None:
        parts.append(f"涉及项目预算资金{p.amount('performance.amount', amount)}")
    return [Paragraph(text + "，".join(parts) + "。")]


def _vehicles(p: Phrases, prefix: str) -> str:
    """``车辆0辆，其中：部级领导干部用车0辆、…、其他用车0辆`` from the facts under ``prefix``."""
    total = p.w.fact(prefix)
    if total is None:
        return ""
    text = f"车辆{p.count('assets.vehicles', total.value, '辆')}"
    cats = [(c, f.value) for c in VEHICLE_CATEGORIES if (f := p.w.fact(f"{prefix}:{c}")) is not None]
    if not cats and total.value == 0:
        cats = [(c, _ZERO) for c in VEHICLE_CATEGORIES]  # no vehicles: none of any kind (as printed)
    if cats:
        text += "，其中：" + "、".join(f"{c}{p.count('assets.vehicles', v, '辆')}" for c, v in cats)
    return text


def _assets(p: Phrases) -> list[Block]:
    b = p.w.budget
    scope = scope_word(b)
    dept = b.meta.department or f"本{scope}"
    out: list[Block] = []
    held, equipment = _vehicles(p, "assets.vehicles"), p.w.fact("assets.equipment")
    if held or equipment is not None:
        as_of = p.w.authoring.notes.get("assets.as_of") or (f"{p.year - 1}年8月31日" if p.year else "")
        parts = [f"共有{held}"] if held else []
        if equipment is not None:
            parts.append(f"{EQUIPMENT_WORDS}{p.count('assets.equipment', equipment.value, '台')}（套）")
        out.append(Paragraph(f"截至{as_of}，{dept}{'；'.join(parts)}。"))
    bought, new_equipment = _vehicles(p, "assets.purchase.vehicles"), p.w.fact("assets.purchase.equipment")
    if bought or new_equipment is not None:
        parts = [f"{p.year}年{scope}预算安排购置{bought}"] if bought else []
        if new_equipment is not None:
            parts.append(f"{scope}预算安排购置{EQUIPMENT_WORDS}{p.count('assets.equipment', new_equipment.value, '台')}（套）")
        text = "；".join(parts)
        if not bought:
            text = f"{p.year}年{text}"
        out.append(Paragraph(text + "。"))
    note = p.w.authoring.notes.get("assets")
    if note:
        out.append(Paragraph(note.strip()))
    return out


OTHER_SECTIONS = (
    ("“三公”经费预算情况说明", _three_public),
    ("机关运行经费预算", _admin_cost),
    ("政府采购预算情况", _procurement),
    ("绩效目标设置情况", _performance),
    ("国有资产占有使用情况", _assets),
)


def other_sections(w: Words) -> list[Block]:
    """其他相关情况说明 一…五 (titles as the Putuo documents print them)."""
    p = Phrases(w)
    out: list[Block] = []
    n = 0
    for title, make in OTHER_SECTIONS:
        body = make(p)
        heading = f"{p.year}年{title}" if title.startswith("“三公”") else title
        out.append(Heading(f"{_NUMERALS[n]}、{heading}", 2))
        out += body or [Paragraph("（未填报）")]
        n += 1
    for key, text in w.authoring.notes.items():
        if key.startswith("other:") and n < len(_NUMERALS):
            out.append(Heading(f"{_NUMERALS[n]}、{key.removeprefix('other:')}", 2))
            out += [Paragraph(x) for x in text.split("\n") if x.strip()]
            n += 1
    return out


_ENUMERATION = re.compile(r"(?<=[。：:；;])\s*(?=\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十]+[)）])")


def split_enumeration(text: str) -> list[str]:
    """A paragraph read as one run of text (the PDF's lines joined) back into its numbered lines:
    ``…主要职能包括：1、贯彻…。2、根据…`` → one line per item, as the documents print them."""
    text = re.sub(r"(?<=[。])\s*(?=主要职能包括[:：])", "\n", text)
    return [p.strip() for p in _ENUMERATION.sub("\n", text).split("\n") if p.strip()]


