"""Aligning documents too long for one DP, in bounded memory (any length).

Two reports concatenated, a parliament transcript, a book chapter: n_a × n_b cells above
``AlignConfig.max_cells`` would need gigabytes in one DP. Instead:

1. Typical similarities (the margins' hubness correction) are computed over the whole documents,
   a block of rows at a time, so every segment is scored as the whole would be.
2. Anchors: 1-1 links that are each other's best match in the whole documents with a margin
   of at least ``min_score + reorder_margin`` (the bar the reorder pass trusts), reduced to
   their longest monotone chain.
3. The documents are cut at anchors into segments of at most ``max_cells`` cells, the farthest
   anchor that fits each time; where no anchor fits (unrelated stretches have none), a cut is
   forced along the line towards the next anchor. Each segment is aligned by the same DP
   (:func:`samestory.align.core.align_matrices`); a cut only forbids groups across it.
4. The reorder pass runs over the whole documents, a block of rows at a time.

Only blocks of about ``max_cells`` cells are ever held, whatever the documents' lengths.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import numpy as np

from ..vectors import cosine_matrix, mean_top_k
from .core import (
    AlignConfig,
    AlignedGroup,
    Alignment,
    Typical,
    align_matrices,
    alignment_of,
    length_ratio,
    margin,
    neighbours,
    with_context,
)

__all__ = ["SimilaritySource", "VectorSource", "MatrixSource", "align_long", "anchor_chain", "segment_cuts"]

_ALL = slice(None)


class SimilaritySource(Protocol):
    """Blocks of the similarity matrices, computed on demand."""

    n_a: int
    n_b: int

    def sim(self, rows: slice, cols: slice) -> np.ndarray:
        """Cosines of A's sentences ``rows`` with B's sentences ``cols`` (float64)."""
        ...

    def a_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        """A's neighbour pairs ``rows`` against B's sentences ``cols``; None without pairs."""
        ...

    def b_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        """A's sentences ``rows`` against B's neighbour pairs ``cols``; None without pairs."""
        ...


class VectorSource:
    """Blocks computed from sentence and neighbour-pair vectors (rows L2-normalised or not)."""

    def __init__(self, a: np.ndarray, b: np.ndarray, a_pairs: np.ndarray | None, b_pairs: np.ndarray | None):
        self.a, self.b, self.pa, self.pb = a, b, a_pairs, b_pairs
        self.n_a, self.n_b = len(a), len(b)

    def sim(self, rows: slice, cols: slice) -> np.ndarray:
        return cosine_matrix(self.a[rows], self.b[cols]).astype(np.float64)

    def a_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        return None if self.pa is None else cosine_matrix(self.pa[rows], self.b[cols]).astype(np.float64)

    def b_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        return None if self.pb is None else cosine_matrix(self.pb[cols], self.a[rows]).T.astype(np.float64)


class MatrixSource:
    """Blocks sliced from matrices the caller already holds."""

    def __init__(self, sim: np.ndarray, sim_a_pairs: np.ndarray | None, sim_b_pairs: np.ndarray | None):
        self.s, self.sa, self.sb = sim, sim_a_pairs, sim_b_pairs
        self.n_a, self.n_b = sim.shape

    def sim(self, rows: slice, cols: slice) -> np.ndarray:
        return self.s[rows, cols]

    def a_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        return None if self.sa is None else self.sa[rows, cols]

    def b_pairs(self, rows: slice, cols: slice) -> np.ndarray | None:
        return None if self.sb is None else self.sb[rows, cols]


def align_long(
    source: SimilaritySource, len_a: np.ndarray | None, len_b: np.ndarray | None, config: AlignConfig
) -> Alignment:
    """Align two long documents segment by segment (see the module docstring)."""
    n_a, n_b = source.n_a, source.n_b
    if n_a == 0 or n_b == 0:
        return Alignment([], list(range(n_a)), list(range(n_b)))
    typical = _typicals(source, config)
    ratio = length_ratio(len_a, len_b) if len_a is not None and len_b is not None else None
    cuts = segment_cuts(anchor_chain(source, typical, config), n_a, n_b, config.max_cells)
    groups: list[AlignedGroup] = []
    for (i0, j0), (i1, j1) in zip(cuts, cuts[1:]):
        if i1 > i0 and j1 > j0:
            groups += _segment(source, typical, len_a, len_b, ratio, config, (i0, i1), (j0, j1))
    if config.reorder:
        groups += _reorder(groups, source, typical, config)
    return alignment_of(groups, n_a, n_b)


# -- 1. typical similarities over the whole documents ---------------------------------------------


def _typicals(source: SimilaritySource, config: AlignConfig) -> Typical:
    n_a, n_b, k = source.n_a, source.n_b, config.k
    r_a = _over_rows(n_a, n_b, config, lambda rs: mean_top_k(source.sim(rs, _ALL), k))
    r_b = _over_rows(n_b, n_a, config, lambda cs: mean_top_k(source.sim(_ALL, cs).T, k))
    r_pa = r_pb = None
    if n_a > 1 and source.a_pairs(slice(0, 1), slice(0, 1)) is not None:
        r_pa = _over_rows(n_a - 1, n_b, config, lambda rs: mean_top_k(_present(source.a_pairs(rs, _ALL)), k))
    if n_b > 1 and source.b_pairs(slice(0, 1), slice(0, 1)) is not None:
        r_pb = _over_rows(n_b - 1, n_a, config, lambda cs: mean_top_k(_present(source.b_pairs(_ALL, cs)).T, k))
    return Typical(r_a, r_b, r_pa, r_pb)


def _present(block: np.ndarray | None) -> np.ndarray:
    assert block is not None  # the source has pair vectors: checked before asking
    return block


def _blocks(n: int, width: int, config: AlignConfig) -> list[slice]:
    """Slices of ``n`` rows, each block of rows × ``width`` columns holding ~max_cells / 4 cells."""
    step = max(1, config.max_cells // 4 // max(width, 1))
    return [slice(start, min(start + step, n)) for start in range(0, n, step)]


def _over_rows(n: int, width: int, config: AlignConfig, per_block) -> np.ndarray:
    return np.concatenate([per_block(rs) for rs in _blocks(n, width, config)])


# -- 2. anchors -----------------------------------------------------------------------------------


def anchor_chain(source: SimilaritySource, typical: Typical, config: AlignConfig) -> list[tuple[int, int]]:
    """Mutual-best 1-1 links with a margin of at least ``min_score + reorder_margin``, reduced to
    their longest chain increasing on both sides."""

    def margins(rows: slice) -> np.ndarray:
        return margin(source.sim(rows, _ALL), typical.a[rows], typical.b)

    row_best, row_value, col_best = _mutual_best(source.n_a, source.n_b, config, margins)
    bar = config.min_score + config.reorder_margin
    mutual = [(i, int(j)) for i, j in enumerate(row_best) if col_best[j] == i and row_value[i] >= bar]
    return _longest_chain(mutual)


def _mutual_best(
    n_a: int, n_b: int, config: AlignConfig, scores: Callable[[slice], np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Over a score matrix computed a block of rows at a time: each row's best column and its
    score, and each column's best row (the first on ties, as ``argmax`` over the whole)."""
    row_best = np.zeros(n_a, dtype=np.int64)
    row_value = np.full(n_a, -np.inf)
    col_value = np.full(n_b, -np.inf)
    col_best = np.zeros(n_b, dtype=np.int64)
    for rows in _blocks(n_a, n_b, config):
        block = scores(rows)
        row_best[rows] = block.argmax(axis=1)
        row_value[rows] = block.max(axis=1)
        block_best = block.max(axis=0)
        better = block_best > col_value
        col_value = np.where(better, block_best, col_value)
        col_best = np.where(better, block.argmax(axis=0) + rows.start, col_best)
    return row_best, row_value, col_best


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i, i distinct) strictly increasing in j."""
    tails: list[int] = []  # tails[L]: the smallest j ending a chain of length L + 1
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[length], tail_index[length] = j, n
        parent[n] = tail_index[length - 1] if length else -1
    chain, n = [], tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(pairs[n])
        n = parent[n]
    return chain[::-1]


# -- 3. segments ----------------------------------------------------------------------------------


def segment_cuts(anchors: list[tuple[int, int]], n_a: int, n_b: int, budget: int) -> list[tuple[int, int]]:
    """Corners (i, j) cutting [0, n_a) × [0, n_b) into segments of at most ``budget`` cells:
    each cut at the farthest anchor that keeps the segment within the budget, or, where none
    does, towards the next anchor (or the documents' ends) as far as the budget allows."""
    cuts = [(0, 0)]
    i0, j0 = 0, 0
    ahead = list(anchors)
    while (n_a - i0) * (n_b - j0) > budget:
        ahead = [(i, j) for i, j in ahead if i > i0 and j > j0]
        fitting = [(i, j) for i, j in ahead if (i - i0) * (j - j0) <= budget]
        if fitting:
            i0, j0 = fitting[-1]
        else:
            ti, tj = ahead[0] if ahead else (n_a, n_b)
            scale = math.sqrt(budget / ((ti - i0) * (tj - j0)))
            i0 = min(ti, i0 + max(1, int((ti - i0) * scale)))
            j0 = min(tj, j0 + max(1, int((tj - j0) * scale)))
        cuts.append((i0, j0))
    cuts.append((n_a, n_b))
    return cuts


def _segment(source, typical, len_a, len_b, ratio, config, rows: tuple[int, int], cols: tuple[int, int]):
    (i0, i1), (j0, j1) = rows, cols
    sim = source.sim(slice(i0, i1), slice(j0, j1))
    pa = source.a_pairs(slice(i0, i1 - 1), slice(j0, j1)) if i1 - i0 > 1 else None
    pb = source.b_pairs(slice(i0, i1), slice(j0, j1 - 1)) if j1 - j0 > 1 else None
    part = Typical(
        typical.a[i0:i1],
        typical.b[j0:j1],
        None if typical.a_pairs is None else typical.a_pairs[i0 : i1 - 1],
        None if typical.b_pairs is None else typical.b_pairs[j0 : j1 - 1],
    )
    found = align_matrices(
        sim,
        pa,
        pb,
        None if len_a is None else len_a[i0:i1],
        None if len_b is None else len_b[j0:j1],
        config,
        part,
        ratio,
        reorder=False,
    )
    return [replace(g, a=tuple(i + i0 for i in g.a), b=tuple(j + j0 for j in g.b)) for g in found]


# -- 4. reorder pass ------------------------------------------------------------------------------


def _reorder(
    groups: list[AlignedGroup], source: SimilaritySource, typical: Typical, config: AlignConfig
) -> list[AlignedGroup]:
    """The reorder pass of :func:`samestory.align.core.align_matrices` over the whole documents,
    a block of rows at a time (each block padded by the two rows its context bonus reads)."""
    n_a = source.n_a

    def scores(rows: slice) -> np.ndarray:
        p0, p1 = max(0, rows.start - 2), min(n_a, rows.stop + 2)
        m = margin(source.sim(slice(p0, p1), _ALL), typical.a[p0:p1], typical.b)
        before, after = neighbours(m)
        return with_context(m, before, after, config.context)[rows.start - p0 : rows.stop - p0]

    row_best, row_value, col_best = _mutual_best(n_a, source.n_b, config, scores)
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    bar = config.min_score + config.reorder_margin
    found = []
    for i in range(n_a):
        j = int(row_best[i])
        if i not in used_a and j not in used_b and col_best[j] == i and row_value[i] > bar:
            cosine = float(source.sim(slice(i, i + 1), slice(j, j + 1))[0, 0])
            found.append(AlignedGroup((i,), (j,), cosine, reordered=True))
    return found
