"""A small quality gate on files the repository owns (the four seeds), which runs where ../shared is absent.

The expected facts were read off the seed texts by hand: who said which quotation, which poll figures
the Levada Center article reports, and that the other seeds report none.
"""

from __future__ import annotations

from flows.extraction.pipeline import extract_many
from flows.parsing import parse_document

from .conftest import SEEDS


def _extract() -> dict[str, tuple[str, object]]:
    items = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        items.append((path.name[:3], text, parse_document(text)))
    texts = {key: text for key, text, _ in items}
    return {key: (texts[key], extraction) for key, extraction in extract_many(items)}


def _quote_by(extraction, opening: str) -> str | None:
    return next((c.speaker for c in extraction.claims if c.kind == "direct" and c.text.startswith(opening)), None)


def test_the_seeds_gate():
    seeds = _extract()
    assert sorted(seeds) == ["000", "001", "002", "003"]

    _, levada = seeds["002"]
    assert sorted(p.value for p in levada.polls) == [16.0, 21.0, 32.0, 40.0, 48.0, 52.0, 55.0]
    assert {p.pollster for p in levada.polls} == {"Levada Center"}
    assert all(not seeds[key][1].polls for key in ("000", "001", "003"))

    assert _quote_by(seeds["000"][1], "We informed them of our intention") == "Vladimir Putin"
    assert _quote_by(levada, "There now seems to be no short-term hope") == "Alexei Mukhin"
    assert _quote_by(seeds["003"][1], "The question is not how long the operation") == "Sergei Lavrov"
    names = {a.name for a in seeds["000"][1].actors}
    assert {"Vladimir Putin", "Angela Merkel", "Francois Hollande", "Bashar Al Assad"} <= names

    for text, extraction in seeds.values():  # every span is true to the text
        assert all(text[c.span[0]:c.span[1]] == c.text for c in extraction.claims)
        assert all(0 <= a < b <= len(text) for actor in extraction.actors for a, b in actor.mentions)


def test_a_run_without_shared_says_loudly_that_the_quality_gate_did_not_run(tmp_path):
    import os
    import subprocess
    import sys

    from flows.config import PROJECT_ROOT

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_quality.py::test_every_quality_target_holds_on_seeds_and_polnear_dev"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "BRIEFING_TEST_SHARED": str(tmp_path / "no-shared")})
    assert proc.returncode == 0 and "1 skipped" in proc.stdout, proc.stdout[-2000:]
    assert "QUALITY GATE NOT RUN: ../shared is absent" in proc.stdout
    assert "tests/test_quality.py::test_every_quality_target_holds_on_seeds_and_polnear_dev" in proc.stdout
