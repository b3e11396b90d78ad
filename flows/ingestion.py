"""Ingest the watched folder into DuckDB: plan, read, extract, load. Plain functions, no Prefect.

A document's identity is the SHA-256 of its bytes. Loads are one transaction per batch, and every
insert is keyed, so a rerun after a crash at any point neither duplicates nor half-loads anything.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

import polars as pl

from . import records
from .config import Settings
from .extraction.model import DocumentExtraction
from .intake import ArticleFile, FileEntry, FileProblem, printable_name, read_file, scan_folder
from .parsing import ParsedDocument, RejectedInput
from .storage import connect, load_frames, query

Notify = Callable[[str], None]


@dataclass
class Rejection:
    path: str
    reason: str
    message: str
    entry: FileEntry | None = None


# Rejections that say "not yet", not "never": not remembered, so the next run reads the file again.
# 'unreadable' too: fixing permissions (chmod) leaves size and mtime as they were, so a remembered
# rejection would skip the file for ever; it is reported on every run until it can be read.
TRANSIENT_REASONS = frozenset({"still_writing", "vanished", "unreadable"})


@dataclass
class IngestPlan:
    """What a run has to look at: files new or changed since last seen, entries to reject, and
    paths loaded before that are gone from the folder (their documents stay)."""

    to_read: list[FileEntry]
    unchanged: int
    problems: list[FileProblem]
    seen: int
    deleted: list[str] = field(default_factory=list)


@dataclass
class ReadBatch:
    """Files of one batch read and parsed; ``known`` already loaded (same bytes), ``new`` to extract."""

    new: list[ArticleFile] = field(default_factory=list)
    known: list[ArticleFile] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


@dataclass
class IngestReport:
    """What a run did, for the console, the flow result and the exit code."""

    run_id: str
    seen: int = 0
    unchanged: int = 0
    loaded: list[str] = field(default_factory=list)  # document ids
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, document id)
    rejected: list[Rejection] = field(default_factory=list)
    extraction_failed: list[tuple[str, str]] = field(default_factory=list)  # (path, error)
    deleted: list[str] = field(default_factory=list)  # paths gone from the folder since last run

    def lines(self) -> list[str]:
        out = [
            f"files seen: {self.seen}; new documents loaded: {len(self.loaded)}; "
            f"skipped as already loaded: {self.unchanged + len(self.duplicates)}; rejected: {len(self.rejected)}"
        ]
        name = printable_name  # a name or message with a newline must not forge a line of the log
        out += [f"  duplicate content: {name(path)} (same bytes as {doc[:12]})" for path, doc in self.duplicates]
        out += [f"  rejected {name(r.path)}: {r.reason}: {name(r.message)}" for r in self.rejected]
        out += [f"  extraction failed {name(path)}: {name(err)}" for path, err in self.extraction_failed]
        out += [f"  gone from the folder (documents kept): {name(path)}" for path in self.deleted]
        if not self.loaded:
            out.append("nothing new to load")
        return out

    def merge(self, other: IngestReport) -> None:
        self.unchanged += other.unchanged
        self.loaded += other.loaded
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.extraction_failed += other.extraction_failed
        self.deleted += other.deleted


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def plan_ingest(settings: Settings) -> IngestPlan:
    """Scan the folder and drop files whose path, size and mtime match what was last seen (unless their
    extraction failed: those are read and extracted again)."""
    entries, problems = scan_folder(settings.seeds_dir)
    with connect(settings.db_path) as con:
        known = {row["path"]: row for row in query(con, "known_files").iter_rows(named=True)}
    to_read = []
    for entry in entries:
        seen = known.get(entry.path)
        if (seen and seen["size_bytes"] == entry.size_bytes and seen["mtime_ns"] == entry.mtime_ns
                and seen["status"] != "deleted" and not seen["extraction_failed"]  # a failed extraction is retried
                and not _fits_now(seen, entry, settings)):
            continue
        to_read.append(entry)
    fresh_problems = [p for p in problems if not (p.path in known and known[p.path]["status"] == "rejected")]
    present = {e.path for e in entries} | {p.path for p in problems}
    deleted = sorted(path for path, row in known.items() if path not in present and row["status"] != "deleted")
    return IngestPlan(to_read, len(entries) - len(to_read), fresh_problems, len(entries) + len(problems), deleted)


def _fits_now(seen: dict, entry: FileEntry, settings: Settings) -> bool:
    """A file rejected as too large that the current limit lets in (the limit was raised): read it again."""
    return seen["rejected_reason"] == "too_large" and entry.size_bytes <= settings.max_file_bytes


def batches(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_batch(settings: Settings, entries: Sequence[FileEntry]) -> ReadBatch:
    """Read, hash, decode and parse each file; split into new content, known content and rejections."""
    batch = ReadBatch()
    articles: list[ArticleFile] = []
    for entry in entries:
        try:
            read = read_file(settings.seeds_dir, entry, settings.max_file_bytes, settings.metadata_rules())
            articles += read.articles
            batch.rejected += [Rejection(p.path, p.reason, p.message) for p in read.problems]
        except RejectedInput as exc:
            batch.rejected.append(Rejection(entry.path, exc.reason, exc.message, entry))
    with connect(settings.db_path) as con:
        stored = set(query(con, "known_documents", {"hashes": [a.sha256 for a in articles]})["document_id"])
    for article in articles:
        if article.sha256 in stored:
            batch.known.append(article)
        else:
            stored.add(article.sha256)  # same bytes twice in one batch: extract once
            batch.new.append(article)
    return batch


def extract_articles(
    articles: Sequence[ArticleFile], workers: int = 1, pin_workers: bool = True,
    budget_seconds: float | None = None,
) -> dict[str, DocumentExtraction | str]:
    """Extraction per document id; a document whose extraction failed maps to why (an exception, over its
    time or memory budget, a worker that died on it). One document's failure never redoes the others.

    ``workers`` >= 1: on that many processes of a persistent pool, so the process that loads never holds
    the spaCy model (``pin_workers``: each on a CPU of its own); 0: in this process (a Dask worker, which is
    already a process of its own). ``budget_seconds``: CPU seconds per document (default: the pipeline's).
    """
    from .extraction.pipeline import extract_in_workers, extract_isolated

    items, budget = _extraction_job(articles, budget_seconds)
    if workers >= 1:
        return dict(extract_in_workers(items, workers, pin=pin_workers, budget_seconds=budget))
    return dict(extract_isolated(items, budget))


def extract_ahead(settings: Settings, plan: IngestPlan, batches_ahead: int = 2) -> None:
    """Read the plan's first batches and start their extraction on the worker pool now (before Prefect's
    server answers, say); the flow's ``extract_articles`` for those batches then waits for it."""
    from .extraction.pipeline import extract_ahead as start_chunks

    workers = settings.extraction_workers(len(plan.to_read))
    for entries in islice(batches(plan.to_read, settings.batch_size), batches_ahead):
        items, budget = _extraction_job(read_batch(settings, entries).new, settings.extract_budget_seconds)
        start_chunks(items, workers, pin=settings.pin_workers, budget_seconds=budget)


def _extraction_job(articles: Sequence[ArticleFile], budget_seconds: float | None
                    ) -> tuple[list[tuple[str, str, ParsedDocument]], float]:
    """The pipeline's items (document id, text, parse) and the per-document budget (default: the pipeline's).
    One place for both, so chunks started ahead are keyed exactly as the flow's extraction asks for them."""
    from .extraction.pipeline import DEFAULT_BUDGET_SECONDS

    return [(a.sha256, a.text, a.parsed) for a in articles], budget_seconds or DEFAULT_BUDGET_SECONDS


def load_batch(
    settings: Settings,
    run_id: str,
    batch: ReadBatch,
    extractions: dict[str, DocumentExtraction | str],
    problems: Sequence[FileProblem] = (),
    notify: Notify | None = None,
    now: datetime | None = None,
    deleted: Sequence[str] = (),
) -> IngestReport:
    """Write one batch in a single transaction: documents, sections, facts, files, versions, log.

    ``now`` stamps the rows (default: the current time); backfills and tests set it.
    """
    report = IngestReport(run_id)
    now = now or datetime.now(UTC)
    with connect(settings.db_path, on_wait=notify) as con:
        articles = batch.new + batch.known
        stored = set(query(con, "known_documents", {"hashes": [a.sha256 for a in articles]})["document_id"])
        latest_rows = query(con, "latest_versions", {"paths": [a.entry.path for a in articles]}).iter_rows()
        latest, path_status = {}, {}
        for path, version, sha, status in latest_rows:
            latest[path], path_status[path] = (version, sha), status
        rows: dict[str, list[dict]] = {name: [] for name in _LOAD_ORDER}
        fresh = [a for a in batch.new if a.sha256 not in stored]
        fresh_shas = {a.sha256 for a in fresh}
        facts = _facts_for(con, fresh, extractions, now)
        file_status: dict[str, tuple[ArticleFile, str]] = {}  # a feed file is one file of many articles
        for article in articles:
            path, sha = article.source_path, article.sha256
            entry_path, file_sha = article.entry.path, article.file_sha256 or article.sha256
            if sha in fresh_shas and sha not in stored:
                stored.add(sha)
                error = extractions.get(sha) if isinstance(extractions.get(sha), str) else None
                rows["documents"].append(records.document_row(article, now, error))
                rows["sections"] += records.section_rows(article)
                _extend(rows, facts.get(sha))
                status = "loaded"
                report.loaded.append(sha)
                if error:
                    report.extraction_failed.append((path, error))
            elif latest.get(entry_path, (0, None))[1] == file_sha:  # this very file again (rerun, concurrent run)
                status = "unchanged"
                report.unchanged += 1
            else:
                status = "duplicate"
                report.duplicates.append((path, sha))
            if file_status.get(entry_path, (None, ""))[1] != "loaded":
                file_status[entry_path] = (article, status)
            rows["ingestion_log"].append(_log_row(run_id, path, sha, status, None, None, now))
            if status == "loaded":
                rows["ingestion_log"] += [_log_row(run_id, path, sha, "warning", "metadata", warning, now)
                                          for warning in article.metadata.warnings]
        for entry_path, (article, status) in file_status.items():
            file_sha = article.file_sha256 or article.sha256
            kept = path_status.get(entry_path)  # 'loaded' or 'duplicate' stay; a file back after 'deleted' is 'loaded'
            stored_status = (kept if kept in {"loaded", "duplicate"} else "loaded") if status == "unchanged" else status
            rows["files"].append(_file_row(article.entry, file_sha, stored_status, now))
            version, previous = latest.get(entry_path, (0, None))
            if previous != file_sha:
                rows["file_versions"].append({"path": entry_path, "version": version + 1, "sha256": file_sha,
                                              "previous_sha256": previous, "seen_at": now})
        for rejection in batch.rejected:
            report.rejected.append(rejection)
            if rejection.entry is not None and rejection.reason not in TRANSIENT_REASONS:
                rows["files"].append(_file_row(rejection.entry, None, "rejected", now))
            rows["ingestion_log"].append(
                _log_row(run_id, rejection.path, None, "rejected", rejection.reason, rejection.message, now))
        for problem in problems:
            report.rejected.append(Rejection(problem.path, problem.reason, problem.message))
            if problem.reason not in TRANSIENT_REASONS:  # e.g. a folder that cannot be listed: said again next run
                rows["files"].append({"path": problem.path, "size_bytes": -1, "mtime_ns": -1, "sha256": None,
                                      "status": "rejected", "first_seen_at": now, "last_seen_at": now})
            rows["ingestion_log"].append(
                _log_row(run_id, problem.path, None, "rejected", problem.reason, problem.message, now))
        for path in deleted:
            report.deleted.append(path)
            rows["files_deleted"].append({"path": path, "last_seen_at": now})
            rows["ingestion_log"].append(_log_row(run_id, path, None, "deleted", "deleted",
                                                  "file removed from the folder; its documents are kept", now))
        load_frames(con, [(name, _frame(name, rows[name])) for name in _LOAD_ORDER])
    return report


# Load order: parents before children, so a reader never sees a fact without its document.
_LOAD_ORDER = ("documents", "sections", "actors", "actor_aliases", "document_actors", "mentions",
               "claims", "poll_figures", "actor_merges", "files", "files_deleted", "file_versions", "ingestion_log")


def _facts_for(con, articles, extractions, now) -> dict[str, records.FactRows]:
    """Link each document's actors to stored ones (and to those earlier in the batch) and build fact rows."""
    done = [(a, extractions[a.sha256]) for a in articles if isinstance(extractions.get(a.sha256), DocumentExtraction)]
    keys = sorted({key for _, ex in done for actor in ex.actors for key in records.actor_keys(actor)})
    known = {r[0]: r[1] for r in query(con, "known_aliases", {"keys": keys}).iter_rows()}
    surnames = records.surnames_of([actor for _, ex in done for actor in ex.actors])
    callers: dict[str, dict[str, int]] = {}
    for surname, actor_id, documents in query(con, "surname_callers", {"surnames": surnames}).iter_rows():
        callers.setdefault(surname, {})[actor_id] = documents
    out = {}
    index = records.KnownActors(known, callers)  # each document's new keys join it for the next ones
    for article, extraction in done:
        records.surnames_read_as_organisations(extraction.actors, callers)
        links = records.link_actors(extraction.actors, index)
        records.count_surname_callers(extraction.actors, links.actor_ids, callers)
        out[article.sha256] = records.fact_rows(article.sha256, article.text, extraction, links, now)
    return out


def _extend(rows: dict[str, list[dict]], facts: records.FactRows | None) -> None:
    if facts is None:
        return
    rows["actors"] += facts.actors
    rows["actor_aliases"] += facts.aliases
    rows["document_actors"] += facts.document_actors
    rows["mentions"] += facts.mentions
    rows["claims"] += facts.claims
    rows["poll_figures"] += facts.polls
    rows["actor_merges"] += facts.merges


def _file_row(entry: FileEntry, sha: str | None, status: str, now: datetime) -> dict:
    return {"path": entry.path, "size_bytes": entry.size_bytes, "mtime_ns": entry.mtime_ns, "sha256": sha,
            "status": status, "first_seen_at": now, "last_seen_at": now}


def _log_row(run_id, path, sha, status, reason, message, now) -> dict:
    return {"run_id": run_id, "path": path, "sha256": sha, "status": status, "reason": reason,
            "message": message, "attempted_at": now}


# Column types that cannot be inferred from the rows (all-null or empty values).
_COLUMN_TYPES: dict[str, dict[str, pl.DataType]] = {
    "document_actors": {"roles": pl.List(pl.String)},
    "documents": {"published": pl.Date, "published_at": pl.Datetime("us", "UTC"), "authors": pl.List(pl.String)},
}


def _frame(name: str, rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame()
    return pl.DataFrame(rows, schema_overrides=_COLUMN_TYPES.get(name, {}), infer_schema_length=None)


# Validate once this many documents have loaded (and at the end). A GX run costs ~0.6 s whatever its size,
# and a validation lifts the flow's memory for the while (+117 MB at 923 PolNeAR documents, +56 MB at 460),
# mostly DuckDB running the validation queries, not the pandas frames (~10 MB).
VALIDATE_EVERY = 500


@dataclass
class IngestSteps:
    """The steps of an ingest run. The Prefect flow passes its tasks, ``ingest_folder`` the plain functions:
    both run the one loop of ``run_ingest_steps``.

    ``extract`` starts a batch's extraction on a number of worker processes (``Settings.extraction_workers``
    for the run) and returns a function that waits for its result, so the next batch can be read and started
    while this one loads (``in_flight`` batches at once).
    """

    plan: Callable[[Settings], IngestPlan]
    read: Callable[[Settings, list[FileEntry]], ReadBatch]
    extract: Callable[[ReadBatch, int], Callable[[], dict]]
    load: Callable[[Settings, str, ReadBatch, dict, list[FileProblem], list[str]], IngestReport]
    validate: Callable[[Settings, list[str]], dict] | None = None
    in_flight: int = 1
    after_batch: Callable[[int, int, IngestReport], None] | None = None


@dataclass
class IngestRun:
    report: IngestReport
    validations: list[dict] = field(default_factory=list)


def run_ingest_steps(settings: Settings, steps: IngestSteps, run_id: str | None = None) -> IngestRun:
    """The ingest loop: plan, then read, extract (``in_flight`` batches ahead), load and validate batch by
    batch. Loading stays here, in order: one DuckDB writer."""
    run_id = run_id or new_run_id()
    plan = steps.plan(settings)
    run = IngestRun(IngestReport(run_id, seen=plan.seen, unchanged=plan.unchanged))
    problems, deleted = list(plan.problems), list(plan.deleted)
    chunks = list(batches(plan.to_read, settings.batch_size)) or [[]]
    workers = settings.extraction_workers(len(plan.to_read))
    pending: deque[tuple[ReadBatch, Callable[[], dict]]] = deque()

    def extracted() -> Iterator[tuple[ReadBatch, dict]]:
        for entries in chunks:
            batch = steps.read(settings, list(entries))
            pending.append((batch, steps.extract(batch, workers) if batch.new else dict))
            while len(pending) > max(0, steps.in_flight - 1):
                done, result = pending.popleft()
                yield done, result()
        while pending:
            done, result = pending.popleft()
            yield done, result()

    to_validate: list[str] = []
    for number, (batch, extractions) in enumerate(extracted(), start=1):
        loaded = steps.load(settings, run_id, batch, extractions, problems, deleted)
        run.report.merge(loaded)
        to_validate += loaded.loaded
        if steps.validate and to_validate and (len(to_validate) >= VALIDATE_EVERY or number == len(chunks)):
            run.validations.append(steps.validate(settings, to_validate))
            to_validate = []
        problems, deleted = [], []
        if steps.after_batch:
            steps.after_batch(number, len(chunks), run.report)
    return run


def plain_steps(settings: Settings, notify: Notify | None = None, now: datetime | None = None,
                validate: bool = True) -> IngestSteps:
    """The ingest steps as plain functions in this process (extraction on the worker pool)."""
    def extract(batch: ReadBatch, workers: int) -> Callable[[], dict]:
        extractions = extract_articles(batch.new, workers, settings.pin_workers,
                                       settings.extract_budget_seconds)
        return lambda: extractions

    def load(settings, run_id, batch, extractions, problems, deleted) -> IngestReport:
        return load_batch(settings, run_id, batch, extractions, problems, notify, now, deleted)

    def validate_loaded(settings: Settings, document_ids: list[str]) -> dict:
        from .validation import validate_documents

        return validate_documents(settings, document_ids, now=now).as_dict()

    return IngestSteps(plan_ingest, read_batch, extract, load, validate_loaded if validate else None)


def ingest_folder(
    settings: Settings, notify: Notify | None = None, run_id: str | None = None, now: datetime | None = None,
    validate: bool = True,
) -> IngestReport:
    """The whole ingest without Prefect: the flow's loop (``run_ingest_steps``) with plain steps."""
    return run_ingest_steps(settings, plain_steps(settings, notify, now, validate), run_id).report
