"""Standard tables with code/name rows (收入总表, 支出总表, 5-1, 5-2, 基本支出, 三公, 基金, 国资, 项目).

Header rows are read into column paths (a merged group header such as 基本支出 spans 小计 / 人员经费 /
公用经费) and mapped to stable keys by :mod:`.vocabulary`. Tables continued on another page are one
section here: repeated header rows are dropped and fragments with a different column count are
aligned from the left, the way the conversions print them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from yusuan.layout import Cell, TableRow
from yusuan.model.budget import Certainty, Column, Row, RowKind, Table, TableKind
from yusuan.model.figures import WAN, Figure
from yusuan.recognize.context import Context, figure_from_text, section_recognition, table_label
from yusuan.recognize.segment import TableSection
from yusuan.templates.vocabulary import CODE, COLUMN_LEAVES, NAME, UNIT_NAME, column_key
from yusuan.text.cjk import key, name_key
from yusuan.text.numbers import is_zero_mark, parse_number

PROJECT_CODE = re.compile(r"^\d{6,}[A-Z]\d{6,}$")
_CODE = re.compile(r"^\d{1,8}$")
_TOTAL_WORDS = frozenset({"合计", "总计"})
_TOTAL_ENDINGS = ("合计", "总计")  # 人员经费合计 / 公用经费合计 close the blocks of a final account
_SPLIT_CODE_LEAVES = {"类": 0, "款": 1, "项": 2}
FUNCTION_TABLES = frozenset(
    {TableKind.EXPENDITURE, TableKind.GPB_BY_FUNCTION, TableKind.GOV_FUND, TableKind.SOE_CAPITAL}
)
UNIT_TABLES = frozenset({TableKind.INCOME, TableKind.GPB_BY_UNIT})


@dataclass
class ColumnSpec:
    index: int
    key: str | None  # value key, a role (@code …), or None for an unlabelled column
    label: str


def clean_code(text: str) -> str:
    """``42010523068 T000000109`` → ``42010523068T000000109``; codes never contain spaces."""
    return re.sub(r"\s+", "", text)


def looks_like_code(text: str) -> bool:
    c = clean_code(text)
    return bool(_CODE.match(c) or PROJECT_CODE.match(c))


_COLUMN_NUMBERS = frozenset({"栏次", "行次", "序号"})
# A code printed with its name in one cell: [201]一般公共服务支出 / 2040601-行政运行 / 201 一般公共服务支出.
_CODE_IN_NAME = (
    re.compile(r"^[\[［【](\d{3,7})[\]］】]\s*(.+)$"),
    re.compile(r"^(\d{3}|\d{5}|\d{7})\s*[-－—]\s*(\D.*)$"),
    re.compile(r"^(\d{3}|\d{5}|\d{7})\s+([^\d\s].*)$"),
)


def split_code_name(text: str) -> tuple[str | None, str]:
    """(code, name) of a label cell that may carry its code: ``[30101]基本工资`` → ("30101", "基本工资")."""
    s = text.strip()
    for p in _CODE_IN_NAME:
        m = p.match(s)
        if m:
            return m.group(1), m.group(2).strip()
    return None, s


def is_column_numbers(row: TableRow) -> bool:
    """A 栏次 row (栏次 | 1 | 2 | 3 …) numbers the columns: it is part of the header."""
    texts = [t for t in row.texts() if t]
    if not texts:
        return False
    if key(texts[0]) in _COLUMN_NUMBERS:
        return True
    numbers = [t for t in texts if re.fullmatch(r"\d{1,2}", t.strip())]
    labels = [t for t in texts if t not in numbers]
    if labels and all(set(key(t)) <= {"*"} for t in labels) and numbers and [int(t) for t in numbers] == list(
            range(1, len(numbers) + 1)):
        return True  # ** | 1 (Zhejiang numbers even a one-column table)
    # 1 | 2 | 3 … under the header, after optional label cells (栏次, **, 甲 …).
    return len(numbers) >= 3 and all(len(key(t)) <= 3 for t in labels) and len(labels) <= 4 and [
        int(t) for t in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _is_data_row(row: TableRow) -> bool:
    if is_column_numbers(row):
        return False
    texts = row.texts()
    first_index = next((i for i, t in enumerate(texts) if t), None)
    if first_index is None:
        return False
    first = texts[first_index]
    numbers = any(parse_number(t) is not None for t in texts[1:] if t)
    if first_index <= 1 and (looks_like_code(first) or split_code_name(first)[0] is not None):
        return True
    if first_index <= 1 and key(first) in _TOTAL_WORDS:
        # 合计 opens a data row, unless the cells after it are more header labels (Shanghai 三公 table:
        # 合计 | 因公出国(境)费 | 公务接待费 | …).
        labels = [t for t in texts[first_index + 1:] if t and parse_number(t) is None and not is_zero_mark(t)]
        return numbers or not labels
    return numbers


def _group_left(cells: list[str], below: list[str], j: int) -> bool:
    """Is column j's own leaf already covered by a group starting further left?"""
    k = j - 1
    while k >= 0 and not cells[k]:
        k -= 1
    return k >= 0 and bool(below[k]) and key(below[k]) == "小计"


def header_paths(header_rows: list[TableRow], width: int) -> list[list[str]]:
    """Column paths from stacked header rows; a blank cell under a group inherits the group label."""
    grid = [[(r.cells[i].text if i < len(r.cells) else "") for i in range(width)] for r in header_rows]
    # Conversions sometimes print a group label one column left of its first child (小计), inside
    # the previous group (Hanyang 收入总表: 上年结转结余 above 其他收入). Move it onto its 小计.
    for level in range(len(grid) - 1):
        cells, below = grid[level], grid[level + 1]
        for j in range(1, width - 1):
            if (cells[j] and not cells[j + 1] and below[j] and key(below[j]) != "小计"
                    and key(below[j + 1]) == "小计" and _group_left(cells, below, j)):
                cells[j + 1], cells[j] = cells[j], ""
    paths: list[list[str]] = [[] for _ in range(width)]
    parent: list[tuple[int, ...]] = [() for _ in range(width)]  # owners of the labels above each column
    for level, row_cells in enumerate(grid):
        below_rows = grid[level + 1 :]
        owners = [i for i in range(width)]  # the column each column's label at this level comes from
        for i in range(width):
            label = row_cells[i]
            if not label and below_rows and any(b[i] for b in below_rows):
                # Inside a horizontally merged group: take the nearest label to the left whose
                # column also has sub-labels (so a lone header like 合计 is not inherited), within
                # the group above (公务接待费's 预算数 is not under 公务用车运行维护费).
                j = i - 1
                while j >= 0 and not row_cells[j] and parent[j] == parent[i]:
                    j -= 1
                if j >= 0 and row_cells[j] and parent[j] == parent[i] and any(b[j] for b in below_rows):
                    label = row_cells[j]
                    owners[i] = j
            if label:
                paths[i].append(label.replace("\n", ""))
        parent = [(*parent[i], owners[i] if paths[i] else -1) for i in range(width)]
    return paths


def column_specs(header_rows: list[TableRow], width: int, document: str = "budget") -> list[ColumnSpec]:
    specs = []
    for i, path in enumerate(header_paths(header_rows, width)):
        leaf = name_key(path[-1]) if path else ""
        if leaf in _SPLIT_CODE_LEAVES:
            specs.append(ColumnSpec(i, f"@code{_SPLIT_CODE_LEAVES[leaf]}", "/".join(path)))
            continue
        specs.append(ColumnSpec(i, column_key(path, document), "/".join(path)))
    seen: set[str] = set()
    for n, sp in enumerate(specs):
        if sp.key and not sp.key.startswith("@") and sp.key in seen:
            # A second column of the same meaning (增减额 … 增减额（扣除中央基建投资）): not the same figure.
            specs[n] = ColumnSpec(sp.index, "label:" + name_key(sp.label), sp.label)
        elif sp.key:
            seen.add(sp.key)
    keys = [sp.key for sp in specs]
    if "total" not in keys and keys.count("subtotal") == 1:
        # 一般公共预算支出 › 小计 | 其中：基本支出 | 项目支出: the table's only 小计 is its total.
        specs = [ColumnSpec(sp.index, "total", sp.label) if sp.key == "subtotal" else sp for sp in specs]
    return specs


@dataclass
class LabelBlock:
    """One list of rows in a table: its label columns and the value columns that follow them.

    Most tables have one; some print two or three side by side (the national final account's
    基本支出决算表: 人员经费 | 公用经费, each with its own 科目代码 / 科目名称 / 决算数 columns).
    """

    code_col: int | None
    name_col: int | None
    unit_col: int | None
    split_code_cols: list[int]
    value_specs: list[ColumnSpec]
    dims: list[int]  # further classification columns (a cross-tabulation of classifications)
    prefix: list[str] = field(default_factory=list)  # the last full split code read (类, 款, 项 parts)


def label_blocks(specs: list[ColumnSpec]) -> list[LabelBlock]:
    """Split the columns into blocks at each repeated code (or name) column."""
    starts: list[int] = []
    seen_roles: set[str] = set()
    for n, sp in enumerate(specs):
        if sp.key in (CODE, NAME) or (sp.key or "").startswith("@code"):
            role = "code" if sp.key != NAME else "name"
            if starts and role in seen_roles and any(
                    x.key and not x.key.startswith("@") for x in specs[starts[-1]:n]):
                starts.append(n)
                seen_roles = {role}
            else:
                if not starts:
                    starts.append(n)
                seen_roles.add(role)
    if len(starts) <= 1:
        groups = [specs]
    else:
        bounds = [*starts[1:], len(specs)]
        groups = [specs[: bounds[0]], *(specs[a:b] for a, b in itertools.pairwise(bounds))]
    out = []
    for g in groups:
        roles: dict[str, int] = {}
        dims: list[int] = []
        for sp in g:
            if not sp.key or not sp.key.startswith("@"):
                continue
            if sp.key in roles or sp.key == "@dim":
                dims.append(sp.index)  # a second label column of the same block
            else:
                roles[sp.key] = sp.index
        out.append(LabelBlock(
            code_col=roles.get(CODE), name_col=roles.get(NAME), unit_col=roles.get(UNIT_NAME),
            split_code_cols=[roles[f"@code{i}"] for i in range(3) if f"@code{i}" in roles],
            value_specs=[s for s in g if s.key and not s.key.startswith("@")], dims=dims))
    return out


def _row_kind(kind: TableKind, code: str | None, name: str, by_unit: bool = True) -> RowKind:
    if code is None:
        k = key(name)
        return RowKind.TOTAL if (not name or k in _TOTAL_WORDS or (k.endswith(_TOTAL_ENDINGS) and len(k) <= 8)) \
            else RowKind.OTHER
    if (kind in UNIT_TABLES and by_unit) or kind is TableKind.PROJECTS:
        if PROJECT_CODE.match(code):
            return RowKind.PROJECT
        if len(code) == 6:
            return RowKind.UNIT
        if len(code) == 3:
            return RowKind.DEPARTMENT
        return RowKind.GROUP
    if len(code) == 3:
        return RowKind.CLASS
    if len(code) == 5:
        return RowKind.SECTION
    if len(code) == 7:
        return RowKind.ITEM
    if len(code) == 6 and code.isdigit() and not code.startswith("2"):
        # A budget unit's row among the function codes (西南大学 105236); function codes begin with 2
        # (类 201 一般公共服务支出 … 234), so 201415 is a function code with a digit missing.
        return RowKind.UNIT
    return RowKind.OTHER


def _same_as_header(row: TableRow, header_keys: set[tuple[str, ...]], header_words: set[str]) -> bool:
    texts = tuple(key(t) for t in row.texts())
    stripped = tuple(t for t in texts if t)
    if stripped in header_keys:
        return True
    return bool(stripped) and all(t in header_words for t in stripped) and not _is_data_row(row)


def parse_table(sec: TableSection, ctx: Context, default_unit: str = WAN, document: str = "budget") -> Table:
    """Parse a code/name standard table section into a :class:`Table`."""
    kind = sec.kind or TableKind.EXPENDITURE
    label = table_label(sec.kind, sec.number, sec.title)
    unit = sec.unit or default_unit
    rows = [(frag, r) for frag, r in sec.rows() if not r.is_blank()]
    header: list[TableRow] = []
    first_data = len(rows)
    for idx, (frag, r) in enumerate(rows):
        if _is_data_row(r):
            first_data = idx
            break
        if frag == rows[0][0] and not is_column_numbers(r):
            header.append(r)
    width = max((len(r.cells) for r in header), default=0)
    specs = column_specs(header, width, document)
    header_keys = {tuple(k for k in (key(t) for t in r.texts()) if k) for r in header}
    header_words = {key(t) for r in header for t in r.texts() if t}
    blocks = label_blocks(specs)
    # A table of the unit kinds listed by function code instead (Shanghai 收入预算总表: 功能分类科目编码
    # in 类/款/项 columns) has class/section/item rows, not departments and units.
    by_unit = not (any(b.split_code_cols for b in blocks) or any("功能分类" in s.label for s in specs))
    first_block = blocks[0]
    if (first_block.code_col is None and first_block.name_col is None and not first_block.split_code_cols
            and kind is not TableKind.THREE_PUBLIC):
        # No labelled code/name columns: assume the usual order (code, name, values…).
        data_firsts = [r.cells[0].text for _, r in rows[first_data:] if r.cells]
        coded = sum(looks_like_code(t) for t in data_firsts)
        if coded and coded >= len(data_firsts) / 2:
            first_block.code_col, first_block.name_col = 0, 1
            first_block.value_specs = [s for s in first_block.value_specs if s.index > 1]
    columns: list[Column] = []
    for b in blocks:
        for sp in b.value_specs:
            if sp.key and all(c.key != sp.key for c in columns):
                columns.append(Column(key=sp.key, label=sp.label))

    rows = [*rows[:first_data], *_rejoined(_aligned(rows[first_data:], rows[0][0] if rows else 0, specs, width))]
    out_rows: list[Row] = []
    data_index = 0
    for _frag, r in rows[first_data:]:
        if _same_as_header(r, header_keys, header_words) or is_column_numbers(r):
            continue
        data_index += 1
        printed = [row for b in blocks if (row := _block_row(r, b, kind, by_unit, unit, ctx, label, data_index))]
        totals = [row for row in printed if row.kind is RowKind.TOTAL]
        if len(totals) > 1:
            # The totals of side-by-side blocks on one printed row (人员经费合计 | 公用经费合计): one row.
            merged = replace(totals[0], name="合计", values={k: v for row in totals for k, v in row.values.items()})
            printed = [merged, *(row for row in printed if row.kind is not RowKind.TOTAL)]
        out_rows.extend(printed)
        # Cells beyond the header's columns (a wider continuation fragment) must be empty.
        for extra in r.cells[width:]:
            if extra.text and (parse_number(extra.text) is not None or not is_zero_mark(extra.text)):
                ctx.problem(
                    "table.extra_cell",
                    f"{label} 第{data_index}行 有表头以外的单元格：{extra.text!r}",
                    ctx.row_ref(r, table=label, row=data_index, text=extra.text),
                )
    if kind in (TableKind.THREE_PUBLIC, TableKind.FINAL_THREE_PUBLIC):
        out_rows, columns = _items_as_columns(out_rows, columns)
    recognition = section_recognition(sec)
    if any(b.dims for b in blocks):
        recognition = replace(recognition, rows=Certainty.GUESS,
                              doubts=("各行按多种分类交叉列示，未按科目逐级核对",))
    return Table(
        kind=kind,
        number=sec.number,
        title=sec.title,
        unit=unit,
        scope=sec.scope,
        columns=columns,
        rows=out_rows,
        notes=[n.text for n in sec.notes],
        recognition=recognition,
        source=ctx.ref(sec.line, sec.page, table=label),
    )


_ITEM_PREFIX = re.compile(r"^(?:其中[:：]?)?\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[一二三四五六七八九十]+、)?\s*")


def _item_key(name: str) -> str | None:
    """The column key a row label names in a table listing 三公 items as rows (1、因公出国（境）费用)."""
    k = name_key(_ITEM_PREFIX.sub("", _ITEM_PREFIX.sub("", name.strip())))
    key_ = COLUMN_LEAVES.get(k) or (COLUMN_LEAVES.get(k[:-2]) if k.endswith("支出") else None)
    if key_ == "three_public":
        return "total"  # the 三公 line of a table that lists 行政经费 beside it
    return key_ if key_ and not key_.startswith("@") else None


def _items_as_columns(rows: list[Row], columns: list[Column]) -> tuple[list[Row], list[Column]]:
    """A 三公 table printed with its items as rows (项目 | 预算数: 合计 / 1、因公出国（境）费用 / …)
    as the one row of items the other templates print: one value per item, from the table's total
    (or only) column; the other columns keep their key as a prefix (gpb.abroad …)."""
    keyed = [(r, _item_key(r.name)) for r in rows]
    if sum(1 for _, k in keyed if k and k != "total") < 2 or any(r.code for r in rows):
        return rows, columns
    main = "total" if any(c.key == "total" for c in columns) else (columns[0].key if columns else None)
    values: dict[str, Figure] = {}
    for r, k in keyed:
        if k is None:
            continue
        for col, fig in r.values.items():
            values[k if col == main else f"{col}.{k}"] = fig
    first = rows[0] if rows else None
    if first is None:
        return rows, columns
    row = Row(kind=RowKind.TOTAL, name="合计", values=values, source=first.source)
    new_columns = [Column(key=k, label=k) for k in values]
    return [row], new_columns


def _shifted(r: TableRow, offset: int) -> TableRow:
    cells = [Cell(text=c.text, col=c.col + offset, raw=c.raw, span=c.span) for c in r.cells if c.col + offset >= 0]
    if offset > 0:
        cells = [Cell(text="", col=i) for i in range(offset)] + cells
    return TableRow(cells=tuple(cells), line=r.line, page=r.page)


def _aligned(rows: list[tuple[int, TableRow]], first_fragment: int, specs: list[ColumnSpec],
             width: int) -> list[tuple[int, TableRow]]:
    """Fragments continued on another page, shifted onto the header's columns.

    A continuation may lose or gain an empty leading column (Beijing 预算03表: page 1 has a blank
    first column, page 2 does not): the offset is the one that puts labels under label columns and
    numbers under amount columns.
    """
    label_cols = {sp.index for sp in specs if sp.key and sp.key.startswith("@")}
    value_cols = {sp.index for sp in specs if sp.key and not sp.key.startswith("@")}
    if not label_cols or not value_cols:
        return rows
    out: list[tuple[int, TableRow]] = []
    by_fragment: dict[int, list[TableRow]] = {}
    for frag, r in rows:
        by_fragment.setdefault(frag, []).append(r)
    offsets: dict[int, int] = {}
    for frag, frag_rows in by_fragment.items():
        if frag == first_fragment:
            offsets[frag] = 0
            continue
        best = (_fit(frag_rows, 0, label_cols, value_cols, width), 0)
        for off in (1, -1, 2, -2):
            score = _fit(frag_rows, off, label_cols, value_cols, width)
            if score > best[0]:
                best = (score, off)
        offsets[frag] = best[1]
    for frag, r in rows:
        off = offsets.get(frag, 0)
        out.append((frag, _shifted(r, off) if off else r))
    return out


def _incomplete_number(text: str, places: int) -> bool:
    parsed = parse_number(text)
    return parsed is not None and "." in text and parsed[1] < places


def _rejoined(rows: list[tuple[int, TableRow]]) -> list[tuple[int, TableRow]]:
    """A row broken by a page break, its end printed at the top of the next page (杭州: "杭州市机动" /
    "车驾驶员考试服务中心", "12,437.3" / "6"), joined again.

    The first row of a fragment is the end of the last row before it when each of its cells lies
    under a cell of that row, and either a number there was cut (fewer decimals than the table
    prints, completed by digits below it) or a name there was cut inside its brackets.
    """
    if len(rows) < 2:
        return rows
    places = Counter(p[1] for _, r in rows for c in r.cells if c.text and (p := parse_number(c.text)) and "." in c.text)
    usual = places.most_common(1)[0][0] if places else 2
    out: list[tuple[int, TableRow]] = [rows[0]]
    for frag, r in rows[1:]:
        prev_frag, prev = out[-1]
        if frag != prev_frag:
            cells = [c for c in r.cells if c.text]
            above = {c.col: c.text for c in prev.cells if c.text}
            under = bool(cells) and all(c.col in above for c in cells)
            numbers_cut = [c for c in cells if parse_number(c.text) is not None]
            cut = under and (
                (numbers_cut and all(re.fullmatch(r"\d{1,2}", c.text) and _incomplete_number(above[c.col], usual)
                                     for c in numbers_cut))
                or (not numbers_cut and any(above[c.col].count("（") > above[c.col].count("）")
                                            or above[c.col].count("(") > above[c.col].count(")") for c in cells)))
            if cut:
                texts = {c.col: c.text for c in cells}
                joined = tuple(Cell(text=c.text + texts.get(c.col, ""), col=c.col, raw=c.raw, span=c.span)
                               for c in prev.cells)
                out[-1] = (prev_frag, TableRow(cells=joined, line=prev.line, page=prev.page))
                continue
        out.append((frag, r))
    return out


def _fit(rows: list[TableRow], offset: int, label_cols: set[int], value_cols: set[int], width: int) -> int:
    score = 0
    for r in rows[:10]:
        for c in r.cells:
            if not c.text:
                continue
            j = c.col + offset
            numeric = parse_number(c.text) is not None
            if j < 0 or j >= width:
                score -= 2
            elif (numeric and j in value_cols) or (not numeric and j in label_cols):
                score += 1
            else:
                score -= 1
    return score


def _block_row(r: TableRow, b: LabelBlock, kind: TableKind, by_unit: bool, unit: str, ctx: Context,
               label: str, data_index: int) -> Row | None:
    """The row one label block of a printed row holds, or None when that block is blank there."""
    cells = r.cells

    def text_at(i: int | None) -> str:
        return cells[i].text if i is not None and i < len(cells) else ""

    if b.split_code_cols:
        parts = [clean_code(text_at(i)) for i in b.split_code_cols]
        if b.prefix and not parts[0] and any(parts[1:]):
            # A 款 or 项 row printing only its own part (长沙: "| 40 |" under "201"): the 类 above.
            parts = [b.prefix[n] if not p and n < len(b.prefix) and any(parts[n + 1:]) else p
                     for n, p in enumerate(parts)]
        code_text = "".join(parts)
        if parts[0]:
            b.prefix = parts
    else:
        code_text = clean_code(text_at(b.code_col))
    name = text_at(b.name_col).replace("\n", "")
    code: str | None = code_text or None
    if code is not None and key(code) in _TOTAL_WORDS:
        name, code = code, None
    elif code is not None and not looks_like_code(code):
        # Text in the code column: a code printed with its name (2040601-行政运行), or a heading such
        # as 本级支出项目 (kept as the name).
        code, rest = split_code_name(text_at(b.code_col))
        name = name or rest
    if code is None and name:
        code, name = split_code_name(name)  # [201]一般公共服务支出 in the name column
    values: dict[str, Figure] = {}
    for s in b.value_specs:
        t = text_at(s.index)
        if not t:
            continue
        assert s.key is not None
        src = ctx.row_ref(r, table=label, row=data_index, column=s.key, text=t)
        fig = figure_from_text(t, unit, src, rate=s.key.startswith("rate:"))
        if fig is None:
            ctx.problem("table.non_numeric", f"{label} 第{data_index}行 {s.label} 列不是数字：{t!r}", src)
            continue
        values[s.key] = fig
    if code is None and not name and not values:
        return None
    if kind in (TableKind.THREE_PUBLIC, TableKind.FINAL_THREE_PUBLIC) and code is None and not name:
        row_kind = RowKind.TOTAL
    else:
        row_kind = _row_kind(kind, code, name, by_unit)
    return Row(
        kind=row_kind,
        code=code,
        name=name or ("合计" if row_kind is RowKind.TOTAL else ""),
        values=values,
        unit_name=text_at(b.unit_col) or None,
        source=ctx.row_ref(r, table=label, row=data_index, text=" | ".join(r.texts())),
    )
