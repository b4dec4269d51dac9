"""The embedded store: a folder holding SQLite (WAL) and the ANN indexes derived from it.

    samestory.db/
      store.sqlite          the source of truth (and its -wal / -shm files)
      index-<space>.usearch one HNSW index of document vectors per embedding space
      write.lock            held by the one process writing (``flock``)

Writes happen in transactions (``with store.transaction():``): a batch of articles is in the
store entirely or not at all, whatever kills the process. The indexes follow the database: they
are updated in memory as articles are put, dropped on a rollback, saved atomically when the
writer says so (the corpus does at the end of an add and every minute of a long one: a save
writes the whole index, so not after every batch) and on close, and caught up from the stored
vectors when they lag behind the table (:meth:`SQLiteStore.sync_indexes`).

Opening refuses a folder that is not a store (other files in it), a SQLite file that is not a
samestory store, and a store written by a newer version; an older store is migrated.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import numpy as np

from ..entities import fact_keys
from ..errors import StoreError, UsageError
from ..types import Article
from .index import IndexSet, UsearchIndex
from .records import (
    DuplicateLink,
    Entry,
    StoredArticle,
    StoredRef,
    dequantise,
    facts_from_json,
    facts_to_json,
    quantise,
)
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

__all__ = ["SQLiteStore", "DATABASE", "LOCK"]

DATABASE = "store.sqlite"
LOCK = "write.lock"
#: How long a writer waits for another process's write lock before giving up.
LOCK_WAIT_SECONDS = 30.0
_STORE_FILES = {DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", LOCK}


class SQLiteStore:
    """The store in folder ``path`` (created when absent or empty unless ``create=False``)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, index_factory=UsearchIndex):
        self.path = Path(path)
        self._lock_handle: IO[str] | None = None
        self._check_folder(create)
        self.db = self._connect()
        self._migrate()
        self.indexes = IndexSet(self.path, index_factory)

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
            raise StoreError(str(self.path / DATABASE), _describe(err)) from None
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
        self.unlock()
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------

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
        try:
            with self._write():
                yield
        except BaseException:
            if self.indexes.rollback():
                self.sync_indexes(save=False)
            raise
        self.indexes.commit()

    def save_indexes(self) -> None:
        """Write the indexes that changed (atomically); only the writer does."""
        self.indexes.save()

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            self._rollback()
            raise StoreError(str(self.path), _describe(err)) from None
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
        return key

    def _put_facts(self, key: int, article: Article) -> None:
        if article.facts is None:
            return
        rows = fact_keys(article.facts)
        self.db.executemany("INSERT INTO entity_keys VALUES (?, ?, ?)", [(key, kind, k) for kind, k in rows])
        self.db.executemany(
            "INSERT INTO entity_df VALUES (?, ?, 1) ON CONFLICT (kind, key) DO UPDATE SET df = df + 1", rows
        )

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

    def start_run(self, inputs: list[str]) -> int:
        with self._write():
            cursor = self.db.execute("INSERT INTO runs (started, inputs) VALUES (?, ?)", (_now(), _json(inputs)))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run: int, summary: dict) -> None:
        with self._write():
            self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE run = ?", (_now(), _json(summary), run))

    # -- reading --------------------------------------------------------------------------------

    def known_record(self, record_hash: str) -> StoredRef | None:
        return self._ref("record_hash = ?", record_hash)

    def current(self, id: str) -> StoredRef | None:
        return self._ref("id = ? AND current = 1", id)

    def _ref(self, where: str, value: str) -> StoredRef | None:
        row = self.db.execute(f"SELECT key, id, version, record_hash FROM articles WHERE {where}", (value,)).fetchone()
        return StoredRef(*row) if row else None

    def first_with_content(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT min(key) FROM articles WHERE content_hash = ? AND current = 1", (content_hash,)
        ).fetchone()
        return row[0] if row and row[0] is not None else None

    def band_candidates(self, bands: tuple[int, ...]) -> list[int]:
        """Current articles sharing at least one LSH band key, in key order."""
        if not bands:
            return []
        found: set[int] = set()
        for band, key in enumerate(bands):
            found.update(
                r[0] for r in self.db.execute("SELECT article FROM bands WHERE band = ? AND key = ?", (band, key))
            )
        return [k for k in sorted(found) if self.is_current(k)]

    def sharing_facts(
        self, keys: list[tuple[str, str]], *, min_shared: int, max_df: int, limit: int, other_than_space: str
    ) -> list[tuple[int, int]]:
        """(article, shared) of current articles outside a vector space that share at least
        ``min_shared`` of ``keys``, counting only keys held by at most ``max_df`` articles (a key
        everybody has says nothing, and its long list of articles would cost the most); most
        shared first."""
        rare = [k for k in keys if 0 < self._df(k) <= max_df]
        if len(rare) < min_shared:
            return []
        counts: dict[int, int] = {}
        for kind, key in rare:
            for (article,) in self.db.execute(
                "SELECT article FROM entity_keys WHERE kind = ? AND key = ?", (kind, key)
            ):
                counts[article] = counts.get(article, 0) + 1
        found = sorted(((n, -a) for a, n in counts.items() if n >= min_shared), reverse=True)
        out = []
        for n, negative in found:
            row = self.db.execute("SELECT current, space FROM articles WHERE key = ?", (-negative,)).fetchone()
            if row and row[0] and row[1] != other_than_space:
                out.append((-negative, n))
            if len(out) == limit:
                break
        return out

    def _df(self, key: tuple[str, str]) -> int:
        row = self.db.execute("SELECT df FROM entity_df WHERE kind = ? AND key = ?", key).fetchone()
        return row[0] if row else 0

    def without_vector(self, space: str, other_than_space: str) -> list[int]:
        """Current articles of another primary space that have no vector in ``space``."""
        rows = self.db.execute(
            "SELECT key FROM articles a WHERE current = 1 AND space != ? AND NOT EXISTS"
            " (SELECT 1 FROM vectors v WHERE v.article = a.key AND v.space = ?) ORDER BY key",
            (other_than_space, space),
        )
        return [r[0] for r in rows]

    def space_count(self, space: str) -> int:
        """Current articles whose own vector space is ``space`` (a row of ``stats``: no scan)."""
        return self._stat(f"space:{space}")

    def is_current(self, key: int) -> bool:
        row = self.db.execute("SELECT current FROM articles WHERE key = ?", (key,)).fetchone()
        return bool(row and row[0])

    def signature(self, key: int) -> np.ndarray | None:
        row = self.db.execute("SELECT signature FROM signatures WHERE article = ?", (key,)).fetchone()
        return np.frombuffer(row[0], dtype=np.uint32) if row else None

    def document_vector(self, key: int) -> np.ndarray | None:
        row = self.db.execute(
            "SELECT v.vector FROM vectors v JOIN articles a ON a.key = v.article AND a.space = v.space WHERE v.article = ?",
            (key,),
        ).fetchone()
        return np.frombuffer(row[0], dtype=np.float32) if row else None

    def vector(self, key: int, space: str) -> np.ndarray | None:
        """The article's document vector in a space (its own, or one computed for another model)."""
        row = self.db.execute("SELECT vector FROM vectors WHERE article = ? AND space = ?", (key, space)).fetchone()
        return np.frombuffer(row[0], dtype=np.float32) if row else None

    def paragraph_vectors(self, key: int) -> np.ndarray | None:
        """The title's and kept paragraphs' vectors (from int8: cosines within ~0.01)."""
        row = self.db.execute("SELECT rows, vectors FROM paragraph_vectors WHERE article = ?", (key,)).fetchone()
        return dequantise(row[1], row[0]) if row else None

    def search(self, space: str, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` stored articles nearest to ``vector`` in ``space``: (keys, cosines), 1 x k."""
        return self.indexes.get(space, len(vector)).search(np.asarray(vector)[None, :], k)

    def leader_of(self, key: int) -> int | None:
        row = self.db.execute("SELECT leader FROM duplicates WHERE article = ?", (key,)).fetchone()
        return row[0] if row else None

    def article(self, key: int) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE key = ?", (key,)).fetchone()
        return _stored(row) if row else None

    def hits(self, keys: list[int], *, texts: bool = True) -> dict[int, dict]:
        """What a search result shows of current articles: id, language, title, vector space,
        story (None before it has one) and, with ``texts``, paragraphs and sentences (what
        ranking many candidates does not need to read)."""
        out: dict[int, dict] = {}
        columns = "a.paragraphs, a.sentences" if texts else "'[]', '[]'"
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT a.key, a.id, a.lang, a.title, {columns}, a.space, m.story FROM articles a"
                f" LEFT JOIN story_members m ON m.article = a.key WHERE a.current = 1 AND a.key IN ({marks})",
                chunk,
            )
            for key, id, lang, title, paragraphs, sentences, space, story in rows:
                out[key] = {
                    "id": id,
                    "lang": lang,
                    "title": title,
                    "paragraphs": json.loads(paragraphs),
                    "sentences": json.loads(sentences),
                    "space": space,
                    "story": story,
                }
        return out

    def fact_keys_of(self, keys: list[int]) -> dict[int, set[tuple[str, str]]]:
        """Key → its indexed (kind, key) facts (names, places, days, figures)."""
        out: dict[int, set[tuple[str, str]]] = {k: set() for k in keys}
        if keys:
            marks = ",".join("?" * len(keys))
            for article, kind, key in self.db.execute(
                f"SELECT article, kind, key FROM entity_keys WHERE article IN ({marks})", keys
            ):
                out[article].add((kind, key))
        return out

    def fact_df(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """How many stored articles hold each fact key (0 for none)."""
        return {k: self._df(k) for k in keys}

    def article_count(self) -> int:
        """Current articles (a row of ``stats``: no scan)."""
        return self._stat("articles")

    def _stat(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM stats WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def languages(self, keys: list[int]) -> dict[int, str]:
        """Key → language of current articles: a light look before loading whole articles."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT key, lang FROM articles WHERE current = 1 AND key IN ({marks})", keys)
        return dict(rows.fetchall())

    def by_id(self, id: str) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND current = 1", (id,)).fetchone()
        return _stored(row) if row else None

    def iter_current(self) -> Iterator[StoredArticle]:
        for row in self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE current = 1 ORDER BY key"):
            yield _stored(row)

    def duplicate_rows(self) -> list[tuple[int, int, int, str, float, dict]]:
        """(article, target, leader, class, score, evidence) of every current duplicate, by target."""
        rows = self.db.execute(
            "SELECT d.article, d.target, d.leader, d.class, d.score, d.evidence FROM duplicates d"
            " JOIN articles a ON a.key = d.article WHERE a.current = 1 ORDER BY d.target, d.article"
        )
        return [(a, t, lead, c, s, json.loads(e)) for a, t, lead, c, s, e in rows]

    def ids(self, keys: list[int]) -> dict[int, str]:
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return dict(self.db.execute(f"SELECT key, id FROM articles WHERE key IN ({marks})", keys).fetchall())

    def counts(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "articles": q("SELECT count(*) FROM articles WHERE current = 1").fetchone()[0],
            "versions": q("SELECT count(*) FROM articles").fetchone()[0],
            "duplicates": q("SELECT count(*) FROM duplicates").fetchone()[0],
        }

    def space_vectors(self, space: str) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        """Keys of the current articles with a document vector in a space, and those vectors."""
        rows = self.db.execute(
            "SELECT a.key, v.vector FROM articles a JOIN vectors v ON v.article = a.key"
            " WHERE a.current = 1 AND v.space = ? ORDER BY a.key",
            (space,),
        ).fetchall()
        return np.array([k for k, _ in rows], dtype=np.int64), {k: np.frombuffer(v, dtype=np.float32) for k, v in rows}

    def spaces(self) -> list[str]:
        """The vector spaces the store holds vectors in."""
        rows = self.db.execute("SELECT substr(name, 9) FROM stats WHERE name LIKE 'vectors:%' ORDER BY name")
        return [r[0] for r in rows]

    def sync_indexes(self, save: bool = True) -> dict[str, tuple[int, int]]:
        """Catch every index up with the database (after a crash between a commit and a save, or
        while another process writes): (added, removed) per space. Saves what changed unless
        ``save`` is False (a reader)."""
        out = {}
        for space in sorted(set(self.spaces()) | set(self.indexes.spaces())):
            keys, vectors = self.space_vectors(space)
            dim = len(next(iter(vectors.values()))) if vectors else self._stored_dim(space)
            if dim:
                out[space] = self.indexes.reconcile(space, dim, vectors, keys)
        if save:
            self.indexes.save()
        return out

    def _stored_dim(self, space: str) -> int:
        row = self.db.execute("SELECT vector FROM vectors WHERE space = ? LIMIT 1", (space,)).fetchone()
        return len(row[0]) // 4 if row else 0


_ARTICLE_COLUMNS = (
    "key, id, version, current, origin, format, title, url, published, source, lang, lang_confidence, paragraphs,"
    " sentences, removed, warnings, space, added, facts"
)


def _stored(row: tuple) -> StoredArticle:
    (
        key,
        id,
        version,
        current,
        origin,
        fmt,
        title,
        url,
        published,
        source,
        lang,
        conf,
        paragraphs,
        sentences,
        removed,
        warnings,
        space,
        added,
        facts,
    ) = row
    return StoredArticle(
        key,
        id,
        version,
        bool(current),
        origin,
        fmt,
        title,
        url,
        published,
        source,
        lang,
        conf,
        tuple(json.loads(paragraphs)),
        tuple(json.loads(sentences)),
        tuple(json.loads(removed)),
        tuple(json.loads(warnings)),
        space,
        added,
        facts_from_json(facts),
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


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


def _describe(err: sqlite3.DatabaseError) -> str:
    name = getattr(err, "sqlite_errorname", "")
    if name in ("SQLITE_FULL",):
        return "the disk is full: nothing of this batch was written"
    if name.startswith("SQLITE_READONLY") or name == "SQLITE_CANTOPEN":
        return f"the store cannot be written ({err}): check the folder's permissions and free space"
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return "the store is busy (another process holds it); try again"
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return f"the database is damaged or not SQLite ({err}); run samestory check"
    return f"database error ({err})"
