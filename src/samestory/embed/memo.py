"""Embed each distinct text once over one unit of work (one comparison): :class:`MemoEmbedder`.

A comparison embeds the same texts twice: the cleaner's line judge embeds every line of both
articles, and the comparison then embeds sentences, sentence pairs, chunks and titles, many of
which are those lines (a two-sentence paragraph is a sentence pair, a one-sentence paragraph a
sentence, a title is a title). A memo wrapped around the model for the length of the work hands
the second caller the first caller's rows.

The memo is an object the caller creates and passes in (``Resources.memoised()``), never module
state: it lives as long as the work, so a long-running server holds no vectors between requests.
Rows come from the model's own call, so a reused row is the model's row for that text; like any
change of batch, it can differ from the row a differently composed call would give in the last
float32 bit (~1e-7).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Embedder, _checked

__all__ = ["MemoEmbedder"]


class MemoEmbedder:
    """``inner`` behind a memo keyed by the exact text: each call embeds, in one call of
    ``inner``, only the distinct texts it has not seen, and every row it returns is the row
    ``inner`` gave that text. ``embedded`` and ``reused`` count texts, for tests and diagnostics.
    Not thread-safe: one memo per unit of work."""

    def __init__(self, inner: Embedder):
        self.inner = inner
        self._rows: dict[str, np.ndarray] = {}
        self.embedded = 0
        self.reused = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def languages(self) -> frozenset[str] | None:
        return self.inner.languages

    def texts(self) -> list[str]:
        """The distinct texts embedded so far, in the order they came."""
        return list(self._rows)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        texts = _checked(texts)
        if not texts:
            return self.inner.embed_batch([])
        missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        if missing:
            self._rows.update(zip(missing, self.inner.embed_batch(missing)))
        self.embedded += len(missing)
        self.reused += len(texts) - len(missing)
        return np.stack([self._rows[t] for t in texts]).astype(np.float32, copy=False)
