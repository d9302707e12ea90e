"""Property: a consistent budget renders to a document the checker finds clean, and changing any one
figure of it makes the check fail.

Budgets are generated as a finance officer would enter them — 项 rows of the general public budget
(codes and names from the catalogue), budget units, projects, economic 款 rows, 三公 items, an
occasional non-appropriation income with the 支出总表 entered by hand — and completed by derivation.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.catalog import load_catalog
from yusuan.derive import derive
from yusuan.entry.canonical import load_data
from yusuan.model.budget import BalanceTable, Budget, Table
from yusuan.render import build, prepare, read_back
from yusuan.render.markdown import to_markdown
from yusuan.summary import summarize

rules = pytest.importorskip("yusuan.rules")


def _items() -> list[tuple[str, str]]:
    cat = load_catalog()
    out = []
    for code in sorted(cat.entries):
        e = cat.entry(code)
        if e and e.classification == "function" and len(code) == 7 and cat.name(code[:5]) and cat.name(code[:3]):
            out.append((code, e.name))
    return out


ITEMS = _items()
PERSONNEL = [("30101", "基本工资"), ("30102", "津贴补贴"), ("30107", "绩效工资"), ("30113", "住房公积金"),
             ("30302", "退休费")]
PUBLIC = [("30201", "办公费"), ("30211", "差旅费"), ("30228", "工会经费"), ("30299", "其他商品和服务支出")]
CENTS = st.integers(min_value=0, max_value=300_000)


def money(cents: int) -> str:
    return format(Decimal(cents).scaleb(-2), "f")


def _split(draw: st.DrawFn, total: int, codes: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """``total`` cents over 1–3 of ``codes``, every part positive."""
    if total <= 0:
        return []
    k = draw(st.integers(1, min(3, len(codes), total)))
    chosen = draw(st.lists(st.sampled_from(codes), min_size=k, max_size=k, unique=True))
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=k - 1, max_size=k - 1, unique=True))) \
        if total > k else []
    bounds = [0, *cuts, total]
    parts = [b - a for a, b in itertools.pairwise(bounds)]
    return [(c, n, p) for (c, n), p in zip(chosen, parts, strict=False) if p > 0]


def _indicators(goal: str) -> list[dict[str, Any]]:
    return [{"goal": goal, "level1": l1, "level2": l2, "name": name, "value": {"text": v}, "basis": "计划标准"}
            for l1, l2, name, v in (("产出指标", "数量指标", "完成数量", "≥1个"),
                                    ("效益指标", "社会效益指标", "服务效果", "提升"),
                                    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"))]


@st.composite
def entered_budgets(draw: st.DrawFn) -> dict[str, Any]:
    n_units = draw(st.integers(1, 3))
    units = [("999001", "示例局本级")] + [(f"99900{i + 2}", f"示例单位{i + 1}") for i in range(n_units - 1)]
    codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=6, unique=True))
    items = []
    for code, name in codes:
        unit = draw(st.sampled_from(units))
        p, q, r = draw(CENTS), draw(CENTS), draw(CENTS)
        if p + q + r == 0:
            p = 100
        items.append((code, name, unit, p, q, r))
    if not any(it[5] for it in items):  # every department has projects (表10 and 表12 are required)
        code, name, unit, p, q, _r = items[0]
        items[0] = (code, name, unit, p, q, 1000)
    other = draw(st.sampled_from([0, 0, 2000, 55_00]))  # 其他收入 for a project, in cents
    used = [u for u in units if any(it[2] == u for it in items)]
    gpb_rows = [{"code": c, "name": n, "values": {k: money(v) for k, v in
                                                  (("personnel", p), ("public", q), ("project", r)) if v}}
                for c, n, _u, p, q, r in items]
    unit_total = {u: sum(p + q + r for _c, _n, uu, p, q, r in items if uu == u) for u in used}
    income = [{"code": u[0], "name": u[1], "values": {"current.gpb": money(unit_total[u]),
                                                      **({"current.other_income": money(other)}
                                                         if other and u == used[0] else {})}} for u in used]
    by_unit = []
    for u in used:
        mine = [it for it in items if it[2] == u]
        sums = {k: sum(it[3 + j] for it in mine) for j, k in enumerate(("personnel", "public", "project"))}
        by_unit.append({"code": u[0], "name": u[1], "values": {k: money(v) for k, v in sums.items() if v}})
    tables: dict[str, Any] = {"gpb_by_function": {"rows": gpb_rows}, "income": {"rows": income},
                              "gpb_by_unit": {"rows": by_unit}}
    personnel = sum(it[3] for it in items)
    public = sum(it[4] for it in items)
    econ = _split(draw, personnel, PERSONNEL) + _split(draw, public, PUBLIC)
    tables["gpb_basic_economic"] = {"rows": [{"code": c, "name": n, "values": {
        ("personnel" if c.startswith(("301", "303")) else "public"): money(v)}} for c, n, v in econ]}
    tables["three_public"] = {"rows": [{"values": {"reception": money(draw(st.integers(0, 500)))}}]}
    projects: list[dict[str, Any]] = []
    sheets: list[dict[str, Any]] = []
    seq = 0
    for u in used:
        projects += [{"code": u[0], "name": u[1]}, {"code": "31", "name": "本级支出项目"}]
        funded = [(it, "current.gpb", it[5]) for it in items if it[2] == u and it[5]]
        if other and u == used[0]:
            funded.append((None, "unit_funds", other))
        for _it, column, amount in funded:
            seq += 1
            code = f"42010526999T{seq:09d}"
            projects.append({"code": code, "name": f"示例项目{seq}", "unit_name": u[1],
                             "values": {column: money(amount)}})
            sheets.append({"code": code, "name": f"示例项目{seq}", "unit": "万元",
                           "long_term_goals": [{"label": "长期绩效目标1", "text": "完成任务"}],
                           "annual_goals": [{"label": "年度绩效目标1", "text": "完成任务"}],
                           "long_term_indicators": _indicators("长期绩效目标1"),
                           "annual_indicators": _indicators("年度绩效目标1")})
    if projects and seq:
        tables["projects"] = {"rows": projects}
    if other:  # money besides appropriations: the all-funds table is entered, not derived
        first = next(it for it in items if it[2] == used[0])
        tables["expenditure"] = {"rows": [
            {"code": c, "name": n, "values": {k: money(v) for k, v in
                                              (("basic", p + q), ("project", r + (other if it is first else 0))) if v}}
            for it in items for c, n, _u, p, q, r in [it]]}
    return {
        "meta": {"department": "示例局", "year": 2026, "profile": "wuhan"},
        "overview": {"functions": ["（一）示例职能。"], "staffing": {"establishment.admin": 10, "actual.admin": 9}},
        "tables": tables,
        "overall_performance": {"department": "示例局", "long_term_goals": [{"label": "目标1", "text": "完成任务"}],
                                "annual_goals": [{"label": "目标1", "text": "完成任务"}],
                                "long_term_indicators": _indicators("长期目标 1:完成任务")},
        "projects": sheets,
        "authoring": {"facts": {"admin_operating_cost": money(public), "procurement.services": "1.00"}},
    }


def _errors(findings: list[Any]) -> list[str]:
    return [f"{f.rule} {f.message}" for f in findings if f.severity == "error"]


def _figures(budget: Budget) -> list[tuple[Any, ...]]:
    """Every table figure: (table kind, side or row index, line/column key)."""
    out: list[tuple[Any, ...]] = []
    for kind, t in budget.tables.items():
        if isinstance(t, Table):
            out += [(kind, i, k) for i, r in enumerate(t.rows) for k in r.values]
        elif isinstance(t, BalanceTable):
            out += [(kind, side, i) for side in ("income", "expenditure")
                    for i, ln in enumerate(getattr(t, side)) if ln.values]
    return out


def _perturb(budget: Budget, where: tuple[Any, ...], delta: Decimal) -> Budget:
    kind, a, b = where
    t = budget.tables[kind]
    if isinstance(t, Table):
        row = t.rows[a]
        fig = row.values[b]
        rows = list(t.rows)
        rows[a] = replace(row, values={**row.values, b: replace(fig, value=fig.value + delta)})
        t = replace(t, rows=rows)
    else:
        lines = list(getattr(t, a))
        ln = lines[b]
        key = next(iter(ln.values))
        fig = ln.values[key]
        lines[b] = replace(ln, values={**ln.values, key: replace(fig, value=fig.value + delta)})
        t = replace(t, **{a: lines})
    return replace(budget, tables={**budget.tables, kind: t})


SETTINGS = settings(max_examples=25, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(entered_budgets())
def test_generated_budget_renders_and_checks_clean(data: dict[str, Any]) -> None:
    budget = load_data(data, Path("generated.yaml"))
    prepared = build(budget, authored=True, force=True)
    back = read_back(prepared.markdown)
    assert summarize(back) == summarize(prepared.budget)
    assert back.problems == []
    assert _errors(rules.check(back)) == []


@SETTINGS
@given(entered_budgets(), st.data())
def test_changing_any_one_figure_makes_the_check_fail(data: dict[str, Any], pick: st.DataObject) -> None:
    derived, _ = derive(load_data(data, Path("generated.yaml")), authored=True)
    where = pick.draw(st.sampled_from(_figures(derived)), label="figure")
    delta = Decimal(pick.draw(st.sampled_from([1, -1, 7, 100, -25]), label="delta"))
    changed = _perturb(derived, where, delta)
    _, doc, _ = prepare(changed, authored=False)
    back = read_back(to_markdown(doc))
    assert _errors(rules.check(back)), f"no error after changing {where} by {delta}"
