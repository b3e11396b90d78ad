"""The day's summary as JSON (``reports/DAY.json``) for downstream tools: pure, from a DailySummary.

Fields are documented in README ("Machine-readable summary"); every fact carries its document id and
character span into the document's stored text.
"""

from __future__ import annotations

import json

from .model import DailySummary

FORMAT_VERSION = 1


def summary_dict(summary: DailySummary) -> dict:
    """The summary as plain JSON-ready data."""
    documents = [{"document_id": ref.document_id, "path": ref.source_path, "title": ref.title,
                  "publisher": group.source, "published": ref.published_at}
                 for group in summary.sources for ref in group.documents]
    return {
        "format_version": FORMAT_VERSION,
        "day": summary.day.isoformat(),
        "timezone": summary.timezone,
        "documents": documents,
        "late_arrivals": [{"document_id": late.ref.document_id, "path": late.ref.source_path,
                           "title": late.ref.title, "publisher": late.source,
                           "published_day": late.published_day.isoformat()} for late in summary.late_arrivals],
        "new_actors": [{"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "roles": a.roles,
                        "affiliation": a.affiliation, "mentions": a.mentions, "document_id": a.ref.document_id,
                        "start_char": a.ref.start} for a in summary.new_actors],
        "claims": [{"claim_id": c.claim_id, "speaker": group.speaker if group.named else None,
                    "speaker_text": c.speaker_text, "kind": c.kind, "cue": c.cue, "text": c.text,
                    "document_id": c.ref.document_id, "start_char": c.ref.start, "end_char": c.ref.end}
                   for group in summary.claims for c in group.claims],
        "poll_figures": [{"poll_id": p.poll_id, "value": p.value, "unit": p.unit, "pollster": p.pollster,
                          "population": p.population, "measure": p.measure, "option": p.option,
                          "when": p.when_text, "document_id": p.ref.document_id, "start_char": p.ref.start,
                          "end_char": p.ref.end, "previous_value": p.previous_value,
                          "previous_document_id": p.previous_ref.document_id if p.previous_ref else None,
                          "change": p.change} for p in summary.polls],
    }


def render_json(summary: DailySummary) -> str:
    """``summary_dict`` as indented JSON text."""
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=1) + "\n"
