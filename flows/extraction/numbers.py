"""Numbers as news text writes them: "52 percent", "52%", "five percentage points", "six in 10".

Pure functions over text. ``find_figures`` is one precompiled regex pass that yields every
percentage, point figure, "N in 10" share and read-out answer ("Forty-three, yes") with its value
and span; deciding whether a figure is a poll result is left to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(sorted(_TENS, key=len, reverse=True))
# "forty-three", "forty three", "twelve", "a hundred"/"one hundred"
WORD_NUMBER = (
    rf"(?:(?:{_TEN_WORDS})(?:[\s-](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS})|(?:one|a)[\s-]hundred)"
)
DIGIT_NUMBER = r"\d{1,3}(?:\.\d+)?"
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"

_NUMBER_RE = re.compile(rf"^(?:{DIGIT_NUMBER}|{WORD_NUMBER})$", re.IGNORECASE)


def parse_number(token: str) -> float | None:
    """'52' -> 52.0, '4.3' -> 4.3, 'Forty-three' -> 43.0, 'ten' -> 10.0, 'a hundred' -> 100.0."""
    word = token.strip().lower().replace("\u00a0", " ")
    if not word:
        return None
    try:
        return float(word.replace(",", ""))
    except ValueError:
        pass
    word = re.sub(r"[\s-]+", " ", word)
    if word in ("a hundred", "one hundred", "hundred"):
        return 100.0
    parts = word.split(" ")
    if len(parts) == 1:
        if parts[0] in _UNITS:
            return float(_UNITS[parts[0]])
        if parts[0] in _TENS:
            return float(_TENS[parts[0]])
        return None
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return float(_TENS[parts[0]] + _UNITS[parts[1]])
    return None


def parse_fraction(phrase: str) -> float | None:
    """'two-thirds' -> 66.7, 'one in five' -> 20.0, 'six in 10' -> 60.0, 'eight out of ten' -> 80.0."""
    words = re.sub(r"[\s-]+", " ", phrase.strip().lower()).split(" ")
    if len(words) == 2 and words[1] in _FRACTIONS:
        top = 1.0 if words[0] in ("a", "one") else parse_number(words[0])
        if top is None:
            return None
        return round(100.0 * top / _FRACTIONS[words[1]], 1)
    match = re.fullmatch(rf"({NUMBER}) (?:in|of|out of) ({NUMBER})", " ".join(words))
    if match:
        top, bottom = parse_number(match.group(1)), parse_number(match.group(2))
        if top is None or not bottom or top > bottom:
            return None
        return round(100.0 * top / bottom, 1)
    return None


@dataclass(frozen=True)
class Figure:
    """A number with its unit as found in the text: value, 'percent' or 'points', and its span."""

    value: float
    unit: str  # "percent" | "points"
    start: int
    end: int
    form: str  # "unit" | "ratio" | "answer" | "range"
    number_end: int  # end of the bare number (before its unit)


_PERCENT = r"(?:\s?%|[\s-]?(?:percent|per\s?cent|pct)\b)"
_POINTS = r"(?:[\s-](?:percentage|percent)[\s-]points?\b|[\s-]points?\b|[\s-]?pts?\b\.?)"
_RATIO_BASE = r"(?:10|ten|5|five|4|four|3|three|100)"

_FIGURE_RE = re.compile(
    rf"""
    (?<![\w.,$€£/])
    (?:
        (?P<ratio>(?P<top>{NUMBER})\s(?:in|of|out\sof)\s(?P<base>{_RATIO_BASE}))(?!\d|[.,]\d|\s?%|\s?per)
      | (?P<pair_a>{DIGIT_NUMBER})(?:\s?(?:to|-|–)\s?)(?=(?P<pair_b>{DIGIT_NUMBER})(?P<pair_u>{_PERCENT}|{_POINTS}))
      | (?P<num>{NUMBER})(?:(?P<pct>{_PERCENT})|(?P<pts>{_POINTS}))
      | (?P<answer>{NUMBER}),\s(?P<reply>yes|no|not\ssure|don['’]t\sknow|undecided)\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def find_figures(text: str) -> Iterator[Figure]:
    """Every percentage, point figure, 'N in 10' share and read-out answer in the text, in order."""
    for m in _FIGURE_RE.finditer(text):
        if m.group("ratio"):
            value = parse_fraction(m.group("ratio"))
            if value is not None:
                yield Figure(value, "percent", m.start(), m.end(), "ratio", m.end("top"))
        elif m.group("pair_a"):
            value = parse_number(m.group("pair_a"))
            unit = "percent" if re.match(_PERCENT, m.group("pair_u"), re.IGNORECASE) else "points"
            if value is not None:
                yield Figure(value, unit, m.start(), m.end("pair_a"), "range", m.end("pair_a"))
        elif m.group("num"):
            value = parse_number(m.group("num"))
            if value is None:
                continue
            unit = "percent" if m.group("pct") else "points"
            yield Figure(value, unit, m.start(), m.end(), "unit", m.end("num"))
        else:
            value = parse_number(m.group("answer"))
            if value is not None:
                yield Figure(value, "percent", m.start(), m.end("answer"), "answer", m.end("answer"))
