"""Department, year and kind of every corpus document, against the values written by hand."""

from __future__ import annotations

import pytest

from corpus import compare

NAMES = compare.names()


@pytest.mark.parametrize("name", NAMES)
def test_department_year_kind(name: str) -> None:
    from yusuan.api import load

    expected = compare.expected(name)
    meta = load(compare.document_path(name)).meta
    assert (meta.department, meta.year, meta.kind) == (expected["department"], expected["year"], expected["kind"])
