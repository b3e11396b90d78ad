"""Document metadata (publisher, publication date-time, authors, title, URL, section) and where each came from.

Pure functions. Each source gives a ``Candidate`` (a sidecar ``NAME.json``, the article's own format, the
text, the file name); ``resolve_metadata`` keeps, field by field, the value of the most trusted source that
has a usable one, and records the source of each field and a warning for every value it had to pass over
(unparseable, future, conflicting). A field no source gives stays empty: the summaries then fall back to
the ingestion day for the date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePosixPath

# Most trusted first.
SOURCE_RANK = ("sidecar", "front_matter", "feed", "html", "text", "filename")  # a feed item's fields outrank its page
FIELDS = ("publisher", "published", "authors", "title", "url", "section")

DEFAULT_FILENAME_PATTERN = r"^(?P<publisher>[a-z0-9]+(?:-[a-z0-9]+)*)_(?P<published>\d{4}-\d{2}-\d{2})_(?P<slug>[^/]+)$"
DEFAULT_PUBLISHER_NAMES: dict[str, str] = {
    "breitbart": "Breitbart News",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}

# Sidecar and feed keys that mean a field (first present wins).
_KEYS: dict[str, tuple[str, ...]] = {
    "publisher": ("publisher", "source", "site_name", "publication", "site"),
    "published": ("published", "published_at", "date_published", "datePublished", "publication_date", "date",
                  "pubDate", "pub_date"),
    "authors": ("authors", "author", "byline", "creator"),
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "link"),
    "section": ("section", "articleSection", "category"),
}


class MetadataError(ValueError):
    """A metadata source that cannot be read at all (a sidecar that is not JSON)."""


@dataclass(frozen=True)
class Candidate:
    """What one source says about a document; values are raw (strings, lists) until resolved."""

    source: str
    fields: Mapping[str, object]


@dataclass
class DocumentMetadata:
    """Resolved metadata; ``sources`` names where each field came from, ``warnings`` what was passed over."""

    publisher: str | None = None
    published: date | None = None          # the publication day as the source states it
    published_at: datetime | None = None   # aware, when the source gives a time and a zone
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    section: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MetadataRules:
    """The configurable parts: the file-name pattern and the publisher display-name table."""

    filename_pattern: str = DEFAULT_FILENAME_PATTERN
    publisher_names: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PUBLISHER_NAMES))


# --------------------------------------------------------------------------- sources


def sidecar_candidate(data: bytes) -> Candidate:
    """Fields of a ``NAME.json`` sidecar. Raises MetadataError when it is not a JSON object."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MetadataError(f"sidecar is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise MetadataError(f"sidecar is JSON but not an object (a {type(value).__name__})")
    return Candidate("sidecar", mapped_fields(value))


def mapped_fields(item: Mapping[str, object]) -> dict[str, object]:
    """Our fields from a JSON object with the usual names (sidecars, JSON feed items)."""
    out: dict[str, object] = {}
    for name, keys in _KEYS.items():
        for key in keys:
            value = item.get(key)
            if isinstance(value, dict):  # {"name": ...} as in schema.org
                value = value.get("name")
            if value not in (None, "", []):
                out[name] = value
                break
    return out


def filename_candidate(path: str, pattern: str) -> Candidate:
    """Publisher and date from the file name (its stem, without folders), when the pattern matches."""
    stem = PurePosixPath(path).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    match = re.match(pattern, stem)
    if not match:
        return Candidate("filename", {})
    groups = {k: v for k, v in match.groupdict().items() if v and k in FIELDS}
    return Candidate("filename", groups)


def text_candidate(title: str | None, byline: str | None, publication: str | None,
                   published: date | None) -> Candidate:
    """What the parsed text states: headline, byline (author and publication), a dateline."""
    fields: dict[str, object] = {}
    if title:
        fields["title"] = title
    if byline:
        fields["authors"] = byline
    if publication:
        fields["publisher"] = publication
    if published:
        fields["published"] = published
    return Candidate("text", fields)


# --------------------------------------------------------------------------- values


def parse_published(value: object) -> tuple[date, datetime | None]:
    """A publication date or date-time: (its day, the aware moment when a time and zone are given).

    Accepts dates, datetimes, ISO 8601 strings (``Z`` too) and common written forms ("Sep 17, 2016").
    Raises ValueError when it reads as no date.
    """
    if isinstance(value, datetime):
        return value.date(), value if value.tzinfo else None
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text), None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        from dateutil import parser as dateutil_parser

        try:
            moment = dateutil_parser.parse(text, fuzzy=False)
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"not a date: {value!r}") from exc
        if not re.search(r"\d{1,2}:\d{2}", text):  # a written date with no time is a day
            return moment.date(), None
    return moment.date(), moment if moment.tzinfo else None


def _authors(value: object) -> list[str]:
    if isinstance(value, str):
        parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", re.sub(r"^\s*By\s+", "", value, flags=re.IGNORECASE))
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out += _authors(item.get("name") if isinstance(item, dict) else item)
        return out
    return []


def publisher_name(value: str, names: Mapping[str, str]) -> str:
    """The display name of a publisher key or name ('wash-post' -> 'The Washington Post')."""
    cleaned = " ".join(value.split())
    return names.get(cleaned, names.get(cleaned.lower(), cleaned))


# --------------------------------------------------------------------------- resolution


def resolve_metadata(candidates: Sequence[Candidate], rules: MetadataRules, now: datetime | None = None) -> (
        DocumentMetadata):
    """Field by field, the most trusted source's usable value; where each came from; what was passed over."""
    now = now or datetime.now(UTC)
    latest_day = (now + timedelta(days=1)).date()  # one day of slack for time zones ahead of ours
    ranked = sorted(candidates, key=lambda c: SOURCE_RANK.index(c.source) if c.source in SOURCE_RANK else 99)
    meta = DocumentMetadata()
    dates: list[tuple[str, date]] = []
    for candidate in ranked:
        for name, raw in candidate.fields.items():
            if name == "published":
                try:
                    day, moment = parse_published(raw)
                except ValueError:
                    meta.warnings.append(f"{candidate.source}: unparseable publication date {str(raw)[:80]!r}; ignored")
                    continue
                if day > latest_day:
                    meta.warnings.append(f"{candidate.source}: publication date {day} is in the future; ignored")
                    continue
                dates.append((candidate.source, day))
                if meta.published is None:
                    meta.published, meta.published_at = day, moment.astimezone(UTC) if moment else None
                    meta.sources["published"] = candidate.source
                continue
            if name in meta.sources:
                continue
            value = _field_value(name, raw, rules)
            if value in (None, "", []):
                continue
            setattr(meta, name, value)
            meta.sources[name] = candidate.source
    if meta.published is not None:
        kept = meta.sources["published"]
        for source, day in dates:
            if abs((day - meta.published).days) > 1:
                meta.warnings.append(f"conflicting publication dates: {kept} says {meta.published}, {source} says "
                                     f"{day}; kept {kept}")
    return meta


def _field_value(name: str, raw: object, rules: MetadataRules) -> object:
    if name == "authors":
        return _authors(raw)
    if not isinstance(raw, str):
        raw = str(raw) if isinstance(raw, int | float) else None
    if raw is None:
        return None
    value = " ".join(raw.split())
    if name == "publisher":
        return publisher_name(value, rules.publisher_names)
    return value
