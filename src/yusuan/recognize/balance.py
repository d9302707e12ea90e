"""Two-sided tables: 收支总表 and 财政拨款收支总表 (income lines left, expenditure lines right).

The header tells where the expenditure side starts (the second 项目 column) and how many value
columns each side has (Wuhan: one 预算数 each; Shanghai 财政拨款收支总表: 合计 / 一般公共预算 / 政府性
基金 / 国有资本经营 on the right). Lines are keyed by what they mean; sub-lines under 上年结转 are
carry-over lines; expenditure lines naming a function class get its code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from yusuan.layout import TableRow
from yusuan.model.budget import BalanceLine, BalanceTable, TableKind
from yusuan.model.figures import WAN, Figure
from yusuan.recognize.context import Context, figure_from_text, section_recognition, table_label
from yusuan.recognize.segment import TableSection
from yusuan.recognize.tables import header_paths
from yusuan.templates.vocabulary import (
    EXPENDITURE_LABELS,
    INCOME_LABELS,
    MEASURES,
    column_key,
    ordinal_level,
    strip_ordinal,
)
from yusuan.text.cjk import key, name_key
from yusuan.text.numbers import parse_number

_SIDE_WORDS = frozenset({"收入", "支出", "本年收入", "本年支出", "财政拨款收入", "财政拨款支出"})
# Header words over the label column of a block, and words that name a block of lines (Jiangsu's
# 收支预算总表: 收入 | 功能分类 | 支出用途, each with its own label and amount columns).
_LABEL_WORDS = frozenset({"项目", "项目名称", "功能科目名称", "科目名称", "收入项目", "支出项目"})
_BLOCK_WORDS = frozenset({"功能分类", "支出用途", "支出功能分类", "按支出功能分类", "按支出用途", "支出经济分类"})


_VALUE_KEYS = frozenset({"total", "subtotal", "gpb", "gov_fund", "soe", "basic", "personnel", "public", "project"})
_NEUTRAL = frozenset({"预算数", "金额", "行次", "栏次", *_LABEL_WORDS, *_BLOCK_WORDS})


def _is_header(row: TableRow) -> bool:
    texts = [key(t) for t in row.texts() if t]
    if not texts:
        return True
    if texts[0] in ("栏次",):
        return True
    if any(parse_number(t) is not None for t in texts):
        return False
    return all(t in _SIDE_WORDS or t in _NEUTRAL or column_key([t]) in _VALUE_KEYS or name_key(t) in MEASURES
               for t in texts)


@dataclass
class _Block:
    side: str  # income | expenditure
    label_col: int
    values: list[tuple[int, str]]


def _blocks_from_header(header: list[TableRow], width: int) -> list[_Block]:
    """The blocks of a two-sided table: the income block, then one or more expenditure blocks.

    Each block has a label column (under 项目 / 项目名称 / 功能科目名称 …) and the value columns up
    to the next block, named from their header path: ``amount`` under a plain 预算数 / 金额, else the
    key of the innermost label (合计 → total, 一般公共预算 → gpb …). 行次 columns are not values.
    """
    label_cols = sorted({c.col for r in header for c in r.cells if key(c.text) in _LABEL_WORDS})
    if len(label_cols) < 2:
        label_cols = [0, max(2, width // 2)]
    paths = header_paths(header, width)

    def name(col: int) -> str | None:
        labels = [p for p in paths[col] if key(p) not in _SIDE_WORDS and key(p) not in _NEUTRAL]
        if any(key(p) in ("行次", "栏次") for p in paths[col]):
            return None
        if not labels:
            return "amount"
        k = column_key(labels)
        if k in ("subtotal", "total"):
            return "total"
        return k if k in _VALUE_KEYS else "amount"

    blocks = []
    for n, col in enumerate(label_cols):
        end = label_cols[n + 1] if n + 1 < len(label_cols) else width
        values = [(i, nm) for i in range(col + 1, end) if (nm := name(i)) is not None]
        if len(values) > 1 and all(nm == "amount" for _, nm in values):
            values = values[:1]
        blocks.append(_Block("income" if n == 0 else "expenditure", col, values))
    return blocks


def parse_balance(sec: TableSection, ctx: Context, function_classes: dict[str, str],
                  default_unit: str = WAN) -> BalanceTable:
    """Parse a two-sided table. ``function_classes`` maps class-name keys to 3-digit codes."""
    kind = sec.kind or TableKind.SUMMARY
    label = table_label(sec.kind, sec.number, sec.title)
    unit = sec.unit or default_unit
    rows = [r for _, r in sec.rows() if not r.is_blank()]
    header = []
    for r in rows:
        if _is_header(r):
            header.append(r)
        else:
            break
    width = max((len(r.cells) for r in rows), default=4)
    blocks = _blocks_from_header(header, width)
    income: list[BalanceLine] = []
    expenditure: list[BalanceLine] = []
    in_parent: str | None = None  # key of the last level-1 income line (一、本年收入 / 二、上年结转)
    in_sub: str | None = None  # key of the last level-2 income line
    for index, r in enumerate(rows[len(header):], start=1):
        cells = r.cells

        def text(i: int, cells: tuple = cells) -> str:
            return cells[i].text if i < len(cells) else ""

        if key(text(blocks[0].label_col)) == "栏次" or (_is_header(r) and any(t for t in r.texts())):
            continue  # the column-number row of a final account; a header repeated on the next page
        for n, b in enumerate(blocks):
            t = text(b.label_col)
            if not t:
                continue
            values = b.values
            if not any(text(c) for c, _ in values):
                # A total whose amount stands in a later block's column (merged cells: 当年支出小计
                # under 功能分类, its amount under 支出用途) when that block has no line here.
                spill = next((later.values for later in blocks[n + 1:]
                              if not text(later.label_col) and any(text(c) for c, _ in later.values)), None)
                values = spill or values
            if b.side == "income":
                k = _income_key(t, in_parent, in_sub)
                level = ordinal_level(t)
                if level == 1 or k in ("current_total", "carryover", "total"):
                    in_parent, in_sub = k, None
                elif level == 2:
                    in_sub = k
                income.append(_line(t, k, None, values, cells, r, ctx, label, index, unit))
            else:
                k, code = _expenditure_key(t, function_classes)
                expenditure.append(_line(t, k, code, values, cells, r, ctx, label, index, unit))
    return BalanceTable(
        kind=kind,
        number=sec.number,
        title=sec.title,
        unit=unit,
        scope=sec.scope,
        income=_grand_total_last(income),
        expenditure=_grand_total_last(expenditure),
        notes=[n.text for n in sec.notes],
        recognition=section_recognition(sec),
        source=ctx.ref(sec.line, sec.page, table=label),
    )


def _grand_total_last(lines: list[BalanceLine]) -> list[BalanceLine]:
    """A second 本年…合计 after the first and its carry-over (当年支出小计 … 结转下年资金 … 支出合计) is
    the side's grand total."""
    currents = [i for i, ln in enumerate(lines) if ln.key == "current_total"]
    if len(currents) == 2 and not any(ln.key == "total" for ln in lines):
        i = currents[1]
        lines = [*lines[:i], replace(lines[i], key="total"), *lines[i + 1:]]
    return lines


def _income_key(text: str, parent: str | None, sub: str | None) -> str:
    bare = name_key(strip_ordinal(text))
    k = INCOME_LABELS.get(bare)
    level = ordinal_level(text)
    if parent == "carryover" and level == 2 and k in ("gpb", "gov_fund", "soe", "special_account"):
        return f"carryover.{k}"
    if k is not None:
        return k
    if level is None and sub is not None:
        # An unnumbered sub-line (Hanyang: 经费拨款(补助) under 一般公共预算拨款).
        return f"{sub}.detail:{bare}"
    return f"label:{bare}"


def _expenditure_key(text: str, function_classes: dict[str, str]) -> tuple[str, str | None]:
    bare = name_key(strip_ordinal(text))
    k = EXPENDITURE_LABELS.get(bare)
    if k is not None:
        return k, None
    code = function_classes.get(bare)
    if code is not None:
        return f"fn:{code}", code
    return f"fn_name:{bare}", None


def _line(text: str, k: str, code: str | None, value_cols: list[tuple[int, str]], cells: tuple,
          r: TableRow, ctx: Context, label: str, index: int, unit: str) -> BalanceLine:
    values: dict[str, Figure] = {}
    for col, name in value_cols:
        if col >= len(cells) or not cells[col].text:
            continue
        t = cells[col].text
        src = ctx.row_ref(r, table=label, row=index, column=f"{k}:{name}", text=t)
        fig = figure_from_text(t, unit, src)
        if fig is None:
            ctx.problem("table.non_numeric", f"{label} {text} 的金额不是数字：{t!r}", src)
            continue
        values[name] = fig
    return BalanceLine(label=text, key=k, code=code, values=values,
                       source=ctx.row_ref(r, table=label, row=index, text=text))
