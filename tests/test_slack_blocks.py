"""Slack Block Kit message: the lead only, escaping of article text, the message's limits, a golden file."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from flows.summary import lead
from flows.summary.model import ClaimItem, DailySummary, DocumentRef, NewActor, PollItem, SourceGroup, SpeakerClaims
from flows.summary.slack_blocks import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    MAX_VISIBLE_CHARS,
    block_texts,
    build_message,
    escape_mrkdwn,
    fit_lines,
    visible_chars,
)
from tests.invented_day import invented_summary

GOLDEN = Path(__file__).parent / "golden" / "slack_blocks.json"
DAY = date(2024, 3, 2)
LINK = "https://reports.example/2024-03-02.html"


def assert_within_limits(blocks: list[dict]) -> None:
    assert len(blocks) <= MAX_BLOCKS, f"{len(blocks)} blocks"
    assert visible_chars(blocks) <= MAX_VISIBLE_CHARS, f"{visible_chars(blocks)} visible characters"
    assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= HEADER_LIMIT


def test_escape_mrkdwn():
    assert escape_mrkdwn("<!channel> & <https://evil.example|click>") == \
        "&lt;!channel&gt; &amp; &lt;https\u2060://evil.example|click&gt;"


def test_blocks_match_golden_file():
    message = build_message(invented_summary(), report_link=LINK)
    got = {"text": message.text, "blocks": message.blocks}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text())
    assert_within_limits(message.blocks)


def test_the_lead_only_and_never_reader_comments():
    message = build_message(invented_summary(), report_link=LINK)
    text = "\n".join(block_texts(message.blocks))
    assert "*Top stories*" in text and "Water bill passes after a long night" in text
    assert "Harbor strike enters its second week" in text and "Poll: Okafor leads the race" in text
    # the most prominent actors' quotes, one each, direct quotes first; the unnamed sources not at all
    said = text[text.index("*Who said what*"):]
    assert said.index("Maria Okafor") < said.index("Lena Hart") < said.index("Tom Reyes") < said.index("Alan Pike")
    assert "“This bill brings clean water to every town.” _The Harbor Times_ (+1 more)" in said
    assert "Tom Reyes*: reported: “the vote was rushed" in said
    assert "no ships were diverted" not in text
    assert "Ledger/Marist: Okafor 48% (+3 vs 45%)" in text
    assert "Lena Hart (spokeswoman, Dockworkers Union)" in text and "Carla Voss" not in text
    assert "greedy" not in text and "jb77" not in text  # reader comments are never in Slack
    assert f"<{LINK}|Full report for 2024-03-02>" in text


def test_article_text_cannot_ping_or_link():
    evil = "<!channel> <!here> <@U123> <https://evil.example|totally safe>"
    summary = invented_summary()
    summary.stories[0].headline = evil
    summary.actor_claims[0].name = evil
    summary.actor_claims[0].quotes[0].claim.text = evil
    summary.new_actors[0].name = evil
    summary.new_actors[0].sentence = evil
    summary.polls[0].pollster = evil
    message = build_message(summary)
    for text in [*block_texts(message.blocks), message.text]:
        assert "<!" not in text and "<@" not in text and "<http" not in text, text
    assert any("&lt;!channel&gt;" in t for t in block_texts(message.blocks))


def _huge_day() -> DailySummary:
    long = "word " * 2000

    def ref(i: int) -> DocumentRef:
        return DocumentRef(f"{i:064d}", f"Title {i} " + "t" * 300, f"{i}.txt", 10, 20, "P" * 200, DAY)

    rows = [{"document_id": ref(i).document_id, "actor_id": f"a{i % 50}", "name": f"Actor {i % 50} " + "x" * 300,
             "kind": "person", "mentions": 3, "in_title": i % 7 == 0, "roles": ["r" * 300], "affiliation": None}
            for i in range(300)]
    claims = [ClaimItem(f"c{i}", "direct", None, f"{i} {long}", ref(i), None, f"Actor {i % 50}", f"a{i % 50}")
              for i in range(600)]
    summary = DailySummary(
        day=DAY, timezone="UTC", sources=[SourceGroup("S", [ref(i) for i in range(300)])],
        new_actors=[NewActor(f"a{i}", f"Actor {i} " + "x" * 300, "person", ["r" * 500], None, long, 3, ref(i),
                             quoted=True) for i in range(50)],
        claims=[SpeakerClaims("many", True, claims)],
        polls=[PollItem(f"p{i}", 40.0, "percent", "Q" * 400, None, long, "o" * 300, None, ref(i), 30.0, None,
                        None, 10.0) for i in range(200)],
    )
    return lead.add_lead(summary, rows)


def test_limits_hold_on_a_huge_day():
    message = build_message(_huge_day(), report_link=LINK)
    assert_within_limits(message.blocks)
    text = "\n".join(block_texts(message.blocks))
    assert "*Top stories*" in text and "*Who said what*" in text
    assert f"<{LINK}|Full report for 2024-03-02>" in text  # the link survives the cuts


def test_an_empty_day_is_one_short_message():
    message = build_message(DailySummary(day=DAY, timezone="UTC"), report_link=LINK)
    assert_within_limits(message.blocks)
    assert [b["type"] for b in message.blocks] == ["header", "section", "context"]
    assert message.blocks[1]["text"]["text"] == "No new documents on 2024-03-02."
    assert message.text == "No new documents on 2024-03-02."


def test_fit_lines_says_how_many_are_left_out():
    assert fit_lines(["a", "b", "c"], max_items=2) == "a\nb\n…and 1 more"
    assert fit_lines(["x" * 60] * 10, limit=200).endswith("…and 7 more")
    assert len(fit_lines(["x" * 5000], limit=300)) <= 300


def test_a_poll_that_did_not_move_is_no_poll_move():
    summary = invented_summary()
    summary.polls[1].change, summary.polls[1].value = 0.0, 43.0
    text = "\n".join(block_texts(build_message(summary).blocks))
    assert "Okafor 48% (+3 vs 45%)" in text and "Reyes" not in text[text.index("*Polls*"):]


def test_a_quote_of_a_few_words_never_leads():
    summary = invented_summary()
    okafor = next(group for group in summary.actor_claims if group.name == "Maria Okafor")
    for quote in okafor.quotes:  # only two-word claims left for her: she is not quoted in the lead
        quote.claim.text = "economic fairness"
    text = "\n".join(block_texts(build_message(summary).blocks))
    who = text[text.index("*Who said what*"):]
    assert "economic fairness" not in who and "Maria Okafor" not in who
    assert "Lena Hart" in who  # the others still lead
