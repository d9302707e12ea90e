"""Findings are data: one frozen shape for every rule (design.md: rule, severity, message, locations,
expected, actual; plus difference and tolerance for arithmetic rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from yusuan.model.figures import SourceRef


class Severity(StrEnum):
    ERROR = "error"  # a definite inconsistency or a required part missing
    WARNING = "warning"  # very likely a problem; a person should look
    INFO = "info"  # worth knowing; not a defect by itself

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    locations: list[SourceRef] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    tolerance: str | None = None

    def contract(self) -> dict[str, Any]:
        """The JSON shape of the command-line contract (design.md)."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "locations": [_location(loc) for loc in self.locations],
        }
        if self.expected is not None:
            out["expected"] = self.expected
        if self.actual is not None:
            out["actual"] = self.actual
        return out


_LOCATION_KEYS = ("table", "section", "page", "line", "row", "column", "text")


def _location(ref: SourceRef) -> dict[str, Any]:
    return {k: getattr(ref, k) for k in _LOCATION_KEYS if getattr(ref, k) is not None}


@dataclass(frozen=True, kw_only=True, slots=True)
class Hit:
    """What a rule function yields; the engine adds the rule's id, name and severity."""

    message: str
    locations: list[SourceRef] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    tolerance: str | None = None
    severity: Severity | None = None  # overrides the rule's default (e.g. a soft link is info)
