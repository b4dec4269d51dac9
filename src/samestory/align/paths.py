"""Steps 3-4 of the aligner (:mod:`.core`): the best path through the group values, and the
reorder pass.

:func:`dp_moves` runs the monotonic DP over the worth of each group (:func:`.scores.group_values`),
:func:`backtrace` reads the groups off its best path, and :func:`reorder_pass` then links the
sentences it left out that are each other's best match anywhere (a moved paragraph, which no
monotonic path can follow). Apart from the scores because the path search knows nothing of
margins or context: only the worth of each group, whatever scored it.
"""

from __future__ import annotations

import numpy as np

from .records import AlignConfig, AlignedGroup

__all__ = ["dp_moves", "backtrace", "reorder_pass"]

# Moves of the DP, stored per cell for the backtrace.
_UP, _DIAG, _TWO_ONE, _ONE_TWO, _LEFT = 0, 1, 2, 3, 4


# -- 3. monotonic DP ------------------------------------------------------------------------------


def dp_moves(v11: np.ndarray, v21: np.ndarray | None, v12: np.ndarray | None) -> np.ndarray:
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


def backtrace(moves: np.ndarray, sim, sim_a_pairs, sim_b_pairs) -> list[AlignedGroup]:
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


def reorder_pass(
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
