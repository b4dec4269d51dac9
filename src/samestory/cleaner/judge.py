"""The learned line judge: how likely each line of a scrape is page furniture, not article.

The rules in :mod:`samestory.clean` catch what has a recognisable form (a cookie banner, a view
counter, a "Source:" line). Most scraped junk has none: related-article titles, menu entries,
product categories, "Get the app". What gives such a line away is its relation to the article
around it: it shares few words with the text, it means something else than the text
(multilingual sentence vectors), it neither ends like a sentence nor announces the paragraph
after it. The judge turns these relations, the line's look and the rules' verdicts into
features (:func:`line_features`) and scores them with gradient-boosted trees stored as JSON
(``samestory/data/line_judge.json``, trained by ``scripts/train_line_judge.py``).

It also protects the body: a rule's verdict on a short unit stands only when the judge does not
find the unit clearly part of the article (``keep_below``), which is how a bare number in a price
list or a "Contact us" heading in a how-to survives while "9407" under a news story does not.
Long units (a cookie banner), text in another language than the article, view counters and
credit lines are outside what the judge learned or what the issue leaves to judgement (WCXB's
junk is short and in the page's language; its gold bodies keep forum view counts and photo
credits, which news users want gone): there the rules have the last word
(:func:`.features.overrulable`).
So does the bare-number rule in prose (WCXB's bodies are full of numbers in lists and tables).

The shipped file holds two models, each trained on one half of the WCXB plain-text simulation
(pages with even ids, pages with odd ids); the product averages them, ``samestory eval clean``
judges every page with the model that did not see it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..trees import TreeEnsemble
from .features import FEATURES, normalised, text_grams

__all__ = ["LineJudge", "decode_weights", "encode_weights"]


@dataclass(frozen=True)
class _Model:
    vector_weights: np.ndarray  # logistic regression over the unit's sentence vector
    vector_bias: float
    text_weights: np.ndarray  # logistic regression over the unit's hashed grams
    text_bias: float
    trees: TreeEnsemble  # log-odds of "furniture" from FEATURES

    def log_odds(self, grams: Sequence[np.ndarray], features: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """``grams``: :func:`~.features.text_grams` of each unit."""
        vector_prior = normalised(vectors) @ self.vector_weights + self.vector_bias
        text_prior = np.array([_text_score(self.text_weights, g) for g in grams]) + self.text_bias
        return self.trees.predict(np.column_stack([features, vector_prior, text_prior]))


def _text_score(weights: np.ndarray, grams: np.ndarray) -> float:
    """The grams' weights summed, the unit's gram vector L2-normalised (binary, so 1/sqrt(n))."""
    return float(weights[grams].sum() / np.sqrt(max(len(grams), 1)))


def encode_weights(w: np.ndarray) -> str:
    """float16 little-endian bytes in base64: 65,536 weights in 175 KB of JSON."""
    return base64.b64encode(np.asarray(w, dtype="<f2").tobytes()).decode("ascii")


def decode_weights(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float64)


@dataclass(frozen=True)
class LineJudge:
    """Scores units and decides.

    A unit no rule claims is removed when its odds of being furniture, per character it
    holds, reach ``remove_at``: a wrong removal costs what it deletes, so a 12-character menu
    entry needs less certainty than a 200-character sentence (on the held-out halves this
    caught 0.013 more junk at the same body loss than one probability threshold). An
    :func:`overrulable` rule verdict is overruled below probability ``keep_below``.
    """

    models: dict[str, _Model]
    remove_at: float
    keep_below: float
    report: dict

    def removes(self, furniture: float, chars: int) -> bool:
        """Whether a unit no rule claims goes, given its P(furniture) and length."""
        return furniture / max(1.0 - furniture, 1e-9) >= self.remove_at * max(chars, 1)

    @classmethod
    def load(cls, path: str | Path | None = None) -> LineJudge:
        try:
            text = (
                Path(path).read_text("utf-8")
                if path
                else resources.files("samestory.data").joinpath("line_judge.json").read_text("utf-8")
            )
            d = json.loads(text)
            if tuple(d["features"]) != FEATURES:
                raise ValueError("its features are not this version's")
            models = {
                name: _Model(
                    np.asarray(m["vector_weights"], dtype=np.float64),
                    float(m["vector_bias"]),
                    decode_weights(m["text_weights"]),
                    float(m["text_bias"]),
                    TreeEnsemble.from_dict(m["trees"]),
                )
                for name, m in d["models"].items()
            }
            return cls(models, float(d["remove_at"]), float(d["keep_below"]), d.get("report", {}))
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ModelError(
                f"{path or 'samestory/data/line_judge.json'}: cannot load the line judge ({err}); "
                "re-run scripts/train_line_judge.py"
            ) from None

    def only(self, name: str) -> LineJudge:
        """The judge reduced to one of its models (evaluation: the model that did not see a page)."""
        if name not in self.models:
            raise ModelError(f"the line judge has no model {name!r} (it has {', '.join(self.models)})")
        return replace(self, models={name: self.models[name]})

    def probabilities(self, units: Sequence[str], features: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """P(furniture) per unit: the models' mean log-odds through the logistic function."""
        if len(features) == 0:
            return np.zeros(0)
        grams = [text_grams(u) for u in units]  # once for both models
        odds = np.mean([m.log_odds(grams, features, vectors[: len(features)]) for m in self.models.values()], axis=0)
        return 1.0 / (1.0 + np.exp(-odds))
