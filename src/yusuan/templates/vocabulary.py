"""Header and label vocabulary: printed words → stable keys used throughout the model.

Keys are English and stable (rules, summary and renderer refer to them); the words are what
disclosures print. Matching uses :func:`yusuan.text.cjk.name_key` (no spaces, quotes or brackets).
"""

from __future__ import annotations

import re

from yusuan.text.cjk import name_key

# Roles of non-value columns.
CODE = "@code"
NAME = "@name"
UNIT_NAME = "@unit_name"


def _keyed(d: dict[str, str]) -> dict[str, str]:
    return {name_key(k): v for k, v in d.items()}


# Leaf header labels.
COLUMN_LEAVES = _keyed(
    {
        "科目编码": CODE,
        "单位编码": CODE,
        "项目编码": CODE,
        "部门(单位)代码": CODE,
        "单位代码": CODE,
        "经济科目编码": CODE,
        "功能分类科目编码": CODE,
        "经济分类科目编码": CODE,
        "编码": CODE,
        "科目名称": NAME,
        "单位名称": NAME,
        "项目名称": NAME,
        "部门(单位)名称": NAME,
        "经济科目名称": NAME,
        "功能分类科目名称": NAME,
        "经济分类科目名称": NAME,
        "名称": NAME,
        "项目单位": UNIT_NAME,
        "合计": "total",
        "总计": "total",
        "小计": "subtotal",
        "基本支出": "basic",
        "人员经费": "personnel",
        "公用经费": "public",
        "项目支出": "project",
        "事业单位经营支出": "operating_expense",
        "上缴上级支出": "remit_superior",
        "对附属单位补助支出": "subsidy_subsidiary",
        "对下级单位补助支出": "subsidy_subsidiary",
        "一般公共预算": "gpb",
        "一般公共预算拨款": "gpb",
        "政府性基金预算": "gov_fund",
        "政府性基金": "gov_fund",
        "国有资本经营预算": "soe",
        "财政专户管理资金": "special_account",
        "事业收入": "business_income",
        "事业单位经营收入": "operating_income",
        "上级补助收入": "superior_subsidy",
        "附属单位上缴收入": "subsidiary_remit",
        "其他收入": "other_income",
        "单位资金": "unit_funds",
        "财政拨款收入": "fiscal",
        "财政拨款": "fiscal",
        "三公经费合计": "total",
        "三公经费预算数": "three_public",
        "因公出国境费": "abroad",
        "公务用车购置及运行费": "vehicle",
        "公务用车购置及运行维护费": "vehicle",
        "公务用车购置费": "vehicle_purchase",
        "购置费": "vehicle_purchase",
        "公务用车运行费": "vehicle_operation",
        "公务用车运行维护费": "vehicle_operation",
        "运行费": "vehicle_operation",
        "公务接待费": "reception",
        "机关运行经费预算数": "admin_operating",
        "机关运行经费": "admin_operating",
    }
)

# Header labels that group the columns beneath them.
COLUMN_GROUPS = _keyed(
    {
        "本年收入": "current",
        "本年拨款": "current",
        "上年结转结余": "carryover",
        "上年结转": "carryover",
        "财政拨款结转结余": "carryover",
        "基本支出": "basic",
        "公务用车购置及运行费": "vehicle",
        "公务用车购置及运行维护费": "vehicle",
        "三公经费预算数": "three_public",
    }
)


def column_key(path: list[str]) -> str | None:
    """Key of a column from its header path (outermost first), or None for an unlabelled column."""
    labels = [name_key(p) for p in path if p.strip()]
    if not labels:
        return None
    leaf = labels[-1]
    leaf_key = COLUMN_LEAVES.get(leaf)
    # The innermost group decides (三公经费预算数 › 公务用车购置及运行费 › 小计 is the vehicle subtotal).
    group = next((COLUMN_GROUPS[g] for g in reversed(labels[:-1]) if g in COLUMN_GROUPS), None)
    if leaf_key is None and leaf.endswith(("编码", "代码")):
        leaf_key = CODE  # 部门预算经济分类科目编码 and other spellings
    elif leaf_key is None and leaf.endswith("科目名称"):
        leaf_key = NAME  # 部门经济分类科目名称
    if leaf_key is None:
        # Unknown header: keep it, keyed by its printed label, so no column is lost.
        leaf_key = "label:" + leaf
    if leaf_key.startswith("@"):
        return leaf_key
    if group is None:
        return leaf_key
    if group == "three_public":
        return "total" if leaf_key in ("subtotal", "total") else leaf_key
    if group in ("basic", "vehicle"):
        return group if leaf_key in ("subtotal", "total") else leaf_key
    return group if leaf_key in ("subtotal", "total") else f"{group}.{leaf_key}"


# Two-sided tables (收支总表, 财政拨款收支总表): income labels.
INCOME_LABELS = _keyed(
    {
        "一般公共预算拨款收入": "gpb",
        "一般公共预算拨款": "gpb",
        "一般公共预算资金": "gpb",
        "一般公共预算财政拨款": "gpb",
        "一般公共预算财政拨款收入": "gpb",
        "政府性基金预算拨款收入": "gov_fund",
        "政府性基金预算拨款": "gov_fund",
        "政府性基金": "gov_fund",
        "政府性基金预算资金": "gov_fund",
        "国有资本经营预算拨款收入": "soe",
        "国有资本经营预算拨款": "soe",
        "国有资本经营预算": "soe",
        "国有资本经营预算资金": "soe",
        "财政专户管理资金收入": "special_account",
        "财政专户管理资金": "special_account",
        "事业收入": "business_income",
        "事业单位经营收入": "operating_income",
        "上级补助收入": "superior_subsidy",
        "附属单位上缴收入": "subsidiary_remit",
        "其他收入": "other_income",
        "财政拨款收入": "fiscal",
        "本年收入合计": "current_total",
        "本年收入": "current_total",
        "收入合计": "current_total",
        "上年结转结余": "carryover",
        "上年结转": "carryover",
        "使用非财政拨款结余": "nonfiscal_balance",
        "收入总计": "total",
        "总计": "total",
    }
)

EXPENDITURE_LABELS = _keyed(
    {
        "本年支出合计": "current_total",
        "本年支出": "current_total",
        "支出合计": "current_total",
        "年终结转结余": "carryover",
        "结转下年": "carryover",
        "支出总计": "total",
        "总计": "total",
    }
)

# Source-of-funds lines in project sheets.
FUNDING_LABELS = _keyed(
    {
        "合计": "total",
        "一般公共预算财政拨款": "gpb",
        "其中:申请当年预算拨款": "gpb.current",
        "申请当年预算拨款": "gpb.current",
        "政府性基金预算财政拨款": "gov_fund",
        "国有资本经营预算财政拨款": "soe",
        "财政专户管理资金": "special_account",
        "单位资金": "unit_funds",
        "其他资金": "other",
        "其中:使用上年度财政拨款结转": "carryover",
        "使用上年度财政拨款结转": "carryover",
    }
)

_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十廿]+[、.．]|[（(][一二三四五六七八九十廿]+[)）]|\d+[.．、]\s*(?!\d)|[①-⑳])\s*"
)


def strip_ordinal(text: str) -> str:
    """Remove a leading enumerator: ``一、`` ``（二）`` ``廿一、`` ``1.`` ``①``."""
    return _ORDINAL.sub("", text.strip(), count=1)


def ordinal_level(text: str) -> int | None:
    """Nesting level of a leading enumerator: 1 for 一、, 2 for （一）, 3 for 1. / 1、, None if none."""
    s = text.strip()
    if re.match(r"^[一二三四五六七八九十廿]+[、.．]", s):
        return 1
    if re.match(r"^[（(][一二三四五六七八九十廿]+[)）]", s):
        return 2
    if re.match(r"^\d+[.．、]\s*(?!\d)", s):
        return 3
    return None
