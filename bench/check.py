"""Benchmark: `yusuan check` per document, in one process and as a command, with same-run baselines.

In one process (the model already parsed): the median time of all rules, against a baseline that
only walks every figure of the model once (the least any check must do) — and the parse time.
As a command: wall time of ``yusuan check DOC`` (text report) and ``--format json`` including
interpreter start-up, against ``python -c pass`` measured in the same run. The package is byte-compiled
first and the commands run with bytecode caching on, as after a normal install (this environment sets
PYTHONDONTWRITEBYTECODE, which would otherwise make every start compile ~100 modules from source).
Targets (issue 3): ≤ 30 ms median in one process; ≤ 0.5 s for the command.
Usage: python bench/check.py [--repeat N]   (results recorded in bench/results/check.txt)
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from common import CORPUS, median_ms

from yusuan import load
from yusuan.model import Figure
from yusuan.rules import check_budget

DOCS = ["wuhan-qiaokou-jxj-2026-budget.md", "wuhan-hanyang-jxj-2026-budget.txt"]


def walk_figures(obj: Any) -> Decimal:
    """Baseline: visit every figure of the model once."""
    if isinstance(obj, Figure):
        return obj.value
    total = Decimal(0)
    if is_dataclass(obj) and not isinstance(obj, type):
        for name in (f.name for f in fields(obj)):
            total += walk_figures(getattr(obj, name))
    elif isinstance(obj, dict):
        for v in obj.values():
            total += walk_figures(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            total += walk_figures(v)
    return total


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall_ms(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV)  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    import yusuan

    compileall.compile_dir(str(Path(yusuan.__file__).parent), quiet=1)
    print(f"median of {args.repeat} runs")
    print(f"{'document':36} {'walk ms':>8} {'check ms':>9} {'ratio':>6} {'parse ms':>9} "
          f"{'python -c pass':>15} {'check text':>11} {'check json':>11} {'ratio':>6}")
    for name in DOCS:
        path = CORPUS / name
        budget = load(path)
        walk = median_ms(lambda budget=budget: walk_figures(budget), args.repeat)
        check = median_ms(lambda budget=budget: check_budget(budget), args.repeat)
        parse = median_ms(lambda path=path: load(path), max(5, args.repeat // 2))
        base_cmd = wall_ms([sys.executable, "-c", "pass"], max(5, args.repeat // 2))
        text = wall_ms([sys.executable, "-m", "yusuan", "check", str(path)], max(5, args.repeat // 2))
        cli = wall_ms([sys.executable, "-m", "yusuan", "check", str(path), "--format", "json"], max(5, args.repeat // 2))
        print(f"{name:36} {walk:8.2f} {check:9.2f} {check / walk:6.1f} {parse:9.2f} {base_cmd:15.1f} {text:11.1f} "
              f"{cli:11.1f} {cli / base_cmd:6.1f}")


if __name__ == "__main__":
    main()
