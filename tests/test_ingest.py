"""Ingestion into a real DuckDB file: exactly-once loads, versions, bad input, crash and rerun."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import duckdb
import pytest

from flows import ingestion, storage
from flows.ingestion import ingest_folder

ARTICLE = "A headline\n\nThe minister said the talks would resume on Monday.\n"


def counts(settings, *tables):
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def log_rows(settings):
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        return con.execute("select path, status, reason from ingestion_log order by path").fetchall()


def test_seeds_load_once_and_rerun_loads_nothing(seeded_settings):
    first = ingest_folder(seeded_settings)
    assert len(first.loaded) == 4 and not first.rejected
    before = counts(seeded_settings, "documents", "sections", "mentions", "actors", "claims", "poll_figures")
    second = ingest_folder(seeded_settings)
    assert second.loaded == [] and second.unchanged == 4
    assert "nothing new to load" in second.lines()
    assert counts(seeded_settings, *before) == before
    assert before["documents"] == 4


def test_original_text_kept_verbatim(settings):
    raw = "Title line\r\n\r\nSaid “yes”.\r\n".encode()
    (settings.seeds_dir / "crlf.txt").write_bytes(raw)
    ingest_folder(settings)
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        text, encoding = con.execute("select original_text, encoding from documents").fetchone()
    assert text.encode() == raw and encoding == "utf-8"


def test_same_bytes_under_two_names_is_one_document(settings):
    (settings.seeds_dir / "a.txt").write_text(ARTICLE)
    (settings.seeds_dir / "b.txt").write_text(ARTICLE)
    report = ingest_folder(settings)
    assert len(report.loaded) == 1 and [p for p, _ in report.duplicates] == ["b.txt"]
    assert counts(settings, "documents")["documents"] == 1
    (settings.seeds_dir / "c.txt").write_text(ARTICLE)  # later, a third copy
    assert ingest_folder(settings).loaded == []
    assert counts(settings, "documents", "files") == {"documents": 1, "files": 3}


def test_changed_file_is_a_new_version_linked_to_the_old(settings):
    path = settings.seeds_dir / "story.txt"
    path.write_text(ARTICLE)
    (old,) = ingest_folder(settings).loaded
    path.write_text(ARTICLE + "\nAn update: talks were postponed.\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    (new,) = ingest_folder(settings).loaded
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        versions = con.execute(
            "select version, sha256, previous_sha256 from file_versions where path = 'story.txt' order by version"
        ).fetchall()
    assert versions == [(1, old, None), (2, new, old)]
    assert counts(settings, "documents")["documents"] == 2


def test_touched_but_unchanged_file_is_not_reloaded(settings):
    path = settings.seeds_dir / "story.txt"
    path.write_text(ARTICLE)
    ingest_folder(settings)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000))
    report = ingest_folder(settings)
    assert report.loaded == [] and report.duplicates == [] and report.unchanged == 1  # itself, not a copy
    assert counts(settings, "documents", "file_versions") == {"documents": 1, "file_versions": 1}
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute("select status from files").fetchall() == [("loaded",)]
        assert con.execute("select status from ingestion_log order by attempted_at").fetchall() == [
            ("loaded",), ("unchanged",)]


def test_each_bad_input_rejected_with_reason_and_the_rest_loads(settings):
    folder = settings.seeds_dir
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes(b"text with a \x00 byte")
    (folder / "big.txt").write_bytes(b"word " * 300)
    (folder / "dir.txt").mkdir()
    outside = settings.db_path.parent.parent / "outside.txt"
    outside.write_text(ARTICLE)
    (folder / "link.txt").symlink_to(outside)
    for ignored in ("draft.txt.part", ".hidden.txt", "~lock.txt"):
        (folder / ignored).write_text(ARTICLE + ignored)
    settings = settings.model_copy(update={"max_file_bytes": 1000})
    report = ingest_folder(settings)
    assert len(report.loaded) == 1
    reasons = {r.path: r.reason for r in report.rejected}
    assert reasons == {"empty.txt": "empty", "nul.txt": "binary", "big.txt": "too_large",
                       "dir.txt": "not_a_file", "link.txt": "symlink_outside"}
    logged = {(path, reason) for path, status, reason in log_rows(settings) if status == "rejected"}
    assert logged == set(reasons.items())
    assert all(r.message for r in report.rejected)
    # A rerun neither reloads nor logs the same rejections again.
    again = ingest_folder(settings)
    assert again.loaded == [] and again.rejected == []
    assert len(log_rows(settings)) == 6


def test_failure_mid_load_leaves_nothing_half_loaded_then_rerun_completes(seeded_settings, monkeypatch):
    real_sql = storage.sql

    def failing_sql(name):
        if name == "load/claims" or name == "load/mentions":
            raise OSError("disk went away")
        return real_sql(name)

    monkeypatch.setattr(storage, "sql", failing_sql)
    with pytest.raises(OSError):
        ingest_folder(seeded_settings)
    monkeypatch.setattr(storage, "sql", real_sql)
    assert counts(seeded_settings, "documents", "sections", "actors", "files") == {
        "documents": 0, "sections": 0, "actors": 0, "files": 0}
    assert len(ingest_folder(seeded_settings).loaded) == 4
    assert counts(seeded_settings, "documents")["documents"] == 4


KILL_DURING_LOAD = textwrap.dedent(
    """
    import os, signal, sys
    from flows import storage
    from flows.config import load_settings
    from flows.ingestion import ingest_folder

    real_sql = storage.sql
    def sql(name):
        if name == "load/mentions":  # documents and sections already inserted in this transaction
            os.kill(os.getpid(), signal.SIGKILL)
        return real_sql(name)
    storage.sql = sql
    ingest_folder(load_settings(seeds_dir=sys.argv[1], db_path=sys.argv[2]))
    """
)


def test_sigkill_during_load_then_rerun_has_no_duplicate_and_no_gap(seeded_settings):
    proc = subprocess.run(
        [sys.executable, "-c", KILL_DURING_LOAD, str(seeded_settings.seeds_dir), str(seeded_settings.db_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert counts(seeded_settings, "documents", "sections")["documents"] == 0
    report = ingest_folder(seeded_settings)
    assert len(report.loaded) == 4
    totals = counts(seeded_settings, "documents", "files", "file_versions")
    assert totals == {"documents": 4, "files": 4, "file_versions": 4}


def test_batches_split_and_all_load(seeded_settings):
    settings = seeded_settings.model_copy(update={"batch_size": 3})
    report = ingest_folder(settings)
    assert len(report.loaded) == 4
    assert list(ingestion.batches(list(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_file_deleted_after_ingestion_keeps_its_document(settings):
    path = settings.seeds_dir / "gone.txt"
    path.write_text(ARTICLE)
    ingest_folder(settings)
    path.unlink()
    report = ingest_folder(settings)
    assert report.deleted == ["gone.txt"]
    assert counts(settings, "documents")["documents"] == 1
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute("select status from files where path = 'gone.txt'").fetchone() == ("deleted",)
    assert ingest_folder(settings).deleted == []  # said once
    path.write_text(ARTICLE)  # back again: known content at its own path, neither new nor a copy
    again = ingest_folder(settings)
    assert again.loaded == [] and again.duplicates == [] and again.unchanged == 1
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute("select status from files where path = 'gone.txt'").fetchone() == ("loaded",)


def test_file_growing_while_read_is_retried_next_run(settings, monkeypatch):
    from flows import intake

    path = settings.seeds_dir / "growing.txt"
    path.write_text(ARTICLE)
    real_read = intake.Path.read_bytes

    def read_then_append(self):
        data = real_read(self)
        if self.name == "growing.txt":
            with open(self, "a") as fh:
                fh.write("more text arriving\n")
        return data

    monkeypatch.setattr(intake.Path, "read_bytes", read_then_append)
    first = ingest_folder(settings)
    assert [(r.path, r.reason) for r in first.rejected] == [("growing.txt", "still_writing")]
    monkeypatch.undo()
    second = ingest_folder(settings)
    assert len(second.loaded) == 1 and not second.rejected


def test_names_with_spaces_quotes_and_non_ascii(settings):
    names = ["a story.txt", "café – nouvelles.txt", "quote's \"x\"; drop table documents;.txt"]
    for i, name in enumerate(names):
        (settings.seeds_dir / name).write_text(f"{ARTICLE}\nVariant {i}.\n")
    report = ingest_folder(settings)
    assert len(report.loaded) == 3
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        stored = sorted(r[0] for r in con.execute("select source_path from documents").fetchall())
    assert stored == sorted(names)
