"""Terminal report of `yusuan check`: findings grouped by family, each with its source line quoted."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.markup import escape

from yusuan.model.budget import Budget
from yusuan.report.quote import excerpt
from yusuan.rules.finding import Finding, Severity
from yusuan.rules.registry import FAMILIES

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def print_report(path: str, budget: Budget, findings: list[Finding], console: Console,
                 suppressed: int = 0, quote: bool = True) -> None:
    out: list[str] = []  # printed at once: rich's per-call overhead dominates a report of many lines
    meta = budget.meta
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    out.append(f"[bold]{escape(path)}[/bold]  {escape(meta.department or '（未识别部门）')} "
                  f"{meta.year or ''}年 模板：{meta.profile}")
    summary = "，".join(f"{_LABEL[s]} {counts[s]}" for s in Severity)
    if suppressed:
        summary += f"，已抑制 {suppressed}"
    out.append(f"  {summary}")
    by_family: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_family[f.rule[0]].append(f)
    for family in FAMILIES:
        group = by_family.get(family)
        if not group:
            continue
        zh, en = FAMILIES[family]
        out.append(f"\n  [bold]{family} {zh}[/bold] [dim]({en})[/dim]")
        for f in group:
            style = _STYLE[f.severity]
            out.append(f"  [{style}]{_LABEL[f.severity]}[/{style}] [bold]{f.rule}[/bold] {escape(f.message)}")
            if quote:
                for loc in f.locations[:2]:
                    ex = excerpt(loc, context=0)
                    if ex is None:
                        continue
                    text = " ".join(ex.lines[ex.focus].replace("\t", " │ ").split())
                    if len(text) > 110:
                        text = text[:107] + "…"
                    out.append(f"      [dim]{ex.label}[/dim] {escape(text)}")
    out.append("")
    console.print("\n".join(out))
