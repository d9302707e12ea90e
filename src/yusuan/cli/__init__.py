"""The ``yusuan`` command: the app, its options, and the one place errors become exit codes.

One module per command group (``check``; ``render`` and ``template``; ``rules``; ``summary``,
``parse`` and ``schema`` in ``model``; ``templates``); ``catalog`` lives with the catalogue.
Each imports what it uses inside its commands, so ``yusuan --version`` and ``yusuan -h`` load typer
and these small modules only (bench/startup.py measures it).

Exit codes (design.md): 0 success / no error-severity finding; 1 at least one error finding;
2 unreadable input or bad usage — always one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from yusuan import __version__
from yusuan.cli import check, model, render, rules, templates
from yusuan.errors import YusuanError

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


def main() -> None:
    from typer.main import get_command

    from yusuan.cli.polish import polish

    try:
        polish(get_command(app)).main(prog_name="yusuan")
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
