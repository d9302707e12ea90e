"""Claims: the figures part 3 states, each tied to the subject it speaks of.

A sentence such as ``2026 年支出预算 2,840.98 万元，其中基本支出 1,680.88 万元，占 59.2%`` yields an
amount claim about 支出预算, an amount about 基本支出, and a share of 基本支出 in 支出预算. The subject
is the clause before the number (parentheses are kept whole); a heading that names a subject
(``（一）因公出国（境）费``) is the subject of the figures under it that name none.

Figures about one subject form a *statement*: its amount, the prior-year figure it is compared with,
the change and the rate (``2026年预算数为A万元，比2025年执行数B万元增加C万元，增长D%``), and shares of
it. The rules check a statement's figures against each other and its amount against the tables.
A share's whole is what the sentence says (``占部门支出总额的``), the total its parts follow
(``…万元，其中：``), or the stated amount its parts add up to; otherwise it is not known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from yusuan.model.budget import Claim, ClaimKind, Direction, Enumeration
from yusuan.model.figures import PERCENT, WAN, YUAN, Figure, SourceRef
from yusuan.model.interval import Interval
from yusuan.quantities import (
    EXPENDITURE,
    FISCAL,
    GPB,
    INCOME,
    THREE_PUBLIC,
    ClaimContext,
    Resolver,
    Tie,
    similar,
)
from yusuan.text.cjk import fold, key, name_key
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
_VERB_END = re.compile(rf"({_INCREASE}|{_DECREASE})了?(?:额)?(?:为|了)?\s*$")
# A rate: 增长 5.6%, 增幅 4.88%, 减幅 55.76%, 下降率 3%, 同比增长 …
_RATE_END = re.compile(rf"(增幅|增长率|增速|涨幅|减幅|降幅|下降率|减少率|降低率|{_INCREASE}|{_DECREASE})了?(?:幅度)?(?:为|了|达|约)?\s*$")
_RATE_DECREASE = re.compile(rf"^(?:减幅|降幅|下降率|减少率|降低率|{_DECREASE})")
_YEAR = r"(?:(\d{4})\s*年度?|上年度?|上一年度?|去年)"
_BASIS_WORDS = r"(?:年初|调整|全年)?(?:预算执行数|预算数?|执行数?|决算数?)"
_PRIOR_END = re.compile(rf"(?:比|较|对比|与)\s*{_YEAR}(?:同期)?{_BASIS_WORDS}?(?:的|为)?\s*$")
# A prior-year figure stated as its own clause: 2025 年预算数为 B 万元.
_PRIOR_CLAUSE = re.compile(r"(?<!\d)(\d{4})\s*年度?(?:年初|调整|全年)?(?:预算|执行|决算)数?(?:为|是)?\s*$")
_COMPARE = re.compile(rf"(?:比|较|与|跟|对比)\s*{_YEAR}")
_FLAT = re.compile(rf"(?:与|跟|较|比)\s*{_YEAR}[^，,。；;：:\d]{{0,16}}?(?:相比)?\s*(?:持平|一致|相同)")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:以上|以下|以内|及以上)")
_COMPLETION = re.compile(r"完成(?:了)?(?:年初|调整|全年)?预算(?:数)?的?\s*$")
_LEAD_FILLERS = re.compile(
    r"^(?:其中|包括|主要包括|主要原因(?:是|为)?|原因是|主要是由于|主要是|主要用于|由于|具体安排情况如下|共计|合计|总计|全年|本年度|"
    r"(?:本部门|部门本级|本级|本单位|部门)(?:及下属(?:单位)?)?的?|此项支出|该项支出|另外|此外|以及|和|及|为|是)+"
)
_TRAIL_FILLERS = re.compile(r"(?:预算数为|预算数|预算安排|安排|为|共计|合计|总计|达到|达|约|共|共有|各)+$")
_YEAR_PREFIX = re.compile(r"^.*?\d{4}\s*年(?:度)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?")
_TRAIL_NUMBERS = re.compile(r"\d[\d,，.]*\s*(?:万元|元|%|％|个|人|辆|套|台|家|项)\s*$")
_PAREN_TAIL = re.compile(r"[（(](?![^（(）)]*(?:类|款|项)[)）])[^（(）)]*[)）]\s*$")
# 占 X 的 y%: X is the whole (empty in 占 y% / 占比 y%).
_SHARE_OF = re.compile(r"占(.*?)(?:的)?(?:比重|比例|比)?(?:为|达|是)?\s*$")
# Words that only qualify a whole (本年 支出 合计 = 支出): removed before comparing subjects.
_WHOLE_NOISE = re.compile(r"^(?:本年|当年|全年|部门)|(?:总额|总计|合计|总数|总体)$")


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
        elif depth == 0 and ch in delims and not _thousands(text, i):
            return i + 1
        i -= 1
    return 0


def _thousands(text: str, i: int) -> bool:
    """A comma that separates thousands (5,565.07) does not end a clause."""
    return text[i] in ",，" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _subject_clause(text: str, end: int) -> str:
    """The clause naming the subject of a figure ending at ``end``.

    An enumerated item (``1.政府购买服务、评审等工作经费 22.50 万元``) keeps its 、-separated name whole,
    and so does 收、支 (``收、支总计 22066.59 万元``).
    """
    wide = text[_clause_start(text, end, _DELIMS.replace("、", "")):end]
    if _ENUM.match(wide) and not re.search(r"\d[\d,.]*\s*(?:万元|元|%|％)", _ENUM.sub("", wide, count=1)):
        return wide
    narrow = text[_clause_start(text, end):end]
    if re.search(r"收、支|收入、支出", wide) and not re.search(r"收、支|收入、支出", narrow):
        return wide
    return narrow


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


def whole_key(subject: str) -> str:
    """Key for matching the whole a share names with an amount stated before (本年支出合计 = 支出)."""
    k = name_key(subject).replace("的", "")
    for _ in range(2):
        k = _WHOLE_NOISE.sub("", k)
    return k


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets: they end at 。！？ or at a line break, except a break after ；，：
    (a list of parts ``…其中：\\n基本支出…；\\n项目支出…。`` is one sentence)."""
    out: list[tuple[int, str]] = []
    start = 0
    for i, ch in enumerate(text):
        end = None
        if ch in "。！？!?":
            end = i + 1
        elif ch == "\n" and (i == 0 or text[i - 1] not in "；;，,：:"):
            end = i
        if end is not None:
            if text[start:end].strip():
                out.append((start, text[start:end]))
            start = i + 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


@dataclass
class _Statement:
    """Figures about one subject: an amount and what is said of it (prior, change, rate, share)."""

    id: int
    subject: str
    quantity: str | None
    exact: bool
    sentence: int
    paragraph: int = 0
    kinds: set[ClaimKind] = field(default_factory=set)
    amount: Claim | None = None


class ClaimReader:
    """Reads the claims of one narrative section."""

    def __init__(self, path: str, section: str, resolver: Resolver | None, first_statement: int = 0,
                 earlier: list[Claim] | None = None) -> None:
        self.path = path
        self.section = section
        self.resolver = resolver
        self.claims: list[Claim] = []
        self.lists: list[Enumeration] = []
        self.next_statement = first_statement
        self.amounts: list[Claim] = []  # amount claims of the section, in order
        self.earlier = earlier or []  # amount claims of the sections before (a named whole may be there)

    def ref(self, joined: JoinedText, offset: int, text: str) -> SourceRef:
        line, page = joined.where(offset)
        return SourceRef(file=self.path, line=line, page=page, section=self.section, text=text)

    def read(self, joined: JoinedText, contexts: list[tuple[int, ClaimContext]]) -> None:
        """``contexts`` gives, for offsets into the text, the context that starts there."""
        self.statement: _Statement | None = None
        self.paragraph_no = 0
        for n, (start, sentence) in enumerate(split_sentences(joined.text)):
            self.sentence_no = n
            if start > 0 and joined.text[start - 1] == "\n":
                self.paragraph_no += 1
            self._sentence(joined, sentence, start, contexts)

    # -- one sentence --------------------------------------------------------------------------
    def _sentence(self, joined: JoinedText, sentence: str, base: int,
                  contexts: list[tuple[int, ClaimContext]]) -> None:
        ctx = _context_at(contexts, base)
        self._lists(joined, sentence, base, ctx)
        events: list[tuple[int, re.Match[str], bool]] = [(m.start(), m, True) for m in _FLAT.finditer(sentence)
                                                         if "基本持平" not in m.group(0)]
        events += [(m.start(), m, False) for m in _TOKEN.finditer(sentence)]
        events.sort(key=lambda e: e[0])
        self.sentence_amounts: list[tuple[Claim, int]] = []  # amount claims of this sentence, with end offsets
        self.open_shares: list[Claim] = []  # shares of this sentence whose whole is not known yet
        for pos, m, is_flat in events:
            ctx = _context_at(contexts, base + pos)
            if is_flat:
                self._flat(joined, sentence, base, ctx, m)
            else:
                self._token(joined, sentence, base, ctx, m)
        self._partition_shares()

    def _flat(self, joined: JoinedText, sentence: str, base: int, ctx: ClaimContext, m: re.Match[str]) -> None:
        own = clean_subject(sentence[_clause_start(sentence, m.start()):m.start()])
        zero = Figure(value=Decimal(0), places=0, unit=WAN, exact=True,
                      source=self.ref(joined, base + m.start(), m.group(0)))
        stmt = self._attach(ClaimKind.CHANGE, own, ctx)
        self._add(ClaimKind.CHANGE, stmt, zero, sentence, direction=Direction.FLAT,
                  compare_year=int(m.group(1)) if m.group(1) else None, basis=compare_basis(m.group(0)))

    def _token(self, joined: JoinedText, sentence: str, base: int, ctx: ClaimContext, tm: re.Match[str]) -> None:
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
        # The printed precision is the figure's precision: 17,192 万元 is 17,191.5–17,192.5, 0.3 万元
        # 0.25–0.35, 5.6% 5.55–5.65. An amount printed 0 is nothing (to the cent); a share printed 0%
        # may be a small one rounded down.
        if value == 0 and unit != PERCENT:
            places = max(places, 2)
        figure = Figure(value=value, places=places, unit=unit, source=fig_source)
        own = clean_subject(pre)
        if unit_text in _COUNT_UNITS:
            after_subject = re.match(r"^\s*(?![和及与、])([^\d，,；;。:：、（(和及与]{1,30})", after)
            subject = after_subject.group(1).strip() if after_subject and unit_text == "个" else own
            subject = subject or own or (self.statement.subject if self.statement else "")
            self._count(subject, figure, ctx, sentence)
            return
        before = sentence[: tm.start()]
        if unit == PERCENT:
            self._percent(pre, own, figure, ctx, sentence, before)
            return
        prior = _PRIOR_END.search(pre)
        prior_clause = _PRIOR_CLAUSE.search(pre) if prior is None and not _COMPARE.search(pre) else None
        if prior_clause is not None and not self._before_this_year(int(prior_clause.group(1))):
            prior_clause = None
        verb = _VERB_END.search(pre)
        if prior is not None or prior_clause is not None:
            found = prior if prior is not None else prior_clause
            year = found.group(1) if found is not None else None
            own_prior = clean_subject(_COMPARE.split(pre)[0]) if prior is not None else ""
            stmt = self._attach(ClaimKind.PRIOR, own_prior, ctx)
            self._add(ClaimKind.PRIOR, stmt, figure, sentence, compare_year=int(year) if year else None,
                      basis=compare_basis(pre) if prior is not None else _basis_word(pre))
            return
        if verb is not None:
            direction = Direction.INCREASE if re.match(_INCREASE, verb.group(1)) else Direction.DECREASE
            own_change = clean_subject(_COMPARE.split(pre)[0]) if _COMPARE.search(pre) else own
            own_change = re.sub(r"预算$", "", own_change).strip()
            if len(own_change) <= 1:
                own_change = self._named_before(sentence, _clause_start(sentence, tm.start()))
            stmt = self._attach(ClaimKind.CHANGE, own_change if len(own_change) > 1 else "", ctx)
            self._add(ClaimKind.CHANGE, stmt, figure, sentence, direction=direction,
                      compare_year=_compare_year(before), basis=compare_basis(before))
            return
        self._amount(own, figure, ctx, sentence, tm.end(), _clause_start(sentence, tm.start()))

    def _before_this_year(self, year: int) -> bool:
        this_year = self.resolver.budget.meta.year if self.resolver is not None else None
        return this_year is not None and year < this_year

    def _named_before(self, sentence: str, start: int) -> str:
        """The subject named by the clause before ``start`` when it is a code or a 类/款/项 path
        (``主要是2014099其他信访事务支出，2026年预算数为3,623.98万元``)."""
        if start <= 0:
            return ""
        prev = sentence[_clause_start(sentence, start - 1):start - 1]
        if _TOKEN.search(prev) or not re.search(r"(?<!\d)2\d{6}(?!\d)|[（(][类款项][)）]", prev):
            return ""
        return clean_subject(prev)

    def _amount(self, own: str, figure: Figure, ctx: ClaimContext, sentence: str, end: int,
                clause: int = 0) -> None:
        inherited = False
        subject = own or self._named_before(sentence, clause)
        if not subject and ctx.heading:
            subject = ctx.heading
        if not subject and self.statement is not None:
            subject, inherited = self.statement.subject, True
        part_ctx = self._part_context(sentence, end, ctx)
        tie = self._tie(subject, part_ctx or ctx) if part_ctx else None
        if tie is None:
            tie = self._tie(subject, ctx)
        if tie is not None and any(tie.quantity == c.quantity and "其中" in sentence[e:end]
                                   for c, e in self.sentence_amounts):
            tie = None  # a part listed after its total is not the total
        exact = tie is not None and tie.exact and not inherited
        stmt = self._new_statement(subject, tie.quantity if tie else None, exact)
        claim = self._add(ClaimKind.AMOUNT, stmt, figure, sentence)
        stmt.amount = claim
        self.sentence_amounts.append((claim, end))
        self.amounts.append(claim)

    def _percent(self, pre: str, own: str, figure: Figure, ctx: ClaimContext, sentence: str, before: str) -> None:
        verb = _RATE_END.search(pre)
        share = "占" in pre and (verb is None or pre.rfind("占") > verb.start())
        if share:
            self._share(pre, own, figure, ctx, sentence)
            return
        if _COMPLETION.search(pre):
            stmt = self._new_statement("完成预算", None, False)
            self._add(ClaimKind.RATE, stmt, figure, sentence)
            return
        if verb is None:
            stmt = self._new_statement(own or (self.statement.subject if self.statement else ""), None, False)
            self._add(ClaimKind.RATE, stmt, figure, sentence)
            return
        direction = Direction.DECREASE if _RATE_DECREASE.match(verb.group(1)) else Direction.INCREASE
        own_rate = clean_subject(_COMPARE.split(pre)[0]) if _COMPARE.search(pre) else own
        own_rate = re.sub(r"(?:增幅|减幅|降幅|增速|涨幅|增长率|下降率)$", "", own_rate).strip()
        stmt = self._attach(ClaimKind.CHANGE_RATE, own_rate if len(own_rate) > 1 else "", ctx)
        self._add(ClaimKind.CHANGE_RATE, stmt, figure, sentence, direction=direction,
                  compare_year=_compare_year(before), basis=compare_basis(before))

    def _share(self, pre: str, own: str, figure: Figure, ctx: ClaimContext, sentence: str) -> None:
        m = _SHARE_OF.search(pre)
        whole_phrase = clean_subject(m.group(1)) if m else ""
        part_phrase = re.sub(r"占.*$", "", own).strip()
        stmt = self.statement
        if len(part_phrase) > 1 or stmt is None or stmt.amount is None or stmt.sentence != self.sentence_no \
                or ClaimKind.SHARE in stmt.kinds:
            # 货物采购授予中小企业合同金额占…的 4.07%: a share of something this sentence states no amount of
            subject = part_phrase or (stmt.subject if stmt else "")
            tie = self._tie(subject, ctx) if part_phrase else None
            stmt = self._new_statement(subject, tie.quantity if tie else None, bool(tie and tie.exact))
        base_claim, base_tie = self._whole(whole_phrase, stmt, ctx, sentence)
        claim = self._add(ClaimKind.SHARE, stmt, figure, sentence, base=base_claim, base_tie=base_tie,
                          base_subject=whole_phrase or (base_claim.subject if base_claim else None))
        if not whole_phrase and base_claim is None:
            self.open_shares.append(claim)

    def _whole(self, phrase: str, stmt: _Statement, ctx: ClaimContext, sentence: str) -> tuple[Claim | None, Tie | None]:
        """The amount a share is a share of: named (占 X 的), or the total its part follows (X 万元，其中)."""
        if phrase:
            k = whole_key(phrase)
            tie = self._tie(phrase, ctx)
            for pool in (self.amounts, self.earlier):
                named = [c for c in reversed(pool) if k and whole_key(c.subject) == k and c is not stmt.amount]
                if named:
                    one = len({c.value.value for c in named}) == 1
                    return (named[0] if one else None), (tie if tie and tie.exact else None)
            return None, (tie if tie and tie.exact else None)
        if stmt.amount is None:
            return None, None
        part_end = next((end for c, end in self.sentence_amounts if c is stmt.amount), None)
        for claim, end in self.sentence_amounts:
            if claim is stmt.amount or part_end is None or end >= part_end:
                continue
            between = sentence[end:part_end]
            qi = between.find("其中")
            if qi >= 0 and "占" not in between[:qi] and "%" not in between[:qi] and "％" not in between[:qi]:
                return claim, None
        return None, None

    def _partition_shares(self) -> None:
        """Shares whose whole is not named: the stated amount their parts add up to is the whole
        (人员支出…占61.9%；日常公用支出…占11.8%；项目支出…占26.3% after 支出预算404,415.23万元)."""
        shares = self.open_shares
        if len(shares) < 2:
            return
        parts = [self._statement_amount(c.statement) for c in shares]
        if any(p is None for p in parts):
            return
        summed = Interval.exact(0)
        for p in parts:
            assert p is not None
            summed = summed + p.value.interval()
        part_ids = {id(p) for p in parts}
        part_subjects = {name_key(p.subject) for p in parts if p is not None}
        share_ids = {id(c) for c in shares}
        for candidate in reversed(self.amounts):
            if id(candidate) in part_ids or name_key(candidate.subject) in part_subjects:
                continue
            if candidate.value.interval().overlaps(summed):
                self.claims = [_with_base(c, candidate) if id(c) in share_ids else c for c in self.claims]
                return

    def _statement_amount(self, statement: int | None) -> Claim | None:
        return next((c for c in self.amounts if c.statement == statement), None)

    # -- statements ------------------------------------------------------------------------------
    def _new_statement(self, subject: str, quantity: str | None, exact: bool) -> _Statement:
        self.next_statement += 1
        self.statement = _Statement(self.next_statement, subject, quantity, exact, self.sentence_no, self.paragraph_no)
        return self.statement

    def _attach(self, kind: ClaimKind, own: str, ctx: ClaimContext) -> _Statement:
        """The statement a prior, change or rate belongs to: the open one (the amount just stated)
        when it is recent, has no such figure yet and the clause names nothing else; else a new one."""
        stmt = self.statement
        # Recent: the next sentence, or a later one of the same paragraph with no other statement
        # between (…机关运行经费 111.62 万元。主要包括：…。此项支出比上年减少 3.34 万元).
        recent = stmt is not None and (self.sentence_no - stmt.sentence <= 1 or stmt.paragraph == self.paragraph_no)
        if stmt is not None and recent and kind not in stmt.kinds \
                and (not own or self._same_subject(own, stmt, ctx)):
            return stmt
        subject = own or (stmt.subject if stmt is not None else "")
        tie = self._tie(subject, ctx) if own else None
        if tie is None and not own and stmt is not None:
            return self._new_statement(subject, stmt.quantity, False)
        return self._new_statement(subject, tie.quantity if tie else None, bool(tie and tie.exact))

    def _same_subject(self, own: str, stmt: _Statement, ctx: ClaimContext) -> bool:
        tie = self._tie(own, ctx)
        if tie is not None and stmt.quantity is not None:
            return tie.quantity == stmt.quantity
        a, b = name_key(own), name_key(stmt.subject)
        return bool(a and b) and (a in b or b in a or similar(a, b) >= 0.5)

    def _part_context(self, sentence: str, end: int, ctx: ClaimContext) -> ClaimContext | None:
        """A part listed after a total (收入预算…万元，其中：…) is read as a part of that total."""
        for claim, _end in reversed(self.sentence_amounts):
            if "其中" not in sentence[_end:end] or not claim.quantity:
                continue
            family = claim.quantity.split(".", 1)[0]
            topic = {"income": INCOME, "expenditure": EXPENDITURE, "fiscal": FISCAL, "gpb": GPB,
                     "three_public": THREE_PUBLIC}.get(family)
            if topic and topic != ctx.topic:
                return ClaimContext(topic=topic, sub=ctx.sub, path=ctx.path)
            return None
        return None

    def _tie(self, subject: str, ctx: ClaimContext) -> Tie | None:
        if self.resolver is None or not subject:
            return None
        return self.resolver.tie(subject_for_lookup(subject), ctx)

    # -- claims ----------------------------------------------------------------------------------
    def _tie_word(self, exact: bool) -> str:
        """exact / fuzzy; "final" in a final account, whose figures may be the budget or the actual."""
        if self.resolver is not None and self.resolver.final:
            return "final"
        return "exact" if exact else "fuzzy"

    def _count(self, subject: str, figure: Figure, ctx: ClaimContext, sentence: str) -> None:
        quantity = self.resolver.resolve_count(subject_for_lookup(subject), ctx) if self.resolver else None
        self.claims.append(Claim(kind=ClaimKind.COUNT, subject=subject, quantity=quantity, value=figure,
                                 tie=self._tie_word(True) if quantity else None, section=self.section,
                                 sentence=sentence.strip(), source=figure.source or SourceRef(file=self.path)))

    def _add(self, kind: ClaimKind, stmt: _Statement, figure: Figure, sentence: str,
             direction: Direction | None = None, compare_year: int | None = None, base: Claim | None = None,
             base_tie: Tie | None = None, base_subject: str | None = None, basis: str | None = None) -> Claim:
        stmt.kinds.add(kind)
        quantity = stmt.quantity if kind is not ClaimKind.RATE else None
        claim = Claim(
            kind=kind,
            subject=stmt.subject,
            quantity=quantity,
            tie=self._tie_word(stmt.exact) if quantity else None,
            statement=stmt.id,
            value=figure,
            direction=direction,
            compare_year=compare_year,
            compare_basis=basis,
            base=base_tie.quantity if base_tie else (base.quantity if base is not None and base.tie == "exact" else None),
            base_subject=base_subject,
            base_value=base.value if base is not None else None,
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


def _with_base(share: Claim, whole: Claim) -> Claim:
    return replace(share, base=whole.quantity if whole.tie == "exact" else None, base_subject=whole.subject,
                   base_value=whole.value)


def _compare_year(text: str) -> int | None:
    found = list(_COMPARE.finditer(text))
    if not found:
        return None
    year = found[-1].group(1)
    return int(year) if year else None


_BASIS = re.compile(r"^\s*(?:同期)?((?:年初|调整|全年)?(?:预算执行数|执行数?|决算数?|预算数?))")


def _basis_word(word: str) -> str | None:
    if "执行" in word:
        return "execution"
    if "决算" in word:
        return "final"
    if "调整" in word:
        return "adjusted"
    if "预算" in word:
        return "budget"
    return None


def compare_basis(text: str) -> str | None:
    """What the last comparison in ``text`` compares with: ``比2024年预算执行数`` → execution,
    ``比2024年预算`` / ``较2025年年初预算`` → budget, ``调整预算`` → adjusted, ``比上年决算`` → final;
    None when it does not say."""
    found = list(_COMPARE.finditer(text))
    if not found:
        return None
    m = _BASIS.match(text[found[-1].end():])
    return _basis_word(m.group(1)) if m else None


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
