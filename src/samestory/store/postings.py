"""Posting lists (key → the articles holding it), derived from the store's key tables.

Three lookups by key find an added article's candidates: its MinHash band keys (near-copies,
table ``bands``), its fact keys (articles sharing names and figures across languages, and how
many articles hold each key: ``entity_keys``) and the clusterer's entity keys (``story_keys``).
They were B-tree indexes on those random keys, and that made the cost of adding an article grow
with the corpus: measured with ``bench/bench_corpus.py`` (b), from ~20k stored articles up each
of an article's ~100 key rows dirtied a 4 KB index page of its own, so the WAL checkpoint in
every COMMIT copied ~2,400 pages per 20 articles instead of ~850 at 1k (the store's part of an
add 1.5-1.8x slower at 100k). Now the tables are only appended to (rows in rowid order: the pages
a transaction writes are the last few), and the lookup side lives here, outside SQLite, the way
the ANN indexes do (:mod:`.index`): SQLite is the source of truth, a posting index follows it and
is rebuilt when it cannot be trusted.

One :class:`Postings` per table:

    base   every row up to a watermark rowid, sorted by (term, rowid): two int64 rows (terms,
           articles) of ``<store>/postings-<name>.npy``, memory-mapped (the page cache holds
           them, not the heap), found by binary search
    tail   the rows after the watermark, in a dict, caught up from the table (``rowid > mark``)
           at each lookup: the writer's own uncommitted rows are visible to it, as its SQL was;
           a rollback drops what the table no longer has (:meth:`Postings.rolled_back`)

:meth:`Postings.save` (the writer, between transactions, with the ANN indexes: every minute of
a long add and at its end) merges the tail into a new base written atomically, once the tail is
large enough to be worth a rewrite (:func:`merge_threshold`). A reader (the server) reloads a
base the writer has saved since. A file is trusted only when its watermark
row is still the row it was (a lost tail after a power cut, a reused rowid): otherwise the base
is rebuilt from the table. Deleting rows (the stories' rebuild) first drops the file
(:meth:`Postings.invalidate`). Terms are 64-bit: keys are hashed with xxh64 (a band key with its band's
number); a collision, ~1 in 10^7 at a million distinct keys, only adds a candidate the caller
verifies or counts a key as a little more common.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xxhash

from .index import replace_atomically

__all__ = ["Postings", "PostingSet", "postings_file", "text_term", "band_term", "merge_threshold"]

#: Layout of a postings file: column 0 holds (watermark rowid, FORMAT), column 1 the watermark
#: row's (term, article), the rest the sorted (term, article) pairs.
FORMAT = 1
_HEADER = 2


def text_term(*parts: str) -> int:
    """The signed 64-bit term of a text key (its parts joined by a unit separator)."""
    return xxhash.xxh64_intdigest("\x1f".join(parts).encode("utf-8")) - (1 << 63)


def band_term(band: int, key: int) -> int:
    """The term of an LSH band key: the key hashed with its band's number (keys of different
    bands never meet, as in the table's (band, key))."""
    return xxhash.xxh64_intdigest(int(key).to_bytes(8, "little", signed=True), int(band)) - (1 << 63)


@dataclass(frozen=True)
class _Source:
    table: str
    columns: str  # the SELECT list before ``article``: the key's columns
    term: Callable[[tuple], int]


_SOURCES = {
    "bands": _Source("bands", "band, key", lambda row: band_term(row[0], row[1])),
    "facts": _Source("entity_keys", "kind, key", lambda row: text_term(row[0], row[1])),
    "story": _Source("story_keys", "key", lambda row: text_term(row[0])),
}


def postings_file(folder: Path, name: str) -> Path:
    return folder / f"postings-{name}.npy"


class Postings:
    """The posting lists of one key table (see the module's docstring)."""

    def __init__(self, db: sqlite3.Connection, folder: Path, name: str):
        self.db = db
        self.path = postings_file(folder, name)
        self.source = _SOURCES[name]
        self._loaded = False
        self._file_stamp: tuple[int, int] | None = None
        self._reset(np.zeros(0, np.int64), np.zeros(0, np.int64), 0)

    def _reset(self, terms: np.ndarray, articles: np.ndarray, mark: int) -> None:
        self._terms, self._articles, self._mark = terms, articles, mark  # the base
        self._last = (0, 0)  # the (term, article) of the base's last row (rowid == mark)
        self._unsaved = False  # a base rebuilt here, not yet in the file
        self._tail: dict[int, list[int]] = {}
        self._tail_rows: list[tuple[int, int, int]] = []  # (rowid, term, article), rowid order
        self._caught_up = mark  # rowid up to which base and tail hold every row

    # -- lookups ------------------------------------------------------------------------------
    def holders(self, terms: Iterable[int], limit: int | None = None) -> dict[int, list[int]]:
        """Term → the articles holding it, in the order their rows were written (the first
        ``limit`` when given)."""
        self._sync()
        out: dict[int, list[int]] = {}
        for term in terms:
            lo, hi = self._range(term)
            if limit is not None:
                hi = min(hi, lo + limit)
            found = self._articles[lo:hi].tolist() + self._tail.get(term, [])
            out[term] = found if limit is None else found[:limit]
        return out

    def counts(self, terms: Iterable[int]) -> dict[int, int]:
        """Term → how many rows hold it."""
        self._sync()
        out = {}
        for term in terms:
            lo, hi = self._range(term)
            out[term] = hi - lo + len(self._tail.get(term, ()))
        return out

    def __len__(self) -> int:
        self._sync()
        return len(self._terms) + len(self._tail_rows)

    @property
    def base_rows(self) -> int:
        """Rows in the base (the file), without catching up."""
        return len(self._terms)

    def _range(self, term: int) -> tuple[int, int]:
        return int(np.searchsorted(self._terms, term, "left")), int(np.searchsorted(self._terms, term, "right"))

    # -- following the table -------------------------------------------------------------------
    def _sync(self) -> None:
        if not self._loaded or self._stamp() != self._file_stamp:
            self._load()
        rows = self.db.execute(
            f"SELECT rowid, {self.source.columns}, article FROM {self.source.table} WHERE rowid > ? ORDER BY rowid",
            (self._caught_up,),
        ).fetchall()
        for row in rows:
            term, article = self.source.term(row[1:-1]), int(row[-1])
            self._tail.setdefault(term, []).append(article)
            self._tail_rows.append((int(row[0]), term, article))
        if rows:
            self._caught_up = int(rows[-1][0])

    def rolled_back(self) -> None:
        """The transaction that wrote the newest rows was rolled back: forget the rows the
        table no longer has."""
        if not self._loaded:
            return
        last = int(self.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {self.source.table}").fetchone()[0])
        if last < self._mark:
            self.invalidate()
            return
        while self._tail_rows and self._tail_rows[-1][0] > last:
            _, term, _ = self._tail_rows.pop()
            self._tail[term].pop()
            if not self._tail[term]:
                del self._tail[term]
        self._caught_up = min(self._caught_up, last)

    def invalidate(self) -> None:
        """Drop the file and forget everything, before rows are deleted or rewritten: the next
        lookup rebuilds from the table."""
        self.path.unlink(missing_ok=True)
        self._file_stamp = None
        self._loaded = False
        self._reset(np.zeros(0, np.int64), np.zeros(0, np.int64), 0)

    # -- the file -----------------------------------------------------------------------------
    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)

    def _load(self) -> None:
        """The saved base when it can be trusted (for a reader: the one the writer saved since),
        else one rebuilt from the table."""
        self._loaded = True
        self._file_stamp = self._stamp()
        try:
            data = np.load(self.path, mmap_mode="r") if self._file_stamp else None
        except (OSError, ValueError):
            data = None
        if data is not None and self._trusted(data):
            self._reset(data[0, _HEADER:], data[1, _HEADER:], int(data[0, 0]))
            self._last = (int(data[0, 1]), int(data[1, 1]))
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        """The base from every row of the table (after a migration, a lost or untrusted file),
        in arrays: a tail of millions of rows would be gigabytes of Python objects."""
        terms, articles, rowids = [], [], []
        cursor = self.db.execute(
            f"SELECT rowid, {self.source.columns}, article FROM {self.source.table} ORDER BY rowid"
        )
        while rows := cursor.fetchmany(100_000):
            rowids.append(rows[-1][0])
            terms.append(np.fromiter((self.source.term(r[1:-1]) for r in rows), np.int64, len(rows)))
            articles.append(np.fromiter((r[-1] for r in rows), np.int64, len(rows)))
        if not rowids:
            self._reset(np.zeros(0, np.int64), np.zeros(0, np.int64), 0)
            return
        all_terms, all_articles = np.concatenate(terms), np.concatenate(articles)
        order = np.argsort(all_terms, kind="stable")  # by term, rowid order kept within one
        self._reset(all_terms[order], all_articles[order], int(rowids[-1]))
        self._last = (int(terms[-1][-1]), int(articles[-1][-1]))
        self._unsaved = True

    def _trusted(self, data: np.ndarray) -> bool:
        if data.ndim != 2 or data.shape[0] != 2 or data.shape[1] < _HEADER or int(data[1, 0]) != FORMAT:
            return False
        mark = int(data[0, 0])
        if mark == 0:
            return data.shape[1] == _HEADER
        row = self.db.execute(
            f"SELECT {self.source.columns}, article FROM {self.source.table} WHERE rowid = ?", (mark,)
        ).fetchone()
        return row is not None and (self.source.term(row[:-1]), int(row[-1])) == (int(data[0, 1]), int(data[1, 1]))

    def save(self, min_rows: int = 1) -> None:
        """Merge the tail into the base and write it atomically when it holds at least
        ``min_rows`` rows. The writer, outside a transaction (the file holds committed rows
        only)."""
        if self.db.in_transaction or not self._loaded:
            return  # (a process that never looked anything up has nothing of its own to save)
        self._sync()
        if not (self._unsaved or (self._tail_rows and len(self._tail_rows) >= min_rows)):
            return
        terms, articles, mark = self._terms, self._articles, self._mark
        if self._tail_rows:
            mark, last_term, last_article = self._tail_rows[-1]
            self._last = (last_term, last_article)
            tail = np.array([(t, a) for _, t, a in self._tail_rows], np.int64)
            tail = tail[np.argsort(tail[:, 0], kind="stable")]  # by term, rowid order kept within one
            at = np.searchsorted(terms, tail[:, 0], "right")  # every tail row is newer
            terms = np.insert(np.asarray(terms), at, tail[:, 0])
            articles = np.insert(np.asarray(articles), at, tail[:, 1])
        data = np.empty((2, len(terms) + _HEADER), np.int64)
        data[:, 0] = (mark, FORMAT)
        data[:, 1] = self._last
        data[0, _HEADER:], data[1, _HEADER:] = terms, articles
        replace_atomically(self.path, lambda tmp: _save_array(tmp, data))
        self._file_stamp = self._stamp()
        last = self._last
        self._reset(terms, articles, mark)
        self._last = last

    def drift(self) -> tuple[int, int]:
        """(rows in the table, rows here): they differ when the saved base cannot be trusted."""
        self._sync()
        table = int(self.db.execute(f"SELECT count(*) FROM {self.source.table}").fetchone()[0])
        return table, len(self)


#: A tail is merged into its base (the whole file rewritten) once it holds an eighth of the base:
#: each row is then rewritten ~9 times in all, whatever the corpus's size, so the cost of an add
#: does not grow with it; at least MIN_TAIL rows (~600 articles: what a reopened store catches up
#: from its table in ~0.1 s) and at most MAX_TAIL (the tail is Python objects, ~150 B a row).
MIN_TAIL, MAX_TAIL = 50_000, 400_000


def merge_threshold(base_rows: int) -> int:
    return min(max(base_rows // 8, MIN_TAIL), MAX_TAIL)


class PostingSet:
    """The store's three posting indexes, loaded on first use."""

    def __init__(self, db: sqlite3.Connection, folder: Path):
        self.bands = Postings(db, folder, "bands")
        self.facts = Postings(db, folder, "facts")
        self.story = Postings(db, folder, "story")

    def all(self) -> Sequence[Postings]:
        return (self.bands, self.facts, self.story)

    def save(self, min_rows: int | None = None) -> None:
        """Merge each tail that has grown enough into its base (``min_rows`` when given, else
        :func:`merge_threshold`)."""
        for postings in self.all():
            postings.save(merge_threshold(postings.base_rows) if min_rows is None else min_rows)

    def rolled_back(self) -> None:
        for postings in self.all():
            postings.rolled_back()


def _save_array(path: Path, data: np.ndarray) -> None:
    with open(path, "wb") as handle:  # (given a name, np.save would add ".npy" to it)
        np.save(handle, data)
