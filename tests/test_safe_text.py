"""Article text reaching every renderer is inert: no mathtext, no direction controls, no live links, exact
code spans. Renders real charts (matplotlib) and real Markdown (mistune with its bare-URL plugin)."""

from __future__ import annotations

from datetime import date

import mistune

from flows.summary import charts, lead
from flows.summary.model import DocumentRef, PollPoint, TopActor
from flows.summary.render import render_html, render_markdown
from flows.summary.safe_text import chart_label, md_code, unlinked, without_direction_controls
from flows.summary.slack_blocks import block_texts as _texts
from flows.summary.slack_blocks import build_message

from .invented_day import ACTOR_ROWS, invented_summary

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MATH = "Costs $5 and $x^{2}$ \\nosuchmacro $ unbalanced, $x^^$"  # matplotlib mathtext raises on these
URLS = "see https://evil.example/x, www.evil.example and mail boss@evil.example"


def hostile_summary():
    """The invented day with hostile text in names, quotes, pollsters, titles and file names."""
    summary = invented_summary()
    summary.new_actors[0].name = f"Sergei {RLO}voral{CONTROLS}"
    summary.new_actors[0].sentence = f"He said {URLS} {RLO}txt.exe"
    summary.claims[0].claims[0].text = f"{URLS} and {MATH}"
    summary.polls[0].pollster = f"Levada {MATH}"
    summary.polls[0].measure = f"_hidden {MATH}"
    summary.sources[0].documents[0] = DocumentRef("1" * 64, f"Title {URLS}", "my_file `x` \\y.txt")
    summary.poll_history = [PollPoint(f"Levada {MATH}", f"_hidden {MATH}", "percent", date(2024, 3, d), 50.0 + d,
                                      "1" * 64) for d in (1, 2)]
    summary.top_actors = [TopActor("a1", f"{MATH} {RLO}x", "person", 3, 1, 2, 0.3, 2.7)]
    return lead.add_lead(summary, ACTOR_ROWS)  # the lead's parts again, from the hostile text


def test_charts_draw_dollar_signs_literally_and_keep_every_label():
    summary = hostile_summary()
    svg = charts.poll_chart_svg(summary.poll_history)
    png = charts.top_actors_png(summary.top_actors)
    assert svg and png and png.startswith(b"\x89PNG")
    assert "$x^{2}$" in svg and "\\nosuchmacro" in svg  # the text as written, not typeset
    assert "_hidden" in svg  # a leading underscore does not hide the legend entry
    assert RLO not in svg
    assert charts.top_actors_svg(summary.top_actors)


def test_direction_controls_reach_no_renderer():
    summary = hostile_summary()
    outputs = [render_markdown(summary, source_base="../seeds"), render_html(summary, source_base="../seeds"),
               *_texts(build_message(summary).blocks), build_message(summary).text]
    for text in outputs:
        assert not any(ch in text for ch in CONTROLS), text[:200]
    assert "Sergei voral" in render_markdown(summary)


def test_bare_urls_and_addresses_are_no_links_in_markdown_or_slack():
    summary = hostile_summary()
    markdown = render_markdown(summary, source_base="../seeds")
    html = mistune.create_markdown(plugins=["url", "table"])(markdown)
    assert "evil.example" in html and 'href="https://evil' not in html and 'href="http://www.evil' not in html
    assert "mailto:" not in html
    control = mistune.create_markdown(plugins=["url"])("see https://evil.example/x")
    assert 'href="https://evil.example/x"' in control  # the renderer does link a bare URL left as it is
    message = build_message(summary)
    sections = [b["text"] for b in message.blocks if "text" in b] + [
        e for b in message.blocks for e in b.get("elements", [])]
    mrkdwn = [text for text in sections if text["type"] == "mrkdwn"]
    assert mrkdwn and all(text.get("verbatim") is True for text in mrkdwn)  # Slack: no auto-linking
    assert all("https://" not in t for t in _texts(message.blocks) if "evil" in t)


def test_markdown_code_spans_show_names_exactly():
    markdown = render_markdown(hostile_summary(), source_base="../seeds")
    html = mistune.create_markdown()(markdown)
    assert "<code>my_file `x` \\y.txt</code>" in html
    assert md_code("a``b") == "```a``b```" and md_code("`x`") == "`` `x` ``"
    assert md_code("line\nbreak") == "`line break`"


def test_helpers_on_one_line_texts():
    assert without_direction_controls(f"a{RLO}b\u2066c") == "abc"
    assert unlinked("https://x.org") == "https\u2060://x.org" and unlinked("www.x.org") == "www\u2060.x.org"
    assert unlinked("a@b.org") == "a@\u2060b.org" and unlinked("plain words: fine") == "plain words: fine"
    assert chart_label("_x") == "\u200b_x" and chart_label("$5") == "$5"
