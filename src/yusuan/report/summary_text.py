"""Terminal rendering of ``yusuan summary``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

_LABELS = {
    "income_total": "收入总计",
    "fiscal_appropriation": "本年财政拨款收入",
    "expenditure_total": "支出总计",
    "basic": "基本支出",
    "project": "项目支出",
    "gpb_personnel": "一般公共预算人员经费",
    "gpb_public": "一般公共预算公用经费",
    "three_public_total": "“三公”经费",
}


def _wan(yuan: str | None) -> str:
    if yuan is None:
        return "—"
    return f"{Decimal(yuan) / 10000:,.2f}"


def print_summary(data: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]{data['department'] or '（未识别部门）'}[/bold]  {data['year'] or ''}年  "
                  f"{'预算' if data['kind'] == 'budget' else '决算'}  模板：{data['profile']}  表格单位：{data['table_unit']}")
    t = Table(title="关键数字（万元）", show_header=True)
    t.add_column("项目")
    t.add_column("金额", justify="right")
    for k, label in _LABELS.items():
        t.add_row(label, _wan(data[k]))
    console.print(t)
    if data.get("function_classes"):
        ft = Table(title="支出功能分类（类，万元）")
        ft.add_column("科目编码")
        ft.add_column("金额", justify="right")
        for code, amount in data["function_classes"].items():
            ft.add_row(code, _wan(amount))
        console.print(ft)
    if data.get("projects"):
        console.print(f"项目 {len(data['projects'])} 个")
    console.print("表格：" + "、".join(data["tables_present"]))
