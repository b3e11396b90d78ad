"""An invented day of news for the golden-file tests: five articles from three publishers, two stories of
two articles each and a poll, quotes repeated across articles, a reader comment. Nothing here is real."""

from __future__ import annotations

import copy
from datetime import date

from flows.summary import lead
from flows.summary.model import ClaimItem, DailySummary, DocumentRef, NewActor, PollItem, SourceGroup, SpeakerClaims

DAY = date(2024, 3, 2)
PUBLISHED = date(2024, 3, 2)

TITLES = {
    "d1": ("Water bill passes after a long night", "The Harbor Times"),
    "d2": ("Water bill heads to the governor", "Valley Courier"),
    "d3": ("Harbor strike enters its second week", "The Harbor Times"),
    "d4": ("Poll: Okafor leads the race", "Daily Ledger"),
    "d5": ("Strike talks stall at the harbor", "Valley Courier"),
}


def ref(doc: str, start: int | None = None, end: int | None = None) -> DocumentRef:
    title, publication = TITLES[doc]
    return DocumentRef(doc.ljust(64, "0"), title, f"{doc}.txt", start, end, publication, PUBLISHED)


# (document, actor id, name, kind, mentions, in title, roles, affiliation)
_ACTORS = [
    ("d1", "okafor", "Maria Okafor", "person", 6, False, ["Senator"], None),
    ("d1", "reyes", "Tom Reyes", "person", 3, False, [], None),
    ("d1", "pike", "Alan Pike", "person", 1, False, ["Governor"], None),
    ("d2", "okafor", "Maria Okafor", "person", 4, False, ["Senator"], None),
    ("d2", "pike", "Alan Pike", "person", 3, False, ["Governor"], None),
    ("d3", "union", "Dockworkers Union", "organization", 5, False, [], None),
    ("d3", "hart", "Lena Hart", "person", 3, False, ["spokeswoman"], "Dockworkers Union"),
    ("d4", "okafor", "Maria Okafor", "person", 2, True, [], None),
    ("d4", "reyes", "Tom Reyes", "person", 2, False, [], None),
    ("d5", "union", "Dockworkers Union", "organization", 3, False, [], None),
    ("d5", "hart", "Lena Hart", "person", 2, False, [], None),
    ("d5", "port", "Port Authority", "organization", 2, False, [], None),
    ("d5", "voss", "Carla Voss", "person", 1, False, [], None),
]
ACTOR_ROWS = [
    {"document_id": ref(doc).document_id, "actor_id": actor, "name": name, "kind": kind, "mentions": mentions,
     "in_title": in_title, "roles": roles, "affiliation": affiliation}
    for doc, actor, name, kind, mentions, in_title, roles, affiliation in _ACTORS
]

# (claim id, document, actor id, speaker, how the text names them, kind, text, section)
_CLAIMS = [
    ("c1", "d1", "okafor", "Maria Okafor", "Okafor", "direct", "This bill brings clean water to every town.", "body"),
    ("c2", "d1", "reyes", "Tom Reyes", "Reyes", "indirect", "the vote was rushed through at midnight", "body"),
    ("c3", "d2", "okafor", "Maria Okafor", "she", "direct", "This bill brings clean water to every town", "body"),
    ("c4", "d2", "pike", "Alan Pike", "the governor", "indirect", "he would sign it next week", "body"),
    ("c5", "d3", "hart", "Lena Hart", "Hart", "direct", "We will stay out until the port listens.", "body"),
    ("c6", "d3", None, None, "jb77", "direct", "the union is greedy & <!channel> should know", "comments"),
    ("c7", "d5", "hart", "Lena Hart", "she", "direct", "We will stay out until the port listens to us.", "body"),
    ("c8", "d5", "port", "Port Authority", "the authority", "indirect", "talks would resume on Monday", "body"),
    ("c9", "d5", None, None, "officials", "indirect", "no ships were diverted", "body"),
    ("c10", "d1", "okafor", "Maria Okafor", "Okafor", "indirect", "the money would reach towns by summer", "body"),
]
CLAIMS = [
    ClaimItem(claim_id, kind, "said", text, ref(doc, 100 + i * 50, 100 + i * 50 + len(text)), speaker_text, speaker,
              actor, section)
    for i, (claim_id, doc, actor, speaker, speaker_text, kind, text, section) in enumerate(_CLAIMS)
]

POLLS = [
    PollItem("p1", 48.0, "percent", "Ledger/Marist", "likely voters", "vote intention", "Okafor", "Feb. 26-29",
             ref("d4", 40, 43), previous_value=45.0, previous_ref=None, change=3.0),
    PollItem("p2", 41.0, "percent", "Ledger/Marist", "likely voters", "vote intention", "Reyes", "Feb. 26-29",
             ref("d4", 60, 63), previous_value=43.0, previous_ref=None, change=-2.0),
]

NEW_ACTORS = [
    NewActor("hart", "Lena Hart", "person", ["spokeswoman"], "Dockworkers Union",
             "Lena Hart, a spokeswoman for the Dockworkers Union, said the strike would go on.", 5, ref("d3", 200),
             quoted=True),
    NewActor("port", "Port Authority", "organization", [], None, "The Port Authority said talks would resume.", 2,
             ref("d5", 300)),
    NewActor("voss", "Carla Voss", "person", [], None, "Carla Voss watched from the quay.", 1, ref("d5", 400)),
]


def invented_summary() -> DailySummary:
    """The invented day as the summary flow would shape it (the lead built by the real functions); a fresh
    copy each time, so a test may change it."""
    documents = [ref(doc) for doc in TITLES]
    by_publisher: dict[str, list[DocumentRef]] = {}
    for document in documents:
        by_publisher.setdefault(document.publication or "", []).append(document)
    summary = DailySummary(
        day=DAY, timezone="UTC",
        sources=[SourceGroup(name, refs) for name, refs in by_publisher.items()],
        new_actors=copy.deepcopy(NEW_ACTORS),
        claims=[SpeakerClaims(claim.speaker or "Unnamed sources", claim.speaker is not None, [claim])
                for claim in copy.deepcopy(CLAIMS)],
        polls=copy.deepcopy(POLLS),
    )
    return lead.add_lead(summary, ACTOR_ROWS)
