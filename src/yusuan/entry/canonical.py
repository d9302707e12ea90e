"""Canonical input: the budget model as YAML or JSON (validated by :mod:`yusuan.model.io`), with shorthands.

The full form is what ``yusuan parse --format yaml`` prints. Authors may write less:

* a figure may be a plain number (``2840.98`` or ``"1,160.10"``): its unit is the enclosing table's
  (or sheet's) unit, its places are the printed places or the table's (万元: 2);
* ``source`` may be omitted everywhere (it becomes the input file);
* a table's ``kind`` is its key under ``tables``; a row's ``kind`` follows from its code
  (3 digits 类, 5 款, 7 项 in code tables; 3 部门 / 6 单位 / project codes in unit tables) and a row
  without code is the 合计 row.

Numbers are read as Decimal from the text (never through float), so ``1160.10`` keeps its places.

Profile ``shanghai``: the tables default to 元 (two places, as the Putuo PDFs print them), the “三公”
table to 万元; prior-year figures, facts and the 项目经费情况说明 (``form: note``) to 万元, the
narrative's unit; the 收入预算总表's rows are function codes (类/款/项), not budget units.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import is_dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from yusuan.errors import UnreadableError
from yusuan.model.budget import BalanceTable, Budget, Figure, Table, TableKind
from yusuan.model.figures import PERCENT, WAN, YUAN
from yusuan.model.io import load_budget, validate
from yusuan.templates.family import standard_name

_PROJECT_CODE = re.compile(r"^\d{6,}[A-Z]\d{6,}$")
_UNIT_TABLES = {"income", "gpb_by_unit", "projects"}
_KINDS = {k.value for k in TableKind}
# Fields whose plain-number figures are counted in a unit of their own.
_FIELD_UNITS = {"staffing": "人", "share": PERCENT, "rate": PERCENT, "quantity": ""}
# Narrative facts that are counts, not money (quantity keys of yusuan.quantities).
FACT_UNITS = {"assets.vehicles": "辆", "assets.equipment": "套", "assets.office_area": "平方米",
              "count.performance_projects": "个", "performance.priority_count": "个", "performance.cut_count": "个",
              # Shanghai (Putuo): vehicles by kind (``assets.vehicles:其他用车``), held and to be bought,
              # equipment in 台（套）, the 机关 and 事业单位 behind 机关运行经费.
              "assets.purchase.vehicles": "辆", "assets.purchase.equipment": "台",
              "count.admin_institutions.admin": "家", "count.admin_institutions.institution": "家"}


def fact_unit(key: str, default: str) -> str:
    """The unit of a plain-number fact: a count's unit, else ``default`` (money)."""
    base = key.split(":", 1)[0]
    return FACT_UNITS.get(key) or FACT_UNITS.get(base) or default


class _DecimalLoader(yaml.SafeLoader):
    """YAML loader that reads floats as Decimal from their text (2840.98 stays exactly 2840.98)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def read_data(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnreadableError(f"{path}: 文件不存在 / file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableError(f"{path}: 无法读取 / cannot read ({exc})") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text, parse_float=Decimal)
        return yaml.load(text, Loader=_DecimalLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableError(f"{path}: 不是有效的 YAML/JSON / not valid YAML/JSON ({first})") from None


def _scalar_figure(value: Any, unit: str, min_places: int = 0) -> dict[str, Any] | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal | float):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if text.endswith("%"):
            text, unit = text[:-1], PERCENT
    else:
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    places = max(0, -int(d.as_tuple().exponent)) if isinstance(d.as_tuple().exponent, int) else 0
    if unit == WAN:
        places = max(places, 2)
    elif unit == YUAN:
        places = max(places, min_places)
    return {"value": format(d, "f"), "places": places, "unit": unit}


def _figure_type(annotation: Any) -> tuple[str, Any] | None:
    """("one" | "dict" | "list", model) when the annotation holds models: Figure, list[Row], dict[str, Figure]…"""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        for a in args:
            found = _figure_type(a)
            if found:
                return found
        return None
    if origin is list and args:
        inner = _figure_type(args[0])
        return ("list", inner[1]) if inner else None
    if origin is dict and len(args) == 2:
        inner = _figure_type(args[1])
        return ("dict", inner[1]) if inner else None
    if isinstance(annotation, type) and is_dataclass(annotation):
        return ("one", annotation)
    return None


@cache
def _fields(model: type) -> dict[str, Any]:
    """Field name → resolved annotation of a model class."""
    return typing.get_type_hints(model)


def normalize(model: type, data: Any, unit: str, file: str, context: dict[str, Any]) -> Any:
    """Expand shorthands in ``data`` destined for ``model`` (recursively)."""
    if model is Figure:
        places = context.get("yuan_places", 0)
        return _scalar_figure(data, unit, places) or data if not isinstance(data, dict) else {"unit": unit, **data}
    if not isinstance(data, dict):
        return data
    out = dict(data)
    fields = _fields(model)
    shanghai = context.get("profile") == "shanghai"
    if shanghai and model.__name__ == "ProjectSheet" and out.get("form") == "note" and "unit" not in out:
        out["unit"] = WAN  # 项目经费情况说明 state their amounts in 万元 (1720.00万)
    if "unit" in fields and isinstance(out.get("unit"), str):
        unit = out["unit"]
    elif "unit" in fields and model.__name__ in ("Table", "BalanceTable", "ProjectSheet", "OverallPerformance"):
        out["unit"] = unit  # the unit its plain numbers are read in (the model's default is 万元)
    if shanghai and model.__name__ == "Authoring":
        unit = WAN  # prior-year figures and facts are stated in the narrative's unit
    if "source" in fields and "source" not in out and model is not Figure:
        out["source"] = {"file": file}
    if model.__name__ in ("Table", "BalanceTable") and "title" not in out:
        out["title"] = standard_name(TableKind(out["kind"])) if out.get("kind") in _KINDS else ""
    if model.__name__ == "Row" and isinstance(out.get("code"), int):
        out["code"] = str(out["code"])  # an unquoted code in YAML (quote codes with leading zeros)
    if model.__name__ == "Row" and "kind" not in out:
        out["kind"] = _row_kind(context.get("table", ""), out.get("code"), context.get("profile"))
    for name, annotation in fields.items():
        if name not in out or name == "source":
            continue
        found = _figure_type(annotation)
        if not found:
            continue
        shape, sub = found
        sub_unit = _FIELD_UNITS.get(name, unit)
        value = out[name]
        if shape == "one":
            out[name] = normalize(sub, value, sub_unit, file, context)
        elif shape == "list" and isinstance(value, list):
            out[name] = [normalize(sub, v, sub_unit, file, context) for v in value]
        elif shape == "dict" and isinstance(value, dict):
            if name == "tables":
                out[name] = {k: _table(k, v, sub_unit, file, context) for k, v in value.items()}
            else:
                out[name] = {k: normalize(sub, v, fact_unit(k, sub_unit) if name == "facts" else sub_unit, file,
                                          context) for k, v in value.items()}
    return out


def _table(kind: str, value: Any, unit: str, file: str, context: dict[str, Any]) -> Any:
    """A table validated as the model its kind names: ``Table | BalanceTable`` is a union, and
    pydantic would otherwise accept invalid table rows as an (empty) BalanceTable."""
    model: type[Table] | type[BalanceTable] = BalanceTable if kind in ("summary", "fiscal_summary") else Table
    if not isinstance(value, dict):
        return value
    if context.get("profile") == "shanghai" and kind == "three_public" and "unit" not in value:
        unit = WAN  # the Shanghai “三公”经费和机关运行经费预算表 is in 万元 while the other tables are in 元
    data = normalize(model, {"kind": kind, **value}, unit, file, {**context, "table": kind})
    try:
        return validate(model, data)
    except ValidationError as exc:
        raise UnreadableError(_invalid(file, exc, f"tables.{kind}")) from None


def _invalid(file: str, exc: ValidationError, prefix: str = "") -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in (prefix, *err.get("loc", ())) if x != "")
    return f"{file}: 数据格式错误 / invalid budget data at {where}: {err.get('msg')}"


def _row_kind(table: str, code: Any, profile: str | None = None) -> str:
    if code is None or code == "":
        return "total"
    c = str(code)
    if table in _UNIT_TABLES and not (profile == "shanghai" and table == "income"):  # Shanghai: by function code
        if _PROJECT_CODE.match(c):
            return "project"
        return {3: "department", 6: "unit"}.get(len(c), "group")
    return {3: "class", 5: "section", 7: "item"}.get(len(c), "other")


def _table_default(data: dict[str, Any]) -> str:
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    default = YUAN if meta and meta.get("profile") == "shanghai" else WAN  # Shanghai tables are in 元
    return str(meta.get("table_unit") or default) if meta else WAN


def load_data(data: Any, path: Path) -> Budget:
    """A budget from already-parsed data (YAML/JSON or the entry workbook), shorthands expanded."""
    if not isinstance(data, dict) or "meta" not in data:
        raise UnreadableError(f"{path}: 缺少 meta（部门、年度）/ not a budget: no 'meta' section")
    meta = data["meta"] if isinstance(data["meta"], dict) else {}
    missing = [label for key, label in (("department", "部门名称"), ("year", "预算年度")) if not meta.get(key)]
    if missing:
        raise UnreadableError(f"{path}: 缺少{'、'.join(missing)} / missing meta: "
                              f"{', '.join(k for k in ('department', 'year') if not meta.get(k))}")
    unit = _table_default(data)
    profile = meta.get("profile")
    # Shanghai prints 元 to the cent (371,514,655.00): plain numbers get two places there too.
    context = {"profile": profile, "yuan_places": 2 if profile == "shanghai" else 0}
    data = normalize(Budget, data, unit, str(path), context)
    fmt = path.suffix.lstrip(".").lower() or "yaml"
    data["meta"] = {"source_file": str(path), "source_format": fmt, "table_unit": unit, **data["meta"]}
    try:
        return load_budget(data)
    except ValidationError as exc:
        raise UnreadableError(_invalid(str(path), exc)) from None


def load_canonical(path: str | Path) -> Budget:
    p = Path(path)
    return load_data(read_data(p), p)


__all__ = ["load_canonical", "load_data", "normalize", "read_data"]
