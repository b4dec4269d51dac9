"""What a reader keeps of a store's records for the transaction it reads them in.

A reader that reads the same records many times in one batch (the story memory reads ~10
views an article, the duplicate finder ~4 neighbours) keeps them in a :class:`KeptReads`, which
drops them when the store's ``generation`` moves: at each transaction's start and at a
rollback. Not longer: a cache kept across batches helps a small store, which it holds whole,
far more than a large one (``bench/bench_corpus.py`` (b) read that as the cost of an add growing
with the store: 1.24x from 1k to 100k stored articles, 1.03x kept per transaction), and a
rolled-back article's key comes back for the next article stored.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

__all__ = ["KeptReads"]

V = TypeVar("V")


class _Generational(Protocol):
    @property
    def generation(self) -> int: ...


class KeptReads(Generic[V]):
    """Records read by key from ``store``, the most recent ``limit`` of them, kept until the
    store's generation moves."""

    def __init__(self, store: _Generational, limit: int):
        self.store, self.limit = store, limit
        self._kept: OrderedDict[int, V] = OrderedDict()
        self._generation = store.generation

    def get(self, key: int, read: Callable[[int], V | None]) -> V | None:
        """The record of ``key``: kept, else ``read(key)`` (kept unless None; what ``read``
        raises is raised)."""
        if self.store.generation != self._generation:
            self._kept.clear()
            self._generation = self.store.generation
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = read(key)
        if value is not None:
            self._kept[key] = value
            if len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        return value
