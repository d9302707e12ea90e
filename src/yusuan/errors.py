"""Errors a user can cause. They carry a one-line message (Chinese and English) and never a traceback."""

from __future__ import annotations


class YusuanError(Exception):
    """Base class: an error the CLI reports in one line with exit code 2."""

    exit_code = 2


class UnreadableError(YusuanError):
    """The input cannot be read at all (empty, binary, truncated beyond use, unknown format)."""


class NotADisclosureError(YusuanError):
    """The input is readable but holds nothing recognisable as a budget disclosure."""


class UsageError(YusuanError):
    """Bad command-line usage (unknown format, missing option)."""
