"""`yusuan check --format json`: exactly the contract of design.md."""

from __future__ import annotations

from typing import Any

from yusuan.model.budget import Budget
from yusuan.rules.finding import Finding


def document_entry(path: str, budget: Budget, findings: list[Finding]) -> dict[str, Any]:
    return {
        "path": path,
        "profile": budget.meta.profile,
        "department": budget.meta.department or None,
        "year": budget.meta.year,
        "findings": [f.contract() for f in findings],
    }


def report(documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {"documents": documents}
