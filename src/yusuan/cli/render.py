"""``yusuan render`` and ``yusuan template``: a disclosure or an entry workbook from data.

Imports of the renderer happen inside the commands, so ``yusuan --help`` stays fast. Every user
error is one line on stderr with exit code 2; contradictory data (the checker's error findings)
prints the findings and exits 1 unless ``--force``. Which templates can be rendered is what the
renderer has layouts for; no template id is spelled here.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import LAZY_CHOICES, TEMPLATES_PLACEHOLDER, check_output, fail


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx",
                   ".xlsx": "xlsx", ".pdf": "pdf"}


def renderable() -> list[str]:
    """The templates the renderer lays out (those it has table layouts for)."""
    from yusuan.derive.templates import LAYOUTS

    return list(LAYOUTS)


def _check_renderable(ctx: typer.Context, value: str | None) -> str | None:
    if value is None or ctx.resilient_parsing:
        return value
    can = renderable()
    if value not in can:
        fail(f"暂不支持按 {value} 模板生成（已支持：{'、'.join(can)}）/ rendering the {value} template is not "
             f"implemented (supported: {', '.join(can)})")
    return value


def _complete_renderable(incomplete: str) -> list[str]:
    return [i for i in renderable() if i.startswith(incomplete)]


LAZY_CHOICES["{renderable}"] = renderable
_PROFILE_HELP = f"模板 / template; known: {TEMPLATES_PLACEHOLDER}; rendered: {{renderable}}"


def _finding_line(f: object) -> str:
    return f"{getattr(f, 'severity', '?')} {getattr(f, 'rule', '?')}: {getattr(f, 'message', f)}"


def render_command(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="数据 （YAML/JSON、 录入工作簿 xlsx） 或已公开的文件 / "
                                                                  "data (YAML/JSON, an entry workbook) or a disclosure")],
    out: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="输出文件 / output file")],
    to: Annotated[RenderFormat | None, typer.Option("--to", help="输出格式， 缺省按文件后缀 / output format, by default "
                                                                 "from the file's suffix")] = None,
    profile: Annotated[str | None, typer.Option("--profile", metavar="TEMPLATE", callback=_check_renderable,
                                                autocompletion=_complete_renderable, help=_PROFILE_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help="数据自相矛盾时仍然生成 / render despite error findings")] = False,
) -> None:
    """生成完整的部门预算公开文件 / Render a complete disclosure (md, html, docx, xlsx, pdf)."""
    from yusuan.errors import YusuanError
    from yusuan.templates import get_template

    fmt = to.value if to is not None else _SUFFIX_FORMATS.get(out.suffix.lower())
    if fmt is None:
        fail(f"无法从 {out.name} 判断输出格式，请用 --to 指定 / cannot tell the format of {out.name}: use --to")
    check_output(out)
    try:
        from yusuan.entry import load_source
        from yusuan.render import ContradictionError, build, write

        budget, authored = load_source(source, profile=profile)
        entered_for = get_template(budget.meta.profile)
        if profile is not None and authored and entered_for.known and entered_for.id != profile:
            fail(f"{source}: 数据按 {entered_for.id} 模板填写，不能按 {profile} 模板生成 / "
                 f"the data is entered for the {entered_for.id} template, not {profile}")
        if profile is not None:
            budget = replace(budget, meta=replace(budget.meta, profile=profile))
        chosen = get_template(budget.meta.profile)
        if chosen.known and chosen.id not in renderable():
            fail(f"{source}: 暂不支持按 {chosen.id} 模板生成（已支持：{'、'.join(renderable())}）/ rendering the "
                 f"{chosen.id} template is not implemented")
        try:
            prepared = build(budget, authored=authored, force=force)
        except ContradictionError as exc:
            shown = [f for f in exc.findings if getattr(f, "severity", "") == "error"]
            for f in shown:
                sys.stderr.write(_finding_line(f) + "\n")
            if len(shown) < len(exc.findings):
                sys.stderr.write(f"另有 {len(exc.findings) - len(shown)} 条警告/提示（yusuan check 可查看）/ "
                                 f"{len(exc.findings) - len(shown)} more warnings or notes (see yusuan check)\n")
            fail(str(exc), exc.exit_code)
        write(prepared, fmt, out)
    except YusuanError as exc:
        fail(str(exc), exc.exit_code)
    except OSError as exc:
        fail(f"{out}: 无法写入 / cannot write ({exc.strerror or exc})")
    for notice in prepared.notices:
        sys.stderr.write(f"提示 / note: {notice}\n")
    errors = [f for f in prepared.findings if getattr(f, "severity", "") == "error"]
    if errors:
        sys.stderr.write(f"已强制生成；审核发现 {len(errors)} 处错误 / rendered with --force despite "
                         f"{len(errors)} error finding(s)\n")
    sys.stdout.write(f"{out}\n")


def template_command(
    out: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="输出的工作簿 （.xlsx） / workbook to write "
                                                                             "(.xlsx)")],
    profile: Annotated[str | None, typer.Option("--profile", metavar="TEMPLATE", callback=_check_renderable,
                                                autocompletion=_complete_renderable,
                                                help="模板，缺省为未注明模板的数据所用的模板 / template, by default the "
                                                     "one for data that names none; rendered: {renderable}")] = None,
    data: Annotated[Path | None, typer.Option("--from", metavar="DATA", help="用已有数据 （YAML/JSON） 填写 / fill from "
                                                                             "data (YAML/JSON)")] = None,
) -> None:
    """生成预算录入工作簿 / Write the Excel entry workbook (blank, or filled from data)."""
    from yusuan.errors import YusuanError
    from yusuan.templates import render_default

    if out.suffix.lower() != ".xlsx":
        fail(f"{out}: 录入工作簿须为 .xlsx / the entry workbook must be an .xlsx file")
    try:
        from yusuan.entry.canonical import load_canonical
        from yusuan.entry.template import write_workbook

        budget = load_canonical(data) if data is not None else None
        out.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(out, budget, profile=profile or render_default().id)
    except YusuanError as exc:
        fail(str(exc), exc.exit_code)
    except OSError as exc:
        fail(f"{out}: 无法写入 / cannot write ({exc.strerror or exc})")
    sys.stdout.write(f"{out}\n")


def register(app: typer.Typer) -> None:
    """Add ``render`` and ``template`` to the main ``yusuan`` app."""
    app.command("render")(render_command)
    app.command("template")(template_command)
