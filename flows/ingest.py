"""Prefect flow: ingest new article files from the watched folder into DuckDB.

Thin by design: each task calls one plain function of ``ingestion``; documents are batched so
Prefect sees a few tasks per run, not one per document.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from . import ingestion
from .config import Settings, load_settings
from .intake import FileEntry


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def plan_files(settings: Settings) -> ingestion.IngestPlan:
    """Scan the folder; retried because a busy file system can fail transiently."""
    return ingestion.plan_ingest(settings)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def read_files(settings: Settings, entries: list[FileEntry]) -> ingestion.ReadBatch:
    return ingestion.read_batch(settings, entries)


@task(cache_policy=NO_CACHE)
def extract_batch(batch: ingestion.ReadBatch, n_process: int) -> dict:
    """Pure and deterministic in the text: safe to rerun, and to run on another worker."""
    return ingestion.extract_articles(batch.new, n_process)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def load_files(
    settings: Settings, run_id: str, batch: ingestion.ReadBatch, extractions: dict, problems: list,
    deleted: list[str],
) -> ingestion.IngestReport:
    """One transaction per batch with keyed inserts: a retry after a failure changes nothing twice."""
    logger = get_run_logger()
    return ingestion.load_batch(
        settings, run_id, batch, extractions, problems, notify=logger.warning, deleted=deleted)


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def validate_loaded(settings: Settings, document_ids: list[str]) -> dict:
    """GX suites on the rows of the documents just loaded; failing rows are quarantined, the run goes on."""
    from .validation import validate_documents

    report = validate_documents(settings, document_ids)
    for line in report.lines():
        print(line)
    return report.as_dict()


@flow(name="ingest", log_prints=True)
def ingest_flow(seeds_dir: str | None = None, db_path: str | None = None) -> dict:
    """Ingest every new or changed file in the watched folder: parse, extract, load.

    Args:
        seeds_dir: the watched folder (default: the configured seeds folder).
        db_path: the DuckDB file (default: the configured database).
    """
    settings = load_settings(seeds_dir=seeds_dir, db_path=db_path)
    run_id = ingestion.new_run_id()
    plan = plan_files(settings)
    report = ingestion.IngestReport(run_id, seen=plan.seen, unchanged=plan.unchanged)
    problems, deleted = list(plan.problems), list(plan.deleted)
    chunks = list(ingestion.batches(plan.to_read, settings.batch_size)) or [[]]
    validations: list[dict] = []
    for number, entries in enumerate(chunks, start=1):
        batch = read_files(settings, list(entries))
        extractions = extract_batch(batch, settings.n_process) if batch.new else {}
        loaded = load_files(settings, run_id, batch, extractions, problems, deleted)
        report.merge(loaded)
        if loaded.loaded:
            validations.append(validate_loaded(settings, list(loaded.loaded)))
        problems, deleted = [], []
        if len(chunks) > 1:
            print(f"batch {number}/{len(chunks)}: {len(report.loaded)} documents loaded so far")
    for line in report.lines():
        print(line)
    return {
        "run_id": run_id,
        "seen": report.seen,
        "loaded": len(report.loaded),
        "skipped": report.unchanged + len(report.duplicates),
        "rejected": [(r.path, r.reason, r.message) for r in report.rejected],
        "extraction_failed": report.extraction_failed,
        "validation": validations,
    }


def run_ingest(settings: Settings) -> dict:
    """Run the ingest flow for these settings (ephemeral Prefect when no server is configured)."""
    return ingest_flow(seeds_dir=str(settings.seeds_dir), db_path=str(settings.db_path))
