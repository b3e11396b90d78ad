"""Article text made inert for every renderer: no direction controls, no live links, no math, exact code spans.

Pure functions shared by the Markdown/HTML report, the Slack blocks and the charts; each renderer still
escapes its own syntax (HTML entities, Markdown punctuation, Slack's ``&<>``) after these.
"""

from __future__ import annotations

import re

# Unicode direction controls (embeddings, overrides, isolates, marks): they reverse the text around them.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# An invisible character that breaks a URL scheme, 'www.' or an e-mail address for link detectors
# (GFM autolinks, markdown-it's linkify, Slack's unfurling) without changing what a reader sees.
WORD_JOINER = "\u2060"
_LINK_STARTS = re.compile(r"(?i)\b(https?|ftp|ftps|mailto|file|ssh|git|irc|tel|sms|javascript|data)(:)"
                          r"|\b(www)(\.)|(?<=\w)(@)(?=\w)")


def without_direction_controls(text: object) -> str:
    """The text with every Unicode direction control removed."""
    return DIRECTION_CONTROLS.sub("", "" if text is None else str(text))


def unlinked(text: object) -> str:
    """The text with bare URLs, 'www.' names and e-mail addresses broken for auto-linkers (a word joiner
    after the scheme, before the dot of 'www', after '@'); direction controls removed."""
    def joined(match: re.Match) -> str:
        parts = [part for part in match.groups() if part]
        return parts[0] + WORD_JOINER if len(parts) == 1 else WORD_JOINER.join(parts)

    return _LINK_STARTS.sub(joined, without_direction_controls(text))


def article_text(text: object) -> str:
    """What every renderer does first with article text: no direction controls, no live links."""
    return unlinked(text)


def chart_label(text: object) -> str:
    """A label for matplotlib (drawn with ``text.parse_math`` off, so ``$...$`` is literal): direction
    controls removed, and a leading underscore kept visible (matplotlib hides labels starting with '_')."""
    label = without_direction_controls(text)
    return "\u200b" + label if label.startswith("_") else label


def md_code(text: object) -> str:
    """A Markdown code span showing ``text`` exactly: a backtick fence longer than any run inside, padded
    when the text starts or ends with a backtick; nothing escaped (code spans show backslashes as they are)."""
    body = " ".join(without_direction_controls(text).splitlines())
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or (body.startswith(" ") and body.endswith(" ")) else ""
    return f"{fence}{pad}{body}{pad}{fence}"
