"""Prefect flow: rebuild the daily summaries of a range of past days, oldest first, without posting unless asked.

Thin: the range rule is a plain function; each day is one ``daily_summary_flow`` run (a subflow,
so the UI shows every day on its own). The summary is idempotent per day, so a repeated or
retried backfill rewrites the same reports and posts nothing twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
) -> dict[str, object]:
    """Rebuild the daily summaries for past days, oldest first.

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
    """
    from .daily_summary import daily_summary_flow

    locations = {"db_path": db_path, "reports_dir": reports_dir, "timezone": timezone, "seeds_dir": seeds_dir}
    settings = load_settings(**locations)
    today = datetime.now(ZoneInfo(settings.timezone)).date()
    days = days_in_range(start, end, today)
    print(f"backfill of {len(days)} day(s), {days[0]} to {days[-1]}; post to Slack: {post}; dry run: {dry_run}")
    results: dict[str, object] = {}
    for day in days:
        results[day.isoformat()] = daily_summary_flow(day=day, dry_run=dry_run, channel=channel, post=post,
                                                     **locations)
    return results
