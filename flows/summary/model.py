"""The daily summary as plain data: what the aggregates found for one day, ready to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def role_text(roles: list[str], affiliation: str | None) -> str:
    """Roles and affiliation as one phrase: "spokeswoman, Dockworkers Union"."""
    role = ", ".join(roles)
    if role and affiliation:
        return f"{role}, {affiliation}"
    return role or affiliation or ""


@dataclass(frozen=True)
class DocumentRef:
    """Where a fact comes from: the document and the [start, end) span of its quote."""

    document_id: str
    title: str
    source_path: str
    start: int | None = None
    end: int | None = None
    publication: str | None = None  # the publisher's display name, when known
    published: date | None = None  # the publication day, when known
    published_at: str | None = None  # ISO date-time (UTC) when known, else ISO date, else None

    @property
    def anchor(self) -> str:
        return f"doc-{self.document_id[:12]}"

    @property
    def dateline(self) -> str:
        """Publisher and date as far as known, else an empty string."""
        return ", ".join(part for part in (self.publication, self.published and self.published.isoformat()) if part)

    @property
    def source_label(self) -> str:
        """Publisher and date, as far as known: "The Daily, 2024-03-02" (the title, shortened, with no publisher)."""
        title = self.title if len(self.title) <= 40 else self.title[:39].rstrip() + "…"
        parts = [self.publication or title]
        if self.published:
            parts.append(self.published.isoformat())
        return ", ".join(parts)


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
    quoted: bool = False

    @property
    def matters(self) -> bool:
        """Evidence that the actor is in the news: quoted, a stated role, or mentioned at least twice."""
        return self.quoted or bool(self.roles or self.affiliation) or self.mentions >= 2

    @property
    def role_text(self) -> str:
        return role_text(self.roles, self.affiliation)


@dataclass
class ClaimItem:
    claim_id: str
    kind: str
    cue: str | None
    text: str
    ref: DocumentRef
    speaker_text: str | None = None  # how the text names the speaker ("experts", "a Russian lawmaker")
    speaker: str | None = None
    speaker_actor_id: str | None = None
    section: str = "body"  # body | comments (reader comments)


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
    measure_kind: str | None = None  # vote_head_to_head, favourability, approval, ... (extraction's vocabulary)
    pollster_kind: str | None = None  # "poll" or "average"


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
class ActorCoverage:
    """One actor across the day's documents: how much of the coverage is about them, and their role."""

    actor_id: str
    name: str
    kind: str
    roles: list[str]
    affiliation: str | None
    mentions: int
    documents: int
    title_documents: int
    coverage: float  # the actor's share of each document's mentions, summed over the day's documents
    prominence: float

    @property
    def role_text(self) -> str:
        return role_text(self.roles, self.affiliation)


@dataclass
class Story:
    """Documents of the day about the same thing (shared actors and key terms)."""

    headline: str
    lead_ref: DocumentRef
    documents: list[DocumentRef]
    actors: list[str]  # names, most prominent first
    terms: list[str]

    @property
    def sources(self) -> list[str]:
        """The publishers known, in order of the documents."""
        return list(dict.fromkeys(ref.publication for ref in self.documents if ref.publication))


@dataclass
class QuoteGroup:
    """One claim, de-duplicated across articles: the quote shown and every document that carries it."""

    claim: ClaimItem
    refs: list[DocumentRef]

    @property
    def also_in(self) -> int:
        """How many other documents carry the same claim."""
        return len({ref.document_id for ref in self.refs} - {self.claim.ref.document_id})

    @property
    def other_refs(self) -> list[DocumentRef]:
        """The other documents that carry the claim, one each."""
        seen = {self.claim.ref.document_id}
        out = []
        for ref in self.refs:
            if ref.document_id not in seen:
                seen.add(ref.document_id)
                out.append(ref)
        return out


@dataclass
class ActorClaims:
    """An actor's claims of the day (by actor id), direct quotes first."""

    actor_id: str | None
    name: str
    role_text: str
    prominence: float
    quotes: list[QuoteGroup]
    named: bool = True

    @property
    def claim_count(self) -> int:
        return len(self.quotes)


@dataclass
class PollRelease:
    """The figures one document reports from one poll: options side by side."""

    pollster: str | None
    population: str | None
    when_text: str | None
    ref: DocumentRef
    figures: list[PollItem]

    @property
    def moves(self) -> list[PollItem]:
        return [figure for figure in self.figures if figure.change is not None]


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
    actors: list[ActorCoverage] = field(default_factory=list)  # most prominent first
    stories: list[Story] = field(default_factory=list)
    actor_claims: list[ActorClaims] = field(default_factory=list)  # most prominent actor first
    comment_claims: list[ClaimItem] = field(default_factory=list)  # reader comments: never in Slack
    poll_releases: list[PollRelease] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.document_count == 0

    @property
    def notable_actors(self) -> list[NewActor]:
        return [actor for actor in self.new_actors if actor.matters]

    @property
    def also_mentioned(self) -> list[NewActor]:
        return [actor for actor in self.new_actors if not actor.matters]

    @property
    def poll_moves(self) -> list[PollItem]:
        """Figures that moved at least a point from the earlier figure of the same series, largest first."""
        moves = [poll for poll in self.polls if poll.change is not None and abs(poll.change) >= 1.0]
        return sorted(moves, key=lambda poll: -abs(poll.change or 0.0))

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
