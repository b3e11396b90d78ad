"""Pollster registry: one canonical name per pollster or partnership, whatever the article wrote.

"NBC/WSJ", "NBC News/Wall Street Journal" and "Wall Street Journal/NBC News" are one pollster: a
name is split into its organisations ("/", "-", "&", "and"), each organisation is looked up, and a
partnership is the set of its parts, in any order. Polling averages (RealClearPolitics,
FiveThirtyEight) are marked ``kind="average"``. The registry ships as ``data/pollsters.toml``; a
file of the same shape named by ``BRIEFING_POLLSTERS_FILE`` adds to it (its entries win).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "pollsters.toml"
_SEPARATORS = re.compile(r"\s*(?:/|\s-\s|-|–|&|\band\b|\bwith\b|\bfor\b)\s*")


@dataclass(frozen=True)
class Pollster:
    """A pollster under its canonical name; ``partners`` are the organisations of a partnership."""

    name: str
    kind: str = "poll"  # "poll" | "average"
    partners: tuple[str, ...] = ()


def _key(text: str) -> str:
    """Comparable form of a name: lower case, no leading 'the', no trailing 'poll', no possessive."""
    text = text.replace("’", "'").strip()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:poll|polls|survey|average|tracking\s+poll)$", "", text, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class PollsterRegistry:
    """Look-ups from a name as written to the canonical pollster."""

    def __init__(self, entries: list[dict]) -> None:
        self._whole: dict[str, Pollster] = {}
        self._parts: dict[str, str] = {}
        self._joint_parts: dict[str, str] = {}
        self._joints: dict[frozenset[str], str] = {}
        for data in entries:
            for part in data.get("part", []):
                for alias in [part["name"], *part.get("aliases", [])]:
                    self._parts[_key(alias)] = part["name"]
                for alias in part.get("joint_aliases", []):
                    self._joint_parts[_key(alias)] = part["name"]
            for joint in data.get("joint", []):
                self._joints[frozenset(joint["parts"])] = joint["name"]
            for entry in data.get("pollster", []):
                pollster = Pollster(entry["name"], entry.get("kind", "poll"), tuple(entry.get("partners", [])))
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    self._whole[_key(alias)] = pollster
        self._part_names = set(self._parts.values())

    def canonical(self, text: str | None) -> Pollster | None:
        """The pollster a name as written stands for (an unknown name stands for itself, tidied)."""
        if not text or not text.strip():
            return None
        key = _key(text)
        if key in self._whole:
            return self._whole[key]
        if key in self._parts:
            return self._joint_or_part([self._parts[key]])
        pieces = [p for p in _SEPARATORS.split(text) if p.strip()]
        if len(pieces) > 1:
            names = [self._parts.get(_key(p)) or self._joint_parts.get(_key(p)) for p in pieces]
            if all(names):
                return self._joint_or_part(names)  # type: ignore[arg-type]
        tidy = re.sub(r"\s+(?:poll|polls|survey)$", "", re.sub(r"^(?:the|The)\s+", "", text.strip()))
        kind = "average" if re.search(r"\baverages?\b", text, re.IGNORECASE) else "poll"
        return Pollster(tidy, kind)

    def _joint_or_part(self, names: list[str]) -> Pollster:
        unique = list(dict.fromkeys(names))
        if len(unique) == 1:
            return Pollster(unique[0])
        known = self._joints.get(frozenset(unique))
        name = known or "/".join(sorted(unique))
        return Pollster(name, "poll", tuple(unique))


def load_registry(extra: Path | None = None) -> PollsterRegistry:
    """The shipped registry, extended by ``extra`` (a TOML file of the same shape) when given."""
    entries = [tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))]
    if extra is not None:
        entries.append(tomllib.loads(Path(extra).read_text(encoding="utf-8")))
    return PollsterRegistry(entries)


@lru_cache(maxsize=4)
def _registry_for(extra: str | None) -> PollsterRegistry:
    return load_registry(Path(extra) if extra else None)


def default_registry() -> PollsterRegistry:
    """The registry in use: shipped entries plus the file named by ``BRIEFING_POLLSTERS_FILE``."""
    return _registry_for(os.environ.get("BRIEFING_POLLSTERS_FILE") or None)
