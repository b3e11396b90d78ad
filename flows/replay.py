"""A month of briefings from an archive: copy PolNeAR train+dev (from ../shared) into a folder of its own,
ingest it at once, then write the summary of every publication day, oldest first, with no Slack.

Plain functions; the summaries are the same ``build_summary`` the daily flow runs. The corpus is read
from ../shared and copied under the work folder (default ``data/replay``), never into the repository.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .config import PROJECT_ROOT, load_settings

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"


def polnear_files(shared: Path) -> list[Path]:
    """The train and dev article files."""
    root = shared / "corpus" / "polnear"
    return sorted((root / "train" / "text").glob("*.txt")) + sorted((root / "dev" / "text").glob("*.txt"))


def replay(shared: Path | None = None, workdir: Path | None = None, timezone: str = "America/New_York") -> int:
    """Ingest the archive, summarise each publication day; print one line a day. Returns an exit code."""
    from .daily_summary import build_summary
    from .ingestion import ingest_folder
    from .storage import connect, query

    files = polnear_files(shared or DEFAULT_SHARED)
    if not files:
        print(f"replay: no PolNeAR articles under {shared or DEFAULT_SHARED}/corpus/polnear", file=sys.stderr)
        return 1
    workdir = workdir or PROJECT_ROOT / "data" / "replay"
    seeds = workdir / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for path in files:
        target = seeds / path.name
        if not target.exists():
            shutil.copy2(path, target)
    settings = load_settings(seeds_dir=seeds, db_path=workdir / "briefing.duckdb", reports_dir=workdir / "reports",
                             timezone=timezone, slack_upload_files=False)  # no Slack: no chart PNG to attach
    report = ingest_folder(settings, notify=print)
    print("\n".join(report.lines()))
    with connect(settings.db_path) as con:
        days = query(con, "summary/publication_days", {"tz": timezone})["day"].to_list()
    print(f"{len(days)} publication days, {days[0]} to {days[-1]}; reports in {settings.reports_dir}")
    print("day | documents | late arrivals | new actors | claims | poll figures | top actor (change vs 7 days)")
    for day in days:
        summary = build_summary(settings, day).summary
        top = summary.top_actors[0] if summary.top_actors else None
        top_text = f"{top.name} {top.mentions} ({top.change:+.1f})" if top else "-"
        print(f"{day} | {summary.document_count} | {len(summary.late_arrivals)} | {len(summary.new_actors)} | "
              f"{summary.claim_count} | {len(summary.polls)} | {top_text}")
    return 0
