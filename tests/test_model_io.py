"""The model round-trips through JSON and YAML, and `yusuan schema` describes it."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from yusuan.model.io import dump, load_budget

from conftest import HANYANG


def test_json_round_trip(qiaokou):
    data = dump(qiaokou)
    again = load_budget(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again == qiaokou


def test_money_serialises_as_decimal_strings(qiaokou):
    data = dump(qiaokou)
    total = data["tables"]["expenditure"]["rows"][0]["values"]["total"]
    assert total == {"value": "2840.98", "places": 2, "unit": "万元", "exact": False,
                     "source": total["source"]}
    assert total["source"]["line"] == 184 and total["source"]["table"] == "表3"


def test_cli_parse_yaml_round_trip():
    out = subprocess.run([sys.executable, "-m", "yusuan", "parse", str(HANYANG), "--format", "yaml"],
                         capture_output=True, text=True, check=True)
    budget = load_budget(yaml.safe_load(out.stdout))
    assert budget.meta.department == "武汉市汉阳区经济信息化和科技创新局"
    assert len(budget.projects) == 12


def test_schema_command():
    out = subprocess.run([sys.executable, "-m", "yusuan", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    assert schema["title"] == "Budget"
    assert {"meta", "tables", "projects", "narrative", "glossary", "problems"} <= set(schema["properties"])
    assert "Figure" in schema["$defs"] and "Claim" in schema["$defs"]
