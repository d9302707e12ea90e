"""How part 3 is read, on documents of regions the claim reader was not built on: what each figure is
(amount, prior, change, rate, share), what it is about and how surely, and which figures form one
statement. The rules' own cases are in tests/rules/*.yaml."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from yusuan import load
from yusuan.model import ClaimKind
from yusuan.model.budget import Claim
from yusuan.rules.examples import corpus_dir
from yusuan.text.joined import is_page_number, strip_footer


@functools.lru_cache(maxsize=8)
def claims(document: str) -> tuple[Claim, ...]:
    path = corpus_dir() / document
    if not path.exists():
        pytest.skip(f"corpus document {document} not available")
    return tuple(load(path).narrative.claims())


def _find(document: str, kind: ClaimKind, value: str, page: int | None = None) -> Claim:
    found = [c for c in claims(document) if c.kind is kind and c.value.value == Decimal(value)
             and (page is None or c.source.page == page)]
    assert len(found) == 1, [(c.subject, c.source.page) for c in found]
    return found[0]


def test_item_explanation_is_one_statement_tied_by_its_path():
    # 1.一般公共服务支出（类）信访事务（款）行政运行（项） / 2026年预算数为5,826.21万元，比2025年执行数增加271.14万元，增幅4.88%
    doc = "central-xinfangju-2026-budget.pdf"
    amount = _find(doc, ClaimKind.AMOUNT, "5826.21", page=21)
    change = _find(doc, ClaimKind.CHANGE, "271.14")
    rate = _find(doc, ClaimKind.CHANGE_RATE, "4.88")
    assert amount.quantity == "gpb.fn:2014001" and amount.tie == "exact"
    assert amount.statement == change.statement == rate.statement
    assert change.compare_year == 2025 and change.compare_basis == "execution"
    assert rate.direction is not None and rate.direction.value == "increase"


def test_page_numbers_are_not_text():
    assert is_page_number("22") and is_page_number("- 4 -") and is_page_number("第 3 页")
    assert not is_page_number("2026") and not is_page_number("公用经费")
    assert strip_footer("市本级政府采购业务费- 4 -") == "市本级政府采购业务费"
    # p24 of 国家信访局 2026 begins with the page number 22 before 公用经费 2,376.26 万元.
    public = _find("central-xinfangju-2026-budget.pdf", ClaimKind.AMOUNT, "2376.26", page=24)
    assert public.subject == "公用经费" and public.quantity == "gpb.public"


def test_codes_printed_in_the_narrative_tie_exactly():
    c = _find("fuzhou-shangwuju-2026-budget.pdf", ClaimKind.AMOUNT, "2163.74")
    assert c.quantity == "gpb.fn:2011301" and c.tie == "exact"


def test_a_heading_names_the_subject_of_the_figures_under_it():
    # （二）公务接待费 / 2026 年预算安排 6.10 万元，比上年减少 0.10 万元，下降 1.61%
    c = _find("fuzhou-shangwuju-2026-budget.pdf", ClaimKind.AMOUNT, "6.10")
    assert c.quantity == "three_public.reception"


def test_printed_precision_is_the_interval():
    # 增长30%: 29.5–30.5%; 公务用车运行费 8.00 万元 to the cent.
    rate = _find("jiangsu-weiban-2019-budget-text.pdf", ClaimKind.CHANGE_RATE, "30")
    assert rate.value.interval().lo == Decimal("29.5") and rate.value.interval().hi == Decimal("30.5")


def test_share_whole_from_the_parts_that_add_up_to_it():
    # 人员支出…占61.9%；日常公用支出…占11.8%；项目支出…占26.3%: their amounts add up to 支出预算 404,415.23.
    share = _find("hangzhou-gonganju-2026-budget.pdf", ClaimKind.SHARE, "61.9")
    assert share.base_value is not None and share.base_value.value == Decimal("404415.23")


def test_share_whole_after_qizhong():
    share = _find("swu-2023-budget.pdf", ClaimKind.SHARE, "16.84")
    assert share.base_value is not None and share.base_value.value == Decimal("557259.13")


def test_share_whole_named_but_not_stated_is_unknown():
    # 占部门支出总额的22.00%: the narrative states no amount as 部门支出总额.
    share = _find("central-xinfangju-2026-budget.pdf", ClaimKind.SHARE, "22.00")
    assert share.base_value is None and share.base is None


def test_a_part_is_not_its_total():
    # 纳入绩效目标的金额为1935.36万元，其中，基本支出1517.95万元
    doc = "changsha-xinfangju-2026-budget.pdf"
    total = _find(doc, ClaimKind.AMOUNT, "1935.36", page=9)
    part = next(c for c in claims(doc) if c.sentence == total.sentence and c.value.value == Decimal("1517.95"))
    assert part.quantity != total.quantity


def test_final_account_is_tied_to_no_budget_quantity():
    found = claims("central-xinfangju-2024-final.pdf")
    assert found and not any(c.tie == "exact" for c in found)
    assert not any((c.quantity or "").startswith(("income.", "expenditure.", "gpb.", "fiscal.")) for c in found)


def test_shortened_amounts_read_to_the_cent_where_the_document_drops_zeros():
    # 硚口: 项目支出 1,160.1 万元 is the table's 1,160.10, and so are its other shortened amounts.
    c = next(x for x in claims("wuhan-qiaokou-jxj-2026-budget.md")
             if x.kind is ClaimKind.AMOUNT and x.value.value == Decimal("1160.1"))
    assert c.value.places == 2
    # 国家信访局 prints its amounts as rounded: 15,291.3 stays 15,291.25–15,291.35.
    d = _find("central-xinfangju-2026-budget.pdf", ClaimKind.AMOUNT, "15291.3")
    assert d.value.places == 1
