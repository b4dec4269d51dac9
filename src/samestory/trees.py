"""Gradient-boosted regression trees stored as JSON and evaluated in numpy: the one tree-ensemble
reader, shared by the line judge (:mod:`samestory.cleaner.judge`) and the pair scorer
(:mod:`samestory.comparison.scorer`). Training (scikit-learn) happens in ``scripts/``; the product
only reads the exported arrays.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

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
    def _packed(self) -> tuple[np.ndarray, ...]:
        """All trees padded into (trees x nodes) arrays, so they are walked together."""
        width = max(len(t["value"]) for t in self.trees)

        def pad(key: str, fill, dtype) -> np.ndarray:
            out = np.full((len(self.trees), width), fill, dtype=dtype)
            for i, tree in enumerate(self.trees):
                out[i, : len(tree[key])] = tree[key]
            return out

        feature = np.maximum(pad("feature", 0, np.int64), 0)  # leaves (-2) are never read
        return (
            feature,
            pad("threshold", 0.0, np.float64),
            pad("left", -1, np.int64),
            pad("right", -1, np.int64),
            pad("value", 0.0, np.float64),
        )

    def predict(self, x: np.ndarray, block: int = 256) -> np.ndarray:
        """Walks every tree at once, level by level, ``block`` rows at a time: one numpy step
        per level for all trees instead of one per tree and level (7.6x faster on the line
        judge's 1,200 trees, measured on 150 stories-dev articles)."""
        x = np.atleast_2d(x)
        out = np.empty(len(x))
        for start in range(0, len(x), block):
            out[start : start + block] = self._predict_block(x[start : start + block])
        return out

    def _predict_block(self, x: np.ndarray) -> np.ndarray:
        feature, threshold, left, right, value = self._packed
        trees = np.arange(len(self.trees))[None, :]
        rows = np.arange(len(x))[:, None]
        node = np.zeros((len(x), len(self.trees)), dtype=np.int64)
        while True:
            go_to = left[trees, node]
            inner = go_to >= 0
            if not inner.any():
                break
            go_left = x[rows, feature[trees, node]] <= threshold[trees, node]
            node = np.where(inner, np.where(go_left, go_to, right[trees, node]), node)
        return self.init + self.learning_rate * value[trees, node].sum(axis=1)


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
