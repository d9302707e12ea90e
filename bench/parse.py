"""Benchmark: parse each Wuhan document into the model, against a same-run baseline.

Baseline: read the file and tokenise its numbers with one regex — the least any reader must do.
Usage: python bench/parse.py [--repeat N]   (results recorded in bench/results/parse.txt)
"""

from __future__ import annotations

import argparse
import platform
import re
import sys

from common import CORPUS, median_ms

from yusuan import load

DOCS = ["wuhan-qiaokou-jxj-2026-budget.md", "wuhan-hanyang-jxj-2026-budget.txt"]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}; median of {args.repeat} runs")
    print(f"{'document':40} {'baseline ms':>12} {'parse ms':>10} {'ratio':>8}")
    for name in DOCS:
        path = CORPUS / name

        def baseline(path=path) -> int:
            return len(NUMBER.findall(path.read_text(encoding="utf-8")))

        def parse(path=path) -> object:
            return load(path)

        b = median_ms(baseline, args.repeat)
        p = median_ms(parse, args.repeat)
        print(f"{name:40} {b:12.2f} {p:10.2f} {p / b:8.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
