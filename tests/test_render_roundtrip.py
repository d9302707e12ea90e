"""Read → render → read back: every format gives back the same key figures (``yusuan summary``).

For the two Wuhan documents the reference is the summary of the document itself; for the authored
example it is the summary of the derived budget. Markdown is read by the text reader, the other
formats by their readers (``yusuan.readers.html/docx/xlsx/pdf``). PDF needs LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_render_support import (
    read_back_of,
    reference_summary,
    rendered,
    soffice_available,
    summary_of,
    write_format,
)
from yusuan import load

NAMES = ["qiaokou", "hanyang", "example"]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rendered")


@pytest.mark.parametrize("name", NAMES)
def test_markdown_round_trip_gives_the_same_summary(name: str) -> None:
    assert summary_of(read_back_of(name)) == reference_summary(name)
    assert read_back_of(name).problems == []


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
@pytest.mark.parametrize("name", NAMES)
def test_format_round_trip_gives_the_same_summary(name: str, fmt: str, out_dir: Path) -> None:
    path = write_format(name, fmt, out_dir)
    back = load(path)
    assert summary_of(back) == reference_summary(name)
    assert [p.code for p in back.problems] == []


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_pdf_round_trip_gives_the_same_summary(name: str, out_dir: Path) -> None:
    path = write_format(name, "pdf", out_dir)
    back = load(path)
    assert summary_of(back) == reference_summary(name)
    # The only text the PDF reader cannot place is the cover title (it stands before 目录).
    assert {p.code for p in back.problems} <= {"text.unplaced"}


@pytest.mark.parametrize("name", ["qiaokou", "hanyang"])
def test_forms_read_back_unchanged(name: str) -> None:
    """Project sheets and the overall performance table keep their fields, lines and indicators."""
    src, back = rendered(name).source, read_back_of(name)
    assert len(back.projects) == len(src.projects)

    def sheet(s):  # the parts of a sheet a reader of the document sees
        return (s.name, s.code, s.current_budget and s.current_budget.value, s.total_budget and s.total_budget.value,
                s.department, s.start_year, s.end_year,
                [(f.key, f.amount and f.amount.value) for f in s.funding],
                [(d.task, d.estimate and d.estimate.value, d.basis) for d in s.details],
                [(g.label, g.text) for g in [*s.long_term_goals, *s.annual_goals]],
                [(i.goal, i.level1, i.level2, i.name, i.value and i.value.text, i.basis)
                 for i in [*s.long_term_indicators, *s.annual_indicators]])

    for a, b in zip(src.projects, back.projects, strict=True):
        assert sheet(b) == sheet(a)
    op_a, op_b = src.overall_performance, back.overall_performance
    assert op_a is not None and op_b is not None

    def overall(o):
        return ([(ln.label, ln.amount and ln.amount.value, ln.share and ln.share.value)
                 for ln in [*o.income_structure, *o.expenditure_structure]],
                [(g.label, g.text) for g in [*o.long_term_goals, *o.annual_goals]],
                [(i.goal, i.name, i.value and i.value.text) for i in [*o.long_term_indicators, *o.annual_indicators]],
                [(p.name, p.total and p.total.value) for p in o.projects])

    assert overall(op_b) == overall(op_a)


def test_rendered_parsed_document_keeps_its_tables_verbatim() -> None:
    """A parsed document's figures are not recomputed: Hanyang keeps its missing 表1."""
    r = rendered("hanyang")
    assert "收支总表" not in reference_summary("hanyang")["tables_present"]
    assert r.derived.tables.keys() == r.source.tables.keys()
