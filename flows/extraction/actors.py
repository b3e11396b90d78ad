"""Actors: named people, organisations and countries, canonicalised within a document."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Actor

_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


@dataclass
class ActorIndex:
    """The actors of one document and look-ups from text positions and names to them."""

    actors: list[Actor] = field(default_factory=list)

    def actor_at(self, start: int, end: int) -> Actor | None:
        for actor in self.actors:
            if any(s < end and start < e for s, e in actor.mentions):
                return actor
        return None

    def resolve_name(self, name: str) -> Actor | None:
        """The actor this surface form names ("Mr. Putin" -> Vladimir Putin), if any."""
        for actor in self.actors:
            if name == actor.name or name in actor.aliases:
                return actor
        return None

    def last_person_before(self, offset: int) -> Actor | None:
        """The person mentioned last before this offset (for resolving 'he says')."""
        best, best_at = None, -1
        for actor in self.actors:
            if actor.kind != "person":
                continue
            for start, _ in actor.mentions:
                if best_at < start < offset:
                    best, best_at = actor, start
        return best


def extract_actors(doc, text: str) -> ActorIndex:
    """Placeholder: spaCy entities by exact text (replaced by the canonicalising extractor)."""
    by_name: dict[str, Actor] = {}
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if not kind:
            continue
        actor = by_name.setdefault(ent.text, Actor(name=ent.text, kind=kind))
        actor.mentions.append((ent.start_char, ent.end_char))
    return ActorIndex(list(by_name.values()))
