"""The daily summary as a Slack Block Kit message: the lead only, pure functions, no network.

Top stories, up to five quotes by the most prominent actors, poll moves and newcomers, a link to the full
report and a status line: at most ``MAX_BLOCKS`` blocks and ``MAX_VISIBLE_CHARS`` characters of text, so
it reads at a glance. Reader comments never appear. All text from articles is escaped for mrkdwn
(``&``, ``<``, ``>``) so an article cannot ping ``<!channel>`` or smuggle in a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .lead import lead_quote
from .model import DailySummary, QuoteGroup
from .render import (
    LEAD_NEWCOMERS,
    LEAD_STORIES,
    empty_day_text,
    headline,
    newcomer_line,
    poll_move_lines,
    story_line,
    validation_line,
)
from .safe_text import article_text

MAX_BLOCKS = 15
MAX_VISIBLE_CHARS = 3000  # all text of the blocks together (Slack allows 3,000 a section; we keep the message short)
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
TEXT_LIMIT = 300  # the notification fallback
MAX_QUOTES = 5
HEADLINE_CHARS = 110
QUOTE_CHARS = 200
SENTENCE_CHARS = 140


@dataclass
class SlackMessage:
    """What to post: the notification text, the blocks and the metadata that identifies the post."""

    text: str
    blocks: list[dict]
    metadata: dict = field(default_factory=dict)


def escape_mrkdwn(text: object) -> str:
    """Slack's three control characters as entities; nothing else needs escaping."""
    return article_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str | None, limit: int) -> str:
    """Whitespace collapsed, cut at a word boundary with an ellipsis when longer than ``limit``."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def excerpt_around(text: str, needle: str, limit: int) -> str:
    """At most ``limit`` characters of ``text`` that show ``needle`` (cut at word boundaries, with ellipses)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    at = text.lower().find(needle.lower()) if needle else -1
    if at < limit // 2:
        return shorten(text, limit)
    start = max(0, min(at - limit // 3, len(text) - limit + 1))
    space = text.find(" ", start)
    start = space + 1 if 0 <= space < at else start
    return "…" + shorten(text[start:], limit - 1)


def fit_lines(lines: Sequence[str], limit: int = SECTION_LIMIT, max_items: int | None = None,
              more: str = "…and {n} more") -> str:
    """Join as many lines as fit in ``limit`` characters (and ``max_items``), then "and N more"."""
    kept: list[str] = []
    reserve = len(more.format(n=len(lines))) + 1
    for i, line in enumerate(lines):
        if max_items is not None and i >= max_items:
            break
        if len("\n".join([*kept, line])) + reserve > limit:
            break
        kept.append(line[: limit - reserve] if not kept and len(line) + reserve > limit else line)
    rest = len(lines) - len(kept)
    if rest:
        kept.append(more.format(n=rest))
    return "\n".join(kept)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT], "verbatim": True}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_LIMIT], "verbatim": True}]}


def block_texts(blocks: Sequence[dict]) -> list[str]:
    """Every text a reader sees in ``blocks`` (headers, sections, context elements, buttons)."""
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text")
            out.append(text["text"] if isinstance(text, dict) else text or "")
    return out


def visible_chars(blocks: Sequence[dict]) -> int:
    """Characters of text in ``blocks`` (a link's address counts too: an upper bound of what shows)."""
    return sum(len(text) for text in block_texts(blocks))


def _source(title: str | None) -> str:
    return f"_{escape_mrkdwn(shorten(title, 40))}_" if title else ""


def top_quotes(summary: DailySummary, limit: int = MAX_QUOTES) -> list[tuple[str, str, QuoteGroup]]:
    """(actor, role, quote) for the most prominent named actors with claims: one each, direct quotes first."""
    out = []
    for group in summary.actor_claims:
        if len(out) >= limit:
            break
        quote = lead_quote(group) if group.named else None
        if quote is not None:
            out.append((group.name, group.role_text, quote))
    return out


def _lead_sections(summary: DailySummary, quote_chars: int) -> list[dict]:
    stories = []
    for story in summary.stories[:LEAD_STORIES]:
        stories.append(f"• *{escape_mrkdwn(shorten(story.headline, HEADLINE_CHARS))}*\n"
                       f"   {escape_mrkdwn(shorten(story_line(story), 120))}")
    more = len(summary.stories) - LEAD_STORIES
    if more > 0:
        stories.append(f"…and {more} more stories in the full report")
    blocks = [_section("*Top stories*\n" + "\n".join(stories))]

    quotes = []
    for name, role, group in top_quotes(summary):
        who = escape_mrkdwn(shorten(name, 40)) + (f" ({escape_mrkdwn(shorten(role, 40))})" if role else "")
        said = "" if group.claim.kind == "direct" else "reported: "
        where = " ".join(part for part in (_source(group.claim.ref.publication),
                                            f"(+{group.also_in} more)" if group.also_in else "") if part)
        quotes.append(f"• *{who}*: {said}“{escape_mrkdwn(shorten(group.claim.text, quote_chars))}” {where}".rstrip())
    if quotes:
        blocks.append(_section("*Who said what*\n" + "\n".join(quotes)))

    moves = poll_move_lines(summary)
    if moves:
        blocks.append(_section("*Polls*\n" + "\n".join(f"• {escape_mrkdwn(shorten(m, 150))}" for m in moves)))

    newcomers = []
    for actor in summary.notable_actors[:LEAD_NEWCOMERS]:
        newcomers.append(f"• *{escape_mrkdwn(shorten(newcomer_line(actor), 80))}*: "
                         f"{escape_mrkdwn(excerpt_around(actor.sentence, actor.name, SENTENCE_CHARS))}")
    if newcomers:
        blocks.append(_section("*New in the news*\n" + "\n".join(newcomers)))
    return blocks


def build_message(summary: DailySummary, report_link: str | None = None, report_note: str | None = None,
                  metadata: dict | None = None) -> SlackMessage:
    """The Block Kit message for a day's summary: the lead only.

    ``report_link`` (a URL) becomes a link to the full report; otherwise ``report_note`` says where it is
    (e.g. attached in the thread).
    """
    day = summary.day.isoformat()
    header = {"type": "header", "text": {"type": "plain_text", "text": f"Daily briefing: {day}"[:HEADER_LIMIT],
                                         "emoji": False}}
    if report_link:
        report = _section(f"<{report_link}|Full report for {day}> (every claim, polls with charts, sources)")
    else:
        report = _section(escape_mrkdwn(report_note or f"Full report: reports/{day}.html"))
    status = _context(escape_mrkdwn(f"{headline(summary)}. {validation_line(summary)}"))
    if summary.is_empty:
        blocks = [header, _section(escape_mrkdwn(empty_day_text(summary))), status]
        return SlackMessage(text=escape_mrkdwn(empty_day_text(summary)), blocks=blocks, metadata=metadata or {})

    quote_chars = QUOTE_CHARS
    while True:
        blocks = [header, *_lead_sections(summary, quote_chars), {"type": "divider"}, report, status]
        if visible_chars(blocks) <= MAX_VISIBLE_CHARS or quote_chars <= 40:
            break
        quote_chars -= 40
    while visible_chars(blocks) > MAX_VISIBLE_CHARS:  # still too long: cut the longest section
        longest = max(range(1, len(blocks) - 3), key=lambda i: len(blocks[i]["text"]["text"]))
        text = blocks[longest]["text"]["text"]
        blocks[longest] = _section(text[: len(text) - (visible_chars(blocks) - MAX_VISIBLE_CHARS) - 1] + "…")
    top = summary.stories[0].headline if summary.stories else ""
    text = shorten(f"Daily briefing {day}: {top}", TEXT_LIMIT)
    return SlackMessage(text=escape_mrkdwn(text), blocks=blocks[:MAX_BLOCKS], metadata=metadata or {})
