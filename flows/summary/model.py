"""The daily summary as plain data: what the aggregates found for one day, ready to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DocumentRef:
    """Where a fact comes from: the document and the [start, end) span of its quote."""

    document_id: str
    title: str
    source_path: str
    start: int | None = None
    end: int | None = None
    published: str | None = None  # ISO date-time (UTC) when known, else ISO date, else None

    @property
    def anchor(self) -> str:
        return f"doc-{self.document_id[:12]}"


@dataclass
class SourceGroup:
    source: str
    documents: list[DocumentRef]


@dataclass
class NewActor:
    actor_id: str
    name: str
    kind: str
    roles: list[str]
    affiliation: str | None
    sentence: str
    mentions: int
    ref: DocumentRef

    @property
    def role_text(self) -> str:
        role = ", ".join(self.roles)
        if role and self.affiliation:
            return f"{role}, {self.affiliation}"
        return role or self.affiliation or ""


@dataclass
class ClaimItem:
    claim_id: str
    kind: str
    cue: str | None
    text: str
    ref: DocumentRef
    speaker_text: str | None = None  # how the text names the speaker ("experts", "a Russian lawmaker")


@dataclass
class SpeakerClaims:
    speaker: str
    named: bool
    claims: list[ClaimItem]


@dataclass
class PollItem:
    poll_id: str
    value: float
    unit: str
    pollster: str | None
    population: str | None
    measure: str | None
    option: str | None
    when_text: str | None
    ref: DocumentRef
    previous_value: float | None = None
    previous_ref: DocumentRef | None = None
    previous_when_text: str | None = None
    change: float | None = None


@dataclass
class PollPoint:
    pollster: str
    measure: str
    unit: str
    day: date
    value: float
    document_id: str


@dataclass
class TopActor:
    actor_id: str
    name: str
    kind: str
    mentions: int
    documents: int
    previous_7_days: int
    previous_daily_average: float
    change: float


@dataclass
class ValidationCheck:
    suite: str
    expectation: str
    columns: str
    success: bool
    element_count: int
    unexpected_count: int
    examples: list[dict]
    error: str | None
    quarantined_rows: int


@dataclass
class LateArrival:
    """A document that arrived on the summary's day but belongs to an earlier (publication) day."""

    ref: DocumentRef
    source: str
    published_day: date


@dataclass
class DailySummary:
    day: date
    timezone: str
    sources: list[SourceGroup] = field(default_factory=list)
    new_actors: list[NewActor] = field(default_factory=list)
    claims: list[SpeakerClaims] = field(default_factory=list)
    polls: list[PollItem] = field(default_factory=list)
    poll_history: list[PollPoint] = field(default_factory=list)
    top_actors: list[TopActor] = field(default_factory=list)
    validation: list[ValidationCheck] = field(default_factory=list)
    late_arrivals: list[LateArrival] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return sum(len(group.documents) for group in self.sources)

    @property
    def claim_count(self) -> int:
        return sum(len(group.claims) for group in self.claims)

    @property
    def failed_checks(self) -> list[ValidationCheck]:
        return [check for check in self.validation if not check.success]

    @property
    def quarantined_rows(self) -> dict[str, int]:
        return {check.suite: check.quarantined_rows for check in self.validation if check.quarantined_rows}

    def documents(self) -> list[DocumentRef]:
        """Every document the summary cites, once: the day's by source, then earlier ones polls compare with."""
        seen: dict[str, DocumentRef] = {}
        for group in self.sources:
            for ref in group.documents:
                seen.setdefault(ref.document_id, ref)
        for poll in self.polls:
            if poll.previous_ref is not None:
                seen.setdefault(poll.previous_ref.document_id, poll.previous_ref)
        return list(seen.values())
