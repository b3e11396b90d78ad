"""Honest poll trends over a real corpus: PolNeAR train+dev poll articles ingested day by day in order of
publication; every previous value the daily summary shows belongs to the same series and is dated earlier,
and no figure about the past is shown as current."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import UTC, date, datetime

import pytest

from flows.ingestion import ingest_folder
from flows.storage import connect, query

from .conftest import shared_path

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

_POLL_ARTICLE = re.compile(r"\b(?:poll|polls|survey)\b", re.IGNORECASE)
_SHARE = re.compile(r"\d\s?(?:percent|%|percentage points?|points)\b", re.IGNORECASE)


def _poll_articles_by_day() -> dict[date, list[tuple[str, str]]]:
    """Train and dev articles that speak of a poll and give a percentage, by publication day."""
    root = shared_path("corpus", "polnear")
    by_day: dict[date, list[tuple[str, str]]] = defaultdict(list)
    with open(root / "metadata.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["compartment"] not in ("train", "dev"):
                continue
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            if _POLL_ARTICLE.search(text) and _SHARE.search(text):
                by_day[date.fromisoformat(row["publication_date"])].append((path.name, text))
    return dict(sorted(by_day.items()))


def _series(row: dict) -> tuple:
    """A series as the issue defines it: pollster, measure (its kind; the race of a vote; the words of a
    question), option, population (with the area), unit."""
    kind = row["measure_kind"] or "other"
    words = (row["measure"] or "").lower() if row["option"] is None or kind in ("issue", "other") else ""
    return (row["pollster"], kind, _name(row["option"]), words, _name(row["contest"]), (row["area"] or "").lower(),
            (row["population"] or "").lower(), row["unit"])


def _name(text: str | None) -> str:
    """Names compared without case or middle initials ("Donald J. Trump" is "Donald Trump")."""
    return re.sub(r"\s[a-z]\.\s", " ", (text or "").lower())


def kind_is_vote(row: dict) -> bool:
    return (row["measure_kind"] or "").startswith("vote")


def test_no_comparison_between_different_series_over_polnear_by_publication_day(settings):
    days = _poll_articles_by_day()
    assert len(days) > 30, "PolNeAR train+dev spans many publication days"
    shown = compared = 0
    for day, articles in days.items():
        for name, text in articles:
            # the project's dated input form: a "date YYYY-MM-DD" line before the article
            (settings.seeds_dir / name).write_text(f"date {day.isoformat()}\n{text}", encoding="utf-8")
        ingest_folder(settings, now=datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
        with connect(settings.db_path, read_only=True) as con:
            rows = query(con, "summary/poll_figures", {"day": day, "tz": "UTC"}).to_dicts()
            stored = {r["poll_id"]: r for r in con.sql("select * from poll_figures").pl().to_dicts()}
        for row in rows:
            shown += 1
            current = stored[row["poll_id"]]
            assert not current["historical"], f"a figure about the past shown as current on {day}: {row}"
            if row["previous_poll_id"] is None:
                continue
            compared += 1
            previous = stored[row["previous_poll_id"]]
            assert _series(previous) == _series(current), f"{day}: {previous} compared with {current}"
            assert current["pollster"] is not None and (current["contest"] or not kind_is_vote(current))
            assert row["previous_dated"] <= row["dated"], f"{day}: the previous figure is not earlier: {row}"
            assert row["change"] == pytest.approx(current["value"] - previous["value"])
    assert shown > 200, "the poll articles give hundreds of current figures"
    assert compared > 0, "some figures have a previous value of the same series"
