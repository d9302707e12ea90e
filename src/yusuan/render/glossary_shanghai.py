"""名词解释 of the Shanghai template: the eight terms of the Putuo documents, quoted as data.

Source: 上海市普陀区2025年区级部门预算 and 区级单位预算 of 上海市普陀区商务委员会 and 上海市普陀区人民
政府办公室 (shared/corpus/shanghai-putuo-{shangwu,bangongshi}-2025-{dept,unit}-budget.pdf), chapter
三、名词解释 (一)–(八). The four documents print the same eight entries word for word; unlike the
Wuhan glossary they explain no 项 codes (``Profile.glossary_items`` is False). A parsed document
keeps its own entries; an author may replace a definition through ``Authoring.definitions``.
"""

from __future__ import annotations

from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget
from yusuan.render.document import Block, Heading, Paragraph

SOURCE = "上海市普陀区2025年区级部门预算（商务委员会、人民政府办公室，部门与单位预算）“名词解释”（一）至（八）"

TERMS: tuple[tuple[str, str], ...] = (
    ("财政拨款收入", "是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
                "政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("事业单位经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。"),
    ("基本支出预算", "是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，"
                "包括人员经费和公用经费两部分。"),
    ("项目支出预算", "是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，"
                "在基本支出之外编制的年度支出计划。"),
    ("“三公”经费", "是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、"
               "公务用车购置及运行费、公务接待费。其中：因公出国（境）费主要安排机关及下属预算单位人员的国际合作交流、"
               "重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；"
               "公务接待费主要安排全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务"
               "所需住宿费、交通费、伙食费等支出；公务用车购置及运行费主要安排编制内公务车辆的报废更新，以及用于安排"
               "市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
)
_NUMS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五")


def entries(budget: Budget, authoring: Authoring, parsed: bool) -> list[tuple[str, str]]:
    """(term, definition) in print order: a parsed document's own entries, else the template's."""
    own = [(e.term, e.definition) for e in budget.glossary.entries if e.definition.strip()] if parsed else []
    base = own or list(TERMS)
    out = [(term, authoring.definitions.get(term, definition)) for term, definition in base]
    known = {term for term, _ in out}
    out += [(term, d) for term, d in authoring.definitions.items() if not term.isdigit() and term not in known]
    return out


def write_glossary(budget: Budget, authoring: Authoring, parsed: bool) -> list[Block]:
    out: list[Block] = [Heading("名词解释", 1)]
    for i, (term, definition) in enumerate(entries(budget, authoring, parsed)):
        number = _NUMS[i] if i < len(_NUMS) else str(i + 1)
        out.append(Paragraph(f"（{number}）{term}：{definition}"))
    return out
