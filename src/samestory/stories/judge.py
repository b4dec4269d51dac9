"""The join-or-new judge: boosted regression trees over :data:`~samestory.stories.features.FEATURES`
predicting "this article belongs to this story" (0-1), and the threshold above which the best
candidate is joined.

``scripts/train_story_judge.py`` trains it on ``stories/dev`` only (scikit-learn there, JSON
here, evaluated by :class:`samestory.trees.TreeEnsemble` like the pair scorer) and writes
``samestory/data/story_judge.json``, which carries the feature list (checked at load: a file
trained on other features is refused, not misread), the threshold and the training report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError
from ..trees import TreeEnsemble
from .features import FEATURES

__all__ = ["Judge", "StoryJudge", "JUDGE_FILE"]

JUDGE_FILE = "story_judge.json"


class Judge(Protocol):
    """What the clusterer needs of a judge: scores for candidate rows and the join threshold
    (the shipped :class:`StoryJudge`; the training script's per-fold judge; a test's rule)."""

    @property
    def threshold(self) -> float: ...

    def predict(self, x: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class StoryJudge:
    """One tree ensemble over :data:`FEATURES` (in that order), the join threshold, and the
    score at which a second candidate story of the same article is merged into the joined one
    (None: training found that merging did not pay)."""

    features: tuple[str, ...]
    ensemble: TreeEnsemble
    threshold: float
    report: dict
    merge_threshold: float | None = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> StoryJudge:
        where = str(path) if path else f"samestory/data/{JUDGE_FILE}"
        try:
            text = (
                Path(path).read_text("utf-8")
                if path
                else resources.files("samestory.data").joinpath(JUDGE_FILE).read_text("utf-8")
            )
            return cls.from_dict(json.loads(text))
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ModelError(
                f"{where}: cannot load the story judge ({err}); re-run scripts/train_story_judge.py"
            ) from None

    @classmethod
    def from_dict(cls, d: dict) -> StoryJudge:
        features = tuple(d["features"])
        if features != FEATURES:
            extra = [f for f in features if f not in FEATURES]
            missing = [f for f in FEATURES if f not in features]
            detail = "; ".join(
                filter(
                    None,
                    [
                        f"unknown: {', '.join(extra)}" if extra else "",
                        f"missing: {', '.join(missing)}" if missing else "",
                    ],
                )
            )
            raise ValueError(f"it was trained on other features ({detail or 'the same names in another order'})")
        threshold = float(d["threshold"])
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold {threshold} is outside 0-1")
        merge = d.get("merge_threshold")
        ensemble = TreeEnsemble.from_dict(d["ensemble"])
        return cls(features, ensemble, threshold, dict(d.get("report", {})), None if merge is None else float(merge))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Same-story scores 0-1, one per row of ``x`` (columns in :data:`FEATURES` order)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if x.shape[1] != len(self.features):
            raise ModelError(f"the story judge expects {len(self.features)} features, got {x.shape[1]}")
        if not len(x):
            return np.zeros(0)
        return np.clip(self.ensemble.predict(x), 0.0, 1.0)
