"""Shared helpers of the render tests, and the writer ⇄ reader agreement of the narrative.

The narrative writer logs every figure it states as (kind, quantity key, value). Reading the
generated text back with the recognizer must find each of them, with the same quantity, in order:
otherwise a published document would say something the checker reads as something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from yusuan.model.authoring import Authoring
from yusuan.model.budget import Budget

from conftest import HANYANG, QIAOKOU, ROOT

EXAMPLE = ROOT / "examples" / "entry-example.yaml"
SOURCES = {"qiaokou": QIAOKOU, "hanyang": HANYANG, "example": EXAMPLE}


@dataclass
class Rendered:
    source: Budget  # as loaded (parsed or authored)
    authored: bool
    derived: Budget  # what was rendered
    markdown: str
    stated: list[tuple[str, str | None, Decimal]]
    notices: list[str]


@lru_cache(maxsize=8)
def rendered(name: str) -> Rendered:
    """Load a source, derive, write the Markdown once per test session."""
    from yusuan.derive import derive
    from yusuan.entry import load_source
    from yusuan.render.compose import compose
    from yusuan.render.markdown import to_markdown
    from yusuan.render.wording import Words

    budget, authored = load_source(SOURCES[name])
    derived, notices = derive(budget, authored=authored)
    words = Words(derived, derived.authoring or Authoring())
    doc = compose(derived, words, parsed=not authored, notices=notices)
    return Rendered(budget, authored, derived, to_markdown(doc), list(words.stated), list(notices))


@lru_cache(maxsize=8)
def read_back_of(name: str) -> Budget:
    from yusuan.render import read_back

    return read_back(rendered(name).markdown, f"{name}.md")


def summary_of(budget: Budget) -> dict:
    from yusuan.summary import summarize

    return summarize(budget)


def reference_summary(name: str) -> dict:
    """What the rendered document must read back to: the source's own figures (parsed) or the derived
    budget (authored)."""
    r = rendered(name)
    return summary_of(r.derived if r.authored else r.source)


def missing_statements(stated: list[tuple[str, str | None, Decimal]], budget: Budget) -> list[tuple]:
    """Stated figures not found, in order, among the claims read back."""
    got = [(c.kind.value, c.quantity, c.value.value) for c in budget.narrative.claims()]
    missing, i = [], 0
    for st in stated:
        j = next((j for j in range(i, len(got)) if got[j] == st), None)
        if j is None:
            missing.append(st)
        else:
            i = j + 1
    return missing


def soffice_available() -> bool:
    from yusuan.render.pdf import soffice

    return soffice() is not None


def write_format(name: str, fmt: str, directory: Path) -> Path:
    from yusuan.render import Prepared, write

    r = rendered(name)
    from yusuan.render.compose import compose
    from yusuan.render.wording import Words

    doc = compose(r.derived, Words(r.derived, r.derived.authoring or Authoring()), parsed=not r.authored, notices=[])
    out = directory / f"{name}.{fmt}"
    write(Prepared(r.derived, doc, r.markdown), fmt, out)
    return out


# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["qiaokou", "hanyang", "example"])
def test_every_stated_figure_reads_back_as_the_same_quantity(name: str) -> None:
    r = rendered(name)
    assert len(r.stated) > 40  # the writer did state the narrative's figures
    assert missing_statements(r.stated, read_back_of(name)) == []


@pytest.mark.parametrize("name", ["qiaokou", "hanyang", "example"])
def test_no_claim_reads_back_as_a_quantity_the_writer_did_not_state(name: str) -> None:
    """Quantities found in the text are those the writer stated (user text excepted: Hanyang's
    委托业务费 section is the document's own text, kept verbatim)."""
    stated = {(k, q) for k, q, _ in rendered(name).stated}
    extra = {(c.kind.value, c.quantity) for c in read_back_of(name).narrative.claims()
             if c.quantity and (c.kind.value, c.quantity) not in stated}
    allowed = {("amount", "entrusted_fees")} if name == "hanyang" else set()
    assert extra <= allowed


def test_statement_check_can_fail() -> None:
    """The agreement check itself catches a figure the text does not state."""
    r = rendered("example")
    wrong = [("amount", "income.total", Decimal("1.23"))]
    assert missing_statements(wrong, read_back_of("example")) == wrong
    assert missing_statements(r.stated[:3], read_back_of("example")) == []
