"""Quoting the source of a finding: the line (or page row) it points at, with its neighbours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yusuan.layout import TableBlock, TextBlock
from yusuan.model.figures import SourceRef


@dataclass(frozen=True)
class Excerpt:
    start: int  # number of the first line shown
    lines: tuple[str, ...]
    focus: int  # index into lines of the line the finding points at
    label: str  # "第184行" / "第10页第3行"


@lru_cache(maxsize=16)
def _text_lines(path: str) -> tuple[str, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return tuple(data.decode(enc).splitlines())
        except UnicodeDecodeError:
            continue
    return tuple(data.decode("utf-8", errors="replace").splitlines())


@lru_cache(maxsize=8)
def _paged_lines(path: str) -> dict[int, dict[int, str]]:
    """page → line → text, rebuilt from the layout of a paged document."""
    from yusuan.readers import read_layout

    out: dict[int, dict[int, str]] = {}
    try:
        layout = read_layout(path)
    except Exception:  # the document was read once already; a failure here only loses the quote
        return out
    for b in layout.blocks:
        if isinstance(b, TextBlock) and b.page is not None and b.line is not None:
            out.setdefault(b.page, {})[b.line] = b.text
        elif isinstance(b, TableBlock):
            for r in b.rows:
                if r.page is not None and r.line is not None:
                    out.setdefault(r.page, {})[r.line] = " | ".join(r.texts())
    return out


def excerpt(ref: SourceRef, context: int = 1) -> Excerpt | None:
    if not ref.file or ref.line is None:
        return None
    if ref.page is None:
        lines = _text_lines(ref.file)
        if not lines or ref.line > len(lines):
            return None
        lo = max(1, ref.line - context)
        hi = min(len(lines), ref.line + context)
        return Excerpt(lo, tuple(lines[lo - 1:hi]), ref.line - lo, f"第{ref.line}行")
    page = _paged_lines(ref.file).get(ref.page, {})
    if ref.line not in page:
        return None
    numbers = [n for n in sorted(page) if abs(n - ref.line) <= context]
    return Excerpt(numbers[0], tuple(page[n] for n in numbers), numbers.index(ref.line),
                   f"第{ref.page}页第{ref.line}行")
