"""Benchmark: start-up of the ``yusuan`` command against a bare ``python -c pass`` of the same run.

Wall time, median of N runs, of ``python -c pass`` (the baseline), ``yusuan --version``, ``yusuan -h``,
``python -m yusuan --version`` and ``python -c "import yusuan.cli.root"`` (the whole command
tree); the runs of the baseline and of the commands are interleaved so that a change of load affects both alike. The package is
byte-compiled first and the commands run with bytecode caching on, as after a normal install (this
environment sets PYTHONDONTWRITEBYTECODE, which would make every start compile from source).
Target (issue 11): ``yusuan --version`` within 8× the baseline. ``--version`` alone is answered
before typer is imported (yusuan/cli/__init__.py); ``-h`` shows what loading the command tree costs.

Usage: python bench/startup.py [--repeat N] [--check]   (results recorded in bench/results/startup.txt;
--check exits 1 when ``yusuan --version`` is over the target)
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 8.0
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def yusuan_script() -> str:
    """The installed console script beside this interpreter (else the one on PATH)."""
    here = Path(sys.executable).with_name("yusuan")
    return str(here) if here.exists() else (shutil.which("yusuan") or "yusuan")


def commands() -> dict[str, list[str]]:
    script = yusuan_script()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "yusuan --version": [script, "--version"],
        "yusuan -h": [script, "-h"],
        "python -m yusuan --version": [sys.executable, "-m", "yusuan", "--version"],
        "import yusuan.cli.root": [sys.executable, "-c", "import yusuan.cli.root"],
    }


def _once(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=_ENV)
    return (time.perf_counter() - t) * 1000


def measure(repeat: int) -> dict[str, float]:
    """Median wall time in ms of each command, runs interleaved."""
    cmds = commands()
    for cmd in cmds.values():  # warm-up: caches, bytecode
        _once(cmd)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            times[name].append(_once(cmd))
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--check", action="store_true", help="exit 1 when yusuan --version is over the target")
    args = ap.parse_args()
    import yusuan

    compileall.compile_dir(str(Path(yusuan.__file__).parent), quiet=1)
    medians = measure(args.repeat)
    base = medians["python -c pass"]
    print(f"median of {args.repeat} interleaved runs; ratio to python -c pass of the same run (target ≤ {TARGET:g}× "
          "for yusuan --version)")
    print(f"{'command':30} {'ms':>8} {'ratio':>6}")
    for name, ms in medians.items():
        print(f"{name:30} {ms:8.1f} {ms / base:6.1f}")
    ratio = medians["yusuan --version"] / base
    print(f"yusuan --version: {ratio:.1f}× {'within' if ratio <= TARGET else 'OVER'} the target")
    return 1 if args.check and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
