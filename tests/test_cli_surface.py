"""The command line as a user meets it (issue 11, "Command line"): each test runs the real command.

Start-up, --version and -h, shell completion, usage lines, --profile choices, help in both
languages, folders, several files for summary and parse, rule patterns that match nothing, an
output folder that does not exist, CSV conversions, the OCR hint and the Chinese README.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, HANYANG, QIAOKOU, ROOT

_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def one_line_usage_error(r: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def app_commands() -> list[str]:
    """Every command path of the app: ``check``, ``rules explain``, ``catalog show`` …"""
    from typer.main import get_command

    import yusuan.cli

    out = []
    stack = [("", get_command(yusuan.cli.app))]
    while stack:
        prefix, cmd = stack.pop()
        for name, sub in getattr(cmd, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            out.append(path)
            stack.append((path, sub))
    return sorted(out)


# -- start-up ----------------------------------------------------------------------------------

def test_import_of_the_command_loads_no_reader_recognizer_or_checker():
    """The whole command tree (every command registered) loads typer and yusuan/cli/ only."""
    code = "import sys, json, yusuan.cli.root; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout)
    ours = {m for m in loaded if m.split(".")[0] == "yusuan"}
    allowed = {"yusuan", "yusuan.errors", "yusuan.catalog", "yusuan.catalog.cli"}
    assert {m for m in ours if not m.startswith("yusuan.cli")} <= allowed, sorted(ours)
    heavy = {"rich", "yaml", "pydantic", "pypdfium2", "lxml", "jinja2", "openpyxl", "docx"}
    assert heavy & {m.split(".")[0] for m in loaded} == set()


def _median_ms(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def test_version_starts_within_eight_bare_python_starts():
    """bench/startup.py measures it properly; this is the same comparison, interleaved, best of three rounds
    (a shared machine's load affects the baseline and the command alike)."""
    import compileall

    import yusuan

    compileall.compile_dir(str(Path(yusuan.__file__).parent), quiet=1)
    script = Path(sys.executable).with_name("yusuan")
    cmd = [str(script), "--version"] if script.exists() else [sys.executable, "-m", "yusuan", "--version"]
    ratios = []
    for _ in range(3):
        base = _median_ms([sys.executable, "-c", "pass"], 7)
        ratios.append(_median_ms(cmd, 7) / base)
        if ratios[-1] <= 8:
            break
    assert min(ratios) <= 8, ratios


def test_version_and_short_help():
    import yusuan

    r = run("--version")
    assert r.returncode == 0 and r.stdout == f"yusuan {yusuan.__version__}\n"
    assert run("-V").stdout == r.stdout
    for args in (["-h"], ["check", "-h"], ["rules", "explain", "-h"], ["catalog", "show", "-h"]):
        r = run(*args)
        assert r.returncode == 0 and "Usage: yusuan" in r.stdout, args
        assert "显示帮助并退出" in r.stdout and "show this message" in r.stdout


def test_version_is_written_once():
    import yusuan

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'attr = "yusuan.__version__"' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", yusuan.__version__)


def test_shell_completion():
    r = run("--show-completion", "bash")
    assert r.returncode == 0 and "_YUSUAN_COMPLETE" in r.stdout
    script = shutil.which("yusuan", path=str(Path(sys.executable).parent)) or "yusuan"

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_YUSUAN_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        out = subprocess.run([script], capture_output=True, text=True, env=env, timeout=60)
        return out.stdout.split()

    assert "check" in complete("yusuan ch") and "templates" in complete("yusuan temp")
    got = complete("yusuan check --profile sh")
    assert "shanghai" in got and all(t.startswith("sh") for t in got)
    assert "--select" in complete("yusuan check --se")


# -- help --------------------------------------------------------------------------------------

def test_usage_lines_name_paths_not_python_parameters():
    r = run("check")
    assert r.returncode == 2 and "Usage: yusuan check [OPTIONS] PATH…" in r.stderr, r.stderr
    for command in app_commands():
        usage = next(line for line in run(*command.split(), "-h").stdout.splitlines() if "Usage:" in line)
        assert "{" not in usage and "..." not in usage, (command, usage)
    assert "yusuan summary [OPTIONS] PATH…" in run("summary", "-h").stdout


def test_profile_option_lists_the_known_templates():
    from yusuan.templates import all_templates

    for command in ("check", "summary", "parse"):
        text = re.sub(r"[│\s]+", " ", run(command, "-h").stdout)
        assert all(t in text for t in all_templates()), (command, text)
    r = run("check", str(HANYANG), "--profile", "atlantis")
    one_line_usage_error(r, "atlantis", *all_templates())


def test_every_option_and_argument_has_help_in_both_languages():
    from typer.main import get_command

    import yusuan.cli
    from yusuan.cli.polish import polish

    cjk = re.compile(r"[\u4e00-\u9fff]")
    latin = re.compile(r"[A-Za-z]{3,}")
    missing = []
    stack = [("yusuan", polish(get_command(yusuan.cli.app)))]
    while stack:
        name, cmd = stack.pop()
        import typer

        for p in cmd.get_params(typer.Context(cmd)):
            text = p.help or ""
            if not (cjk.search(text) and latin.search(cjk.sub("", text))):
                missing.append(f"{name} {p.name}: {text!r}")
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            if not (sub.help and cjk.search(sub.help) and latin.search(sub.help)):
                missing.append(f"{name} {sub_name}: {sub.help!r}")
            stack.append((f"{name} {sub_name}", sub))
    assert missing == []


@pytest.mark.parametrize("columns", ["80", "120"])
def test_help_is_not_cut_off(columns: str):
    """Rich cuts a help line that mixes Chinese and English with "…" in typer's tables; the help
    is laid out so that every word is shown at the common terminal widths."""
    for command in ["", *app_commands()]:
        r = run(*command.split(), "-h", env={"COLUMNS": columns})
        text = r.stdout
        assert r.returncode == 0 and "Usage:" in text, (command, r.stderr)
        assert not re.search(r"…\s*│", text), (command, text)


# -- what the commands accept ------------------------------------------------------------------

def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "disclosures"
    (root / "2026" / "hanyang").mkdir(parents=True)
    (root / "2026" / ".hidden").mkdir()
    shutil.copy(QIAOKOU, root / "2026" / QIAOKOU.name)
    shutil.copy(HANYANG, root / "2026" / "hanyang" / HANYANG.name)
    shutil.copy(HANYANG, root / "2026" / ".hidden" / HANYANG.name)  # hidden folders are not searched
    (root / "2026" / "hanyang" / "empty.md").write_text("")
    (root / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a format yusuan reads: not tried
    return root


def test_check_a_folder_recursively(tmp_path: Path):
    root = _tree(tmp_path)
    r = run("check", str(root), "--format", "json")
    assert r.returncode == 1, r.stderr  # the Wuhan documents have errors; the unreadable files do not make it 2
    paths = [Path(d["path"]).name for d in json.loads(r.stdout)["documents"]]
    assert paths == [QIAOKOU.name, HANYANG.name]
    assert "empty.md" in r.stderr and "notes.txt" in r.stderr and "photo.png" not in r.stderr
    assert "Traceback" not in r.stderr


def test_a_folder_with_nothing_readable_exits_2(tmp_path: Path):
    (tmp_path / "a.md").write_text("")
    assert run("check", str(tmp_path)).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_usage_error(run("summary", str(empty)), "directory")


def test_a_named_file_that_cannot_be_read_still_exits_2(tmp_path: Path):
    (tmp_path / "e.md").write_text("")
    r = run("check", str(HANYANG), str(tmp_path / "e.md"), "--format", "json")
    assert r.returncode == 2 and len(json.loads(r.stdout)["documents"]) == 1


def test_summary_and_parse_accept_several_files(tmp_path: Path):
    single = json.loads(run("summary", str(HANYANG), "--format", "json").stdout)
    r = run("summary", str(QIAOKOU), str(HANYANG), "--format", "json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)["documents"]
    assert [d["path"] for d in docs] == [str(QIAOKOU), str(HANYANG)]
    assert {k: v for k, v in docs[1].items() if k != "path"} == single
    assert "department" in single and "path" not in single  # one file: the design.md shape, unchanged

    r = run("parse", str(QIAOKOU), str(HANYANG))
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)["documents"]
    assert [d["path"] for d in docs] == [str(QIAOKOU), str(HANYANG)]
    assert docs[1]["model"] == json.loads(run("parse", str(HANYANG)).stdout)

    text = run("summary", str(QIAOKOU), str(HANYANG))
    assert text.returncode == 0 and str(QIAOKOU) in text.stdout and str(HANYANG) in text.stdout
    folder = run("summary", str(_tree(tmp_path)), "--format", "json")
    assert folder.returncode == 0 and len(json.loads(folder.stdout)["documents"]) == 2


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_rule_pattern_that_matches_nothing_is_a_usage_error(option: str):
    one_line_usage_error(run("check", str(HANYANG), option, "ZZZ"), "ZZZ")
    one_line_usage_error(run("check", str(HANYANG), option, "T*", option, "X99*"), "X99*")
    assert run("check", str(HANYANG), option, "T*", "--format", "json").returncode in (0, 1)


def test_an_output_folder_that_does_not_exist_is_a_usage_error(tmp_path: Path):
    missing = tmp_path / "missing" / "dir" / "r.html"
    one_line_usage_error(run("check", str(HANYANG), "--format", "html", "-o", str(missing)), "不存在",
                         "does not exist")
    one_line_usage_error(run("render", str(ROOT / "examples" / "entry-example.yaml"), "-o", str(missing)),
                         "does not exist")
    one_line_usage_error(run("check", str(HANYANG), "-o", str(tmp_path)), "folder")


# -- CSV conversions ---------------------------------------------------------------------------

def _csv_forms(tsv: str) -> dict[str, str]:
    """CSV conversions of a tab-separated conversion: as a CSV writer makes them (quoted fields
    with commas), with semicolons, with tabs in a .csv file, and padded to one width as a
    spreadsheet exports them."""
    lines = tsv.splitlines()
    records = [line.split("\t") if "\t" in line else ([line.strip()] if line.strip() else []) for line in lines]
    width = max(len(r) for r in records)
    out = {}
    for name, delimiter, pad in (("comma", ",", False), ("semicolon", ";", False), ("tab", "\t", False),
                                 ("padded", ",", True)):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        for r in records:
            w.writerow(r + [""] * (width - len(r)) if pad else r)
        out[name] = buf.getvalue()
    return out


@pytest.mark.parametrize("form", ["comma", "semicolon", "tab", "padded"])
def test_csv_conversion_reads_like_the_tab_separated_form(form: str, tmp_path: Path):
    text = _csv_forms(HANYANG.read_text(encoding="utf-8"))[form]
    path = tmp_path / "hanyang.csv"
    path.write_text(text, encoding="utf-8")
    expected = json.loads(run("summary", str(HANYANG), "--format", "json").stdout)
    r = run("summary", str(path), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == expected

    def findings(p: Path) -> list[tuple[str, str, str]]:
        data = json.loads(run("check", str(p), "--format", "json").stdout)
        return sorted((f["rule"], f["severity"], f["message"]) for f in data["documents"][0]["findings"])

    assert findings(path) == findings(HANYANG)


def test_a_csv_with_an_unclosed_quote_is_refused_clearly(tmp_path: Path):
    lines = HANYANG.read_text(encoding="utf-8").splitlines()
    lines[40] = '"' + lines[40]
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(line.replace("\t", ",") for line in lines), encoding="utf-8")
    one_line_usage_error(run("summary", str(path)), "CSV", "第41行")


# -- OCR hint ----------------------------------------------------------------------------------

def _scan(tmp_path: Path) -> Path:
    """An image-only PDF of the first page of a corpus PDF: what a scanner produces."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(CORPUS / "shanghai-putuo-shangwu-2025-dept-budget.pdf"))
    page = src[0]
    w, h = page.get_size()
    out = pdfium.PdfDocument.new()
    new = out.new_page(w, h)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(page.render(scale=1))
    image.set_matrix(pdfium.PdfMatrix().scale(w, h))
    new.insert_obj(image)
    new.gen_content()
    path = tmp_path / "scan.pdf"
    out.save(str(path))
    return path


def test_the_ocr_hint_says_what_works(tmp_path: Path):
    r = run("check", str(_scan(tmp_path)), env={"YUSUAN_OCR": "off"})
    one_line_usage_error(r, "OCR")
    assert "yusuan[ocr]" not in r.stderr  # yusuan is not on PyPI: that command fails
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    spec = re.search(r'"(rapidocr_onnxruntime[^;"]*)', pyproject).group(1)
    assert f'pip install "{spec}"' in r.stderr  # the very requirement of the ocr extra
    assert "3.12" in r.stderr and "python_version < '3.13'" in pyproject

    from yusuan.readers import pdf_ocr

    assert "rapidocr_onnxruntime" in pdf_ocr.available.__doc__  # what available() looks for


# -- READMEs -----------------------------------------------------------------------------------

_COMMAND = re.compile(r"`yusuan ([a-z][a-z -]*?)(?= [A-Z\[<-]|`| --)")


def readme_commands(path: Path) -> set[str]:
    return {m.group(1).strip() for m in _COMMAND.finditer(path.read_text(encoding="utf-8"))}


def test_the_chinese_readme_names_the_same_commands():
    en, zh = readme_commands(ROOT / "README.md"), readme_commands(ROOT / "README.zh.md")
    assert en == zh
    undocumented = {c for c in app_commands() if c not in en and not any(d.startswith(c + " ") for d in en)}
    assert undocumented == set(), "document every command in both READMEs"
    assert "README.zh.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_command_pattern_sees_commands():
    sample = Path(ROOT / "README.zh.md").read_text(encoding="utf-8")
    assert {"check", "rules explain", "catalog show", "templates"} <= readme_commands(ROOT / "README.zh.md")
    assert "yusuan check" in sample


# -- templates ---------------------------------------------------------------------------------

def test_templates_command_lists_what_each_requires():
    from yusuan.templates import all_templates

    r = run("templates", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [d["id"] for d in data] == list(all_templates())
    for d in data:
        t = all_templates()[d["id"]]
        assert [(x["number"], x["title"]) for x in d["tables"]] == [(x.number, x.title) for x in t.table_list]
        assert d["units"] == {"tables": t.table_unit, "narrative": t.narrative_unit}
        assert [x["id"] for x in d["narrative"]["topics"]] == list(t.narrative_topics)
        assert [s["what"] for s in d["narrative"]["statements"]] == [s.what for s in t.statements]
        assert {c["id"] for c in d["checks"]} == set(t.checks) and all(c["rule"] for c in d["checks"])
    text = run("templates", "wuhan", env={"COLUMNS": "200"}).stdout
    assert "一般公共预算支出表（分功能科目）" in text and "5-1" in text and "名词解释" in text
    one_line_usage_error(run("templates", "atlantis"), "atlantis")


def test_templates_docs_are_in_sync():
    from yusuan.cli.templates import templates_markdown

    assert (ROOT / "docs" / "templates.md").read_text(encoding="utf-8") == templates_markdown(), \
        "regenerate with: yusuan templates --format markdown > docs/templates.md"
