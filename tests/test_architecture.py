"""The dependency direction of docs/architecture.md holds, and template ids stay in the template machinery.

Every import in src/yusuan — at module level, inside functions and under TYPE_CHECKING alike — is
checked against the layer order that docs/architecture.md writes down (the test reads it from
there, so the document and the test cannot disagree).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "yusuan"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# Above the api layer, documents are read only through yusuan.api (docs/architecture.md).
READING = {"readers", "recognize"}


def layers() -> list[set[str]]:
    """The layer line of docs/architecture.md: ``errors → text → … → cli``, peers joined by ``|``."""
    line = next(x for x in ARCHITECTURE.read_text(encoding="utf-8").splitlines() if x.strip().startswith("errors →"))
    return [{p.strip() for p in level.split("|")} for level in line.strip().split("→")]


def level_of() -> dict[str, int]:
    return {p: i for i, level in enumerate(layers()) for p in level}


def component(module: str) -> str:
    """The top-level package or module of ``yusuan.x.y`` (``yusuan`` itself: the public face, with api)."""
    parts = module.split(".")
    assert parts[0] == "yusuan", module
    if len(parts) == 1 or parts[1] == "__init__":
        return "api"
    if parts[1] == "__main__":
        return "cli"
    return parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, package: str | None = None) -> Iterator[tuple[int, str]]:
    """(line, imported yusuan module) for every import statement of a source file (``package``: the
    package the file is in, for relative imports; by default from its place under src/)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "yusuan":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.split(".")[0] != "yusuan":
                continue
            if module == "yusuan":  # from yusuan import quantities → yusuan.quantities
                for alias in node.names:
                    yield node.lineno, f"yusuan.{alias.name}" if (SRC / alias.name).exists() or \
                        (SRC / f"{alias.name}.py").exists() else "yusuan"
            else:
                yield node.lineno, module


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_package_has_a_layer():
    known = level_of()
    components = {component(module_name(p)) for p in sources()}
    assert components - set(known) == set(), "add the new package to the layer line of docs/architecture.md"
    assert set(known) - components == set(), "the layer line names a package that does not exist"


def test_dependencies_point_down():
    level = level_of()
    wrong = []
    for path in sources():
        here = component(module_name(path))
        for line, module in imports(path):
            there = component(module)
            if there != here and level[there] >= level[here]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} {here} imports {module} ({there} is not below {here})")
    assert wrong == [], "\n".join(wrong)


def test_reading_goes_through_the_api():
    level = level_of()
    above = {c for c, i in level.items() if i > level["api"]}
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {module}: read documents through yusuan.api"
             for path in sources() if component(module_name(path)) in above
             for line, module in imports(path) if component(module) in READING]
    assert wrong == [], "\n".join(wrong)


def test_the_checker_does_not_import_the_commands():
    """The command line is on top: no module below it imports yusuan.cli (the checker's and the
    renderer's commands used to live in rules/cli.py and render/cli.py)."""
    wrong = [f"{p.relative_to(ROOT)}:{line}" for p in sources() if component(module_name(p)) != "cli"
             for line, module in imports(p) if component(module) == "cli"]
    assert wrong == []
    assert not (SRC / "rules" / "cli.py").exists() and not (SRC / "render" / "cli.py").exists()


def test_the_import_check_sees_what_it_must(tmp_path: Path):
    """The checker of this file finds imports inside functions, relative imports and ``from yusuan import``."""
    f = tmp_path / "probe.py"
    f.write_text("def f():\n    from yusuan.cli import main\n    from ..render import build\n"
                 "from yusuan import quantities\nimport yusuan.readers.text\n", encoding="utf-8")
    assert {m for _, m in imports(f, "yusuan.rules")} == {"yusuan.cli", "yusuan.render", "yusuan.quantities",
                                                          "yusuan.readers.text"}


# -- template ids ------------------------------------------------------------------------------

TEMPLATE_IDS = {"wuhan", "shanghai", "unknown"}

# Places outside src/yusuan/templates/ that still name a template id, as lines per file. They are
# being removed (issue 9: "no code outside the template machinery branches on a template's name");
# a count may go down, never up, and no other file may start naming one.
KNOWN_REMAINING = {
    # The model's default profile is the id of templates.UNKNOWN: the model sits below the templates.
    "src/yusuan/model/budget.py": 1,
    # The renderer, derivation and the entry workbook still branch on wuhan/shanghai (being removed).
    "src/yusuan/render/shanghai.py": 1,
    "src/yusuan/render/tables.py": 2,
    "src/yusuan/render/compose.py": 1,
    "src/yusuan/derive/__init__.py": 4,
    "src/yusuan/derive/from_claims.py": 1,
    "src/yusuan/derive/templates.py": 3,
    "src/yusuan/entry/canonical.py": 5,
    "src/yusuan/entry/template.py": 5,
    "src/yusuan/entry/workbook.py": 5,
}


_EQUALITY = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


def _is_profile(node: ast.AST) -> bool:
    """``x.profile`` or ``profile.id`` / ``x.profile.id``."""
    if isinstance(node, ast.Attribute) and node.attr == "profile":
        return True
    if isinstance(node, ast.Attribute) and node.attr == "id":
        v = node.value
        return (isinstance(v, ast.Name) and v.id == "profile") or (isinstance(v, ast.Attribute) and v.attr == "profile")
    return False


def template_id_lines(path: Path) -> set[int]:
    """Lines that spell a template id as a string or compare a profile with ==, !=, in."""
    return {node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if _spells_id(node) or _compares_profile(node)}


def _spells_id(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in TEMPLATE_IDS


def _compares_profile(node: ast.AST) -> bool:
    return (isinstance(node, ast.Compare) and any(isinstance(op, _EQUALITY) for op in node.ops)
            and any(_is_profile(x) for x in (node.left, *node.comparators)))


def test_no_template_id_outside_the_template_machinery():
    templates = SRC / "templates"
    found = {}
    for path in sources():
        if templates in path.parents:
            continue
        lines = template_id_lines(path)
        if lines:
            found[str(path.relative_to(ROOT))] = sorted(lines)
    new = {f: lines for f, lines in found.items() if len(lines) > KNOWN_REMAINING.get(f, 0)}
    assert new == {}, ("a template id compared or spelled outside src/yusuan/templates/ (ask the template: "
                       f"Template.requires/option/unit_of …): {new}")


def test_the_id_check_sees_what_it_must(tmp_path: Path):
    f = tmp_path / "probe.py"
    f.write_text('if budget.meta.profile == x:\n    pass\nif ctx.profile.id != y:\n    pass\nname = "shanghai"\n'
                 'ok = get_template(budget.meta.profile)\n', encoding="utf-8")
    assert template_id_lines(f) == {1, 3, 5}


def test_model_default_profile_is_the_unknown_template():
    from yusuan.model.budget import Meta
    from yusuan.templates import UNKNOWN

    assert re.fullmatch(r"[a-z_]+", UNKNOWN.id)
    assert Meta().profile == UNKNOWN.id
