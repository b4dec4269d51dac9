"""Train the pair scorer on SemEval-2022 Task 8 ``semeval-mono/dev`` and write it into the package.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_scorer.py [--data ../shared/data] [--out src/samestory/data/scorer.json]

Steps: (1) features for every dev pair through the same path ``compare`` uses (cached in
.cache/); (2) choose tree depth and count by 5-fold cross-validated Pearson on dev; (3) calibrate
the same_story threshold on the cross-validated predictions (best F1 against gold Overall ≤ 1.5);
(4) fit one ensemble per target on all of dev and write JSON. Only dev is read: test is for
reporting (``samestory eval pairs``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from samestory.comparison.evidence import FEATURES
from samestory.comparison.scorer import TARGETS
from samestory.evaluation.pairs_eval import SAME_STORY_GOLD, load_pairs, pair_features
from samestory.resources import Resources
from samestory.trees import export_gbm

GRID = [dict(max_depth=d, n_estimators=n) for d in (2, 3) for n in (150, 300)]
FIXED = dict(learning_rate=0.05, subsample=0.8, min_samples_leaf=10, random_state=13)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "src/samestory/data/scorer.json"))
    args = parser.parse_args()
    records = load_pairs(Path(args.data) / "semeval-mono" / "dev.jsonl")
    x = cached_features(records)
    y = {t: np.array([r.gold[t] for r in records]) for t in TARGETS}
    best, cv = choose(x, y["overall"])
    print(f"chosen {best}: 5-fold CV Pearson on dev {cv['pearson']:.4f}")
    threshold, f1 = calibrate(cv["predictions"], y["overall"])
    print(f"same_story threshold overall <= {threshold:.2f} (CV F1 {f1:.3f})")
    ensembles = {t: export_gbm(fit(x, y[t], best), FIXED["learning_rate"]) for t in TARGETS}
    out = {
        "features": list(FEATURES),
        "ensembles": ensembles,
        "same_story_max_overall": round(threshold, 3),
        "report": {
            "trained_on": "semeval-mono/dev",
            "pairs": len(records),
            "params": {**best, **FIXED},
            "cv_pearson_overall": round(cv["pearson"], 4),
            "cv_same_story_f1": round(f1, 4),
            "trained": time.strftime("%Y-%m-%d"),
        },
    }
    Path(args.out).write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB)")
    return 0


def cached_features(records) -> np.ndarray:
    # The features depend on how both sides were cleaned: the key covers the cleaner's code and
    # the line judge's model, so a changed cleaner recomputes them instead of reusing stale ones.
    from importlib import import_module, resources

    package = Path(import_module("samestory").__file__).parent
    sources = sorted((package / "cleaner").glob("*.py")) + [package / "language.py", package / "text" / "units.py"]
    cleaner = (
        b"".join(p.read_bytes() for p in sources)
        + resources.files("samestory.data").joinpath("line_judge.json").read_bytes()
    )
    key = hashlib.sha1(
        ("|".join(FEATURES) + "|" + "|".join(r.pair_id for r in records)).encode() + hashlib.sha1(cleaner).digest()
    ).hexdigest()[:12]
    cache = Path(".cache") / f"semeval-dev-{key}.npy"
    if cache.exists():
        return np.load(cache)
    x = pair_features(records, Resources())
    cache.parent.mkdir(exist_ok=True)
    np.save(cache, x)
    return x


def fit(x, y, params):
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(**params, **FIXED).fit(x, y)


def choose(x, y):
    from sklearn.model_selection import KFold

    results = []
    for params in GRID:
        pred = np.zeros(len(y))
        for train, held in KFold(5, shuffle=True, random_state=13).split(x):
            pred[held] = fit(x[train], y[train], params).predict(x[held])
        results.append((float(np.corrcoef(pred, y)[0, 1]), params, pred))
        print(f"  {params}: CV Pearson {results[-1][0]:.4f}")
    pearson, params, pred = max(results, key=lambda r: r[0])
    return params, {"pearson": pearson, "predictions": pred}


def calibrate(pred, gold):
    truth = gold <= SAME_STORY_GOLD
    best = (1.5, 0.0)
    for t in np.arange(1.0, 3.01, 0.05):
        flag = pred <= t
        tp = (flag & truth).sum()
        p, r = tp / max(flag.sum(), 1), tp / max(truth.sum(), 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[1]:
            best = (float(t), float(f1))
    return best


if __name__ == "__main__":
    sys.exit(main())
