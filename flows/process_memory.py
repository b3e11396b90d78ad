"""Hand the heap's free pages back to the system between batches of a long run."""

from __future__ import annotations

import ctypes
from functools import cache


@cache
def _malloc_trim():
    """glibc's ``malloc_trim`` as linked into this process, or None (another C library or platform)."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


def return_freed_memory() -> None:
    """Give free heap pages back to the system (1-2 ms). DuckDB's buffers and a validation's frames are freed
    after each batch, but glibc keeps their pages: validating 500 documents at a time on a 10,000-document
    store, the process sat at 450-480 MB between runs without this, 410-430 MB with it (the peak of a
    10,000-document ingest did not move: 1,500 MB against 1,499 MB)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
