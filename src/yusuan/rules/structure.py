"""S — structure and completeness against the profile and the rules on disclosure
(regulations.md: every table, empty ones with a note, glossary for every 项 used, required sections)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.model.budget import Certainty, ClaimKind, RowKind, TableKind
from yusuan.model.problems import problem_kind
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Hit, Severity
from yusuan.rules.registry import Example, rule
from yusuan.templates.family import classify_title, kind_info, says_empty, split_number, standard_name
from yusuan.text.cjk import key

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = TableKind


def _present(ctx: CheckContext, kind: TableKind) -> bool:
    if kind is K.OVERALL_PERFORMANCE:
        return ctx.budget.overall_performance is not None
    if kind is K.PROJECT_PERFORMANCE:
        return bool(ctx.sheets)
    return kind in ctx.budget.tables


@rule("S001", "required-table-present", "模板要求的每张表都已公开", ERROR, ("structure", "completeness"),
      """按所属模板（如武汉 12 张表、上海 9 张表），每张表都必须公开；即使没有数据，也应公开空表并注明。
目录列出而正文缺少的表尤其应当补上（汉阳缺少表1 部门收支总表）。""",
      """Every table of the profile is published (empty ones with a note).""",
      Example("删除表1", (("表 1\n\n收支总表", "收支总表（已删除）"),)),
      Example("原文：12 张表齐全"), needs=())
def required_tables(ctx: CheckContext) -> Iterator[Hit]:
    listed = {classify_title(split_number(c)[1]) for c in ctx.budget.meta.contents}
    for kind in ctx.profile.tables:
        if _present(ctx, kind):
            continue
        name = ctx.profile.title_of(kind)
        label = ctx.profile.label_of(kind)
        extra = "；目录中列出了该表，正文却没有" if kind in listed else ""
        which = f"「{name}」" if label == name else f"{label}「{name}」"
        yield Hit(message=f"缺少{which}{extra}", expected=name, actual="缺失")


@rule("S002", "empty-table-has-note", "空表注明原因", WARNING, ("structure", "completeness", "empty"),
      """没有数据的表也要公开，并注明原因（如“本部门无政府性基金预算支出”）。""",
      """An empty table is published with a note saying why (e.g. no government-fund spending).""",
      Example("删去表8 的备注", (("备注：本部门 2026 年无政府性基金预算支出", ""),)),
      Example("原文：表8、表9 均注明了无支出"), needs=())
def empty_table_note(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        has_money = any(f.value != 0 for r in t.rows for f in r.values.values())
        if has_money:
            continue
        if not any(says_empty(n) for n in t.notes):
            yield Hit(message=f"{ctx.named(t.kind)}没有数据，也没有说明原因", locations=[t.source])


@rule("S003", "empty-note-contradicts-data", "注明“无”的表确实没有数据", ERROR, ("structure", "empty"),
      """表下注明本部门“无”某项支出，但表中却有金额，二者矛盾。""",
      """A table noted as empty ("本部门无…") holds amounts.""",
      Example("表7 下加注“本部门无“三公”经费支出”", (("| 0.20 | | | | | 0.20 |", "| 0.20 | | | | | 0.20 |\n\n备注：本部门 2026 年无“三公”经费支出"),)),
      Example("原文"))
def empty_note_contradicts(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        noted = [n for n in t.notes if says_empty(n)]
        money = [r for r in t.rows if any(f.value != 0 for f in r.values.values())]
        if noted and money:
            yield Hit(message=f"{ctx.label(t.kind)}注明「{noted[0][:30]}」，但表中有金额", locations=[t.source, money[0].source])


@rule("S004", "table-unit-stated", "每张表注明金额单位", WARNING, ("structure", "units"),
      """每张表都应注明金额单位（单位：万元 / 单位：元），否则读者无法判断数字大小。""",
      """Every table states its money unit (单位：万元 or 单位：元).""",
      Example("删去表3 的“单位：万元”", (("支出总表\n\n部门：武汉市硚口区经济信息化和科技创新局\n\n单位：万元", "支出总表\n\n部门：武汉市硚口区经济信息化和科技创新局"),)),
      Example("原文"), needs=())
def table_unit_stated(ctx: CheckContext) -> Iterator[Hit]:
    for kind, t in ctx.budget.tables.items():
        if t.recognition.unit is not Certainty.EXACT:
            yield Hit(message=f"{ctx.named(kind)}没有注明金额单位", locations=[t.source])
    for s in ctx.sheets:
        if not s.unit_stated:
            yield Hit(message=f"项目申报表「{s.name}」没有注明金额单位", locations=[s.source])


@rule("S005", "table-unit-as-profile", "表格单位与模板一致", INFO, ("structure", "units"),
      """模板规定了表格的金额单位（武汉：万元；上海：元）。单位不同不一定是错误，但读者和汇总时需要留意。""",
      """The tables use the profile's money unit (Wuhan 万元, Shanghai 元).""",
      Example("表3 单位改为元（数字未变）", (("支出总表\n\n部门：武汉市硚口区经济信息化和科技创新局\n\n单位：万元", "支出总表\n\n部门：武汉市硚口区经济信息化和科技创新局\n\n单位：元"),)),
      Example("原文"), needs=())
def table_unit_profile(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.known:
        return
    for kind, t in ctx.budget.tables.items():
        unit = ctx.profile.unit_of(kind)
        if t.unit != unit:
            yield Hit(message=f"{ctx.label(kind)}单位为{t.unit}，模板为{unit}", locations=[t.source],
                      expected=unit, actual=t.unit)


_TOPIC_NAMES = {
    "overview": "收支预算总体情况", "income": "收入预算情况", "expenditure": "支出预算情况",
    "fiscal": "财政拨款收支情况", "gpb": "一般公共预算支出情况", "gpb_basic": "一般公共预算基本支出情况",
    "gov_fund": "政府性基金预算支出情况", "soe": "国有资本经营预算支出情况", "three_public": "“三公”经费情况",
    "projects": "项目支出情况", "other": "其他重要事项",
}


_SUBJECT_NAMES = {"admin_cost": "机关运行经费预算", "procurement": "政府采购预算情况", "performance": "绩效目标设置情况",
                  "assets": "国有资产占有使用情况"}


@rule("S006", "narrative-sections-present", "情况说明包含模板要求的各部分", WARNING, ("structure", "narrative"),
      """情况说明应逐项说明收支总体、收入、支出、财政拨款、一般公共预算、基本支出、基金、国资、“三公”、项目支出和
其他重要事项（各地模板要求略有不同）。""",
      """The narrative has every section the profile asks for.""",
      Example("删去“九、一般公共预算“三公”经费支出情况说明”的标题", (("\n九、一般公共预算“三公”经费支出情况说明\n", "\n（三公经费部分略）\n"),)),
      Example("原文"))
def narrative_sections(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.narrative_topics:
        return
    topics = {s.topic for s in ctx.budget.narrative.sections}
    if not ctx.budget.narrative.sections:
        yield Hit(message="没有找到情况说明（第三部分）", expected="情况说明", actual="缺失")
        return
    for topic in ctx.profile.narrative_topics:
        if topic not in topics:
            yield Hit(message=f"情况说明缺少「{_TOPIC_NAMES.get(topic, topic)}」部分", expected=_TOPIC_NAMES.get(topic, topic),
                      actual="缺失")
    subjects = {s.subject for s in ctx.budget.narrative.sections if s.subject}
    for subject in ctx.profile.narrative_subjects:
        if subject not in subjects:
            name = _SUBJECT_NAMES.get(subject, subject)
            yield Hit(message=f"其他相关情况说明缺少「{name}」部分", expected=name, actual="缺失")


@rule("S007", "glossary-present", "公开名词解释", WARNING, ("structure", "glossary"),
      """部门预算应附名词解释（第四部分）。""",
      """The disclosure has a glossary (名词解释).""",
      Example("删去第四部分的标题", (("第四部分 名词解释\n\n(一) 一般公共预算财政拨款收入", "(一) 一般公共预算财政拨款收入"),)),
      Example("原文"))
def glossary_present(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.profile.requires("glossary") and not ctx.budget.glossary.entries:
        yield Hit(message="没有找到名词解释", expected="名词解释", actual="缺失")


@rule("S008", "glossary-covers-items", "使用的每个功能分类项级科目都有解释", WARNING, ("structure", "glossary", "codes"),
      """名词解释应对本部门使用的每个支出功能分类“项”级科目作出说明。""",
      """Every functional-classification item (项) used has a glossary entry.""",
      Example("删去名词解释中“提租补贴（项）”一条",
              (("15、住房保障支出(类)住房改革支出(款)提租补贴(项)：反映按房改政策规定的标准，行政事业单位向职工(含离退休人员)发放的租金补贴。", ""),)),
      Example("原文：15 个项级科目都有解释"))
def glossary_covers(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.glossary.entries or not ctx.profile.glossary_items:
        return
    covered = {e.code for e in ctx.budget.glossary.entries if e.code}
    for code in ctx.used_items:
        if code not in covered:
            name = ctx.code_name(code) or ""
            rows = ctx.function_rows.get(code, [])
            yield Hit(message=f"名词解释缺少使用的项级科目 {code} {name}",
                      locations=[rows[0][1].source] if rows else [], expected=f"{code} {name}", actual="缺失")


@rule("S009", "overview-present", "部门概况包含职能、单位构成和人员", WARNING, ("structure", "overview"),
      """第一部分部门概况应说明主要职能、预算单位构成和人员构成。""",
      """Part 1 states the functions, the budget units and staffing.""",
      Example("删去“三、部门预算单位人员构成”标题", (("三、部门预算单位人员构成\n", "（略）\n"),)),
      Example("原文"))
def overview_present(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.requires("overview"):
        return
    o = ctx.budget.overview
    if not o.functions:
        yield Hit(message="部门概况没有写明主要职能", actual="缺失")
    if not o.units_text:
        yield Hit(message="部门概况没有写明预算单位构成", actual="缺失")
    if not o.staffing:
        yield Hit(message="部门概况没有写明人员构成", actual="缺失")


# Problems another rule reports (one fault, one finding): cells that are not numbers (T035, next to
# the table checks) and a project note without its amount (S020).
_REPORTED_ELSEWHERE = frozenset({"table.non_numeric", "sheet.non_numeric", "table.extra_cell", "project_note.no_amount"})


@rule("S010", "document-read-completely", "文件被完整读取", ERROR, ("structure", "reading"),
      """文件读取时发现的问题：文件截断、目录列出的部分缺失、无法识别的表格等。被截断的文件无法完整核对。
每个问题的编码和级别见读取问题目录（docs/problems.md）。""",
      """Problems met while reading: a truncated file, parts listed in the contents but missing, tables not recognised.""",
      Example("截去第三部分之后的全部内容", (("第三部分 硚口区经济信息化和科技创新局（汇总）2026年部门预算情况说明", "（文件在此截断）"),)),
      Example("原文"), needs=())
def document_read(ctx: CheckContext) -> Iterator[Hit]:
    for p in ctx.budget.problems:
        if p.code in _REPORTED_ELSEWHERE:
            continue
        kind = problem_kind(p.code)
        yield Hit(message=p.message, locations=[p.source] if p.source else [], severity=Severity(kind.severity))


@rule("S011", "department-and-year-identified", "识别出部门名称和预算年度", WARNING, ("structure", "meta"),
      """公开文件应写明部门名称和预算年度；无法识别时，读者无法确认这是哪个部门哪一年的预算。""",
      """The document names the department and the budget year.""",
      Example("封面、目录和各部分标题去掉年度", (
          ("硚口区经济信息化和科技创新局（汇总） 2026 年部门预算\n", "硚口区经济信息化和科技创新局（汇总）部门预算\n"),
          ("（汇总）2026 年部门预算表", "（汇总）部门预算表"), ("（汇总）2026 年部门 预算表", "（汇总）部门预算表"),
          ("（汇总）2026年部门预算情况说明", "（汇总）部门预算情况说明"))),
      Example("原文"), needs=())
def department_year(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.meta.department:
        yield Hit(message="没有识别出部门名称", actual="缺失")
    if ctx.budget.meta.year is None:
        yield Hit(message="没有识别出预算年度", actual="缺失")
    elif not ctx.budget.meta.year_stated:
        yield Hit(message=f"封面、目录和标题没有写明年度（按正文中最常出现的年份推断为 {ctx.budget.meta.year} 年）",
                  actual="未写明", severity=INFO)


def _section(ctx: CheckContext, topic: str):
    return ctx.budget.narrative.section(topic)


@rule("S012", "three-public-items-stated", "说明“三公”经费总额及每一项", WARNING, ("structure", "narrative", "three-public"),
      """“三公”经费说明应写明总额及因公出国（境）费、公务用车购置及运行费（购置费、运行费）、公务接待费每一项。""",
      """The 三公 section states the total and each item, with the vehicle line split.""",
      Example("删去“(1)因公出国(境)费0万元；”", (("(1)因公出国(境)费0万元；", ""),)),
      Example("原文"))
def three_public_items(ctx: CheckContext) -> Iterator[Hit]:
    sec = _section(ctx, "three_public")
    if sec is None:
        return
    stated = {c.quantity for c in sec.claims if c.kind is ClaimKind.AMOUNT and c.quantity}
    # A figure not tied to a table quantity (a final account's 决算数) still states its item by name.
    for c in sec.claims:
        if c.kind is ClaimKind.AMOUNT and not c.quantity:
            stated.update(q for q, words in _THREE_PUBLIC_WORDS.items() if _names_item(key(c.subject), words))
    names = {"three_public.total": "“三公”经费总额", "three_public.abroad": "因公出国（境）费",
             "three_public.vehicle": "公务用车购置及运行费", "three_public.vehicle_purchase": "公务用车购置费",
             "three_public.vehicle_operation": "公务用车运行费", "three_public.reception": "公务接待费"}
    for q, name in names.items():
        if q not in stated:
            yield Hit(message=f"“三公”经费说明没有写明{name}", locations=[sec.source], expected=name, actual="缺失")


_THREE_PUBLIC_WORDS = {
    "three_public.total": ("三公",), "three_public.abroad": ("因公出国",),
    "three_public.vehicle": ("公务用车购置及运行", "公务用车购置和运行"),
    "three_public.vehicle_purchase": ("购置费", "公务用车购置"), "three_public.vehicle_operation": ("运行费", "运行维护费"),
    "three_public.reception": ("公务接待",),
}


def _names_item(subject: str, words: tuple[str, ...]) -> bool:
    if words == ("购置费", "公务用车购置"):
        return any(w in subject for w in words) and "及运行" not in subject and "和运行" not in subject
    if words == ("三公",):
        return "三公" in subject and not any(w in subject for w in ("因公出国", "公务用车", "公务接待"))
    return any(w in subject for w in words)


@rule("S013", "three-public-changes-explained", "“三公”经费增减说明原因", WARNING, ("structure", "narrative", "three-public"),
      """“三公”经费比上年增加或减少时，应说明原因（“主要是……”“原因是……”）。""",
      """A change in 三公 spending is explained with a reason.""",
      Example("删去减少的原因", (("主要是：因公出国(境)费与上年持平；公务接待费减2.61万元，原因是贯彻落实中央关于各级政府要坚持过紧日子的精神，从严控制机关运行经费支出；",
                               "因公出国(境)费与上年持平；公务接待费减2.61万元；"),)),
      Example("原文"))
def three_public_reasons(ctx: CheckContext) -> Iterator[Hit]:
    sec = _section(ctx, "three_public")
    if sec is None:
        return
    text = "".join(p.text for p in sec.paragraphs)
    changes = [c for c in sec.claims if c.kind is ClaimKind.CHANGE and c.direction and c.direction.value != "flat"]
    if changes and not re.search(r"原因|主要是|主要用于|由于|因为", text):
        yield Hit(message="“三公”经费有增减，但没有说明原因", locations=[changes[0].source])


@rule("S014", "procurement-stated", "说明政府采购预算及货物、工程、服务构成", WARNING, ("structure", "narrative", "procurement"),
      """预算法要求公开政府采购情况：应写明政府采购预算总额及货物、工程、服务各类金额。""",
      """The narrative states the government-procurement budget with goods / works / services.""",
      Example("删去工程类", (("服务类 755.1 万元，工程类 0 万元。", "服务类 755.1 万元。"),)),
      Example("原文"))
def procurement_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.narrative.sections:
        return
    stated = {c.quantity for c in ctx.claims if c.quantity and c.quantity.startswith("procurement.")}
    for c in ctx.claims:
        # A figure of a sentence about procurement that no quantity took (a final account's 支出) still
        # states its part by name.
        if c.kind is ClaimKind.AMOUNT and not c.quantity and "采购" in key(c.sentence or c.subject):
            subject = key(c.subject)
            parts = [q for q, w in _PROCUREMENT_PARTS.items() if w in subject]
            stated.update(parts or (["procurement.total"] if "采购" in subject else []))
    names = {"procurement.total": "政府采购总额", "procurement.goods": "货物类", "procurement.works": "工程类",
             "procurement.services": "服务类"}
    missing = [name for q, name in names.items() if q not in stated]
    if len(missing) == len(names):
        yield Hit(message="情况说明没有写明政府采购（总额及货物、工程、服务构成）", expected="政府采购", actual="缺失")
    elif missing:  # one finding for what is left out
        yield Hit(message=f"情况说明的政府采购没有写明{'、'.join(missing)}", expected="、".join(missing), actual="缺失")


_PROCUREMENT_PARTS = {"procurement.goods": "货物", "procurement.works": "工程", "procurement.services": "服务"}


@rule("S015", "admin-cost-stated", "说明机关运行经费", WARNING, ("structure", "narrative"),
      """预算法要求说明机关运行经费安排情况。""",
      """The narrative states the 机关运行经费 (administrative running costs).""",
      Example("删去机关运行经费一段", (("2026 年本部门及下属单位的机关运行经费 90.52 万元。主要包括：办公费、印刷费、邮电费、差旅费、日常维修费及其他费用等。此项支出比上年减少 3.34 万元，降低 3.6%，主要是贯彻落实中央关于各级政府要坚持过紧日子的精神，从严控制机关运行经费支出。", ""),)),
      Example("原文"))
def admin_cost_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.narrative.sections:
        return
    if not any(c.quantity == "admin_operating_cost" for c in ctx.claims):
        yield Hit(message="情况说明没有写明机关运行经费", expected="机关运行经费", actual="缺失")


@rule("S016", "performance-stated", "说明绩效目标设置情况", INFO, ("structure", "narrative", "performance"),
      """情况说明宜写明设置绩效目标的项目个数及涉及金额。""",
      """The narrative states how many projects carry performance targets.""",
      Example("删去绩效目标一段", (("2026 年部门项目实行绩效目标管理，设置了部门整体支出绩效目标、14 个一级项目支出绩效目标，预算支出 2,840.98 万元，全面实施绩效目标管理。", ""),
                               ("根据上年度绩效评价和自评结果，优先保障优秀项目 14 个 1,160.1 万元，削减项目 0 个 0 万元。", ""))),
      Example("原文"))
def performance_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.narrative.sections:
        return
    if not any(c.quantity == "count.performance_projects" for c in ctx.claims):
        yield Hit(message="情况说明没有写明设置绩效目标的项目个数", actual="缺失")


@rule("S017", "assets-stated", "说明国有资产占有使用情况", INFO, ("structure", "narrative"),
      """情况说明宜写明国有资产占有使用情况（车辆、大型设备等）。""",
      """The narrative states state assets held (vehicles, large equipment).""",
      Example("删去国有资产一段", (("截至 2025 年 12 月 31 日，部门占有使用国有资产 9038.45 万元。其中：一般公务用车 0 辆，本单位已车改，无公务用车。办公用房面积 931.88 平方米。单位价值 50 万元以上设备 7 套。2026 年预算新增资产 65.8 万元，主要是 2 个网闸，1 个防火墙，20 个硬盘和 5 个内存条。", ""),)),
      Example("原文"))
def assets_stated(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.budget.narrative.sections:
        return
    if not any((c.quantity or "").startswith("assets.") for c in ctx.claims):
        yield Hit(message="情况说明没有写明国有资产占有使用情况", actual="缺失")


@rule("S018", "table-has-data-rows", "有金额的表列出明细行", WARNING, ("structure", "completeness"),
      """表中只有合计行而没有明细行时，读者无法知道钱用在哪里（政府性基金、国资等空表除外）。""",
      """A table with money lists its rows, not only a total.""",
      Example("删去表6 全部明细行，只留合计", tuple((ln, "") for ln in (
          "| 301 | 工资福利支出 | 1,270.74 | 1,270.74 | |", "| 302 | 商品和服务支出 | 116.03 | 4.41 | 111.62 |",
          "| 303 | 对个人和家庭的补助 | 294.11 | 294.11 | |"))),
      Example("原文"))
def table_has_rows(ctx: CheckContext) -> Iterator[Hit]:
    for t in ctx.tables():
        if kind_info(t.kind).shape != "code_rows":
            continue  # a 三公 table is one row; a department with one unit prints one income row
        head = t.total_row()
        if head is not None and any(f.value != 0 for f in head.values.values()):
            coded = any(r.code for r in t.rows)
            classes = [r for r in t.rows if r.code and len(r.code) == 3] if coded and t.kind in (
                K.EXPENDITURE, K.GPB_BY_FUNCTION, K.GPB_BASIC_ECONOMIC, K.GOV_FUND, K.SOE_CAPITAL) else \
                [r for r in t.rows if r.kind is not RowKind.TOTAL]  # (rows known by name only: 杭州)
            if not classes:
                yield Hit(message=f"{ctx.label(t.kind)}只有合计，没有明细行", locations=[head.source])


@rule("S019", "template-statements-present", "写明模板要求的各项说明", WARNING, ("structure", "narrative", "profile"),
      """各地模板在“其他相关情况说明”中另有要求。上海：“三公”经费与上年比较、机关运行经费涉及的机关和事业单位个数、面向
中小企业预留的政府采购预算、编报绩效目标的项目涉及资金、国有资产中的车辆和单价 100 万元以上设备。""",
      """Statements the profile's template requires in the narrative (Shanghai: the 三公 change, the number
of institutions behind 机关运行经费, procurement reserved for SMEs, the funds of projects with targets,
vehicles and large equipment).""",
      Example("办公室：删去绩效目标涉及的项目预算资金",
              (("，涉及项目预算资金6626万元", ""),), base="bangongshi"),
      Example("办公室原文：各项都已写明", base="bangongshi"))
def template_statements(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.required_statements or not ctx.budget.narrative.sections:
        return
    stated = {(c.quantity, c.kind.value) for c in ctx.claims if c.quantity}
    for quantity, kind, what in ctx.profile.required_statements:
        if (quantity, kind) not in stated:
            yield Hit(message=f"情况说明没有写明{what}", expected=what, actual="缺失")


_NOTE_PARTS = (("overview", "项目概述"), ("basis", "立项依据"), ("executing_unit", "实施主体"), ("plan", "实施方案"),
               ("period", "实施周期"), ("current_budget", "年度预算安排（金额）"))


@rule("S020", "project-notes-complete", "项目经费情况说明内容完整", WARNING, ("structure", "projects", "profile"),
      """以项目经费情况说明公开项目的模板（上海部门预算），每个说明应包括项目概述、立项依据、实施主体、实施方案、实施周期、
年度预算安排（写明金额）和绩效目标。普陀区政府办公室的说明在“年度预算安排”中没有写金额。""",
      """Where projects are described in 项目经费情况说明 (Shanghai department budgets), each note states
the overview, basis, implementer, plan, period and the year's amount.""",
      Example("商务委科技创新专项的年度预算安排不写金额",
              (("2025年度项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万。",
                "按项目进度拨付资金。"),), base="shangwu-dept"),
      Example("商务委原文：四个说明都完整", base="shangwu-dept"))
def project_notes_complete(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.profile.project_form != "note":
        return
    notes = [s for s in ctx.budget.projects if s.form == "note"]
    if not notes and ctx.budget.meta.level == "department":
        yield Hit(message="部门预算没有项目经费情况说明", expected="项目经费情况说明", actual="缺失")
    for s in notes:
        for attr, name in _NOTE_PARTS:
            if getattr(s, attr) in (None, ""):
                yield Hit(message=f"项目经费情况说明「{s.name}」没有写明{name}", locations=[s.source], expected=name,
                          actual="缺失")


_STANDARD_TABLES = (K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GPB_BY_FUNCTION, K.GPB_BY_UNIT,
                    K.GPB_BASIC_ECONOMIC, K.THREE_PUBLIC, K.GOV_FUND, K.SOE_CAPITAL, K.PROJECTS)


@rule("S021", "unknown-template-tables", "未识别模板时报告识别出的表", INFO, ("structure", "profile"),
      """文件不属于已知模板（武汉、上海）时，仍按标题和表头识别各张标准表；本条列出识别出的表、没有找到的标准表和未能识别的
表格，供人工核对。""",
      """For a document of an unknown template, lists the standard tables recognised by title and header,
the standard tables not found, and the tables that could not be recognised.""",
      Example("商务委单位预算去掉上海模板特有的表名（财务收支预算总表改称收支总表，三公表不含机关运行经费）",
              (("1. 2025年预算单位财务收支预算总表", "1. 2025年预算单位收支总表"),
               ("2025年预算单位财务收支预算总表\n编制单位", "2025年预算单位收支总表\n编制单位"),
               ("9. 2025年单位“三公”经费和机关运行经费预算表", "9. 2025年单位“三公”经费预算表"),
               ("2025年单位“三公”经费和机关运行经费预算表\n编制单位", "2025年单位“三公”经费预算表\n编制单位")),
              base="shangwu"),
      Example("原文：识别为上海模板", base="shangwu"), needs=())
def unknown_template_tables(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.profile.known:
        return
    found = [k for k in _STANDARD_TABLES if k in ctx.budget.tables]
    missing = [k for k in _STANDARD_TABLES if k not in ctx.budget.tables]
    unrecognised = [p for p in ctx.budget.problems if p.code == "table.unrecognized"]
    names = "、".join(standard_name(k) for k in found) or "无"
    absent = "、".join(standard_name(k) for k in missing) or "无"
    extra = f"；未能识别的表格 {len(unrecognised)} 张" if unrecognised else ""
    yield Hit(message=f"未识别的模板：识别出 {len(found)} 张标准表（{names}）；没有找到：{absent}{extra}",
              locations=[p.source for p in unrecognised if p.source], actual=str(len(found)))


_CITY = re.compile(r"^[\u4e00-\u9fff]{2,3}市")


def _near_mention(core: str, text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The window of ``text`` most like ``core`` when it differs in one or two characters (a name
    misprinted), or None when the name is printed right or not mentioned at all."""
    n = len(core)
    if n < 4 or core in text:
        return None
    best: tuple[int, int] | None = None
    for i in range(0, len(text) - n + 1):
        diff = sum(a != b for a, b in zip(core, text[i:i + n], strict=True))
        if best is None or diff < best[0]:
            best = (diff, i)
    if best is None or not 1 <= best[0] <= 2:
        return None
    window = text[best[1]:best[1] + n]
    return window, [(a, b) for a, b in zip(core, window, strict=True) if a != b]


@rule("S022", "department-name-consistent", "部门名称前后一致", WARNING, ("structure", "meta", "names"),
      """封面（标题）上的部门名称应与各表“编制部门”一致。相差一两个字通常是录入或转换错误（硚口区的封面写作“硃口区”）。""",
      """The department's name on the cover agrees with the name in the tables (a one- or two-character
difference is a misprint: Qiaokou's cover reads 硃口区 for 硚口区).""",
      Example("硚口原文：封面“硃口区经济信息化和科技创新局（汇总）”", (), base="qiaokou-original"),
      Example("封面更正为“硚口区”"))
def department_name_consistent(ctx: CheckContext) -> Iterator[Hit]:
    meta = ctx.budget.meta
    if not meta.department or not meta.title:
        return
    core = _CITY.sub("", key(meta.department))
    found = _near_mention(core, key(meta.title))
    if found is None:
        return
    window, pairs = found
    diffs = "、".join(f"“{b}”应为“{a}”" for a, b in pairs)
    yield Hit(message=f"封面的部门名称「{window}」与表格中的「{meta.department}」不一致：{diffs}",
              locations=[meta.source] if meta.source else [], expected=core, actual=window)


@rule("S023", "table-not-checked", "未能确认识别的表格未核对", INFO, ("structure", "reading", "coverage"),
      """表格的标题、表头或行未能确认识别（如有未知含义的列、金额栏中有文字、表内类款项之和大多不符），依赖该表的检查
不报错误，而在此说明该表未核对及原因。“0 个错误”不等于“全部核对过”。""",
      """A table whose title, header or rows could not be recognised with certainty is not checked: the checks
that rest on it raise nothing and this note says why.""",
      Example("表3 表头“基本支出”改为“其他栏目”",
              (("| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 | 事业单位经营支出 |",
                "| 科目编码 | 科目名称 | 合计 | 其他栏目 | 项目支出 | 事业单位经营支出 |"),)),
      Example("原文"), needs=())
def table_not_checked(ctx: CheckContext) -> Iterator[Hit]:
    # The engine adds which checks each of these tables held back.
    for t in ctx.budget.tables.values():
        if t.recognition.certain:
            continue
        why = "；".join(t.recognition.doubts) or "表格未能确认识别"
        yield Hit(message=f"{ctx.named(t.kind)}未核对：{why}", locations=[t.source])
