"""The ``yusuan`` command: :func:`main`, and the one place errors become exit codes.

The typer app is :data:`yusuan.cli.app` (built in ``cli/root.py`` on first use). ``yusuan --version``
is answered before typer is imported: it needs nothing else, and it is what scripts call to see
whether the tool is installed (bench/startup.py measures it against a bare ``python -c pass``).

Exit codes (design.md): 0 success / no error-severity finding; 1 at least one error finding;
2 unreadable input or bad usage — always one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    app: typer.Typer

_VERSION_ONLY = (["--version"], ["-V"])


def __getattr__(name: str) -> Any:
    if name == "app":
        from yusuan.cli.root import app

        return app
    raise AttributeError(f"module 'yusuan.cli' has no attribute {name!r}")


def main() -> None:
    if sys.argv[1:] in _VERSION_ONLY:
        from yusuan import __version__

        sys.stdout.write(f"yusuan {__version__}\n")
        return
    from typer.main import get_command

    from yusuan.cli.polish import polish
    from yusuan.cli.root import app
    from yusuan.errors import YusuanError

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
