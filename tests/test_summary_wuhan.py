"""The summary of both Wuhan documents, against figures written down by reading the documents.

Every expected value below was copied by hand from the source files (table and row given in the
comment), converted from 万元 to 元 (× 10 000), not produced by running the code.
"""

from __future__ import annotations

import json
import subprocess
import sys

from yusuan.summary import SUMMARY_KEYS, summarize

from conftest import HANYANG, QIAOKOU

ALL_TABLES = [
    "收支总表",
    "收入总表",
    "支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表（分功能科目）",
    "一般公共预算支出表（分单位）",
    "一般公共预算基本支出表",
    "一般公共预算“三公”经费支出表",
    "政府性基金预算支出表",
    "国有资本经营预算支出表",
    "项目支出表",
    "部门整体支出绩效目标表",
    "项目支出绩效目标表",
]

QIAOKOU_EXPECTED = {
    "department": "武汉市硚口区经济信息化和科技创新局",  # 表1 部门：…
    "year": 2026,
    "kind": "budget",
    "profile": "wuhan",
    "table_unit": "万元",
    "income_total": "28409800.00",  # 表1 收入总计 2,840.98
    "fiscal_appropriation": "28409800.00",  # 表4 一、本年收入 2840.98
    "expenditure_total": "28409800.00",  # 表1 支出总计 2,840.98
    "basic": "16808800.00",  # 表3 合计 基本支出 1,680.88
    "project": "11601000.00",  # 表3 合计 项目支出 1,160.10
    "gpb_personnel": "15692600.00",  # 表6 合计 人员经费 1,569.26
    "gpb_public": "1116200.00",  # 表6 合计 公用经费 111.62
    "three_public_total": "2000.00",  # 表7 0.20
    "function_classes": {  # 表3 类 rows, 合计 column
        "201": "13734400.00",
        "206": "7954600.00",
        "208": "2267400.00",
        "210": "3117200.00",
        "221": "1336200.00",
    },
    "function_items": {  # 表3 项 rows
        "2014102": "9790600.00",
        "2014150": "2629400.00",
        "2014199": "1314400.00",
        "2060101": "7458600.00",
        "2060102": "496000.00",
        "2080501": "653300.00",
        "2080502": "470300.00",
        "2080505": "1111300.00",
        "2080899": "32500.00",
        "2101101": "208200.00",
        "2101102": "245300.00",
        "2101103": "2601400.00",
        "2101199": "62300.00",
        "2210201": "1119400.00",
        "2210202": "216800.00",
    },
    "economic_classes": {"301": "12707400.00", "302": "1160300.00", "303": "2941100.00"},  # 表6
    "projects": [  # 表10, in table order
        {"code": "42010426135T000000100", "name": "科技成果转化及产业培育", "amount": "50000.00"},
        {"code": "42010426135T000000104", "name": "综合经济事务管理", "amount": "44000.00"},
        {"code": "42010426135T000000109", "name": "党政综合事务管理及专业服务", "amount": "25000.00"},
        {"code": "42010426135T000000110", "name": "网络安全加固及政务新媒体监测", "amount": "211000.00"},
        {"code": "42010426135T000000111", "name": "信息化项目管理与服务", "amount": "90000.00"},
        {"code": "42010426135T000000112", "name": "编外人员用工保障经费", "amount": "270000.00"},
        {"code": "42010426135T000000113", "name": "专项劳务外包服务费", "amount": "132000.00"},
        {"code": "42010426135T000000114", "name": "信息化项目维护及运行", "amount": "3593300.00"},
        {"code": "42010426135T000000118", "name": "城市视频经费（清欠）", "amount": "3534000.00"},
        {"code": "42010426135T000000121", "name": "区级“一网统管”（城运中心）平台运行维护项目", "amount": "2337300.00"},
        {"code": "42010426135T000000103", "name": "党政综合事务管理及专业服务", "amount": "30900.00"},
        {"code": "42010426135T000000116", "name": "城市视频经费（清欠）", "amount": "1105000.00"},
        {"code": "42010426135T000000117", "name": "信息化项目维护及运行", "amount": "113500.00"},
        {"code": "42010426135T000000119", "name": "编外人员用工保障经费", "amount": "65000.00"},
    ],
    "tables_present": ALL_TABLES,
}

HANYANG_EXPECTED = {
    "department": "武汉市汉阳区经济信息化和科技创新局",  # cover, 表11 部门（单位）名称
    "year": 2026,
    "kind": "budget",
    "profile": "wuhan",
    "table_unit": "万元",
    # No 表1 (收支总表) in this document: 收入总计 is 表2's 合计 (本年收入 + 上年结转结余), 2041.02.
    "income_total": "20410200.00",
    "fiscal_appropriation": "20210200.00",  # 表4 一、本年收入 2021.02
    "expenditure_total": "20410200.00",  # 表3 合计 2041.02 (no 年终结转结余 without 表1)
    "basic": "4598200.00",  # 表3 合计 基本支出 459.82
    "project": "15812000.00",  # 表3 合计 项目支出 1581.20
    "gpb_personnel": "4269600.00",  # 表6 合计 人员经费 426.96
    "gpb_public": "328600.00",  # 表6 合计 公用经费 32.86
    "three_public_total": "1000.00",  # 表7 0.10
    "function_classes": {
        "201": "162000.00",
        "206": "18949800.00",
        "208": "384500.00",
        "210": "495600.00",
        "221": "418300.00",
    },
    "function_items": {
        "2010101": "162000.00",
        "2060101": "3536800.00",
        "2060102": "778000.00",
        "2060199": "6435000.00",
        "2069999": "8200000.00",  # 820.00 in 表3 (all funds), 800.00 in 表5-1
        "2080505": "344800.00",
        "2081199": "35000.00",
        "2089999": "4600.00",
        "2101101": "122100.00",
        "2101103": "373500.00",
        "2210201": "356800.00",
        "2210202": "61500.00",
    },
    "economic_classes": {"301": "4133900.00", "302": "315600.00", "303": "135700.00", "310": "13000.00"},
    "projects": [
        {"code": "42010523068T000000109", "name": "政府购买服务、评审等工作经费", "amount": "225000.00"},
        {"code": "42010523068T000000111", "name": "行政单位缴纳残保金", "amount": "35000.00"},
        {"code": "42010523068T000000112", "name": "科技教育、科普活动、科技项目管理费等工作经费", "amount": "700000.00"},
        {"code": "42010523068T000000114", "name": "中小企业发展资金、安全生产工作经费等企业发展资金", "amount": "350000.00"},
        {"code": "42010523068T000000129", "name": "汉阳科技创新研究院", "amount": "8000000.00"},
        {"code": "42010525068T000000107", "name": "机动经费", "amount": "162000.00"},
        {"code": "42010525068T000000109", "name": "区政府门户网站运维", "amount": "300000.00"},
        {"code": "42010525068T000000111", "name": "通信链路租赁费", "amount": "3720000.00"},
        {"code": "42010525068T000000112", "name": "政务网络与应用系统维护保障外包服务", "amount": "1500000.00"},
        {"code": "42010525068T000000113", "name": "政务网络安全保障经费", "amount": "340000.00"},
        {"code": "42010526068T000000101", "name": "文明创建、党建、综治、档案、工会等工作经费", "amount": "202000.00"},
        {"code": "42010526068T000000102", "name": "老干经费", "amount": "78000.00"},
        {"code": "42010526068T000000103", "name": "单位往来资金", "amount": "200000.00"},
    ],
    "tables_present": [t for t in ALL_TABLES if t != "收支总表"],
}


def test_summary_keys_are_the_contract():
    assert list(QIAOKOU_EXPECTED) == list(SUMMARY_KEYS)


def test_qiaokou_summary(qiaokou):
    assert summarize(qiaokou) == QIAOKOU_EXPECTED


def test_hanyang_summary(hanyang):
    assert summarize(hanyang) == HANYANG_EXPECTED


def test_cli_summary_json_matches():
    out = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(QIAOKOU), "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == QIAOKOU_EXPECTED


def test_cli_summary_text_runs():
    out = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(HANYANG)],
                         capture_output=True, text=True, check=True)
    assert "2,041.02" in out.stdout
    assert "武汉市汉阳区经济信息化和科技创新局" in out.stdout
