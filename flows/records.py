"""Rows for the database from a parsed, extracted article: pure functions, no I/O.

Actor linking across documents lives here too: a document's actors are matched to known actors
through normalised alias keys, so "Putin" tomorrow is the Vladimir Putin seen today.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .extraction.model import Actor, DocumentExtraction
from .extraction.names import canonical_key, given_name
from .intake import ArticleFile

_HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "the", "sir", "prof"}


def alias_key(name: str, kind: str) -> str:
    """Normalised form of an actor name for matching across documents (kind-qualified)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_name = re.sub(r"['’`]s\b", "", ascii_name)
    words = [w for w in re.sub(r"[^a-z0-9]+", " ", ascii_name).split() if w not in _HONORIFICS]
    return f"{kind}:{' '.join(words)}"


def surname_key(name: str) -> str:
    """Key under which a person is found by surname alone ("Assad" -> Bashar al-Assad)."""
    return "surname:" + canonical_key(name, "person").split(":", 1)[1]


def new_actor_id(name: str, kind: str) -> str:
    return hashlib.sha1(alias_key(name, kind).encode()).hexdigest()[:16]


def span_id(document_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{document_id}:{kind}:{start}:{end}".encode()).hexdigest()[:20]


@dataclass
class ActorLinks:
    """Which stored actor each document actor is, and the actors and aliases that are new."""

    actor_ids: list[str]
    new_actors: list[Actor] = field(default_factory=list)
    new_aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (alias, actor id)


def actor_keys(actor: Actor) -> dict[str, str]:
    """Every key an actor is stored under or may be found by, with the surface form it comes from."""
    surfaces = list(dict.fromkeys([actor.name, *actor.aliases]))
    keys = {alias_key(n, actor.kind): n for n in surfaces}
    keys = {k: n for k, n in keys.items() if not k.endswith(":")}
    if actor.kind == "person":
        keys[surname_key(actor.name)] = actor.name
    return keys


def link_actors(actors: list[Actor], known_aliases: Mapping[str, str]) -> ActorLinks:
    """Match each actor to a known actor id, else mint a new id.

    A person with a full name links only through that name, so "Bill Clinton" never joins the
    Hillary Clinton stored earlier; a person named here by surname alone ("Assad", "al-Assad")
    links through its own key, then through the surname of a full name stored earlier; an
    organisation or country links through any of its aliases. ``known_aliases`` maps alias key ->
    actor id; the keys learnt here are returned (the first actor to claim a key keeps it).
    """
    links = ActorLinks(actor_ids=[])
    seen: dict[str, str] = dict(known_aliases)
    minted: set[str] = set()
    for actor in actors:
        keys = actor_keys(actor)
        name_key = alias_key(actor.name, actor.kind)
        if actor.kind == "person":
            full_name = bool(given_name(actor.name))
            candidates = [name_key] if full_name else [name_key, surname_key(actor.name), *keys]
        else:
            candidates = [name_key, *keys]
        actor_id = next((seen[k] for k in candidates if k in seen), None)
        if actor_id is None:
            actor_id = new_actor_id(actor.name, actor.kind)
            if actor_id not in minted:
                minted.add(actor_id)
                links.new_actors.append(actor)
        for key, surface in keys.items():
            if key not in seen:
                seen[key] = actor_id
                links.new_aliases[key] = (surface, actor_id)
        links.actor_ids.append(actor_id)
    return links


def document_row(article: ArticleFile, ingested_at: datetime, extraction_error: str | None) -> dict:
    parsed, meta = article.parsed, article.metadata
    return {
        "document_id": article.sha256,
        "source_path": article.source_path,
        "encoding": article.decoded.encoding,
        "byte_size": article.entry.size_bytes,
        "char_length": len(article.text),
        "title": meta.title or parsed.title,
        "byline": parsed.byline,
        "publication": parsed.publication,
        "published": meta.published,
        "published_at": meta.published_at,
        "publisher": meta.publisher,
        "authors": meta.authors,
        "url": meta.url,
        "news_section": meta.section,
        "format": article.format,
        # no source dated it: its day is the ingestion day (the summaries' fallback), and that is said here
        "metadata_sources": json.dumps({"published": "ingestion", **meta.sources}, sort_keys=True),
        "original_text": article.text,
        "ingested_at": ingested_at,
        "extraction_status": "failed" if extraction_error else "done",
        "extraction_error": extraction_error,
    }


def section_rows(article: ArticleFile) -> list[dict]:
    return [
        {"document_id": article.sha256, "ordinal": i, "kind": s.kind, "start_char": s.start, "end_char": s.end}
        for i, s in enumerate(article.parsed.sections)
    ]


@dataclass
class FactRows:
    """Rows of the fact tables for one document."""

    actors: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    document_actors: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    polls: list[dict] = field(default_factory=list)


def fact_rows(
    document_id: str, text: str, extraction: DocumentExtraction, links: ActorLinks, seen_at: datetime
) -> FactRows:
    """Database rows for one document's extraction, given how its actors link to stored ones."""
    rows = FactRows()
    new_ids = {new_actor_id(a.name, a.kind) for a in links.new_actors}
    id_by_name: dict[str, str] = {}
    for actor, actor_id in zip(extraction.actors, links.actor_ids, strict=True):
        id_by_name.setdefault(actor.name, actor_id)
        if actor_id in new_ids:
            new_ids.discard(actor_id)
            rows.actors.append({"actor_id": actor_id, "name": actor.name, "kind": actor.kind,
                                "first_document_id": document_id, "first_seen_at": seen_at})
        first_start = min((s for s, _ in actor.mentions), default=0)
        rows.document_actors.append({
            "document_id": document_id, "actor_id": actor_id, "name": actor.name, "kind": actor.kind,
            "roles": list(actor.roles), "affiliation": actor.affiliation, "first_start": first_start})
        for start, end in actor.mentions:
            rows.mentions.append({"document_id": document_id, "actor_id": actor_id,
                                  "start_char": start, "end_char": end, "text": text[start:end]})
    for key, (alias, actor_id) in links.new_aliases.items():
        rows.aliases.append({"alias_key": key, "alias": alias, "actor_id": actor_id})
    for claim in extraction.claims:
        start, end = claim.span
        speaker_start, speaker_end = claim.speaker_span or (None, None)
        rows.claims.append({
            "claim_id": span_id(document_id, start, end, "claim"), "document_id": document_id,
            "speaker_actor_id": id_by_name.get(claim.speaker) if claim.speaker else None,
            "speaker": claim.speaker, "speaker_text": claim.speaker_text,
            "speaker_start": speaker_start, "speaker_end": speaker_end, "cue": claim.cue,
            "kind": claim.kind, "text": claim.text, "start_char": start, "end_char": end,
            "section": claim.section})
    for poll in extraction.polls:
        start, end = poll.span
        rows.polls.append({
            "poll_id": span_id(document_id, start, end, f"poll:{poll.value}"), "document_id": document_id,
            "value": float(poll.value), "unit": poll.unit, "pollster": poll.pollster,
            "population": poll.population, "measure": poll.measure, "option": poll.option,
            "when_text": poll.when, "start_char": start, "end_char": end,
            "pollster_text": poll.pollster_text, "pollster_kind": poll.pollster_kind,
            "measure_kind": poll.measure_kind, "historical": poll.historical,
            "when_start": poll.when_start, "when_end": poll.when_end,
            "sample_size": poll.sample_size, "margin_of_error": poll.margin_of_error,
            "contest": poll.contest, "area": poll.area})
    return rows
