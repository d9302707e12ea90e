"""Normalisation of Chinese text as it comes out of PDF conversions.

Displayed text is kept close to the original; matching uses :func:`key`, a separate normalised form
(libraries.md §9: NFKC damages text such as ①, so it is applied only to the characters that need it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
# Whitespace between two CJK characters is an artefact (line wrap inside a cell, justified text).
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_WS = re.compile(r"[ \t\u00a0\u3000]+")
_ALL_WS = re.compile(r"\s+")
# Characters that NFKC maps usefully: full-width ASCII, Kangxi radicals, CJK radical supplement.
_NFKC_RANGES = re.compile(r"[\uff01-\uff5e\u2e80-\u2fdf\u3000]")
_MARKUP = re.compile(r"\*\*|__|^#+\s*|^\s*[-*+]\s+(?=\S)")


def _nfkc_char(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


def fold(text: str) -> str:
    """Map full-width ASCII and Kangxi radicals to their plain forms (``２`` → ``2``, ``⽀`` → ``支``)."""
    return _NFKC_RANGES.sub(_nfkc_char, text)


def repair(text: str) -> str:
    """Display form: collapse whitespace and remove gaps inside Chinese words.

    ``其他科学技术管理事 务支出`` → ``其他科学技术管理事务支出``.
    """
    text = text.replace("\u3000", " ")
    text = _CJK_GAP.sub("", text)
    return _WS.sub(" ", text).strip()


_KEY_TRANS = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "，": ",",
        "：": ":",
        "；": ";",
        "、": ",",
        "—": "-",
        "－": "-",
        "−": "-",
    }
)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Matching key: folded, punctuation unified, all whitespace removed."""
    return _ALL_WS.sub("", fold(text).translate(_KEY_TRANS))


def strip_markup(line: str) -> str:
    """Remove Markdown emphasis and list markers from a text line of a conversion."""
    return _MARKUP.sub("", line).strip()


_QUOTES = re.compile(r"[\"“”'‘’]")


def name_key(text: str) -> str:
    """Key for comparing names: like :func:`key` and also without quotes and brackets."""
    k = key(text)
    k = _QUOTES.sub("", k)
    return k.replace("(", "").replace(")", "")
