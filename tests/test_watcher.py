"""The folder watcher's decisions (completeness, debounce, ignore rules, sweep) without Prefect and without sleeping."""

from __future__ import annotations

import os
from datetime import date

import pytest

from flows.backfill import days_in_range
from flows.ingestion import ingest_folder
from flows.intake import FileEntry
from flows.watcher import ArrivalTracker, FolderWatcher, batch_key, is_ignored_path, missed_files, run_name


def tracker() -> ArrivalTracker:
    return ArrivalTracker(stable_seconds=1.0, debounce_seconds=2.0, max_delay_seconds=30.0)


def test_a_file_is_due_only_once_its_size_is_stable_and_the_burst_is_over():
    t = tracker()
    t.event(0.0)
    t.observe("a.txt", 10, 1, 0.0)
    assert t.due(0.5) == []  # not stable yet
    t.observe("a.txt", 20, 2, 0.8)  # still growing: stability clock restarts
    assert t.due(1.5) == []
    assert t.due(1.9) == []  # stable since 0.8 + 1.0, but the burst ended at 0.0 + 2.0 only
    assert t.due(2.0) == [FileEntry("a.txt", 20, 2)]
    assert t.pending == [] and t.due(10.0) == []


def test_a_burst_of_files_is_one_batch():
    t = tracker()
    for n in range(5):
        t.event(n * 0.5)
        t.observe(f"{n}.txt", 100, n, n * 0.5)
    assert t.due(3.0) == []  # last event at 2.0: quiet only from 4.0
    due = t.due(4.0)
    assert [e.path for e in due] == ["0.txt", "1.txt", "2.txt", "3.txt", "4.txt"]


def test_a_growing_file_holds_the_batch_until_the_max_delay_then_the_complete_ones_go():
    t = ArrivalTracker(stable_seconds=1.0, debounce_seconds=2.0, max_delay_seconds=10.0)
    t.observe("done.txt", 5, 1, 0.0)
    size = 0
    for now in range(0, 12):
        size += 1
        t.observe("growing.txt", size, size, float(now))
        t.event(float(now))
        if now < 11:
            assert t.due(float(now)) == []
    assert [e.path for e in t.due(11.0)] == ["done.txt"]  # 10 s after done.txt was complete
    assert t.pending == ["growing.txt"]


def test_partial_hidden_and_temporary_paths_are_ignored():
    for path in ["a.part", ".hidden.txt", "~lock.txt", "a.txt.tmp", "sub/.cache/x.txt", "x.crdownload", "a.txt~"]:
        assert is_ignored_path(path), path
    for path in ["a.txt", "sub/b.txt", "notes.md"]:
        assert not is_ignored_path(path), path


def test_sweep_finds_files_that_neither_the_database_nor_a_started_run_covers():
    entries = [FileEntry("old.txt", 1, 1), FileEntry("changed.txt", 2, 3), FileEntry("new.txt", 4, 4),
               FileEntry("started.txt", 5, 5)]
    known = {"old.txt": (1, 1), "changed.txt": (2, 2)}
    triggered = {"started.txt": (5, 5)}
    assert [e.path for e in missed_files(entries, known, triggered)] == ["changed.txt", "new.txt"]


def test_the_same_batch_has_the_same_key_and_a_readable_run_name():
    a = [FileEntry("b.txt", 1, 2), FileEntry("a.txt", 3, 4)]
    assert batch_key(a) == batch_key(list(reversed(a)))
    assert batch_key(a) != batch_key([FileEntry("b.txt", 1, 3), FileEntry("a.txt", 3, 4)])
    many = [FileEntry(f"{n}.txt", 1, 1) for n in range(5)]
    assert run_name(many, "arrival") == "arrival: 0.txt, 1.txt, 2.txt (+2 more)"


class Recorder:
    def __init__(self, fail_first: int = 0):
        self.calls: list[tuple[list[str], str]] = []
        self.fail_first = fail_first

    def __call__(self, entries, reason):
        if self.fail_first:
            self.fail_first -= 1
            raise ConnectionError("server down")
        self.calls.append(([e.path for e in entries], reason))
        return True


def fast_settings(settings, **extra):
    return settings.model_copy(update={"watch_stable_seconds": 1.0, "watch_debounce_seconds": 2.0,
                                       "watch_max_delay_seconds": 30.0, "watch_sweep_seconds": 60.0, **extra})


def test_watcher_steps_start_one_run_for_a_burst_and_ignore_partial_files(settings):
    trigger = Recorder()
    w = FolderWatcher(fast_settings(settings), trigger)
    seeds = settings.seeds_dir
    assert w.step([], 0.0) == []  # the start-up sweep: empty folder, empty database
    (seeds / "a.txt").write_text("Headline\n\nShe said so.\n")
    (seeds / "b.txt.part").write_text("half of it")
    w.step([str(seeds / "a.txt"), str(seeds / "b.txt.part")], 0.1)
    (seeds / "c.txt").write_text("Other\n\nHe said no.\n")
    w.step([str(seeds / "c.txt")], 0.5)
    assert w.tracker.pending == ["a.txt", "c.txt"]
    for now in (1.0, 1.5, 2.0, 2.4):
        assert w.step([], now) == []
    started = w.step([], 2.5)
    assert [e.path for e in started] == ["a.txt", "c.txt"]
    assert trigger.calls == [(["a.txt", "c.txt"], "arrival")]
    assert w.step([], 10.0) == [] and len(trigger.calls) == 1


def test_watcher_forgets_a_file_deleted_before_it_was_complete(settings):
    trigger = Recorder()
    w = FolderWatcher(fast_settings(settings), trigger)
    w.step([], 0.0)
    path = settings.seeds_dir / "gone.txt"
    path.write_text("x")
    w.step([str(path)], 0.1)
    path.unlink()
    w.step([str(path)], 0.2)
    assert w.step([], 5.0) == [] and trigger.calls == []


def test_watcher_retries_a_batch_when_the_server_is_down(settings):
    trigger = Recorder(fail_first=1)
    w = FolderWatcher(fast_settings(settings), trigger, retry_seconds=5.0)
    w.step([], 0.0)
    (settings.seeds_dir / "a.txt").write_text("Headline\n\nShe said so.\n")
    w.step([str(settings.seeds_dir / "a.txt")], 0.1)
    assert w.step([], 3.0) == []  # due, but the trigger raised
    assert w.step([], 7.0) == []  # retry not before 3.0 + 5.0
    assert [e.path for e in w.step([], 8.0)] == ["a.txt"]
    assert trigger.calls == [(["a.txt"], "arrival")]


def test_startup_sweep_catches_files_that_arrived_while_nothing_watched(seeded_settings):
    settings = fast_settings(seeded_settings)
    first = sorted(p.name for p in settings.seeds_dir.iterdir())
    ingest_folder(settings.model_copy(update={"seeds_dir": settings.seeds_dir}))  # the old files are loaded
    late = settings.seeds_dir / "late.txt"
    late.write_text("Late news\n\nThe mayor said it was late.\n")
    changed = settings.seeds_dir / first[0]
    os.utime(changed, ns=(1, 1))  # same bytes, new mtime: the ingest decides it is a duplicate
    trigger = Recorder()
    w = FolderWatcher(settings, trigger)
    w.step([], 100.0)  # no file events at all: only the sweep saw them
    assert w.tracker.pending == sorted([first[0], "late.txt"])
    w.step([], 101.0)
    assert trigger.calls == [(sorted([first[0], "late.txt"]), "sweep")]
    w.step([], 200.0)  # the next sweep: the run has not loaded them yet, but it was started
    assert len(trigger.calls) == 1


def test_backfill_days_are_inclusive_bounded_and_in_the_past():
    today = date(2026, 3, 10)
    assert days_in_range(date(2026, 3, 1), date(2026, 3, 3), today) == [
        date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]
    assert days_in_range(date(2026, 3, 5), None, today) == [date(2026, 3, 5)]
    with pytest.raises(ValueError, match="backwards"):
        days_in_range(date(2026, 3, 3), date(2026, 3, 1), today)
    with pytest.raises(ValueError, match="after today"):
        days_in_range(date(2026, 3, 9), date(2026, 3, 11), today)
    with pytest.raises(ValueError, match="limit"):
        days_in_range(date(2020, 1, 1), today, today)
