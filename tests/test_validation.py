"""Validation with real Great Expectations on a real DuckDB: failing rows are quarantined, results stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import polars as pl
import pytest

from flows.storage import connect, load_frames
from flows.validation import SUITES, load_suite_dicts, validate_documents

DOC = "a" * 64
TEXT = "Levada Center said 52 percent support it. Putin spoke."
NOW = datetime(2024, 3, 1, 12, tzinfo=UTC)


def _load(settings, **tables):
    frames = [(name, pl.DataFrame(rows, infer_schema_length=None)) for name, rows in tables.items()]
    with connect(settings.db_path) as con:
        load_frames(con, frames)


@pytest.fixture
def bad_rows(settings):
    doc = {"document_id": DOC, "source_path": "x.txt", "encoding": "utf-8", "byte_size": len(TEXT),
           "char_length": len(TEXT), "original_text": TEXT, "ingested_at": NOW, "extraction_status": "done"}
    actor = {"actor_id": "putin", "name": "Vladimir Putin", "kind": "person", "first_document_id": DOC,
             "first_seen_at": NOW}
    mentions = [
        {"document_id": DOC, "actor_id": "putin", "start_char": 42, "end_char": 47, "text": "Putin"},
        {"document_id": DOC, "actor_id": "ghost", "start_char": 0, "end_char": 6, "text": "Levada"},  # no actor
        {"document_id": DOC, "actor_id": "putin", "start_char": 50, "end_char": 90, "text": "x"},  # past the end
    ]
    claims = [
        {"claim_id": "c1", "document_id": DOC, "kind": "indirect", "text": "52 percent support it",
         "start_char": 19, "end_char": 40, "section": "body"},
        {"claim_id": "c2", "document_id": DOC, "kind": "direct", "text": "   ", "start_char": 0, "end_char": 3,
         "section": "body"},  # blank text
    ]
    polls = [
        {"poll_id": "p1", "document_id": DOC, "value": 52.0, "unit": "percent", "pollster": "Levada Center",
         "start_char": 19, "end_char": 29},
        {"poll_id": "p2", "document_id": DOC, "value": 152.0, "unit": "percent", "pollster": "Levada Center",
         "start_char": 19, "end_char": 30},  # over 100 percent
        {"poll_id": "p3", "document_id": DOC, "value": 5.0, "unit": "votes", "pollster": None,
         "start_char": 19, "end_char": 31},  # unit not allowed
    ]
    _load(settings, documents=[doc], actors=[actor], mentions=mentions, claims=claims, poll_figures=polls)
    return settings


def test_suites_are_files_one_per_table():
    suites = load_suite_dicts()
    assert set(suites) == set(SUITES)
    for name, suite in suites.items():
        assert suite["name"] == name
        assert suite["expectations"], name


def test_failing_rows_are_quarantined_and_results_stored(bad_rows):
    report = validate_documents(bad_rows, [DOC], validation_id="v1", now=NOW)
    assert report.quarantined == {"mentions": 2, "claims": 1, "poll_figures": 2}
    failed = {(r.suite, r.expectation, r.columns) for r in report.failed}
    assert ("mentions", "expect_column_values_to_be_in_set", "actor_exists") in failed
    assert ("mentions", "expect_column_pair_values_a_to_be_greater_than_b", "document_length,end_char") in failed
    assert ("claims", "expect_column_value_lengths_to_be_between", "trimmed_text") in failed
    assert ("poll_figures", "expect_column_values_to_be_between", "value [unit == percent]") in failed
    assert ("poll_figures", "expect_column_values_to_be_in_set", "unit") in failed
    assert any("quarantined rows: 5" in line for line in report.lines())

    with duckdb.connect(str(bad_rows.db_path), read_only=True) as con:
        flagged = con.execute("select poll_id from poll_figures where quarantined order by 1").fetchall()
        assert flagged == [("p2",), ("p3",)]
        assert con.execute("select count(*) from mentions where quarantined").fetchone()[0] == 2
        assert con.execute("select claim_id from claims where quarantined").fetchall() == [("c2",)]
        assert con.execute("select count(*) from documents where quarantined").fetchone()[0] == 0
        row = con.execute(
            "select element_count, unexpected_count, examples from validation_results "
            "where suite = 'poll_figures' and columns = 'unit'").fetchone()
        assert row[:2] == (3, 1)
        assert json.loads(row[2]) == [{"unit": "votes", "row_key": "p3"}]
        assert con.execute("select count(*) from validated_documents").fetchone()[0] == 1
        # the mention past the end fails two checks: one quarantine row per (row, failed check)
        assert con.execute("select count(*) from quarantine").fetchone()[0] == 6
        assert con.execute("select count(distinct (table_name, row_key)) from quarantine").fetchone()[0] == 5

    again = validate_documents(bad_rows, [DOC], validation_id="v1", now=NOW)  # idempotent per run id
    assert again.quarantined == report.quarantined
    with duckdb.connect(str(bad_rows.db_path), read_only=True) as con:
        assert con.execute("select count(*) from quarantine").fetchone()[0] == 6


def test_nothing_to_validate_does_not_import_gx(settings, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "great_expectations", raising=False)
    report = validate_documents(settings, [])
    assert report.lines() == ["validation: nothing new to validate"]
    assert "great_expectations" not in sys.modules
