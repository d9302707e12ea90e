"""``yusuan check``: read each disclosure, run the checker, print or write the report."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from yusuan.cli.common import (
    Documents,
    PathsArgument,
    ProfileOption,
    check_output,
    check_patterns,
    fail,
    write_output,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


_SELECT_HELP = ("只运行这些规则 （编号、名称或标签， 可用通配符，可重复； 每项须与规则匹配） / run only these rules "
                "(id, name or tag, globs allowed, repeatable; each must match a rule)")
_IGNORE_HELP = ("不运行这些规则 （编号、名称或标签， 可用通配符，可重复； 每项须与规则匹配） / skip these rules "
                "(id, name or tag, globs allowed, repeatable; each must match a rule)")


def check(
    paths: PathsArgument,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="报告格式 / report format")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="把报告写入文件 / write the report to a file")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="RULE",
                                                     help=_SELECT_HELP)] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="RULE",
                                                     help=_IGNORE_HELP)] = None,
    suppress: Annotated[Path | None, typer.Option("--suppress", metavar="FILE",
                                                  help="抑制文件 （YAML， 每条须写明理由） / suppression file (YAML, a reason per entry)")] = None,
    profile: ProfileOption = None,
    quote: Annotated[bool, typer.Option("--quote/--no-quote", help="文本报告中引用原文 / quote the source in the text report")] = True,
) -> None:
    """审核公开文件，报告每一处不一致 / Check disclosures and report every inconsistency.

    文件夹中的公开文件逐个审核（递归）， 无法读取的文件报告后跳过。 / A folder's disclosures are checked one by one (recursively); files that cannot be read are reported and skipped.

    退出码 / exit: 0 无错误 no error finding; 1 至少一个错误 at least one error; 2 无法读取或用法错误 unreadable or bad usage.
    """
    from yusuan.errors import YusuanError
    from yusuan.rules.engine import check_budget, load_suppressions

    check_output(output)
    check_patterns("--select", select or ())
    check_patterns("--ignore", ignore or ())
    try:
        suppressions = load_suppressions(suppress) if suppress else []
    except YusuanError as exc:
        fail(str(exc))
    docs = Documents(paths, profile)
    results = [(str(p), budget, check_budget(budget, select or (), ignore or (), suppressions)) for p, budget in docs]
    _emit(results, format, output, quote)
    if docs.failed:
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
        write_output(output, text)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
