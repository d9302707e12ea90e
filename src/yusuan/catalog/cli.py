"""`yusuan catalog`: look codes up, and import an official edition of 《政府收支分类科目》."""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from yusuan.catalog import USER_DIR_ENV


def user_dir() -> Path:
    """Where imported editions live: $YUSUAN_CATALOG_DIR, else ~/.local/share/yusuan/catalog."""
    env = os.environ.get(USER_DIR_ENV)
    return Path(env) if env else Path.home() / ".local" / "share" / "yusuan" / "catalog"


def register(app: typer.Typer) -> None:
    cat = typer.Typer(help="分类科目目录 / the classification catalogue", no_args_is_help=True)
    cat.command(name="show")(show_command)
    cat.command(name="import")(import_command)
    app.add_typer(cat, name="catalog")


def _fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    raise typer.Exit(2)


def show_command(code: Annotated[str, typer.Argument(help="科目编码 / code")],
                 year: Annotated[int | None, typer.Option("--year", help="预算年度 / edition year")] = None) -> None:
    """查看一个科目的名称、说明与出处 / Show a code's names, descriptions and sources."""
    from yusuan.catalog import load_catalog

    catalog = load_catalog()
    entries = catalog.entries.get(code)
    if not entries:
        _fail(f"目录中没有编码 {code}（目录不完整）/ code {code} is not in the catalogue (which is partial)")
        return
    chosen = catalog.entry(code, year)
    for e in entries:
        mark = "*" if e is chosen else " "
        years = ",".join(str(y) for y in sorted(e.years)) or "?"
        sys.stdout.write(f"{mark} {e.code} {e.name} [{e.level}] 年度 {years} 来源 {' | '.join(e.sources)}\n")
        if e.description:
            sys.stdout.write(f"    {e.description}\n")


def import_command(
    path: Annotated[Path, typer.Argument(help="科目 CSV（列 code,name[,level,parent,description]）/ the CSV file of codes")],
    year: Annotated[int, typer.Option("--year", help="该版本适用的预算年度 / budget year of the edition")],
    kind: Annotated[str, typer.Option("--kind", help="function（功能分类）或 economic（经济分类）")] = "function",
    source: Annotated[str, typer.Option("--source", help="出处说明 / where the file comes from")] = "user import",
) -> None:
    """导入财政部门下发的分类科目（CSV）/ Import an official edition of the classification (CSV)."""
    if kind not in ("function", "economic"):
        _fail("--kind 只能是 function 或 economic / --kind must be function or economic")
    try:
        rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    except FileNotFoundError:
        _fail(f"{path}: 文件不存在 / file not found")
        return
    except (UnicodeDecodeError, csv.Error) as exc:
        _fail(f"{path}: 不是 UTF-8 编码的 CSV / not a UTF-8 CSV ({type(exc).__name__})")
        return
    if not rows or not {"code", "name"} <= set(rows[0]):
        _fail(f"{path}: 需要 code 和 name 两列 / the CSV needs the columns code and name")
    pattern = r"\d{3}(\d{2}){0,2}" if kind == "function" else r"\d{3}(\d{2})?"
    bad = [r["code"] for r in rows if not re.fullmatch(pattern, (r.get("code") or "").strip())]
    if bad:
        _fail(f"{path}: {len(bad)} 个编码格式不对，如 {bad[0]!r} / {len(bad)} malformed codes")
    out_dir = user_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{kind}_{year}.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "level", "parent", "description", "edition_source", "year"])
        for r in rows:
            code = r["code"].strip()
            level = r.get("level") or {3: "类", 5: "款", 7: "项"}.get(len(code), "")
            parent = r.get("parent") or (code[:-2] if len(code) > 3 else "")
            w.writerow([code, r["name"].strip(), level, parent, (r.get("description") or "").strip(),
                        f"user:{source}", year])
    sys.stdout.write(f"已导入 {len(rows)} 个科目到 {out} / imported {len(rows)} codes\n")
