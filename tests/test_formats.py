"""Input formats: saved news pages (fixtures shaped like real publishers' markup, written for these tests),
content sniffing (a page named .txt), rejected formats, lone-CR line ends."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from flows.formats.html import html_article
from flows.ingestion import ingest_folder
from flows.metadata import MetadataRules, resolve_metadata
from flows.parsing import RejectedInput

FIXTURES = Path(__file__).parent / "fixtures" / "html"

PAGES = {
    # WordPress blog: <time class="entry-date">, author vcard, a comment list, sidebar and footer
    "wordpress_blog.html": {
        "title": "Harbor Council Votes to Reopen the Old Ferry Line", "publisher": "Coastline Notes",
        "published_at": datetime(2023, 5, 15, 1, 40, tzinfo=UTC), "authors": ["Mara Quist"],
        "sentence": "The harbor council voted six to one on Sunday evening",
        "furniture": ["Proudly powered by WordPress", "Recent Posts", "Donate"],
        "comment": "My grandmother used to take that ferry"},
    # A big newsroom: JSON-LD NewsArticle with two authors, generated CSS class names
    "newsroom_jsonld.html": {
        "title": "Grain Exporters Brace for a Slower Season", "publisher": "The Daily Meridian",
        "published_at": datetime(2024, 3, 10, 6, 30, tzinfo=UTC), "authors": ["Lena Ortiz", "Tomas Berg"],
        "sentence": "\"We have never seen the channel this shallow in March,\" said Ines Maro",
        "furniture": ["Privacy Policy", "Terms of Service", "Opinion"], "comment": None},
    # A tabloid: Open Graph and article:* meta tags only, ads and related links
    "tabloid_meta.html": {
        "title": "Stadium deal collapses at the last minute", "publisher": "Metro Bugle",
        "published_at": datetime(2024, 11, 3, 5, 45, tzinfo=UTC), "authors": ["Kit Harlan"],
        "sentence": "Deputy mayor Rosa Quell said the city had made its final offer.",
        "furniture": ["Showbiz", "All rights reserved", "Club posts record loss"], "comment": None},
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_saved_page_title_date_author_and_text(name):
    want = PAGES[name]
    page = html_article((FIXTURES / name).read_text(encoding="utf-8"))
    meta = resolve_metadata([page.candidate], MetadataRules(), datetime(2025, 1, 1, tzinfo=UTC))
    assert (meta.title, meta.publisher, meta.published_at, meta.authors) == (
        want["title"], want["publisher"], want["published_at"], want["authors"])
    assert set(meta.sources.values()) == {"html"}
    sections = {s.kind: page.text[s.start : s.end] for s in page.parsed.sections}
    assert sections["title"] == want["title"] and page.text.startswith(want["title"])
    assert want["sentence"] in sections["body"]
    for furniture in want["furniture"]:
        assert furniture not in sections["body"]
    assert any(f in sections.get("boilerplate", "") for f in want["furniture"])  # kept apart, not dropped
    if want["comment"]:
        assert want["comment"] in sections["comments"] and want["comment"] not in sections["body"]
    else:
        assert "comments" not in sections


def test_page_with_no_article_text_is_rejected():
    with pytest.raises(RejectedInput) as err:
        html_article("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert err.value.reason == "no_article_text"


def test_folder_routes_by_content_and_rejects_other_formats(settings):
    seeds = settings.seeds_dir
    shutil.copy(FIXTURES / "tabloid_meta.html", seeds / "bugle.html")
    # the same kind of page saved under a .txt name goes the HTML path too
    (seeds / "meridian.txt").write_bytes((FIXTURES / "newsroom_jsonld.html").read_bytes())
    (seeds / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    (seeds / "empty-page.html").write_text("<!DOCTYPE html><html><body><div class='ad'>Ad</div></body></html>")
    (seeds / "old-mac.txt").write_bytes(b"Council backs budget\r\rBy Jo Park | (Valley Times)\r\r"
                                        b"The council backed the budget on Monday, the mayor said.\r")
    report = ingest_folder(settings, now=datetime(2025, 1, 1, tzinfo=UTC))
    assert {r.path: r.reason for r in report.rejected} == {"scan.pdf": "unsupported_format",
                                                           "empty-page.html": "no_article_text"}
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        rows = {r[0]: r[1:] for r in con.execute(
            "select source_path, format, title, publisher, authors, byline from documents").fetchall()}
        claims = con.execute("select claims.text, substr(original_text, start_char + 1, end_char - start_char) "
                             "from claims join documents using (document_id)").fetchall()
    assert rows["bugle.html"][:4] == ("html", "Stadium deal collapses at the last minute", "Metro Bugle",
                                      ["Kit Harlan"])
    assert rows["meridian.txt"][:3] == ("html", "Grain Exporters Brace for a Slower Season", "The Daily Meridian")
    assert rows["old-mac.txt"] == ("text", "Council backs budget", "Valley Times", ["Jo Park"], "Jo Park")
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        (sources,) = con.execute("select metadata_sources from documents where source_path = 'old-mac.txt'").fetchone()
    assert json.loads(sources)["published"] == "ingestion"  # no date anywhere: the ingestion day, said so
    assert claims and all(text == span for text, span in claims)  # spans index the stored text


FEED = [
    {"title": "Port strike ends after nine days", "text": "Dock workers voted on Friday to end the strike, "
     "union leader Sam Okafor said.\n\nShips began unloading within the hour.", "author": "Rui Alves",
     "publisher": "Harbor Wire", "published": "2024-03-10T01:15:00-05:00", "url": "https://wire.example/1"},
    "not json at all",
    {"title": "No text here", "author": "Nobody"},
    {"headline": "Bridge reopens", "content_html": (FIXTURES / "tabloid_meta.html").read_text(encoding="utf-8"),
     "source": "Harbor Wire", "date_published": "2024-03-11"},
]


def test_json_lines_feed_one_article_per_line(settings):
    lines = [json.dumps(item) if isinstance(item, dict) else item for item in FEED]
    (settings.seeds_dir / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_folder(settings, now=datetime(2025, 1, 1, tzinfo=UTC))
    assert len(report.loaded) == 2
    assert sorted((r.path, r.reason) for r in report.rejected) == [("wire.jsonl#L2", "bad_feed_item"),
                                                                   ("wire.jsonl#L3", "bad_feed_item")]
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        docs = {r[0]: r[1:] for r in con.execute(
            "select source_path, format, title, publisher, authors, published_at, url, original_text, "
            "metadata_sources from documents").fetchall()}
        files = con.execute("select path, status from files").fetchall()
        claims = con.execute("select claims.text, substr(original_text, start_char + 1, end_char - start_char) "
                             "from claims join documents using (document_id)").fetchall()
    first = docs["wire.jsonl#L1"]
    assert first[:6] == ("feed", "Port strike ends after nine days", "Harbor Wire", ["Rui Alves"],
                         datetime(2024, 3, 10, 6, 15, tzinfo=UTC), "https://wire.example/1")
    assert first[6].startswith("Port strike ends after nine days\n\nDock workers voted on Friday")
    assert json.loads(first[7])["published"] == "feed"
    html_item = docs["wire.jsonl#L4"]
    assert html_item[:3] == ("html", "Bridge reopens", "Harbor Wire")  # the feed's own fields outrank the page's
    assert "Deputy mayor Rosa Quell" in html_item[6]
    assert files == [("wire.jsonl", "loaded")]
    assert claims and all(text == span for text, span in claims)
    rerun = ingest_folder(settings)
    assert rerun.loaded == [] and rerun.unchanged == 1
