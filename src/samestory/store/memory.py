"""The store seam (:class:`Store`) and an in-memory fake of it, for tests of the corpus's logic.

:class:`Store` is what :class:`samestory.corpus.Corpus` needs of a store to add articles and find
their duplicates; :class:`~.sqlite.SQLiteStore` is the real one (upkeep, export and check read
SQLite directly). :class:`MemoryStore` keeps everything in dicts, with transactions that roll
back, and exact in-memory vector search: no files, no SQLite.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..entities import fact_keys
from ..errors import UsageError
from .index import ExactIndex, VectorIndex
from .records import DuplicateLink, Entry, StoredArticle, StoredRef

__all__ = ["Store", "MemoryStore"]


class Store(Protocol):
    """What adding articles needs of a store."""

    def lock(self, wait: float = ...) -> None: ...

    def unlock(self) -> None: ...

    def close(self) -> None: ...

    def save_indexes(self) -> None: ...

    def sync_indexes(self) -> dict[str, tuple[int, int]]: ...

    def start_run(self, inputs: list[str]) -> int: ...

    def finish_run(self, run: int, summary: dict) -> None: ...

    def transaction(self): ...

    def put(self, entry: Entry) -> int: ...

    def link_duplicate(self, key: int, link: DuplicateLink) -> None: ...

    def retire(self, key: int) -> None: ...

    def known_record(self, record_hash: str) -> StoredRef | None: ...

    def current(self, id: str) -> StoredRef | None: ...

    def first_with_content(self, content_hash: str) -> int | None: ...

    def band_candidates(self, bands: tuple[int, ...]) -> list[int]: ...

    #: moves at each transaction's start and rollback (what a :class:`~.kept.KeptReads` reads)
    generation: int

    def article(self, key: int, *, facts: bool = True) -> StoredArticle | None:
        """The stored article (retired versions too); ``facts=False``: without its facts
        (None), for a reader that does not use them and should not pay for their parse."""
        ...

    def by_id(self, id: str) -> StoredArticle | None: ...

    def paragraph_vectors(self, key: int) -> np.ndarray | None: ...

    def languages(self, keys: list[int]) -> dict[int, str]: ...

    def spaces_of(self, keys: list[int]) -> dict[int, str]: ...

    def space_count(self, space: str) -> int: ...

    def without_vector(self, space: str, other_than_space: str) -> list[int]: ...

    def leader_of(self, key: int) -> int | None: ...

    def add_vector(self, key: int, space: str, vector: np.ndarray) -> None: ...

    def sharing_facts(
        self, keys: list[tuple[str, str]], *, min_shared: int, max_df: int, limit: int, other_than_space: str
    ) -> list[tuple[int, int]]: ...

    def fact_keys_of(self, keys: list[int]) -> dict[int, set[tuple[str, str]]]: ...

    def fact_df(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]: ...

    def article_count(self) -> int: ...

    def search(self, space: str, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...


@dataclass
class _State:
    entries: dict[int, Entry] = field(default_factory=dict)
    current: dict[str, int] = field(default_factory=dict)
    retired: set[int] = field(default_factory=set)
    duplicates: dict[int, DuplicateLink] = field(default_factory=dict)
    indexes: dict[str, ExactIndex] = field(default_factory=dict)


class MemoryStore:
    """The fake: the same answers as :class:`~.sqlite.SQLiteStore` for the :class:`Store` methods."""

    def __init__(self) -> None:
        self._state = _State()
        self._in_transaction = False
        self.generation = 0

    def lock(self, wait: float = 0.0) -> None:
        pass

    def unlock(self) -> None:
        pass

    def sync_indexes(self) -> dict[str, tuple[int, int]]:
        return {}

    def start_run(self, inputs: list[str]) -> int:
        return 1

    def finish_run(self, run: int, summary: dict) -> None:
        pass

    def close(self) -> None:
        pass

    def save_indexes(self) -> None:
        pass

    @contextmanager
    def transaction(self) -> Iterator[None]:
        saved = copy.deepcopy(self._state)
        self._in_transaction = True
        self.generation += 1
        try:
            yield
        except BaseException:
            self.generation += 1
            self._state = saved
            raise
        finally:
            self._in_transaction = False

    def put(self, entry: Entry) -> int:
        if not self._in_transaction:
            raise UsageError("put outside a transaction")
        state, article = self._state, entry.article
        if any(e.record_hash == entry.record_hash for e in state.entries.values()):
            raise UsageError(f"record {entry.record_hash} stored twice")
        key = max(state.entries, default=0) + 1
        state.entries[key] = entry
        state.current[article.id] = key
        assert article.embedding is not None
        space = article.embedding.space
        state.indexes.setdefault(space, ExactIndex(len(article.embedding.document)))
        state.indexes[space].add(np.array([key]), article.embedding.document[None, :])
        return key

    def link_duplicate(self, key: int, link: DuplicateLink) -> None:
        self._state.duplicates[key] = link

    def retire(self, key: int) -> None:
        self._state.retired.add(key)
        entry = self._state.entries[key]
        assert entry.article.embedding is not None
        self._state.indexes[entry.article.embedding.space].remove([key])

    def known_record(self, record_hash: str) -> StoredRef | None:
        return next((self._ref(k) for k, e in self._state.entries.items() if e.record_hash == record_hash), None)

    def current(self, id: str) -> StoredRef | None:
        key = self._state.current.get(id)
        return self._ref(key) if key is not None else None

    def _ref(self, key: int) -> StoredRef:
        entry = self._state.entries[key]
        return StoredRef(key, entry.article.id, entry.version, entry.record_hash)

    def _live(self) -> Iterator[tuple[int, Entry]]:
        return ((k, e) for k, e in sorted(self._state.entries.items()) if k not in self._state.retired)

    def first_with_content(self, content_hash: str) -> int | None:
        return next((k for k, e in self._live() if e.content_hash == content_hash), None)

    def band_candidates(self, bands: tuple[int, ...]) -> list[int]:
        return [k for k, e in self._live() if any(a == b for a, b in zip(e.bands, bands))]

    def by_id(self, id: str) -> StoredArticle | None:
        key = self._state.current.get(id)
        return self.article(key) if key is not None else None

    def article(self, key: int, *, facts: bool = True) -> StoredArticle | None:
        entry = self._state.entries.get(key)
        if entry is None:
            return None
        a = entry.article
        assert a.cleaned is not None and a.language is not None and a.embedding is not None
        return StoredArticle(
            key,
            a.id,
            entry.version,
            key not in self._state.retired,
            a.origin,
            a.format,
            a.title,
            a.url,
            a.published,
            a.source,
            a.language.lang,
            a.language.confidence,
            a.cleaned.paragraphs,
            a.sentences,
            tuple(r.to_dict() for r in a.cleaned.removed),
            a.warnings,
            a.embedding.space,
            "",
            a.facts if facts else None,
        )

    def space_count(self, space: str) -> int:
        return sum(1 for _, e in self._live() if e.article.embedding and e.article.embedding.space == space)

    def without_vector(self, space: str, other_than_space: str) -> list[int]:
        index = self._state.indexes.get(space)
        have = set(index.keys().tolist()) if index is not None else set()
        return [
            k
            for k, e in self._live()
            if e.article.embedding and e.article.embedding.space != other_than_space and k not in have
        ]

    def languages(self, keys: list[int]) -> dict[int, str]:
        found = ((k, e.article.language) for k, e in self._current(keys))
        return {k: language.lang for k, language in found if language is not None}

    def spaces_of(self, keys: list[int]) -> dict[int, str]:
        found = ((k, e.article.embedding) for k, e in self._current(keys))
        return {k: embedding.space for k, embedding in found if embedding is not None}

    def _current(self, keys: list[int]) -> Iterator[tuple[int, Entry]]:
        """(key, entry) of the current ones among ``keys``, in their order."""
        for k in keys:
            entry = self._state.entries.get(k)
            if entry is not None and k not in self._state.retired:
                yield k, entry

    def paragraph_vectors(self, key: int) -> np.ndarray | None:
        entry = self._state.entries.get(key)
        return None if entry is None or entry.article.embedding is None else entry.article.embedding.paragraphs

    def leader_of(self, key: int) -> int | None:
        link = self._state.duplicates.get(key)
        return link.leader if link else None

    def add_vector(self, key: int, space: str, vector: np.ndarray) -> None:
        self._state.indexes.setdefault(space, ExactIndex(len(vector)))
        self._state.indexes[space].add(np.array([key]), np.asarray(vector)[None, :])

    def sharing_facts(
        self, keys: list[tuple[str, str]], *, min_shared: int, max_df: int, limit: int, other_than_space: str
    ) -> list[tuple[int, int]]:
        held = {k: set(fact_keys(e.article.facts)) if e.article.facts else set() for k, e in self._live()}
        df = {key: sum(key in h for h in held.values()) for key in keys}
        rare = {key for key in keys if 0 < df[key] <= max_df}
        if len(rare) < min_shared:
            return []
        found = []
        for k, entry in self._live():
            shared = len(rare & held[k])
            space = entry.article.embedding.space if entry.article.embedding else ""
            if shared >= min_shared and space != other_than_space:
                found.append((k, shared))
        return sorted(found, key=lambda kn: (-kn[1], kn[0]))[:limit]

    def fact_keys_of(self, keys: list[int]) -> dict[int, set[tuple[str, str]]]:
        live = dict(self._live())
        out: dict[int, set[tuple[str, str]]] = {}
        for k in keys:
            facts = live[k].article.facts if k in live else None
            out[k] = set(fact_keys(facts)) if facts is not None else set()
        return out

    def fact_df(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        held = [set(fact_keys(e.article.facts)) for _, e in self._live() if e.article.facts is not None]
        return {key: sum(key in h for h in held) for key in keys}

    def article_count(self) -> int:
        return sum(1 for _ in self._live())

    def search(self, space: str, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        index: VectorIndex | None = self._state.indexes.get(space)
        if index is None:
            return np.full((1, k), -1, dtype=np.int64), np.full((1, k), -np.inf, dtype=np.float32)
        return index.search(vector, k)

    def duplicates(self) -> dict[int, DuplicateLink]:
        """Every duplicate link (for tests)."""
        return dict(self._state.duplicates)
