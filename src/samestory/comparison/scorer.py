"""The learned pair scorer: gradient-boosted regression trees stored as JSON, evaluated in numpy.

One ensemble per target on the SemEval-2022 Task 8 scale (1 = very similar … 4 = very
dissimilar): ``overall`` and the six dimensions. ``scripts/train_scorer.py`` trains them on
``semeval-mono/dev`` (scikit-learn is needed there only) and writes ``samestory/data/scorer.json``;
the file also carries the calibrated ``same_story`` threshold and the training report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..trees import TreeEnsemble
from .evidence import FEATURES

__all__ = ["Scorer", "TARGETS", "DIMENSIONS", "similarity_from_overall"]

DIMENSIONS = ("geography", "entities", "time", "narrative", "style", "tone")
TARGETS = ("overall", *DIMENSIONS)


@dataclass(frozen=True)
class Scorer:
    """One tree ensemble per target over :data:`~samestory.comparison.evidence.FEATURES`, in that
    order; :meth:`load` refuses a file trained on another feature list."""

    features: tuple[str, ...]
    ensembles: dict[str, TreeEnsemble]
    same_story_max_overall: float
    report: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> Scorer:
        try:
            text = (
                Path(path).read_text("utf-8")
                if path
                else resources.files("samestory.data").joinpath("scorer.json").read_text("utf-8")
            )
            d = json.loads(text)
            features = tuple(d["features"])
            if features != FEATURES:
                raise ValueError(f"it was trained on other features ({_difference(features, FEATURES)})")
            missing = set(TARGETS) - set(d["ensembles"])
            if missing:
                raise ValueError(f"it has no model for {', '.join(sorted(missing))}")
            return cls(
                features,
                {k: TreeEnsemble.from_dict(v) for k, v in d["ensembles"].items()},
                float(d["same_story_max_overall"]),
                d.get("report", {}),
            )
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ModelError(
                f"{path or 'samestory/data/scorer.json'}: cannot load the pair scorer ({err}); "
                "re-run scripts/train_scorer.py"
            ) from None

    def predict(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Scores on the 1-4 scale for each target, clipped to the scale."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if x.shape[1] != len(self.features):
            raise ModelError(f"the scorer expects {len(self.features)} features, got {x.shape[1]}")
        return {k: np.clip(e.predict(x), 1.0, 4.0) for k, e in self.ensembles.items()}


def _difference(got: tuple[str, ...], want: tuple[str, ...]) -> str:
    """What differs between two feature lists, for the error message."""
    extra, missing = [f for f in got if f not in want], [f for f in want if f not in got]
    if extra or missing:
        return "; ".join(
            filter(
                None,
                [f"unknown: {', '.join(extra)}" if extra else "", f"missing: {', '.join(missing)}" if missing else ""],
            )
        )
    return "the same names in another order"


def similarity_from_overall(overall: float) -> float:
    """0-1 similarity, monotone in ``overall``: 1 → 1.0, 4 → 0.0."""
    return float(np.clip((4.0 - overall) / 3.0, 0.0, 1.0))
