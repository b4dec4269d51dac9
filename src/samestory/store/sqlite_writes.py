"""The write side of :class:`~samestory.store.sqlite.SQLiteStore`: the lock, transactions, puts.

One process writes a store at a time (``flock`` on ``write.lock``); every write runs in a
``BEGIN IMMEDIATE`` transaction, so a batch is in the store entirely or not at all, and a
rollback also takes back what the batch added to the in-memory indexes. SQLite's errors are
turned into :class:`~samestory.errors.StoreError` messages that say what to do. A layer over
:class:`~.sqlite_vectors.VectorQueries` (see :mod:`.sqlite_reads` why the store is built in
layers).
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import numpy as np

from ..embed.documents import opening_space, opening_vector
from ..entities import fact_keys
from ..errors import StoreError, UsageError
from ..types import Article
from .records import DuplicateLink, Entry, facts_to_json, quantise
from .sqlite_vectors import VectorQueries

__all__ = ["ArticleWrites", "LOCK", "LOCK_WAIT_SECONDS", "describe_sqlite_error"]

#: The file in the store folder that the writing process holds ``flock`` on.
LOCK = "write.lock"
#: How long a writer waits for another process's write lock before giving up.
LOCK_WAIT_SECONDS = 30.0


class ArticleWrites(VectorQueries):
    """Taking the write lock, transactions, and every write of articles, vectors and runs."""

    path: Path  # the store folder, set by SQLiteStore
    _lock_handle: IO[str] | None  # the open write.lock while this process holds it
    generation: int  # moves at each transaction's start and rollback (SQLiteStore)

    def lock(self, wait: float = LOCK_WAIT_SECONDS) -> None:
        """Take the store's write lock (one writing process at a time), waiting up to ``wait`` s."""
        if self._lock_handle is not None:
            return
        handle = open(self.path / LOCK, "a+")  # noqa: SIM115 (held until unlock, not a block)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise StoreError(
                        str(self.path), "another samestory process is writing this store; try again later"
                    ) from None
                time.sleep(0.2)
        self._lock_handle = handle

    def unlock(self) -> None:
        if self._lock_handle is not None:
            fcntl.flock(self._lock_handle, fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic batch of writes; on a rollback the indexes take back what it added."""
        self.generation += 1
        try:
            with self._write():
                yield
        except BaseException:
            self.generation += 1
            self.postings.rolled_back()
            if self.indexes.rollback():
                self.sync_indexes(save=False)
            raise
        self.indexes.commit()

    def save_indexes(self) -> None:
        """Write the indexes that changed, and the posting lists whose tails are large enough to
        merge (atomically); only the writer does."""
        self.indexes.save()
        self.postings.save()

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            self._rollback()
            raise StoreError(str(self.path), describe_sqlite_error(err)) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.db.in_transaction:  # SQLite has already rolled back after "disk full"
            self.db.execute("ROLLBACK")

    def put(self, entry: Entry) -> int:
        """Store one prepared article; returns its key. Inside :meth:`transaction`."""
        a = entry.article
        if a.language is None or a.cleaned is None or a.embedding is None:
            raise UsageError(f"{a.origin or a.id}: not prepared for the store (language, clean, embed)")
        cleaned, embedding = a.cleaned, a.embedding
        cursor = self.db.execute(
            "INSERT INTO articles (id, version, current, record_hash, content_hash, origin, format, title, url,"
            " published, source, declared_lang, lang, lang_confidence, text, paragraphs, sentences, removed,"
            " warnings, facts, space, added) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                entry.version,
                entry.record_hash,
                entry.content_hash,
                a.origin,
                a.format,
                a.title,
                a.url,
                a.published,
                a.source,
                a.declared_lang,
                a.language.lang,
                a.language.confidence,
                a.text,
                _json(cleaned.paragraphs),
                _json(a.sentences),
                _json([r.to_dict() for r in cleaned.removed]),
                _json(a.warnings + cleaned.warnings),
                facts_to_json(a.facts),
                embedding.space,
                _now(),
            ),
        )
        key = int(cursor.lastrowid or 0)
        document = np.asarray(embedding.document, dtype=np.float32)
        self.db.execute("INSERT INTO vectors VALUES (?, ?, ?)", (key, embedding.space, document.tobytes()))
        self.db.execute(
            "INSERT INTO paragraph_vectors VALUES (?, ?, ?)",
            (key, len(embedding.paragraphs), quantise(embedding.paragraphs)),
        )
        self._put_facts(key, a)
        if entry.signature is not None:
            self.db.execute("INSERT INTO signatures VALUES (?, ?)", (key, np.asarray(entry.signature).tobytes()))
            self.db.executemany("INSERT INTO bands VALUES (?, ?, ?)", [(b, k, key) for b, k in enumerate(entry.bands)])
        self.indexes.add(embedding.space, np.array([key]), document[None, :])
        opening = opening_vector(embedding, cleaned.title, cleaned.paragraphs)
        if opening is not None:  # a long article's opening: search's second way in
            self.add_vector(key, opening_space(embedding.space), opening)
        return key

    def _put_facts(self, key: int, article: Article) -> None:
        if article.facts is None:
            return
        rows = fact_keys(article.facts)
        self.db.executemany("INSERT INTO entity_keys VALUES (?, ?, ?)", [(key, kind, k) for kind, k in rows])

    def add_story_keys(self, key: int, entity_keys: Iterable[str]) -> None:
        """The clusterer's entity keys of a stored article (candidates by shared names)."""
        self.db.executemany("INSERT INTO story_keys VALUES (?, ?)", [(k, key) for k in entity_keys])

    def clear_story_keys(self) -> None:
        """Every article's story keys, before the stories are rebuilt (their posting lists go
        first: a kill in between leaves them to be rebuilt, never stale)."""
        self.postings.story.invalidate()
        self.db.execute("DELETE FROM story_keys")

    def add_vector(self, key: int, space: str, vector: np.ndarray) -> None:
        """Another space's document vector of a stored article (and into that space's index)."""
        vector = np.asarray(vector, dtype=np.float32)
        self.db.execute("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", (key, space, vector.tobytes()))
        self.indexes.add(space, np.array([key]), vector[None, :])

    def link_duplicate(self, key: int, link: DuplicateLink) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?, ?, ?)",
            (key, link.target, link.leader, link.cls, link.score, _json(link.evidence)),
        )

    def retire(self, key: int) -> None:
        """An older version: no longer current, out of the index (its rows stay, as history)."""
        row = self.db.execute("SELECT space FROM articles WHERE key = ?", (key,)).fetchone()
        self.db.execute("UPDATE articles SET current = 0 WHERE key = ?", (key,))
        vector = self.document_vector(key)
        if row and vector is not None:
            self.indexes.remove(row[0], len(vector), [key])
            if self.vector(key, opening_space(row[0])) is not None:
                self.indexes.remove(opening_space(row[0]), len(vector), [key])

    def start_run(self, inputs: list[str]) -> int:
        with self._write():
            cursor = self.db.execute("INSERT INTO runs (started, inputs) VALUES (?, ?)", (_now(), _json(inputs)))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run: int, summary: dict) -> None:
        with self._write():
            self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE run = ?", (_now(), _json(summary), run))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def describe_sqlite_error(err: sqlite3.DatabaseError) -> str:
    """What a SQLite error means for the user, and what to do about it."""
    name = getattr(err, "sqlite_errorname", "")
    if name in ("SQLITE_FULL",):
        return "the disk is full: nothing of this batch was written"
    if name.startswith("SQLITE_READONLY") or name == "SQLITE_CANTOPEN":
        return f"the store cannot be written ({err}): check the folder's permissions and free space"
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return "the store is busy (another process holds it); try again"
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return (
            f"the database is damaged or not SQLite ({err}); restore it from a backup, or try sqlite3's "
            "'.recover' command on a copy"
        )
    return f"database error ({err})"
