"""The ingest flow under a real (test-harness) Prefect server, and the CLI's exit codes."""

from __future__ import annotations

import duckdb

from flows.cli import EXIT_OK, EXIT_REJECTED, main


def test_cli_ingest_flow_loads_then_skips(seeded_settings, prefect_server):
    args = ["ingest", str(seeded_settings.seeds_dir), "--db", str(seeded_settings.db_path)]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK
    with duckdb.connect(str(seeded_settings.db_path), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 4
        statuses = con.execute("select status, count(*) from ingestion_log group by all order by 1").fetchall()
    assert statuses == [("loaded", 4)]


def test_cli_exit_code_says_something_was_rejected(settings, prefect_server):
    (settings.seeds_dir / "ok.txt").write_text("Headline\n\nShe said it was fine.\n")
    (settings.seeds_dir / "empty.txt").write_bytes(b"")
    args = ["ingest", str(settings.seeds_dir), "--db", str(settings.db_path)]
    assert main(args) == EXIT_REJECTED


def test_cli_missing_folder_is_a_clear_fatal_error(tmp_path, prefect_server, capfd):
    code = main(["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")])
    assert code == 1
    assert "watched folder does not exist" in capfd.readouterr().err
