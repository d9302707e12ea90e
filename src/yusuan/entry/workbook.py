"""The Excel entry workbook: write it (blank, or filled from authored data) and read it back.

Writing uses xlsxwriter (formats, widths, frozen headers); reading uses openpyxl, and builds the
same data shape as a canonical YAML file, which :mod:`yusuan.entry.canonical` validates — so both
inputs go through one set of shorthands and one error path. Amounts are read as Decimal from the
cell value's shortest text (``Decimal(str(1160.1))``), never through float arithmetic.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from yusuan.entry import sheets as S
from yusuan.errors import UnreadableError
from yusuan.model.budget import Budget

_BLOCK = "【"


def is_entry_workbook(path: Path) -> bool:
    """Does the workbook carry the template's marker sheet?"""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            workbook = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{S.MARKER_SHEET}"' in workbook


# --------------------------------------------------------------------------------------------------
# Reading


def _decimal(v: Any) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float | Decimal):
        return Decimal(str(v))
    text = str(v).strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _blocks(rows: list[list[Any]]) -> dict[str, list[list[Any]]]:
    """Rows under each 【block】 marker, without the column-title row."""
    out: dict[str, list[list[Any]]] = {}
    current: list[list[Any]] | None = None
    skip_header = False
    for r in rows:
        first = _text(r[0]) if r else None
        if first and first.startswith(_BLOCK):
            current = out.setdefault(first.strip("【】"), [])
            skip_header = True
            continue
        if current is None:
            continue
        if skip_header:
            skip_header = False
            continue
        if any(_text(c) for c in r):
            current.append(r)
    return out


def _pairs(rows: list[list[Any]], fields: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    by_label = {label: key for key, label in fields}
    out: dict[str, Any] = {}
    for r in rows:
        label, value = _text(r[0]), r[1] if len(r) > 1 else None
        if label in by_label and _text(value) is not None:
            out[by_label[label]] = value
    return out


def _row_sheet(ws: Any, spec: S.RowSheet, data: dict[str, Any], authoring: dict[str, dict[str, Any]]) -> None:
    rows = _rows(ws)[2:]
    out: list[dict[str, Any]] = []
    unit = group = None
    for r in rows:
        cells = dict(zip([c.key for c in spec.cols], r, strict=False))
        if not any(_text(v) for v in cells.values()):
            continue
        values = {c.key[2:]: d for c in spec.cols if c.key.startswith("v:") and (d := _decimal(cells.get(c.key))) is not None}
        code = _text(cells.get("code"))
        row: dict[str, Any] = {"values": values}
        if code is not None:
            row["code"] = code
        if _text(cells.get("name")):
            row["name"] = _text(cells["name"])
        if spec.table == "projects":
            u = (_text(cells.get("unit_code")), _text(cells.get("unit_name")))
            g = (_text(cells.get("group_code")), _text(cells.get("group_name")))
            if u[0] and u != unit:
                out.append({"code": u[0], "name": u[1] or ""})
                unit, group = u, None
            if g[0] and g != group:
                out.append({"code": g[0], "name": g[1] or "", "kind": "group"})
                group = g
            row["unit_name"] = u[1]
        key = spec.authoring
        if key and code:
            for field in ("prior", "reason", "uses"):
                v = cells.get(field)
                if field == "prior" and (d := _decimal(v)) is not None:
                    authoring["prior"][key + code] = d
                elif field != "prior" and _text(v):
                    authoring["reasons" if field == "reason" else "uses"][key + code] = _text(v)
        out.append(row)
    if out:
        data.setdefault("tables", {})[spec.table] = {"rows": out, **({"unit": spec.unit} if spec.unit else {})}


def _table_rows(rows: list[list[Any]], cols: tuple[S.Col, ...]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = {c.key: (_decimal(v) if c.money else _text(v)) for c, v in zip(cols, r, strict=False)}
        out.append({k: v for k, v in d.items() if v is not None})
    return out


def _indicators(rows: list[list[Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    long_term: list[dict[str, Any]] = []
    annual: list[dict[str, Any]] = []
    for d in _table_rows(rows, S.INDICATOR_COLS):
        ind: dict[str, Any] = {k: d[k] for k in ("goal", "level1", "level2", "name", "basis") if k in d}
        ind.setdefault("name", "")
        if "value" in d:
            ind["value"] = {"text": d["value"]}
        if d.get("term", "").startswith("年度"):
            ind["prior_values"] = [{"text": d[k]} if k in d else None for k in ("prior1", "prior2")]
            annual.append(ind)
        else:
            long_term.append(ind)
    return long_term, annual


def _goals(rows: list[list[Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    goals = _table_rows(rows, S.GOAL_COLS)
    pick = [{"label": g.get("label", ""), "text": g.get("text", "")} for g in goals]
    terms = [g.get("term", "") for g in goals]
    return ([g for g, t in zip(pick, terms, strict=True) if not t.startswith("年度")],
            [g for g, t in zip(pick, terms, strict=True) if t.startswith("年度")])


def _project_sheet(ws: Any) -> dict[str, Any] | None:
    blocks = _blocks(_rows(ws))
    fields = _pairs(blocks.get("基本信息", []), S.SHEET_FIELDS)
    if not _text(fields.get("name")) and not _text(fields.get("code")):
        return None
    sheet: dict[str, Any] = {k: (int(v) if k in ("start_year", "end_year") and _decimal(v) is not None else _text(v))
                             for k, v in fields.items()}
    sheet.setdefault("name", "")
    sheet["details"] = _table_rows(blocks.get("支出明细测算", []), S.DETAIL_COLS)
    for d in sheet["details"]:
        d.setdefault("task", "")
        if "quantity" in d:
            d["quantity"] = _decimal(d["quantity"])
    sheet["procurement"] = [{**p, "item": p.get("item", "")} for p in
                            _table_rows(blocks.get("项目采购", []), S.PROCUREMENT_COLS)]
    sheet["long_term_goals"], sheet["annual_goals"] = _goals(blocks.get("绩效目标", []))
    sheet["long_term_indicators"], sheet["annual_indicators"] = _indicators(blocks.get("绩效指标", []))
    return sheet


def _profile(wb: Any) -> str:
    """The template the workbook was written for (third line of the hidden marker sheet)."""
    if S.MARKER_SHEET not in wb.sheetnames:
        return "wuhan"
    rows = _rows(wb[S.MARKER_SHEET])
    value = _text(rows[2][0]) if len(rows) > 2 and rows[2] else None
    return value or "wuhan"


def _authoring_sheets(wb: Any, names: set[str], prior_keys: tuple[tuple[str, str], ...],
                      authoring: dict[str, dict[str, Any]]) -> None:
    if "上年数与增减原因" in names:
        labels = {label: key for key, label in prior_keys}
        for r in _rows(wb["上年数与增减原因"])[2:]:
            key = labels.get(_text(r[0]) or "") or _text(r[3] if len(r) > 3 else None)
            if key and (d := _decimal(r[1])) is not None:
                authoring["prior"][key] = d
            if key and _text(r[2]):
                authoring["reasons"][key] = _text(r[2])


def _other_texts(blocks: dict[str, list[list[Any]]], authoring: dict[str, dict[str, Any]]) -> None:
    for r in blocks.get("其他说明", []):
        if _text(r[0]) and _text(r[1]):
            authoring["notes"][f"other:{_text(r[0])}"] = _text(r[1])
    for r in blocks.get("名词解释补充", []):
        if _text(r[0]) and _text(r[1]):
            authoring["definitions"][str(_text(r[0]))] = _text(r[1])


def _read_shanghai(wb: Any, p: Path) -> Budget:
    """The Shanghai entry workbook (see :func:`yusuan.entry.template._write_shanghai`)."""
    from yusuan.entry.canonical import load_data

    names = set(wb.sheetnames)
    info = _pairs(_rows(wb["基本信息"]), S.SH_INFO_FIELDS) if "基本信息" in names else {}
    year = _decimal(info.get("year"))
    level = S.SH_LEVELS.get(_text(info.get("level")) or "部门", "department")
    data: dict[str, Any] = {"meta": {"department": _text(info.get("department")) or "",
                                     "year": int(year) if year is not None else None, "profile": "shanghai",
                                     "level": level, "table_unit": _text(info.get("table_unit")) or "元"}}
    authoring: dict[str, dict[str, Any]] = {k: {} for k in ("prior", "reasons", "uses", "facts", "notes",
                                                            "definitions")}
    if "概况" in names:
        blocks = _blocks(_rows(wb["概况"]))
        units = [t for r in blocks.get("机构设置", []) if (t := _text(r[0]))]
        data["overview"] = {"functions": [t for r in blocks.get("主要职能", []) if (t := _text(r[0]))],
                            **({"units_text": "\n".join(units)} if units else {})}
    for spec in S.SH_ROW_SHEETS:
        if spec.name in names:
            _row_sheet(wb[spec.name], spec, data, authoring)
    _authoring_sheets(wb, names, S.SH_PRIOR_KEYS, authoring)
    if "其他事项" in names:
        blocks = _blocks(_rows(wb["其他事项"]))
        authoring["facts"].update({k: _decimal(v) for k, v in _pairs(blocks.get("数字", []), S.SH_FACT_KEYS).items()})
        authoring["notes"].update({k: _text(v) for k, v in _pairs(blocks.get("文字", []), S.SH_NOTE_KEYS).items()})
        for r in blocks.get("车辆（按类别）", []):
            label = _text(r[0])
            for col, prefix in ((1, "assets.vehicles"), (2, "assets.purchase.vehicles")):
                if label and len(r) > col and (d := _decimal(r[col])) is not None:
                    authoring["facts"][f"{prefix}:{label}"] = d
        _other_texts(blocks, authoring)
    notes = []
    for n in wb.sheetnames:
        if not n.startswith("项目"):
            continue
        blocks = _blocks(_rows(wb[n]))
        fields = {k: _text(v) for k, v in _pairs(blocks.get("项目经费情况说明", []), S.SH_NOTE_FIELDS).items()}
        if not fields.get("name"):
            continue
        details = [{"task": d.get("task", ""), **({"estimate": d["estimate"]} if "estimate" in d else {})}
                   for d in _table_rows(blocks.get("年度预算安排", []), S.SH_NOTE_DETAIL_COLS)]
        notes.append({"form": "note", **fields, "details": details})
    data["projects"] = notes
    compare = _decimal(info.get("compare_year"))
    data["authoring"] = {**authoring, "compare_year": int(compare) if compare is not None else None}
    return load_data(data, p)


def read_workbook(path: str | Path) -> Budget:
    from openpyxl import load_workbook

    from yusuan.entry.canonical import load_data

    p = Path(path)
    try:
        wb = load_workbook(p, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableError(f"{p}: 无法读取录入工作簿 / cannot read the entry workbook ({type(exc).__name__})") from None
    if _profile(wb) == "shanghai":
        return _read_shanghai(wb, p)
    names = set(wb.sheetnames)
    info = _pairs(_rows(wb["基本信息"]), S.INFO_FIELDS) if "基本信息" in names else {}
    year = _decimal(info.get("year"))
    data: dict[str, Any] = {"meta": {"department": _text(info.get("department")) or "",
                                     "year": int(year) if year is not None else None, "profile": "wuhan",
                                     "table_unit": _text(info.get("table_unit")) or "万元"}}
    if _text(info.get("date")):
        data["meta"]["date"] = _text(info.get("date"))
    authoring: dict[str, dict[str, Any]] = {k: {} for k in ("prior", "reasons", "uses", "facts", "notes",
                                                            "definitions")}
    if "概况" in names:
        blocks = _blocks(_rows(wb["概况"]))
        data["overview"] = {"functions": [t for r in blocks.get("主要职能", []) if (t := _text(r[0]))],
                            "staffing": {k: _decimal(v) for k, v in _pairs(blocks.get("人员构成", []),
                                                                          S.STAFF_FIELDS).items()}}
    for spec in S.ROW_SHEETS:
        if spec.name in names:
            _row_sheet(wb[spec.name], spec, data, authoring)
    _authoring_sheets(wb, names, S.PRIOR_KEYS, authoring)
    if "其他事项" in names:
        blocks = _blocks(_rows(wb["其他事项"]))
        authoring["facts"].update({k: _decimal(v) for k, v in _pairs(blocks.get("数字", []), S.FACT_KEYS).items()})
        authoring["notes"].update({k: _text(v) for k, v in _pairs(blocks.get("文字", []), S.NOTE_KEYS).items()})
        for r in blocks.get("政府购买服务", []):
            if _text(r[0]) and (d := _decimal(r[1])) is not None:
                authoring["facts"][f"purchase_services.item:{_text(r[0])}"] = d
        _other_texts(blocks, authoring)
    if "表11整体绩效" in names:
        blocks = _blocks(_rows(wb["表11整体绩效"]))
        op: dict[str, Any] = {k: _text(v) for k, v in _pairs(blocks.get("基本信息", []), S.OVERALL_FIELDS).items()}
        op["long_term_goals"], op["annual_goals"] = _goals(blocks.get("绩效目标", []))
        op["long_term_indicators"], op["annual_indicators"] = _indicators(blocks.get("绩效指标", []))
        if any(op.values()):
            data["overall_performance"] = op
    data["projects"] = [s for n in wb.sheetnames if n.startswith("项目") and (s := _project_sheet(wb[n]))]
    compare = _decimal(info.get("compare_year"))
    data["authoring"] = {**authoring, "compare_year": int(compare) if compare is not None else None}
    return load_data(data, p)
