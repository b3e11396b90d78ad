"""Extraction quality against the reference data in ../shared: the targets hold, measured by the scorer."""

from __future__ import annotations

from flows.evaluation import run_evaluation

from .conftest import shared_path


def test_every_quality_target_holds_on_seeds_and_polnear_dev(tmp_path):
    shared = shared_path("eval", "score.py").parent.parent
    shared_path("corpus", "polnear", "dev", "text")
    lines, held = run_evaluation(shared, out_dir=tmp_path)
    report = "\n".join(lines)
    assert "MISSED" not in report and held, report
    assert "PolNeAR dev claims" in report and "PolNeAR dev poll figures" in report
    assert "option accuracy" in report, "the poll option target is measured"
    assert "PolNeAR dev speakers" in report and "PolNeAR dev entities" in report


def test_evaluation_says_plainly_when_shared_is_absent(tmp_path):
    lines, held = run_evaluation(tmp_path / "no-shared", out_dir=tmp_path)
    assert held and lines[0].startswith("skipped:") and "is absent" in lines[0]
