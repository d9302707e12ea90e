"""The classification catalogue: editions, provenance, and importing an official edition."""

from __future__ import annotations

import os
import subprocess
import sys

from yusuan.catalog import load_catalog


def test_seed_catalogue_has_provenance_and_editions():
    c = load_catalog()
    e = c.entry("2060101", 2026)
    assert e is not None and e.name == "行政运行" and "S000" in e.sources and 2026 in e.years
    assert c.entry("30201", 2025).description.startswith("反映单位购买日常办公用品")
    assert c.name("9999999") is None  # unknown is an answer


def test_import_official_edition(tmp_path):
    src = tmp_path / "official.csv"
    src.write_text("code,name,description\n206,科学技术支出,\n2069901,某新增科目,新科目的说明。\n", encoding="utf-8")
    env = dict(os.environ, YUSUAN_CATALOG_DIR=str(tmp_path / "cat"))
    r = subprocess.run([sys.executable, "-m", "yusuan", "catalog", "import", str(src), "--year", "2027"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "yusuan", "catalog", "show", "2069901", "--year", "2027"],
                       capture_output=True, text=True, env=env)
    assert "某新增科目" in r.stdout and "user:" in r.stdout


def test_import_rejects_malformed_codes(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("code,name\n20601X,坏编码\n", encoding="utf-8")
    env = dict(os.environ, YUSUAN_CATALOG_DIR=str(tmp_path / "cat"))
    r = subprocess.run([sys.executable, "-m", "yusuan", "catalog", "import", str(src), "--year", "2027"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr
