"""Command line: ``yusuan parse | schema | summary | check | rules | render | template``.

Exit codes (design.md): 0 success / no error-severity finding; 1 at least one error finding;
2 unreadable input or bad usage — always one line on stderr, never a traceback.
Heavy modules are imported inside the commands so that start-up stays fast.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from yusuan.errors import YusuanError

app = typer.Typer(
    name="yusuan",
    help="预算公开文件的读取、审核与生成 / Read, audit and generate department budget disclosures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class DataFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class SummaryFormat(StrEnum):
    json = "json"
    text = "text"


ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", help="模板 / template profile (wuhan, shanghai); detected when omitted."),
]


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    raise typer.Exit(code)


def _load(path: Path, profile: str | None):
    from yusuan.api import load
    from yusuan.templates import all_templates

    if profile is not None and profile not in all_templates():
        _fail(f"未知模板 / unknown profile: {profile} (known: {', '.join(all_templates())})")
    try:
        budget = load(path, profile=profile)
    except YusuanError as exc:
        _fail(str(exc), exc.exit_code)
    if budget.problems:
        sys.stderr.write(f"{path}: 读取时有 {len(budget.problems)} 处问题 / {len(budget.problems)} reading problem(s); "
                         f"see \"problems\" in `yusuan parse` output\n")
    return budget


def _dump(data: Any, fmt: DataFormat) -> None:
    if fmt is DataFormat.yaml:
        import yaml

        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def parse(
    path: Annotated[Path, typer.Argument(help="公开文件 / disclosure file (md, txt, pdf, docx, xlsx, html)")],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = DataFormat.json,
    profile: ProfileOption = None,
) -> None:
    """输出完整的预算数据模型 / Print the whole budget model."""
    from yusuan.model import io as model_io

    budget = _load(path, profile)
    _dump(model_io.dump(budget), format)


@app.command()
def schema() -> None:
    """输出预算模型的 JSON Schema / Print the JSON Schema of the budget model."""
    from yusuan.model import io as model_io

    sys.stdout.write(json.dumps(model_io.budget_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def summary(
    path: Annotated[Path, typer.Argument(help="公开文件 / disclosure file")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = SummaryFormat.text,
    profile: ProfileOption = None,
) -> None:
    """输出关键数字（单位：元）/ Print the key figures (in 元)."""
    from yusuan.summary import summarize

    data = summarize(_load(path, profile))
    if format is SummaryFormat.json:
        _dump(data, DataFormat.json)
        return
    from yusuan.report.summary_text import print_summary

    print_summary(data)


def _register() -> None:
    from yusuan.catalog.cli import register as register_catalog
    from yusuan.rules.cli import register as register_checker

    register_checker(app)
    register_catalog(app)


_register()


from yusuan.render.cli import register as _register_render  # noqa: E402  (registered after the app exists)

_register_render(app)


def main() -> None:
    try:
        app()
    except YusuanError as exc:  # raised outside a command's own handling
        sys.stderr.write(str(exc) + "\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: still one line, the traceback only on request
        import os

        if os.environ.get("YUSUAN_DEBUG"):
            raise
        sys.stderr.write(f"内部错误 / internal error: {type(exc).__name__}: {exc} (YUSUAN_DEBUG=1 shows the traceback)\n")
        sys.exit(2)
