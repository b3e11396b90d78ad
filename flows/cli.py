"""The `briefing` command: run, ingest, extract (and more as the service grows).

Exit codes: 0 all went well; 1 a fatal error (nothing or only part was done, see the message);
2 usage error; 3 the run finished but some files were rejected or failed extraction; 4 the report was
written but posting it to Slack failed (it is retried on the next run).
"""

from __future__ import annotations

import argparse
import atexit
import json
import logging
import os
import sys
from pathlib import Path

from .offline import quiet_network

quiet_network()

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3
EXIT_DELIVERY = 4  # the report was written, but posting it to Slack failed (see the deliveries table)


def _settings(args: argparse.Namespace):
    """Every setting, checked (SettingsError names a bad variable) before any work."""
    from .config import load_settings

    return load_settings(
        seeds_dir=getattr(args, "seeds", None),
        db_path=getattr(args, "db", None),
        reports_dir=getattr(args, "reports", None),
        timezone=getattr(args, "timezone", None),
    )


def _ingest_exit_code(result: dict) -> int:
    return EXIT_REJECTED if result["rejected"] or result["extraction_failed"] else EXIT_OK


def _check_locations(settings, seeds: bool = True) -> None:
    """Fail before Prefect starts when a location cannot work: the watched folder, the reports folder,
    the database (opened and closed once: corrupt, unreadable or a directory ends here in one line)."""
    from .errors import LocationError
    from .storage import connect

    if seeds and not Path(settings.seeds_dir).is_dir():
        raise LocationError(f"watched folder does not exist or is not a directory: {settings.seeds_dir} "
                            "(BRIEFING_SEEDS_DIR)")
    reports = Path(settings.reports_dir)
    if reports.exists() and not reports.is_dir():
        raise LocationError(f"reports path is not a folder: {reports} (BRIEFING_REPORTS_DIR)")
    with connect(settings.db_path, wait_seconds=settings.db_lock_wait_seconds):
        pass


def _quiet_prefect_console() -> None:
    """Prefect's console shows each log line without its traceback (the Prefect API log keeps it): a fatal
    error ends in our one line, not in pages of frames."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    class DropTraceback(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            return True

    for name in ("", "uvicorn", "fastapi", "prefect"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, PrefectConsoleHandler) and not any(
                    type(f).__name__ == "DropTraceback" for f in handler.filters):
                handler.addFilter(DropTraceback())


def _ingest(settings) -> int:
    """Ingest new files with the flow; without a Prefect server and with nothing new, without Prefect at all.

    A run that finds nothing new writes no row to DuckDB either way; skipping the flow then saves the
    temporary server's start (most of such a run). With a server configured the flow runs, so the UI shows it.
    """
    from .ingestion import plan_ingest
    from .startup import nothing_to_ingest, prefect_api_url, start_extraction, start_side_by_side

    _check_locations(settings)
    plan = plan_ingest(settings)
    start_extraction(settings, plan)
    no_server = prefect_api_url() is None
    if nothing_to_ingest(plan) and no_server:
        print(f"files seen: {plan.seen}; nothing new to load (no flow run: nothing to record)")
        return EXIT_OK
    start_side_by_side(temporary_server=no_server, import_gx=bool(plan.to_read))
    from .ingest import run_ingest

    _quiet_prefect_console()  # after every Prefect import above: importing its server sets up logging anew
    return _ingest_exit_code(run_ingest(settings))


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest new files only (no summary)."""
    return _ingest(_settings(args))


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: ingest new files, write the reports of the earlier days their documents were published
    on (no Slack), then summarise the current day (in the configured timezone) and post it."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from .backfill import days_touched

    settings = _settings(args)
    started = datetime.now(UTC)
    code = _ingest(settings)
    _quiet_prefect_console()
    today = datetime.now(ZoneInfo(settings.timezone)).date()
    # an archive dropped today distorts no day: each document is in its own day's report
    earlier = days_touched(settings.db_path, started, settings.timezone, today)
    summary_code = _run_summary(settings, day=None, dry_run=False, channel=None, earlier_days=earlier)
    if earlier:
        print(f"reports of {len(earlier)} earlier publication day(s) written ({earlier[0]} to {earlier[-1]}); "
              "not posted to Slack")
    return code if code != EXIT_OK else summary_code


def _run_summary(settings, day, dry_run: bool, channel: str | None, earlier_days: list | None = None) -> int:
    from .daily_summary import daily_summary_flow

    result = daily_summary_flow(day=day, dry_run=dry_run, channel=channel, db_path=str(settings.db_path),
                                reports_dir=str(settings.reports_dir), timezone=settings.timezone,
                                seeds_dir=str(settings.seeds_dir), earlier_days=earlier_days)
    slack = result["slack"]
    if slack["status"] == "dry_run":
        print(json.dumps(slack["payload"], ensure_ascii=False, indent=1))  # stdout: the message alone; logs: stderr
    if slack["status"] in {"pending", "failed"}:
        print(f"briefing: report written to {result['html_path']}, but Slack delivery {slack['status']}: "
              f"{slack['message']}", file=sys.stderr)
        return EXIT_DELIVERY
    return EXIT_OK


def _prefect_server() -> None:
    """The Prefect server for a command's flows: the configured one, else the temporary one `run` starts
    (Prefect's own would import its server code into this process and send heartbeats nobody reads:
    `briefing summary` took 8.6-9.5 s with it)."""
    from .startup import prefect_api_url, start_side_by_side

    start_side_by_side(temporary_server=prefect_api_url() is None, import_gx=False)


def cmd_summary(args: argparse.Namespace) -> int:
    """Write the daily report for a day (default today) and post it to Slack once."""
    settings = _settings(args)
    _check_locations(settings, seeds=False)
    _prefect_server()
    _quiet_prefect_console()
    return _run_summary(settings, day=args.day, dry_run=args.dry_run, channel=args.channel)


def cmd_backfill(args: argparse.Namespace) -> int:
    """Rebuild the reports of past days whose documents changed, oldest first; no Slack unless --post."""
    from .backfill import backfill_flow

    settings = _settings(args)
    _prefect_server()
    result = backfill_flow(start=args.start, end=args.end, post=args.post, channel=args.channel,
                           dry_run=args.dry_run, db_path=str(settings.db_path), reports_dir=str(settings.reports_dir),
                           timezone=settings.timezone, seeds_dir=str(settings.seeds_dir),
                           only_changed=not args.all)
    for day, outcome in result.items():
        print(f"{day}: {outcome['documents']} documents, report {outcome['html_path']}")
    if not result:
        print("no day in the range has documents that changed since its report")
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    """Ingest PolNeAR train+dev from ../shared and write each publication day's summary (no Slack)."""
    from .replay import replay

    return replay(Path(args.shared) if args.shared else None, Path(args.workdir) if args.workdir else None,
                  timezone=args.timezone)


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {text!r}") from None


def _log_to_console() -> None:
    """Our long-running commands log to stderr with times (Prefect configures only its own loggers)."""
    import logging

    logger = logging.getLogger("briefing")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s | %(levelname)-7s | %(name)s - %(message)s", "%H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _serve_settings(args: argparse.Namespace):
    from .config import load_settings

    settings = _settings(args)
    if args.cron:  # checked like the variable it overrides
        load_settings(summary_cron=args.cron)
    return settings.model_copy(update={"summary_cron": args.cron} if args.cron else {})


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the deployments against the Prefect server at PREFECT_API_URL, with the folder watcher."""
    from .serve import ServerUnavailable, serve_forever

    _log_to_console()
    try:
        serve_forever(_serve_settings(args), watch=not args.no_watch)
    except ServerUnavailable as exc:
        print(f"briefing serve: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Only the folder watcher: start the served ingest deployment when files arrive."""
    import threading

    from .serve import INGEST, ServerUnavailable, api_url, check_server
    from .watcher import watch_forever

    _log_to_console()
    try:
        check_server(api_url())
    except ServerUnavailable as exc:
        print(f"briefing watch: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    stop = threading.Event()
    try:
        watch_forever(_settings(args), args.deployment or f"{INGEST}/{INGEST}", stop)
    except KeyboardInterrupt:
        stop.set()
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """Print one JSON object per file: the extraction in the scorer's format."""
    from .extraction.pipeline import extract_many, prediction_record
    from .parsing import RejectedInput, decode_bytes, parse_document

    items = []
    failed = 0
    for name in args.files:
        try:
            text = decode_bytes(Path(name).read_bytes()).text
        except (OSError, RejectedInput) as exc:
            print(f"briefing extract: {name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        items.append((name, text, parse_document(text)))
    parsed_by_path = {name: parsed for name, _, parsed in items}
    for name, extraction in extract_many(items, n_process=args.n_process):
        record = prediction_record(name, parsed_by_path[name], extraction)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_REJECTED if failed else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against ../shared gold data and print the figures beside the targets."""
    from .evaluation import DEFAULT_SHARED, run_evaluation

    lines, held = run_evaluation(Path(args.shared) if args.shared else DEFAULT_SHARED)
    print("\n".join(lines))
    return EXIT_OK if held or not args.strict else EXIT_REJECTED


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure throughput, memory, reruns and summary queries; print a table."""
    from .bench import DEFAULT_SHARED, format_table, run_benchmarks

    bench = run_benchmarks(Path(args.shared) if args.shared else DEFAULT_SHARED, large=args.large,
                           workdir=Path(args.workdir) if args.workdir else None, queries=not args.no_queries,
                           dask=not args.no_dask, only_defaults=args.defaults,
                           worst="only" if args.worst_only else "also")
    if bench.rows:
        print("\n" + format_table(bench.rows) + "\n\ntargets:\n" + "\n".join(bench.check_lines()))
    return EXIT_OK


def _add_location_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="DuckDB file (env BRIEFING_DB_PATH)")
    parser.add_argument("--reports", help="reports folder (env BRIEFING_REPORTS_DIR)")
    parser.add_argument("--timezone", help="IANA timezone for 'a day' (env BRIEFING_TIMEZONE)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="the main job: ingest new files from the seeds folder, then summarise")
    run.add_argument("--seeds", help="watched folder (env BRIEFING_SEEDS_DIR)")
    _add_location_flags(run)
    run.set_defaults(func=cmd_run)

    summary = sub.add_parser("summary", help="write the daily report (reports/DAY.md, .html) and post it to Slack")
    summary.add_argument("--day", type=_day, help="the day, YYYY-MM-DD (default: today in the timezone)")
    summary.add_argument("--channel", help="Slack channel (env BRIEFING_SLACK_CHANNEL)")
    summary.add_argument("--dry-run", action="store_true",
                         help="write the report, print the Slack message as JSON on stdout (logs on stderr), "
                              "post nothing")
    _add_location_flags(summary)
    summary.set_defaults(func=cmd_summary)

    backfill = sub.add_parser("backfill", help="rebuild the reports of past days whose documents changed, oldest "
                              "first (no Slack unless --post)")
    backfill.add_argument("--from", dest="start", type=_day, required=True, help="first day, YYYY-MM-DD")
    backfill.add_argument("--to", dest="end", type=_day, help="last day, YYYY-MM-DD (default: the first)")
    backfill.add_argument("--all", action="store_true", help="rebuild every day of the range, changed or not")
    backfill.add_argument("--post", action="store_true", help="also post each rebuilt summary to Slack")
    backfill.add_argument("--channel", help="Slack channel when posting (env BRIEFING_SLACK_CHANNEL)")
    backfill.add_argument("--dry-run", action="store_true", help="with --post: print the messages, post nothing")
    backfill.add_argument("--seeds", help="watched folder the reports link to (env BRIEFING_SEEDS_DIR)")
    _add_location_flags(backfill)
    backfill.set_defaults(func=cmd_backfill)

    replay = sub.add_parser("replay", help="a month of briefings: ingest PolNeAR train+dev from ../shared, then "
                            "write every publication day's summary (no Slack)")
    replay.add_argument("--shared", help="the shared folder (default: ../shared beside the repository)")
    replay.add_argument("--workdir", help="where the replay's seeds, database and reports go (default: "
                        "data/replay)")
    replay.add_argument("--timezone", default="America/New_York", help="IANA timezone of the days "
                        "(default America/New_York, the publishers')")
    replay.set_defaults(func=cmd_replay)

    ingest = sub.add_parser("ingest", help="ingest new files only")
    ingest.add_argument("seeds", nargs="?", help="watched folder (default: seeds/, env BRIEFING_SEEDS_DIR)")
    _add_location_flags(ingest)
    ingest.set_defaults(func=cmd_ingest)

    serve = sub.add_parser(
        "serve", help="serve the ingest, daily-summary and backfill deployments with the folder watcher "
        "(needs a Prefect server: PREFECT_API_URL)")
    serve.add_argument("--seeds", help="watched folder (env BRIEFING_SEEDS_DIR)")
    _add_location_flags(serve)
    serve.add_argument("--cron", help="schedule of the daily summary (env BRIEFING_SUMMARY_CRON; default 0 7 * * *)")
    serve.add_argument("--no-watch", action="store_true", help="serve only; do not watch the seeds folder")
    serve.set_defaults(func=cmd_serve)

    watch = sub.add_parser("watch", help="only watch the seeds folder and start the served ingest deployment")
    watch.add_argument("--seeds", help="watched folder (env BRIEFING_SEEDS_DIR)")
    watch.add_argument("--db", help="DuckDB file, read by the periodic sweep (env BRIEFING_DB_PATH)")
    watch.add_argument("--deployment", help="deployment to start (default: ingest/ingest)")
    watch.set_defaults(func=cmd_watch)

    extract = sub.add_parser("extract", help="print extracted actors, claims and polls as JSON Lines")
    extract.add_argument("files", nargs="+", help="article files")
    extract.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    extract.set_defaults(func=cmd_extract)

    evaluate = sub.add_parser("eval", help="score extraction against ../shared gold data (seeds, PolNeAR dev)")
    evaluate.add_argument("--shared", help="the shared folder (default: ../shared beside the repository)")
    evaluate.add_argument("--strict", action="store_true", help="exit 3 when a target is missed")
    evaluate.set_defaults(func=cmd_eval)

    bench = sub.add_parser("bench", help="benchmark ingest against spaCy, reruns and summary queries")
    bench.add_argument("--shared", help="the shared folder (default: ../shared beside the repository)")
    bench.add_argument("--large", type=int, default=10_000, help="size of the large generated set (0: skip)")
    bench.add_argument("--workdir", help="where to build the benchmark folders and databases")
    bench.add_argument("--no-queries", action="store_true", help="skip the summary queries on the synthetic store")
    bench.add_argument("--no-dask", action="store_true", help="skip the ingest on a local Dask cluster")
    bench.add_argument("--defaults", action="store_true",
                       help="only whole commands with default settings, start-up included (a few minutes)")
    bench.add_argument("--worst-only", action="store_true",
                       help="only the worst-case texts: time and worker memory of each against its budget")
    bench.set_defaults(func=cmd_bench)
    return parser


def _one_line(exc: BaseException) -> str:
    """An error as one line: its message (first line), or its type when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _drop_server_stop_line(record) -> bool:
    return not record.getMessage().startswith("Stopping temporary server")


def _quiet_prefect_shutdown() -> None:
    """Prefect stops its temporary server at exit with an INFO line; after a fatal error our line stays last."""
    if "prefect" in sys.modules:
        import logging

        logger = logging.getLogger("prefect")
        if _drop_server_stop_line not in logger.filters:
            logger.addFilter(_drop_server_stop_line)


def _fatal(command: str, message: str, code: int) -> int:
    """The one line a fatal error ends with, and its exit code."""
    _quiet_prefect_shutdown()
    print(f"briefing {command}: error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .config import SettingsError
    from .errors import LocationError, ReportWriteError
    from .storage import DatabaseBusy, DatabaseUnusable

    try:
        _settings(args)  # every setting checked before any work, whatever the command
        return args.func(args)
    except SettingsError as exc:
        return _fatal(args.command, str(exc), EXIT_USAGE)
    except (DatabaseBusy, DatabaseUnusable, LocationError, FileNotFoundError, ReportWriteError) as exc:
        return _fatal(args.command, _one_line(exc), EXIT_FATAL)
    except Exception as exc:  # noqa: BLE001 - any other failure (a failed flow): one line, exit 1, no traceback
        return _fatal(args.command, f"{type(exc).__name__}: {_one_line(exc)}", EXIT_FATAL)


def _end_process(code: list[int]) -> None:
    """The last exit handler: flush, then end the process with ``code`` without Python's teardown."""
    logging.shutdown()  # registered before this handler, so it would run after it
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`briefing ... | head`): nothing more to say there
            pass
    os._exit(code[0])


def console_main() -> None:
    """The `briefing` command: ``main``, then the end of the process without freeing every module and object.

    Python's teardown of what Prefect, GX and matplotlib import took ~1 s of every command (measured: the
    imports alone, 4.0 s with teardown, 3.0 s without). The usual exit still happens first: non-daemon threads
    are joined, then every exit handler runs (Prefect sends its last logs and events, the temporary server
    stops, log files are flushed); registered before all of them, ``_end_process`` runs last.
    """
    code = [EXIT_FATAL]
    atexit.register(_end_process, code)
    try:
        code[0] = main()
    except SystemExit as exit_:  # argparse: --help (0), a usage error (2)
        code[0] = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        raise
    sys.exit(code[0])


if __name__ == "__main__":
    console_main()
