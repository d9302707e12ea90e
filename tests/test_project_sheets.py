"""Project sheets: all of them, with their detail lines, procurement and indicators."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Budget


def test_counts(qiaokou: Budget, hanyang: Budget):
    assert len(qiaokou.projects) == 14
    assert len(hanyang.projects) == 12
    for b in (qiaokou, hanyang):
        for s in b.projects:
            assert s.name
            assert s.details, s.name
            assert s.long_term_indicators, s.name
            assert s.annual_indicators, s.name
            assert s.funding, s.name


def test_qiaokou_sheet_12_1(qiaokou: Budget):
    s = qiaokou.projects[0]
    assert (s.number, s.name, s.unit) == ("12-1", "编外人员用工保障经费", "元")
    assert s.executing_unit == "武汉市硚口区经济信息化和科技创新局"
    assert s.total_budget.value == Decimal(270000) and s.current_budget.value == Decimal(270000)
    assert (s.start_year, s.end_year, s.frequency, s.parent_project) == (2026, 2026, "常年性项目", "编外人员项目")
    assert [(d.task, d.unit_price.value, d.quantity.value, d.estimate.value) for d in s.details] == [
        ("2名人事代理编外人员经费", Decimal(70000), Decimal(2), Decimal(140000)),
        ("2名“两个中心”编外人员经费", Decimal(65000), Decimal(2), Decimal(130000)),
    ]
    assert s.details[0].basis == "人事代理2人*70000元=140000元"
    assert {f.key: f.amount.value for f in s.funding if f.amount} == {
        "total": 270000, "gpb": 270000, "gpb.current": 270000}
    first = s.long_term_indicators[0]
    assert (first.level1, first.level2, first.name, first.value.operator, first.value.number, first.value.unit,
            first.basis) == ("产出指标", "数量指标", "保障编外人数", "=", Decimal(4), "人", "计划标准")


def test_qiaokou_sheet_missing_total_budget_is_kept_missing(qiaokou: Budget):
    s = qiaokou.projects[3]  # 表12-4: 项目总预算 is blank in the document
    assert s.name == "科技成果转化及产业培育"
    assert s.total_budget is None
    assert s.current_budget.value == Decimal(50000)


def test_page_broken_indicator_rows_are_rejoined(qiaokou: Budget):
    s = qiaokou.projects[1]  # 表12-2: "有效保" | "障" and "社会效益" | "指标" across a page break
    benefit = next(i for i in s.long_term_indicators if i.name == "保障各项工作完成")
    assert benefit.value.text == "有效保障"
    assert benefit.level2 == "社会效益指标"
    s6 = qiaokou.projects[5]  # 表12-6: "会议前期准备畅通" | "率"
    assert any(i.name == "会议前期准备畅通率" for i in s6.long_term_indicators)


def test_qiaokou_procurement_and_decimal_details(qiaokou: Budget):
    s = qiaokou.projects[9]  # 表12-10
    assert [(p.item, p.amount.value) for p in s.procurement] == [("云计算服务", Decimal(1567500))]
    assert s.details[1].estimate.value == Decimal("281900.52") and s.details[1].estimate.places == 2


def test_numbers_with_spaced_separators(qiaokou: Budget):
    s = qiaokou.projects[11]  # 表12-12: "1, 105, 000"
    assert s.total_budget.value == Decimal(1105000)


def test_hanyang_sheet_form(hanyang: Budget):
    s = hanyang.projects[0]
    assert s.code == "42010526068T000000101" and s.unit == "万元"
    assert s.total_budget.value == Decimal("20.20") and s.total_budget.places == 2
    assert [(d.economic_class, d.estimate.value) for d in s.details] == [
        ("办公费", Decimal("6.80")), ("委托业务费", Decimal("5.00")), ("印刷费", Decimal("1.00")),
        ("其他商品和服务支出", Decimal("7.40"))]
    assert s.prior_text.startswith("2024 年 14.7 万元")
    annual = s.annual_indicators[1]
    assert (annual.name, annual.value.text, [v.text for v in annual.prior_values]) == (
        "资金到位率", "100%", ["100%", "100%"])


def test_hanyang_procurement(hanyang: Budget):
    link = next(s for s in hanyang.projects if s.name == "通信链路租赁费")
    assert [(p.item, p.quantity.value, p.amount.value) for p in link.procurement] == [
        ("C17010200-网络接入服务", Decimal(1), Decimal("372.00"))]
