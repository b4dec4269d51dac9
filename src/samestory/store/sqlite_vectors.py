"""The vector side of :class:`~samestory.store.sqlite.SQLiteStore`: stored vectors and ANN search.

Document vectors per embedding space (float32 in ``vectors``), paragraph vectors (int8), the
nearest-neighbour search over the per-space indexes, and the catch-up of those indexes from the
table (:meth:`VectorQueries.sync_indexes`): the indexes are derived data, the table is the
truth. A layer over :class:`~.sqlite_reads.ArticleQueries` (see there why the store is built
in layers).
"""

from __future__ import annotations

import numpy as np

from .index import IndexSet, UnreadableIndexError
from .records import dequantise
from .sqlite_reads import ArticleQueries

__all__ = ["VectorQueries"]


class VectorQueries(ArticleQueries):
    """Reads of the vectors, searches of the indexes, and keeping the indexes caught up."""

    indexes: IndexSet  # opened by SQLiteStore

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
                try:
                    out[space] = self.indexes.reconcile(space, dim, vectors, keys)
                except UnreadableIndexError:  # derived data: rebuilt from the table, as after a crash
                    self.indexes.drop(space)
                    out[space] = self.indexes.reconcile(space, dim, vectors, keys)
        if save:
            self.indexes.save()
        return out

    def _stored_dim(self, space: str) -> int:
        row = self.db.execute("SELECT vector FROM vectors WHERE space = ? LIMIT 1", (space,)).fetchone()
        return len(row[0]) // 4 if row else 0
