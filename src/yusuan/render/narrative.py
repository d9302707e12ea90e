"""The narrative writer: part 3 (情况说明) written from the figures, in the Wuhan wording.

Sections 一…十一 follow the two Wuhan documents (titles as in the Qiaokou contents). Every stated
amount is measured in the tables through the quantity keys of :mod:`yusuan.quantities`; shares and
changes are computed (:mod:`yusuan.derive.numbers`); reasons and 主要用于 texts come from the
authoring inputs. The wording is chosen so the claim reader resolves each figure to the quantity it
was measured from (tests/test_render_narrative.py reads every generated document back and checks).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import Budget, RowKind, Table, TableKind
from yusuan.render.document import Block, Heading, Paragraph
from yusuan.render.narrative_other import other_section
from yusuan.render.wording import Words, join

K = TableKind
_ZERO = Decimal(0)

# Income sources as the narrative names them (Qiaokou/Hanyang 一/二: 一般公共预算财政拨款收入 …).
SOURCE_WORDS: tuple[tuple[str, str], ...] = (
    ("gpb", "一般公共预算财政拨款收入"), ("gov_fund", "政府性基金预算财政拨款收入"),
    ("soe", "国有资本经营预算财政拨款收入"), ("special_account", "财政专户管理资金收入"),
    ("business_income", "事业收入"), ("operating_income", "事业单位经营收入"),
    ("superior_subsidy", "上级补助收入"), ("subsidiary_remit", "附属单位上缴收入"), ("other_income", "其他收入"),
)
FISCAL_WORDS: tuple[tuple[str, str], ...] = (
    ("gpb", "一般公共预算财政拨款本年收入"), ("gov_fund", "政府性基金预算财政拨款本年收入"),
    ("soe", "国有资本经营预算财政拨款本年收入"),
)
SECTION_TITLES = (
    "预算收支情况总体说明", "预算收入情况说明", "预算支出情况说明", "财政拨款收支预算情况说明",
    "一般公共预算支出安排情况说明", "一般公共预算基本支出安排情况说明", "政府性基金预算支出安排情况说明",
    "国有资本经营预算支出安排情况说明", "一般公共预算“三公”经费支出情况说明", "项目支出安排情况",
    "其他重要事项的情况说明",
)
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")


def _nonzero(v: Decimal | None) -> bool:
    return v is not None and v != 0


def present(w: Words, items: list[tuple[str, str]]) -> list[tuple[str, str, Decimal]]:
    """(quantity key, word, value) of the listed quantities that are non-zero in this budget."""
    out = []
    for key, word in items:
        v = w.value(key)
        if v is not None and v != 0:
            out.append((key, word, v))
    return out


def _dept(w: Words) -> str:
    return w.budget.meta.department or "本部门"


def _classes(t: Table | None) -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in (t.rows if t else []) if r.kind is RowKind.CLASS and r.code and len(r.code) == 3]


def overview(w: Words) -> list[Block]:
    sources = [f"{word} {w.amount(key, v)}" for key, word, v in
               present(w, [(f"income.{k}", word) for k, word in SOURCE_WORDS])]
    carry = w.value("income.carryover")
    if _nonzero(carry):
        assert carry is not None
        sources.append(f"上年结转结余收入 {w.amount('income.carryover', carry)}")
    classes = [f"{name} {w.amount(key, v)}" for key, name, v in
               present(w, [(f"expenditure.fn:{c}", n) for c, n in _classes(w.budget.table(K.EXPENDITURE))])]
    first = f"按照综合预算的原则，{_dept(w)}所有收入和支出均纳入部门预算管理。"
    if sources:
        first += f"收入包括：{'、'.join(sources)}。"
    if classes:
        first += f"支出包括：{'、'.join(classes)}。"
    total = w.value("income.total")
    out: list[Block] = [Paragraph(first)]
    if total is not None:
        out.append(Paragraph(f"{w.year} 年部门收支总预算 {w.amount('income.total', total)}"
                             f"{w.change_of('income.total', total)}。"))
    return out


def income(w: Words) -> list[Block]:
    total = w.value("income.total")
    if total is None:
        return []
    text = f"{w.year} 年部门收入预算 {w.amount('income.total', total)}{w.change_of('income.total', total)}。"
    parts = [f"{word} {w.amount(key, v)}{w.share_of(key, v, total)}"
             for key, word, v in present(w, [(f"income.{k}", word) for k, word in SOURCE_WORDS])]
    carry = w.value("income.carryover")
    if _nonzero(carry):
        assert carry is not None
        parts.append(f"上年结转结余 {w.amount('income.carryover', carry)}{w.share_of('income.carryover', carry, total)}")
    if parts:
        text += f"其中：{'；'.join(parts)}。"
    return [Paragraph(text)]


def expenditure(w: Words) -> list[Block]:
    total = w.value("expenditure.total")
    if total is None:
        return []
    text = f"{w.year} 年部门支出预算 {w.amount('expenditure.total', total)}{w.change_of('expenditure.total', total)}。"
    parts = [f"{word} {w.amount(f'expenditure.{key}', v)}{w.share_of(f'expenditure.{key}', v, total)}"
             for key, word in (("basic", "基本支出"), ("project", "项目支出"))
             if (v := w.value(f"expenditure.{key}")) is not None]
    if parts:
        text += f"其中：{'；'.join(parts)}。"
    return [Paragraph(text)]


def fiscal(w: Words) -> list[Block]:
    t = w.budget.balance(K.FISCAL_SUMMARY)
    total = w.value("fiscal.total")
    if t is None or total is None:
        return []
    text = f"{w.year} 年财政拨款收支总预算 {w.amount('fiscal.total', total)}{w.change_of('fiscal.total', total)}。"
    incomes = [f"{word} {w.amount(key, v)}" for key, word, v in
               present(w, [(f"fiscal.income.{k}", word) for k, word in FISCAL_WORDS])]
    carry = w.value("fiscal.income.carryover")
    if _nonzero(carry):
        assert carry is not None
        incomes.append(f"上年结转 {w.amount('fiscal.income.carryover', carry)}")
    classes = [f"{name} {w.amount(key, v)}" for key, name, v in present(
        w, [(f"fiscal.fn:{ln.code}", _class_name(w.budget, ln.code, ln.label)) for ln in t.expenditure if ln.code])]
    if incomes:
        text += f"收入包括：{'、'.join(incomes)}。"
    if classes:
        text += f"支出包括：{'、'.join(classes)}。"
    return [Paragraph(text)]


def _class_name(budget: Budget, code: str, label: str) -> str:
    for kind in (K.GPB_BY_FUNCTION, K.EXPENDITURE, K.GOV_FUND, K.SOE_CAPITAL):
        t = budget.table(kind)
        row = t.find(code) if t else None
        if row is not None and row.name:
            return row.name
    from yusuan.templates.vocabulary import strip_ordinal

    return strip_ordinal(label)


def item_path(budget: Budget, table: Table, code: str) -> str:
    """``科学技术支出（类）科学技术管理事务（款）行政运行（项）`` with the names the tables print."""
    def name(c: str) -> str:
        row = table.find(c)
        return row.name if row is not None and row.name else _class_name(budget, c, "")

    return f"{name(code[:3])}（类）{name(code[:5])}（款）{name(code)}（项）"


def gpb(w: Words) -> list[Block]:
    t = w.budget.table(K.GPB_BY_FUNCTION)
    total = w.value("gpb.total")
    if t is None or total is None:
        return []
    current, carry = w.value("gpb.current"), w.value("gpb.carryover") or _ZERO
    first = f"{w.year} 年一般公共预算支出预算数为 {w.amount('gpb.total', total)}。"
    first += f"其中：（1）本年预算 {w.amount('gpb.current', current or total)}{w.change_of('gpb.current', current)}；"
    first += f"（2）上年结转 {w.amount('gpb.carryover', carry)}。"
    out: list[Block] = [Paragraph(first)]
    basic, project = w.value("gpb.basic") or _ZERO, w.value("gpb.project") or _ZERO
    personnel, public = w.value("gpb.personnel"), w.value("gpb.public")
    out.append(Heading("（一）一般公共预算拨款结构情况", 3))
    text = f"基本支出 {w.amount('gpb.basic', basic)}{w.share_of('gpb.basic', basic, total)}"
    inner = join([f"人员经费 {w.amount('gpb.personnel', personnel)}" if personnel is not None else "",
                  f"公用经费 {w.amount('gpb.public', public)}" if public is not None else ""], "、")
    text += (f"，其中：{inner}" if inner else "")
    text += f"；项目支出 {w.amount('gpb.project', project)}{w.share_of('gpb.project', project, total)}。"
    out.append(Paragraph(text))
    items = [r for r in t.rows if r.kind is RowKind.ITEM and r.code and len(r.code) == 7]
    if items:
        out.append(Heading("（二）一般公共预算拨款具体使用情况", 3))
    for i, r in enumerate(items, start=1):
        code = r.code or ""
        v = w.value(f"gpb.fn:{code}") or _ZERO
        key = f"gpb.fn:{code}"
        out.append(Paragraph(f"{i}.{item_path(w.budget, t, code)}{w.amount(key, v)}{w.change_of(key, v, state_prior=True)}"
                             f"{w.uses(key, key + '.project', key + '.basic')}。"))
    return out


def gpb_basic(w: Words) -> list[Block]:
    basic = w.value("gpb.basic")
    if basic is None:
        return []
    out: list[Block] = [Paragraph(f"{w.year} 年一般公共预算基本支出 {w.amount('gpb.basic', basic)}"
                                  f"{w.change_of('gpb.basic', basic)}。按部门预算支出经济分类包括：")]
    econ = w.budget.table(K.GPB_BASIC_ECONOMIC)
    for n, (column, word) in enumerate((("personnel", "人员经费"), ("public", "公用经费"))):
        v = w.value(f"gpb.{column}")
        if not _nonzero(v):
            continue
        assert v is not None
        out.append(Heading(f"（{NUMERALS[n]}）{word} {w.amount(f'gpb.{column}', v)}。包括：", 3))
        for code, name in _classes(econ):
            amount = w.value(f"econ:{code}.{column}")
            if not _nonzero(amount):
                continue
            assert amount is not None and econ is not None
            parts = [r.name for r in econ.rows if r.code and len(r.code) == 5 and r.code.startswith(code)
                     and r.amount(column) != 0]
            use = w.uses(f"econ:{code}.{column}") or (f"，主要用于：{'、'.join(parts)}等" if parts else "")
            out.append(Paragraph(f"{name} {w.amount(f'econ:{code}.{column}', amount)}{use}。"))
    return out


def fund_section(w: Words, kind: TableKind, word: str) -> list[Block]:
    t = w.budget.table(kind)
    topic = "gov_fund" if kind is K.GOV_FUND else "soe"
    total = w.value(f"{topic}.total")
    if t is None or not _nonzero(total):
        return [Paragraph(f"{_dept(w)} {w.year} 年没有使用{word}预算安排的支出。")]
    assert total is not None
    text = f"{w.year} 年{word}预算支出 {w.amount(f'{topic}.total', total)}{w.change_of(f'{topic}.total', total)}。"
    items = [item_path(w.budget, t, r.code) for r in t.rows if r.kind is RowKind.ITEM and r.code and len(r.code) == 7]
    if items:
        # Item amounts are in the table: the quantity vocabulary has no per-item key for 8 / 9 yet.
        text += f"具体科目包括：{'、'.join(items)}。"
    return [Paragraph(text)]


def three_public(w: Words) -> list[Block]:
    total = w.value("three_public.total")
    if total is None:
        return []
    out: list[Block] = []
    scope = w.authoring.notes.get("three_public.scope")
    if scope:
        out += [Heading("1、“三公”经费安排的单位范围", 3),
                Paragraph(f"本年一般公共预算财政拨款预算安排“三公”经费的单位包括{scope.rstrip('。')}。"),
                Heading("2、一般公共预算财政拨款“三公”经费预算安排情况", 3)]

    def item(key: str, word: str) -> str:
        v = w.value(f"three_public.{key}") or _ZERO
        return f"{word} {w.amount(f'three_public.{key}', v)}{w.change_of(f'three_public.{key}', v)}"

    text = (f"{w.year} 年一般公共预算财政拨款“三公”经费预算数 {w.amount('three_public.total', total)}"
            f"{w.change_of('three_public.total', total)}。")
    text += (f"其中：（1）{item('abroad', '因公出国（境）费')}；"
            f"（2）{item('vehicle', '公务用车购置及运行维护费')}，其中：{item('vehicle_purchase', '公务用车购置费')}，"
            f"{item('vehicle_operation', '公务用车运行维护费')}；（3）{item('reception', '公务接待费')}。")
    out.append(Paragraph(text))
    return out


def projects(w: Words) -> list[Block]:
    t = w.budget.table(K.PROJECTS)
    total = w.value("projects.total")
    if t is None or total is None:
        return []
    text = f"{w.year} 年项目支出 {w.amount('projects.total', total)}{w.change_of('projects.total', total)}"
    parts = [f"{word} {w.amount(key, v)}" for key, word, v in present(w, [
        ("projects.current.gpb", "一般公共预算本年拨款"), ("projects.current.gov_fund", "政府性基金预算本年拨款"),
        ("projects.unit_funds", "单位资金")])]
    text += (f"，其中：{'、'.join(parts)}。" if parts else "。") + "具体使用情况如下："
    out: list[Block] = [Paragraph(text)]
    rows = [r for r in t.rows if r.kind is RowKind.PROJECT and r.code]
    for i, r in enumerate(rows, start=1):
        key = f"project:{r.code}"
        v = w.convert(r.amount("total"), t.unit)
        out.append(Paragraph(f"{i}.{r.name} {w.amount(key, v)}{w.change_of(key, v)}{w.uses(key)}。"))
    return out


def write_narrative(budget: Budget, words: Words) -> list[Block]:
    """Part 3 as blocks: the part heading, then sections 一…十一."""
    w = words
    bodies = [overview(w), income(w), expenditure(w), fiscal(w), gpb(w), gpb_basic(w),
              fund_section(w, K.GOV_FUND, "政府性基金"), fund_section(w, K.SOE_CAPITAL, "国有资本经营"),
              three_public(w), projects(w), other_section(w)]
    out: list[Block] = [Heading(f"第三部分 {_dept(w)}{w.year}年部门预算情况说明", 1)]
    for n, (title, body) in enumerate(zip(SECTION_TITLES, bodies, strict=True)):
        out.append(Heading(f"{NUMERALS[n]}、{title}", 2))
        out += body or [Paragraph("本部门无此项内容。")]
    return out
