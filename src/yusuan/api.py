"""The public entry points: read a document into a budget model.

Reading is behind this one door: the layers above (derive, entry, render, cli) never import the
readers or the recognizer themselves (tests/test_architecture.py), so how a document is read can
change without them.
"""

from __future__ import annotations

import os
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


def load_text(text: str, name: str = "document.md", fmt: str = "markdown", profile: str | None = None) -> Budget:
    """Read a disclosure given as text (Markdown or a tab-separated conversion); ``name`` is the
    file name its figures' sources carry."""
    from yusuan.readers.text import read_text
    from yusuan.recognize import recognize

    return recognize(read_text(name, text, fmt), profile=profile)


def documents_in(folder: str | Path) -> list[Path]:
    """The files under ``folder`` (recursively, sorted) in a format yusuan reads, by suffix.

    Hidden files and folders and office lock files (``~$…``) are left out; symbolic links to
    folders are not followed (a link loop must not hang a check).
    """
    from yusuan.readers import DOCUMENT_SUFFIXES

    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith((".", "~$")):
                continue
            if Path(f).suffix.lower() in DOCUMENT_SUFFIXES:
                found.append(Path(root) / f)
    return found
