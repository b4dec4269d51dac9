"""A corpus: articles from text, JSONL, HTML or WARC, in an embedded store that grows without
being rebuilt and loses nothing on a crash.

Steps of :meth:`Corpus.add`:

1. read every source (:func:`samestory.read`); a record already stored (same hash of the record as
   read) is counted as already present and costs nothing more; an id stored with other text is
   a conflict, reported, unless ``update`` makes it the id's new version;
2. in batches, run the pipeline's own steps: language → clean → sentences → embed → entities;
3. in one transaction per batch: find what each article duplicates (:mod:`.duplicates`), put it
   in the store with its vectors, facts and signature, and index it;
4. a summary: added, already present, updated, duplicates found, rejected by reason.

Idempotent: re-adding the same inputs adds nothing. A kill at any moment loses at most the batch
in progress, which the next run adds: nothing is missing and nothing doubled.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import xxhash

from ..cleaner import CleanConfig
from ..errors import InputError, UsageError
from ..ingest import DEFAULT_MAX_BYTES, read
from ..pipeline import Item, corpus_steps, run_steps
from ..progress import Progress
from ..resources import Resources
from ..store import SQLiteStore, Store
from ..types import Article
from .duplicates import DuplicateFinder, entry_for
from .report import AddReport, ConflictError

__all__ = ["Corpus", "DEFAULT_STORE", "record_hash"]

#: Where a corpus lives unless told otherwise.
DEFAULT_STORE = "samestory.db"
#: Articles per transaction: small enough that a crash loses little work, large enough that the
#: commit (an fsync of the write-ahead log) is a small part of the time.
BATCH = 32
#: Seconds between index saves during a long add: a save writes the whole index (100k articles:
#: ~100 MB), so never after every batch; after a crash, the next open catches up the rest.
SAVE_EVERY = 60.0


@dataclass(frozen=True)
class _Pending:
    article: Article
    record_hash: str
    version: int
    previous: int | None  # the key of the version it replaces


class Corpus:
    """An open corpus; ``with Corpus(path) as corpus:`` closes it."""

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_STORE,
        *,
        resources: Resources | None = None,
        create: bool = True,
        store: Store | None = None,
    ):
        """The corpus in folder ``path`` (created when absent). ``store`` replaces the SQLite
        store (tests pass a :class:`~samestory.store.MemoryStore`)."""
        self.store: Store = store if store is not None else SQLiteStore(path, create=create)
        self.resources = resources or Resources()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(
        self,
        sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        config: CleanConfig = CleanConfig(),
        update: bool = False,
        strict: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        batch: int = BATCH,
        progress: Progress | None = None,
        on_error: Callable[[InputError], None] | None = None,
    ) -> AddReport:
        """Add articles from files, folders (recursively), JSONL, HTML, WARC or "-" (stdin).

        ``update``: an id that comes back with other text becomes that id's new version instead of
        a conflict. ``strict``: stop at the first bad record (raise its error). ``on_error`` is
        called with each rejected record's error as it happens."""
        if batch < 1:
            raise UsageError(f"batch must be at least 1, got {batch}")
        sources = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        started = time.monotonic()
        report = AddReport()
        self.store.lock()
        try:
            self.store.sync_indexes()  # a crash after a commit can leave an index behind its table
            run = self.store.start_run([os.fspath(s) for s in sources])
            adder = _Adder(self, config, update, strict, report, progress, on_error, batch)
            adder.feed(read(sources, max_bytes=max_bytes, skipped=report.skipped, warc_stats=report.warc))
            self.store.save_indexes()
            report.seconds = time.monotonic() - started
            self.store.finish_run(run, report.to_dict())
        finally:
            self.store.unlock()
        return report


class _Adder:
    """One ``add`` run's state: what this run has seen, the batch being filled."""

    def __init__(self, corpus: Corpus, config, update, strict, report, progress, on_error, batch_size):
        self.store = corpus.store
        self.steps = corpus_steps(corpus.resources, config)
        self.duplicates = DuplicateFinder(corpus.store, corpus.resources)
        self.update, self.strict, self.report = update, strict, report
        self.progress, self.on_error, self.batch_size = progress, on_error, batch_size
        self.seen_records: set[str] = set()
        self.seen_ids: dict[str, _Pending] = {}
        self.batch: list[_Pending] = []
        self.saved = time.monotonic()

    def feed(self, items: Iterable[Item]) -> None:
        for item in items:
            self.report.read += 1
            if isinstance(item, InputError):
                self._reject(item)
            else:
                self._admit(item)
            if len(self.batch) >= self.batch_size:
                self._flush()
        self._flush()

    def _admit(self, article: Article) -> None:
        digest = record_hash(article)
        if digest in self.seen_records or self.store.known_record(digest):
            self.report.already_present += 1
            self._advance()
            return
        self.seen_records.add(digest)
        stored, earlier = self.store.current(article.id), self.seen_ids.get(article.id)
        if stored is None and earlier is None:
            pending = _Pending(article, digest, 1, None)
        elif earlier is not None:  # one input holds the id twice, with different text
            self._reject(
                ConflictError(
                    article.origin,
                    f"id {article.id!r} occurs again with other text (first at {earlier.article.origin}); not added",
                )
            )
            return
        elif not self.update:
            self._reject(
                ConflictError(
                    article.origin,
                    f"id {article.id!r} is already stored with other text; "
                    "not added (--update stores it as a new version)",
                )
            )
            return
        else:
            assert stored is not None
            pending = _Pending(article, digest, stored.version + 1, stored.key)
        self.seen_ids[article.id] = pending
        self.batch.append(pending)

    def _flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        prepared = list(run_steps([p.article for p in batch], self.steps))
        with self.store.transaction():
            for pending, result in zip(batch, prepared):
                if isinstance(result, InputError):
                    self._reject(result)
                    continue
                self._store(pending, result)
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.store.save_indexes()
            self.saved = time.monotonic()
        self._advance(len(batch))

    def _store(self, pending: _Pending, article: Article) -> None:
        entry = entry_for(article, pending.record_hash, pending.version)
        if pending.previous is not None:
            self.store.retire(pending.previous)
            self.report.updated += 1
        key = self.store.put(entry)
        link = self.duplicates.find(key, entry)
        if link is not None:
            self.store.link_duplicate(key, link)
            self.report.duplicates[link.cls] += 1
        self.report.added += 1

    def _reject(self, error: InputError) -> None:
        if self.strict:
            raise error
        self.report.reject(error)
        if self.on_error is not None:
            self.on_error(error)
        self._advance()

    def _advance(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress.advance(n)


def record_hash(article: Article) -> str:
    """A hash of the record as read (id, text and metadata): the same input gives the same hash,
    so adding it again is recognised before any work is done."""
    fields = [
        article.id,
        article.title,
        article.text,
        article.url,
        article.published,
        article.source,
        article.declared_lang,
        article.format,
    ]
    return xxhash.xxh3_128_hexdigest(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def default_store_path() -> Path:
    return Path(DEFAULT_STORE)
