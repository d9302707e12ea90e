"""Derivation: what a disclosure repeats is computed from what was entered once (and only that)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_render_support import rendered
from yusuan.derive import derive
from yusuan.derive.numbers import Change, change, share, sum_figures, text_percent
from yusuan.entry.canonical import load_data
from yusuan.model.budget import Direction, Figure, RowKind, TableKind

K = TableKind
D = Decimal


def budget(tables: dict, **extra: object) -> object:
    data = {"meta": {"department": "示例局", "year": 2026, "profile": "wuhan"}, "tables": tables, **extra}
    return load_data(data, Path("test.yaml"))


def values(row) -> dict[str, str]:
    return {k: format(f.value, "f") for k, f in row.values.items()}


GPB_ITEMS = {"rows": [
    {"code": "2060101", "name": "行政运行", "values": {"personnel": "600.00", "public": "80.10"}},
    {"code": "2060102", "name": "一般行政管理事务", "values": {"project": "250.00"}},
    {"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "values": {"personnel": "90.00"}},
]}
INCOME = {"rows": [{"code": "999001", "name": "示例局本级", "values": {"current.gpb": "1020.10"}}]}


def test_code_table_rolls_up_items_into_sections_classes_and_total() -> None:
    b, notices = derive(budget({"gpb_by_function": GPB_ITEMS, "income": INCOME}), authored=True)
    t = b.table(K.GPB_BY_FUNCTION)
    assert [(r.kind, r.code) for r in t.rows] == [
        (RowKind.TOTAL, None), (RowKind.CLASS, "206"), (RowKind.SECTION, "20601"), (RowKind.ITEM, "2060101"),
        (RowKind.ITEM, "2060102"), (RowKind.CLASS, "208"), (RowKind.SECTION, "20805"), (RowKind.ITEM, "2080505")]
    assert values(t.find("2060101")) == {"personnel": "600.00", "public": "80.10", "basic": "680.10", "total": "680.10"}
    assert values(t.find("206")) == {"basic": "680.10", "personnel": "600.00", "public": "80.10", "project": "250.00",
                                     "total": "930.10"}
    assert values(t.total_row()) == {"basic": "770.10", "personnel": "690.00", "public": "80.10", "project": "250.00",
                                     "total": "1020.10"}
    # names of created class / section rows come from the catalogue
    assert t.find("206").name == "科学技术支出" and t.find("20805").name == "行政事业单位养老支出"
    assert not [n for n in notices if "名称未知" in n]


def test_a_typed_figure_is_never_overwritten_even_when_wrong() -> None:
    rows = {"rows": [*GPB_ITEMS["rows"], {"code": "206", "name": "科学技术支出", "values": {"total": "1.00"}}]}
    b, _ = derive(budget({"gpb_by_function": rows, "income": INCOME}), authored=True)
    assert values(b.table(K.GPB_BY_FUNCTION).find("206")) == {"total": "1.00"}  # left for the checker


def test_all_funds_table_and_balance_tables_are_derived_from_the_fiscal_ones() -> None:
    b, _ = derive(budget({"gpb_by_function": GPB_ITEMS, "income": INCOME}), authored=True)
    exp = b.table(K.EXPENDITURE)
    assert values(exp.total_row()) == {"total": "1020.10", "basic": "770.10", "project": "250.00"}
    summary = b.balance(K.SUMMARY)
    assert summary.income_line("gpb").amount.value == D("1020.10")
    assert summary.income_line("total").amount.value == D("1020.10")
    assert summary.expenditure_line("fn:206").amount.value == D("930.10")
    assert summary.expenditure_line("total").amount.value == D("1020.10")
    assert len([ln for ln in summary.expenditure if ln.key.startswith("fn")]) == 26  # the template's classes
    fiscal = b.balance(K.FISCAL_SUMMARY)
    assert fiscal.income_line("current_total").amount.value == D("1020.10")
    assert fiscal.expenditure_line("fn:208").amount.value == D("90.00")
    # a single budget unit: 5-2 is 5-1's totals, under a department row
    unit_table = b.table(K.GPB_BY_UNIT)
    assert [(r.kind, r.code) for r in unit_table.rows] == [(RowKind.TOTAL, None), (RowKind.DEPARTMENT, "999"),
                                                           (RowKind.UNIT, "999001")]
    assert values(unit_table.find("999001"))["total"] == "1020.10"


def test_all_funds_table_is_not_guessed_when_there_is_other_money() -> None:
    income = {"rows": [{"code": "999001", "name": "本级", "values": {"current.gpb": "1020.10",
                                                                    "current.other_income": "20.00"}}]}
    b, notices = derive(budget({"gpb_by_function": GPB_ITEMS, "income": income}), authored=True)
    assert K.EXPENDITURE not in b.tables
    assert any("支出总表需要填写" in n for n in notices)


def test_project_table_rolls_up_units_groups_and_department() -> None:
    rows = {"rows": [
        {"code": "999001", "name": "本级"}, {"code": "31", "name": "本级支出项目"},
        {"code": "42010526999T000000001", "name": "甲", "unit_name": "本级", "values": {"current.gpb": "10.00"}},
        {"code": "42010526999T000000002", "name": "乙", "unit_name": "本级", "values": {"unit_funds": "5.50"}},
        {"code": "999002", "name": "中心"},
        {"code": "42010526999T000000003", "name": "丙", "unit_name": "中心", "values": {"current.gpb": "1.25"}}]}
    b, _ = derive(budget({"projects": rows}), authored=True)
    t = b.table(K.PROJECTS)
    assert [(r.kind.value, r.code, values(r).get("total")) for r in t.rows] == [
        ("total", None, "16.75"), ("department", "999", "16.75"), ("unit", "999001", "15.50"),
        ("group", "31", "15.50"), ("project", "42010526999T000000001", "10.00"),
        ("project", "42010526999T000000002", "5.50"), ("unit", "999002", "1.25"),
        ("project", "42010526999T000000003", "1.25")]


def test_three_public_and_income_row_sums() -> None:
    b, _ = derive(budget({"three_public": {"rows": [{"values": {"vehicle_operation": "3.00", "reception": "2.00"}}]},
                          "income": INCOME}), authored=True)
    assert values(b.table(K.THREE_PUBLIC).total_row()) == {"vehicle_operation": "3.00", "reception": "2.00",
                                                          "vehicle": "3.00", "total": "5.00"}
    row = b.table(K.INCOME).find("999001")
    assert values(row) == {"current.gpb": "1020.10", "current": "1020.10", "total": "1020.10"}


def test_project_sheet_figures_come_from_the_project_table_in_the_sheet_unit() -> None:
    rows = {"rows": [{"code": "999001", "name": "本级"},
                     {"code": "42010526999T000000001", "name": "甲", "unit_name": "本级",
                      "values": {"current.gpb": "5.00"}}]}
    sheets = [{"code": "42010526999T000000001", "name": "甲", "unit": "元",
               "details": [{"task": "活动", "unit_price": 12500, "quantity": 4}]}]
    b, _ = derive(budget({"projects": rows}, projects=sheets), authored=True)
    sheet = b.projects[0]
    assert sheet.current_budget == Figure(value=D("50000"), places=0, unit="元", source=sheet.current_budget.source)
    assert [(f.key, f.amount and f.amount.value) for f in sheet.funding][:3] == [
        ("total", D("50000")), ("gpb", D("50000")), ("gpb.current", D("50000"))]
    assert sheet.details[0].estimate.value == D("50000")


def test_narrative_fact_totals_are_sums_of_their_parts() -> None:
    authoring = {"facts": {"procurement.goods": "1.20", "procurement.services": "755.10",
                           "purchase_services.item:评审服务": "15.38", "purchase_services.item:咨询服务": "3.60"}}
    b, _ = derive(budget({"income": INCOME}, authoring=authoring), authored=True)
    assert b.authoring.facts["procurement.total"].value == D("756.30")
    assert b.authoring.facts["purchase_services.total"].value == D("18.98")


def test_unknown_class_name_is_reported_not_invented() -> None:
    rows = {"rows": [{"code": "2990101", "name": "某项", "values": {"project": "1.00"}}]}
    b, notices = derive(budget({"gpb_by_function": rows, "income": INCOME}), authored=True)
    assert b.table(K.GPB_BY_FUNCTION).find("299").name == ""
    assert any("299" in n and "名称未知" in n for n in notices)


def test_shares_and_changes_are_decimal_and_rounded_half_up() -> None:
    assert share(D("1680.88"), D("2840.98")) == D("59.17")
    assert share(D("1"), D("0")) is None
    assert change(D("2840.98"), D("2765.83"), 2) == Change(Direction.INCREASE, D("75.15"), D("2.72"), D("2765.83"))
    assert change(D("0.10"), D("0.50"), 2) == Change(Direction.DECREASE, D("0.40"), D("80.00"), D("0.50"))
    assert change(D("16.20"), D("16.20"), 2).direction is Direction.FLAT
    assert change(D("5"), D("0"), 2).rate is None
    assert text_percent(D("80.00")) == "80" and text_percent(D("2.70")) == "2.7"
    assert sum_figures([Figure(value=D("0.1"), places=1), None, Figure(value=D("0.20"))], "万元", 2).value == D("0.30")


def test_parsed_document_authoring_recovers_priors_reasons_uses_and_facts() -> None:
    q = rendered("qiaokou").derived.authoring
    # amount − stated change: 2,840.98 − 75.15
    assert q.prior["income.total"].value == D("2765.83")
    assert q.reasons["income.total"] == "本部门人员增加，人员经费同步增长等原因"
    # the list of per-item reasons is not taken as the reason of the 三公 total
    assert "three_public.total" not in q.reasons
    assert q.reasons["three_public.reception"].startswith("贯彻落实中央关于各级政府要坚持过紧日子的精神")
    assert q.prior["three_public.abroad"].value == D("0")  # 与上年持平
    assert q.facts["procurement.services"].value == D("755.1")
    # a 主要用于 text broken across a page in the source is joined again
    assert q.uses["project:42010426135T000000104"].endswith("开展促进区域经济发展的综合性事务工作")
    h = rendered("hanyang").derived.authoring
    assert h.prior["gpb.fn:2060101"].value == D("365.59")  # stated prior
    assert h.reasons["gpb.fn:2101101"] == "政策性调整"  # 增长的主要原因是政策性调整
    assert h.compare_year == 2025
    assert "other:委托业务费预算安排情况" in h.notes
