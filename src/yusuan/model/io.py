"""The model at the edges: to and from JSON-ready data, and its JSON Schema.

Everything that crosses the boundary of the process (``yusuan parse``, ``yusuan schema``, canonical
YAML/JSON input, tests that compare models) goes through these functions, so the model classes
themselves stay plain and cheap to import.
"""

from __future__ import annotations

from typing import Any

from yusuan.model.budget import Budget


def dump(obj: Any) -> Any:
    """JSON-ready data (Decimals as plain strings) of a model object or a list/dict of them."""
    if isinstance(obj, list):
        return [dump(x) for x in obj]
    if isinstance(obj, dict):
        return {k: dump(v) for k, v in obj.items()}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    return obj


def load_budget(data: Any) -> Budget:
    """A :class:`Budget` from JSON-ready data (validated; raises ``pydantic.ValidationError``)."""
    return Budget.model_validate(data)


def budget_schema() -> dict[str, Any]:
    """JSON Schema of the budget model (``yusuan schema``)."""
    return Budget.model_json_schema()
