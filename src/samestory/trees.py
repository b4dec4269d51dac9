"""Gradient-boosted regression trees stored as JSON and evaluated in numpy: the one tree-ensemble
reader, shared by the line judge (:mod:`samestory.cleaner.judge`) and the pair scorer
(:mod:`samestory.comparison.scorer`). Training (scikit-learn) happens in ``scripts/``; the product
only reads the exported arrays.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["TreeEnsemble", "export_gbm"]


@dataclass(frozen=True)
class TreeEnsemble:
    """sum(learning_rate * tree(x)) + init, trees as flat arrays (sklearn's layout)."""

    init: float
    learning_rate: float
    trees: tuple[dict[str, np.ndarray], ...]

    @classmethod
    def from_dict(cls, d: dict) -> TreeEnsemble:
        trees = tuple(
            {
                k: np.asarray(t[k], dtype=np.float64 if k in ("threshold", "value") else np.int64)
                for k in ("feature", "threshold", "left", "right", "value")
            }
            for t in d["trees"]
        )
        return cls(float(d["init"]), float(d["learning_rate"]), trees)

    @functools.cached_property
    def _packed(self) -> tuple[Any, ...]:
        """Every node of every tree in flat arrays: the trees' first nodes, each node's feature
        and threshold, its two children side by side (node i's at 2i and 2i + 1, as flat
        positions), its value, and whether it is a leaf."""
        sizes = [len(t["value"]) for t in self.trees]
        base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        feature, threshold, children, value, leaves = [], [], [], [], []
        for offset, tree in zip(base, self.trees):
            leaf = tree["left"] < 0
            feature.append(np.where(leaf, 0, tree["feature"]))
            threshold.append(np.where(leaf, 0.0, tree["threshold"]))
            pair = np.empty(2 * len(leaf), dtype=np.int64)
            pair[0::2] = tree["left"] + offset
            pair[1::2] = tree["right"] + offset
            children.append(pair)
            value.append(tree["value"])
            leaves.append(leaf)
        return (
            base,
            np.concatenate(feature),
            np.concatenate(threshold),
            np.concatenate(children),
            np.concatenate(value),
            np.concatenate(leaves),
        )

    def predict(self, x: np.ndarray, block: int = 256) -> np.ndarray:
        """Walks every tree at once, ``block`` rows at a time: one numpy step per level for all
        (row, tree) walks still inside a tree, instead of one per tree and level (7.6x faster on
        the line judge's 1,200 trees, measured on 150 stories-dev articles). Its trees are up to
        13 levels deep but hold 29 nodes on average, so most walks end within a few levels;
        carrying only the unfinished ones halved the time again against walking every tree to
        the deepest level (0.44 against 0.89 ms for 12 rows, the same sums)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        out = np.empty(len(x))
        for start in range(0, len(x), block):
            out[start : start + block] = self._predict_block(x[start : start + block])
        return out

    def _predict_block(self, x: np.ndarray) -> np.ndarray:
        base, feature, threshold, children, value, leaf = self._packed
        flat = np.ascontiguousarray(x).ravel()
        rows, trees = len(x), len(base)
        node = np.tile(base, rows)  # walk r * trees + t: row r in tree t
        row_start = np.repeat(np.arange(rows, dtype=np.int64) * x.shape[1], trees)
        walking = np.flatnonzero(~leaf[node])
        while walking.size:
            at = node[walking]
            right = ~(flat[row_start[walking] + feature[at]] <= threshold[at])  # NaN goes right, as before
            node[walking] = nxt = children[2 * at + right]
            walking = walking[~leaf[nxt]]
        return self.init + self.learning_rate * value[node].reshape(rows, trees).sum(axis=1)


def export_gbm(model, learning_rate: float) -> dict:
    """A fitted sklearn GradientBoostingRegressor as the JSON dict :class:`TreeEnsemble` reads."""
    init = float(np.ravel(model.init_.constant_)[0])
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        trees.append(
            {
                "feature": t.feature.tolist(),
                "threshold": [round(v, 6) for v in t.threshold.tolist()],
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": [round(v, 6) for v in t.value[:, 0, 0].tolist()],
            }
        )
    return {"init": init, "learning_rate": learning_rate, "trees": trees}
