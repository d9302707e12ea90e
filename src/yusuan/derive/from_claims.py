"""Authoring inputs recovered from a parsed document's narrative.

When a published disclosure is rendered again, its narrative is rewritten from the figures; what the
tables cannot tell — last year's figures, the reasons given, what money is used for, narrative-only
facts — is taken from the claims the recognizer read:

* prior-year amount = the stated prior (``比 2025 年预算 365.59 万元``), else the stated amount ∓ the
  stated change (``增加 75.15 万元``), else the amount itself when the text says 持平; and what it is
  when not last year's budget (``比2024年预算执行数`` → ``bases``: execution);
* reason = the text after 主要原因是 / 主要是 / 原因是 in the sentence of the change;
* 主要用于 = the rest of the paragraph after 主要用于 for a project or an item;
* facts = figures of the 其他重要事项 section (政府采购, 政府购买服务, 国有资产 …);
* sub-sections the writer does not generate are kept verbatim as notes;
* Shanghai: the reason of the change of 财政拨款收入支出, the 机关 / 事业单位 counts behind 机关运行经费
  and the vehicles by kind (held and to be bought) — parts the claims alone do not tell apart.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan import quantities as q
from yusuan.derive.numbers import figure
from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget, Claim, ClaimKind, Direction, Section
from yusuan.model.figures import Figure

_REASON = re.compile(r"(?:主要原因|原因|主要)(?:是|为|[:：])[:：]?\s*")
_REASON_END = re.compile(r"[；;。]")
_USES = re.compile(r"主要用于[:：]?\s*(.+)$")
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十廿]+[、.．]|[（(][一二三四五六七八九十廿\d]+[)）]|\d+[、.．](?!\d)|[①-⑳])")
# Sub-sections of 其他重要事项 that the writer generates from facts (by the word in their title).
GENERATED_OTHER = ("机关运行经费", "政府采购", "政府购买服务", "国有资产", "绩效")
_FACT_PREFIXES = ("procurement.", "purchase_services.", "assets.", "performance.", "count.performance",
                  "admin_operating_cost", "entrusted_fees")


def _token_positions(section: Section) -> dict[int, int]:
    """Offset of each claim's figure inside its sentence (claims come in reading order)."""
    out: dict[int, int] = {}
    cursor: dict[str, int] = {}
    for i, c in enumerate(section.claims):
        token = (c.value.source.text if c.value.source else None) or ""
        start = cursor.get(c.sentence, 0)
        pos = c.sentence.find(token, start) if token else -1
        if pos >= 0:
            cursor[c.sentence] = pos + len(token)
            out[i] = pos
    return out


def _reason(section: Section, index: int, positions: dict[int, int]) -> str | None:
    """The reason given right after a change: ``…增加 A 万元，增长 r%，主要原因是<reason>。``

    The reason runs to the next ；or 。 and must not contain another quantity's claim (a list of
    per-item reasons is not the reason of the total).
    """
    claim = section.claims[index]
    pos = positions.get(index)
    if pos is None:
        return None
    sentence = claim.sentence
    m = _REASON.search(sentence, pos)
    if not m:
        return None
    end_m = _REASON_END.search(sentence, m.end())
    end = end_m.start() if end_m else len(sentence)
    for j, other in enumerate(section.claims):
        p = positions.get(j)
        if other.sentence == sentence and p is not None and pos < p < end and other.quantity != claim.quantity:
            return None
    text = sentence[m.end():end].strip().rstrip("，,")
    return text or None


def _prior_of(change: Claim, amount: Claim | None, stated: Claim | None) -> Figure | None:
    if stated is not None:
        return stated.value
    if amount is None:
        return None
    v, c = amount.value, change.value
    places = max(v.places, c.places)
    if change.direction is Direction.FLAT:
        return v
    if change.direction is Direction.INCREASE:
        return figure(v.value - c.value, v.unit, places)
    if change.direction is Direction.DECREASE:
        return figure(v.value + c.value, v.unit, places)
    return None


def _paragraph_rest(section: Section, sentence: str, pattern: re.Pattern[str]) -> str | None:
    """The rest of the paragraph holding ``sentence`` after ``pattern``.

    A use spans sentences, and a paragraph broken by the conversion continues in the following
    paragraphs that do not start a new enumerated item.
    """
    paragraphs = [p.text for p in section.paragraphs]
    for i, text in enumerate(paragraphs):
        start = text.find(sentence[:40]) if sentence else -1
        if start < 0:
            continue
        m = pattern.search(text[start:])
        if not m:
            return None
        parts = [m.group(1).strip()]
        for follow in paragraphs[i + 1:]:
            if _ENUMERATED.match(follow.strip()):
                break
            parts.append(follow.strip())
        return "".join(parts).rstrip("。；;") or None
    return None


def authoring_from_claims(budget: Budget) -> Authoring:
    prior: dict[str, Figure] = {}
    reasons: dict[str, str] = {}
    uses: dict[str, str] = {}
    facts: dict[str, Figure] = {}
    notes: dict[str, str] = {}
    bases: dict[str, str] = {}
    compare_year: int | None = None
    for section in budget.narrative.sections:
        amounts: dict[str, Claim] = {}
        priors: dict[str, Claim] = {}
        positions = _token_positions(section)
        for index, c in enumerate(section.claims):
            key = c.quantity
            if key is None:
                continue
            if c.kind is ClaimKind.AMOUNT:
                amounts[key] = c
                if key.startswith(("project:", "gpb.fn:", "econ:", "expenditure.fn:")) and key not in uses:
                    use = _paragraph_rest(section, c.sentence, _USES)
                    if use:
                        uses[key] = use
                if key.startswith(_FACT_PREFIXES) and section.topic == q.OTHER:
                    facts.setdefault(key, c.value)
            elif c.kind is ClaimKind.COUNT and key.startswith(_FACT_PREFIXES):
                facts.setdefault(key, c.value)
            elif c.kind is ClaimKind.PRIOR:
                priors[key] = c
            elif c.kind is ClaimKind.CHANGE:
                if c.compare_year and compare_year is None:
                    compare_year = c.compare_year
                if c.compare_basis and c.compare_basis != "budget":
                    bases.setdefault(key, c.compare_basis)
                p = _prior_of(c, amounts.get(key), priors.get(key))
                if p is not None:
                    prior.setdefault(key, p)
                reason = _reason(section, index, positions)
                if reason and key not in reasons:
                    reasons[key] = reason
        if section.topic == q.OTHER:
            notes.update(_extra_subsections(section))
    year = budget.meta.year
    if compare_year is not None and year is not None and compare_year != year - 1:
        compare_year = None  # a wrong comparison year in the source is not carried over (rule Y)
    if budget.meta.profile == "shanghai":
        _shanghai_text(budget, reasons, facts, notes)
    return Authoring(compare_year=compare_year, prior=prior, reasons=reasons, uses=uses, facts=facts, notes=notes,
                     bases=bases)


# Shanghai (Putuo 2025) statements whose parts the claims alone do not tell apart.
_FISCAL_REASON = re.compile(r"财政拨款收入支出(?:增加|减少|持平|变动)的主要原因是[:：]?\s*(.+?)。?$")
_INSTITUTIONS = (("admin", re.compile(r"(\d+)\s*家机关")), ("institution", re.compile(r"(\d+)\s*家事业单位")))
_AS_OF = re.compile(r"^截至(\d{4}年\d{1,2}月\d{1,2}日)")
_VEHICLE_TOTAL = re.compile(r"(?:共有|购置)车辆(\d+)辆")
_VEHICLE_KIND = re.compile(r"([^\d，,、；;：:。]+?用车)(\d+)辆")
_EQUIPMENT = re.compile(r"以上设备（不含车辆）(\d+)台")


def _shanghai_text(budget: Budget, reasons: dict[str, str], facts: dict[str, Figure], notes: dict[str, str]) -> None:
    """The reason of the change of 财政拨款收入支出 (its own sentence in 编制说明), the 机关 and 事业单位
    behind 机关运行经费, and the vehicles by kind held and to be bought (国有资产), as the Putuo
    documents word them; the writer (render/narrative_shanghai.py) words them the same way."""
    for section in budget.narrative.sections:
        texts = [p.text.strip() for p in section.paragraphs]
        if section.topic == q.OVERVIEW:
            for t in texts:
                m = _FISCAL_REASON.search(t)
                if m and "fiscal.total" not in reasons:
                    reasons["fiscal.total"] = m.group(1).strip()
        elif section.subject == "admin_cost":
            for t in texts:
                for part, pattern in _INSTITUTIONS:
                    m = pattern.search(t)
                    if m:
                        facts.setdefault(f"count.admin_institutions.{part}", figure(Decimal(m.group(1)), "家", 0))
        elif section.subject == "assets":
            for t in texts:
                prefix = "assets.purchase." if "预算安排购置" in t else "assets."
                a = _AS_OF.match(t)
                if a:
                    notes.setdefault("assets.as_of", a.group(1))
                m = _VEHICLE_TOTAL.search(t)
                if m:
                    facts.setdefault(f"{prefix}vehicles", figure(Decimal(m.group(1)), "辆", 0))
                    for k in _VEHICLE_KIND.finditer(t[m.end():]):
                        facts.setdefault(f"{prefix}vehicles:{k.group(1)}", figure(Decimal(k.group(2)), "辆", 0))
                e = _EQUIPMENT.search(t)
                if e:
                    facts.setdefault(f"{prefix}equipment", figure(Decimal(e.group(1)), "台", 0))


_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.+)$")


def _extra_subsections(section: Section) -> dict[str, str]:
    """Sub-sections of 其他重要事项 the writer does not generate, kept as text (note key other:<title>)."""
    out: dict[str, str] = {}
    title: str | None = None
    body: list[str] = []

    def flush() -> None:
        if title is not None and not any(w in title for w in GENERATED_OTHER) and body:
            out[f"other:{title}"] = "\n".join(body)

    for p in section.paragraphs:
        m = _SUB.match(p.text.strip())
        if m:
            flush()
            title, body = m.group(2).strip(), []
        elif title is not None:
            body.append(p.text.strip())
    flush()
    return out
