"""Pollster registry and poll time resolution: pure look-ups, one test per construction."""

from __future__ import annotations

from datetime import date

import pytest

from flows.extraction.poll_time import is_historical, resolve_when
from flows.extraction.pollsters import load_registry

PUBLISHED = date(2016, 9, 17)  # a Saturday


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(
    "written",
    ["NBC/WSJ", "NBC News/Wall Street Journal", "Wall Street Journal/NBC News", "NBC-Wall Street Journal",
     "NBC/Wall Street Journal", "the NBC News/WSJ poll"],
)
def test_registry_partnership_spellings_are_one_pollster(registry, written):
    assert registry.canonical(written).name == "NBC News/Wall Street Journal"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("ABC/Washington Post", "Washington Post-ABC News"), ("Washington Post/ABC News", "Washington Post-ABC News"),
     ("Post-ABC News", "Washington Post-ABC News"), ("Quinnipiac", "Quinnipiac University"),
     ("Post-SurveyMonkey", "Washington Post-SurveyMonkey"), ("CNN/ORC", "CNN/ORC"), ("CNN-ORC", "CNN/ORC")],
)
def test_registry_aliases(registry, written, canonical):
    assert registry.canonical(written).name == canonical


@pytest.mark.parametrize("written", ["RealClearPolitics", "Real Clear Politics", "FiveThirtyEight", "HuffPollster"])
def test_registry_marks_polling_averages(registry, written):
    assert registry.canonical(written).kind == "average"


def test_registry_unknown_name_stands_for_itself(registry):
    found = registry.canonical("Harbor Research Center")
    assert (found.name, found.kind) == ("Harbor Research Center", "poll")
    assert registry.canonical("Post").name == "Post"  # a short part name alone is no pollster of the registry


def test_registry_unknown_partnership_of_known_parts_is_order_free(registry):
    assert registry.canonical("Gallup/CNN").name == registry.canonical("CNN/Gallup").name == "CNN/Gallup"


def test_registry_extended_by_a_configured_file(tmp_path):
    extra = tmp_path / "pollsters.toml"
    extra.write_text('[[pollster]]\nname = "Harbor Research Center"\naliases = ["Harbor"]\n'
                     '[[pollster]]\nname = "Quinnipiac University Poll"\naliases = ["Quinnipiac"]\n', encoding="utf-8")
    registry = load_registry(extra)
    assert registry.canonical("Harbor").name == "Harbor Research Center"
    assert registry.canonical("Quinnipiac").name == "Quinnipiac University Poll"  # the configured entry wins


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [("Friday", date(2016, 9, 16), date(2016, 9, 16)),
     ("on Monday", date(2016, 9, 12), date(2016, 9, 12)),
     ("yesterday", date(2016, 9, 16), date(2016, 9, 16)),
     ("last week", date(2016, 9, 5), date(2016, 9, 11)),
     ("this week", date(2016, 9, 12), date(2016, 9, 17)),
     ("last month", date(2016, 8, 1), date(2016, 8, 31)),
     ("a year ago", date(2015, 8, 19), date(2015, 10, 18)),
     ("late August", date(2016, 8, 21), date(2016, 8, 31)),
     ("early September", date(2016, 9, 1), date(2016, 9, 10)),
     ("in December", date(2015, 12, 1), date(2015, 12, 31)),
     ("in 1998", date(1998, 1, 1), date(1998, 12, 31)),
     ("Sept. 19 to 22", date(2016, 9, 19), date(2016, 9, 22))],
)
def test_time_resolved_against_publication(words, start, end):
    assert resolve_when(words, PUBLISHED) == (start, end)


def test_time_unknown_stays_unknown():
    assert resolve_when("Friday", None) is None
    assert resolve_when("ages 30 to 50", PUBLISHED) is None
    assert resolve_when(None, PUBLISHED) is None


@pytest.mark.parametrize(
    ("clause", "historical"),
    [(" in 1998", True), (" in the last poll to", True), (" a year ago", True), (" back in 2012", True),
     (" support the plan now", False), (" in 2016", False), (" since Monday's debate", False)],
)
def test_historical_figures(clause, historical):
    assert is_historical(clause, PUBLISHED, None) is historical
