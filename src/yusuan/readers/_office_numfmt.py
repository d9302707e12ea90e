"""Display text of a spreadsheet value under its Excel number format.

A figure's printed precision is its rounding interval (architecture.md), so an XLSX amount must
become the text the spreadsheet *shows*: ``1160.1`` under ``0.00`` is ``1160.10``, never
``1160.0999999``. Floats are turned into Decimals through their shortest ``repr`` (the digits the
file stored), cut to Excel's 15 significant digits and rounded half away from zero, as Excel does.

Only what budget workbooks use is rendered exactly: digit placeholders, grouping, scaling commas,
percent, literals, sections and dates. Fractions, scientific notation with custom layouts and
``[DBNum]`` (Chinese numerals) fall back to the plain number, which still carries the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Builtin ids Excel resolves from the locale; openpyxl knows only the en-US ones and reports these
# as "General", which would print a date as its serial number. Values: zh-CN (ECMA-376 §18.8.30).
ZH_CN_BUILTIN_FORMATS: dict[int, str] = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

_CONDITION = re.compile(r"\[[<>=]")
# Chinese Excel and WPS write General as "G/通用格式".
_GENERAL = frozenset({"general", "g/通用格式", "@", ""})
_PLACEHOLDERS = "0#?"


def _split_sections(fmt: str) -> list[str]:
    """Split on ``;`` outside quotes, brackets and escapes."""
    sections: list[str] = []
    buf: list[str] = []
    i, n = 0, len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = n - 1 if j < 0 else j
            buf.append(fmt[i : j + 1])
            i = j + 1
            continue
        if ch == "[":
            j = fmt.find("]", i + 1)
            j = n - 1 if j < 0 else j
            buf.append(fmt[i : j + 1])
            i = j + 1
            continue
        if ch in "\\_*" and i + 1 < n:
            buf.append(fmt[i : i + 2])
            i += 2
            continue
        if ch == ";":
            sections.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    sections.append("".join(buf))
    return sections


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: ``lit`` literal text, ``ph`` a format character, ``bracket`` a [...] tag."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = n if j < 0 else j
            out.append(("lit", section[i + 1 : j]))
            i = j + 1
        elif ch == "\\" and i + 1 < n:
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < n:
            out.append(("lit", " "))  # padding the width of the next character
            i += 2
        elif ch == "*" and i + 1 < n:
            i += 2  # fill character: repeats to the cell width, nothing on paper we can know
        elif ch == "[":
            j = section.find("]", i + 1)
            j = n if j < 0 else j
            out.append(("bracket", section[i + 1 : j]))
            i = j + 1
        else:
            out.append(("ph", ch))
            i += 1
    return out


def _bracket_text(tag: str) -> str:
    """``[$¥-804]`` prints ``¥``; colours, locales and elapsed-time tags print nothing."""
    if tag.startswith("$"):
        return tag[1:].split("-", 1)[0]
    return ""


def to_decimal(value: int | float | Decimal) -> Decimal:
    """The value Excel displays from: the stored digits, at most 15 significant."""
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        return Decimal(value)
    else:
        d = Decimal(repr(value))
    if d.is_zero() or not d.is_finite():
        return d
    if len(d.as_tuple().digits) > 15:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - 14), rounding=ROUND_HALF_UP)
    return d


def general(value: int | float | Decimal) -> str:
    """Excel's General format, without the column-width dependent switch to scientific notation."""
    d = to_decimal(value)
    if not d.is_finite():
        return str(value)
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ",".join(parts)


def _render_number(d: Decimal, tokens: list[tuple[str, str]]) -> str:
    """Render the absolute value ``d`` into one section's tokens."""
    ph_index = [i for i, (k, t) in enumerate(tokens) if k == "ph" and t in _PLACEHOLDERS]
    percent = sum(1 for k, t in tokens if k == "ph" and t == "%")
    d = d.scaleb(2 * percent)
    if not ph_index:
        text = "".join(_bracket_text(t) if k == "bracket" else t for k, t in tokens)
        return text.replace("@", general(d)) if "@" in text else text
    first, last = ph_index[0], ph_index[-1]
    body = [t for k, t in tokens[first : last + 1] if k == "ph"]
    # Commas right after the last digit placeholder scale by 1000 each (``#,##0,`` shows thousands).
    j = last + 1
    while j < len(tokens) and tokens[j] == ("ph", ","):
        d = d.scaleb(-3)
        j += 1
    body_text = "".join(body)
    int_part, _, frac_part = body_text.partition(".")
    for _ in range(len(int_part) - len(int_part.rstrip(","))):
        d = d.scaleb(-3)  # ``#,##0,.00``: a comma ending the integer part scales too
    grouping = "," in int_part.strip(",")
    min_int = int_part.count("0")
    frac_ph = [c for c in frac_part if c in _PLACEHOLDERS]
    decimals = len(frac_ph)
    required = max((i + 1 for i, c in enumerate(frac_ph) if c == "0"), default=0)
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = format(q, "f").partition(".")
    if whole == "0" and min_int == 0:
        whole = ""  # ``#.00`` prints ``.50``
    whole = whole.rjust(min_int, "0")
    if grouping and whole:
        whole = _group(whole)
    while len(frac) > required and frac.endswith("0"):
        frac = frac[:-1]  # ``#`` and ``?`` decimals are optional
    number = f"{whole}.{frac}" if "." in body_text else whole
    out: list[str] = []
    for i, (k, t) in enumerate(tokens):
        if i == first:
            out.append(number)
        elif first < i <= last or (last < i < j):
            continue
        elif k == "bracket":
            out.append(_bracket_text(t))
        else:
            out.append(t)
    return "".join(out)


def format_number(value: int | float | Decimal, fmt: str | None) -> str:
    """The text a spreadsheet shows for a number under ``fmt``."""
    try:
        d = to_decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not d.is_finite():
        return str(value)
    fmt = (fmt or "General").strip()
    if fmt.lower() in _GENERAL or _CONDITION.search(fmt) or "DBNum" in fmt:
        return general(d)
    sections = _split_sections(fmt)
    negative = d < 0
    if len(sections) >= 3 and d.is_zero():
        section, signed = sections[2], False
    elif negative and len(sections) >= 2:
        section, signed = sections[1], False  # the section writes its own sign or brackets
    else:
        section, signed = sections[0], negative
    if section.strip().lower() in _GENERAL:
        return ("-" if signed else "") + general(abs(d))
    tokens = _tokens(section)
    if any(k == "ph" and t in "eE/" for k, t in tokens):
        return general(d)  # scientific or fraction layout: the value, plainly
    try:
        text = _render_number(abs(d), tokens)
    except InvalidOperation:  # more digits than the decimal context holds (a 10^30 "amount")
        return general(d)
    if signed and any(ch.isdigit() and ch != "0" for ch in text):
        text = "-" + text
    return text


# ----- dates ---------------------------------------------------------------------------------

_DATE_CODE = re.compile(r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|上午/下午|e|\.0+",
                        re.IGNORECASE)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _as_datetime(value: datetime | date | time | timedelta) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime(1899, 12, 31, value.hour, value.minute, value.second, value.microsecond)
    return datetime(1899, 12, 31) + value


def format_datetime(value: datetime | date | time | timedelta, fmt: str | None) -> str:
    """A date or time as the spreadsheet shows it (the common Chinese and ISO layouts)."""
    fmt = (fmt or "").strip()
    section = _split_sections(fmt)[0] if fmt else ""
    if not section or section.lower() == "general":
        section = "yyyy/m/d" if not isinstance(value, time | timedelta) else "h:mm:ss"
    dt = _as_datetime(value)
    tokens = _tokens(section)
    codes: list[tuple[str, str]] = []  # (kind, text) with kind "lit" or "code"
    for k, t in tokens:
        if k == "lit":
            codes.append(("lit", t))
        elif k == "bracket":
            if t.lower() in ("h", "hh", "m", "mm", "s", "ss") and isinstance(value, timedelta):
                codes.append(("lit", str(int(value.total_seconds() // {"h": 3600, "m": 60, "s": 1}[t[0].lower()]))))
            else:
                codes.append(("lit", _bracket_text(t)))
        elif codes and codes[-1][0] == "ph":
            codes[-1] = ("ph", codes[-1][1] + t)  # one run, so ``yyyy`` is one code
        else:
            codes.append(("ph", t))
    # Re-tokenise the placeholder text into date codes, keeping literals as they are.
    parts: list[tuple[str, str]] = []
    for kind, t in codes:
        if kind == "lit":
            parts.append(("lit", t))
            continue
        pos = 0
        for m in _DATE_CODE.finditer(t):
            if m.start() > pos:
                parts.append(("lit", t[pos : m.start()]))
            parts.append(("code", m.group(0)))
            pos = m.end()
        if pos < len(t):
            parts.append(("lit", t[pos:]))
    has_ampm = any(k == "code" and p.lower() in ("am/pm", "a/p", "上午/下午") for k, p in parts)
    code_idx = [i for i, (k, _) in enumerate(parts) if k == "code"]
    lows = [parts[i][1].lower() for i in code_idx]
    for n, i in enumerate(code_idx):
        code = parts[i][1]
        low = lows[n]
        # ``m`` is minutes right after an hour or before seconds, months otherwise.
        prev_code = lows[n - 1] if n > 0 else ""
        next_code = lows[n + 1] if n + 1 < len(lows) else ""
        if low in ("m", "mm") and (prev_code.startswith("h") or next_code.startswith("s")):
            rendered = f"{dt.minute:02d}" if low == "mm" else str(dt.minute)
        elif low == "yyyy" or low == "e":
            rendered = f"{dt.year:04d}"
        elif low == "yy":
            rendered = f"{dt.year % 100:02d}"
        elif low == "mmmmm":
            rendered = _MONTHS[dt.month - 1][0]
        elif low == "mmmm":
            rendered = _MONTHS[dt.month - 1]
        elif low == "mmm":
            rendered = _MONTHS[dt.month - 1][:3]
        elif low == "mm":
            rendered = f"{dt.month:02d}"
        elif low == "m":
            rendered = str(dt.month)
        elif low == "dddd":
            rendered = _DAYS[dt.weekday()]
        elif low == "ddd":
            rendered = _DAYS[dt.weekday()][:3]
        elif low == "dd":
            rendered = f"{dt.day:02d}"
        elif low == "d":
            rendered = str(dt.day)
        elif low in ("hh", "h"):
            hour = dt.hour % 12 or 12 if has_ampm else dt.hour
            rendered = f"{hour:02d}" if low == "hh" else str(hour)
        elif low == "ss":
            rendered = f"{dt.second:02d}"
        elif low == "s":
            rendered = str(dt.second)
        elif low == "上午/下午":
            rendered = "上午" if dt.hour < 12 else "下午"
        elif low == "am/pm":
            rendered = "AM" if dt.hour < 12 else "PM"
        elif low == "a/p":
            rendered = "A" if dt.hour < 12 else "P"
        else:  # fractional seconds ".00"
            digits = len(code) - 1
            rendered = "." + f"{dt.microsecond:06d}"[:digits]
        parts[i] = ("lit", rendered)
    return "".join(t for _, t in parts)
