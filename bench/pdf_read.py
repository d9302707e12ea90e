"""Benchmark: a Shanghai PDF into the model, and read_pdf (PDF → Layout), against pypdfium2's raw
text extraction in the same run.

Usage: python bench/pdf_read.py [--runs N] [files...]   (default: the Shanghai PDFs of the corpus)

For each PDF: the median over N runs (after one warm-up) of
  * raw:      open with pypdfium2, ``get_textpage().get_text_range()`` for every page;
  * read_pdf: ``yusuan.readers.pdf.read_pdf(path, data)`` — positioned characters, rulings,
              clipping, lines, tables, Layout;
  * model:    read_pdf followed by ``yusuan.recognize.recognize`` — the whole Budget model (what
              ``yusuan summary`` and ``yusuan check`` work on).
Runs are interleaved so that background load on the machine hits both alike. Targets:
into the model ≤ 500 ms per document and ≤ 10× raw. The file is read once; timings exclude disk I/O.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.readers.pdf import read_pdf
from yusuan.recognize import recognize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def raw_text(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    try:
        n = 0
        for page in doc:
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return n
    finally:
        doc.close()


def _timed(fn: object, *args: object) -> tuple[float, float, object]:
    """(wall ms, CPU ms, result). CPU time is what this process used: steadier than wall time when
    other processes compete for the two cores."""
    t, c = time.perf_counter(), time.process_time()
    result = fn(*args)  # type: ignore[operator]
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, result


def to_model(path: str, data: bytes) -> object:
    return recognize(read_pdf(path, data))


def bench(path: Path, runs: int) -> dict[str, float]:
    data = path.read_bytes()
    raw_text(data)
    to_model(str(path), data)  # warm-up: imports, pdfium init, caches
    samples: dict[str, list[float]] = {"read": [], "read_cpu": [], "raw": [], "raw_cpu": [], "model": [],
                                       "model_cpu": []}
    pages = 0
    for _ in range(runs):
        wall, cpu, _ = _timed(raw_text, data)
        samples["raw"].append(wall)
        samples["raw_cpu"].append(cpu)
        wall, cpu, layout = _timed(read_pdf, str(path), data)
        samples["read"].append(wall)
        samples["read_cpu"].append(cpu)
        pages = getattr(layout, "pages", 0) or 0
        wall, cpu, _ = _timed(to_model, str(path), data)
        samples["model"].append(wall)
        samples["model_cpu"].append(cpu)
    out = {k: statistics.median(v) for k, v in samples.items()}
    out["pages"] = pages
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    files = args.files or sorted(CORPUS.glob("shanghai-*.pdf"))
    if not files:
        print(f"no PDFs found (looked in {CORPUS})", file=sys.stderr)
        return 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {platform.python_version()}, pypdfium2 {pdfium.PYPDFIUM_INFO}, {os.cpu_count()} CPUs, "
        f"load average {load:.2f}, {args.runs} runs, median; wall ms (CPU ms)"
    )
    print(f"{'document':48} {'pages':>5} {'into model':>16} {'read_pdf':>16} {'raw text':>14} {'ratio':>6} "
          f"{'ms/page':>7}")
    worst = slowest = 0.0
    for path in files:
        m = bench(path, args.runs)
        ratio = m["model"] / m["raw"]
        worst, slowest = max(worst, ratio), max(slowest, m["model"])
        print(
            f"{path.name:48} {int(m['pages']):5d} {m['model']:7.1f} ({m['model_cpu']:6.1f}) "
            f"{m['read']:7.1f} ({m['read_cpu']:6.1f}) "
            f"{m['raw']:6.1f} ({m['raw_cpu']:5.1f}) {ratio:6.2f} {m['model'] / max(m['pages'], 1):7.2f}"
        )
    print(f"into the model: worst ratio {worst:.2f} to raw text (target ≤ 10); slowest document {slowest:.0f} ms "
          f"(target ≤ 500)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
