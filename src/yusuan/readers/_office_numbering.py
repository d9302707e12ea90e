"""Automatic paragraph numbering of a DOCX (``一、`` ``（一）`` ``1.``), rendered as Word prints it.

Word does not store list numbers in the text; they come from ``word/numbering.xml`` through the
paragraph's ``w:numPr`` or its style. Disclosures number their section headings this way often
enough (``一、预算收支情况总体说明``) that the recognizer would miss them without the label.

Counters follow Word: paragraphs of lists sharing an abstract definition continue one another
unless a ``w:startOverride`` restarts them; using a level resets the deeper ones. Bullets print
nothing (the text reader strips bullet markers too).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from yusuan.readers._office_package import parse_xml, read_part, related_part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WHAT = "DOCX"
_LEVEL_REF = re.compile(r"%([1-9])")
_NUMPR, _PSTYLE = W + "numPr", W + "pStyle"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # isLgl: show every level in Arabic digits
    suffix: str = " "


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)
    started: set[int] = field(default_factory=set)


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    value: str | None = el.get(W + "val", default)
    return value


def _num_val(el: etree._Element | None, default: int) -> int:
    try:
        return int(_val(el) or default)
    except ValueError:
        return default


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese(n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = ("", "十", "百", "千")) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[d] + units[pos]
    # 十一, not 一十一 (the legal form keeps 壹拾壹)
    return out[1:] if 10 <= n < 20 and digits is _CN_DIGITS else out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def format_counter(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, ("", "拾", "佰", "仟"))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


def _parse_level(lvl: etree._Element) -> _Level:
    suff = _val(lvl.find(W + "suff"), "tab")
    legal = lvl.find(W + "isLgl")
    return _Level(
        start=_num_val(lvl.find(W + "start"), 1),
        fmt=_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
        text=_val(lvl.find(W + "lvlText"), "") or "",
        legal=legal is not None and (_val(legal) or "1") not in ("0", "false", "off"),
        suffix="" if suff == "nothing" else " ",  # a tab prints as space; repair() drops it between CJK
    )


class Numbering:
    def __init__(self, numbering: etree._Element, styles: etree._Element | None) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}  # abstract id → numStyleLink style id
        for absn in numbering.iter(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId") or ""
            self.abstracts[aid] = {_num_val_attr(lvl): _parse_level(lvl) for lvl in absn.iter(W + "lvl")}
            link = _val(absn.find(W + "numStyleLink"))
            if link:
                self.style_links[aid] = link
        self.nums: dict[str, _Num] = {}
        for num in numbering.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            n = _Num(abstract=_val(num.find(W + "abstractNumId"), "") or "")
            for ov in num.iter(W + "lvlOverride"):
                start = ov.find(W + "startOverride")
                if start is not None:
                    n.overrides[_num_val_attr(ov)] = _num_val(start, 1)
            self.nums[nid] = n
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        if styles is not None:
            for st in styles.iter(W + "style"):
                sid = st.get(W + "styleId") or ""
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    self.style_num[sid] = (_val(numpr.find(W + "numId")), _opt_int(numpr.find(W + "ilvl")))
                based = _val(st.find(W + "basedOn"))
                if based:
                    self.style_parent[sid] = based
        self.counters: dict[str, dict[int, int]] = {}

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return self.style_num[style]
            style = self.style_parent.get(style)
        return None, None

    def _abstract(self, num: _Num) -> dict[int, _Level] | None:
        levels = self.abstracts.get(num.abstract)
        link = self.style_links.get(num.abstract)
        if link:  # the definition lives with the numbering style it links to
            nid, _ = self._style_numbering(link)
            target = self.nums.get(nid or "")
            if target is not None and target.abstract != num.abstract:
                levels = self.abstracts.get(target.abstract, levels)
        return levels

    def label(self, ppr: etree._Element) -> str:
        """The number label Word prints before the paragraph with properties ``ppr`` (advancing the
        counters), or ``""``."""
        numpr = pstyle = None
        for x in ppr:  # a scan by tag: lxml's find() is slow enough to matter per paragraph
            if x.tag == _NUMPR:
                numpr = x
            elif x.tag == _PSTYLE:
                pstyle = x
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            num_id = _val(numpr.find(W + "numId"))
            ilvl = _opt_int(numpr.find(W + "ilvl"))
        if num_id is None:
            s_num, s_lvl = self._style_numbering(_val(pstyle))
            num_id = s_num
            ilvl = s_lvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        num = self.nums.get(num_id)
        levels = self._abstract(num) if num is not None else None
        if num is None or not levels:
            return ""
        ilvl = ilvl or 0
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num.abstract, {})
        if ilvl in num.overrides and ilvl not in num.started:
            num.started.add(ilvl)
            counters[ilvl] = num.overrides[ilvl]
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            return format_counter(value, "decimal" if level.legal and lv.fmt != "none" else lv.fmt)

        text = _LEVEL_REF.sub(sub, level.text)
        return text + level.suffix if text else ""


def _num_val_attr(el: etree._Element) -> int:
    try:
        return int(el.get(W + "ilvl") or 0)
    except ValueError:
        return 0


def _opt_int(el: etree._Element | None) -> int | None:
    v = _val(el)
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


def load_numbering(zf: zipfile.ZipFile, part: str, path: str) -> Numbering | None:
    """The document's numbering definitions, ``None`` when it has none.

    Raises :class:`UnreadableError` when they are damaged; the caller decides whether that matters.
    """
    name = related_part(zf, part, "/numbering", path, _WHAT)
    blob = read_part(zf, name, path, _WHAT) if name else None
    if name is None or blob is None:
        return None
    numbering = parse_xml(blob, name, path, _WHAT)
    styles_name = related_part(zf, part, "/styles", path, _WHAT)
    styles_blob = read_part(zf, styles_name, path, _WHAT) if styles_name else None
    styles = parse_xml(styles_blob, styles_name or "", path, _WHAT) if styles_blob else None
    return Numbering(numbering, styles)
