"""yusuan (预算): read, audit, generate and compare Chinese department budget disclosures.

Public API::

    from yusuan import load
    budget = load("disclosure.md")       # → yusuan.model.Budget
"""

from yusuan.api import load

__version__ = "0.1.0"
__all__ = ["__version__", "load"]
