"""Actors across documents in a real DuckDB file: the same actors whatever order the articles arrive in."""

from __future__ import annotations

import duckdb
import pytest

from flows.config import Settings
from flows.ingestion import ingest_folder

from .conftest import shared_path

ARTICLES = {
    "a_full.txt": "Obama visits Ohio\n\nPresident Barack Obama said on Monday that the economy was improving. "
                  "Obama said jobs were up. Russian President Vladimir V. Putin said talks would go on.\n",
    "b_bare.txt": "Talks resume\n\nObama said the talks with Russia were useful. "
                  "Obama added that he would travel again next month.\n",
    "c_variant.txt": "Kremlin reply\n\nVladimir Putin said on Tuesday that Moscow wanted calm. "
                     "Doug Band said the foundation had done nothing wrong.\n",
    "d_formal.txt": "Foundation row\n\nDouglas J. Band said he had raised money for the foundation. "
                    "Mr. Band said the claims were false.\n",
}


def actors_by_document(settings: Settings) -> set[tuple[str, str, frozenset[str]]]:
    """Each person: its canonical name and the documents (by file name) that mention it."""
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        rows = con.execute(
            """select actors.name, actors.kind, list(distinct files.path)
               from mentions
               join actors using (actor_id)
               join files on files.sha256 = mentions.document_id
               where actors.kind = 'person'
               group by actors.actor_id, actors.name, actors.kind"""
        ).fetchall()
    return {(name, kind, frozenset(paths)) for name, kind, paths in rows}


def ingest_in_order(settings: Settings, order: list[str]) -> set:
    for name in order:  # one article a day: each run sees only the actors stored before it
        (settings.seeds_dir / name).write_text(ARTICLES[name], encoding="utf-8")
        ingest_folder(settings)
    return actors_by_document(settings)


def test_two_arrival_orders_give_the_same_actors(tmp_path):
    from flows.config import load_settings

    def fresh(label: str) -> Settings:
        seeds = tmp_path / label / "seeds"
        seeds.mkdir(parents=True)
        return load_settings(seeds_dir=seeds, db_path=tmp_path / label / "briefing.duckdb",
                             reports_dir=tmp_path / label / "reports", slack_token=None)

    forward = ingest_in_order(fresh("forward"), sorted(ARTICLES))
    backward = ingest_in_order(fresh("backward"), sorted(ARTICLES, reverse=True))
    assert forward == backward
    names = {name: paths for name, _, paths in forward}
    assert names["Barack Obama"] == {"a_full.txt", "b_bare.txt"}
    assert names["Vladimir V. Putin"] == {"a_full.txt", "c_variant.txt"}  # the fullest name, either way
    assert names["Douglas J. Band"] == {"c_variant.txt", "d_formal.txt"}  # Doug Band is Douglas J. Band


def test_claims_group_by_actor_id_under_the_canonical_name(settings):
    from datetime import UTC, datetime

    from flows import storage

    (settings.seeds_dir / "day1.txt").write_text(
        "Budget talks\n\nPresident Barack Obama said on Monday that the budget talks were going well.\n",
        encoding="utf-8")
    ingest_folder(settings)
    (settings.seeds_dir / "day2.txt").write_text(
        "Budget deal\n\nObama said the deal would pass the Senate next week. "
        "He said that Republicans had agreed to the spending cuts.\n", encoding="utf-8")
    ingest_folder(settings)
    with storage.connect(settings.db_path, read_only=True) as con:
        groups = storage.query(con, "summary/claims_by_speaker",
                               {"day": datetime.now(UTC).date(), "tz": "UTC"}).to_dicts()
    named = [g for g in groups if g["named"]]
    assert [(g["speaker"], g["claims"]) for g in named] == [("Barack Obama", 3)], groups
    assert {item["speaker_text"] for item in named[0]["items"]} == {"President Barack Obama", "Obama", "He"}


def _same_entity(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two stored actors a reader would take for one: same full-name key, or a surname-only actor
    beside the only full name of that surname, or an acronym beside its spelled-out name."""
    from flows.extraction import names
    from flows.records import alias_key, person_name_key

    (name_a, kind_a), (name_b, kind_b) = a, b
    if kind_a == kind_b == "person":
        key_a, key_b = person_name_key(name_a), person_name_key(name_b)
        if key_a and key_a == key_b:
            return True
        return names.person_key(name_a) == names.person_key(name_b) and not (key_a and key_b)
    if kind_a != kind_b:
        return kind_a != "person" and kind_b != "person" and alias_key(name_a, "x") == alias_key(name_b, "x")
    return alias_key(name_a, kind_a) == alias_key(name_b, kind_b) or names.acronym(name_a) == name_b \
        or names.acronym(name_b) == name_a


def _junk(name: str) -> bool:
    """A headline fragment, run-together link text, a common noun or a sentence piece, not a name."""
    from flows.extraction import names

    words = name.split()
    return (not names.looks_like_name(name) or "\n" in name or len(words) > 6
            or any(w[1:] != w[1:].lower() and not w.isupper() and "." not in w and "-" not in w
                   and w[:2] not in ("Mc", "Ma") for w in words))  # "AnthemESPN"


@pytest.mark.corpus
@pytest.mark.slow
def test_fifty_most_mentioned_actors_of_polnear_are_distinct_and_real(tmp_path):
    """Ingest PolNeAR train and dev (924 articles): the 50 most mentioned actors are 50 entities, none junk."""
    import shutil

    from flows.config import load_settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for split in ("train", "dev"):
        for path in shared_path("corpus", "polnear", split, "text").glob("*.txt"):
            shutil.copy(path, seeds / path.name)  # in a temporary folder only: research data stays out of the repo
    settings = load_settings(seeds_dir=seeds, db_path=tmp_path / "briefing.duckdb", reports_dir=tmp_path / "r",
                             slack_token=None, n_process=1)
    ingest_folder(settings)
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        top = con.execute(
            """select actors.name, actors.kind, count(*) as mentions
               from mentions join actors using (actor_id)
               where actors.kind in ('person', 'organization', 'country')
               group by actors.actor_id, actors.name, actors.kind
               order by mentions desc, actors.name limit 50"""
        ).fetchall()
    assert len(top) == 50
    actors = [(name, kind) for name, kind, _ in top]
    twins = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if _same_entity(a, b)]
    assert twins == [], twins
    junk = [a for a in actors if _junk(a[0])]
    assert junk == [], junk


def test_surname_only_actor_merges_into_the_person_later_called_by_it(settings):
    docs = {
        "1_bare.txt": "Rally\n\nMr. Trump said the rally in Ohio was huge. He said he would return.\n",
        "2_daughter.txt": "Campaign\n\nIvanka Trump said she would campaign in Ohio. Ivanka said it was a pleasure.\n",
        "3_full.txt": "Debate\n\nDonald Trump said he won the debate. Trump said the moderators were unfair.\n",
    }
    for name in sorted(docs):
        (settings.seeds_dir / name).write_text(docs[name], encoding="utf-8")
        ingest_folder(settings)
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        people = con.execute(
            """select actors.name, list(distinct files.path order by files.path)
               from mentions join actors using (actor_id) join files on files.sha256 = mentions.document_id
               where actors.kind = 'person' group by actors.actor_id, actors.name order by actors.name"""
        ).fetchall()
        merges = con.execute("select count(*) from actor_merges").fetchone()[0]
        history = con.execute("select name from actors where merged_into is not null").fetchall()
    assert people == [("Donald Trump", ["1_bare.txt", "3_full.txt"]), ("Ivanka Trump", ["2_daughter.txt"])]
    assert merges == 1 and history == [("Trump",)]
