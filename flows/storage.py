"""DuckDB adapter: open the database file, apply the schema, run named SQL files, bulk-load frames.

DuckDB allows one writing process per file, so connections are short-lived: open, work, close.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from .config import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"


class DatabaseBusy(RuntimeError):
    """Another process holds the database file for longer than we are willing to wait."""


class DatabaseUnusable(RuntimeError):
    """The database file cannot be opened (corrupt, not a DuckDB file, a directory, unreadable)."""


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@contextmanager
def connect(
    db_path: Path, *, read_only: bool = False, wait_seconds: float | None = None, on_wait=None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the schema applied; waits (up to ``wait_seconds``, default the setting
    ``db_lock_wait_seconds``, env BRIEFING_DB_LOCK_WAIT_SECONDS) while another process holds the file."""
    db_path = Path(db_path)
    if wait_seconds is None:
        from .config import load_settings

        wait_seconds = load_settings().db_lock_wait_seconds
    if not read_only:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnusable(f"cannot create the folder of the database {db_path}: "
                                   f"{exc.strerror or exc}") from exc
    deadline = time.monotonic() + wait_seconds
    warned = False
    while True:
        try:
            con = duckdb.connect(str(db_path), read_only=read_only)
            break
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise DatabaseUnusable(
                    f"cannot open the database {db_path}: {str(exc).splitlines()[0]}; it was left as it is "
                    "(move it aside or set BRIEFING_DB_PATH to start a new one)") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database {db_path} is in use by another process; gave up after {wait_seconds:.0f} s "
                    f"({str(exc).splitlines()[0]}); set BRIEFING_DB_LOCK_WAIT_SECONDS to wait longer"
                ) from exc
            if on_wait and not warned:
                on_wait(f"database {db_path} is in use by another process; waiting up to {wait_seconds:.0f} s")
                warned = True
            time.sleep(0.25)
    try:
        if not read_only:
            _apply_schema(con)
        yield con
    finally:
        con.close()


@cache
def _schema_digest() -> str:
    """SHA-256 of ``sql/schema.sql``, once a process."""
    return hashlib.sha256(sql("schema").encode()).hexdigest()


def _apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Run ``sql/schema.sql`` unless the database records having run this very text (its SHA-256): the
    statements are idempotent, but they cost ~13 ms a connection and one run opens dozens."""
    digest = _schema_digest()
    try:
        applied = con.execute(sql("schema_digest")).fetchall()  # all: DuckDB wants a result finished
    except duckdb.CatalogException:  # a new database, or one from before the digest was recorded
        applied = []
    if applied != [(digest,)]:
        con.execute(sql("schema"))
        con.execute(sql("record_schema_digest"), {"digest": digest})


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    """DuckDB's 'Could not set lock on file ...: Conflicting lock is held' (not just 'lock' in a path)."""
    message = str(exc).lower()
    return "could not set lock" in message or "conflicting lock" in message


def query(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None) -> pl.DataFrame:
    """Run ``sql/<name>.sql`` with named parameters and return the result as a polars frame."""
    return con.sql(sql(name), params=dict(params or {})).pl()


def load_frames(con: duckdb.DuckDBPyConnection, frames: Sequence[tuple[str, pl.DataFrame]]) -> None:
    """Run ``sql/load/<name>.sql`` for each (name, frame) in one transaction; the frame is ``staged``.

    All or nothing: an error (or the process dying) leaves the database as it was before.
    """
    con.begin()
    try:
        for name, frame in frames:
            if frame.height == 0:
                continue
            con.register("staged", frame)
            try:
                con.execute(sql(f"load/{name}"))
            finally:
                con.unregister("staged")
        con.commit()
    except BaseException:
        con.rollback()
        raise
