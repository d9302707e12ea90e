"""Part 4 (名词解释): standard terms, then an explanation for every functional-classification 项 used.

The standard definitions are quoted from the two Wuhan documents' 第四部分 (sources in the comments).
An item's explanation comes from the classification catalogue (``yusuan.catalog``); failing that
from the author's ``definitions``; failing that — for a parsed document — from the document's own
glossary. Nothing is made up: an item with no explanation anywhere is left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.catalog import load_catalog
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget, RowKind, Table, TableKind
from yusuan.render.document import Block, Heading, Paragraph
from yusuan.render.narrative import item_path
from yusuan.text.cjk import name_key

K = TableKind


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    when: str  # which figure must be non-zero for the term to be explained ("" = always)


# Qiaokou 第四部分 (一)(二)(三)(四)(五)(六)(八)(九) and Hanyang 第四部分 (五) for 事业单位经营支出;
# both documents word them identically where they overlap.
TERMS: tuple[Term, ...] = (
    Term("一般公共预算财政拨款收入", "指区级财政一般公共预算当年拨付的资金。", "income.gpb"),
    Term("政府性基金预算财政拨款收入", "指区级财政政府性基金预算当年拨付的资金。", "income.gov_fund"),
    Term("其他收入", "指除“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。", "income.other_income"),
    Term("上年结转", "指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。", "income.carryover"),
    Term("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", ""),
    Term("项目支出", "指在基本支出之外为完成特定的行政任务和事业发展目标所发生的支出。", ""),
    Term("事业单位经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
         "expenditure.operating_expense"),
)
THREE_PUBLIC = (
    "“三公”经费",
    "纳入财政一般公共预算管理的“三公”经费，是指区级部门用一般公共预算财政拨款安排的因公出国（境）费、"
    "公务用车购置及运行维护费和公务接待费。其中，（1）因公出国（境）费，反映单位公务出国（境）的国际旅费、"
    "国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；（2）公务用车购置及运行维护费，反映单位公务用车"
    "购置支出（含车辆购置税、牌照费）及燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；（3）公务接待费"
    "反映单位按规定开支的各类公务接待（含外宾接待）支出。",
)
ADMIN_COST = (
    "机关运行经费",
    "为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、"
    "邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、"
    "办公用房物业管理费、公务用车运行维护费以及其他费用等。",
)
_NUMS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")


def _used_items(budget: Budget) -> list[tuple[str, Table]]:
    seen: dict[str, Table] = {}
    for kind in (K.GPB_BY_FUNCTION, K.EXPENDITURE, K.GOV_FUND, K.SOE_CAPITAL):
        t = budget.table(kind)
        for r in t.rows if t else []:
            if r.kind is RowKind.ITEM and r.code and len(r.code) == 7 and r.code not in seen:
                seen[r.code] = t  # type: ignore[assignment]
    return sorted(seen.items())


def _document_definition(budget: Budget, code: str) -> str | None:
    for e in budget.glossary.entries:
        if e.code == code and e.definition:
            return e.definition
    return None


def item_definition(budget: Budget, authoring: Authoring, code: str, parsed: bool) -> str | None:
    entry = load_catalog().entry(code, budget.meta.year)
    if entry is not None and entry.description:
        return entry.description
    if authoring.definitions.get(code):
        return authoring.definitions[code]
    return _document_definition(budget, code) if parsed else None


def write_glossary(budget: Budget, authoring: Authoring, parsed: bool, notices: list[str]) -> list[Block]:
    from yusuan.quantities import measure

    out: list[Block] = [Heading("第四部分 名词解释", 1)]
    n = 0

    def entry(term: str, definition: str) -> None:
        nonlocal n
        out.append(Paragraph(f"（{_NUMS[n]}）{term}：{definition}"))
        n += 1

    for t in TERMS:
        if t.when:
            m = measure(budget, t.when)
            if m is None or (m.interval.lo == 0 and m.interval.hi == 0):
                continue
        entry(t.term, authoring.definitions.get(t.term, t.definition))
    items = _used_items(budget)
    if items:
        out.append(Paragraph(f"（{_NUMS[n]}）本部门使用的主要支出功能分类科目（项级）："))
        n += 1
        i = 0
        for code, table in items:
            definition = item_definition(budget, authoring, code, parsed)
            if definition is None:
                notices.append(f"名词解释：科目 {code} 在分类目录中没有说明，请在 definitions 中补充")
                continue
            i += 1
            out.append(Paragraph(f"{i}.{item_path(budget, table, code)}：{definition}"))
    entry(*THREE_PUBLIC)
    entry(*ADMIN_COST)
    for term, definition in authoring.definitions.items():
        if not term.isdigit() and name_key(term) not in {name_key(t.term) for t in TERMS}:
            entry(term, definition)
    return out
