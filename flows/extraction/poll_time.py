"""When a poll figure is about: its words ("Friday", "last week", "in 1998") as a date range.

Resolved against the article's publication date; unknown stays unknown (None). Weekday names
and "last week" look back from publication; month names and dates go through ``dateparser``
(preferring the past). Pure functions.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

DateRange = tuple[date, date]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3}


def _month_range(year: int, month: int) -> DateRange:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _last_month_named(month: int, published: date) -> int:
    """The year of the latest such month not after publication."""
    return published.year if month <= published.month else published.year - 1


def resolve_when(text: str | None, published: date | None) -> DateRange | None:
    """The date range ``text`` speaks of, or None when it cannot be known."""
    if not text:
        return None
    words = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    words = re.sub(r"^(?:in|on|as of|since|from|during|over|by|earlier|the)\s+", "", words)
    year = re.fullmatch(r"(?:the\s+)?((?:19|20)\d\d)(?:\s+(?:race|election|campaign|cycle))?", words)
    if year:
        y = int(year.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    if published is None:
        return None
    if words in ("today", "now", "currently", "this morning", "tonight"):
        return published, published
    if words == "yesterday":
        day = published - timedelta(days=1)
        return day, day
    weekday = re.fullmatch(r"(?:last\s+|this\s+past\s+|this\s+)?(\w+?)(?:'s)?(?:\s+\w+)?", words)
    if weekday and weekday.group(1) in _WEEKDAYS:
        back = (published.weekday() - _WEEKDAYS[weekday.group(1)]) % 7
        if words.startswith("last ") and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return day, day
    rel = re.fullmatch(r"(this|last|past|previous)\s+(week|month|year|weekend)", words)
    if rel:
        which, unit = rel.groups()
        if unit in ("week", "weekend"):
            monday = published - timedelta(days=published.weekday())
            if which != "this":
                monday -= timedelta(days=7)
            if unit == "weekend":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, min(monday + timedelta(days=6), published) if which == "this" else monday + timedelta(days=6)
        if unit == "month":
            y, m = published.year, published.month
            if which != "this":
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            return _month_range(y, m)
        y = published.year - (0 if which == "this" else 1)
        return date(y, 1, 1), date(y, 12, 31)
    ago = re.fullmatch(r"(a|an|one|two|three|four|five|six|several|\d+)\s+(day|week|month|year)s?\s+ago", words)
    if ago:
        n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS[ago.group(1)]
        centre = published - timedelta(days=n * _UNITS[ago.group(2)])
        slack = timedelta(days={"day": 0, "week": 3, "month": 7, "year": 30}[ago.group(2)])
        return centre - slack, min(centre + slack, published)
    past = re.fullmatch(r"(?:the\s+)?past\s+(two|three|four|five|six|several|\d+)\s+(day|week|month)s", words)
    if past:
        n = int(past.group(1)) if past.group(1).isdigit() else _NUMBERS[past.group(1)]
        return published - timedelta(days=n * _UNITS[past.group(2)]), published
    part = re.fullmatch(r"(early|mid|late)[- ]?(\w+)\.?(?:\s+((?:19|20)\d\d))?", words)
    if part and part.group(2) in _MONTHS:
        m = _MONTHS[part.group(2)]
        y = int(part.group(3)) if part.group(3) else _last_month_named(m, published)
        first, last = _month_range(y, m)
        third = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part.group(1)]
        return date(y, m, third[0]), date(y, m, third[1])
    month = re.fullmatch(r"(\w+)\.?(?:\s+((?:19|20)\d\d))?", words)
    if month and month.group(1) in _MONTHS:
        m = _MONTHS[month.group(1)]
        y = int(month.group(2)) if month.group(2) else _last_month_named(m, published)
        return _month_range(y, m)
    span = re.fullmatch(r"(\w+)\.?\s+(\d{1,2})\s*(?:to|-|–|through)\s*(?:(\w+)\.?\s+)?(\d{1,2})", words)
    if span and span.group(1) in _MONTHS and (span.group(3) is None or span.group(3) in _MONTHS):
        m1 = _MONTHS[span.group(1)]
        m2 = _MONTHS[span.group(3)] if span.group(3) else m1
        y = _last_month_named(m1, published)
        try:
            return date(y, m1, int(span.group(2))), date(y, m2, int(span.group(4)))
        except ValueError:
            return None
    if re.search(r"\d|" + "|".join(_MONTHS), words):
        return _dateparser_day(words, published)
    return None


def _dateparser_day(words: str, published: date) -> DateRange | None:
    """An explicit date ("Sept. 19", "August 3, 2016") through dateparser, preferring the past."""
    import dateparser

    base = datetime(published.year, published.month, published.day, 12)
    found = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["month"],
            "STRICT_PARSING": False,
        },
    )
    if found is None:
        return None
    day = found.date()
    return day, day


_PAST_WORDS = re.compile(
    r"\b(?:in|since|during|back\s+in)\s+(?:the\s+)?((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+(?:race|election|campaign|"
    r"poll|survey|exit\s+polls?)\b|\b(?:previous|prior|last|earlier|former)\s+(?:poll|survey|month['’]s\s+poll)\b|"
    r"\b(?:a|one|two|three|four|five|six|several|\d+)\s+(?:years?|months?|weeks?)\s+(?:ago|earlier|before)\b|"
    r"\bused\s+to\b|\bat\s+the\s+(?:time|end\s+of)\b|\bin\s+(?:his|her)\s+(?:first|second)\s+term\b",
    re.IGNORECASE,
)


def is_historical(clause: str, published: date | None, when: DateRange | None) -> bool:
    """The figure describes an earlier time than the article's poll ("in 1998", "in the last poll")."""
    if when is not None and published is not None and when[1] < published - timedelta(days=45):
        return True
    for m in _PAST_WORDS.finditer(clause):
        year = m.group(1) or m.group(2)
        if year is None:
            return True
        if published is None or int(year) < published.year:
            return True
    return False
