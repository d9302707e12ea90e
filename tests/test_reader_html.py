"""HTML reader: the real disclosures published as a web page read back to the same layout; rowspan
and colspan on the grid; block/inline flattening; layout tables; pages with nothing to read."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yusuan.errors import UnreadableError
from yusuan.layout import TableBlock
from yusuan.readers import read_layout
from yusuan.readers.html import read_html

from conftest import HANYANG, QIAOKOU
from helpers.office_docs import assert_same_reading, to_html


def blocks(page: str) -> list[object]:
    out: list[object] = []
    for b in read_html("p.html", page).blocks:
        out.append([[c.text for c in r.cells] for r in b.rows] if isinstance(b, TableBlock) else b.text)
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("source", [QIAOKOU, HANYANG], ids=["qiaokou", "hanyang"])
def test_corpus_round_trip(source):
    original = read_layout(source)
    page = to_html(original)
    assert "rowspan=" in page and "colspan=" in page
    layout = read_html("roundtrip.html", page)
    assert layout.format == "html"
    assert_same_reading(original, layout)


def test_rowspan_and_colspan_are_expanded_on_the_grid():
    page = """<table>
<thead>
<tr><th rowspan="2">科目编码</th><th rowspan="2">合计</th><th colspan="3">基本支出</th><th rowspan=2>项目支出</th></tr>
<tr><th>小计</th><th>人员经费</th><th>公用经费</th></tr>
</thead>
<tfoot><tr><td colspan="6">注：单位万元</td></tr></tfoot>
<tbody>
<tr><td>2060101</td><td>2,840.98</td><td>1,680.88</td><td>1,569.26</td><td>111.62</td><td>1,160.10</td></tr>
</tbody>
</table>"""
    layout = read_html("t.html", page)
    table = layout.table_blocks()[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["科目编码", "合计", "基本支出", "", "", "项目支出"],
        ["", "", "小计", "人员经费", "公用经费", ""],
        ["2060101", "2,840.98", "1,680.88", "1,569.26", "111.62", "1,160.10"],
        ["注：单位万元", "", "", "", "", ""],  # tfoot is shown last wherever it is written
    ]
    assert [c.span for c in table.rows[0].cells] == [1, 1, 3, 1, 1, 1]
    assert [r.line for r in table.rows] == [3, 4, 8, 6]  # source lines


def test_overlapping_and_oversized_spans_do_not_break_the_grid():
    page = "<table><tr><td rowspan=9>a</td><td colspan=0>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
    assert blocks(page) == [[["a", "b", ""], ["", "c", "d"]]]


def test_text_lines_inline_markup_and_what_is_not_printed():
    page = """<!DOCTYPE html><html><head><title>标题栏</title><style>p {color: red}</style></head><body>
<script>document.write("<p>脚本</p>")</script>
<nav><a href="/">首页</a></nav>
<h1>硚口区经济信息化和科技创新局<br>2026 年部门预算</h1>
<p>一、<b>收支</b><span>总表</span>&nbsp;说明 &amp; 附注<!-- 注释 --></p>
<p style="display: none">隐藏</p>
<div>第一段
  <div>第二段</div>尾巴</div>
<ul><li>其他科学技术管理事
    务支出</li><li>单位：万元</li></ul>
<pre>行一
行二</pre>
</body></html>"""
    assert blocks(page) == ["硚口区经济信息化和科技创新局", "2026 年部门预算", "一、收支总表说明 & 附注", "第一段",
                            "第二段", "尾巴", "其他科学技术管理事务支出", "单位：万元", "行一", "行二"]


def test_cell_paragraphs_sloppy_markup_and_caption():
    page = """<table><caption>表一 收支总表</caption>
<tr><td><p>项目</p><p>说明</p><td>371,514,655.00
<tr><td>其他科学技术管理事
 务支出<td><font>1160.10</font></table><p>之后</p>"""
    assert blocks(page) == ["表一收支总表", [["项目\n说明", "371,514,655.00"], ["其他科学技术管理事务支出", "1160.10"]],
                            "之后"]


def test_layout_table_around_the_page_is_read_as_content():
    page = """<table width="100%"><tr><td>网站名称</td></tr><tr><td>
<p>一、收支总表</p><p>单位：万元</p>
<table border=1><tr><td>收入</td><td>2840.98</td></tr></table>
</td></tr></table>"""
    assert blocks(page) == ["网站名称", "一、收支总表", "单位：万元", [["收入", "2840.98"]]]


def test_xml_declaration_and_control_characters_are_tolerated():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>正\x00文</p></body></html>'
    assert blocks(page) == ["正文"]


@pytest.mark.parametrize("page", ["", "   \n", "<html></html>", "<html><body><script>var a=1;</script></body></html>",
                                  "<html><body><table><tr><td></td></tr></table></body></html>"])
def test_page_with_nothing_to_read_is_unreadable(page):
    with pytest.raises(UnreadableError) as err:
        read_html("empty.html", page)
    assert "\n" not in str(err.value) and " / " in str(err.value)


def test_cli_reports_an_empty_page_in_one_line(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><body><div></div></body></html>", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no readable text" in result.stderr


def test_small_table_nested_in_a_data_cell_is_flattened():
    page = """<table><tr><td>项目名称</td><td>指标</td><td>说明</td></tr>
<tr><td>信息化</td><td><table><tr><td>满意度</td><td>≥90%</td></tr><tr><td>及时率</td><td>100%</td></tr></table></td>
<td>计划标准</td></tr></table>"""
    assert blocks(page) == [[["项目名称", "指标", "说明"], ["信息化", "满意度 ≥90%\n及时率 100%", "计划标准"]]]
