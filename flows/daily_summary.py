"""Prefect flow ``daily-summary``: aggregates for a day, the report (Markdown + HTML with charts), Slack.

Thin: ``build_summary`` (plain function) queries and writes the report; ``deliver_summary`` posts it
exactly once per day and channel. The flow adds Prefect artifacts (the summary as Markdown, poll
figures as a table) and the token from a Prefect Secret block when the environment has none.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from .config import Settings, load_settings
from .delivery import DeliveryResult, SlackGateway, deliver, unfinished_deliveries
from .errors import ReportWriteError
from .storage import connect
from .summary import charts
from .summary.aggregates import fetch_frames, shape_summary
from .summary.day_json import render_json
from .summary.model import DailySummary
from .summary.render import headline, render_html, render_markdown, validation_line
from .summary.slack_blocks import SlackMessage, build_message

NOT_CONFIGURED = "Slack is not configured (set BRIEFING_SLACK_TOKEN or the Prefect Secret block {block}): " \
                 "the report was written but not posted"


@dataclass
class SummaryBuild:
    """A day's summary and where its report was written."""

    summary: DailySummary
    markdown: str
    html: str
    markdown_path: Path
    html_path: Path
    chart_png: bytes | None = None
    json_path: Path | None = None


def today_in(timezone: str, now: datetime | None = None) -> date:
    """The current day in ``timezone``."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone)).date()


def _write(path: Path, text: str) -> None:
    """Write through a temporary file and rename: a reader never sees half a report. A failure (disk full,
    no permission) removes the temporary file and raises ReportWriteError saying what happened."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise ReportWriteError(f"cannot write the report {path}: {exc.strerror or exc}; the database is "
                               "unchanged and nothing was posted to Slack") from exc


def build_summary(settings: Settings, day: date) -> SummaryBuild:
    """Run the aggregates for ``day`` and write ``reports/<day>.md``, ``.html`` and ``.json``."""
    with connect(settings.db_path) as con:
        frames = fetch_frames(con, day, settings.timezone)
    summary = shape_summary(day, settings.timezone, frames)
    svgs = {"polls": charts.poll_chart_svg(summary.poll_history),
            "top_actors": charts.top_actors_svg(summary.top_actors)}
    reports = Path(settings.reports_dir)
    source_base = Path(os.path.relpath(Path(settings.seeds_dir).resolve(), reports.resolve())).as_posix()
    markdown = render_markdown(summary, source_base=source_base)
    html = render_html(summary, svgs, source_base=source_base)
    md_path, html_path = reports / f"{day.isoformat()}.md", reports / f"{day.isoformat()}.html"
    _write(md_path, markdown)
    _write(html_path, html)
    json_path = reports / f"{day.isoformat()}.json"
    _write(json_path, render_json(summary))
    chart_png = charts.poll_chart_png(summary.poll_history) if settings.slack_upload_files else None
    return SummaryBuild(summary, markdown, html, md_path, html_path, chart_png, json_path)


def slack_message(settings: Settings, build: SummaryBuild) -> SlackMessage:
    day = build.summary.day.isoformat()
    link = f"{settings.report_base_url.rstrip('/')}/{day}.html" if settings.report_base_url else None
    note = (f"Full report with charts: {build.html_path.name}, attached in the thread." if settings.slack_upload_files
            else f"Full report: {build.html_path}")
    return build_message(build.summary, report_link=link, report_note=note)


def slack_files(settings: Settings, build: SummaryBuild) -> list[tuple[str, bytes]]:
    if not settings.slack_upload_files:
        return []
    day = build.summary.day.isoformat()
    files = [(f"briefing-{day}.html", build.html.encode("utf-8"))]
    if build.chart_png:
        files.append((f"poll-figures-{day}.png", build.chart_png))
    return files


def gateway_for(settings: Settings, token: str) -> SlackGateway:
    return SlackGateway(token, base_url=settings.slack_base_url, timeout=settings.slack_timeout_seconds)


def deliver_summary(
    settings: Settings, build: SummaryBuild, token: str, channel: str | None = None, backoff_base: float = 1.0
) -> DeliveryResult:
    """Post the day's summary to ``channel`` (default: the configured one) unless already posted."""
    message = slack_message(settings, build)
    return deliver(settings.db_path, gateway_for(settings, token), build.summary.day, channel or settings.slack_channel,
                   {"text": message.text, "blocks": message.blocks}, files=slack_files(settings, build),
                   report_path=str(build.html_path), max_attempts=settings.slack_max_attempts,
                   backoff_base=backoff_base)


def retry_unfinished(settings: Settings, token: str, skip: tuple[date, str] | None = None,
                     backoff_base: float = 1.0) -> list[DeliveryResult]:
    """Try again the deliveries earlier runs left pending or failed (same message as then)."""
    results = []
    for record in unfinished_deliveries(settings.db_path):
        if skip and (record.day, record.channel) == skip or not record.payload:
            continue
        report = Path(record.report_path) if record.report_path else None
        files = [(f"briefing-{record.day.isoformat()}.html", report.read_bytes())] \
            if settings.slack_upload_files and report and report.exists() else []
        results.append(deliver(settings.db_path, gateway_for(settings, token), record.day, record.channel,
                               json.loads(record.payload), files=files, report_path=record.report_path,
                               max_attempts=settings.slack_max_attempts, backoff_base=backoff_base))
    return results


def resolve_token(settings: Settings) -> str | None:
    """The Slack token: from the environment (settings) or else the Prefect Secret block, if any."""
    if settings.slack_token is not None and settings.slack_token.get_secret_value():
        return settings.slack_token.get_secret_value()
    try:
        from prefect.blocks.system import Secret

        value = Secret.load(settings.slack_secret_block).get()
    except Exception:  # noqa: BLE001 - no block (or no server): Slack is simply not configured
        return None
    return str(value) if value else None


def poll_table(summary: DailySummary) -> list[dict]:
    return [{"pollster": p.pollster or "", "measure": p.measure or "", "option": p.option or "",
             "value": p.value, "unit": p.unit, "previous": p.previous_value, "change": p.change,
             "when": p.when_text or "", "document": p.ref.title} for p in summary.polls]


# ---------------------------------------------------------------- Prefect


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def build_report(settings: Settings, day: date) -> SummaryBuild:
    return build_summary(settings, day)


@task(cache_policy=NO_CACHE)
def publish_artifacts(build: SummaryBuild) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    day = build.summary.day.isoformat()
    create_markdown_artifact(markdown=build.markdown, key="daily-summary", description=f"Daily summary for {day}")
    create_table_artifact(table=poll_table(build.summary) or [{"pollster": "", "measure": "no poll figures"}],
                          key="poll-figures", description=f"Poll figures of {day}, with the previous figure")


@task(cache_policy=NO_CACHE)
def post_to_slack(settings: Settings, build: SummaryBuild, token: str, channel: str | None) -> dict:
    """Exactly once per (day, channel); retries with backoff happen inside, so no Prefect retries here."""
    result = deliver_summary(settings, build, token, channel)
    retried = retry_unfinished(settings, token, skip=(build.summary.day, channel or settings.slack_channel))
    return {"status": result.status, "message": result.message,
            "retried": [{"day": r.delivery.day.isoformat(), "channel": r.delivery.channel, "status": r.status,
                         "message": r.message} for r in retried]}


@flow(name="daily-summary", log_prints=True)
def daily_summary_flow(
    day: date | None = None,
    dry_run: bool = False,
    channel: str | None = None,
    post: bool = True,
    db_path: str | None = None,
    reports_dir: str | None = None,
    timezone: str | None = None,
    seeds_dir: str | None = None,
    days_back: int = 0,
    earlier_days: list[date] | None = None,
) -> dict:
    """Build the daily summary report for a day and post it to Slack (once per day and channel).

    Args:
        day: the day (documents published that day in the configured timezone, else ingested then);
            default today less ``days_back``.
        dry_run: write the report and log the Slack message (also returned as ``slack.payload``), but
            post nothing.
        channel: Slack channel (default: the configured one).
        post: post to Slack at all (a backfill rewrites reports with post=False).
        db_path: the DuckDB file (default: the configured database).
        reports_dir: where reports go (default: the configured folder).
        timezone: IANA timezone that defines the day (default: the configured one).
        seeds_dir: the watched folder the report links to (default: the configured one).
        days_back: with no ``day``, summarise this many days before today (the 07:00 schedule
            passes 1: the morning summary covers the whole of yesterday).
        earlier_days: other days whose reports to write again first, never posted (`briefing run` passes
            the publication days of the documents it just loaded; a task each, not a flow run each).
    """
    settings = load_settings(db_path=db_path, reports_dir=reports_dir, timezone=timezone, seeds_dir=seeds_dir)
    for earlier in earlier_days or []:
        print(f"report of {earlier} written: {build_report(settings, earlier).html_path}")
    day = day or today_in(settings.timezone) - timedelta(days=days_back)
    build = build_report(settings, day)
    publish_artifacts(build)
    print(f"daily summary {day}: {headline(build.summary)}")
    print(validation_line(build.summary))
    print(f"report: {build.markdown_path}, {build.html_path} and {build.json_path}")
    result = {"day": day.isoformat(), "markdown_path": str(build.markdown_path), "html_path": str(build.html_path),
              "json_path": str(build.json_path), "late_arrivals": len(build.summary.late_arrivals),
              "documents": build.summary.document_count, "new_actors": len(build.summary.new_actors),
              "claims": build.summary.claim_count, "polls": len(build.summary.polls),
              "failed_checks": len(build.summary.failed_checks), "slack": {"status": "not_posted", "message": ""}}
    if not post:
        result["slack"] = {"status": "not_posted", "message": "posting off (post=False)"}
        return result
    if dry_run:
        message = slack_message(settings, build)
        payload = {"channel": channel or settings.slack_channel, "text": message.text, "blocks": message.blocks}
        print("dry run: the Slack message would be:")
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        result["slack"] = {"status": "dry_run", "message": "dry run: nothing posted", "payload": payload}
        return result
    token = resolve_token(settings)
    if not token:
        message = NOT_CONFIGURED.format(block=settings.slack_secret_block)
        print(build.markdown)
        print(message)
        result["slack"] = {"status": "not_configured", "message": message}
        return result
    result["slack"] = post_to_slack(settings, build, token, channel)
    print(f"slack: {result['slack']['message']}")
    for retried in result["slack"]["retried"]:
        print(f"slack, earlier delivery {retried['day']} {retried['channel']}: {retried['message']}")
    return result
