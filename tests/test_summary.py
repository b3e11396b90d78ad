"""Summary aggregates on a real DuckDB, the report files, and the HTML looked at in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.daily_summary import build_summary
from flows.ingestion import ingest_folder
from flows.storage import connect, load_frames
from flows.summary.aggregates import sentence_around
from flows.validation import validate_documents
from tests.conftest import SEEDS

D1, D2 = "1" * 64, "2" * 64
DAY1, DAY2 = date(2024, 3, 1), date(2024, 3, 2)
T1 = datetime(2024, 3, 1, 9, tzinfo=UTC)
T2 = datetime(2024, 3, 2, 9, tzinfo=UTC)
TEXT1 = "Levada Center found 55 percent support. Vladimir Putin said it was fine."
TEXT2 = "Levada Center found 52 percent support now. Putin spoke again. Sergei Lavrov, the Foreign Minister, agreed."


def _doc(doc_id, text, at, title):
    return {"document_id": doc_id, "source_path": f"{doc_id[:4]}.txt", "encoding": "utf-8", "byte_size": len(text),
            "char_length": len(text), "original_text": text, "ingested_at": at, "extraction_status": "done",
            "title": title, "publication": "The Daily"}


def _mention(doc, actor, text, word):
    start = text.index(word)
    return {"document_id": doc, "actor_id": actor, "start_char": start, "end_char": start + len(word), "text": word}


@pytest.fixture
def two_days(settings):
    """Day 1: Putin and a Levada figure; day 2: Putin again, Lavrov new, a new Levada figure (and a bad one)."""
    docs = [_doc(D1, TEXT1, T1, "Day one"), _doc(D2, TEXT2, T2, "Day two")]
    actors = [{"actor_id": "putin", "name": "Vladimir Putin", "kind": "person", "first_document_id": D1,
               "first_seen_at": T1},
              {"actor_id": "lavrov", "name": "Sergei Lavrov", "kind": "person", "first_document_id": D2,
               "first_seen_at": T2}]
    doc_actors = [{"document_id": D2, "actor_id": "lavrov", "name": "Sergei Lavrov", "kind": "person",
                   "roles": ["Foreign Minister"], "affiliation": "Russia", "first_start": TEXT2.index("Sergei")}]
    mentions = [_mention(D1, "putin", TEXT1, "Vladimir Putin"), _mention(D2, "putin", TEXT2, "Putin"),
                _mention(D2, "lavrov", TEXT2, "Sergei Lavrov")]
    claims = [{"claim_id": "c1", "document_id": D1, "speaker_actor_id": "putin", "speaker": "Vladimir Putin",
               "kind": "indirect", "text": "it was fine", "start_char": TEXT1.index("it was"),
               "end_char": TEXT1.index("it was") + 11, "section": "body"},
              {"claim_id": "c2", "document_id": D2, "speaker_actor_id": "lavrov", "speaker": "Sergei Lavrov",
               "kind": "indirect", "text": "agreed <!channel>", "start_char": TEXT2.index("agreed"),
               "end_char": len(TEXT2) - 1, "section": "body"}]
    polls = [{"poll_id": "p1", "document_id": D1, "value": 55.0, "unit": "percent", "pollster": "Levada Center",
              "measure": "support", "start_char": 20, "end_char": 30},
             {"poll_id": "p2", "document_id": D2, "value": 52.0, "unit": "percent", "pollster": "Levada Center",
              "measure": "support", "start_char": 20, "end_char": 30},
             {"poll_id": "p3", "document_id": D2, "value": 152.0, "unit": "percent", "pollster": "Levada Center",
              "measure": "support", "start_char": 21, "end_char": 31}]
    frames = [("documents", docs), ("actors", actors), ("document_actors", doc_actors), ("mentions", mentions),
              ("claims", claims), ("poll_figures", polls)]
    with connect(settings.db_path) as con:
        load_frames(con, [(name, pl.DataFrame(rows, infer_schema_length=None)) for name, rows in frames])
    validate_documents(settings, [D1], now=T1)
    validate_documents(settings, [D2], now=T2)
    return settings


def test_second_day_lists_only_what_is_new(two_days):
    build = build_summary(two_days, DAY2)
    s = build.summary
    assert [ref.title for group in s.sources for ref in group.documents] == ["Day two"]
    assert [a.name for a in s.new_actors] == ["Sergei Lavrov"]
    lavrov = s.new_actors[0]
    assert lavrov.roles == ["Foreign Minister"] and lavrov.affiliation == "Russia"
    assert lavrov.sentence == "Sergei Lavrov, the Foreign Minister, agreed."
    assert [(g.speaker, [c.claim_id for c in g.claims]) for g in s.claims] == [("Sergei Lavrov", ["c2"])]
    # the 152 percent figure failed validation: quarantined, not in the summary, shown in validation
    assert [(p.value, p.previous_value, p.change) for p in s.polls] == [(52.0, 55.0, -3.0)]
    assert s.polls[0].previous_ref.title == "Day one"
    assert {c.suite for c in s.failed_checks} == {"poll_figures"}
    assert s.quarantined_rows == {"poll_figures": 1}
    top = {a.name: (a.mentions, a.previous_7_days, a.change) for a in s.top_actors}
    assert top == {"Vladimir Putin": (1, 1, round(1 - 1 / 7, 2)), "Sergei Lavrov": (1, 0, 1.0)}
    assert [(p.day, p.value) for p in s.poll_history] == [(DAY1, 55.0), (DAY2, 52.0)]

    md = build.markdown_path.read_text()
    assert "Sergei Lavrov" in md and "Day one" in md and "-3 pts" in md
    assert "&lt;!channel&gt;" in md and "<!channel>" not in md
    html = build.html_path.read_text()
    assert html.count("<svg") == 2 and "&lt;!channel&gt;" in html
    assert '<li id="doc-222222222222">' in html and 'href="#doc-222222222222"' in html

    first = build_summary(two_days, DAY1).summary
    assert [a.name for a in first.new_actors] == ["Vladimir Putin"]
    assert [(p.value, p.change) for p in first.polls] == [(55.0, None)]


def test_day_follows_the_timezone(two_days):
    # 09:00 UTC on 2 March is still 1 March in Honolulu (UTC-10)
    hawaii = two_days.model_copy(update={"timezone": "Pacific/Honolulu"})
    titles = [ref.title for g in build_summary(hawaii, DAY1).summary.sources for ref in g.documents]
    assert titles == ["Day two"]
    assert build_summary(hawaii, DAY2).summary.sources == []


def test_empty_day_still_writes_a_report(settings):
    build = build_summary(settings, DAY1)
    assert "No documents were ingested on this day." in build.markdown_path.read_text()
    assert build.html_path.exists()


def test_sentence_around():
    text = "Header\ndate 2016-09-17\nFirst one. Putin said \"no.\" Then more."
    assert sentence_around(text, text.index("Putin")) == 'Putin said "no."'
    assert sentence_around(text, text.index("First")) == "First one."


@pytest.fixture(scope="module")
def seeded_two_days(tmp_path_factory):
    """The seeds over two days: 000 and 001 yesterday, 002 and 003 today; validated like the ingest flow does."""
    from flows.config import load_settings

    root = tmp_path_factory.mktemp("two_days")
    seeds = root / "seeds"
    seeds.mkdir()
    settings = load_settings(seeds_dir=seeds, db_path=root / "db.duckdb", reports_dir=root / "reports",
                             slack_token=None)
    files = sorted(SEEDS.glob("*.txt"))
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    for batch, when in ((files[:2], today - timedelta(days=1)), (files[2:], today)):
        for path in batch:
            shutil.copy(path, seeds / path.name)
        report = ingest_folder(settings, now=when)
        validate_documents(settings, report.loaded)
    return settings, today.date()


def test_seeds_report_matches_what_extraction_found(seeded_two_days):
    settings, today = seeded_two_days
    build = build_summary(settings, today)
    s = build.summary
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        today_docs = {r[0] for r in con.execute(
            "select document_id from documents where ingested_at::date = ?", [today]).fetchall()}
        new_actors = {r[0] for r in con.execute(
            "select name from actors where first_seen_at::date = ? and not quarantined "
            "and kind in ('person', 'organization', 'country')", [today]).fetchall()}
        polls = sorted(r for r in con.execute(
            "select pollster, value from poll_figures where document_id in (select unnest(?)) and not quarantined"
            " and not historical",  # figures about the past are never shown as current
            [sorted(today_docs)]).fetchall())
        claims = con.execute("select count(*) from claims where document_id in (select unnest(?)) "
                             "and not quarantined", [sorted(today_docs)]).fetchall()[0][0]
        yesterday_actors = {r[0] for r in con.execute(
            "select name from actors where first_seen_at::date < ?", [today]).fetchall()}
    assert {ref.document_id for g in s.sources for ref in g.documents} == today_docs
    assert {a.name for a in s.new_actors} == new_actors
    assert not ({a.name for a in s.new_actors} & yesterday_actors)
    assert sorted((p.pollster, p.value) for p in s.polls) == polls
    assert any(p.pollster and "Levada" in p.pollster for p in s.polls), "the Levada figures of seed 002"
    assert s.claim_count == claims
    assert s.validation and not s.failed_checks


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("headless Chromium is not installed (make browser, or apt-get install chromium): "
                "the report was not looked at in a browser")


def test_report_renders_with_its_charts_in_chromium(seeded_two_days):
    chromium = _chromium()
    from matplotlib import image

    settings, today = seeded_two_days
    build = build_summary(settings, today)
    shot = Path(settings.reports_dir) / f"{today.isoformat()}.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                        f"--user-data-dir={profile}", "--window-size=1400,2400", "--virtual-time-budget=5000",
                        f"--screenshot={shot}", build.html_path.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)
    pixels = image.imread(str(shot))[:, :, :3]
    # the top-actors bars are drawn in #4c78a8: a page without the charts has almost none of that colour
    bar = (abs(pixels[:, :, 0] - 0x4C / 255) < 0.04) & (abs(pixels[:, :, 1] - 0x78 / 255) < 0.04) \
        & (abs(pixels[:, :, 2] - 0xA8 / 255) < 0.04)
    assert bar.sum() > 5000, f"charts not visible in {shot}"
