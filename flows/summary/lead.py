"""The lead of the briefing, as pure functions of the day's rows: actors ranked by prominence, documents
grouped into stories (shared actors and key terms), claims grouped by actor id and de-duplicated across
articles, poll figures grouped into releases.
"""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from .model import (
    ActorClaims,
    ActorCoverage,
    ClaimItem,
    DailySummary,
    DocumentRef,
    PollItem,
    PollRelease,
    QuoteGroup,
    Story,
)

TITLE_WEIGHT = 0.5  # prominence for each document whose title names the actor
ROLE_WEIGHT = 0.25  # prominence for a stated role or affiliation
KIND_WEIGHT = {"country": 0.5}  # a country named throughout is more often the subject than the one acting
LINK_SCORE = 2  # shared actors and key terms two documents need to be one story
SALIENT_SHARE = 0.1  # an actor is part of what a document is about from this share of its mentions (or in its title)
DUPLICATE_OVERLAP = 0.75  # word overlap (Jaccard) above which two claims of one actor are the same claim

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, from its word-list file alone: ``import spacy.lang.en.stop_words`` imports
    spaCy first, 0.8 s of the summary's process for one set of words (the file imports nothing)."""
    package = importlib.util.find_spec("spacy")  # finds the package without importing it
    path = Path(package.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("briefing_spacy_en_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text`` (letters, inner apostrophes and hyphens)."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


def key_terms(title: str | None, names: Iterable[str] = ()) -> set[str]:
    """The words of a title that say what it is about: no stop words, no short words, no actor names."""
    name_words = {w for name in names for w in words(name)}
    stop = _stop_words()
    terms = set()
    for word in words(title):
        word = word.removesuffix("'s")
        if len(word) < 4 or word in stop or word in name_words:
            continue
        plural = len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us"))
        terms.add(word[:-1] if plural else word)
    return terms


def merge_roles(roles: Sequence[str], more: Iterable[str]) -> list[str]:
    """Roles of an actor without repeats: "nominee" is dropped beside "presidential nominee"."""
    out = list(roles)
    for role in more:
        low = role.lower()
        if any(low in kept.lower() for kept in out):
            continue
        out = [kept for kept in out if kept.lower() not in low] + [role]
    return out


def actor_coverage(rows: Sequence[Mapping]) -> list[ActorCoverage]:
    """Actors of the day from ``actors_of_day`` rows, most prominent first.

    Prominence is the actor's share of each document's mentions summed over the day's documents (so an
    actor who is most of two articles counts nearly 2), plus ``TITLE_WEIGHT`` per title naming them and
    ``ROLE_WEIGHT`` for a stated role or affiliation; a country's counts half (``KIND_WEIGHT``).
    """
    per_document: dict[str, int] = defaultdict(int)
    for row in rows:
        per_document[row["document_id"]] += row["mentions"]
    actors: dict[str, ActorCoverage] = {}
    for row in rows:
        actor = actors.get(row["actor_id"])
        if actor is None:
            actor = actors[row["actor_id"]] = ActorCoverage(
                row["actor_id"], row["name"], row["kind"], [], None, 0, 0, 0, 0.0, 0.0)
        actor.mentions += row["mentions"]
        actor.documents += 1
        actor.title_documents += int(bool(row["in_title"]))
        actor.coverage += row["mentions"] / per_document[row["document_id"]]
        actor.roles = merge_roles(actor.roles, row["roles"] or [])
        actor.affiliation = actor.affiliation or row["affiliation"]
    for actor in actors.values():
        actor.coverage = round(actor.coverage, 3)
        actor.prominence = round(KIND_WEIGHT.get(actor.kind, 1.0) * (
            actor.coverage + TITLE_WEIGHT * actor.title_documents
            + (ROLE_WEIGHT if actor.roles or actor.affiliation else 0.0)), 3)
    return sorted(actors.values(), key=lambda a: (-a.prominence, -a.mentions, a.name))


def _document_features(documents: Sequence[DocumentRef], rows: Sequence[Mapping]) -> dict[str, set[str]]:
    """What each document is about: its salient actors (``actor:ID``) and its title's key terms."""
    names: dict[str, list[str]] = defaultdict(list)
    features: dict[str, set[str]] = {ref.document_id: set() for ref in documents}
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["document_id"]] += row["mentions"]
    for row in rows:
        names[row["document_id"]].append(row["name"])
        salient = row["mentions"] >= 2 and row["mentions"] >= SALIENT_SHARE * totals[row["document_id"]]
        if row["document_id"] in features and (salient or row["in_title"]):
            features[row["document_id"]].add(f"actor:{row['actor_id']}")
    for ref in documents:
        if ref.title != ref.source_path:
            features[ref.document_id] |= {f"term:{t}" for t in key_terms(ref.title, names[ref.document_id])}
    return features


def group_stories(documents: Sequence[DocumentRef], rows: Sequence[Mapping],
                  coverage: Sequence[ActorCoverage]) -> list[Story]:
    """The day's documents grouped into stories, largest and most prominent first.

    Two documents are one story when they share at least ``LINK_SCORE`` salient actors or title key terms
    that at most a third of the day's documents have (on a day of many articles that all mention the same
    two candidates, those two say nothing about which story an article tells).
    """
    features = _document_features(documents, rows)
    frequency: dict[str, int] = defaultdict(int)
    for found in features.values():
        for feature in found:
            frequency[feature] += 1
    common = max(2, len(documents) // 3) if len(documents) > 3 else len(documents)
    telling = {doc: {f for f in found if frequency[f] <= common} for doc, found in features.items()}

    parent = {ref.document_id: ref.document_id for ref in documents}

    def root(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    having: dict[str, list[str]] = defaultdict(list)  # feature -> documents, to count shared features per pair
    for doc, found in telling.items():
        for feature in found:
            having[feature].append(doc)
    shared_by_pair: dict[tuple[str, str], int] = defaultdict(int)
    for docs in having.values():
        for i, first in enumerate(docs):
            for second in docs[i + 1:]:
                shared_by_pair[first, second] += 1
    for (first, second), count in shared_by_pair.items():
        if count >= LINK_SCORE:
            parent[root(second)] = root(first)

    groups: dict[str, list[DocumentRef]] = defaultdict(list)
    for ref in documents:
        groups[root(ref.document_id)].append(ref)
    rows_of: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        rows_of[row["document_id"]].append(row)
    rank = {actor.actor_id: i for i, actor in enumerate(coverage)}
    names = {actor.actor_id: actor.name for actor in coverage}
    prominence = {actor.actor_id: actor.prominence for actor in coverage}
    ranked: list[tuple[int, float, str, Story]] = []
    for refs in groups.values():
        members = {ref.document_id for ref in refs}
        shared: dict[str, int] = defaultdict(int)
        for doc in members:
            for feature in telling[doc] if len(members) > 1 else features[doc]:
                shared[feature] += 1
        mentioned: dict[str, int] = defaultdict(int)
        for doc in members:
            for row in rows_of.get(doc, []):
                mentioned[row["actor_id"]] += row["mentions"]
        actors = sorted((a for a in mentioned if a in rank), key=lambda a: (-mentioned[a], rank[a]))[:3]
        terms = sorted((f[5:] for f, n in shared.items() if f.startswith("term:") and (n > 1 or len(members) == 1)),
                       key=lambda t: (-shared[f"term:{t}"], t))[:5]
        titled = [ref for ref in refs if ref.title != ref.source_path] or refs
        lead_ref = max(titled, key=lambda ref: (sum(shared[f] for f in features[ref.document_id]), -refs.index(ref)))
        weight = sum(prominence.get(a, 0.0) for a in actors)
        ranked.append((-len(refs), -weight, lead_ref.title, Story(lead_ref.title, lead_ref, refs,
                                                                  [names[a] for a in actors], terms)))
    ranked.sort(key=lambda item: item[:3])
    return [story for *_, story in ranked]


def _same_claim(first: list[str], second: list[str]) -> bool:
    if not first or not second:
        return False
    a, b = " ".join(first), " ".join(second)
    if a in b or b in a:
        return True
    one, two = set(first), set(second)
    return len(one & two) / len(one | two) >= DUPLICATE_OVERLAP


def dedupe_claims(claims: Sequence[ClaimItem]) -> list[QuoteGroup]:
    """One group per distinct claim (the same words in several articles are one claim), direct quotes
    first, then claims carried by more documents, then in reading order."""
    groups: list[tuple[list[str], QuoteGroup]] = []
    for claim in claims:
        claim_words = words(claim.text)
        for group_words, group in groups:
            if _same_claim(claim_words, group_words):
                group.refs.append(claim.ref)
                if claim.kind == "direct" and group.claim.kind != "direct" or \
                        claim.kind == group.claim.kind and len(claim.text) > len(group.claim.text):
                    group.claim = claim
                break
        else:
            groups.append((claim_words, QuoteGroup(claim, [claim.ref])))
    order = {id(group): i for i, (_, group) in enumerate(groups)}
    return sorted((group for _, group in groups),
                  key=lambda g: (g.claim.kind != "direct", -g.also_in, order[id(g)]))


def claims_by_actor(claims: Sequence[ClaimItem], coverage: Sequence[ActorCoverage]) -> list[ActorClaims]:
    """Claims (reader comments left out) grouped by speaker actor id, most prominent actor first;
    claims with no actor (unnamed sources) come last as one group."""
    known = {actor.actor_id: actor for actor in coverage}
    by_actor: dict[str | None, list[ClaimItem]] = defaultdict(list)
    for claim in claims:
        if claim.section != "comments":
            by_actor[claim.speaker_actor_id].append(claim)
    out = []
    for actor_id, items in by_actor.items():
        if actor_id is None:
            continue
        actor = known.get(actor_id)
        name = actor.name if actor else next((c.speaker for c in items if c.speaker), actor_id)
        out.append(ActorClaims(actor_id, name, actor.role_text if actor else "", actor.prominence if actor else 0.0,
                               dedupe_claims(items)))
    out.sort(key=lambda group: (-group.prominence, -group.claim_count, group.name))
    if by_actor.get(None):
        out.append(ActorClaims(None, "Unnamed sources", "", 0.0, dedupe_claims(by_actor[None]), named=False))
    return out


def poll_releases(polls: Sequence[PollItem]) -> list[PollRelease]:
    """Figures grouped by the release they come from (document, pollster, population, field dates)."""
    releases: dict[tuple, PollRelease] = {}
    for poll in polls:
        key = (poll.ref.document_id, poll.pollster, poll.population, poll.when_text)
        if key not in releases:
            releases[key] = PollRelease(poll.pollster, poll.population, poll.when_text, poll.ref, [])
        release = releases[key]
        if any((p.option, p.value, p.unit) == (poll.option, poll.value, poll.unit) for p in release.figures):
            continue  # the article gives the same figure twice ("52 percent ... her 52 percent"): one figure
        release.figures.append(poll)
    return list(releases.values())


# A quote in the lead says something: a reported claim of one to three words ("Clinton", "economic
# fairness") is kept in the report but never leads.
MIN_LEAD_QUOTE_WORDS = 4


def lead_quote(group: ActorClaims) -> QuoteGroup | None:
    """The actor's first quote (direct quotes come first) long enough to lead with, if any."""
    return next((q for q in group.quotes if len(q.claim.text.split()) >= MIN_LEAD_QUOTE_WORDS), None)


def add_lead(summary: DailySummary, actor_rows: Sequence[Mapping]) -> DailySummary:
    """Fill the lead's parts of ``summary`` from its documents, claims and polls and the ``actors_of_day``
    rows: actors by prominence, stories, claims by actor, reader comments, poll releases; new actors
    ordered by prominence."""
    summary.actors = actor_coverage(actor_rows)
    prominence = {actor.actor_id: actor.prominence for actor in summary.actors}
    summary.new_actors.sort(key=lambda a: (-prominence.get(a.actor_id, 0.0), -a.mentions, a.name))
    documents = [ref for group in summary.sources for ref in group.documents]
    summary.stories = group_stories(documents, actor_rows, summary.actors)
    claims = [claim for group in summary.claims for claim in group.claims]
    summary.actor_claims = claims_by_actor(claims, summary.actors)
    summary.comment_claims = [claim for claim in claims if claim.section == "comments"]
    summary.poll_releases = poll_releases(summary.polls)
    return summary
