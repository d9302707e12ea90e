"""``yusuan rules`` and ``yusuan rules explain``: the rule catalogue."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from yusuan.cli.common import check_patterns, fail


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def rules(
    ctx: typer.Context,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = RulesFormat.text,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="RULE",
                                                     help="筛选 （编号、名称或标签， 可用通配符） / filter by id, name or "
                                                          "tag (globs allowed)")] = None,
) -> None:
    """列出规则目录 / List the rule catalogue."""
    if ctx.invoked_subcommand is not None:
        return
    from yusuan.rules.docs import catalogue_markdown
    from yusuan.rules.registry import select as pick

    check_patterns("--select", select or ())
    chosen = list(pick(select or ()))
    if format is RulesFormat.markdown:
        sys.stdout.write(catalogue_markdown())
    elif format is RulesFormat.json:
        data = [{"id": r.id, "name": r.name, "title": r.title, "severity": r.severity.value, "tags": list(r.tags),
                 "explain_zh": r.explain_zh, "explain_en": r.explain_en} for r in chosen]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(title=f"规则目录（{len(chosen)} 条）")
        for col in ("编号", "名称", "标题", "严重程度", "标签"):
            t.add_column(col)
        for r in chosen:
            t.add_row(r.id, r.name, r.title, r.severity.value, ", ".join(r.tags))
        Console().print(t)


def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE", help="规则编号或名称 / rule id or name")]) -> None:
    """说明一条规则 / Explain one rule, with its examples."""
    from yusuan.rules.docs import rule_markdown
    from yusuan.rules.registry import registry

    known = registry()
    r = known.get(rule_id.upper()) or next((x for x in known.values() if x.name == rule_id), None)
    if r is None:
        fail(f"没有这条规则 / no such rule: {rule_id}")
    sys.stdout.write("\n".join(rule_markdown(r)) + "\n")


def register(app: typer.Typer) -> None:
    rules_app = typer.Typer(help="规则目录 / the rule catalogue", invoke_without_command=True, no_args_is_help=False)
    rules_app.callback(invoke_without_command=True)(rules)
    rules_app.command("explain")(explain)
    app.add_typer(rules_app, name="rules")
