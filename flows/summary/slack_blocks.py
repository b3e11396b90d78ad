"""The daily summary as a Slack Block Kit message: pure functions, no network.

Within Slack's limits (50 blocks a message, 3,000 characters a section, 150 a header): long lists end
in "and N more" instead of failing. All text from articles is escaped for mrkdwn (``&``, ``<``, ``>``)
so an article cannot ping ``<!channel>`` or smuggle in a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import DailySummary, PollItem
from .render import headline, validation_line
from .safe_text import article_text

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
TEXT_LIMIT = 3000  # the notification fallback
MAX_ACTORS = 10
MAX_SPEAKERS = 8
MAX_QUOTES_PER_SPEAKER = 3
MAX_POLLS = 10
QUOTE_CHARS = 180
SENTENCE_CHARS = 160


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


def _doc(title: str) -> str:
    return f"_{escape_mrkdwn(shorten(title, 80))}_"


def _poll_line(poll: PollItem) -> str:
    suffix = "%" if poll.unit == "percent" else " pts"
    what = escape_mrkdwn(shorten(poll.measure or "unspecified measure", 90))
    if poll.option:
        what += f" ({escape_mrkdwn(shorten(poll.option, 40))})"
    if poll.change is None:
        change = "first figure"
    else:
        change = f"{poll.change:+g} pts vs {poll.previous_value:g}{suffix}"
    pollster = escape_mrkdwn(poll.pollster or "unknown pollster")
    return f"• *{poll.value:g}{suffix}* {pollster}: {what} ({change}) · {_doc(poll.ref.title)}"


def build_message(summary: DailySummary, report_link: str | None = None, report_note: str | None = None,
                  metadata: dict | None = None) -> SlackMessage:
    """The Block Kit message for a day's summary.

    ``report_link`` (a URL) becomes a link to the full report; otherwise ``report_note`` says where it is
    (e.g. attached in the thread).
    """
    day = summary.day.isoformat()
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Daily briefing: {day}"[:HEADER_LIMIT],
                                    "emoji": False}},
        _section(escape_mrkdwn(headline(summary)) + ".\n" + escape_mrkdwn(validation_line(summary))),
        {"type": "divider"},
    ]

    actor_lines = []
    for actor in summary.new_actors:
        role = f" ({escape_mrkdwn(shorten(actor.role_text, 80))})" if actor.role_text else ""
        actor_lines.append(f"• *{escape_mrkdwn(shorten(actor.name, 80))}*{role}: "
                           f"“{escape_mrkdwn(excerpt_around(actor.sentence, actor.name, SENTENCE_CHARS))}” · "
                           f"{_doc(actor.ref.title)}")
    title = f"*New actors* ({len(summary.new_actors)})\n"
    blocks.append(_section(title + (fit_lines(actor_lines, SECTION_LIMIT - len(title), MAX_ACTORS,
                                              "…and {n} more new actors in the full report")
                                    if actor_lines else "None today.")))

    blocks.append(_section(f"*Claims* ({summary.claim_count} from {len(summary.claims)} speakers)"
                           + ("" if summary.claims else "\nNone today.")))
    for group in summary.claims[:MAX_SPEAKERS]:
        head = f"*{escape_mrkdwn(shorten(group.speaker, 100))}*\n"
        lines = [f"• “{escape_mrkdwn(shorten(claim.text, QUOTE_CHARS))}”"
                 + (f" ({escape_mrkdwn(shorten(claim.speaker_text, 40))})" if not group.named and claim.speaker_text
                    else "")
                 + f" · {_doc(claim.ref.title)}" for claim in group.claims]
        blocks.append(_section(head + fit_lines(lines, SECTION_LIMIT - len(head), MAX_QUOTES_PER_SPEAKER,
                                                "…and {n} more from this speaker")))
    if len(summary.claims) > MAX_SPEAKERS:
        rest = summary.claims[MAX_SPEAKERS:]
        blocks.append(_context(f"…and {len(rest)} more speakers ({sum(len(g.claims) for g in rest)} claims) "
                               "in the full report"))

    poll_lines = [_poll_line(poll) for poll in summary.polls]
    title = f"*Poll figures* ({len(summary.polls)})\n"
    blocks.append(_section(title + (fit_lines(poll_lines, SECTION_LIMIT - len(title), MAX_POLLS,
                                              "…and {n} more poll figures in the full report")
                                    if poll_lines else "None today.")))

    if summary.top_actors:
        top = ", ".join(f"{escape_mrkdwn(shorten(a.name, 40))} {a.mentions} ({a.change:+g})"
                        for a in summary.top_actors[:5])
        blocks.append(_context(f"Most mentioned (change against the previous 7 days' daily average): {top}"))

    blocks.append({"type": "divider"})
    if report_link:
        blocks.append(_section(f"<{report_link}|Full report for {day}> (charts, every claim, sources)"))
    else:
        blocks.append(_section(escape_mrkdwn(report_note or f"Full report: reports/{day}.html")))

    if len(blocks) > MAX_BLOCKS:
        dropped = len(blocks) - (MAX_BLOCKS - 1)
        blocks = blocks[: MAX_BLOCKS - 3] + [_context(f"…and {dropped} more blocks in the full report")] + blocks[-2:]
    text = shorten(f"Daily briefing {day}: {headline(summary)}", TEXT_LIMIT)
    return SlackMessage(text=escape_mrkdwn(text), blocks=blocks, metadata=metadata or {})
