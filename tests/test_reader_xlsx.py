"""XLSX reader: the real disclosures written as workbooks read back to the same layout; numbers as
the spreadsheet shows them; title rows as text; merged, hidden and damaged content."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest

from yusuan.errors import UnreadableError
from yusuan.layout import TableBlock, TextBlock
from yusuan.readers import read_layout
from yusuan.readers._office_numfmt import format_datetime, format_number
from yusuan.readers.xlsx import read_xlsx

from conftest import HANYANG, QIAOKOU
from helpers.office_docs import assert_same_reading, rewrite_zip, to_xlsx

xlsxwriter = pytest.importorskip("xlsxwriter")


def workbook(build) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    build(book)
    book.close()
    return out.getvalue()


def shape(layout):  # type: ignore[no-untyped-def]
    """Blocks as ("text", text, page, line) / ("table", page, line, rows)."""
    out = []
    for b in layout.blocks:
        if isinstance(b, TextBlock):
            out.append(("text", b.text, b.page, b.line))
        else:
            out.append(("table", b.page, b.line, [[c.text for c in r.cells] for r in b.rows]))
    return out


def budget_sheet(book, name: str = "收支总表") -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(name)
    border = book.add_format({"border": 1})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    plain2 = book.add_format({"border": 1, "num_format": "0.00"})
    percent = book.add_format({"border": 1, "num_format": "0.00%"})
    ws.merge_range("A1:D1", "一、收支总表", book.add_format({"bold": True, "align": "center"}))
    ws.write_string("D2", "单位：万元")
    ws.merge_range("A3:B3", "收入", border)
    ws.merge_range("C3:D3", "支出", border)
    ws.write_row("A4", ["项目", "预算数", "项目", "占比"], border)
    ws.write_string("A5", "一般公共预算拨款收入", border)
    ws.write_number("B5", 2840.98, money)
    ws.write_string("C5", "一般公共服务支出", border)
    ws.write_number("D5", 0.5917, percent)
    ws.write_string("A6", "项目支出", border)
    ws.write_number("B6", 1160.1, plain2)
    ws.write_string("C6", "合计", border)
    ws.write_number("D6", 1234, border)
    ws.write_string("A8", "注：本表不含政府性基金。")


# ----- the real documents, round trip ------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("source", [QIAOKOU, HANYANG], ids=["qiaokou", "hanyang"])
def test_corpus_round_trip(source):
    original = read_layout(source)
    layout = read_xlsx("roundtrip.xlsx", to_xlsx(original))
    assert layout.format == "xlsx"
    assert layout.problems == []
    assert_same_reading(original, layout)


# ----- titles, merges and number formats -----------------------------------------------------------

def test_merged_title_unit_line_table_and_note():
    layout = read_xlsx("b.xlsx", workbook(budget_sheet))
    assert shape(layout) == [
        ("text", "一、收支总表", 1, 1),
        ("text", "单位：万元", 1, 2),
        ("table", 1, 3, [
            ["收入", "", "支出", ""],
            ["项目", "预算数", "项目", "占比"],
            ["一般公共预算拨款收入", "2,840.98", "一般公共服务支出", "59.17%"],
            ["项目支出", "1160.10", "合计", "1234"],
        ]),
        ("text", "注：本表不含政府性基金。", 1, 8),
    ]
    header = layout.table_blocks()[0].rows[0]
    assert [c.span for c in header.cells] == [2, 1, 2, 1]
    assert [c.col for c in header.cells] == [0, 1, 2, 3]


def test_stored_digits_not_floats_decide_the_text():
    data = workbook(budget_sheet)
    # Older Excel writes 17 significant digits: the nearest double to 1160.1 as 1160.0999999999999.
    data = rewrite_zip(data, "xl/worksheets/sheet1.xml",
                       lambda xml: xml.replace("<v>1160.1</v>", "<v>1160.0999999999999</v>"))
    row = read_xlsx("b.xlsx", data).table_blocks()[0].rows[3]
    assert row.cells[1].text == "1160.10"


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (2840.98, "#,##0.00", "2,840.98"),
    (1160.1, "0.00", "1160.10"),
    (1160.0999999999999, "0.00", "1160.10"),
    (Decimal("1160.0999999999999"), "0.00", "1160.10"),
    (2.675, "0.00", "2.68"),  # Excel rounds the 15-digit value half away from zero
    (371514655, "#,##0.00", "371,514,655.00"),
    (0.5917, "0.00%", "59.17%"),
    (0.1 + 0.2, "General", "0.3"),
    (45, "General", "45"),
    (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"),
    (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
    (-1234.5, "#,##0.00", "-1,234.50"),
    (0, '#,##0.00;-#,##0.00;"-"', "-"),
    (1234567, "#,##0,", "1,235"),
    (12, '[$¥-804]#,##0.00', "¥12.00"),
    (12, '0.00"万元"', "12.00万元"),
    (3.1, "0.0#", "3.1"),
    (-0.001, "0.00", "0.00"),
])
def test_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (datetime(2026, 1, 5), 'yyyy"年"m"月"d"日"', "2026年1月5日"),
    (datetime(2026, 1, 5, 14, 3, 9), "yyyy-mm-dd hh:mm:ss", "2026-01-05 14:03:09"),
    (datetime(2026, 1, 5, 14, 3), '上午/下午h"时"mm"分"', "下午2时03分"),
    (date(2026, 1, 5), "yyyy/m/d", "2026/1/5"),
])
def test_date_formats(value, fmt, shown):
    assert format_datetime(value, fmt) == shown


def test_dates_in_a_sheet_are_shown_as_dates():
    def build(book):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet()
        border = book.add_format({"border": 1})
        ws.write_row("A1", ["填报日期", "金额"], border)
        ws.write_datetime("A2", datetime(2026, 1, 5), book.add_format({"border": 1, "num_format": 'yyyy"年"m"月"d"日"'}))
        ws.write_number("B2", 8.5, book.add_format({"border": 1, "num_format": "0.00"}))

    assert shape(read_xlsx("d.xlsx", workbook(build)))[0][3] == [["填报日期", "金额"], ["2026年1月5日", "8.50"]]


# ----- sheets without borders, several tables, hidden content --------------------------------------

def test_sheet_without_borders_falls_back_to_shape():
    def build(book):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet()
        ws.write_string("A1", "三、支出总表")
        ws.write_string("A2", "编制单位：某局")
        ws.write_string("C2", "单位：万元")
        ws.write_row("A3", ["科目编码", "科目名称", "合计"])
        ws.write_row("A4", ["201", "一般公共服务支出"])
        ws.write_number("C4", 16.2, book.add_format({"num_format": "0.00"}))
        ws.write_string("A6", "注：空白表示零。")

    assert shape(read_xlsx("s.xlsx", workbook(build))) == [
        ("text", "三、支出总表", 1, 1),
        ("text", "编制单位：某局单位：万元", 1, 2),  # one visual line, repaired like a PDF line
        ("table", 1, 3, [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "16.20"]]),
        ("text", "注：空白表示零。", 1, 6),
    ]


def test_two_tables_in_one_sheet_and_sheet_index_as_page():
    def build(book):  # type: ignore[no-untyped-def]
        book.add_worksheet("空")
        ws = book.add_worksheet("表")
        border = book.add_format({"border": 1})
        ws.write_string("B1", "七、三公经费")
        ws.write_row("B2", ["合计", "接待"], border)
        ws.write_row("B3", ["0.20", "0.20"], border)
        ws.write_string("B5", "八、政府性基金")
        ws.write_row("B6", ["科目", "合计"], border)

    assert shape(read_xlsx("t.xlsx", workbook(build))) == [
        ("text", "七、三公经费", 2, 1),
        ("table", 2, 2, [["合计", "接待"], ["0.20", "0.20"]]),
        ("text", "八、政府性基金", 2, 5),
        ("table", 2, 6, [["科目", "合计"]]),
    ]


def test_hidden_rows_columns_and_sheets_are_not_read_but_reported():
    def build(book):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet("表")
        border = book.add_format({"border": 1})
        ws.write_row("A1", ["编码", "内部ID", "名称"], border)
        ws.write_row("A2", ["201", "x-1", "一般公共服务支出"], border)
        ws.write_row("A3", ["999", "x-2", "草稿行"], border)
        ws.set_column("B:B", None, None, {"hidden": True})
        ws.set_row(2, None, None, {"hidden": True})
        hidden = book.add_worksheet("底稿")
        hidden.write_string("A1", "不公开")
        hidden.hide()

    layout = read_xlsx("h.xlsx", workbook(build))
    assert shape(layout) == [("table", 1, 1, [["编码", "名称"], ["201", "一般公共服务支出"]])]
    assert sorted(p.code for p in layout.problems) == ["xlsx.hidden_cells", "xlsx.hidden_sheet"]


def test_formula_without_saved_result_is_reported():
    def build(book):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet()
        border = book.add_format({"border": 1})
        ws.write_row("A1", ["a", "b", "合计"], border)
        ws.write_row("A2", [1, 2], border)
        ws.write_formula("C2", "=A2+B2", border)

    data = rewrite_zip(workbook(build), "xl/worksheets/sheet1.xml", lambda xml: xml.replace("<v>0</v>", ""))
    layout = read_xlsx("f.xlsx", data)
    assert shape(layout)[0][3][1] == ["1", "2", ""]
    assert [p.code for p in layout.problems] == ["xlsx.formula_uncached"]


# ----- bad input -----------------------------------------------------------------------------------

def test_empty_workbook_is_unreadable_with_no_tables():
    data = workbook(lambda book: book.add_worksheet())
    with pytest.raises(UnreadableError, match="no tables"):
        read_xlsx("empty.xlsx", data)


@pytest.mark.parametrize("damage", ["truncated", "bad_sheet_xml", "no_workbook"])
def test_damaged_workbook_is_unreadable(damage):
    data = workbook(budget_sheet)
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "bad_sheet_xml":
        data = rewrite_zip(data, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    else:
        data = rewrite_zip(data, "xl/workbook.xml", lambda xml: "<")
    with pytest.raises(UnreadableError) as err:
        read_xlsx("bad.xlsx", data)
    assert "\n" not in str(err.value) and " / " in str(err.value)


def test_cli_says_no_tables_and_exits_2(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(workbook(lambda book: book.add_worksheet()))
    result = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no tables" in result.stderr


def test_dispatcher_reads_xlsx(tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(workbook(budget_sheet))
    layout = read_layout(path)
    assert layout.format == "xlsx" and isinstance(layout.blocks[2], TableBlock)


def test_bordered_title_row_on_top_of_the_table_is_still_a_title():
    def build(book):  # type: ignore[no-untyped-def]
        ws = book.add_worksheet()
        border = book.add_format({"border": 1})
        ws.merge_range("A1:C1", "表6 一般公共预算基本支出表", border)
        ws.merge_range("A2:C2", "单位：万元", border)
        ws.write_row("A3", ["科目编码", "科目名称", "合计"], border)
        ws.merge_range("A4:C4", "合计 1,680.88", border)  # one merged value below the top is a row

    assert shape(read_xlsx("t.xlsx", workbook(build))) == [
        ("text", "表6 一般公共预算基本支出表", 1, 1),
        ("text", "单位：万元", 1, 2),
        ("table", 1, 3, [["科目编码", "科目名称", "合计"], ["合计 1,680.88", "", ""]]),
    ]


def test_workbook_with_text_but_no_table_says_so():
    layout = read_xlsx("t.xlsx", workbook(lambda book: book.add_worksheet().write_string("A1", "说明")))
    assert shape(layout) == [("text", "说明", 1, 1)]
    assert [p.code for p in layout.problems] == ["xlsx.no_tables"]
