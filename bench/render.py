"""Render time per format for one document, against reading the same document in the same run.

    python bench/render.py [DOCUMENT] [--repeat N] [--out bench/results/render.txt]

    # the Shanghai template (results in bench/results/render-shanghai.txt):
    python bench/render.py ../shared/corpus/shanghai-putuo-shangwu-2025-dept-budget.pdf \
        --out bench/results/render-shanghai.txt

Each step is timed ``N`` times (median reported); the first, cold run of each format is reported
separately because LibreOffice's start-up dominates a single PDF conversion.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "wuhan-qiaokou-jxj-2026-budget.md"


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first run, median of the runs) in seconds."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return runs[0], statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("document", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "render.txt"))
    args = ap.parse_args()

    from yusuan import load
    from yusuan.entry import load_source
    from yusuan.render import build, check_findings, read_back, write

    doc = Path(args.document)
    rows: list[tuple[str, float, float]] = []
    rows.append(("read document (baseline)", *_time(lambda: load(doc), args.repeat)))
    budget, authored = load_source(doc)
    rows.append(("derive + lay out + Markdown", *_time(lambda: build(budget, authored, check=False), args.repeat)))
    prepared = build(budget, authored, check=False)
    rows.append(("read back + check (before writing)",
                 *_time(lambda: check_findings(read_back(prepared.markdown)), args.repeat)))
    pages = "?"
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("md", "html", "docx", "xlsx", "pdf"):
            out = Path(tmp) / f"out.{fmt}"
            rows.append((f"write {fmt}", *_time(lambda fmt=fmt, out=out: write(prepared, fmt, out), args.repeat)))
            if fmt == "pdf":
                info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=False).stdout
                pages = next((ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")), "?")
    baseline = rows[0][2]
    soffice = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    lines = [
        f"document: {doc.name} ({'authored' if authored else 'parsed'}; PDF {pages} pages)",
        f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, Python "
        f"{platform.python_version()}, {soffice or 'LibreOffice not found'}",
        f"runs per step: {args.repeat} (median; 'first' is the cold first run)",
        "",
        f"{'step':40} {'first s':>8} {'median s':>9} {'× read':>7}",
    ]
    lines += [f"{name:40} {first:8.3f} {median:9.3f} {median / baseline:7.1f}" for name, first, median in rows]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
