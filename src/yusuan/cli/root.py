"""The typer app: the root options and every command group registered on it.

One module per command group (``check``; ``render`` and ``template``; ``rules``; ``summary``,
``parse`` and ``schema`` in ``model``; ``templates``); ``catalog`` lives with the catalogue. Each
imports what it uses inside its commands, so ``yusuan -h`` loads typer and these small modules only.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from yusuan import __version__
from yusuan.cli import check, model, render, rules, templates

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="yusuan",
    help="预算公开文件的读取、审核与生成 / Read, audit and generate department budget disclosures.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"yusuan {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="显示版本并退出 / show the version and exit")] = False,
) -> None:
    pass


def _register() -> None:
    from yusuan.catalog.cli import register as register_catalog

    check.register(app)
    model.register(app)
    rules.register(app)
    render.register(app)
    templates.register(app)
    register_catalog(app)


_register()
