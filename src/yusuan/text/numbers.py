"""Numbers as printed in disclosures: ``2,840.98``, ``1, 105, 000``, ``1160.1``, ``20``.

A printed number keeps its number of decimal places: it decides the rounding interval.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from yusuan.text.cjk import fold

# A whole cell that is a number (thousands separators may be followed by a stray space).
_CELL_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:\s*[,，]\s*\d{3})+|\d+)(?:\.\d+)?$")
# A number inside running text.
NUMBER_TOKEN = re.compile(r"(?<![\d.])(?:\d{1,3}(?:[,，]\s?\d{3})+|\d+)(?:\.\d+)?(?![\d])")
# Cells that mean zero / nothing.
ZERO_MARKS = frozenset({"-", "—", "－", "–", "/", "／", "——", "--"})


def parse_number(text: str) -> tuple[Decimal, int] | None:
    """Parse a printed number; return (value, decimal places) or None when it is not a number."""
    s = fold(text).strip()
    if not s or not _CELL_NUMBER.match(s):
        return None
    return number_value(s)


def number_value(token: str) -> tuple[Decimal, int] | None:
    """Value and places of a number token that is already known to be numeric."""
    s = token.replace(",", "").replace("，", "").replace(" ", "").replace("−", "-")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    places = len(s.split(".", 1)[1]) if "." in s else 0
    return value, places


def is_zero_mark(text: str) -> bool:
    return text.strip() in ZERO_MARKS
