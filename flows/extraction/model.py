"""The facts extraction produces. Every span is [start, end) into the file's decoded text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Span = tuple[int, int]
ActorKind = Literal["person", "organization", "country", "group", "other"]
ClaimKind = Literal["direct", "indirect"]
PollUnit = Literal["percent", "points"]


@dataclass
class Actor:
    """One actor of a document under its canonical name, with every mention of it."""

    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Claim:
    """Something a speaker said (direct quote) or is reported to have said (indirect)."""

    speaker: str | None  # canonical actor name; None for unnamed sources ("experts")
    speaker_span: Span | None
    speaker_text: str | None
    cue: str | None
    kind: ClaimKind
    text: str
    span: Span
    section: Literal["body", "comments"] = "body"


@dataclass
class PollFigure:
    """One number reported from an opinion poll or survey."""

    value: float
    unit: PollUnit
    pollster: str | None  # canonical (the pollster registry)
    population: str | None
    measure: str | None  # the words as written
    option: str | None  # canonical candidate or answer
    when: str | None  # as written
    span: Span
    pollster_text: str | None = None  # the pollster as the article wrote it
    pollster_kind: str | None = None  # "poll" | "average"
    measure_kind: str | None = None  # see polls.MEASURE_KINDS
    historical: bool = False  # about the past ("in 1998", "in the last poll"): never shown as current
    when_start: str | None = None  # ISO date range the figure is about, resolved against publication
    when_end: str | None = None
    contest: str | None = None  # the candidates its race sets against each other, "A | B" (vote measures)
    area: str | None = None  # where it was measured: a place named with it, "national", or None
    sample_size: int | None = None  # of the release (poll) the figure comes from
    margin_of_error: float | None = None


@dataclass
class DocumentExtraction:
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    polls: list[PollFigure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "actors": [_jsonable(asdict(a)) for a in self.actors],
            "claims": [_jsonable(asdict(c)) for c in self.claims],
            "polls": [_jsonable(asdict(p)) for p in self.polls],
        }


def _jsonable(value):
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value
