"""Claims: direct quotes and reported speech with their speakers."""

from __future__ import annotations

from ..parsing import ParsedDocument
from .actors import ActorIndex
from .model import Claim


def extract_claims(doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> list[Claim]:
    """Placeholder: no claims yet."""
    return []
