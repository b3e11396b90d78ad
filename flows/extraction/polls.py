"""Poll figures: survey results with value, unit, pollster, population, measure, option and time."""

from __future__ import annotations

from ..parsing import ParsedDocument
from .actors import ActorIndex
from .model import PollFigure


def extract_polls(doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> list[PollFigure]:
    """Placeholder: no poll figures yet."""
    return []
