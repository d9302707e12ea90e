"""``yusuan render`` and ``yusuan template``: registered on the main app by :func:`register`.

Imports of the renderer happen inside the commands, so ``yusuan --help`` stays fast. Every user
error is one line on stderr with exit code 2; contradictory data (the checker's error findings)
prints the findings and exits 1 unless ``--force``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx",
                   ".xlsx": "xlsx", ".pdf": "pdf"}
RENDER_PROFILES = ("wuhan", "shanghai")


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    raise typer.Exit(code)


def _finding_line(f: object) -> str:
    return f"{getattr(f, 'severity', '?')} {getattr(f, 'rule', '?')}: {getattr(f, 'message', f)}"


def render_command(
    source: Annotated[Path, typer.Argument(help="数据（YAML/JSON、录入工作簿 xlsx）或已公开的文件 / data or a disclosure")],
    out: Annotated[Path, typer.Option("--output", "-o", help="输出文件 / output file")],
    to: Annotated[RenderFormat | None, typer.Option("--to", help="输出格式；缺省按文件后缀 / output format")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="模板 / template profile (wuhan, shanghai)")] = None,
    force: Annotated[bool, typer.Option("--force", help="数据自相矛盾时仍然生成 / render despite errors")] = False,
) -> None:
    """生成完整的部门预算公开文件 / Render a complete disclosure (md, html, docx, xlsx, pdf)."""
    from yusuan.errors import YusuanError

    fmt = to.value if to is not None else _SUFFIX_FORMATS.get(out.suffix.lower())
    if fmt is None:
        _fail(f"无法从 {out.name} 判断输出格式，请用 --to 指定 / cannot tell the format of {out.name}: use --to")
    if profile is not None and profile not in RENDER_PROFILES:
        _fail(f"暂不支持生成 {profile} 模板（已支持：{', '.join(RENDER_PROFILES)}）/ "
              f"rendering the {profile} template is not implemented yet")
    try:
        from yusuan.entry import load_source
        from yusuan.render import ContradictionError, build, write

        budget, authored = load_source(source, profile=profile)
        if profile is not None and authored and budget.meta.profile not in ("unknown", profile):
            _fail(f"{source}: 数据按 {budget.meta.profile} 模板填写，不能按 {profile} 模板生成 / "
                  f"the data is entered for the {budget.meta.profile} template, not {profile}")
        if profile is not None:
            budget = replace(budget, meta=replace(budget.meta, profile=profile))
        if budget.meta.profile not in RENDER_PROFILES and budget.meta.profile != "unknown":
            _fail(f"{source}: 暂不支持生成 {budget.meta.profile} 模板 / rendering the {budget.meta.profile} "
                  "template is not implemented yet")
        try:
            prepared = build(budget, authored=authored, force=force)
        except ContradictionError as exc:
            shown = [f for f in exc.findings if getattr(f, "severity", "") == "error"]
            for f in shown:
                sys.stderr.write(_finding_line(f) + "\n")
            if len(shown) < len(exc.findings):
                sys.stderr.write(f"另有 {len(exc.findings) - len(shown)} 条警告/提示（yusuan check 可查看）/ "
                                 f"{len(exc.findings) - len(shown)} more warnings or notes (see yusuan check)\n")
            _fail(str(exc), exc.exit_code)
            return
        assert fmt is not None
        write(prepared, fmt, out)
    except YusuanError as exc:
        _fail(str(exc), exc.exit_code)
        return
    for notice in prepared.notices:
        sys.stderr.write(f"提示 / note: {notice}\n")
    errors = [f for f in prepared.findings if getattr(f, "severity", "") == "error"]
    if errors:
        sys.stderr.write(f"已强制生成；审核发现 {len(errors)} 处错误 / rendered with --force despite "
                         f"{len(errors)} error finding(s)\n")
    sys.stdout.write(f"{out}\n")


def template_command(
    out: Annotated[Path, typer.Option("--output", "-o", help="输出的工作簿 / workbook to write (.xlsx)")],
    profile: Annotated[str, typer.Option("--profile", help="模板 / template profile (wuhan, shanghai)")] = "wuhan",
    data: Annotated[Path | None, typer.Option("--from", help="用已有数据（YAML/JSON）填写 / fill from data")] = None,
) -> None:
    """生成预算录入工作簿 / Write the Excel entry workbook (blank, or filled from data)."""
    from yusuan.errors import YusuanError

    if profile not in RENDER_PROFILES:
        _fail(f"暂不支持 {profile} 模板的录入工作簿（已支持：{', '.join(RENDER_PROFILES)}）/ "
              f"no entry workbook for the {profile} template yet")
    if out.suffix.lower() != ".xlsx":
        _fail(f"{out}: 录入工作簿须为 .xlsx / the entry workbook must be an .xlsx file")
    try:
        from yusuan.entry.canonical import load_canonical
        from yusuan.entry.template import write_workbook

        budget = load_canonical(data) if data is not None else None
        out.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(out, budget, profile=profile)
    except YusuanError as exc:
        _fail(str(exc), exc.exit_code)
    except OSError as exc:
        _fail(f"{out}: 无法写入 / cannot write ({exc.strerror or exc})")
    sys.stdout.write(f"{out}\n")


def register(app: typer.Typer) -> None:
    """Add ``render`` and ``template`` to the main ``yusuan`` app."""
    app.command("render")(render_command)
    app.command("template")(template_command)
