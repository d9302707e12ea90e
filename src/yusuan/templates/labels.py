"""How findings, problems and reports name a table: a template matter, shared by every layer above.

The recognizer names a duplicate or unreadable table, the checker names the tables of a finding and
the reports repeat those names; they all ask here, so that no layer above has to import another to
call a table 表3 or 财务收支预算总表.
"""

from __future__ import annotations

import re

from yusuan.model.budget import TableKind
from yusuan.templates.family import standard_name

_TITLE_PREFIX = re.compile(r"^(?:\d{4}\s*年度?)?\s*(?:预算单位|部门|单位)?")


def short_title(title: str) -> str:
    """A printed table title without its year, scope prefix and the 编制部门/单位 line after it:
    ``2025年部门财务收支预算总表 编制部门：… 单位：元`` → ``财务收支预算总表``."""
    first = title.strip().split()[0] if title.strip() else ""
    return _TITLE_PREFIX.sub("", first, count=1)


def table_label(kind: TableKind | None, number: str | None, title: str | None = None) -> str:
    """How findings name a table: 表3; else its printed title (templates that do not number their
    tables, e.g. Shanghai); else the standard name."""
    if number:
        return f"表{number}"
    if title and short_title(title):
        return short_title(title)
    return standard_name(kind) if kind else "表"
