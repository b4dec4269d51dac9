"""The learned pair scorer: gradient-boosted regression trees stored as JSON, evaluated in numpy.

One ensemble per target on the SemEval-2022 Task 8 scale (1 = very similar … 4 = very
dissimilar): ``overall`` and the six dimensions. ``scripts/train_scorer.py`` trains them on
``semeval-mono/dev`` (scikit-learn is needed there only) and writes ``samestory/data/scorer.json``;
the file also carries the calibrated ``same_story`` threshold and the training report.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from .errors import ModelError

__all__ = ["TreeEnsemble", "Scorer", "TARGETS", "DIMENSIONS", "similarity_from_overall", "default_scorer"]

DIMENSIONS = ("geography", "entities", "time", "narrative", "style", "tone")
TARGETS = ("overall", *DIMENSIONS)


@dataclass(frozen=True)
class TreeEnsemble:
    """sum(learning_rate * tree(x)) + init, trees as flat arrays (sklearn's layout)."""

    init: float
    learning_rate: float
    trees: tuple[dict[str, np.ndarray], ...]

    @classmethod
    def from_dict(cls, d: dict) -> "TreeEnsemble":
        trees = tuple({k: np.asarray(t[k], dtype=np.float64 if k in ("threshold", "value") else np.int64)
                       for k in ("feature", "threshold", "left", "right", "value")} for t in d["trees"])
        return cls(float(d["init"]), float(d["learning_rate"]), trees)

    @functools.cached_property
    def _packed(self) -> tuple[np.ndarray, ...]:
        """All trees padded into (trees x nodes) arrays, so they are walked together."""
        width = max(len(t["value"]) for t in self.trees)

        def pad(key: str, fill, dtype) -> np.ndarray:
            out = np.full((len(self.trees), width), fill, dtype=dtype)
            for i, tree in enumerate(self.trees):
                out[i, :len(tree[key])] = tree[key]
            return out

        feature = np.maximum(pad("feature", 0, np.int64), 0)   # leaves (-2) are never read
        return feature, pad("threshold", 0.0, np.float64), pad("left", -1, np.int64), \
            pad("right", -1, np.int64), pad("value", 0.0, np.float64)

    def predict(self, x: np.ndarray, block: int = 256) -> np.ndarray:
        """Walks every tree at once, level by level, ``block`` rows at a time: one numpy step
        per level for all trees instead of one per tree and level (7.6x faster on the line
        judge's 1,200 trees, measured on 150 stories-dev articles)."""
        x = np.atleast_2d(x)
        out = np.empty(len(x))
        for start in range(0, len(x), block):
            out[start:start + block] = self._predict_block(x[start:start + block])
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


@dataclass(frozen=True)
class Scorer:
    features: tuple[str, ...]
    ensembles: dict[str, TreeEnsemble]
    same_story_max_overall: float
    report: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Scorer":
        try:
            text = Path(path).read_text("utf-8") if path else \
                resources.files("samestory.data").joinpath("scorer.json").read_text("utf-8")
            d = json.loads(text)
            return cls(tuple(d["features"]), {k: TreeEnsemble.from_dict(v) for k, v in d["ensembles"].items()},
                       float(d["same_story_max_overall"]), d.get("report", {}))
        except (OSError, KeyError, ValueError) as err:
            raise ModelError(f"{path or 'samestory/data/scorer.json'}: cannot load the pair scorer ({err}); "
                             "re-run scripts/train_scorer.py") from None

    def predict(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Scores on the 1-4 scale for each target, clipped to the scale."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if x.shape[1] != len(self.features):
            raise ModelError(f"the scorer expects {len(self.features)} features, got {x.shape[1]}")
        return {k: np.clip(e.predict(x), 1.0, 4.0) for k, e in self.ensembles.items()}


@functools.lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    """The shipped scorer, loaded once per process."""
    return Scorer.load()


def similarity_from_overall(overall: float) -> float:
    """0-1 similarity, monotone in ``overall``: 1 → 1.0, 4 → 0.0."""
    return float(np.clip((4.0 - overall) / 3.0, 0.0, 1.0))


def export_gbm(model, learning_rate: float) -> dict:
    """A fitted sklearn GradientBoostingRegressor as the JSON dict :class:`TreeEnsemble` reads."""
    init = float(np.ravel(model.init_.constant_)[0])
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        trees.append({"feature": t.feature.tolist(), "threshold": [round(v, 6) for v in t.threshold.tolist()],
                      "left": t.children_left.tolist(), "right": t.children_right.tolist(),
                      "value": [round(v, 6) for v in t.value[:, 0, 0].tolist()]})
    return {"init": init, "learning_rate": learning_rate, "trees": trees}
