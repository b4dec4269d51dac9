"""The embedded store: a folder holding SQLite (WAL) and the ANN indexes derived from it.

    samestory.db/
      store.sqlite          the source of truth (and its -wal / -shm files)
      index-<space>.usearch one HNSW index of document vectors per embedding space
      postings-<name>.npy   posting lists of the key tables: band keys, fact keys, story keys
      write.lock            held by the one process writing (``flock``)

Writes happen in transactions (``with store.transaction():``): a batch of articles is in the
store entirely or not at all, whatever kills the process. The indexes follow the database: they
are updated in memory as articles are put, dropped on a rollback, saved atomically when the
writer says so (the corpus does at the end of an add and every minute of a long one: a save
writes the whole index, so not after every batch) and on close, and caught up from the stored
vectors when they lag behind the table (:meth:`SQLiteStore.sync_indexes`). The posting lists
(:mod:`.postings`) follow their tables the same way, catching up by rowid at each lookup.

Opening refuses a folder that is not a store (other files in it), a SQLite file that is not a
samestory store, and a store written by a newer version; an older store is migrated.

This module opens the folder (check, connect, migrate) and closes it; the rest of the class is
built in layers, one module each: :mod:`.sqlite_reads` (article lookups and queries),
:mod:`.sqlite_vectors` (vectors, ANN search, index catch-up) and :mod:`.sqlite_writes` (the
write lock, transactions, puts).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StoreError
from .index import IndexSet, UsearchIndex
from .postings import PostingSet
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from .sqlite_writes import LOCK, LOCK_WAIT_SECONDS, ArticleWrites, describe_sqlite_error

__all__ = ["SQLiteStore", "DATABASE", "LOCK", "LOCK_WAIT_SECONDS"]

DATABASE = "store.sqlite"
_STORE_FILES = {DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", LOCK}


class SQLiteStore(ArticleWrites):
    """The store in folder ``path`` (created when absent or empty unless ``create=False``)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, index_factory=UsearchIndex):
        self.path = Path(path)
        self._lock_handle = None
        self._check_folder(create)
        self.db = self._connect()
        self._migrate()
        self.indexes = IndexSet(self.path, index_factory)
        self.postings = PostingSet(self.db, self.path)
        #: moves when a transaction begins or is rolled back (see :mod:`.kept`)
        self.generation = 0

    # -- opening --------------------------------------------------------------------------------

    def _check_folder(self, create: bool) -> None:
        where = str(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(where, "is a file, not a store folder; give --db a new or empty folder")
        if (self.path / DATABASE).exists():
            return
        if not self.path.exists() or not any(self.path.iterdir()):
            if not create:
                raise StoreError(where, "no store here (run samestory add first)")
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(where, f"cannot create the store folder ({err.strerror or err})") from None
            return
        if not set(os.listdir(self.path)) <= _STORE_FILES:
            raise StoreError(where, "is not a samestory store (it holds other files); give --db a new or empty folder")

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path / DATABASE, isolation_level=None, timeout=30.0, check_same_thread=False)
            app = db.execute("PRAGMA application_id").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app != APPLICATION_ID and (app != 0 or tables):
                raise StoreError(str(self.path / DATABASE), "is a SQLite file, but not a samestory store")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as err:
            raise StoreError(str(self.path / DATABASE), describe_sqlite_error(err)) from None
        return db

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                str(self.path),
                f"was written by a newer samestory (schema {version}; this version reads up to {SCHEMA_VERSION}): "
                "upgrade samestory",
            )
        for number in range(version, SCHEMA_VERSION):
            with self._write():  # one transaction per migration: applied entirely or not at all
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def close(self) -> None:
        if self._lock_handle is not None:  # the writer: leave the indexes saved
            self.indexes.save()
            self.postings.save()
        self.unlock()
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _statements(script: str) -> list[str]:
    """The statements of a migration script, to run one by one inside one transaction
    (``executescript`` would commit first). A trigger's body holds semicolons of its own: pieces
    are joined until SQLite says the statement is complete."""
    out, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    return out
