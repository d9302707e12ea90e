"""``yusuan templates``: the known templates and what each requires; docs/templates.md from the same data.

Everything shown comes from the template files (``yusuan/templates/data/templates/*.yaml``, loaded
by :func:`yusuan.templates.all_templates`) and, for the names of what they ask, from the rules that
enforce it (each requirement names its rule, so a reader can look the rule up in docs/rules.md).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from yusuan.cli.common import fail

if TYPE_CHECKING:
    from yusuan.templates import Template


class TemplatesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


# Which rule enforces each requirement a template can state (rules/structure.py, rules/performance.py).
CHECK_RULES = {"glossary": "S007", "glossary_items": "S008", "overview": "S009", "project_sheets": "P001"}
PROJECT_FORMS = {
    "sheet": "项目支出绩效目标表（项目申报表，含绩效目标）/ a performance sheet with targets per project",
    "note": "项目经费情况说明（文字说明，S020）/ a project note in prose per project (S020)",
    "": "不要求 / none required",
}
_DOCUMENT = {"budget": "部门预算 / budget", "final": "部门决算 / final accounts"}


def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Chinese names of narrative topics and subjects: the names S006 prints when one is missing."""
    from yusuan.rules import structure

    return dict(structure._TOPIC_NAMES), dict(structure._SUBJECT_NAMES)


def _rule_titles() -> dict[str, str]:
    from yusuan.rules.registry import registry

    return {r.id: r.title for r in registry().values()}


def describe(t: Template) -> dict[str, Any]:
    """A template as JSON-ready data: what a document of it must contain, and how it is detected."""
    from yusuan.templates.family import standard_name

    topics, subjects = _names()
    rules = _rule_titles()
    return {
        "id": t.id,
        "name": t.name,
        "known": t.known,
        "document": t.document,
        "region": t.region,
        "sources": list(t.sources),
        "units": {"tables": t.table_unit, "narrative": t.narrative_unit},
        "parts": t.has_parts,
        "numbers_printed": t.numbers_printed,
        "tables": [{"kind": x.kind.value, "standard_name": standard_name(x.kind), "number": x.number,
                    "title": x.title, "synonyms": list(x.synonyms), "required": x.required,
                    "unit": x.unit or t.table_unit} for x in t.table_list],
        "narrative": {
            "topics": [{"id": x, "name": topics.get(x, x)} for x in t.narrative_topics],
            "subjects": [{"id": x, "name": subjects.get(x, x)} for x in t.narrative_subjects],
            "statements": [{"quantity": s.quantity, "claim": s.claim, "what": s.what} for s in t.statements],
        },
        "checks": [{"id": c, "rule": CHECK_RULES.get(c), "title": rules.get(CHECK_RULES.get(c, ""), c)}
                   for c in sorted(t.checks)],
        "project_form": t.project_form,
        "detect": {"parts": t.detect_parts, "min_share": t.min_share, "any_titles": list(t.any_titles)},
        "options": dict(t.options),
    }


def _templates(template_id: str | None) -> list[Template]:
    from yusuan.templates import all_templates

    known = all_templates()
    if template_id is None:
        return list(known.values())
    if template_id not in known:
        fail(f"未知模板 {template_id}（可选：{'、'.join(known)}）/ unknown template: {template_id} "
             f"(known: {', '.join(known)})")
    return [known[template_id]]


def _yes(value: bool) -> str:
    return "是 / yes" if value else "否 / no"


def _structure(d: dict[str, Any]) -> str:
    parts = "第一部分…第四部分 / numbered parts" if d["parts"] else "按主题命名的章节 / chapters titled by topic"
    numbers = "表号印在表上 / numbers printed on the tables" if d["numbers_printed"] else \
        "表号只在目录中 / numbers in the contents only"
    return f"{parts}；{numbers}"


def _detection(d: dict[str, Any]) -> str:
    det = d["detect"]
    text = f"至少 {det['min_share']:.0%} 的表以本模板的标题（及表号）印出 / at least {det['min_share']:.0%} of its " \
           "tables printed under its own titles (and numbers)"
    if det["parts"] is not None:
        text += "；" + ("有第X部分标题 / has 第X部分 headings" if det["parts"] else "无第X部分标题 / no 第X部分 headings")
    if det["any_titles"]:
        text += "；印有其一 / prints one of: " + "、".join(det["any_titles"])
    return text


def _print_text(items: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for i, d in enumerate(items):
        if i:
            console.print()
        if not d["known"]:
            console.print(f"[bold]{d['id']}[/bold]  {d['name']}：不要求任何表或说明，只运行与模板无关的检查 / requires "
                          "nothing: only the checks that need no template run")
            continue
        console.print(f"[bold]{d['id']}[/bold]  {d['name']}  {_DOCUMENT.get(d['document'], d['document'])}  {d['region']}")
        t = Table(show_header=True, header_style="bold")
        for col in ("表号", "标题 / title", "同义标题 / synonyms", "单位", "必需"):
            t.add_column(col, overflow="fold")  # rich cuts CJK text that does not fit with "…" otherwise
        for x in d["tables"]:
            t.add_row(x["number"] or "", x["title"], "、".join(x["synonyms"]), x["unit"], _yes(x["required"]))
        console.print(t)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in _lines(d):
            grid.add_row(label.split(" / ")[0], value)
        console.print(grid)


def _lines(d: dict[str, Any]) -> list[tuple[str, str]]:
    n = d["narrative"]
    none = "—"
    return [
        ("单位 / units", f"表格 {d['units']['tables']}，情况说明 {d['units']['narrative']} / tables, narrative"),
        ("结构 / structure", _structure(d)),
        ("情况说明各部分 / narrative sections (S006)", "、".join(f"{x['name']}（{x['id']}）" for x in n["topics"]) or none),
        ("其他相关情况说明 / other statements (S006)", "、".join(f"{x['name']}（{x['id']}）" for x in n["subjects"]) or none),
        ("须写明 / required statements (S019)",
         "；".join(f"{s['what']}（{s['quantity']}，{s['claim']}）" for s in n["statements"]) or none),
        ("完整性检查 / completeness checks",
         "；".join(f"{c['title']}（{c['id']}，{c['rule']}）" for c in d["checks"]) or none),
        ("项目说明 / projects", PROJECT_FORMS.get(d["project_form"], d["project_form"])),
        ("识别 / detection", _detection(d)),
        ("依据 / sources", "、".join(d["sources"]) or none),
    ]


def templates_markdown() -> str:
    """docs/templates.md: the adding-a-template guide and every known template (tests keep it in sync)."""
    from yusuan.templates import all_templates

    out = [GUIDE.rstrip(), "", "## The known templates", "",
           "Generated from the template files by `yusuan templates --format markdown > docs/templates.md`.", ""]
    for t in all_templates().values():
        d = describe(t)
        if not d["known"]:
            out += [f"### `{d['id']}` — {d['name']}", "",
                    "A document whose template is not known. It requires nothing: only the checks that need no "
                    "template run (arithmetic within and across the tables recognised, narrative claims tied to a "
                    "table), and S021 lists the tables that were recognised.", ""]
            continue
        out += [f"### `{d['id']}` — {d['name']}", "",
                f"{_DOCUMENT.get(d['document'], d['document'])} · {d['region']}", "",
                "| 表号 | 标题 | 同义标题 | 类型 kind | 单位 | 必需 |", "|---|---|---|---|---|---|"]
        for x in d["tables"]:
            out.append(f"| {x['number'] or ''} | {x['title']} | {'、'.join(x['synonyms'])} | `{x['kind']}` | {x['unit']} "
                       f"| {_yes(x['required'])} |")
        out.append("")
        out += [f"- **{label}**: {value}" for label, value in _lines(d)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def templates(
    template_id: Annotated[str | None, typer.Argument(metavar="[TEMPLATE]", help="只显示这个模板 / show only this "
                                                                                 "template")] = None,
    format: Annotated[TemplatesFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = TemplatesFormat.text,
) -> None:
    """列出已知的模板及各自的要求 / List the known templates and what each requires."""
    if format is TemplatesFormat.markdown:
        if template_id is not None:
            fail("--format markdown 输出全部模板 / --format markdown prints every template")
        sys.stdout.write(templates_markdown())
        return
    items = [describe(t) for t in _templates(template_id)]
    if format is TemplatesFormat.json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_text(items)


def register(app: typer.Typer) -> None:
    app.command("templates")(templates)


GUIDE = """\
# Templates: what each region's disclosure contains, and how to add one

Every department in China publishes the same national family of tables (收支总表, 收入总表, 支出总表,
财政拨款收支总表, 一般公共预算支出表, 基本支出表, “三公”经费表, 政府性基金, 国有资本经营 …), but each
province, city and the central government prints them in its own layout: its own table list, titles,
numbers, units, part or chapter headings and required statements. yusuan keeps what varies by
region as data:

- `src/yusuan/templates/data/family.yaml` — the national family: the kinds of table, how a printed
  title names a kind (in any region's wording), heading roles, empty-table and note markers. A table
  is recognised by this file alone, whatever template the document follows.
- `src/yusuan/templates/data/templates/<id>.yaml` — one file per regional template (and document
  kind): what a document of that template must contain. Recognition (units, table numbers),
  completeness rules and the renderer read it; no code outside `yusuan/templates/` branches on a
  template's id.

`yusuan templates` lists the known templates and what each requires (`--format json` for
programs); the second half of this page is its output.

## Adding a region's template

1. **Read the documents first.** Take two or more published disclosures of the region (a
   department budget and a unit budget, or two departments) and note from their contents pages and
   table pages: every table with its number and printed title, the unit of each table and of the
   narrative, whether the parts are headed 第一部分 … or titled by topic, the narrative's sections,
   and what the region's own rules require to be stated. Write down where each fact comes from.

2. **Write `src/yusuan/templates/data/templates/<id>.yaml`** (copy `wuhan.yaml` or `shanghai.yaml`;
   comment every value with its source). The fields, as `yusuan.templates._template` reads them:

   | field | meaning |
   |---|---|
   | `id` | stable identifier (name the file `<id>.yaml`): `--profile <id>`, `meta.profile` in the model, `profile` in reports; unique |
   | `name` | Chinese name shown to users (e.g. 武汉市区级部门预算（12张表）) |
   | `document` | `budget` (部门预算) or `final` (部门决算); only documents of this kind are matched |
   | `region` | the region in Chinese |
   | `sources` | the documents (file names of the corpus, or a regulation) the description was taken from |
   | `parts` | `true`: the document has 第一部分 … 第四部分 headings; `false`: chapters titled by topic (…主要职能, 名词解释, …预算编制说明). Also a detection condition |
   | `numbers_printed` | `true`: 表N is printed above each title; `false`: only the contents number the tables (findings then name a table by its title) |
   | `units.tables`, `units.narrative` | the unit of the tables and of the narrative (万元 or 元); a table printed in another unit sets its own `unit` |
   | `tables` | the table list in the template's order: `kind` (a kind of family.yaml), `number` (as printed: "5-1"), `title` (the template's own title, after the year and 部门/单位 prefix), optional `synonyms` (other titles the region uses for the same table), `required` (default `true`: S001 reports it missing) and `unit` |
   | `detect.min_share` | detection: the share of the template's tables that must be printed under its own titles (and numbers, when printed), default 0.6 |
   | `detect.any_titles` | detection: titles no other template prints; the document must print at least one |
   | `narrative.topics` | the sections the narrative must have (S006): `overview`, `income`, `expenditure`, `fiscal`, `gpb`, `gpb_basic`, `gov_fund`, `soe`, `three_public`, `projects`, `other` |
   | `narrative.subjects` | the sub-sections its 其他相关情况说明 must have (S006): `admin_cost`, `procurement`, `performance`, `assets` |
   | `narrative.statements` | statements the region requires (S019): `quantity` (a name of `yusuan.quantities`, e.g. `three_public.total`), `claim` (a kind of `yusuan.model.ClaimKind`: `amount`, `share`, `change`, `change_rate`, `prior`, `count`) and `what` (the Chinese words of the finding when it is missing) |
   | `checks` | completeness checks the template asks for: `glossary` (a 名词解释 is published, S007), `glossary_items` (it explains every 项 used, S008), `overview` (part 1 states functions, units and staffing, S009), `project_sheets` (every project has its performance sheet, P001) |
   | `project_form` | how projects are described: `sheet` (项目支出绩效目标表 with targets), `note` (项目经费情况说明 in prose, S020) or empty |
   | `options` | rendering and entry options (`render_default: true`: data that names no template is rendered in this one) |

3. **How detection works.** The recognizer first finds every table by its title and header using
   family.yaml alone. It then tries each template of the document's kind (`document`): the
   template is a candidate when the document's 第X部分 headings agree with `parts`, at least
   `min_share` of the template's tables are printed under the template's own `title` or `synonyms`
   (with the template's number, when `numbers_printed`), and, when `any_titles` is given, one of
   those titles is printed. The candidate with most matching tables wins; with none, the document is
   `unknown` and gets only the template-free checks. Titles are compared in key form (no spaces,
   full-width folded, quotes removed); a printed title matches when it ends with the template's
   title, so a year and 部门/单位 before it do not matter.
   `--profile <id>` overrides detection.

4. **When a title is not recognised at all** (S021 lists the tables that were, `yusuan parse`
   shows `table.unrecognized` problems), teach the family its wording, not the template: add the
   words to the rule of that kind under `titles:` in family.yaml (`all`: words the title must
   contain, `any`: one of which it must contain, `none`: words it must not contain; rules are tried
   in order, so put a narrower rule before a broader one). A new heading word for a part goes
   under `headings:`, a new way of saying "this table is empty" under `empty_markers:`. Write the
   document the words come from in a comment.

5. **Test it on the documents.**

   ```bash
   yusuan templates <id>                                   # the file is read as you meant it
   yusuan parse doc.pdf | python -c "import json,sys; print(json.load(sys.stdin)['meta']['profile'])"
   yusuan summary doc.pdf                                  # template, units and the tables found
   yusuan check doc.pdf --select 'S*'                      # completeness against the template
   yusuan check doc.pdf                                    # then read every finding against the document
   ```

   Every error finding must be true of the document: open the page (`pdftotext -layout -f N -l N
   doc.pdf -`) and confirm it. Add the documents' expected values to `tests/corpus/expected/`
   (written by hand from the documents; `python tests/corpus/compare.py <name>` compares), run the
   test suite (the Wuhan and Shanghai tests must pass unchanged), and regenerate this page with
   `yusuan templates --format markdown > docs/templates.md` (a test keeps it in sync).
"""
