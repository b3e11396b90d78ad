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
from functools import lru_cache

from .extraction import names
from .extraction.model import Actor, DocumentExtraction
from .intake import ArticleFile

_HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "the", "sir", "prof"}


def alias_key(name: str, kind: str) -> str:
    """Normalised form of an actor name for matching across documents (kind-qualified)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_name = re.sub(r"['’`]s\b", "", ascii_name)
    words = [w for w in re.sub(r"[^a-z0-9]+", " ", ascii_name).split() if w not in _HONORIFICS]
    return f"{kind}:{' '.join(words)}"


@lru_cache(maxsize=4096)
def given_name_key(given: str) -> str:
    """A first name as matched across documents: nickname to its one formal name (Doug -> douglas,
    Bill -> william), then transliteration variants folded (Sergei / Sergey -> sergei)."""
    formal = names.formal_names(given)
    if len(formal) == 1 and len(given) > 1:
        given = next(iter(formal))
    folded = given.replace("y", "i")
    return re.sub(r"(.)\1", r"\1", folded)


@lru_cache(maxsize=65536)
def person_name_key(name: str) -> str | None:
    """'Vladimir V. Putin' and 'Vladimir Putin' -> 'person:vladimir putin' (middle names and initials
    dropped, nickname and transliteration folded, 'Jr.' kept); None for a surname alone."""
    core = [w for w in names.person_words(name) if w not in names.NAME_PARTICLES]
    if len(core) < 2:
        return None
    return f"person:{given_name_key(core[0])} {names.person_key(name)}"


def surname_entry(name: str) -> str:
    """The key recording that a person of this surname is stored: 'surname:clinton:hilari'
    (given-name key empty for an actor known by surname alone)."""
    full = person_name_key(name)
    given = full.split(":", 1)[1].split(" ", 1)[0] if full else ""
    return f"{surname_prefix(name)}:{given}"


def called_by_surname(actor: Actor) -> bool:
    """The document calls this person by surname alone ("Trump" for Donald Trump, not for Ivanka)."""
    key = names.person_key(actor.name)
    return any(" ".join(names.words(names.strip_honorifics(a))) == key for a in actor.aliases)


def surname_prefix(name: str) -> str:
    return "surname:" + names.person_key(name)


def new_actor_id(name: str, kind: str) -> str:
    key = (person_name_key(name) or "person-surname:" + names.person_key(name)) if kind == "person" \
        else alias_key(name, kind)
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def span_id(document_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{document_id}:{kind}:{start}:{end}".encode()).hexdigest()[:20]


@dataclass
class ActorLinks:
    """Which stored actor each document actor is, and the actors and aliases that are new.

    ``renamed`` holds the name this document gives each stored person it links to: the stored actor
    takes the fullest name any document gives it ("Obama" -> "Barack Obama", "Vladimir Putin" ->
    "Vladimir V. Putin"; the same whatever the arrival order).
    """

    actor_ids: list[str]
    new_actors: list[Actor] = field(default_factory=list)
    new_aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (alias, actor id)
    renamed: dict[str, str] = field(default_factory=dict)  # actor id -> fuller name
    merges: list[tuple[str, str]] = field(default_factory=list)  # (stored actor id, the id it merges into)


def actor_keys(actor: Actor) -> dict[str, str]:
    """Every key an actor is stored under or may be found by, with the surface form it comes from.

    People: the full-name key of the canonical name (never of an alias: one odd alias must not join
    two people) and the surname prefix (the query finds every stored person of that surname through
    it). Others: each alias, normalised.
    """
    surfaces = list(dict.fromkeys([actor.name, *actor.aliases]))
    if actor.kind == "person":
        keys = {k: actor.name for k in [person_name_key(actor.name)] if k}
        keys[surname_prefix(actor.name)] = actor.name
        return keys
    keys = {alias_key(n, actor.kind): n for n in surfaces}
    return {k: n for k, n in keys.items() if not k.endswith(":")}


def link_actors(actors: list[Actor], known_aliases: Mapping[str, str] | KnownActors,
                surname_callers: Mapping[str, Mapping[str, int]] | None = None) -> ActorLinks:
    """Match each actor to a stored actor id by evidence, else mint one from its name.

    A person named in full links through its full-name key (middle names, nicknames and
    transliterations folded), so the id does not depend on which document came first; it never
    joins another person through a shared surname. A person named by surname alone joins a stored
    person only when exactly one stored person has that surname, or, of several, exactly one is
    called by the surname alone where named (Donald Trump, not Ivanka Trump). A full name whose
    surname is stored only for an actor known by surname alone adopts that actor; every stored
    person linked is offered this document's name (``renamed``: the fullest name wins). Organisations
    and countries link through any alias. Kinds never mix: a person never links to an organisation.
    ``known_aliases`` maps stored keys (see ``actor_keys``; surname entries as 'surname:S:G') to ids, or is
    a ``KnownActors`` index that this call extends (one index for a batch of documents, not one a document).
    When several stored people are called by the surname alone, ``surname_callers`` (surname -> id ->
    documents that call that person by it) decides: a bare "Trump" is the one documents overwhelmingly
    call so (``dominant_caller``), else nobody.
    """
    links = ActorLinks(actor_ids=[])
    seen = known_aliases if isinstance(known_aliases, KnownActors) \
        else KnownActors(known_aliases, surname_callers or {})
    minted: set[str] = set()
    for actor in actors:
        keys = actor_keys(actor)
        actor_id = None
        if actor.kind == "person":
            actor_id, _ = _link_person(actor, keys, seen)
            if actor_id is not None and actor_id not in minted:
                links.renamed[actor_id] = actor.name
            keys = {k: n for k, n in keys.items() if not k.startswith("surname:")}
            keys[surname_entry(actor.name)] = actor.name
            if person_name_key(actor.name) and called_by_surname(actor):
                keys[surname_entry(actor.name) + ":called"] = actor.name
        else:
            actor_id = next((seen.ids[k] for k in keys if k in seen.ids), None)
        if actor_id is None:
            actor_id = new_actor_id(actor.name, actor.kind)
            if actor_id not in minted:
                minted.add(actor_id)
                links.new_actors.append(actor)
        if actor.kind == "person" and person_name_key(actor.name) and called_by_surname(actor):
            for stale in _surname_only_to_merge(actor, actor_id, seen):
                links.merges.append((stale, actor_id))
                seen.repoint(stale, actor_id)
        for key, surface in keys.items():
            if key not in seen.ids:
                seen.add(key, actor_id)
                links.new_aliases[key] = (surface, actor_id)
        links.actor_ids.append(actor_id)
    return links


class KnownActors:
    """Keys -> actor ids as ``link_actors`` goes (stored ones, then each document's), with the surname
    entries ('surname:S:G[:called]') also held by surname: a person is matched by one lookup, not a scan of
    every key (that scan was most of the loading process's time at a few thousand keys). Built once for a
    batch: rebuilt for each document it took 1 s of the loading process's CPU in 400 documents."""

    def __init__(self, known: Mapping[str, str], callers: Mapping[str, Mapping[str, int]]) -> None:
        self.ids: dict[str, str] = {}
        self._by_surname: dict[str, dict[str, str]] = {}
        self.callers = callers
        for key, actor_id in known.items():
            self.add(key, actor_id)

    def add(self, key: str, actor_id: str) -> None:
        self.ids[key] = actor_id
        if key.startswith("surname:"):
            surname, colon, given = key[len("surname:"):].partition(":")
            if colon:
                self._by_surname.setdefault(surname, {})[given] = actor_id

    def namesakes(self, name: str) -> dict[str, str]:
        """Given-name part ('hilari', 'hilari:called', '' for surname alone) -> id, of every stored person
        with this person's surname."""
        return self._by_surname.get(names.person_key(name), {})

    def callers_of(self, name: str) -> Mapping[str, int]:
        """Id -> documents calling that person by this person's surname alone (see ``surname_callers``)."""
        return self.callers.get(names.person_key(name), {})

    def repoint(self, stale: str, actor_id: str) -> None:
        for key, value in self.ids.items():
            if value == stale:
                self.add(key, actor_id)


def _surname_only_to_merge(actor: Actor, actor_id: str, seen: KnownActors) -> list[str]:
    """Actors known by this person's surname alone that turn out to be this person: the document
    calls them by it, and no other stored person of that surname is called so."""
    namesakes = seen.namesakes(actor.name)
    bare = {v for g, v in namesakes.items() if not g and v != actor_id}
    other_called = {v for g, v in namesakes.items() if g.endswith(":called") and v != actor_id}
    if not bare or other_called and dominant_caller(other_called | {actor_id}, seen.callers_of(actor.name)) != actor_id:
        return []
    return sorted(bare)


# A bare surname means the namesake documents call by it at least this many times, and this many
# times as often as any other ("Trump": Donald Trump in hundreds of documents, Ivana Trump in one).
DOMINANT_MIN_DOCUMENTS = 3
DOMINANT_RATIO = 3


def dominant_caller(candidates: set[str], documents: Mapping[str, int]) -> str | None:
    """Of people called by one surname, the one documents overwhelmingly call by it, if any."""
    ranked = sorted(((documents.get(c, 0), c) for c in candidates), reverse=True)
    if not ranked:
        return None
    top = ranked[0][0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    return ranked[0][1] if top >= DOMINANT_MIN_DOCUMENTS and top >= DOMINANT_RATIO * runner_up else None


def surnames_of(actors: list[Actor]) -> list[str]:
    """The surnames of the people among ``actors`` ('trump', 'clinton'), and the one-word organisation
    names that may be surnames misread, for ``surname_callers``."""
    return sorted({names.person_key(a.name) for a in actors if a.kind == "person" or _one_word(a)})


def _one_word(actor: Actor) -> bool:
    return actor.kind == "organization" and _one_word_name(actor.name)


def _one_word_name(name: str) -> bool:
    return len(names.words(names.strip_honorifics(name))) == 1


def surnames_read_as_organisations(actors: list[Actor], callers: Mapping[str, Mapping[str, int]]) -> None:
    """A one-word "organisation" that is the surname documents overwhelmingly call one stored person by
    ("Trump" tagged ORG through a whole article, "Mr. Trump") is that person: its kind becomes person,
    so it links to them. Changes the actors in place, before ``link_actors``."""
    for actor in actors:
        if not _one_word(actor) or not all(_one_word_name(a) for a in actor.aliases):
            continue
        documents = callers.get(names.person_key(actor.name), {})
        if dominant_caller(set(documents), documents) is not None:
            actor.kind = "person"


def count_surname_callers(actors: list[Actor], actor_ids: list[str], callers: dict[str, dict[str, int]]) -> None:
    """Add one document's evidence to ``callers``: each person named in full that it calls by surname."""
    for actor, actor_id in zip(actors, actor_ids, strict=True):
        if actor.kind == "person" and person_name_key(actor.name) and called_by_surname(actor):
            per_id = callers.setdefault(names.person_key(actor.name), {})
            per_id[actor_id] = per_id.get(actor_id, 0) + 1


def _link_person(actor: Actor, keys: dict[str, str], seen: KnownActors) -> tuple[str | None, bool]:
    """A person's stored id (None: new) and whether it is a surname-only actor now named in full."""
    namesakes = seen.namesakes(actor.name)
    full_ids = {v for g, v in namesakes.items() if g and not g.endswith(":called")}
    called_ids = {v for g, v in namesakes.items() if g.endswith(":called")}
    bare_ids = {v for g, v in namesakes.items() if not g}
    if person_name_key(actor.name):
        found = next((seen.ids[k] for k in keys if k.startswith("person:") and k in seen.ids), None)
        if found is not None:
            return found, False
        if not full_ids and len(bare_ids) == 1 and called_by_surname(actor):
            return next(iter(bare_ids)), True  # "Obama" stored, now "Barack Obama ... Obama said"
        return None, False
    if len(full_ids) == 1:
        return next(iter(full_ids)), False
    if len(called_ids) == 1:  # several people of that surname, one of them the one articles call by it
        return next(iter(called_ids)), False
    if len(called_ids) > 1:  # several called so: the one documents overwhelmingly mean by it
        dominant = dominant_caller(called_ids, seen.callers_of(actor.name))
        if dominant is not None:
            return dominant, False
    if len(bare_ids) == 1 and not full_ids:
        return next(iter(bare_ids)), False
    return None, False  # nobody, or several people of that surname: a surname-only actor of its own


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
    merges: list[dict] = field(default_factory=list)


def fact_rows(
    document_id: str, text: str, extraction: DocumentExtraction, links: ActorLinks, seen_at: datetime
) -> FactRows:
    """Database rows for one document's extraction, given how its actors link to stored ones."""
    rows = FactRows()
    new_ids = {new_actor_id(a.name, a.kind) for a in links.new_actors}
    id_by_name: dict[str, str] = {}
    for actor, actor_id in zip(extraction.actors, links.actor_ids, strict=True):
        id_by_name.setdefault(actor.name, actor_id)
        if actor_id in new_ids or actor_id in links.renamed:
            new_ids.discard(actor_id)
            renamed = actor_id in links.renamed  # a stored actor: only its name may change (first_* kept)
            rows.actors.append({"actor_id": actor_id, "name": links.renamed.get(actor_id, actor.name),
                                "kind": actor.kind, "first_document_id": "" if renamed else document_id,
                                "first_seen_at": seen_at})
        first_start = min((s for s, _ in actor.mentions), default=0)
        rows.document_actors.append({
            "document_id": document_id, "actor_id": actor_id, "name": actor.name, "kind": actor.kind,
            "roles": list(actor.roles), "affiliation": actor.affiliation, "first_start": first_start})
        for start, end in actor.mentions:
            rows.mentions.append({"document_id": document_id, "actor_id": actor_id,
                                  "start_char": start, "end_char": end, "text": text[start:end]})
    for stale, kept in links.merges:
        rows.merges.append({"from_actor_id": stale, "into_actor_id": kept, "document_id": document_id,
                            "merged_at": seen_at})
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
