"""Errors the `briefing` command reports as one clear line on stderr with exit code 1 (no traceback)."""

from __future__ import annotations


class ReportWriteError(RuntimeError):
    """A daily report file could not be written (disk full, permissions, read-only folder)."""


class LocationError(RuntimeError):
    """A configured folder cannot be used: the watched folder is missing, the reports path is a file."""
