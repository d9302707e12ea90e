"""`yusuan check` and `yusuan rules`: the checker's commands (registered on the main app)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def register(app: typer.Typer) -> None:
    app.command(name="check")(check_command)
    rules_app = typer.Typer(help="规则目录 / the rule catalogue", invoke_without_command=True, no_args_is_help=False)
    rules_app.callback(invoke_without_command=True)(rules_command)
    rules_app.command(name="explain")(explain_command)
    app.add_typer(rules_app, name="rules")


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="一个或多个公开文件 / one or more disclosure files")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="报告格式 / report format")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write the report to a file")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（编号、名称、标签，可用通配符）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则（编号、名称、标签，可用通配符）")] = None,
    suppress: Annotated[Path | None, typer.Option("--suppress", help="抑制文件（YAML，每条须写明理由）")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="模板 / profile (wuhan, shanghai)")] = None,
    quote: Annotated[bool, typer.Option("--quote/--no-quote", help="文本报告中引用原文")] = True,
) -> None:
    """审核公开文件，报告每一处不一致 / Check disclosures and report every inconsistency.

    退出码 / exit: 0 无错误 no error finding; 1 至少一个错误 at least one error; 2 无法读取或用法错误 unreadable or bad usage.
    """
    from yusuan.api import load
    from yusuan.errors import YusuanError
    from yusuan.rules.engine import check_budget, load_suppressions
    from yusuan.templates import all_templates

    if profile is not None and profile not in all_templates():
        _fail(f"未知模板 / unknown profile: {profile}")
    try:
        suppressions = load_suppressions(suppress) if suppress else []
    except YusuanError as exc:
        _fail(str(exc))
    results: list[tuple[str, Any, Any]] = []
    unreadable = False
    for p in paths:
        try:
            budget = load(p, profile=profile)
        except YusuanError as exc:
            sys.stderr.write(str(exc).rstrip() + "\n")
            unreadable = True
            continue
        result = check_budget(budget, select or (), ignore or (), suppressions)
        results.append((str(p), budget, result))
    _emit(results, format, output, quote)
    if unreadable:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(r.errors for _, _, r in results) else 0)


def _emit(results: list[tuple[str, Any, Any]], format: CheckFormat, output: Path | None, quote: bool) -> None:
    if format is CheckFormat.json:
        from yusuan.report.json_report import document_entry, report

        text = json.dumps(report([document_entry(p, b, r.findings) for p, b, r in results]), ensure_ascii=False,
                          indent=2) + "\n"
    elif format is CheckFormat.html:
        from yusuan.report.html_report import document, render

        text = render([document(p, b, r.findings, len(r.suppressed)) for p, b, r in results])
    else:
        from rich.console import Console

        from yusuan.report.text_report import print_report

        if output is None:
            console = Console(highlight=False)
            for p, b, r in results:
                print_report(p, b, r.findings, console, len(r.suppressed), quote)
            return
        console = Console(record=True, highlight=False, file=open("/dev/null", "w"), width=140)  # noqa: SIM115
        for p, b, r in results:
            print_report(p, b, r.findings, console, len(r.suppressed), quote)
        text = console.export_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _fail(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")
    raise typer.Exit(2)


def rules_command(
    ctx: typer.Context,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = RulesFormat.text,
    select: Annotated[list[str] | None, typer.Option("--select", help="筛选（编号、名称、标签，可用通配符）")] = None,
) -> None:
    """列出规则目录 / List the rule catalogue."""
    if ctx.invoked_subcommand is not None:
        return
    from yusuan.rules.docs import catalogue_markdown
    from yusuan.rules.registry import select as pick

    rules = list(pick(select or ()))
    if format is RulesFormat.markdown:
        sys.stdout.write(catalogue_markdown())
    elif format is RulesFormat.json:
        data = [{"id": r.id, "name": r.name, "title": r.title, "severity": r.severity.value, "tags": list(r.tags),
                 "explain_zh": r.explain_zh, "explain_en": r.explain_en} for r in rules]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(title=f"规则目录（{len(rules)} 条）")
        for col in ("编号", "名称", "标题", "严重程度", "标签"):
            t.add_column(col)
        for r in rules:
            t.add_row(r.id, r.name, r.title, r.severity.value, ", ".join(r.tags))
        Console().print(t)


def explain_command(rule_id: Annotated[str, typer.Argument(help="规则编号或名称 / rule id or name")]) -> None:
    """说明一条规则 / Explain one rule, with its examples."""
    from yusuan.rules.docs import rule_markdown
    from yusuan.rules.registry import registry

    rules = registry()
    r = rules.get(rule_id.upper()) or next((x for x in rules.values() if x.name == rule_id), None)
    if r is None:
        _fail(f"没有这条规则 / no such rule: {rule_id}")
        return
    sys.stdout.write("\n".join(rule_markdown(r)) + "\n")
