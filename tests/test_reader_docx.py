"""DOCX reader: the real disclosures written as DOCX read back to the same layout; merged cells,
line breaks, numbering and nested tables on hand-made packages; damaged files fail cleanly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yusuan.errors import UnreadableError
from yusuan.layout import TableBlock, TextBlock
from yusuan.readers import read_layout
from yusuan.readers.docx import read_docx

from conftest import HANYANG, QIAOKOU
from helpers.office_docs import assert_same_reading, minimal_docx, to_docx


def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def texts(layout):  # type: ignore[no-untyped-def]
    return [[c.text for c in r.cells] for b in layout.blocks if isinstance(b, TableBlock) for r in b.rows]


# ----- the real documents, round trip ------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("source", [QIAOKOU, HANYANG], ids=["qiaokou", "hanyang"])
def test_corpus_round_trip(source):
    original = read_layout(source)
    layout = read_docx("roundtrip.docx", to_docx(original))
    assert layout.format == "docx"
    assert all(b.page is None for b in layout.blocks)
    assert_same_reading(original, layout)


# ----- merged cells --------------------------------------------------------------------------------

def test_two_level_header_with_horizontal_and_vertical_merges():
    body = tbl(
        tr(tc("科目编码", "<w:vMerge w:val=\"restart\"/>"), tc("合计", "<w:vMerge w:val=\"restart\"/>"),
           tc("基本支出", "<w:gridSpan w:val=\"3\"/>"), tc("项目支出", "<w:vMerge w:val=\"restart\"/>")),
        tr(tc("", "<w:vMerge/>"), tc("ignored", "<w:vMerge w:val=\"continue\"/>"), tc("小计"), tc("人员经费"),
           tc("公用经费"), tc("", "<w:vMerge/>")),
        tr(tc("2060101"), tc("2,840.98"), tc("1,680.88"), tc("1,569.26"), tc("111.62"), tc("1,160.10")),
    )
    layout = read_docx("m.docx", minimal_docx(body))
    assert texts(layout) == [
        ["科目编码", "合计", "基本支出", "", "", "项目支出"],
        ["", "", "小计", "人员经费", "公用经费", ""],  # a covered cell is empty even if it holds text
        ["2060101", "2,840.98", "1,680.88", "1,569.26", "111.62", "1,160.10"],
    ]
    header = layout.table_blocks()[0].rows[0]
    assert [c.col for c in header.cells] == [0, 1, 2, 3, 4, 5]
    assert header.cells[2].span == 3


def test_python_docx_merges_are_read_on_the_grid():
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "收入"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 2).text = "支出"
    table.cell(0, 2).merge(table.cell(1, 2))
    table.cell(1, 0).text = "项目"
    table.cell(1, 1).text = "预算数"
    table.cell(2, 0).text = "一般公共预算拨款收入"
    table.cell(2, 1).text = "2840.98"
    table.cell(2, 2).text = "2840.98"
    out = io.BytesIO()
    document.save(out)
    assert texts(read_docx("t.docx", out.getvalue())) == [
        ["收入", "", "支出"], ["项目", "预算数", ""], ["一般公共预算拨款收入", "2840.98", "2840.98"]]


def test_grid_before_and_after_keep_columns_aligned():
    body = tbl(tr(tc("a"), tc("b"), tc("c")),
               tr(tc("x"), props="<w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/>"))
    assert texts(read_docx("g.docx", minimal_docx(body))) == [["a", "b", "c"], ["", "x", ""]]


# ----- text ----------------------------------------------------------------------------------------

def test_paragraph_lines_hidden_and_deleted_text():
    body = (
        "<w:p><w:r><w:t>一、收支</w:t></w:r><w:r><w:t xml:space=\"preserve\"> 总表</w:t></w:r>"
        "<w:r><w:br/><w:t>单位：万元</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r>"
        "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
        "<w:p/>"
        "<w:sdt><w:sdtContent>" + p("目录") + "</w:sdtContent></w:sdt>"
    )
    layout = read_docx("t.docx", minimal_docx(body))
    assert [(b.text, b.line) for b in layout.text_blocks()] == [
        ("一、收支总表", 1), ("单位：万元", 2), ("可见插入", 3), ("目录", 4)]


def test_links_fields_tab_stops_and_text_boxes():
    body = (
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"8000\"/></w:tabs></w:pPr>"
        "<w:hyperlink><w:r><w:t>一、收支预算总表</w:t></w:r></w:hyperlink>"
        "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText>PAGEREF _Toc1 \\h</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>封面</w:t></w:r><w:r><w:drawing><w:txbxContent>" + p("框中文字")
        + "</w:txbxContent></w:drawing></w:r></w:p>"
    )
    assert [b.text for b in read_docx("t.docx", minimal_docx(body)).text_blocks()] == [
        "一、收支预算总表 3", "封面", "框中文字"]


def test_cell_paragraphs_join_with_newline_and_numbers_stay_as_printed():
    cell = "<w:tc>" + p("其他科学技术管理事 务支出") + p("第二段") + "</w:tc>"
    body = tbl(tr(cell, tc("371,514,655.00"), tc("1160.10")))
    row = read_docx("c.docx", minimal_docx(body)).table_blocks()[0].rows[0]
    assert [c.text for c in row.cells] == ["其他科学技术管理事务支出\n第二段", "371,514,655.00", "1160.10"]


def test_line_is_the_body_order_of_blocks_and_rows():
    body = p("标题") + tbl(tr(tc("a")), tr(tc("b"))) + p("注")
    layout = read_docx("l.docx", minimal_docx(body))
    table = layout.table_blocks()[0]
    assert [b.line for b in layout.blocks] == [1, 2, 4]
    assert [r.line for r in table.rows] == [2, 3]
    assert layout.lines == 4


def test_automatic_numbering_is_printed():
    numbering = (
        "<w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
        "<w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
        "<w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>")

    def item(text: str, level: int) -> str:
        return p(text, f"<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>")

    body = "".join(item(*x) for x in [("预算收支情况", 0), ("收入", 1), ("支出", 1), ("三公经费", 0)] + [
        (f"第{i}项", 0) for i in range(3, 12)])
    lines = [b.text for b in read_docx("n.docx", minimal_docx(body, numbering)).text_blocks()]
    assert lines[:4] == ["一、预算收支情况", "（一）收入", "（二）支出", "二、三公经费"]
    assert lines[-1] == "十一、第11项"


def test_nested_table_is_flattened_and_a_one_cell_frame_is_unwrapped():
    inner = tbl(tr(tc("指标"), tc("≥90%")), tr(tc("满意度"), tc("100%")))
    nested = tbl(tr(tc("项目名称"), f"<w:tc>{p('说明')}{inner}<w:p/></w:tc>"))
    frame = tbl(tr(f"<w:tc>{p('收支总表')}{tbl(tr(tc('收入'), tc('2840.98')))}</w:tc>"))
    layout = read_docx("n.docx", minimal_docx(nested + frame))
    assert texts(layout)[0] == ["项目名称", "说明\n指标 ≥90%\n满意度 100%"]
    assert isinstance(layout.blocks[1], TextBlock) and layout.blocks[1].text == "收支总表"
    assert texts(layout)[1] == ["收入", "2840.98"]


# ----- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    minimal_docx("", document_xml="<w:document xmlns:w='x'><w:body><w:p>"),  # truncated XML
    minimal_docx("", document_xml="not xml at all"),
    minimal_docx(""),  # no text
    minimal_docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"),
    b"PK\x03\x04 truncated",
])
def test_damaged_or_empty_docx_is_unreadable(data):
    with pytest.raises(UnreadableError) as err:
        read_docx("bad.docx", data)
    message = str(err.value)
    assert "\n" not in message and "bad.docx" in message and " / " in message


def test_damaged_numbering_is_a_problem_not_a_failure():
    data = minimal_docx(p("正文"), numbering_xml="<w:num")
    layout = read_docx("n.docx", data)
    assert [b.text for b in layout.text_blocks()] == ["正文"]
    assert [pr.code for pr in layout.problems] == ["docx.numbering"]


def test_cli_reports_a_damaged_docx_in_one_line(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(minimal_docx("", document_xml="<w:document><w:body><w:p>"))
    result = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "XML" in result.stderr
