"""Run the summary questions (``sql/summary/*.sql``) for a day and shape the rows into a DailySummary.

``fetch_frames`` is the only I/O; ``shape_summary`` and ``sentence_around`` are pure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date

import duckdb
import polars as pl

from ..storage import query
from . import lead
from .model import (
    ClaimItem,
    DailySummary,
    DocumentRef,
    LateArrival,
    NewActor,
    PollItem,
    PollPoint,
    SourceGroup,
    SpeakerClaims,
    TopActor,
    ValidationCheck,
)

QUESTIONS = ("documents_by_source", "new_actors", "claims_by_speaker", "poll_figures", "poll_history",
             "top_actors", "validation", "actors_of_day", "late_arrivals")


def fetch_frames(con: duckdb.DuckDBPyConnection, day: date, tz: str) -> dict[str, pl.DataFrame]:
    """Every summary question for ``day`` in time zone ``tz``, by name."""
    return {name: query(con, f"summary/{name}", {"day": day, "tz": tz}) for name in QUESTIONS}


# After sentence-final punctuation (and closing quotes), or at a line break (paragraphs, header lines).
_BOUNDARY = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+|\s*\n\s*")
# A period that ends an initial or a title, not a sentence: "Steven M. Rosenthal", "Mr. Trump".
_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Col|St|Jr|Sr|Prof|Rev|No|vs))\.$")


def sentence_around(text: str, offset: int, limit: int = 400) -> str:
    """The sentence of ``text`` that contains character ``offset`` (whitespace collapsed, at most ``limit``)."""
    if not text:
        return ""
    offset = max(0, min(offset, len(text) - 1))
    start, end = 0, len(text)
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group() and _NOT_AN_END.search(text, max(0, match.start() - 5), match.start()):
            continue
        if match.end() <= offset:
            start = match.end()
        elif match.start() > offset:
            end = match.start()
            break
    sentence = " ".join(text[start:end].split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence


def _ref(row: Mapping, start_key: str | None = "start_char", end_key: str | None = "end_char",
         published: Mapping[str, tuple] | None = None) -> DocumentRef:
    publication, day, moment = (published or {}).get(
        row["document_id"], (row.get("publication"), row.get("published"), None))
    return DocumentRef(
        document_id=row["document_id"], title=row["title"] or row["source_path"], source_path=row["source_path"],
        start=row.get(start_key) if start_key else None, end=row.get(end_key) if end_key else None,
        publication=publication, published=day, published_at=moment)


def _published(item: Mapping) -> str | None:
    if item.get("published_at") is not None:
        return item["published_at"].isoformat()
    return item["published"].isoformat() if item.get("published") is not None else None


def _examples(raw: list[str] | None) -> list[dict]:
    out: list[dict] = []
    for item in raw or []:
        try:
            out += json.loads(item)
        except (TypeError, ValueError):
            continue
    return out[:5]


def shape_summary(day: date, tz: str, frames: Mapping[str, pl.DataFrame]) -> DailySummary:
    """The DailySummary for ``day`` from the frames ``fetch_frames`` returns."""
    summary = DailySummary(day=day, timezone=tz)
    published: dict[str, tuple] = {}
    for row in frames["documents_by_source"].iter_rows(named=True):
        source = None if row["source"] == "unknown source" else row["source"]
        for item in row["items"]:
            published[item["document_id"]] = (source, item.get("published"), _published(item))
        summary.sources.append(SourceGroup(row["source"], [_ref(item, None, None, published)
                                                           for item in row["items"]]))
    claims: list[ClaimItem] = []
    for row in frames["claims_by_speaker"].iter_rows(named=True):
        items = [ClaimItem(item["claim_id"], item["kind"], item["cue"], " ".join(item["text"].split()),
                           _ref(item, published=published), item["speaker_text"], item.get("speaker", row["speaker"]),
                           item.get("speaker_actor_id", row["speaker_actor_id"]), item["section"] or "body")
                 for item in row["items"]]
        claims += items
        summary.claims.append(SpeakerClaims(row["speaker"], row["named"], items))
    quoted = {claim.speaker_actor_id for claim in claims if claim.section != "comments"}
    for row in frames["new_actors"].iter_rows(named=True):
        offset = row["mention_start"] - row["context_start"]
        summary.new_actors.append(NewActor(
            actor_id=row["actor_id"], name=row["name"], kind=row["kind"],
            roles=lead.merge_roles([], row["roles"] or []), affiliation=row["affiliation"],
            sentence=sentence_around(row["context"] or "", offset),
            mentions=row["mentions"], ref=_ref(row, "mention_start", None, published),
            quoted=row["actor_id"] in quoted))
    for row in frames["poll_figures"].iter_rows(named=True):
        previous = None
        if row["previous_poll_id"]:
            previous = DocumentRef(row["previous_document_id"], row["previous_title"], row["previous_source_path"],
                                   publication=row.get("previous_publication"), published=row.get("previous_published"))
        summary.polls.append(PollItem(
            poll_id=row["poll_id"], value=row["value"], unit=row["unit"], pollster=row["pollster"],
            population=row["population"], measure=row["measure"], option=row["option"],
            when_text=row["when_text"], ref=_ref(row, published=published), previous_value=row["previous_value"],
            previous_ref=previous, previous_when_text=row["previous_when_text"], change=row["change"],
            measure_kind=row.get("measure_kind"), pollster_kind=row.get("pollster_kind")))
    for row in frames["poll_history"].iter_rows(named=True):
        summary.poll_history.append(PollPoint(row["pollster"], row["measure"], row["unit"], row["dated"],
                                              row["value"], row["document_id"]))
    for row in frames["top_actors"].iter_rows(named=True):
        summary.top_actors.append(TopActor(
            row["actor_id"], row["name"], row["kind"], row["mentions"], row["documents"], row["previous_7_days"],
            float(row["previous_daily_average"]), float(row["change"])))
    for row in frames["late_arrivals"].iter_rows(named=True):
        summary.late_arrivals.append(LateArrival(_ref(row, None, None), row["source"], row["published_day"]))
    for row in frames["validation"].iter_rows(named=True):
        summary.validation.append(ValidationCheck(
            row["suite"], row["expectation"], row["columns"], bool(row["success"]), int(row["element_count"]),
            int(row["unexpected_count"]), _examples(row["examples"]), row["error"], int(row["quarantined_rows"])))
    return lead.add_lead(summary, list(frames["actors_of_day"].iter_rows(named=True)))
