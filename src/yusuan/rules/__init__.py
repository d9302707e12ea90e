"""The checker: rules over the budget model that find every inconsistency and nothing that is right.

Public API::

    from yusuan.rules import check
    findings = check(budget)            # list[Finding]
"""

from __future__ import annotations

from collections.abc import Iterable

from yusuan.model.budget import Budget
from yusuan.rules.engine import CheckResult, Suppression, check_budget, load_suppressions
from yusuan.rules.finding import Finding, Severity
from yusuan.rules.registry import Rule, registry, select


def check(budget: Budget, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Finding]:
    """All findings of the selected rules on one budget."""
    return check_budget(budget, select, ignore).findings


__all__ = ["CheckResult", "Finding", "Rule", "Severity", "Suppression", "check", "check_budget",
           "load_suppressions", "registry", "select"]
