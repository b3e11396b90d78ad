"""Run extraction over documents: mask non-article sections, run spaCy once, apply the rule families."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    doc = load_nlp()(analysis_text(text, parsed))
    return extract_from_doc(doc, text, parsed)


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
            for doc, (key, text, parsed) in zip(nlp.pipe(texts, batch_size=len(group)), group, strict=True):
                yield key, extract_from_doc(doc, text, parsed)
        return

    def with_context():
        for key, text, parsed in items:
            yield analysis_text(text, parsed), (key, text, parsed)

    for doc, (key, text, parsed) in nlp.pipe(
        with_context(), as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield key, extract_from_doc(doc, text, parsed)


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


def _extract_chunk(items: list[tuple[Key, str, ParsedDocument]]) -> list[tuple[Key, DocumentExtraction]]:
    return list(extract_many(items))


def extract_in_workers(
    items: Sequence[tuple[Key, str, ParsedDocument]], workers: int, batch_chars: int = BATCH_CHARS, pin: bool = True
) -> list[tuple[Key, DocumentExtraction]]:
    """Extract on a persistent pool of ``workers`` processes; results in the order of ``items``.

    Items go to the pool in chunks of about ``batch_chars`` characters (one spaCy batch each), so every
    worker stays busy until the last chunk whatever the lengths of the documents. A pool whose worker
    died is dropped (and the error raised): the next call starts a new one. ``pin``: see ``_worker_pool``.
    """
    chunks = list(char_batches(items, batch_chars))
    pool = _worker_pool(max(1, workers), pin)
    try:
        return [pair for chunk in pool.map(_extract_chunk, chunks) for pair in chunk]
    except BrokenProcessPool:
        _worker_pool.cache_clear()
        pool.shutdown(wait=False, cancel_futures=True)
        raise


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
