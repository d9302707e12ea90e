"""The public entry points: read a document into a budget model."""

from __future__ import annotations

from pathlib import Path

from yusuan.model.budget import Budget


def load(path: str | Path, profile: str | None = None) -> Budget:
    """Read a disclosure (any supported format) into a :class:`Budget`.

    Raises :class:`yusuan.errors.UnreadableError` or :class:`yusuan.errors.NotADisclosureError`
    when nothing usable can be read; problems found while reading are in ``Budget.problems``.
    """
    from yusuan.readers import read_layout
    from yusuan.recognize import recognize

    return recognize(read_layout(path), profile=profile)
