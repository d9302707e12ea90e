"""Unit tests of the small pieces: numbers, Chinese text, intervals, headers, indicator values."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from yusuan.layout import Cell, TableRow
from yusuan.model import Figure, Interval, interval_sum
from yusuan.recognize.claims import clean_subject
from yusuan.recognize.indicators import level2_of, parse_value
from yusuan.recognize.tables import column_specs
from yusuan.templates.vocabulary import column_key, strip_ordinal
from yusuan.text.cjk import fold, key, repair
from yusuan.text.numbers import parse_number


def test_parse_number_printed_forms():
    assert parse_number("2,840.98") == (Decimal("2840.98"), 2)
    assert parse_number("1, 105, 000") == (Decimal(1105000), 0)
    assert parse_number("1160.1") == (Decimal("1160.1"), 1)
    assert parse_number("２，８４０．９８") == (Decimal("2840.98"), 2)
    assert parse_number("0") == (Decimal(0), 0)
    for not_a_number in ("", "2024 年", "≥90%", "合计", "1,2", "12.3.4", "T000000109"):
        assert parse_number(not_a_number) is None, not_a_number


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_number_round_trip(d: Decimal):
    printed = f"{d:,.2f}"
    assert parse_number(printed) == (d.quantize(Decimal("0.01")), 2)


def test_repair_joins_broken_chinese_words():
    assert repair("其他科学技术管理事 务支出") == "其他科学技术管理事务支出"
    assert repair("武汉市硚口区经济 信息化和科技创新 局") == "武汉市硚口区经济信息化和科技创新局"
    assert repair("2026 年  部门预算") == "2026 年部门预算"


def test_fold_and_key():
    assert fold("⼀般公共预算⽀出") == "一般公共预算支出"
    assert key("收 入 总 计") == "收入总计"
    assert key("因公出国（境）费") == "因公出国(境)费"


def test_interval_sum_within_rounding():
    # 表5-2 Qiaokou: 1,220.89 + 348.38 = 1,569.27 against a printed total 1,569.26 — consistent.
    parts = [Figure(value=Decimal("1220.89")), Figure(value=Decimal("348.38"))]
    total = Figure(value=Decimal("1569.26"))
    assert interval_sum(f.interval() for f in parts).overlaps(total.interval())
    # A real 0.02 difference with two terms is not.
    assert not interval_sum(f.interval() for f in parts).overlaps(Figure(value=Decimal("1569.24")).interval())


def test_interval_percent_from_rounded_figures():
    # Hanyang: 0.45 → 0.46 printed as 增长 2.23%; recomputed from rounded figures 2.22%; consistent.
    old, new = Figure(value=Decimal("0.45")), Figure(value=Decimal("0.46"))
    rate = (new.interval() - old.interval()) / old.interval()
    assert rate is not None
    assert rate.scale(Decimal(100)).overlaps(Figure(value=Decimal("2.23"), unit="%").interval())


@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=2), min_size=1, max_size=20))
def test_sum_of_printed_figures_contains_exact_sum(values):
    figs = [Figure(value=v) for v in values]
    iv = interval_sum(f.interval() for f in figs)
    assert iv.contains(sum(values, Decimal(0)))
    assert iv.radius == Decimal("0.005") * len(values)


def test_division_by_interval_containing_zero_is_unbounded():
    assert Interval(Decimal(1), Decimal(2)) / Interval(Decimal(-1), Decimal(1)) is None


def _row(*texts: str) -> TableRow:
    return TableRow(cells=tuple(Cell(text=t, col=i) for i, t in enumerate(texts)))


def test_two_level_header():
    header = [_row("科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"),
              _row("", "", "", "小计", "人员经费", "公用经费", "")]
    assert [s.key for s in column_specs(header, 7)] == [
        "@code", "@name", "total", "basic", "personnel", "public", "project"]


def test_group_label_printed_one_column_left_is_moved():
    header = [_row("代码", "名称", "合计", "本年收入", "上年结转结余", "", ""),
              _row("", "", "", "小计", "其他收入", "小计", "单位资金")]
    keys = [s.key for s in column_specs(header, 7)]
    assert keys[4] == "current.other_income" and keys[5] == "carryover" and keys[6] == "carryover.unit_funds"


def test_column_key_vocabulary():
    assert column_key(["本年拨款", "一般公共预算"]) == "current.gpb"
    assert column_key(["财政拨款结转结余", "国有资本经营预算"]) == "carryover.soe"
    assert column_key(["公务用车购置及运行费", "小计"]) == "vehicle"
    assert column_key(["某个新栏目"]) == "label:某个新栏目"


def test_strip_ordinal():
    assert strip_ordinal("廿一、灾害防治及应急管理支出") == "灾害防治及应急管理支出"
    assert strip_ordinal("（十八）住房保障支出") == "住房保障支出"
    assert strip_ordinal("1.一般公共预算财政拨款") == "一般公共预算财政拨款"


def test_indicator_values():
    v = parse_value("≥90%")
    assert (v.operator, v.number, v.unit) == ("≥", Decimal(90), "%")
    v = parse_value("=1.5 小时")
    assert (v.operator, v.number, v.unit) == ("=", Decimal("1.5"), "小时")
    v = parse_value("95%以上")
    assert (v.operator, v.number) == ("≥", Decimal(95))
    assert parse_value("有效保障").number is None
    assert level2_of("社会效益标") == "社会效益指标"
    assert level2_of("群众满意度") is None


def test_clean_subject():
    assert clean_subject("2026年一般公共预算支出预算数为") == "一般公共预算支出"
    assert clean_subject("武汉市汉阳区经济信息化和科技创新局 2026 年度收支总预算") == "收支总预算"
    assert clean_subject("(1)因公出国(境)费") == "因公出国(境)费"
    assert clean_subject("2026 年本部门及下属单位的机关运行经费") == "机关运行经费"
    assert clean_subject("对个人和家庭的补助") == "对个人和家庭的补助"
