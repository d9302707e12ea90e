"""Claims: the figures part 3 states, each tied to the subject it speaks of.

A sentence such as ``2026 年支出预算 2,840.98 万元，其中基本支出 1,680.88 万元，占 59.2%`` yields an
amount claim about 支出预算, an amount about 基本支出, and a share of 基本支出 in 支出预算. The subject
is the clause before the number (parentheses are kept whole); changes, shares and prior-year figures
without a subject of their own speak of the last amount of the sentence (or of the sentence before).
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, Direction, Enumeration
from yusuan.model.figures import PERCENT, WAN, YUAN, Figure, SourceRef
from yusuan.quantities import ClaimContext, Resolver
from yusuan.text.cjk import fold, key
from yusuan.text.joined import JoinedText
from yusuan.text.numbers import number_value

_TOKEN = re.compile(
    r"(?<![\d.,，A-Za-z])(\d{1,3}(?:[,，]\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(万元|亿元|元|%|％|个|人|辆|套|台|家|项|平方米)"
)
_MONEY = {"万元": WAN, "元": YUAN, "亿元": "亿元"}
_COUNT_UNITS = frozenset({"个", "人", "辆", "套", "台", "家", "项", "平方米"})
_DELIMS = "，,；;：:。！？!?\n、"
_ENUM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]+、)\s*")
_INCREASE = "增长|增加|上升|提高|增|多"
_DECREASE = "下降|减少|降低|压减|缩减|减|少"
_VERB_END = re.compile(rf"({_INCREASE}|{_DECREASE})了?\s*$")
_PRIOR_END = re.compile(r"(?:比|较|对比)\s*(?:(\d{4})\s*年度?|上年度?|上一年)(?:预算数?|预算执行数|决算数?|执行数)?\s*$")
_COMPARE = re.compile(r"(?:比|较|与|跟|对比)\s*(?:(\d{4})\s*年度?|上年度?|上一年)")
_FLAT = re.compile(r"(?:与|跟|较|比)\s*(?:(\d{4})\s*年度?|上年度?)(?:预算数?|预算执行数|执行数)?(?:相比)?\s*(?:基本)?持平")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:以上|以下|以内|及以上)")
_LEAD_FILLERS = re.compile(
    r"^(?:其中|包括|主要包括|主要是|主要用于|具体安排情况如下|共计|合计|总计|全年|本年度|"
    r"(?:本部门|部门本级|本级|本单位|部门)(?:及下属(?:单位)?)?的?|此项支出|该项支出|另外|此外|以及|和|及|为|是)+"
)
_TRAIL_FILLERS = re.compile(r"(?:预算数为|预算数|预算安排|安排|为|共计|合计|总计|达到|达|约|共)+$")
_YEAR_PREFIX = re.compile(r"^.*?\d{4}\s*年(?:度)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?")
_TRAIL_NUMBERS = re.compile(r"\d[\d,，.]*\s*(?:万元|元|%|％|个|人|辆|套|台|家|项)\s*$")
_PAREN_TAIL = re.compile(r"[（(](?![^（(）)]*(?:类|款|项)[)）])[^（(）)]*[)）]\s*$")


def _clause_start(text: str, end: int, delims: str = _DELIMS) -> int:
    """Start of the clause that ends at ``end``: after the last delimiter outside parentheses.

    An opening parenthesis that is not closed before ``end`` also starts a clause
    (``…费 0 万元（公务用车购置费 0 万元`` → ``公务用车购置费``).
    """
    depth = 0
    i = end - 1
    while i >= 0:
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in delims:
            return i + 1
        i -= 1
    return 0


def _subject_clause(text: str, end: int) -> str:
    """The clause naming the subject of a figure ending at ``end``.

    An enumerated item (``1.政府购买服务、评审等工作经费 22.50 万元``) keeps its 、-separated name whole.
    """
    wide = text[_clause_start(text, end, _DELIMS.replace("、", "")):end]
    if _ENUM.match(wide) and not re.search(r"\d[\d,.]*\s*(?:万元|元|%|％)", _ENUM.sub("", wide, count=1)):
        return wide
    return text[_clause_start(text, end):end]


def clean_subject(raw: str) -> str:
    """Reduce the clause before a number to the subject it names."""
    s = raw.strip()
    s = _ENUM.sub("", s)
    s = _COMPARE.sub("", s)
    s = _TRAIL_NUMBERS.sub("", s).strip()
    for _ in range(3):
        before = s
        ym = _YEAR_PREFIX.match(s)
        if ym:
            head, tail = s[: ym.end()], s[ym.end():].strip()
            # Drop what precedes the year (the department's name) unless it is a 类/款/项 path.
            if tail and not re.search(r"[（(][类款项][)）]", head):
                s = tail
            else:
                s = re.sub(r"\d{4}\s*年度?", "", s).strip()
        s = _ENUM.sub("", s).strip()
        s = _LEAD_FILLERS.sub("", s).strip()
        s = _TRAIL_FILLERS.sub("", s).strip()
        s = _VERB_END.sub("", s).strip()
        s = s.lstrip("：:，,、 ")
        if s == before:
            break
    return s.strip()


def subject_for_lookup(subject: str) -> str:
    """Subject without a trailing explanatory parenthesis (人员经费（工资福利支出…） → 人员经费)."""
    return _PAREN_TAIL.sub("", subject).strip() or subject


class ClaimReader:
    """Reads the claims of one narrative section."""

    def __init__(self, path: str, section: str, resolver: Resolver | None) -> None:
        self.path = path
        self.section = section
        self.resolver = resolver
        self.claims: list[Claim] = []
        self.lists: list[Enumeration] = []
        self.section_first_amount: Claim | None = None

    def ref(self, joined: JoinedText, offset: int, text: str) -> SourceRef:
        line, page = joined.where(offset)
        return SourceRef(file=self.path, line=line, page=page, section=self.section, text=text)

    def read(self, joined: JoinedText, contexts: list[tuple[int, ClaimContext]]) -> None:
        """``contexts`` gives, for offsets into the text, the context that starts there."""
        text = joined.text
        self.previous_amount: Claim | None = None
        # Sentences end at 。 or a line break.
        for sm in re.finditer(r"[^。\n]+[。]?", text):
            self._sentence(joined, sm.group(0), sm.start(), _context_at(contexts, sm.start()))

    def _sentence(self, joined: JoinedText, sentence: str, base: int, ctx: ClaimContext) -> None:
        self._lists(joined, sentence, base, ctx)
        events: list[tuple[int, re.Match[str], bool]] = [(m.start(), m, True) for m in _FLAT.finditer(sentence)]
        events += [(m.start(), m, False) for m in _TOKEN.finditer(sentence)]
        events.sort(key=lambda e: e[0])
        self.sentence_amount: Claim | None = None
        amounts: list[tuple[Claim, int]] = []  # amount claims of this sentence with their end offsets
        for _pos, m, is_flat in events:
            inherited = self.sentence_amount or self.previous_amount
            if is_flat:
                own = clean_subject(sentence[_clause_start(sentence, m.start()):m.start()])
                subject = own or (inherited.subject if inherited else "")
                zero = Figure(value=Decimal(0), places=0, unit=WAN, exact=True,
                              source=self.ref(joined, base + m.start(), m.group(0)))
                self._add(ClaimKind.CHANGE, subject, zero, ctx, sentence, direction=Direction.FLAT,
                          compare_year=int(m.group(1)) if m.group(1) else None, basis=compare_basis(m.group(0)))
                continue
            self._token(joined, sentence, base, ctx, m, inherited, amounts)
        if self.sentence_amount is not None:
            self.previous_amount = self.sentence_amount

    def _token(self, joined: JoinedText, sentence: str, base: int, ctx: ClaimContext, tm: re.Match[str],
               inherited: Claim | None, amounts: list[tuple[Claim, int]]) -> None:
        number, unit_text = tm.group(1), tm.group(2)
        after = sentence[tm.end():]
        if _THRESHOLD_AFTER.match(after):
            return
        pre = _subject_clause(sentence, tm.start())
        parsed = number_value(fold(number))
        if parsed is None:
            return
        value, places = parsed
        fig_source = self.ref(joined, base + tm.start(), tm.group(0))
        unit = PERCENT if unit_text in ("%", "％") else _MONEY.get(unit_text, unit_text)
        if unit == WAN and places < 2:
            # Narratives print 万元 amounts to the cent with trailing zeros dropped (both seeds:
            # 项目支出 1,160.1 万元 = 表10 1,160.10; 其他收入 20 万元 = 20.00), so the precision is 0.01.
            places = 2
        figure = Figure(value=value, places=places, unit=unit, source=fig_source)
        own = clean_subject(pre)
        if unit_text in _COUNT_UNITS:
            after_subject = re.match(r"^\s*(?![和及与、])([^\d，,；;。:：、（(和及与]{1,30})", after)
            subject = after_subject.group(1).strip() if after_subject and unit_text == "个" else own
            subject = subject or own or (inherited.subject if inherited else "")
            self._add(ClaimKind.COUNT, subject, figure, ctx, sentence, count=True)
            return
        if unit == PERCENT:
            verb = _VERB_END.search(pre)
            if "占" in pre and (verb is None or pre.rfind("占") > verb.start()):
                kind, direction = ClaimKind.SHARE, None
            elif verb is not None:
                kind = ClaimKind.CHANGE_RATE
                direction = Direction.INCREASE if re.match(_INCREASE, verb.group(1)) else Direction.DECREASE
            else:
                self._add(ClaimKind.RATE, own or (inherited.subject if inherited else ""), figure, ctx, sentence)
                return
            own_subject = re.sub(r"占(?:比)?$", "", own).strip()
            if kind is ClaimKind.SHARE and len(own_subject) > 1:
                subject = own_subject
            else:
                subject = inherited.subject if inherited else own_subject
            base_claim = None
            if kind is ClaimKind.SHARE:
                base_claim = self._share_base(sentence, tm.start(), amounts, subject)
            self._add(kind, subject, figure, ctx, sentence, direction=direction,
                      compare_year=_compare_year(sentence[: tm.start()]), base=base_claim,
                      basis=compare_basis(sentence[: tm.start()]) if kind is ClaimKind.CHANGE_RATE else None)
            return
        prior = _PRIOR_END.search(pre)
        verb = _VERB_END.search(pre)
        if prior is not None:
            subject = inherited.subject if inherited else own
            self._add(ClaimKind.PRIOR, subject, figure, ctx, sentence,
                      compare_year=int(prior.group(1)) if prior.group(1) else None, basis=compare_basis(pre))
            return
        if verb is not None:
            direction = Direction.INCREASE if re.match(_INCREASE, verb.group(1)) else Direction.DECREASE
            own_change = clean_subject(_COMPARE.split(pre)[0]) if _COMPARE.search(pre) else own
            own_change = re.sub(r"预算$", "", own_change).strip()
            subject = own_change if len(own_change) > 1 else (inherited.subject if inherited else "")
            self._add(ClaimKind.CHANGE, subject, figure, ctx, sentence, direction=direction,
                      compare_year=_compare_year(sentence[: tm.start()]), basis=compare_basis(sentence[: tm.start()]))
            return
        subject = own if own else (inherited.subject if inherited else "")
        claim = self._add(ClaimKind.AMOUNT, subject, figure, ctx, sentence)
        self.sentence_amount = claim
        amounts.append((claim, tm.end()))
        if self.section_first_amount is None:
            self.section_first_amount = claim

    def _share_base(self, sentence: str, at: int, amounts: list[tuple[Claim, int]], subject: str) -> Claim | None:
        """The whole a share is a share of: an amount of this sentence followed by 其中 before any share,
        otherwise the first amount of the section."""
        for claim, end in amounts:
            if claim.subject == subject:
                continue
            between = sentence[end:at]
            qi = between.find("其中")
            if qi >= 0 and "占" not in between[:qi] and "%" not in between[:qi]:
                return claim
        first = self.section_first_amount
        return first if first is not None and first.subject != subject else None

    def _add(self, kind: ClaimKind, subject: str, figure: Figure, ctx: ClaimContext, sentence: str,
             direction: Direction | None = None, compare_year: int | None = None,
             base: Claim | None = None, count: bool = False, basis: str | None = None) -> Claim:
        lookup = subject_for_lookup(subject)
        quantity = None
        if self.resolver is not None and kind is not ClaimKind.RATE:
            quantity = (self.resolver.resolve_count(lookup, ctx) if count
                        else self.resolver.resolve(lookup, ctx))
        claim = Claim(
            kind=kind,
            subject=subject,
            quantity=quantity,
            value=figure,
            direction=direction,
            compare_year=compare_year,
            compare_basis=basis,
            base=base.quantity if base else None,
            base_subject=base.subject if base else None,
            section=self.section,
            sentence=sentence.strip(),
            source=figure.source or SourceRef(file=self.path),
        )
        self.claims.append(claim)
        return claim

    def _lists(self, joined: JoinedText, sentence: str, base: int, ctx: ClaimContext) -> None:
        for m in re.finditer(r"(收入包括|支出包括)[:：]([^。]*)", sentence):
            body = m.group(2)
            if re.search(r"\d", body):
                continue  # a list with figures is read as claims
            items = [x.strip() for x in re.split(r"[、，,]", body.rstrip("。；;")) if x.strip()]
            quantity = "income.sources" if m.group(1) == "收入包括" else "expenditure.classes"
            if ctx.topic == "fiscal":
                quantity = "fiscal." + quantity.split(".")[0].replace("expenditure", "classes")
            self.lists.append(Enumeration(subject=m.group(1), quantity=quantity, items=items, section=self.section,
                                          source=self.ref(joined, base + m.start(), m.group(0))))


def _compare_year(text: str) -> int | None:
    found = list(_COMPARE.finditer(text))
    if not found:
        return None
    year = found[-1].group(1)
    return int(year) if year else None


_BASIS = re.compile(r"^\s*(预算执行数|执行数|决算数?|预算数?)")


def compare_basis(text: str) -> str | None:
    """What the last comparison in ``text`` compares with: ``比2024年预算执行数`` → execution,
    ``比2024年预算`` → budget, ``比上年决算`` → final; None when it does not say."""
    found = list(_COMPARE.finditer(text))
    if not found:
        return None
    m = _BASIS.match(text[found[-1].end():])
    if m is None:
        return None
    word = m.group(1)
    return "execution" if "执行" in word else "final" if "决算" in word else "budget"


def _context_at(contexts: list[tuple[int, ClaimContext]], offset: int) -> ClaimContext:
    ctx = contexts[0][1]
    for start, c in contexts:
        if start <= offset:
            ctx = c
        else:
            break
    return ctx


def context_key(text: str) -> str:
    return key(text)
