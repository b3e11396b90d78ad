"""Extraction on a Dask cluster (prefect-dask, a LocalCluster of two worker processes) loads the
same rows as the default thread runner: extraction is a pure function of the text."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from flows.config import load_settings

# Every table the ingest writes, keyed and without run times, in a stable order.
TABLES = {
    "documents": "select document_id, source_path, title, published, char_length, extraction_status "
                 "from documents order by document_id",
    "sections": "select * from sections order by document_id, ordinal",
    "actors": "select actor_id, name, kind, first_document_id from actors order by actor_id",
    "actor_aliases": "select * from actor_aliases order by alias_key",
    "document_actors": "select * from document_actors order by document_id, actor_id",
    "mentions": "select document_id, actor_id, start_char, end_char, text from mentions "
                "order by document_id, start_char",
    "claims": "select * exclude (quarantined) from claims order by claim_id",
    "poll_figures": "select * exclude (quarantined) from poll_figures order by poll_id",
    "files": "select path, sha256, status from files order by path",
}


def _rows(db_path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


def _pipeline_loaded() -> bool:
    from flows.extraction.nlp import load_nlp

    return load_nlp.cache_info().currsize > 0


def test_dask_runner_loads_the_same_rows_as_the_thread_runner(seeded_settings, tmp_path, monkeypatch,
                                                              prefect_server):
    from dask.distributed import Client, LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.ingest import ingest_flow, ingest_flow_for

    monkeypatch.setenv("BRIEFING_BATCH_SIZE", "1")  # four batches: several in flight on the cluster
    seeds = str(seeded_settings.seeds_dir)
    threaded = ingest_flow(seeds_dir=seeds, db_path=str(tmp_path / "thread.duckdb"))

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        on_dask = ingest_flow.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
        result = on_dask(seeds_dir=seeds, db_path=str(tmp_path / "dask.duckdb"))
        assert len(cluster.scheduler_info["workers"]) == 2
        with Client(cluster) as client:  # the extraction ran in the workers: they loaded the pipeline
            loaded = client.run(_pipeline_loaded)
        assert any(loaded.values()), loaded

    assert threaded["loaded"] == result["loaded"] == 4
    assert not result["extraction_failed"]
    thread_rows, dask_rows = _rows(tmp_path / "thread.duckdb"), _rows(tmp_path / "dask.duckdb")
    assert thread_rows["mentions"] and thread_rows["claims"] and thread_rows["poll_figures"]
    for name in TABLES:
        assert dask_rows[name] == thread_rows[name], name

    # The setting picks the runner: 'dask' builds a local cluster of n_process workers.
    settings = load_settings(seeds_dir=seeded_settings.seeds_dir, db_path=tmp_path / "x.duckdb",
                             task_runner="dask", n_process=2)
    runner = ingest_flow_for(settings).task_runner
    assert isinstance(runner, DaskTaskRunner)
    assert runner.cluster_kwargs["n_workers"] == 2
    with pytest.raises(ValueError, match="invalid setting BRIEFING_TASK_RUNNER='ray'"):  # refused before any work
        load_settings(task_runner="ray")
    with pytest.raises(ValueError, match="unknown task runner"):
        ingest_flow_for(settings.model_copy(update={"task_runner": "ray"}))


def test_setting_runs_the_ingest_on_a_local_cluster(tmp_path, monkeypatch, prefect_server):
    from flows.config import PROJECT_ROOT
    from flows.ingest import run_ingest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(path, seeds / path.name)
    monkeypatch.setenv("BRIEFING_TASK_RUNNER", "dask")
    monkeypatch.setenv("BRIEFING_N_PROCESS", "2")
    result = run_ingest(load_settings(seeds_dir=seeds, db_path=tmp_path / "db.duckdb"))
    assert result["loaded"] == 2 and not result["extraction_failed"]
