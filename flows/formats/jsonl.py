"""A JSON Lines feed: one article per line, its text in a field, its metadata in the others. Pure.

Each item becomes its own stored text (the title, a blank line, then the text; HTML content goes through
the HTML path), so every span indexes that item's text; the item's identity is the hash of its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..metadata import Candidate, mapped_fields

FEED_SUFFIXES = (".jsonl", ".ndjson")
TEXT_KEYS = ("text", "content", "body", "articleBody", "content_text", "content_html", "html")


@dataclass(frozen=True)
class FeedItem:
    """One line of a feed: its 1-based line number, raw line, article text and metadata candidate."""

    line: int
    raw: str
    text: str
    candidate: Candidate


@dataclass(frozen=True)
class FeedProblem:
    """A line that is no article: not JSON, not an object, or without text."""

    line: int
    message: str


def is_feed_name(path: str) -> bool:
    return path.lower().endswith(FEED_SUFFIXES)


def feed_items(text: str) -> tuple[list[FeedItem], list[FeedProblem]]:
    """The articles of a feed and the lines that are none (blank lines are skipped silently)."""
    items: list[FeedItem] = []
    problems: list[FeedProblem] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            problems.append(FeedProblem(number, f"line {number} is not JSON: {exc}"))
            continue
        if not isinstance(value, dict):
            problems.append(FeedProblem(number, f"line {number} is JSON but not an object"))
            continue
        body = next((value[k] for k in TEXT_KEYS if isinstance(value.get(k), str) and value[k].strip()), None)
        if body is None:
            problems.append(FeedProblem(number, f"line {number} has no article text (none of {', '.join(TEXT_KEYS)})"))
            continue
        items.append(FeedItem(number, line, body, Candidate("feed", mapped_fields(value))))
    return items, problems


def stored_text(title: str | None, body: str) -> str:
    """The text kept for a plain-text item: its title as a headline line, then the body."""
    body = body.strip("\n")
    return f"{' '.join(title.split())}\n\n{body}\n" if title else body + "\n"
