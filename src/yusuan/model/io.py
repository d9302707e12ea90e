"""The model at the edges: to and from JSON-ready data, and its JSON Schema.

The model classes are plain frozen dataclasses (cheap to import: the CLI's start-up time). Everything
that crosses the boundary of the process (``yusuan parse``, ``yusuan schema``, canonical YAML/JSON
input, tests that compare models) goes through these functions; pydantic is imported only here, and
only for validation and the schema.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from yusuan.model.budget import Budget

T = TypeVar("T")


def dump(obj: Any) -> Any:
    """JSON-ready data of a model object (or a list/dict of them): Decimals as plain strings such as
    ``"2840.98"`` (never in exponent form), enums as their values, field order as declared."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: dump(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [dump(x) for x in obj]
    if isinstance(obj, dict):
        return {(k.value if isinstance(k, Enum) else k): dump(v) for k, v in obj.items()}
    return obj


@cache
def _adapter(cls: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def validate(cls: type[T], data: Any) -> T:
    """An instance of model class ``cls`` from JSON-ready data (raises ``pydantic.ValidationError``)."""
    result: T = _adapter(cls).validate_python(data)  # type: ignore[arg-type]
    return result


def load_budget(data: Any) -> Budget:
    """A :class:`Budget` from JSON-ready data (validated; raises ``pydantic.ValidationError``)."""
    return validate(Budget, data)


def schema(cls: type) -> dict[str, Any]:
    """JSON Schema of a model class."""
    return _adapter(cls).json_schema()


def budget_schema() -> dict[str, Any]:
    """JSON Schema of the budget model (``yusuan schema``)."""
    return schema(Budget)
