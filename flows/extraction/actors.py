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
