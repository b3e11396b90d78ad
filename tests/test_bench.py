"""The benchmark's helpers (the benchmark itself is a command, `briefing bench`, not a test)."""

from __future__ import annotations

from flows.bench import Row, _statements, _step, build_folder, format_table
from flows.extraction.pipeline import char_batches
from flows.storage import sql

from .conftest import SEEDS


def test_build_folder_makes_distinct_copies(tmp_path):
    sources = []
    for i in range(3):
        path = tmp_path / f"src{i}.txt"
        path.write_text(f"Article {i}.\nSome words here.\n", encoding="utf-8")
        sources.append(path)
    words = build_folder(sources, 5, tmp_path / "out")
    texts = [p.read_bytes() for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert len(texts) == 5 and len(set(texts)) == 5
    assert words == sum(len(t.split()) for t in texts)


def test_synthetic_sql_splits_into_statements():
    statements = _statements(sql("bench/synthetic"))
    assert statements[0].startswith("create temp table bench_docs")
    assert all(not s.endswith(";") for s in statements)
    assert any("insert into mentions" in s for s in statements)


def test_table_is_markdown():
    table = format_table([Row("ingest", 2.0, docs=10, words=1000, peak_rss_mb=300, vs_spacy=0.9, note="x")])
    head, rule, row = table.splitlines()
    assert head.startswith("| step") and set(rule) <= {"|", "-", " "}
    assert "| 5.0 " in row and "500" in row and "0.90x" in row


def test_char_batches_bound_the_characters_of_a_batch():
    items = [(i, "x" * n, None) for i, n in enumerate([10, 10, 25, 40, 5])]
    assert [[k for k, _, _ in b] for b in char_batches(items, 30)] == [[0, 1], [2], [3], [4]]


def test_query_step_times_the_open_apart_from_each_summary_question(tmp_path):
    from flows.bench import _step
    from flows.storage import connect
    from flows.summary.aggregates import QUESTIONS

    db = tmp_path / "empty.duckdb"
    with connect(db):  # the schema, no rows
        pass
    result = _step("queries", str(db), "2026-03-30", "America/New_York").result()
    assert result["open_seconds"] > 0
    assert set(result["queries"]) == set(QUESTIONS)
    assert all(t["rows"] == 0 and t["cold"] > 0 and t["warm"] > 0 for t in result["queries"].values())


def test_ratios_are_against_the_mean_of_the_bracketing_baselines():
    from flows.bench import baseline_rate, rebase

    rate = baseline_rate(1200, [100.0, 140.0])  # 1,200 words in 120 s on average: 10 words/s
    assert rate == 10.0
    rows = [Row("spaCy, 1 core", 100.0, docs=4, words=1200), Row("ingest, 2 processes", 60.0, docs=4, words=1200),
            Row("no-op rerun", 0.4, docs=4)]
    rebase(rows, rate)
    assert [r.vs_spacy for r in rows] == [1.2, 2.0, None]


def test_the_whole_spacy_process_is_timed_with_its_start_up(tmp_path):
    """Every baseline: spaCy's packaged pipeline in a process of its own, timed from outside."""
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    measured = _step("spacy", str(tmp_path))
    result = measured.result()
    # spaCy's pipeline as packaged, not ours: no entity ruler, the attribute ruler's own Matcher
    assert "entity_ruler" not in result["pipeline"] and "ner" in result["pipeline"]
    assert result["attribute_ruler_match"] == "method"
    pipe_alone = result["seconds"]
    assert 0 < pipe_alone < measured.seconds
    assert measured.seconds - pipe_alone > 0.3  # the import and model load are inside the whole process's time
