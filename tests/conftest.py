"""Shared fixtures: the real corpus in ../shared/corpus (CI has it beside the clone)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never see a user's imported catalogue editions.
os.environ["YUSUAN_CATALOG_DIR"] = tempfile.mkdtemp(prefix="yusuan-catalog-")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
QIAOKOU = CORPUS / "wuhan-qiaokou-jxj-2026-budget.md"
HANYANG = CORPUS / "wuhan-hanyang-jxj-2026-budget.txt"


@pytest.fixture(scope="session")
def qiaokou():
    from yusuan import load

    return load(QIAOKOU)


@pytest.fixture(scope="session")
def hanyang():
    from yusuan import load

    return load(HANYANG)
