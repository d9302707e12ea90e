"""Classification catalogue: codes, names and explanations of 支出功能分类 and 支出经济分类, by edition.

The bundled data is the starter catalogue of ``shared/catalog`` (partial; every row says where it
came from). Each source is dated (``data/sources.csv``: ``years``), which gives the editions a name
is attested in. A finance office can import the official 《政府收支分类科目》 of a year as a CSV
(``yusuan catalog import``); imported rows take precedence for their year. Nothing here is invented:
a code the catalogue does not know is reported as unknown, never guessed.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")
USER_DIR_ENV = "YUSUAN_CATALOG_DIR"


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str | None
    classification: str  # function | economic
    description: str | None
    sources: tuple[str, ...]
    years: frozenset[int] = field(default_factory=frozenset)  # editions the name is attested in


@dataclass
class Catalog:
    entries: dict[str, list[CatalogEntry]] = field(default_factory=dict)
    source_years: dict[str, frozenset[int]] = field(default_factory=dict)

    def add(self, entry: CatalogEntry) -> None:
        self.entries.setdefault(entry.code, []).append(entry)

    def knows(self, code: str) -> bool:
        return code in self.entries

    def names(self, code: str) -> set[str]:
        return {e.name for e in self.entries.get(code, [])}

    def entry(self, code: str, year: int | None = None) -> CatalogEntry | None:
        """The entry for a code in the edition of ``year``: the one attested nearest to it."""
        found = self.entries.get(code)
        if not found:
            return None
        if year is None:
            return found[0]

        def rank(e: CatalogEntry) -> tuple[int, int]:
            # Nearest edition first; at equal distance an imported official edition wins.
            user = any(s.startswith("user:") for s in e.sources)
            return (min((abs(y - year) for y in e.years), default=100), 0 if user else 1)

        return min(found, key=rank)

    def name(self, code: str, year: int | None = None) -> str | None:
        e = self.entry(code, year)
        return e.name if e else None

    def attested_in(self, code: str, year: int) -> bool:
        return any(year in e.years for e in self.entries.get(code, []))


def _years(sources: str, source_years: dict[str, frozenset[int]]) -> tuple[tuple[str, ...], frozenset[int]]:
    ids = tuple(s.strip() for s in sources.split("|") if s.strip())
    years: set[int] = set()
    for s in ids:
        years |= source_years.get(s, frozenset())
    return ids, frozenset(years)


def _read_sources(path: Path) -> dict[str, frozenset[int]]:
    out: dict[str, frozenset[int]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["source_id"]] = frozenset(int(y) for y in (row.get("years") or "").split() if y.isdigit())
    return out


def _read_entries(path: Path, classification: str, catalog: Catalog) -> None:
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sources, years = _years(row.get("edition_source", ""), catalog.source_years)
            if row.get("year"):
                years = frozenset({int(row["year"])})
            catalog.add(CatalogEntry(
                code=row["code"].strip(),
                name=row["name"].strip(),
                level=row.get("level", "").strip(),
                parent=(row.get("parent") or "").strip() or None,
                classification=classification,
                description=(row.get("description") or "").strip() or None,
                sources=sources,
                years=years,
            ))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The bundled catalogue plus any user-imported editions (CSV files in $YUSUAN_CATALOG_DIR)."""
    catalog = Catalog()
    catalog.source_years = _read_sources(_DATA / "sources.csv")
    _read_entries(_DATA / "function_classification.csv", "function", catalog)
    _read_entries(_DATA / "economic_classification.csv", "economic", catalog)
    user = Path(os.environ.get(USER_DIR_ENV) or Path.home() / ".local" / "share" / "yusuan" / "catalog")
    if user.is_dir():
        for p in sorted(user.glob("*.csv")):
            classification = "economic" if p.stem.startswith("economic") else "function"
            _read_entries(p, classification, catalog)
    return catalog
