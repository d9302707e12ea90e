"""What the commands share: one-line failures, the --profile option, folders of documents, -o.

Nothing heavy is imported here at module level: ``yusuan --version`` and ``yusuan -h`` load this
module, typer and nothing of the reader, recognizer or checker (tests/test_cli_surface.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from yusuan.model.budget import Budget

# Placeholders in help texts filled with their lists only when a help page is shown (cli/polish.py),
# so that start-up does not load the templates: {templates} → the known template ids.
TEMPLATES_PLACEHOLDER = "{templates}"


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code (2: bad usage or nothing readable)."""
    sys.stderr.write(message.rstrip("\n") + "\n")
    raise typer.Exit(code)


def template_ids() -> list[str]:
    from yusuan.templates import all_templates

    return list(all_templates())


LAZY_CHOICES: dict[str, Callable[[], list[str]]] = {TEMPLATES_PLACEHOLDER: template_ids}


def _check_profile(ctx: typer.Context, value: str | None) -> str | None:
    if value is None or ctx.resilient_parsing:
        return value
    ids = template_ids()
    if value not in ids:
        fail(f"未知模板 {value}（可选：{'、'.join(ids)}）/ unknown profile: {value} (known: {', '.join(ids)})")
    return value


def _complete_profile(incomplete: str) -> list[str]:
    return [i for i in template_ids() if i.startswith(incomplete)]


ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", metavar="TEMPLATE", callback=_check_profile, autocompletion=_complete_profile,
                 help=f"模板，缺省时自动识别 / template, detected when omitted; known: {TEMPLATES_PLACEHOLDER} "
                      "(`yusuan templates` describes them)"),
]

PathsArgument = Annotated[
    list[Path],
    typer.Argument(metavar="PATH…", help="一个或多个公开文件或文件夹 （递归查找） / "
                                          "one or more disclosure files or folders (searched recursively)"),
]


@dataclass
class Documents:
    """The documents named on the command line, folders expanded, read one by one.

    A file the user named that cannot be read makes the exit code 2 (the command did not do what
    was asked); a file found in a folder that cannot be read is reported and skipped, so that one
    stray file in a folder does not fail the check of the others.
    """

    paths: list[Path]
    profile: str | None = None
    warn_problems: bool = False  # summary/parse: say on stderr that the model has reading problems
    named_unreadable: bool = False
    read: int = 0
    skipped: list[str] = field(default_factory=list)

    def files(self) -> Iterator[tuple[Path, bool]]:
        """(file, named by the user) in command-line order, each folder's files sorted."""
        for p in self.paths:
            if not p.is_dir():
                yield p, True
                continue
            from yusuan.api import documents_in

            found = documents_in(p)
            if not found:
                sys.stderr.write(f"{p}: 目录中没有可读取格式的公开文件 / no disclosure file in the directory "
                                 "(md, txt, tsv, csv, pdf, docx, xlsx, html)\n")
                self.named_unreadable = True
            for f in found:
                yield f, False

    def __iter__(self) -> Iterator[tuple[Path, Budget]]:
        from yusuan.api import load
        from yusuan.errors import YusuanError

        for path, named in self.files():
            try:
                budget = load(path, profile=self.profile)
            except YusuanError as exc:
                message = str(exc).rstrip()
                if named:
                    self.named_unreadable = True
                    sys.stderr.write(message + "\n")
                else:
                    self.skipped.append(message)
                    sys.stderr.write(f"已跳过 / skipped: {message}\n")
                continue
            self.read += 1
            if self.warn_problems and budget.problems:
                n = len(budget.problems)
                sys.stderr.write(f"{path}: 读取时有 {n} 处问题 / {n} reading problem(s); "
                                 "see \"problems\" in `yusuan parse` output\n")
            yield path, budget

    @property
    def failed(self) -> bool:
        """Exit 2: a named input was unreadable, or nothing at all could be read."""
        return self.named_unreadable or self.read == 0


def check_output(out: Path | None) -> None:
    """Refuse an output path that cannot be written before any work is done (exit 2)."""
    if out is None:
        return
    if out.is_dir():
        fail(f"{out}: 是目录，请给出文件名 / is a folder: give a file name")
    parent = out.parent
    if not parent.is_dir():
        fail(f"{out}: 目录 {parent} 不存在 / cannot write {out.name}: the folder {parent} does not exist")


def write_output(out: Path, text: str) -> None:
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{out}: 无法写入 / cannot write ({exc.strerror or exc})")


def check_patterns(option: str, patterns: Iterable[str]) -> None:
    """Every --select/--ignore pattern must match a rule: a typo must not pass a CI job silently."""
    from yusuan.rules.registry import registry

    rules = registry().values()
    for p in patterns:
        if p.strip() and not any(r.matches(p) for r in rules):
            fail(f"没有规则与 {option} {p} 匹配（yusuan rules 列出全部规则）/ no rule matches {option} {p} "
                 "(`yusuan rules` lists them)")
