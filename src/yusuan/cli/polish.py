"""The finishing of the command tree typer builds: usage lines, -h, help in both languages.

Typer prints a required argument as ``{paths}...`` and its own options' help in English only. The
tree is walked once before it runs, every command included (the catalogue's too, which lives in
its own package): usage pieces read ``PATH…``, ``-h`` and ``--help`` say what they do in Chinese
and English, and the --profile help lists the known templates, filled in only when a help page is
shown so that start-up does not load the templates.
"""

from __future__ import annotations

import re
from typing import Any

from yusuan.cli.common import LAZY_CHOICES

_OWN_HELP = {
    "help": "显示帮助并退出 / show this message and exit",
    "install_completion": "为当前的 shell 安装命令补全 / install completion for the current shell",
    "show_completion": "显示命令补全脚本，可复制或自定义安装 / show the completion script, to copy it or "
                       "customize the installation",
}
_BRACED = re.compile(r"^(\[?)\{(.+)\}(\]?)$")
# The " / " between the Chinese and the English of a help text (after a CJK character or full-width
# punctuation, before Latin text).
_SLASH = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s*/\s+(?=[A-Za-z`(\-\[])")


def _usage_piece(piece: str) -> str:
    """``{paths}...`` → ``PATHS…``; ``{PATH…}`` → ``PATH…`` (typer braces required arguments)."""
    m = _BRACED.match(piece)
    if m:
        inner = m.group(2)
        piece = m.group(1) + (inner.upper() if inner.isidentifier() else inner) + m.group(3)
    return piece.replace("...", "…")


def _two_lines(help_text: str, sep: str = "\n\n") -> str:
    """``中文 / English`` → the Chinese on its own line above the English: rich wraps a line that
    mixes CJK and Latin text too wide and cuts it with "…" in typer's tables."""
    m = _SLASH.search(help_text)
    if m is None:
        return help_text
    return f"{help_text[:m.start()].strip()}{sep}{help_text[m.end():].strip()}"


def _polish_command(cmd: Any) -> None:
    collect = cmd.collect_usage_pieces
    get_help_option = cmd.get_help_option
    format_help = cmd.format_help

    def collect_usage_pieces(ctx: Any) -> list[str]:
        return [_usage_piece(p) for p in collect(ctx)]

    def bilingual_help_option(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None:
            option.help = _two_lines(_OWN_HELP["help"])
        return option

    def format_help_with_templates(ctx: Any, formatter: Any) -> Any:
        for p in cmd.params:
            for placeholder, choices in LAZY_CHOICES.items():
                if p.help and placeholder in p.help:
                    p.help = p.help.replace(placeholder, ", ".join(choices()))
        for p in cmd.get_params(ctx):
            if p.help:
                p.help = _two_lines(p.help)
        return format_help(ctx, formatter)

    cmd.collect_usage_pieces = collect_usage_pieces
    cmd.get_help_option = bilingual_help_option
    cmd.format_help = format_help_with_templates
    for p in cmd.params:
        if p.name in _OWN_HELP:
            p.help = _OWN_HELP[p.name]
    for sub in getattr(cmd, "commands", {}).values():  # a group's list of commands: their first paragraph
        if sub.help and not sub.short_help:
            first = sub.help.strip().split("\n\n")[0].replace("\n", " ")
            sub.short_help = _two_lines(first, "\n")


def polish(root: Any) -> Any:
    """Finish ``root`` (the click command typer built from the app) and every command under it."""
    stack = [root]
    while stack:
        cmd = stack.pop()
        _polish_command(cmd)
        stack.extend(getattr(cmd, "commands", {}).values())
    return root
