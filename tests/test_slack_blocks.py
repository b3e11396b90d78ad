"""Slack Block Kit message: escaping of article text, Slack's limits, and a golden file."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from flows.summary.model import ClaimItem, DailySummary, DocumentRef, NewActor, PollItem, SourceGroup, SpeakerClaims
from flows.summary.slack_blocks import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    SECTION_LIMIT,
    build_message,
    escape_mrkdwn,
    fit_lines,
)

GOLDEN = Path(__file__).parent / "golden" / "slack_blocks.json"
DAY = date(2024, 3, 2)


def _ref(n: int = 1, title: str = "Day two") -> DocumentRef:
    return DocumentRef(f"{n:064d}", title, f"{n}.txt", 10, 20)


def small_summary() -> DailySummary:
    return DailySummary(
        day=DAY, timezone="UTC",
        sources=[SourceGroup("The Daily", [_ref()])],
        new_actors=[NewActor("lavrov", "Sergei Lavrov", "person", ["Foreign Minister"], "Russia",
                             "Sergei Lavrov, the Foreign Minister, agreed.", 1, _ref())],
        claims=[SpeakerClaims("Sergei Lavrov", True, [ClaimItem("c2", "indirect", "agreed", "peace & <quiet>",
                                                                _ref())])],
        polls=[PollItem("p2", 52.0, "percent", "Levada Center", None, "support", None, "this week", _ref(),
                        previous_value=55.0, previous_ref=_ref(0, "Day one"), change=-3.0)],
    )


def _texts(blocks: list[dict]) -> list[str]:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            out.append(element["text"])
    return out


def test_escape_mrkdwn():
    assert escape_mrkdwn("<!channel> & <https://evil.example|click>") == \
        "&lt;!channel&gt; &amp; &lt;https\u2060://evil.example|click&gt;"


def test_blocks_match_golden_file():
    message = build_message(small_summary(), report_note="Full report with charts: 2024-03-02.html, attached.")
    got = {"text": message.text, "blocks": message.blocks}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text())


def test_article_text_cannot_ping_or_link():
    evil = "<!channel> <!here> <@U123> <https://evil.example|totally safe>"
    summary = small_summary()
    summary.new_actors[0].name = evil
    summary.new_actors[0].sentence = evil
    summary.claims[0].speaker = evil
    summary.claims[0].claims[0].text = evil
    summary.polls[0].pollster = evil
    summary.sources[0].documents[0] = DocumentRef("1" * 64, evil, "x.txt")
    summary.claims[0].claims[0].ref = DocumentRef("1" * 64, evil, "x.txt")
    message = build_message(summary)
    for text in [*_texts(message.blocks), message.text]:
        assert "<!" not in text and "<@" not in text and "<http" not in text, text
    assert any("&lt;!channel&gt;" in t for t in _texts(message.blocks))


def test_limits_hold_with_and_n_more():
    long = "word " * 2000
    summary = DailySummary(
        day=DAY, timezone="UTC",
        sources=[SourceGroup("S", [_ref(i) for i in range(300)])],
        new_actors=[NewActor(f"a{i}", f"Actor {i} " + "x" * 300, "person", ["r" * 500], None, long, 1, _ref(i))
                    for i in range(500)],
        claims=[SpeakerClaims(f"Speaker {i} " + "y" * 300, True,
                              [ClaimItem(f"c{i}{j}", "direct", None, long, _ref(i)) for j in range(20)])
                for i in range(100)],
        polls=[PollItem(f"p{i}", 40.0, "percent", "P" * 400, None, long, None, None, _ref(i)) for i in range(200)],
    )
    message = build_message(summary, report_link="https://reports.example/2024-03-02.html")
    assert len(message.blocks) <= MAX_BLOCKS
    assert len(message.blocks[0]["text"]["text"]) <= HEADER_LIMIT
    assert all(len(t) <= SECTION_LIMIT for t in _texts(message.blocks))
    texts = "\n".join(_texts(message.blocks))
    assert "…and 492 more new actors in the full report" in texts
    assert "…and 92 more speakers" in texts
    assert "…and 195 more poll figures in the full report" in texts
    assert "…and 17 more from this speaker" in texts
    assert "<https://reports.example/2024-03-02.html|Full report for 2024-03-02>" in texts


def test_fit_lines_says_how_many_are_left_out():
    assert fit_lines(["a", "b", "c"], max_items=2) == "a\nb\n…and 1 more"
    assert fit_lines(["x" * 60] * 10, limit=200).endswith("…and 7 more")
    assert len(fit_lines(["x" * 5000], limit=300)) <= 300
