"""The embedded store: refusing what is not a store, migrations, transactions that are all or
nothing (disk full, read-only folder), and the ANN index following the table."""

from __future__ import annotations

import os
import sqlite3

import numpy as np
import pytest

from samestory.errors import StoreError
from samestory.store import SCHEMA_VERSION, Entry, ExactIndex, SQLiteStore
from samestory.store.index import UsearchIndex, index_file
from samestory.types import Article, Cleaned, Embedding, Facts, LanguageGuess, Mention


def _entry(n: int, dim: int = 8, lang: str = "en", text: str | None = None) -> Entry:
    rng = np.random.default_rng(n)
    vectors = rng.normal(size=(3, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    document = vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0))
    paragraphs = (text or f"Story number {n} happened.", "It went on.")
    article = Article(
        id=f"a{n}",
        text="\n".join(paragraphs),
        title=f"Title {n}",
        origin=f"f.jsonl:{n}",
        format="jsonl",
        language=LanguageGuess(lang, 0.9),
        cleaned=Cleaned(f"Title {n}", paragraphs, ()),
        sentences=paragraphs,
        embedding=Embedding("fake", document, vectors),
        facts=Facts(lang, (Mention("Verlac", "virlak", "place", 1, "c:VER"),), (), (), ()),
    )
    return Entry(
        article, record_hash=f"h{n}", content_hash=f"c{n}", signature=np.arange(8, dtype=np.uint32), bands=(n, n + 1)
    )


def _store(path, index_factory=ExactIndex) -> SQLiteStore:
    return SQLiteStore(path, index_factory=index_factory)


def test_put_and_read_back(tmp_path):
    with _store(tmp_path / "db") as store:
        store.lock()  # the writer saves its indexes when it closes
        with store.transaction():
            keys = [store.put(_entry(n)) for n in range(3)]
        assert keys == [1, 2, 3]
        stored = store.by_id("a1")
        assert stored is not None and stored.paragraphs == ("Story number 1 happened.", "It went on.")
        assert stored.facts is not None and stored.facts.names[0].ref == "c:VER"
        assert store.known_record("h2").key == 3 and store.current("a0").version == 1
        assert store.band_candidates((0, 99)) == [1] and store.band_candidates((5, 2)) == [2]
        assert np.allclose(store.paragraph_vectors(1), _entry(0).article.embedding.paragraphs, atol=0.02)
        index = store.indexes.get("fake", 8)
        assert sorted(index.keys().tolist()) == [1, 2, 3]
    # reopened: the table and the saved index agree
    with _store(tmp_path / "db") as store:
        assert store.counts()["articles"] == 3 and store.sync_indexes() == {"fake": (0, 0)}


def test_a_failing_batch_leaves_nothing_behind(tmp_path):
    with _store(tmp_path / "db") as store:
        with store.transaction():
            store.put(_entry(0))
        with pytest.raises(RuntimeError), store.transaction():
            store.put(_entry(1))
            raise RuntimeError("killed halfway")
        assert store.counts()["articles"] == 1 and store.known_record("h1") is None
        assert sorted(store.indexes.get("fake", 8).keys().tolist()) == [1]  # the in-memory add was dropped too


def test_disk_full_is_a_clear_error_and_writes_nothing(tmp_path):
    with _store(tmp_path / "db") as store:
        with store.transaction():
            store.put(_entry(0))
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 1}")
        with (
            pytest.raises(StoreError, match="the disk is full: nothing of this batch was written"),
            store.transaction(),
        ):
            for n in range(1, 40):
                store.put(_entry(n, text="word " * 400))
        assert store.counts()["articles"] == 1


def test_a_read_only_folder_is_a_clear_error():
    import tempfile
    from pathlib import Path

    tmp_path = Path(tempfile.mkdtemp(dir="/tmp"))
    os.chmod(tmp_path, 0o755)  # the unprivileged child must reach the folder (mkdtemp makes it 0700)
    with _store(tmp_path / "db") as store, store.transaction():
        store.put(_entry(0))
    os.chmod(tmp_path / "db", 0o555)
    os.chmod(tmp_path / "db" / "store.sqlite", 0o444)
    pid = os.fork()
    if pid == 0:  # as an ordinary user (root ignores permissions): try to write
        code = 3
        try:
            os.setgid(65534)
            os.setuid(65534)
            with _store(tmp_path / "db") as store, store.transaction():
                store.put(_entry(1))
            code = 1
        except StoreError as err:
            code = 0 if "cannot be written" in str(err) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    os.chmod(tmp_path / "db", 0o755)
    assert os.waitstatus_to_exitcode(status) == 0
    with _store(tmp_path / "db") as store:
        assert store.counts()["articles"] == 1


def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(tmp_path):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.txt").write_text("my only copy")
    with pytest.raises(StoreError, match="is not a samestory store"):
        SQLiteStore(tmp_path / "thesis")
    assert os.listdir(tmp_path / "thesis") == ["chapter1.txt"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        SQLiteStore(tmp_path / "file")


def test_a_foreign_sqlite_file_and_a_newer_store_are_refused(tmp_path):
    (tmp_path / "other").mkdir()
    sqlite3.connect(tmp_path / "other" / "store.sqlite").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a samestory store"):
        SQLiteStore(tmp_path / "other")
    with _store(tmp_path / "db") as store:
        store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=f"newer samestory \\(schema {SCHEMA_VERSION + 1}; this version reads up to"):
        SQLiteStore(tmp_path / "db")


def test_an_older_store_is_migrated(tmp_path, monkeypatch):
    from samestory.store import schema, sqlite

    with _store(tmp_path / "db"):
        pass
    extra = "CREATE TABLE later (x INTEGER)"
    monkeypatch.setattr(sqlite, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(sqlite, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with _store(tmp_path / "db") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert store.db.execute("SELECT count(*) FROM later").fetchone()[0] == 0


def test_a_lagging_or_lost_index_is_caught_up_from_the_table(tmp_path):
    with _store(tmp_path / "db", UsearchIndex) as store:
        store.lock()  # a writer: its close saves the index, which is then lost
        with store.transaction():
            for n in range(5):
                store.put(_entry(n))
    index_file(tmp_path / "db", "fake").unlink()
    with _store(tmp_path / "db", UsearchIndex) as store:
        assert store.sync_indexes() == {"fake": (5, 0)}
        keys, _ = store.indexes.get("fake", 8).search(_entry(3).article.embedding.document, 1)
        assert keys[0, 0] == 4


def test_retired_versions_leave_the_index_but_stay_as_history(tmp_path):
    with _store(tmp_path / "db") as store:
        with store.transaction():
            old = store.put(_entry(0))
        with store.transaction():
            store.retire(old)
            entry = _entry(1)
            new = store.put(
                Entry(entry.article.__class__(**{**_fields(entry.article), "id": "a0"}), "h-new", "c-new", version=2)
            )
        assert store.current("a0").key == new and store.counts() == {"articles": 1, "versions": 2, "duplicates": 0}
        assert store.indexes.get("fake", 8).keys().tolist() == [new]


def _fields(article: Article) -> dict:
    return {name: getattr(article, name) for name in article.__dataclass_fields__}


def test_one_writer_at_a_time(tmp_path):
    first, second = _store(tmp_path / "db"), _store(tmp_path / "db")
    first.lock()
    with pytest.raises(StoreError, match="another samestory process is writing"):
        second.lock(wait=0.3)
    first.unlock()
    second.lock(wait=0.3)
    first.close()
    second.close()
