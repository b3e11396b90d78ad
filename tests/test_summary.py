"""Summary aggregates on a real DuckDB, the report files, and the HTML looked at in headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.daily_summary import build_summary, slack_message
from flows.ingestion import ingest_folder
from flows.storage import connect, load_frames
from flows.summary.aggregates import sentence_around
from flows.summary.render import render_html, render_markdown
from flows.summary.slack_blocks import escape_mrkdwn
from flows.validation import validate_documents
from tests.conftest import SEEDS
from tests.invented_day import invented_summary

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
    doc_actors = [{"document_id": D1, "actor_id": "putin", "name": "Vladimir Putin", "kind": "person",
                   "roles": [], "affiliation": None, "first_start": TEXT1.index("Vladimir")},
                  {"document_id": D2, "actor_id": "putin", "name": "Vladimir Putin", "kind": "person",
                   "roles": [], "affiliation": None, "first_start": TEXT2.index("Putin")},
                  {"document_id": D2, "actor_id": "lavrov", "name": "Sergei Lavrov", "kind": "person",
                   "roles": ["Foreign Minister"], "affiliation": "Russia", "first_start": TEXT2.index("Sergei")}]
    mentions = [_mention(D1, "putin", TEXT1, "Vladimir Putin"), _mention(D2, "putin", TEXT2, "Putin"),
                _mention(D2, "lavrov", TEXT2, "Sergei Lavrov")]
    claims = [{"claim_id": "c1", "document_id": D1, "speaker_actor_id": "putin", "speaker": "Vladimir Putin",
               "kind": "indirect", "text": "it was fine", "start_char": TEXT1.index("it was"),
               "end_char": TEXT1.index("it was") + 11, "section": "body"},
              {"claim_id": "c2", "document_id": D2, "speaker_actor_id": "lavrov", "speaker": "Sergei Lavrov",
               "kind": "indirect", "text": "agreed to the talks <!channel>", "start_char": TEXT2.index("agreed"),
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

    assert [(r.pollster, [f.value for f in r.figures]) for r in s.poll_releases] == [("Levada Center", [52.0])]
    assert [(g.actor_id, g.name, [q.claim.claim_id for q in g.quotes]) for g in s.actor_claims] == \
        [("lavrov", "Sergei Lavrov", ["c2"])]
    assert [story.headline for story in s.stories] == ["Day two"]
    assert [a.name for a in s.notable_actors] == ["Sergei Lavrov"]  # a stated role and quoted

    md = build.markdown_path.read_text()
    assert "Sergei Lavrov" in md and "Day one" in md and "support 52% (-3 vs 55%)" in md
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


def test_empty_day_writes_one_short_line(settings):
    build = build_summary(settings, DAY1)
    assert "No new documents on 2024-03-01." in build.markdown_path.read_text()
    html = build.html_path.read_text()
    assert "No new documents on 2024-03-01." in html and "<nav>" not in html


def test_sentence_around():
    text = "Header\ndate 2016-09-17\nFirst one. Putin said \"no.\" Then more."
    assert sentence_around(text, text.index("Putin")) == 'Putin said "no."'
    assert sentence_around(text, text.index("First")) == "First one."


def test_sentence_around_does_not_end_at_an_initial_or_a_title():
    text = "The code is complex. As Steven M. Rosenthal said, returns matter. Mr. Trump declined. He left."
    assert sentence_around(text, text.index("Steven")) == "As Steven M. Rosenthal said, returns matter."
    assert sentence_around(text, text.index("declined")) == "Mr. Trump declined."


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
        # a document's day is its publication day, else its ingestion day (UTC here)
        days = "select document_id, coalesce(published, ingested_at::date) as day from documents"
        today_docs = {r[0] for r in con.execute(f"select document_id from ({days}) where day = ?", [today]).fetchall()}
        assert today_docs and len(today_docs) < 4, "seed 001 and 003 state their dates: they are not today's"
        new_actors = {r[0] for r in con.execute(
            f"select actors.name from actors join document_actors using (actor_id) join ({days}) d using (document_id) "
            "where not actors.quarantined and actors.kind in ('person', 'organization', 'country') "
            "group by actors.name having min(d.day) = ?", [today]).fetchall()}
        polls = sorted(r for r in con.execute(
            "select pollster, value from poll_figures where document_id in (select unnest(?)) and not quarantined"
            " and not historical",  # figures about the past are never shown as current
            [sorted(today_docs)]).fetchall())
        claims = con.execute("select count(*) from claims where document_id in (select unnest(?)) "
                             "and not quarantined", [sorted(today_docs)]).fetchall()[0][0]
        yesterday_actors = {r[0] for r in con.execute(
            f"select actors.name from actors join document_actors using (actor_id) join ({days}) d "
            "using (document_id) where d.day < ?", [today]).fetchall()}
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


def _chromium_run(args: list[str], page: Path) -> subprocess.CompletedProcess:
    chromium = _chromium()
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
                               f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args,
                               page.resolve().as_uri()], check=True, capture_output=True, text=True, timeout=120)


def _framed(html_path: Path, width: int, height: int) -> Path:
    """A page that shows the report in a ``width`` px wide frame (headless Chromium's window is at least
    500 px wide, so a phone's width is a frame's) and writes the report's laid-out size into its own DOM."""
    host = html_path.with_name(f"{html_path.stem}.frame{width}.html")
    host.write_text(
        '<!doctype html><html><body style="margin:0">'
        f'<iframe id="report" style="border:0;width:{width}px;height:{height}px" '
        f'srcdoc="{html.escape(html_path.read_text(), quote=True)}"></iframe>'
        "<script>report.onload=()=>{const d=report.contentDocument.documentElement;"
        "document.body.dataset.size=d.scrollWidth+'x'+d.scrollHeight}</script></body></html>")
    return host


@pytest.mark.parametrize("width", [390, 1400])
def test_report_reads_at_phone_and_desktop_width_in_chromium(seeded_two_days, width):
    from matplotlib import image

    settings, today = seeded_two_days
    build = build_summary(settings, today)
    dom = _chromium_run(["--window-size=1400,900", "--dump-dom"], _framed(build.html_path, width, 900)).stdout
    match = re.search(r'data-size="(\d+)x(\d+)"', dom)
    assert match, "the report did not load in the frame"
    page_width, page_height = int(match.group(1)), int(match.group(2))
    assert page_width <= width, f"the report is {page_width} px wide in a {width} px window"
    shot = Path(settings.reports_dir) / f"{today.isoformat()}-{width}.png"
    _chromium_run([f"--window-size={max(width, 500)},{page_height}", f"--screenshot={shot}"],
                  _framed(build.html_path, width, page_height))
    pixels = image.imread(str(shot))[:, :width, :3]

    def count(colour: int) -> int:
        r, g, b = (colour >> 16) / 255, (colour >> 8 & 0xFF) / 255, (colour & 0xFF) / 255
        return int(((abs(pixels[:, :, 0] - r) < 0.04) & (abs(pixels[:, :, 1] - g) < 0.04)
                    & (abs(pixels[:, :, 2] - b) < 0.04)).sum())

    # the lead's grey panel near the top, the contents bar's and the sources' links, the top-actors bars
    assert count(0xF6F8FA) > width * 200, f"no lead panel in {shot}"
    assert (pixels[:300, :, :].mean(axis=2) < 0.9).any(), f"nothing drawn at the top of {shot}"
    assert count(0x0B5CAD) > 300, f"no contents bar or links in {shot}"
    assert count(0x4C78A8) > (5000 if width > 1000 else 1000), f"charts not visible in {shot}"


def test_seeds_lead_claims_by_actor_and_comments_apart(seeded_two_days):
    settings, _ = seeded_two_days
    with connect(settings.db_path, read_only=True) as con:  # the day of seed 003, which has reader comments
        today = con.execute("select day from dated_documents('UTC') where source_path like '003_%'").fetchone()[0]
        comments = con.execute(
            "select count(*) from claims join dated_documents('UTC') using (document_id) "
            "where section = 'comments' and day = ? and not claims.quarantined", [today]).fetchone()[0]
    s = build_summary(settings, today).summary
    assert comments > 0, "seed 003 has reader comments"
    assert len(s.comment_claims) == comments
    assert all(q.claim.section == "body" for g in s.actor_claims for q in g.quotes)
    slack_text = json.dumps(slack_message(settings, build_summary(settings, today)).blocks, ensure_ascii=False)
    for claim in s.comment_claims:  # never in Slack (the mrkdwn escaping changes only & < >)
        assert escape_mrkdwn(" ".join(claim.text.split()[:6])) not in slack_text, claim.text
    for group in s.actor_claims:  # one group per actor id, every claim in it said by that actor
        assert {q.claim.speaker_actor_id for q in group.quotes} == {group.actor_id}
        kinds = [q.claim.kind for q in group.quotes]
        assert kinds == sorted(kinds, key=lambda k: k != "direct"), f"direct quotes first for {group.name}"
    named = [g for g in s.actor_claims if g.named]
    assert [g.prominence for g in named] == sorted((g.prominence for g in named), reverse=True)
    assert len({g.actor_id for g in s.actor_claims}) == len(s.actor_claims)
    assert {ref.document_id for story in s.stories for ref in story.documents} == \
        {ref.document_id for g in s.sources for ref in g.documents}


GOLDEN = Path(__file__).parent / "golden"


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)"


def test_lead_and_claim_grouping_match_golden_file():
    summary = invented_summary()
    lead = {
        "stories": [{"headline": st.headline, "documents": [r.title for r in st.documents], "sources": st.sources,
                     "actors": st.actors, "terms": st.terms} for st in summary.stories],
        "actors": [{"name": a.name, "prominence": a.prominence, "coverage": a.coverage, "role": a.role_text}
                   for a in summary.actors],
        "claims_by_actor": [{"actor_id": g.actor_id, "name": g.name, "role": g.role_text,
                             "quotes": [{"text": q.claim.text, "kind": q.claim.kind, "also_in": q.also_in,
                                         "documents": [r.title for r in q.refs]} for q in g.quotes]}
                            for g in summary.actor_claims],
        "comments": [c.text for c in summary.comment_claims],
        "new_actors": [a.name for a in summary.notable_actors],
        "also_mentioned": [a.name for a in summary.also_mentioned],
        "poll_releases": [{"pollster": r.pollster, "figures": [(f.option, f.value, f.change) for f in r.figures]}
                          for r in summary.poll_releases],
    }
    _check_golden("lead.json", json.dumps(lead, indent=1, ensure_ascii=False) + "\n")


def test_report_markdown_matches_golden_file():
    summary = invented_summary()
    markdown = render_markdown(summary, source_base="../seeds")
    _check_golden("report.md", markdown)
    # the Markdown mirrors the HTML: the same sections in the same order
    html = render_html(summary, source_base="../seeds")
    order = ["lead", "claims", "new-actors", "polls", "comments", "sources", "status"]
    assert [markdown.index(f'<a id="{a}"></a>') for a in order] == sorted(markdown.index(f'<a id="{a}"></a>')
                                                                         for a in order)
    assert [html.index(f'id="{a}"') for a in order] == sorted(html.index(f'id="{a}"') for a in order)
    assert "&lt;!channel&gt;" in markdown and "<!channel>" not in markdown and "<!channel>" not in html
    assert "http:" not in html and "https:" not in html  # self-contained: nothing to fetch


def test_slack_limits_hold_on_every_day_of_a_replayed_month(tmp_path):
    """August 2016 of PolNeAR's train split, ingested day by day as its articles were published; each
    day's Slack message keeps to 15 blocks and 3,000 characters, and days without articles get one line."""
    import csv

    from flows.config import load_settings
    from flows.summary.slack_blocks import MAX_BLOCKS, MAX_VISIBLE_CHARS, visible_chars
    from tests.conftest import shared_path

    metadata = shared_path("corpus", "polnear", "metadata.tsv")
    texts = shared_path("corpus", "polnear", "train", "text")
    with metadata.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")
                if r["compartment"] == "train" and r["publication_date"].startswith("2016-08")]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    settings = load_settings(seeds_dir=seeds, db_path=tmp_path / "db.duckdb", reports_dir=tmp_path / "reports",
                             slack_token=None, slack_upload_files=False)
    day = date(2016, 8, 1)
    sizes = []
    while day.month == 8:
        for row in rows:
            if row["publication_date"] == day.isoformat():
                shutil.copy(texts / f"{row['filename']}.txt", seeds / f"{row['filename']}.txt")
        report = ingest_folder(settings, now=datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
        if report.loaded:
            validate_documents(settings, report.loaded)
        build = build_summary(settings, day)
        blocks = slack_message(settings, build).blocks
        sizes.append((day.isoformat(), build.summary.document_count, len(blocks), visible_chars(blocks)))
        assert len(blocks) <= MAX_BLOCKS and visible_chars(blocks) <= MAX_VISIBLE_CHARS, sizes[-1]
        if build.summary.is_empty:
            assert len(blocks) == 3, sizes[-1]
        day += timedelta(days=1)
    assert sum(n for _, n, _, _ in sizes) == len(rows)
    print(sizes)


def test_poll_lead_names_pollsters_and_the_table_says_what_was_measured():
    from flows.summary import lead
    from flows.summary.model import PollItem
    from flows.summary.render import poll_move_lines
    from tests.invented_day import ACTOR_ROWS, ref

    summary = invented_summary()
    summary.polls = [
        # a first release of a named pollster: a lead line, labelled by the measure's kind
        PollItem("n1", 48.0, "percent", "Ledger/Marist", "likely voters", "would vote for", "Okafor", None,
                 ref("d4", 40, 43), measure_kind="vote_head_to_head"),
        # a polling average is said to be one
        PollItem("a1", 3.0, "points", "RealClearPolitics", None, "lead", "Okafor", None, ref("d4", 70, 71),
                 measure_kind="vote", pollster_kind="average"),
        # the article never names who polled: in the table, never in the lead
        PollItem("u1", 7.0, "points", None, None, "but his; the last 10", "Reyes", None, ref("d2", 10, 11),
                 measure_kind="vote"),
    ]
    summary = lead.add_lead(summary, ACTOR_ROWS)
    lines = poll_move_lines(summary)
    assert lines == ["Ledger/Marist (new): Okafor 48%", "RealClearPolitics (average) (new): Okafor 3 pts"]
    markdown = render_markdown(summary)
    table = markdown[markdown.index("| Pollster |"):]
    assert "vote, head to head; among likely voters" in table
    assert "but his" not in table  # a vote figure is labelled by its kind, not by the words around it


def test_a_figure_the_article_repeats_is_one_figure_of_its_release():
    from flows.summary.lead import poll_releases
    from flows.summary.model import PollItem
    from tests.invented_day import ref

    first = PollItem("a", 52.0, "percent", "NYT/CBS", None, "support", "Clinton", None, ref("d4", 10, 12))
    again = PollItem("b", 52.0, "percent", "NYT/CBS", None, "support", "Clinton", None, ref("d4", 90, 92))
    other = PollItem("c", 33.0, "percent", "NYT/CBS", None, "support", "Sanders", None, ref("d4", 95, 97))
    [release] = poll_releases([first, again, other])
    assert [p.poll_id for p in release.figures] == ["a", "c"]
