"""Running rules over a budget: selection, crash isolation and suppressions."""

from __future__ import annotations

import fnmatch
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from yusuan.errors import UsageError
from yusuan.model.budget import BalanceTable, Budget, Table
from yusuan.rules.context import CheckContext
from yusuan.rules.finding import Finding, Severity
from yusuan.rules.registry import Rule, select


@dataclass(frozen=True)
class Suppression:
    """A finding the user has examined and accepts: which rule, where, and why (required)."""

    rule: str  # id, name or glob
    reason: str
    table: str | None = None
    line: int | None = None
    text: str | None = None  # substring of the finding's message
    path: str | None = None  # glob on the document path

    def covers(self, finding: Finding, path: str) -> bool:
        if not (fnmatch.fnmatchcase(finding.rule, self.rule) or fnmatch.fnmatchcase(finding.name, self.rule)):
            return False
        if self.path and not fnmatch.fnmatchcase(path, self.path):
            return False
        if self.table and not any(loc.table == self.table for loc in finding.locations):
            return False
        if self.line is not None and not any(loc.line == self.line for loc in finding.locations):
            return False
        return not (self.text and self.text not in finding.message)


def load_suppressions(path: str | Path) -> list[Suppression]:
    """Read a YAML suppression file: a list of entries, each with ``rule`` and a ``reason``."""
    import yaml

    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: 抑制文件不存在 / suppression file not found") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{p}: 抑制文件不是有效的 YAML / not valid YAML ({exc.__class__.__name__})") from None
    entries = data.get("suppressions", data) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise UsageError(f"{p}: 抑制文件应为条目列表 / expected a list of entries")
    out = []
    for i, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or not e.get("rule"):
            raise UsageError(f"{p}: 第{i}条缺少 rule / entry {i} has no rule")
        if not str(e.get("reason") or "").strip():
            raise UsageError(f"{p}: 第{i}条缺少 reason（每条抑制都必须说明理由）/ entry {i} gives no reason")
        out.append(Suppression(rule=str(e["rule"]), reason=str(e["reason"]), table=e.get("table"),
                               line=e.get("line"), text=e.get("text"), path=e.get("path")))
    return out


def run_rule(rule: Rule, ctx: CheckContext) -> list[Finding]:
    """Run one rule; a crash becomes a finding about the rule itself and the run goes on."""
    try:
        hits = list(rule.fn(ctx))
    except Exception as exc:  # a bug in a rule must not stop the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [Finding(
            rule=rule.id, name=rule.name, severity=Severity.WARNING,
            message=f"规则 {rule.id} 运行出错，未能完成这项检查 / rule crashed: {type(exc).__name__}: {exc} "
                    f"({Path(where.filename).name}:{where.lineno})",
        )]
    return [
        Finding(rule=rule.id, name=rule.name, severity=h.severity or rule.severity, message=h.message,
                locations=h.locations, expected=h.expected, actual=h.actual, difference=h.difference,
                tolerance=h.tolerance)
        for h in hits
    ]


@dataclass
class CheckResult:
    findings: list[Finding]
    suppressed: list[tuple[Finding, Suppression]]
    rules_run: int
    # Findings not raised because a table they rest on was not read surely enough, by table label.
    unchecked: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)


def _doubtful_tables(budget: Budget) -> dict[str, Table | BalanceTable]:
    """Tables (by the label their figures carry) that are not fully certain."""
    out: dict[str, Table | BalanceTable] = {}
    for t in budget.tables.values():
        if not t.recognition.certain and t.source.table:
            out[t.source.table] = t
    return out


def _blocked_by(finding: Finding, rule: Rule, doubtful: dict[str, Table | BalanceTable]) -> str | None:
    """The label of a table this finding rests on that is not read surely enough for the rule."""
    for loc in finding.locations:
        t = doubtful.get(loc.table or "")
        if t is not None and not t.recognition.sure_for(rule.needs):
            return loc.table
    return None


def _with_held_checks(f: Finding, unchecked: dict[str, list[Finding]]) -> Finding:
    """A 未核对 note with the checks its table held back."""
    label = next((loc.table for loc in f.locations if loc.table), None)
    held = unchecked.get(label or "", [])
    if not held:
        return f
    rules = "、".join(sorted({h.rule for h in held}))
    return replace(f, message=f"{f.message}；因此有 {len(held)} 项检查未核对（{rules}）")


NOT_CHECKED = "S023"


def check_budget(budget: Budget, select_patterns: Iterable[str] = (), ignore: Iterable[str] = (),
                 suppressions: Iterable[Suppression] = ()) -> CheckResult:
    ctx = CheckContext(budget)
    rules = list(select(select_patterns, ignore))
    doubtful = _doubtful_tables(budget)
    findings: list[Finding] = []
    unchecked: dict[str, list[Finding]] = {}
    for r in rules:
        for f in run_rule(r, ctx):
            blocked = _blocked_by(f, r, doubtful) if f.severity is not Severity.INFO or r.needs else None
            if blocked is not None:
                unchecked.setdefault(blocked, []).append(f)
            else:
                findings.append(f)
    findings = [_with_held_checks(f, unchecked) if f.rule == NOT_CHECKED else f for f in findings]
    sup = list(suppressions)
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Suppression]] = []
    for f in findings:
        s = next((s for s in sup if s.covers(f, budget.meta.source_file)), None)
        if s is None:
            kept.append(f)
        else:
            suppressed.append((f, s))
    kept.sort(key=lambda f: (f.severity.rank, f.rule, f.locations[0].line or 0 if f.locations else 0))
    return CheckResult(findings=kept, suppressed=suppressed, rules_run=len(rules), unchecked=unchecked)
