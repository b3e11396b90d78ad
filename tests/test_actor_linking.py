"""Actors across documents in a real DuckDB file: the same actors whatever order the articles arrive in."""

from __future__ import annotations

import duckdb

from flows.config import Settings
from flows.ingestion import ingest_folder

ARTICLES = {
    "a_full.txt": "Obama visits Ohio\n\nPresident Barack Obama said on Monday that the economy was improving. "
                  "Russian President Vladimir V. Putin said talks would go on.\n",
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
