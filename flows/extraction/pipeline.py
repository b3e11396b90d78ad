"""Run extraction over documents: mask non-article sections, run spaCy once, apply the rule families."""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from multiprocessing.sharedctypes import Synchronized
from typing import TypeVar

from ..parsing import ParsedDocument
from .actors import extract_actors
from .claims import extract_claims
from .model import DocumentExtraction
from .nlp import load_nlp
from .polls import extract_polls

Key = TypeVar("Key")

# Sections whose words are not the article's: blanked (same length) before analysis.
MASKED_SECTIONS = frozenset({"front_matter", "dateline", "byline", "boilerplate"})


def analysis_text(text: str, parsed: ParsedDocument) -> str:
    """The text with masked sections replaced by spaces (newlines kept), so offsets are unchanged."""
    chars = list(text)
    for section in parsed.sections:
        if section.kind in MASKED_SECTIONS:
            for i in range(section.start, section.end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return "".join(chars)


def extract_from_doc(doc, text: str, parsed: ParsedDocument) -> DocumentExtraction:
    """All facts of one document, given its spaCy Doc over ``analysis_text(text, parsed)``."""
    actors = extract_actors(doc, text)
    claims = extract_claims(doc, text, parsed, actors)
    polls = extract_polls(doc, text, parsed, actors)
    return DocumentExtraction(actors=actors.actors, claims=claims, polls=polls)


def extract_document(text: str, parsed: ParsedDocument) -> DocumentExtraction:
    """Extract from one document (loads the pipeline on first use)."""
    doc = parse_text(load_nlp(), analysis_text(text, parsed))
    return extract_from_doc(doc, text, parsed)


# A text longer than this goes through spaCy in pieces (cut at paragraph breaks) joined into one Doc, so
# spaCy's working memory (~16 KB a token) and the rules' paths over a sentence's arcs stay bounded by the
# piece, whatever the length: 30,000 characters are at most ~9,000 tokens (~150 MB while parsed).
PIECE_CHARS = 30_000  # as BATCH_CHARS; real articles are shorter (PolNeAR: 34,000 characters at most)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """The text cut into consecutive pieces of at most ``limit`` characters that join back into it: at the
    last line break of a window, else at its last space, else at the limit (never inside a CRLF)."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start + limit // 2, end) + 1 or text.rfind(" ", start + limit // 2, end) + 1 or end
        if text[cut - 1] == "\r" and cut < len(text) and text[cut] == "\n":
            cut = cut + 1 if cut < end else cut - 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse_text(nlp, text: str):
    """The spaCy Doc of ``text``: one call, or for a long text one per piece joined into one Doc with the
    same characters (so every offset is the text's)."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    docs = []
    for doc in nlp.pipe(pieces(text), batch_size=1):
        doc.tensor = doc.tensor[:0]  # tok2vec's output, ~400 bytes a token, read by no rule
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


# spaCy's working memory grows with the tokens of a batch (~15 KB a token for this pipeline: the eight
# longest PolNeAR articles in one batch take 530 MB): batch by characters, not by documents.
BATCH_CHARS = 30_000


def char_batches(items: Iterable[tuple[Key, str, ParsedDocument]], budget: int = BATCH_CHARS
                 ) -> Iterator[list[tuple[Key, str, ParsedDocument]]]:
    """Consecutive groups of items of at most ``budget`` characters (a longer document is a group alone)."""
    batch: list[tuple[Key, str, ParsedDocument]] = []
    size = 0
    for item in items:
        if batch and size + len(item[1]) > budget:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[1])
    if batch:
        yield batch


def extract_many(
    items: Iterable[tuple[Key, str, ParsedDocument]], n_process: int = 1, batch_size: int = 32,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[tuple[Key, DocumentExtraction]]:
    """Extract from many documents with ``nlp.pipe`` (streamed; ``n_process`` > 1 uses more cores).

    In one process, documents go through spaCy in groups of at most ``batch_chars`` characters, which
    bounds memory; with ``n_process`` > 1 spaCy batches ``batch_size`` documents.
    """
    nlp = load_nlp()
    if n_process <= 1:
        for group in char_batches(items, batch_chars):
            texts = [analysis_text(text, parsed) for _, text, parsed in group]
            if len(group) == 1 and len(texts[0]) > PIECE_CHARS:
                docs = iter([parse_text(nlp, texts[0])])
            else:
                docs = nlp.pipe(texts, batch_size=len(group))
            for doc, (key, text, parsed) in zip(docs, group, strict=True):
                yield key, extract_from_doc(doc, text, parsed)
        return

    def with_context():
        for key, text, parsed in items:
            yield analysis_text(text, parsed), (key, text, parsed)

    for doc, (key, text, parsed) in nlp.pipe(
        with_context(), as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield key, extract_from_doc(doc, text, parsed)


# Per document, by default: CPU seconds (BRIEFING_EXTRACT_BUDGET_SECONDS). The slowest texts accepted
# (999,000 characters of short lines or of quotation marks) took 80-90 s on one core here.
DEFAULT_BUDGET_SECONDS = 180.0

# Each extraction worker's data segment (RLIMIT_DATA), so its RSS (data and ~40 MB of mapped files) stays under
# 600 MB: the model takes ~190 MB; a document that needs more fails with 'over the memory budget', the worker
# lives on (two of the five worst cases of ``briefing bench --worst-only`` do, at 999,000 characters).
WORKER_MEMORY_BYTES = 560 * 1024 * 1024


class OverBudget(Exception):
    """A document used up its time budget. Its message starts 'over the', as the memory one does: such
    failures are not retried by the next run (sql/known_files.sql), the same bytes would fail again."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in this thread once the process has spent ``seconds`` of CPU inside the block (a
    profiling timer: CPU, not wall time, so a busy machine does not fail documents). Main thread only."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def over(_signum, _frame) -> None:
        raise OverBudget(f"over the time budget: more than {seconds:g} s of CPU for one document "
                         "(BRIEFING_EXTRACT_BUDGET_SECONDS)")

    previous = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def failure_reason(exc: BaseException) -> str:
    """One line saying why a document's extraction failed."""
    if isinstance(exc, OverBudget):
        return str(exc)
    if isinstance(exc, MemoryError):
        return (f"over the memory budget: the extraction worker may use {WORKER_MEMORY_BYTES >> 20} MB "
                "and this document needed more")
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def extract_isolated(
    items: Iterable[tuple[Key, str, ParsedDocument]], budget_seconds: float | None = DEFAULT_BUDGET_SECONDS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[tuple[Key, DocumentExtraction | str]]:
    """Per document, its extraction or why it failed (an exception, over its time or memory budget): one
    document's failure costs the others nothing. Short documents go through spaCy together (groups of at
    most ``batch_chars`` characters); a long one alone, in pieces, inside its budget."""
    nlp = load_nlp()
    for group in char_batches(items, batch_chars):
        texts = [analysis_text(text, parsed) for _, text, parsed in group]
        docs: list = [None] * len(group)
        if len(group) > 1:
            try:
                docs = list(nlp.pipe(texts, batch_size=len(group)))
            except Exception:  # noqa: BLE001 - each document parsed alone below, to find the one at fault
                docs = [None] * len(group)
        for doc, atext, (key, text, parsed) in zip(docs, texts, group, strict=True):
            try:
                with time_budget(budget_seconds):
                    result: DocumentExtraction | str = extract_from_doc(
                        doc if doc is not None else parse_text(nlp, atext), text, parsed)
            except Exception as exc:  # noqa: BLE001 - this document's failure, recorded with it
                result = failure_reason(exc)
            yield key, result


# How often an idle or busy worker checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 2.0


def _start_worker(parent: int, slots: Synchronized | None) -> None:
    """Pool initializer: exit once the parent is gone (killed, say), so no orphan keeps a model in memory;
    take a CPU of its own when ``slots`` counts the workers; load the pipeline.

    The parent check is a timer signal, not a thread: any second thread in the process makes glibc's
    malloc take its locks, and extraction ~11% slower (one core, 150 texts: 18.6-18.9 s against 16.8-16.9 s).
    """
    if hasattr(signal, "setitimer"):
        def exit_if_orphaned(_signum, _frame) -> None:
            if os.getppid() != parent:
                os._exit(0)

        signal.signal(signal.SIGALRM, exit_if_orphaned)
        signal.setitimer(signal.ITIMER_REAL, PARENT_CHECK_SECONDS, PARENT_CHECK_SECONDS)
    if slots is not None:
        with slots.get_lock():
            index = slots.value
            slots.value += 1
        cores = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cores[index % len(cores)]})
    load_nlp()
    limit_memory(WORKER_MEMORY_BYTES)


def limit_memory(limit: int) -> None:
    """Cap this process's data segment (heap and anonymous maps) at ``limit`` bytes: past it an allocation
    fails with MemoryError, which fails the document, not the machine."""
    if hasattr(resource, "RLIMIT_DATA"):
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


@lru_cache(maxsize=2)
def _worker_pool(workers: int, pin: bool = True) -> ProcessPoolExecutor:
    """A pool that lives as long as the process, each worker loading the pipeline once.

    With ``pin`` and no more workers than the CPUs this process may use, each worker keeps to a CPU of its
    own: left to the scheduler, two workers on two cores took 12% longer (300 texts: 24.6 s against 21.7 s).

    Workers are spawned, not forked (no fork of a process with Prefect threads), import only the
    extraction modules and run no second thread: importing polars or pyarrow starts threads, and then
    extraction in that process is 10-15% slower (one core, 150 PolNeAR texts: 18.5-19.3 s against
    16.5-17.0 s), which is why the loading process does not extract.
    """
    context = multiprocessing.get_context("spawn")
    can_pin = pin and hasattr(os, "sched_setaffinity") and workers <= len(os.sched_getaffinity(0))
    slots = context.Value("i", 0) if can_pin else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(), slots))
    for _ in range(workers):  # start them all now, loading the model side by side (else one per busy submit)
        pool.submit(os.getpid)
    return pool


def start_workers(workers: int, pin: bool = True) -> None:
    """Spawn the persistent pool now (each worker loads the model in the background) so that the first batch
    does not wait for it; the pool is the one ``extract_in_workers`` then uses."""
    _worker_pool(max(1, workers), pin)


def _extract_chunk(items: list[tuple[Key, str, ParsedDocument]], budget_seconds: float | None = DEFAULT_BUDGET_SECONDS
                   ) -> list[tuple[Key, DocumentExtraction | str]]:
    return list(extract_isolated(items, budget_seconds))


WORKER_DIED = "the extraction worker died while extracting this document (killed, or out of memory)"


def extract_in_workers(
    items: Sequence[tuple[Key, str, ParsedDocument]], workers: int, batch_chars: int = BATCH_CHARS, pin: bool = True,
    budget_seconds: float | None = DEFAULT_BUDGET_SECONDS,
) -> list[tuple[Key, DocumentExtraction | str]]:
    """Extract on a persistent pool of ``workers`` processes; per document its extraction or why it failed,
    in the order of ``items``.

    Items go to the pool in chunks of about ``batch_chars`` characters (one spaCy batch each), so every
    worker stays busy until the last chunk whatever the lengths of the documents. When a worker dies, the
    pool is replaced; chunks already done are kept, the unfinished ones are extracted again a document at a
    time, and a document that kills a worker on its own fails with WORKER_DIED. ``pin``: see ``_worker_pool``.
    """
    chunks = list(char_batches(items, batch_chars))
    done: dict[int, list] = {}
    unfinished = _run_chunks(chunks, workers, pin, budget_seconds, done)
    for index in unfinished:  # a worker died: these documents again, one at a time, each on its own
        done[index] = []
        for item in chunks[index]:
            alone: dict[int, list] = {}
            lost = _run_chunks([[item]], workers, pin, budget_seconds, alone)
            done[index] += [(item[0], WORKER_DIED)] if lost else alone[0]
    return [pair for index in range(len(chunks)) for pair in done[index]]


# Chunks started before anyone asked for them (``extract_ahead``), by their keys and budget.
_started_ahead: dict[tuple, Future] = {}


def extract_ahead(items: Sequence[tuple[Key, str, ParsedDocument]], workers: int, batch_chars: int = BATCH_CHARS,
                  pin: bool = True, budget_seconds: float | None = DEFAULT_BUDGET_SECONDS) -> None:
    """Start extracting ``items`` on the pool now; ``extract_in_workers`` called later with the same items and
    budget waits for these chunks instead of submitting them again. A command starts its first batches so
    while Prefect's server boots: the workers would otherwise sit idle for it."""
    pool = _worker_pool(max(1, workers), pin)
    for chunk in char_batches(items, batch_chars):
        _started_ahead[_chunk_key(chunk, budget_seconds)] = pool.submit(_extract_chunk, chunk, budget_seconds)


def _chunk_key(chunk: list[tuple], budget_seconds: float | None) -> tuple:
    return tuple(key for key, _, _ in chunk), budget_seconds


def _run_chunks(chunks: list[list], workers: int, pin: bool, budget_seconds: float | None,
                done: dict[int, list]) -> list[int]:
    """Run each chunk on the pool into ``done`` (a chunk started ahead is waited for, not run again); return the
    indexes of chunks lost to a dead worker (the broken pool is dropped, so the next call starts a new one)."""
    pool = _worker_pool(max(1, workers), pin)
    futures: dict[int, Future] = {}
    lost: list[int] = []
    for index, chunk in enumerate(chunks):
        ahead = _started_ahead.pop(_chunk_key(chunk, budget_seconds), None)
        if ahead is not None:
            futures[index] = ahead
            continue
        try:
            futures[index] = pool.submit(_extract_chunk, chunk, budget_seconds)
        except BrokenProcessPool:
            lost.append(index)
    for index, future in futures.items():
        try:
            done[index] = future.result()
        except BrokenProcessPool:
            lost.append(index)
    if lost:
        _worker_pool.cache_clear()
        pool.shutdown(wait=False, cancel_futures=True)
    return sorted(lost)


def prediction_record(path: str, parsed: ParsedDocument, extraction: DocumentExtraction) -> dict:
    """One JSON Lines record in the scorer's format (../shared/eval/README.md)."""
    return {
        "path": path,
        "document": {
            "title": parsed.title,
            "published": parsed.published.isoformat() if parsed.published else None,
            "byline": parsed.byline,
            "publication": parsed.publication,
        },
        **extraction.to_dict(),
    }
