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
        """Every node of every tree in flat arrays, children as flat positions, and a leaf as
        its own two children (so a walk that reached it stays there): all trees are walked
        together, a fixed number of levels (the deepest tree's depth), with no test for leaves."""
        sizes = [len(t["value"]) for t in self.trees]
        base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        feature, threshold, left, right, value = [], [], [], [], []
        for offset, tree in zip(base, self.trees):
            own = np.arange(len(tree["value"]), dtype=np.int64) + offset
            leaf = tree["left"] < 0
            feature.append(np.where(leaf, 0, tree["feature"]))
            threshold.append(np.where(leaf, 0.0, tree["threshold"]))
            left.append(np.where(leaf, own, tree["left"] + offset))
            right.append(np.where(leaf, own, tree["right"] + offset))
            value.append(tree["value"])
        depth = max(_depth(t["left"], t["right"]) for t in self.trees)
        return (
            base,
            np.concatenate(feature),
            np.concatenate(threshold),
            np.concatenate(left),
            np.concatenate(right),
            np.concatenate(value),
            depth,
        )

    def predict(self, x: np.ndarray, block: int = 256) -> np.ndarray:
        """Walks every tree at once, level by level, ``block`` rows at a time: one numpy step
        per level for all trees instead of one per tree and level (7.6x faster on the line
        judge's 1,200 trees, measured on 150 stories-dev articles; flat node arrays with
        self-looping leaves halve it again)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        out = np.empty(len(x))
        for start in range(0, len(x), block):
            out[start : start + block] = self._predict_block(x[start : start + block])
        return out

    def _predict_block(self, x: np.ndarray) -> np.ndarray:
        base, feature, threshold, left, right, value, depth = self._packed
        flat = np.ascontiguousarray(x).ravel()
        row_start = (np.arange(len(x), dtype=np.int64) * x.shape[1])[:, None]
        node = np.broadcast_to(base, (len(x), len(base)))
        for _ in range(depth):
            go_left = flat[row_start + feature[node]] <= threshold[node]
            node = np.where(go_left, left[node], right[node])
        return self.init + self.learning_rate * value[node].sum(axis=1)


def _depth(left: np.ndarray, right: np.ndarray) -> int:
    """Levels of inner nodes on the longest path from the root of one tree."""
    depth, level = 0, [0]
    while True:
        level = [c for n in level if left[n] >= 0 for c in (left[n], right[n])]
        if not level:
            return depth
        depth += 1


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
