"""Measure extraction quality with the reference scorer in ../shared/eval against the gold data.

Writes predictions as JSON Lines (the scorer's format) and prints the scorer's figures beside the
targets the project holds itself to. Reads ../shared only; says so and stops where it is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .config import PROJECT_ROOT
from .parsing import decode_bytes, parse_document

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"


@dataclass(frozen=True)
class Target:
    label: str
    path: tuple[str, ...]  # keys into the scorer's summary JSON
    minimum: float | None = None
    maximum: float | None = None
    gating: bool = True  # False: an issue's goal not reached yet, shown as "open", not failing the run

    def holds(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)


SEEDS_TARGETS = (
    Target("actors recall", ("actors", "recall"), minimum=1.0),
    Target("actors split", ("actors", "split"), maximum=0),
    Target("actors precision", ("actors", "precision"), minimum=0.9),
    Target("claims recall", ("claims", "recall"), minimum=0.9),
    Target("claims speaker accuracy", ("claims", "speaker_accuracy"), minimum=0.9),
    Target("polls recall", ("polls", "recall"), minimum=1.0),
    Target("polls precision", ("polls", "precision"), minimum=1.0),
    Target("polls pollster accuracy", ("polls", "pollster_accuracy"), minimum=1.0),
)
POLNEAR_TARGETS = (
    Target("claims F1 (overlap>=0.3)", ("overlap>=0.3", "f1"), minimum=0.75),
    Target("claims precision (overlap>=0.3)", ("overlap>=0.3", "precision")),
    Target("claims recall (overlap>=0.3)", ("overlap>=0.3", "recall")),
    Target("speaker accuracy (overlap>=0.3)", ("overlap>=0.3", "speaker_accuracy"), minimum=0.9),
    Target("claims F1 (overlap>=0.8)", ("overlap>=0.8", "f1")),
    Target("direct-quote recall (overlap>=0.3)", ("overlap>=0.3", "direct_quote_recall")),
)
POLLS_TARGETS = (
    Target("poll figures F1", ("f1",), minimum=0.9),
    Target("poll figures precision", ("precision",)),
    Target("poll figures recall", ("recall",)),
    Target("pollster accuracy", ("pollster_accuracy",), minimum=0.9),
    Target("option accuracy", ("option_accuracy",), minimum=0.9),
)

# Issue #13's goals, gating: a change that loses one of them fails CI.
SPEAKERS_TARGETS = (
    Target("named speaker accuracy", ("named_speaker_accuracy",), minimum=0.9),
    Target("wrong name shown", ("wrong_name_shown",), maximum=0.05),
    Target("unnamed kept unnamed", ("unnamed_kept_unnamed",), minimum=0.9),
    Target("attributions matched to a claim", ("matched",)),
)
ENTITIES_TARGETS = (
    Target("entities F1", ("f1",), minimum=0.93),
    Target("entities precision", ("precision",)),
    Target("entities recall", ("recall",)),
    Target("entities split", ("split",), maximum=2),
    Target("entities merged", ("merged",), maximum=0),
)
SPEAKERS_GOLD = ("gold", "polnear-dev-speakers.json")


def write_predictions(files: Iterable[Path], out: Path, n_process: int = 1) -> int:
    """Extract every file and write one scorer record per line; returns the number written."""
    from .extraction.pipeline import extract_many, prediction_record

    items = []
    for path in files:
        text = decode_bytes(path.read_bytes()).text
        items.append((str(path), text, parse_document(text)))
    parsed = {key: p for key, _, p in items}
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as fh:
        for key, extraction in extract_many(items, n_process=n_process):
            fh.write(json.dumps(prediction_record(key, parsed[key], extraction), ensure_ascii=False) + "\n")
            written += 1
    return written


def score(shared: Path, mode: str, pred: Path) -> dict:
    """Run ../shared/eval/score.py in one mode and return its summary JSON."""
    args = {
        "seeds": ["--gold", str(shared / "gold" / "seeds.json")],
        "polnear": ["--gold", str(shared / "corpus" / "polnear" / "dev")],
        "polls": ["--gold", str(shared / "gold" / "polnear-dev-polls.json"),
                  "--text-dir", str(shared / "corpus" / "polnear" / "dev" / "text")],
        "speakers": ["--gold", str(shared.joinpath(*SPEAKERS_GOLD))],
        "entities": ["--gold", str(shared.joinpath(*SPEAKERS_GOLD))],
    }[mode]
    cmd = [sys.executable, str(shared / "eval" / "score.py"), mode, *args, "--pred", str(pred), "--json"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def lookup(summary: dict, path: tuple[str, ...]) -> float | None:
    value: object = summary
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, (int, float)) else None


def format_rows(title: str, summary: dict, targets: tuple[Target, ...]) -> list[str]:
    lines = [f"{title}", f"  {'measure':<38} {'value':>7}  target"]
    for target in targets:
        value = lookup(summary, target.path)
        bound = (f">= {target.minimum}" if target.minimum is not None
                 else f"<= {target.maximum}" if target.maximum is not None else "")
        missed = "MISSED" if target.gating else "open"
        verdict = {True: "ok", False: missed, None: ""}[target.holds(value)] if bound else ""
        shown = "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  {target.label:<38} {shown:>7}  {bound:<8} {verdict}")
    return lines


def run_evaluation(shared: Path = DEFAULT_SHARED, out_dir: Path | None = None) -> tuple[list[str], bool]:
    """Score seeds and the PolNeAR dev split; returns the printed lines and whether every target held."""
    if not (shared / "eval" / "score.py").exists():
        return [f"skipped: {shared} (with eval/score.py, gold/ and corpus/) is absent"], True
    out_dir = out_dir or PROJECT_ROOT / "data" / "eval"
    lines: list[str] = []
    all_held = True
    seeds_pred = out_dir / "seeds.jsonl"
    write_predictions(sorted((PROJECT_ROOT / "seeds").glob("*.txt")), seeds_pred)
    runs = [("seed articles (shared/gold/seeds.json)", score(shared, "seeds", seeds_pred), SEEDS_TARGETS)]
    dev_text = shared / "corpus" / "polnear" / "dev" / "text"
    if dev_text.is_dir():
        dev_pred = out_dir / "polnear-dev.jsonl"
        write_predictions(sorted(dev_text.glob("*.txt")), dev_pred)
        runs.append(("PolNeAR dev claims (84 articles)", score(shared, "polnear", dev_pred), POLNEAR_TARGETS))
        runs.append(("PolNeAR dev poll figures", score(shared, "polls", dev_pred), POLLS_TARGETS))
        if shared.joinpath(*SPEAKERS_GOLD).exists():
            runs.append(("PolNeAR dev speakers, resolved (12 labelled articles)",
                         score(shared, "speakers", dev_pred), SPEAKERS_TARGETS))
            runs.append(("PolNeAR dev entities per article", score(shared, "entities", dev_pred), ENTITIES_TARGETS))
        else:
            lines.append(f"speakers and entities skipped: {shared.joinpath(*SPEAKERS_GOLD)} is absent")
    else:
        lines.append(f"PolNeAR dev split skipped: {dev_text} is absent")
    for title, summary, targets in runs:
        lines += format_rows(title, summary, targets)
        all_held &= all(t.holds(lookup(summary, t.path)) is not False for t in targets if t.gating)
    return lines, all_held
