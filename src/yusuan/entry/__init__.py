"""Authored input: canonical YAML/JSON and the Excel entry workbook, next to readable disclosures.

:func:`load_source` returns the budget and whether it was *authored* (entered data: derivation
completes it) or *parsed* from a published disclosure (its figures stay as printed).
"""

from __future__ import annotations

from pathlib import Path

from yusuan.model.budget import Budget

AUTHORED_SUFFIXES = {".yaml", ".yml", ".json"}


def load_source(path: str | Path, profile: str | None = None) -> tuple[Budget, bool]:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in AUTHORED_SUFFIXES:
        from yusuan.entry.canonical import load_canonical

        return load_canonical(p), True
    if suffix == ".xlsx" and p.is_file():
        from yusuan.entry.workbook import is_entry_workbook, read_workbook

        if is_entry_workbook(p):
            return read_workbook(p), True
    from yusuan.api import load

    return load(p, profile=profile), False
