"""Watch the seeds folder: wait until new files are complete, debounce a burst, start one ingest run.

The decisions (ignore rules, size stability, debounce, what a sweep has missed) live in plain
classes and functions fed with a clock, so they are tested without Prefect and without sleeping.
``FolderWatcher.run`` adds the file-system events (watchfiles) and a periodic sweep against the
database; what "start an ingest run" means is a callable (``PrefectIngestTrigger`` in production).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .intake import FileEntry, is_ignored_name, printable_name, scan_folder

log = logging.getLogger("briefing.watcher")

# Start an ingest run for these files; ``reason`` is "arrival" or "sweep". True when it was started.
Trigger = Callable[[list[FileEntry], str], bool]


def is_ignored_path(rel_path: str) -> bool:
    """A path (relative to the watched folder) the ingest leaves alone: any part hidden, partial or temporary."""
    return any(is_ignored_name(part) for part in Path(rel_path).parts)


@dataclass
class _Pending:
    size: int
    mtime_ns: int
    changed_at: float  # when size or mtime were last seen to change (or the file first seen)


@dataclass
class ArrivalTracker:
    """Files that arrived but have not been handed to an ingest run yet.

    A file is *complete* once its size and mtime have not changed for ``stable_seconds``.
    A batch is *due* when every pending file is complete and no file event came for
    ``debounce_seconds`` (one run for a burst), or, if files keep coming, ``max_delay_seconds``
    after the first file became complete (the complete ones go; growing ones wait).
    """

    stable_seconds: float = 1.0
    debounce_seconds: float = 2.0
    max_delay_seconds: float = 30.0
    _pending: dict[str, _Pending] = field(default_factory=dict)
    _last_event: float | None = None

    def event(self, now: float) -> None:
        """Something happened in the folder: the burst is not over yet."""
        self._last_event = now

    def observe(self, path: str, size: int, mtime_ns: int, now: float) -> None:
        """What a stat of ``path`` says now; a change restarts its stability clock."""
        seen = self._pending.get(path)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._pending[path] = _Pending(size, mtime_ns, now)

    def forget(self, path: str) -> None:
        self._pending.pop(path, None)

    @property
    def pending(self) -> list[str]:
        return sorted(self._pending)

    def due(self, now: float) -> list[FileEntry]:
        """The complete files to ingest now (and no longer pending), or ``[]`` while waiting."""
        complete = {p: s for p, s in self._pending.items() if now - s.changed_at >= self.stable_seconds}
        if not complete:
            return []
        quiet = self._last_event is None or now - self._last_event >= self.debounce_seconds
        first_complete = min(s.changed_at for s in complete.values()) + self.stable_seconds
        overdue = now - first_complete >= self.max_delay_seconds
        if not ((quiet and len(complete) == len(self._pending)) or overdue):
            return []
        for path in complete:
            del self._pending[path]
        return [FileEntry(p, s.size, s.mtime_ns) for p, s in sorted(complete.items())]


def missed_files(
    entries: Iterable[FileEntry],
    known: Mapping[str, tuple[int, int]],
    triggered: Mapping[str, tuple[int, int]],
) -> list[FileEntry]:
    """Files in the folder that neither the database (path -> size, mtime) nor a started run has covered."""
    out = []
    for entry in entries:
        state = (entry.size_bytes, entry.mtime_ns)
        if known.get(entry.path) == state or triggered.get(entry.path) == state:
            continue
        out.append(entry)
    return out


def batch_key(entries: Iterable[FileEntry]) -> str:
    """The same files in the same state give the same key: a batch started twice is one run."""
    text = "\n".join(f"{e.path}\t{e.size_bytes}\t{e.mtime_ns}" for e in sorted(entries, key=lambda e: e.path))
    return "ingest-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def run_name(entries: list[FileEntry], reason: str) -> str:
    """A flow-run name that says why the run started and for which files."""
    names = ", ".join(printable_name(e.path) for e in entries[:3])
    more = f" (+{len(entries) - 3} more)" if len(entries) > 3 else ""
    return f"{reason}: {names}{more}"


def known_files(db_path: Path) -> dict[str, tuple[int, int]] | None:
    """Path -> (size, mtime) of every file the database holds (not deleted); None while another process writes it."""
    import duckdb

    from .storage import DatabaseBusy, connect, query

    if not Path(db_path).exists():
        return {}
    try:
        with connect(db_path, read_only=True, wait_seconds=2.0) as con:
            rows = query(con, "known_files").iter_rows()
            return {row[0]: (row[1], row[2]) for row in rows if row[4] != "deleted"}
    except DatabaseBusy:
        return None
    except duckdb.CatalogException:  # a database without our schema yet
        return {}


class FolderWatcher:
    """The watcher loop: events and sweeps feed an ``ArrivalTracker``; due batches go to ``trigger``."""

    def __init__(
        self,
        settings: Settings,
        trigger: Trigger,
        *,
        retry_seconds: float = 5.0,
        retrigger_after_seconds: float = 900.0,
    ) -> None:
        self.settings = settings
        self.root = Path(settings.seeds_dir).resolve()
        self.trigger = trigger
        self.tracker = ArrivalTracker(
            settings.watch_stable_seconds, settings.watch_debounce_seconds, settings.watch_max_delay_seconds
        )
        self.sweep_seconds = settings.watch_sweep_seconds
        self.retry_seconds = retry_seconds
        self.retrigger_after_seconds = retrigger_after_seconds
        self.triggered: dict[str, tuple[int, int, float]] = {}  # path -> size, mtime, when started
        self._reasons: dict[str, str] = {}  # pending path -> "arrival" | "sweep"
        self.next_sweep = 0.0  # sweep at once: files that arrived while nothing watched
        self._failed: tuple[list[FileEntry], str] | None = None
        self._retry_at = 0.0

    # -- one step of the loop: everything testable with a fake clock ------------------------------

    def step(self, changed_paths: Iterable[str], now: float) -> list[FileEntry]:
        """Take file events (absolute paths), re-check pending files, sweep when due, trigger a due batch."""
        for path in changed_paths:
            rel = self._relative(path)
            if rel is None or is_ignored_path(rel):
                continue
            self.tracker.event(now)
            self._observe(rel, now, "arrival")
        for rel in self.tracker.pending:
            self._observe(rel, now, None)
        if now >= self.next_sweep:
            self.sweep(now)
        if self._failed and now >= self._retry_at:
            entries, reason = self._failed
            self._failed = None
            return self._start(entries, reason, now)
        due = self.tracker.due(now)
        if not due:
            return []
        reason = "sweep" if all(self._reasons.get(e.path) == "sweep" for e in due) else "arrival"
        return self._start(due, reason, now)

    def sweep(self, now: float) -> list[FileEntry]:
        """Compare the folder with the database; anything not covered becomes pending (and so is re-checked)."""
        known = known_files(self.settings.db_path)
        if known is None:
            log.info("sweep: the database is busy (an ingest run is writing); trying again shortly")
            self.next_sweep = now + min(self.sweep_seconds, 10.0)
            return []
        self.next_sweep = now + self.sweep_seconds
        try:
            entries, _ = scan_folder(self.root)
        except FileNotFoundError as exc:
            log.warning("sweep: %s", exc)
            return []
        recent = {p: (s, m) for p, (s, m, at) in self.triggered.items() if now - at < self.retrigger_after_seconds}
        missed = [e for e in missed_files(entries, known, recent) if e.path not in self.tracker.pending]
        for entry in missed:
            self.tracker.observe(entry.path, entry.size_bytes, entry.mtime_ns, now)
            self._reasons[entry.path] = "sweep"
        if missed:
            log.info("sweep: %d file(s) not yet ingested: %s", len(missed),
                     ", ".join(printable_name(e.path) for e in missed))
        return missed

    # -- the loop ---------------------------------------------------------------------------------

    def run(self, stop: threading.Event, tick_seconds: float = 0.25, clock: Callable[[], float] = time.monotonic):
        """Watch until ``stop`` is set. File events arrive through watchfiles; ticks re-check and sweep."""
        import watchfiles

        if not self.root.is_dir():
            raise FileNotFoundError(f"watched folder does not exist or is not a directory: {self.root}")
        log.info(
            "watching %s (complete after %.1f s unchanged, burst debounce %.1f s, sweep every %.0f s)",
            self.root, self.tracker.stable_seconds, self.tracker.debounce_seconds, self.sweep_seconds,
        )
        self.step((), clock())
        for changes in watchfiles.watch(
            self.root, watch_filter=None, debounce=200, step=50, stop_event=stop,
            rust_timeout=max(50, int(tick_seconds * 1000)), yield_on_timeout=True,
        ):
            try:
                self.step([path for _change, path in changes], clock())  # a deleted file is forgotten on stat
            except Exception:  # noqa: BLE001 - a bad moment must not end the watcher
                log.exception("watcher step failed; going on")
        log.info("watcher stopped")

    # -- helpers ----------------------------------------------------------------------------------

    def _relative(self, path: str) -> str | None:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def _observe(self, rel: str, now: float, reason: str | None) -> None:
        try:
            info = os.stat(self.root / rel)
        except OSError:
            self.tracker.forget(rel)
            self._reasons.pop(rel, None)
            return
        if not stat.S_ISREG(info.st_mode):
            self.tracker.forget(rel)
            return
        if reason:
            self._reasons.setdefault(rel, reason)
        self.tracker.observe(rel, info.st_size, info.st_mtime_ns, now)

    def _start(self, entries: list[FileEntry], reason: str, now: float) -> list[FileEntry]:
        for entry in entries:
            self._reasons.pop(entry.path, None)
        try:
            started = self.trigger(entries, reason)
        except Exception as exc:  # noqa: BLE001 - server down, deployment not yet registered, ...
            log.warning("could not start an ingest run (%s); retrying in %.0f s", exc, self.retry_seconds)
            started = False
        if not started:
            self._failed = (entries, reason)
            self._retry_at = now + self.retry_seconds
            return []
        for entry in entries:
            self.triggered[entry.path] = (entry.size_bytes, entry.mtime_ns, now)
        return entries


class PrefectIngestTrigger:
    """Start the ``ingest`` deployment for a batch, without waiting for the run (``timeout=0``)."""

    def __init__(self, deployment_name: str, parameters: Mapping[str, object] | None = None) -> None:
        self.deployment_name = deployment_name
        self.parameters = dict(parameters or {})

    def __call__(self, entries: list[FileEntry], reason: str) -> bool:
        from prefect.deployments import run_deployment

        waiting_for = self._active_runs()
        flow_run = run_deployment(
            self.deployment_name,
            parameters=self.parameters,
            timeout=0,
            as_subflow=False,
            flow_run_name=run_name(entries, reason),
            idempotency_key=batch_key(entries),
            tags=["watcher", reason],
        )
        log.info(
            "started ingest run %r (%s) for %d file(s): %s",
            flow_run.name, flow_run.id, len(entries), ", ".join(printable_name(e.path) for e in entries),
        )
        if waiting_for:
            log.info(
                "ingest run(s) %s still in progress: the new run %r waits for them "
                "(the ingest deployment runs one at a time; its state shows AwaitingConcurrencySlot meanwhile)",
                ", ".join(repr(name) for name in waiting_for), flow_run.name,
            )
        return True

    def _active_runs(self) -> list[str]:
        """Names of ingest runs of this deployment that are pending or running."""
        from prefect import get_client
        from prefect.client.schemas.filters import (
            DeploymentFilter,
            DeploymentFilterId,
            FlowRunFilter,
            FlowRunFilterState,
            FlowRunFilterStateType,
        )
        from prefect.client.schemas.objects import StateType

        try:
            with get_client(sync_client=True) as client:
                deployment = client.read_deployment_by_name(self.deployment_name)
                runs = client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
                    flow_run_filter=FlowRunFilter(
                        state=FlowRunFilterState(
                            type=FlowRunFilterStateType(any_=[StateType.PENDING, StateType.RUNNING])
                        )
                    ),
                    limit=10,
                )
        except Exception:  # noqa: BLE001 - only for the message
            return []
        return [run.name for run in runs]


def watch_forever(
    settings: Settings, deployment_name: str, stop: threading.Event, restart_seconds: float = 5.0
) -> None:
    """The production watcher: start the named ingest deployment for each batch until ``stop`` is set.

    If watching itself fails (the folder removed and made again, an inotify limit), start over.
    """
    watcher = FolderWatcher(settings, PrefectIngestTrigger(deployment_name))
    while not stop.is_set():
        try:
            watcher.run(stop)
        except Exception as exc:  # noqa: BLE001 - say why, wait, watch again
            log.warning("watching %s failed (%s); starting again in %.0f s", watcher.root, exc, restart_seconds)
            stop.wait(restart_seconds)
            watcher.next_sweep = 0.0  # whatever arrived meanwhile is found by a sweep
