"""Part 3 (情况说明): sections, paragraphs, and the claims and lists each section makes."""

from __future__ import annotations

import re

from yusuan import quantities as q
from yusuan.layout import Block, TextBlock
from yusuan.model.budget import Claim, Narrative, Paragraph, Section
from yusuan.quantities import ClaimContext, Resolver
from yusuan.recognize.claims import ClaimReader
from yusuan.recognize.context import Context
from yusuan.recognize.precision import drops_trailing_zeros, read_to_the_cent
from yusuan.text.cjk import key
from yusuan.text.joined import join_lines

_SECTION = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SUB2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")
_SUB3 = re.compile(r"^(\d+)\s*[、.．](?!\d)")
_SUB4 = re.compile(r"^[（(](\d+)[)）]|^[①-⑳]")


def topic_of(title: str) -> str:
    """What a section of part 3 is about, from its title."""
    k = key(title)
    if "三公" in k:
        return q.THREE_PUBLIC
    if k.endswith("预算编制说明"):
        return q.OVERVIEW  # Shanghai: income, expenditure and every 项 in one chapter
    if "财政拨款收支" in k or "财政拨款收入支出" in k:
        return q.FISCAL
    if "基本支出" in k:
        return q.GPB_BASIC
    if "财政拨款" in k and "支出" in k and "三公" not in k:
        return q.FISCAL  # 财政拨款支出预算情况说明: the appropriation's expenditure by class
    if "一般公共预算" in k:
        return q.GPB
    if "政府性基金" in k:
        return q.GOV_FUND
    if "国有资本经营" in k:
        return q.SOE
    if "项目支出" in k or "项目经费" in k:
        return q.PROJECTS
    if "收入" in k and "收支" not in k:
        return q.INCOME
    if "收支" in k or "总体" in k:
        return q.OVERVIEW
    if "支出" in k:
        return q.EXPENDITURE
    return q.OTHER


def _sub_of(text: str, topic: str) -> str | None:
    k = key(text)
    if topic == q.OTHER:
        for word, sub in (("政府采购", "procurement"), ("政府购买服务", "purchase_services"),
                          ("国有资产", "assets"), ("绩效", "performance"), ("机关运行经费", "admin_cost"),
                          ("非税收入", "nontax"), ("委托业务费", "entrusted")):
            if word in k:
                return sub
        return None
    head = re.split(r"\d", k, maxsplit=1)[0]
    for word, sub in (("基本支出", "basic"), ("项目支出", "project"), ("人员经费", "personnel"),
                      ("公用经费", "public")):
        if head.startswith(word) or head.endswith(word) or head.removeprefix("其中").startswith(word):
            return sub
    return None


def _path_of(text: str) -> list[str] | None:
    levels, item = q.split_path(re.sub(r"^\S*?[)）、.．]\s*", "", text.strip(), count=1))
    if levels and item is None:
        return levels
    return None


def parse_narrative(blocks: list[Block], ctx: Context, resolver: Resolver | None,
                    chapter_titles: set[int] | frozenset[int] = frozenset()) -> Narrative:
    """Sections start at 一、… headings, and at chapter titles (templates without 第三部分, e.g.
    Shanghai's 部门预算编制说明 and 其他相关情况说明; ``chapter_titles`` holds their block ids)."""
    title = ""
    groups: list[tuple[TextBlock, list[TextBlock]]] = []
    for b in blocks:
        if not isinstance(b, TextBlock):
            continue
        text = b.text.strip()
        if text.startswith("第三部分") and not groups:
            title = text
            continue
        if _SECTION.match(text) or id(b) in chapter_titles:
            groups.append((b, []))
        elif groups:
            groups[-1][1].append(b)
        elif title:
            title += text  # a part title broken across lines
    sections: list[Section] = []
    statements = 0
    amounts: list[Claim] = []
    for head, body in groups:
        m = _SECTION.match(head.text.strip())
        if m is not None:
            number, section_title = m.group(1), m.group(2).strip()
            label = f"{number}、{section_title}"
        else:
            number, section_title = "", head.text.strip()
            label = section_title
            if not any(b.text.strip() for b in body):
                continue  # a chapter title whose content is in numbered sections (其他相关情况说明)
        topic = topic_of(section_title)
        joined = join_lines(body)
        subject = _sub_of(section_title, topic) if topic == q.OTHER else None
        contexts = _contexts(joined.text, topic, subject)
        reader = ClaimReader(ctx.path, label, resolver, first_statement=statements, earlier=list(amounts))
        reader.read(joined, contexts)
        statements = reader.next_statement
        amounts.extend(reader.amounts)
        paragraphs = []
        offset = 0
        for para in joined.text.split("\n"):
            line, page = joined.where(offset)
            if para.strip():
                paragraphs.append(Paragraph(text=para, source=ctx.ref(line, page, section=label)))
            offset += len(para) + 1
        sections.append(Section(number=number, title=section_title, topic=topic, subject=subject, paragraphs=paragraphs,
                                claims=reader.claims, lists=reader.lists,
                                source=ctx.ref(head.line, head.page, section=label, text=head.text)))
    if drops_trailing_zeros(sections, resolver):
        sections = read_to_the_cent(sections)
    return Narrative(title=title, sections=sections)


_NOT_A_SUBJECT = re.compile(r"(?:情况|说明|如下|安排|构成|变化|结构|用途|规模|分析|概述|总体|总表|明细|介绍)[。：:]?$")


def _heading_subject(heading: str) -> str | None:
    """A heading line that names what the figures under it are about (（一）因公出国（境）经费),
    not a heading that only names a topic (（二）一般公共预算当年拨款结构情况) or holds figures."""
    text = heading.strip()
    # A heading run into its sentence on one line (（一）因公出国（境）费用。2026年预算数127.74万元…).
    text = re.split(r"[。：:]", text, maxsplit=1)[0].strip()
    if not text or len(text) > 30 or re.search(r"\d", text) or re.search(r"[，,。；;]", text) \
            or _NOT_A_SUBJECT.search(text):
        return None
    return text.rstrip("：:")


def _contexts(text: str, topic: str, section_sub: str | None = None) -> list[tuple[int, ClaimContext]]:
    """The claim context at the start of every line, from the enumerated sub-headings above it
    (``section_sub``: what the section itself is about, e.g. 政府采购预算情况 → procurement)."""
    stack: dict[int, tuple[str | None, list[str] | None]] = {1: (section_sub, None)} if section_sub else {}
    out: list[tuple[int, ClaimContext]] = [(0, ClaimContext(topic=topic, sub=section_sub))]
    offset = 0
    for line in text.split("\n"):
        level = None
        if _SUB2.match(line):
            level = 2
        elif _SUB3.match(line):
            level = 3
        elif _SUB4.match(line):
            level = 4
        if level is not None:
            for lv in [lv for lv in stack if lv >= level]:
                del stack[lv]
            heading = re.sub(r"^\S*?[)）、.．]\s*", "", line, count=1)
            stack[level] = (_sub_of(re.split(r"[，,。；;：:]", heading, maxsplit=1)[0], topic), _path_of(line))
            sub = None
            path: list[str] = []
            for lv in sorted(stack):
                s, p = stack[lv]
                sub = s or sub
                path = p or path
            out.append((offset, ClaimContext(topic=topic, sub=sub, path=path, heading=_heading_subject(heading))))
        offset += len(line) + 1
    return out
