"""yusuan (预算): read, audit, generate and compare Chinese department budget disclosures.

Public API::

    from yusuan import load
    budget = load("disclosure.md")       # → yusuan.model.Budget

``load`` is imported on first use: ``yusuan --version`` and every ``import yusuan.x`` stay cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.api import load

__version__ = "0.1.0"
__all__ = ["__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":
        from yusuan.api import load

        return load
    raise AttributeError(f"module 'yusuan' has no attribute {name!r}")
