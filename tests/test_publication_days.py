"""Days are publication days in BRIEFING_TIMEZONE: every summary section on a real DuckDB, outside UTC and
on the 23- and 25-hour days of daylight saving; several days ingested at once; late arrivals; backfill."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from flows.backfill import last_ingested_by_day, stale_days
from flows.cli import EXIT_OK, main
from flows.daily_summary import build_summary
from flows.ingestion import ingest_folder
from flows.storage import connect, load_frames
from flows.summary.aggregates import fetch_frames, shape_summary

TZ = "America/New_York"
NY = ZoneInfo(TZ)
SPRING, AUTUMN = date(2024, 3, 10), date(2024, 11, 3)  # 23 hours and 25 hours in New York
LOADED_AT = datetime(2024, 12, 1, 12, tzinfo=UTC)  # one bulk load, long after: it must distort no day


def _local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), NY).astimezone(UTC)


def _rows(day: date) -> dict[str, list[dict]]:
    """Around ``day``: 'before' at 23:30 the evening before, 'first' at 00:30, 'last' at 23:30, 'after' at
    00:30 the next day, and 'week' a week later (all local times). Each has a claim and a poll figure;
    actor 'carry' is in before, first and week; actor 'fresh' first appears in last, again in after."""
    docs = {"before": _local(day - timedelta(days=1), 23, 30), "first": _local(day, 0, 30),
            "last": _local(day, 23, 30), "after": _local(day + timedelta(days=1), 0, 30),
            "week": _local(day + timedelta(days=7), 12, 0)}
    actors_in = {"before": ["carry"], "first": ["carry"], "last": ["fresh"], "after": ["fresh"], "week": ["carry"]}
    rows: dict[str, list[dict]] = {k: [] for k in ("documents", "actors", "document_actors", "mentions", "claims",
                                                   "poll_figures")}
    text = "Carry Name and Fresh Name spoke. Pollster found 40 percent."
    for n, (name, at) in enumerate(docs.items()):
        doc_id = f"{name:0<64}"[:64]
        rows["documents"].append({
            "document_id": doc_id, "source_path": f"{name}.txt", "encoding": "utf-8", "byte_size": len(text),
            "char_length": len(text), "original_text": text, "ingested_at": LOADED_AT, "extraction_status": "done",
            "title": name, "publisher": "The Daily", "published": at.astimezone(NY).date(), "published_at": at})
        for actor in actors_in[name]:
            start = text.index(actor.capitalize())
            rows["document_actors"].append({"document_id": doc_id, "actor_id": actor, "name": actor, "kind": "person",
                                            "roles": [], "affiliation": None, "first_start": start})
            rows["mentions"].append({"document_id": doc_id, "actor_id": actor, "start_char": start,
                                     "end_char": start + 10, "text": text[start : start + 10]})
        rows["claims"].append({"claim_id": f"claim-{name}", "document_id": doc_id, "speaker_actor_id": None,
                               "speaker": None, "kind": "indirect", "text": "spoke", "start_char": 26,
                               "end_char": 31, "section": "body"})
        rows["poll_figures"].append({"poll_id": f"poll-{name}", "document_id": doc_id, "value": 40.0 + n,
                                     "unit": "percent", "pollster": "Pollster", "measure": "support",
                                     "start_char": 48, "end_char": 58})
    for actor in ("carry", "fresh"):  # as ingestion records them: both first seen in the one bulk load
        rows["actors"].append({"actor_id": actor, "name": actor, "kind": "person", "first_document_id": "x",
                               "first_seen_at": LOADED_AT})
    return rows


@pytest.fixture(params=[SPRING, AUTUMN], ids=["23-hour day", "25-hour day"])
def dst_store(request, settings):
    day = request.param
    rows = _rows(day)
    with connect(settings.db_path) as con:
        load_frames(con, [(name, pl.DataFrame(r, infer_schema_length=None)) for name, r in rows.items()])
    return settings, day


def _summary(settings, day, tz=TZ):
    with connect(settings.db_path) as con:
        return shape_summary(day, tz, fetch_frames(con, day, tz))


def test_documents_of_the_day(dst_store):
    settings, day = dst_store
    hours = _local(day + timedelta(days=1), 0, 0) - _local(day, 0, 0)
    assert hours in (timedelta(hours=23), timedelta(hours=25))
    titles = {ref.title for g in _summary(settings, day).sources for ref in g.documents}
    assert titles == {"first", "last"}
    assert {ref.title for g in _summary(settings, day - timedelta(days=1)).sources for ref in g.documents} == \
        {"before"}
    assert {ref.title for g in _summary(settings, day, "UTC").sources for ref in g.documents} != titles
    assert _summary(settings, LOADED_AT.date()).sources == []  # the bulk load day holds nothing


def test_new_actors_of_the_day(dst_store):
    settings, day = dst_store
    assert [a.name for a in _summary(settings, day).new_actors] == ["fresh"]  # carry was in 'before'
    assert [a.name for a in _summary(settings, day - timedelta(days=1)).new_actors] == ["carry"]
    assert _summary(settings, day + timedelta(days=1)).new_actors == []  # fresh again: not new


def test_claims_of_the_day(dst_store):
    settings, day = dst_store
    claims = sorted(c.claim_id for g in _summary(settings, day).claims for c in g.claims)
    assert claims == ["claim-first", "claim-last"]


def test_polls_of_the_day_compare_with_the_previous_publication(dst_store):
    settings, day = dst_store
    polls = {p.poll_id: (p.previous_value, p.change) for p in _summary(settings, day).polls}
    assert polls == {"poll-first": (40.0, 1.0), "poll-last": (41.0, 1.0)}
    history = {(p.day, p.value) for p in _summary(settings, day).poll_history}
    assert history == {(day - timedelta(days=1), 40.0), (day, 41.0), (day, 42.0)}


def test_seven_day_window_uses_publication_days(dst_store):
    settings, day = dst_store
    week = {a.name: (a.mentions, a.previous_7_days) for a in _summary(settings, day + timedelta(days=7)).top_actors}
    assert week == {"carry": (1, 1)}  # 'first' is inside the previous 7 days, 'before' is not
    # in UTC 'before' (23:30 local the evening before) falls on the day itself, so the window counts it
    utc = {a.name: a.previous_7_days for a in _summary(settings, day + timedelta(days=7), "UTC").top_actors}
    assert utc == {"carry": 2}


ARTICLE = "{title}\n\nBy Jo Park | (Valley Times)\n\nThe council met on the day, Mayor Ann Bell said.\n"


def _drop(settings, name: str, title: str) -> None:
    (settings.seeds_dir / name).write_text(ARTICLE.format(title=title))


def test_several_days_at_once_each_summary_holds_its_own(settings):
    for day in (1, 2, 3):
        for n in range(day):  # 1, 2 and 3 documents
            _drop(settings, f"valley_2024-03-0{day}_story-{n}.txt", f"Story {n} of March {day}")
    (settings.seeds_dir / "valley_2024-01-15_archive.txt").write_text("An archive story\n\nThe depot opened.\n")
    ingest_folder(settings, now=datetime(2024, 3, 5, 14, tzinfo=UTC))
    settings = settings.model_copy(update={"timezone": TZ})
    for day in (1, 2, 3):
        build = build_summary(settings, date(2024, 3, day))
        titles = sorted(ref.title for g in build.summary.sources for ref in g.documents)
        assert titles == [f"Story {n} of March {day}" for n in range(day)]
        data = json.loads(build.json_path.read_text())
        assert data["day"] == f"2024-03-0{day}" and data["timezone"] == TZ
        assert sorted(d["title"] for d in data["documents"]) == titles
        assert {d["published"] for d in data["documents"]} == {f"2024-03-0{day}"}
        assert {d["publisher"] for d in data["documents"]} == {"Valley Times"}
        assert set(data) == {"format_version", "day", "timezone", "documents", "late_arrivals", "new_actors",
                             "claims", "poll_figures"}
    # the arrival day lists the recent ones as late arrivals, not the archive story; its own list is empty
    arrival = build_summary(settings, date(2024, 3, 5))
    assert arrival.summary.sources == []
    late = [(x.ref.title, x.published_day) for x in arrival.summary.late_arrivals]
    assert sorted(late) == sorted((f"Story {n} of March {d}", date(2024, 3, d)) for d in (1, 2, 3) for n in range(d))
    assert "Late arrivals\n" in arrival.markdown and "<h2>Late arrivals</h2>" in arrival.html
    assert "Story 0 of March 3" in arrival.html
    assert len(json.loads(arrival.json_path.read_text())["late_arrivals"]) == 6
    # new actors of March 1: first mentioned there; not new later, though every day mentions them
    assert "Ann Bell" in {a.name for a in build_summary(settings, date(2024, 3, 1)).summary.new_actors}
    assert "Ann Bell" not in {a.name for a in build_summary(settings, date(2024, 3, 2)).summary.new_actors}


def test_backfill_rebuilds_only_days_whose_documents_changed(settings, prefect_server):
    for day in (1, 2, 3):
        _drop(settings, f"valley_2024-03-0{day}_story.txt", f"Story of March {day}")
    ingest_folder(settings, now=datetime(2024, 3, 4, 9, tzinfo=UTC))
    days = [date(2024, 3, d) for d in (1, 2, 3, 4)]
    assert stale_days(days, last_ingested_by_day(settings.db_path, days[0], days[-1], "UTC"),
                      settings.reports_dir) == days[:3]  # no report yet; the 4th has no documents
    base = ["backfill", "--db", str(settings.db_path), "--reports", str(settings.reports_dir),
            "--seeds", str(settings.seeds_dir), "--timezone", "UTC"]
    assert main([*base, "--from", "2024-03-01", "--to", "2024-03-04"]) == EXIT_OK
    assert sorted(p.name for p in settings.reports_dir.glob("*.json")) == [f"2024-03-0{d}.json" for d in (1, 2, 3)]
    written = {p.name: p.stat().st_mtime_ns for p in settings.reports_dir.glob("*.json")}
    _drop(settings, "valley_2024-03-02_second.txt", "Second story of March 2")  # arrives late
    ingest_folder(settings)
    assert stale_days(days, last_ingested_by_day(settings.db_path, days[0], days[-1], "UTC"),
                      settings.reports_dir) == [date(2024, 3, 2)]
    assert main([*base, "--from", "2024-03-01", "--to", "2024-03-04"]) == EXIT_OK
    after = {p.name: p.stat().st_mtime_ns for p in settings.reports_dir.glob("*.json")}
    assert [name for name in after if after[name] != written[name]] == ["2024-03-02.json"]
    data = json.loads((settings.reports_dir / "2024-03-02.json").read_text())
    assert sorted(d["title"] for d in data["documents"]) == ["Second story of March 2", "Story of March 2"]
