"""The posting lists derived from the store's key tables (``samestory.store.postings``): they
answer what the tables' key indexes answered, follow the tables through commits, rollbacks, kills
between a commit and a save, a reader beside the writer, and a migrated older store."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from samestory.corpus.upkeep import check_store
from samestory.store import ExactIndex, SQLiteStore
from samestory.store.postings import postings_file, text_term
from samestory.store.schema import APPLICATION_ID, MIGRATIONS


def _store(path) -> SQLiteStore:
    return SQLiteStore(path, index_factory=ExactIndex)


def _fact_rows(store: SQLiteStore, article: int, keys: list[tuple[str, str]]) -> None:
    store.db.executemany("INSERT INTO entity_keys VALUES (?, ?, ?)", [(article, kind, k) for kind, k in keys])


def _articles(store: SQLiteStore, n: int) -> None:
    """Bare article rows for the key rows to point at (foreign keys are on)."""
    for key in range(1, n + 1):
        store.db.execute(
            "INSERT INTO articles (key, id, version, current, record_hash, origin, format, lang, lang_confidence,"
            " text, paragraphs, sentences, removed, warnings, facts, space, added)"
            " VALUES (?, ?, 1, 1, ?, '', 'text', 'en', 1, '', '[]', '[]', '[]', '[]', '{}', 'fake', '')",
            (key, f"a{key}", f"h{key}"),
        )


def _saved_facts(folder, facts: dict[int, list[tuple[str, str]]]) -> None:
    """A writer stores articles 1..2 with these fact keys and saves the facts' posting file."""
    with _store(folder) as store:
        store.lock()
        with store.transaction():
            _articles(store, 2)
            for article, keys in facts.items():
                _fact_rows(store, article, keys)
            store.fact_df([])  # loaded: a process saves only the posting lists it has used
        store.postings.save(min_rows=1)
    assert postings_file(folder, "facts").exists()


def _behind_the_stores_back(folder, *statements: str) -> None:
    db = sqlite3.connect(folder / "store.sqlite")
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_holders_and_counts_follow_the_table_in_write_order(tmp_path):
    with _store(tmp_path / "db") as store:
        store.lock()
        with store.transaction():
            _articles(store, 4)
            _fact_rows(store, 3, [("name", "vera"), ("day", "03-01")])
            _fact_rows(store, 1, [("name", "vera")])
            # the writer sees its own uncommitted rows, as it saw them in SQL
            assert store.fact_df([("name", "vera"), ("name", "nobody")]) == {("name", "vera"): 2, ("name", "nobody"): 0}
        store.postings.save(min_rows=1)  # merged: the base (the file) now holds these rows
        with store.transaction():
            _fact_rows(store, 2, [("name", "vera")])
        facts = store.postings.facts
        assert facts.holders([text_term("name", "vera")]) == {text_term("name", "vera"): [3, 1, 2]}
        assert facts.holders([text_term("name", "vera")], limit=2)[text_term("name", "vera")] == [3, 1]
        assert store.fact_df([("day", "03-01")]) == {("day", "03-01"): 1}
    with _store(tmp_path / "db") as store:  # reopened: the base from the file, the rest caught up
        assert store.postings.facts.holders([text_term("name", "vera")])[text_term("name", "vera")] == [3, 1, 2]
        assert store.postings.facts.drift() == (4, 4)


def test_a_rolled_back_transaction_leaves_no_posting(tmp_path):
    with _store(tmp_path / "db") as store:
        store.lock()
        with store.transaction():
            _articles(store, 3)
            store.add_story_keys(1, ["n:vera"])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_story_keys(2, ["n:vera", "n:orlo"])
            assert store.story_key_holders(["n:vera", "n:orlo"], 5) == {"n:vera": [1, 2], "n:orlo": [2]}
            raise RuntimeError("the batch fails")
        assert store.story_key_holders(["n:vera", "n:orlo"], 5) == {"n:vera": [1], "n:orlo": []}
        with store.transaction():  # the rowids the rollback freed are written again
            store.add_story_keys(3, ["n:orlo"])
        assert store.story_key_holders(["n:vera", "n:orlo"], 5) == {"n:vera": [1], "n:orlo": [3]}


def test_a_file_that_no_longer_matches_its_table_is_not_trusted(tmp_path):
    _saved_facts(tmp_path / "db", {1: [("name", "vera"), ("name", "orlo")]})
    # the rows the file was saved from are gone and others took their rowids (a lost tail after a
    # power cut): the base is rebuilt from the table, not believed
    _behind_the_stores_back(
        tmp_path / "db",
        "DELETE FROM entity_keys",
        "INSERT INTO entity_keys VALUES (2, 'name', 'ines'), (2, 'name', 'tomas')",
    )
    with _store(tmp_path / "db") as store:
        assert store.fact_df([("name", "vera"), ("name", "tomas")]) == {("name", "vera"): 0, ("name", "tomas"): 1}


def test_a_reader_follows_the_writer_and_reloads_its_saves(tmp_path):
    with _store(tmp_path / "db") as writer, _store(tmp_path / "db") as reader:
        writer.lock()
        with writer.transaction():
            _articles(writer, 3)
            _fact_rows(writer, 1, [("name", "vera")])
            writer.fact_df([])  # (a process saves only posting lists it has loaded)
        assert reader.fact_df([("name", "vera")])[("name", "vera")] == 1  # caught up from the table
        writer.postings.save(min_rows=1)
        with writer.transaction():
            _fact_rows(writer, 2, [("name", "vera")])
        assert reader.fact_df([("name", "vera")])[("name", "vera")] == 2
        writer.postings.save(min_rows=1)
        assert reader.fact_df([("name", "vera")])[("name", "vera")] == 2
        assert isinstance(reader.postings.facts._terms, np.memmap)  # the writer's new base, mapped
        assert reader.postings.facts.drift() == (2, 2)


def test_check_finds_a_posting_file_out_of_step_and_repair_rebuilds_it(tmp_path):
    _saved_facts(tmp_path / "db", {1: [("name", "vera")], 2: [("name", "orlo")]})
    _behind_the_stores_back(tmp_path / "db", "DELETE FROM entity_keys WHERE article = 1")
    with _store(tmp_path / "db") as store:
        report = check_store(store)
        assert any("postings-facts.npy: holds 2 rows, entity_keys has 1" in p for p in report.problems)
        store.lock()
        repaired = check_store(store, repair=True)
        assert any("postings-facts.npy: rebuilt from the 1 rows" in r for r in repaired.repaired)
        assert store.fact_df([("name", "vera"), ("name", "orlo")]) == {("name", "vera"): 0, ("name", "orlo"): 1}
    with _store(tmp_path / "db") as store:
        assert not [p for p in check_store(store).problems if "postings" in p]


def test_a_store_of_schema_1_is_migrated_and_its_keys_found(tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    db = sqlite3.connect(folder / "store.sqlite", isolation_level=None)
    db.executescript(MIGRATIONS[0])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO articles (key, id, version, current, record_hash, origin, format, lang, lang_confidence, text,"
        " paragraphs, sentences, removed, warnings, facts, space, added)"
        " VALUES (1, 'a1', 1, 1, 'h1', '', 'text', 'en', 1, '', '[]', '[]', '[]', '[]', '{}', 'f', '')"
    )
    db.execute("INSERT INTO bands VALUES (0, 77, 1)")
    db.execute("INSERT INTO entity_keys VALUES (1, 'place', 'c:VER')")
    db.execute("INSERT INTO entity_df VALUES ('place', 'c:VER', 1)")
    db.execute("INSERT INTO story_keys VALUES ('r:c:VER', 1)")
    db.close()
    with _store(folder) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert not names & {"bands_key", "entity_keys_key", "story_keys_key", "entity_df"}
        assert store.band_candidates((77,)) == [1] and store.band_candidates((0, 77)) == []
        assert store.fact_df([("place", "c:VER")]) == {("place", "c:VER"): 1}
        assert store.story_key_holders(["r:c:VER"], 3) == {"r:c:VER": [1]}
        assert not [p for p in check_store(store).problems if "postings" in p]


def test_tails_are_merged_once_they_hold_an_eighth_of_the_base(tmp_path):
    from samestory.store.postings import MAX_TAIL, MIN_TAIL, merge_threshold

    assert merge_threshold(0) == MIN_TAIL and merge_threshold(8 * MIN_TAIL + 8) == MIN_TAIL + 1
    assert merge_threshold(10**9) == MAX_TAIL
    with _store(tmp_path / "db") as store:
        store.lock()
        with store.transaction():
            _articles(store, 2)
            _fact_rows(store, 1, [("name", "vera")])
            assert store.fact_df([("name", "vera")]) == {("name", "vera"): 1}
        store.save_indexes()  # the base this process built from the table is saved
        saved = postings_file(tmp_path / "db", "facts").stat().st_mtime_ns
        with store.transaction():
            _fact_rows(store, 2, [("name", "vera")])
        store.save_indexes()  # a tail of one row is not worth rewriting the file for
        assert postings_file(tmp_path / "db", "facts").stat().st_mtime_ns == saved
        assert store.fact_df([("name", "vera")]) == {("name", "vera"): 2}
    with _store(tmp_path / "db") as store:  # the next process catches the tail up from the table
        assert store.fact_df([("name", "vera")]) == {("name", "vera"): 2}
