"""Prefect flow: ingest new article files from the watched folder into DuckDB.

Thin by design: each task calls one plain function of ``ingestion``; documents are batched so
Prefect sees a few tasks per run, not one per document.
"""

from __future__ import annotations

from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.utilities.annotations import quote

from . import ingestion
from .config import Settings, load_settings
from .intake import FileEntry
from .process_memory import return_freed_memory
from .storage import DatabaseBusy, DatabaseUnusable


def worth_retrying(task, task_run, state) -> bool:
    """Retry transient I/O, but not a database held by another process (that already waited its full
    BRIEFING_DB_LOCK_WAIT_SECONDS, and retrying would multiply the wait) nor one that cannot be opened."""
    error = state.data if isinstance(state.data, BaseException) else None
    if error is None:
        try:
            state.result(raise_on_failure=True)
        except BaseException as exc:  # noqa: BLE001 - only inspected
            error = exc
    return not isinstance(error, (DatabaseBusy, DatabaseUnusable))


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying)
def plan_files(settings: Settings) -> ingestion.IngestPlan:
    """Scan the folder; retried because a busy file system can fail transiently."""
    return ingestion.plan_ingest(settings)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying)
def read_files(settings: Settings, entries: list[FileEntry]) -> ingestion.ReadBatch:
    return ingestion.read_batch(settings, entries)


@task(cache_policy=NO_CACHE)
def extract_batch(batch: ingestion.ReadBatch, workers: int, pin_workers: bool, budget_seconds: float) -> dict:
    """Pure and deterministic in the text: safe to rerun, and to run on another worker."""
    return ingestion.extract_articles(batch.new, workers, pin_workers, budget_seconds)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5, retry_condition_fn=worth_retrying)
def load_files(
    settings: Settings, run_id: str, batch: ingestion.ReadBatch, extractions: dict, problems: list,
    deleted: list[str],
) -> ingestion.IngestReport:
    """One transaction per batch with keyed inserts: a retry after a failure changes nothing twice."""
    logger = get_run_logger()
    return ingestion.load_batch(
        settings, run_id, batch, extractions, problems, notify=logger.warning, deleted=deleted)


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5, retry_condition_fn=worth_retrying)
def validate_loaded(settings: Settings, document_ids: list[str]) -> dict:
    """GX suites on the rows of the documents just loaded; failing rows are quarantined, the run goes on."""
    from .validation import validate_documents

    report = validate_documents(settings, document_ids)
    for line in report.lines():
        print(line)
    return report.as_dict()


def _flow_steps(settings: Settings) -> ingestion.IngestSteps:
    """The ingest steps as this flow's tasks, for the one loop in ``ingestion.run_ingest_steps``.

    Thread runner: the extraction task hands the batch to a persistent pool of worker processes (one per 16
    new files, at most ``n_process``), so the next batch is extracted while this one loads and the flow
    process never holds the spaCy model. Dask runner: each Dask worker process extracts whole batches;
    ``n_process`` + 1 batches in flight.
    """
    runner = FlowRunContext.get().task_runner
    dask = type(runner).__name__ == "DaskTaskRunner"
    # quote(): Prefect would otherwise walk every article of a batch looking for upstream results (4 ms of
    # the flow's CPU a document); Dask's runner takes the batch as it is.
    ship = (lambda batch: batch) if dask else quote

    def extract(batch: ingestion.ReadBatch, workers: int):
        return extract_batch.submit(ship(batch), 0 if dask else workers,  # 0: in the Dask worker's own process
                                    settings.pin_workers, settings.extract_budget_seconds).result

    def load(settings, run_id, batch, extractions, problems, deleted):
        return load_files(settings, run_id, quote(batch), quote(extractions), problems, deleted)  # see ship

    def after_batch(number: int, total: int, report: ingestion.IngestReport) -> None:
        return_freed_memory()
        if total > 1:
            print(f"batch {number}/{total}: {len(report.loaded)} documents loaded so far")

    return ingestion.IngestSteps(plan=plan_files, read=read_files, extract=extract, load=load,
                                 validate=validate_loaded, in_flight=max(2, settings.n_process) + 1 if dask else 2,
                                 after_batch=after_batch)


@flow(name="ingest", log_prints=True)
def ingest_flow(seeds_dir: str | None = None, db_path: str | None = None) -> dict:
    """Ingest every new or changed file in the watched folder: parse, extract, load.

    Args:
        seeds_dir: the watched folder (default: the configured seeds folder).
        db_path: the DuckDB file (default: the configured database).
    """
    settings = load_settings(seeds_dir=seeds_dir, db_path=db_path)
    run = ingestion.run_ingest_steps(settings, _flow_steps(settings))
    report = run.report
    for line in report.lines():
        print(line)
    return {
        "run_id": report.run_id,
        "seen": report.seen,
        "loaded": len(report.loaded),
        "skipped": report.unchanged + len(report.duplicates),
        "rejected": [(r.path, r.reason, r.message) for r in report.rejected],
        "extraction_failed": report.extraction_failed,
        "validation": run.validations,
    }


def task_runner_for(settings: Settings):
    """The task runner named by ``settings.task_runner``: ``thread`` (Prefect's default) or ``dask``
    (a local cluster of ``n_process`` single-threaded worker processes, or the cluster at ``dask_address``)."""
    if settings.task_runner == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": max(1, settings.n_process), "processes": True,
                                              "threads_per_worker": 1, "dashboard_address": None})
    raise ValueError(f"unknown task runner {settings.task_runner!r}: expected 'thread' or 'dask'")


def ingest_flow_for(settings: Settings) -> Flow:
    """The ingest flow with the task runner these settings name."""
    return ingest_flow if settings.task_runner == "thread" else ingest_flow.with_options(
        task_runner=task_runner_for(settings))


def run_ingest(settings: Settings) -> dict:
    """Run the ingest flow for these settings (ephemeral Prefect when no server is configured)."""
    return ingest_flow_for(settings)(seeds_dir=str(settings.seeds_dir), db_path=str(settings.db_path))
