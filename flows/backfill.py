"""Prefect flow: rebuild the daily summaries of a range of past days, oldest first, without posting unless asked.

Thin: the range rule is a plain function; each day is one ``daily_summary_flow`` run (a subflow,
so the UI shows every day on its own). The summary is idempotent per day, so a repeated or
retried backfill rewrites the same reports and posts nothing twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow

from .config import load_settings

MAX_BACKFILL_DAYS = 366


def days_in_range(start: date, end: date | None, today: date, max_days: int = MAX_BACKFILL_DAYS) -> list[date]:
    """Every day from ``start`` to ``end`` (inclusive; default ``start``). Raises ValueError on a bad range."""
    end = end or start
    if end < start:
        raise ValueError(f"backfill range is backwards: start {start} is after end {end}")
    if end > today:
        raise ValueError(f"cannot summarise {end}: it is after today ({today}) in the configured timezone")
    count = (end - start).days + 1
    if count > max_days:
        raise ValueError(f"backfill of {count} days is more than the limit of {max_days}; split the range")
    return [start + timedelta(days=n) for n in range(count)]


def stale_days(days: list[date], last_ingested: dict[date, datetime], reports_dir: Path) -> list[date]:
    """The days whose documents changed since their report was written (or that have no report yet),
    oldest first. A day with no documents and no report needs none."""
    out = []
    for day in days:
        report = Path(reports_dir) / f"{day.isoformat()}.json"
        arrived = last_ingested.get(day)
        if not report.exists():
            if arrived is not None:
                out.append(day)
            continue
        written = datetime.fromtimestamp(report.stat().st_mtime, UTC)
        if arrived is not None and arrived > written:
            out.append(day)
    return out


def last_ingested_by_day(db_path: Path, start: date, end: date, timezone: str) -> dict[date, datetime]:
    """When the last document of each day (publication day in ``timezone``) arrived."""
    from .storage import connect, query

    with connect(db_path) as con:
        frame = query(con, "summary/days_changed", {"start": start, "end": end, "tz": timezone})
    return {row["day"]: row["last_ingested_at"] for row in frame.iter_rows(named=True)}


def days_touched(db_path: Path, since: datetime, timezone: str, today: date) -> list[date]:
    """The days other than ``today`` of the documents that arrived since ``since`` (an ingest run's start),
    oldest first: their reports need writing again."""
    from .storage import connect, query

    with connect(db_path) as con:
        frame = query(con, "summary/days_touched", {"since": since, "tz": timezone, "today": today})
    return list(frame["day"])


@flow(name="backfill", log_prints=True)
def backfill_flow(
    start: date,
    end: date | None = None,
    post: bool = False,
    channel: str | None = None,
    dry_run: bool = False,
    db_path: str | None = None,
    reports_dir: str | None = None,
    timezone: str | None = None,
    seeds_dir: str | None = None,
    only_changed: bool = True,
) -> dict[str, object]:
    """Rebuild the daily summaries for past days whose documents changed, oldest first.

    Args:
        start: First day to rebuild (a calendar day in the configured timezone).
        end: Last day to rebuild, inclusive; empty means the same day as start.
        post: Also post each rebuilt summary to Slack. Off by default: a backfill only rewrites reports.
        channel: Slack channel to post to when post is on; empty means the configured channel.
        dry_run: Write the reports and print the Slack messages, but post nothing.
        db_path: The DuckDB file; empty means the configured database.
        reports_dir: Where reports go; empty means the configured folder.
        timezone: IANA timezone that defines a day; empty means the configured one.
        seeds_dir: The watched folder the reports link to; empty means the configured one.
        only_changed: Rebuild only the days with documents that arrived after their report was written
            (or with no report yet); off rebuilds every day of the range.
    """
    from .daily_summary import daily_summary_flow

    locations = {"db_path": db_path, "reports_dir": reports_dir, "timezone": timezone, "seeds_dir": seeds_dir}
    settings = load_settings(**locations)
    today = datetime.now(ZoneInfo(settings.timezone)).date()
    days = days_in_range(start, end, today)
    if only_changed:
        days = stale_days(days, last_ingested_by_day(settings.db_path, days[0], days[-1], settings.timezone),
                          settings.reports_dir)
    print(f"backfill of {len(days)} day(s) from {start} to {end or start} whose documents changed; "
          f"post to Slack: {post}; dry run: {dry_run}")
    results: dict[str, object] = {}
    for day in days:
        results[day.isoformat()] = daily_summary_flow(day=day, dry_run=dry_run, channel=channel, post=post,
                                                     **locations)
    return results
