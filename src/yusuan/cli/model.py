"""``yusuan summary``, ``yusuan parse`` and ``yusuan schema``: the model and its key figures.

One file prints what design.md fixes (the summary object, the model); several files (or a folder)
print ``{"documents": [...]}`` as ``yusuan check`` does: for ``summary`` each entry is the path and
the summary's keys, for ``parse`` the path and the ``model`` (which ``yusuan schema`` describes).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from yusuan.cli.common import Documents, PathsArgument, ProfileOption


class DataFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class SummaryFormat(StrEnum):
    json = "json"
    text = "text"


def _dump(data: Any, fmt: DataFormat) -> None:
    if fmt is DataFormat.yaml:
        import yaml

        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _single(paths: list[Path]) -> bool:
    """One file named: the single-document output shape of design.md."""
    return len(paths) == 1 and not paths[0].is_dir()


def parse(
    paths: PathsArgument,
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = DataFormat.json,
    profile: ProfileOption = None,
) -> None:
    """输出完整的预算数据模型 / Print the whole budget model."""
    from yusuan.model import io as model_io

    docs = Documents(paths, profile, warn_problems=True)
    entries = [{"path": str(p), "model": model_io.dump(b)} for p, b in docs]
    if docs.failed and not entries:
        raise typer.Exit(2)
    _dump(entries[0]["model"] if _single(paths) else {"documents": entries}, format)
    if docs.failed:
        raise typer.Exit(2)


def schema() -> None:
    """输出预算模型的 JSON Schema / Print the JSON Schema of the budget model."""
    from yusuan.model import io as model_io

    sys.stdout.write(json.dumps(model_io.budget_schema(), ensure_ascii=False, indent=2) + "\n")


def summary(
    paths: PathsArgument,
    format: Annotated[SummaryFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = SummaryFormat.text,
    profile: ProfileOption = None,
) -> None:
    """输出关键数字（单位：元）/ Print the key figures (in 元)."""
    from yusuan.summary import summarize

    docs = Documents(paths, profile, warn_problems=True)
    entries = [(p, summarize(b)) for p, b in docs]
    if docs.failed and not entries:
        raise typer.Exit(2)
    if format is SummaryFormat.json:
        if _single(paths):
            _dump(entries[0][1], DataFormat.json)
        else:
            _dump({"documents": [{"path": str(p), **data} for p, data in entries]}, DataFormat.json)
    else:
        from rich.console import Console

        from yusuan.report.summary_text import print_summary

        console = Console()
        for i, (p, data) in enumerate(entries):
            if not _single(paths):
                console.print(("\n" if i else "") + f"[bold]{p}[/bold]", highlight=False)
            print_summary(data, console)
    if docs.failed:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
    app.command("schema")(schema)
    app.command("summary")(summary)

