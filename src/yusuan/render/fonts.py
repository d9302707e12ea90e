"""Font choice for DOCX and PDF: the official faces when installed, else a pinned Noto CJK SC face.

Official documents set body text in 仿宋 (FangSong_GB2312), headings in 黑体 and tables in 宋体. No
Debian package provides a simplified-Chinese 仿宋 (libraries.md §4), so each role has a fallback
chain and the first face installed on this machine is written into the document. The last resort is
a Noto CJK *SC* face from ``fonts-noto-cjk``, named with its SC family name: LibreOffice otherwise
embeds the shared TTC under its JP face name and renders Japanese glyph variants.

``YUSUAN_FONT_BODY`` / ``_HEADING`` / ``_TABLE`` / ``_LATIN`` override the choice (e.g. a
finance office that publishes from Windows with 仿宋_GB2312 installed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

BODY_CHAIN = ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FandolFang", "Noto Serif CJK SC")
HEADING_CHAIN = ("黑体", "SimHei", "FandolHei", "Noto Sans CJK SC")
TABLE_CHAIN = ("宋体", "SimSun", "FandolSong", "Noto Serif CJK SC")
# Latin text and digits: Times New Roman where installed (Word users), else the CJK face's own Latin
# glyphs — LibreOffice would otherwise substitute DejaVu Serif, whose digits are 14 % wider.
LATIN_CHAIN = ("Times New Roman", "Liberation Serif", "Noto Serif CJK SC")


@dataclass(frozen=True)
class Fonts:
    body: str
    heading: str
    table: str
    latin: str = LATIN_CHAIN[0]


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Family names fontconfig knows (empty when fc-list is missing: then the last resort is used)."""
    fc = shutil.which("fc-list")
    if fc is None:
        return frozenset()
    try:
        out = subprocess.run([fc, ":", "family"], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names: set[str] = set()
    for line in out.splitlines():
        names.update(n.strip() for n in line.split(",") if n.strip())
    return frozenset(names)


def pick(chain: tuple[str, ...], override: str | None = None) -> str:
    if override:
        return override
    have = installed_families()
    return next((name for name in chain if name in have), chain[-1])


def choose() -> Fonts:
    return Fonts(
        body=pick(BODY_CHAIN, os.environ.get("YUSUAN_FONT_BODY")),
        heading=pick(HEADING_CHAIN, os.environ.get("YUSUAN_FONT_HEADING")),
        table=pick(TABLE_CHAIN, os.environ.get("YUSUAN_FONT_TABLE")),
        latin=pick(LATIN_CHAIN, os.environ.get("YUSUAN_FONT_LATIN")),
    )
