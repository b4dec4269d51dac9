"""Clustering metrics of ``samestory eval stories`` (:mod:`.stories_eval`): pure functions.

Predicted and gold stories are two labels per record. B-cubed comes first (of the usual
clustering metrics it alone meets the four formal constraints of Amigó et al. 2009), pairwise
F1 beside it (dominated by large stories); then the views a B-cubed average over a thousand
singletons hides: multi-article gold stories found whole, cross-lingual links per language pair,
and the scores against gold with identical copies' stories merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..types import Article
from .stories_data import StoryRecord, copy_key

__all__ = ["bcubed", "pairwise", "whole_stories", "language_pairs", "copies_merged_gold", "cluster_scores"]


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    cells = Counter(zip(predicted, gold))
    pred_sizes, gold_sizes = Counter(predicted), Counter(gold)
    n = len(gold)
    p = sum(c * c / pred_sizes[pr] for (pr, _), c in cells.items()) / n
    r = sum(c * c / gold_sizes[go] for (_, go), c in cells.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in one story."""
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts.values())
    both = pairs(Counter(zip(predicted, gold)))
    pred, true = pairs(Counter(predicted)), pairs(Counter(gold))
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def whole_stories(records: Sequence[StoryRecord], predicted: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Per kind of multi-article gold story (WMT direction, "semeval"): how many there are, how
    many were found whole (all members in one predicted story) and how many exactly (that
    predicted story holds nothing else)."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        members[r.story].append(i)
    sizes = Counter(predicted)
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for ix in members.values():
        if len(ix) < 2:
            continue
        kind = records[ix[0]].group
        labels = {predicted[i] for i in ix}
        whole = len(labels) == 1
        out[kind]["stories"] += 1
        out[kind]["whole"] += whole
        out[kind]["exact"] += whole and sizes[predicted[ix[0]]] == len(ix)
    return {
        k: {
            "stories": c["stories"],
            "whole": c["whole"],
            "exact": c["exact"],
            "whole_share": round(c["whole"] / c["stories"], 4),
        }
        for k, c in sorted(out.items())
    }


def language_pairs(records: Sequence[StoryRecord], predicted: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Cross-lingual links per language pair ("de-en", sorted): two articles in different
    languages put in one story. ``gold_links``: such pairs in the gold stories, ``found``: those
    predicted too (``recall``); ``predicted_links``: such pairs predicted, ``correct``: those in
    gold (``precision``). A wrong cross-lingual join shows here even when the B-cubed average
    hides it among a thousand singletons."""
    gold = [r.story for r in records]
    langs = [r.lang for r in records]

    def links(groups: Sequence[object]) -> Counter[str]:
        by_group: dict[object, Counter[str]] = defaultdict(Counter)
        for g, lang in zip(groups, langs):
            by_group[g][lang] += 1
        out: Counter[str] = Counter()
        for counts in by_group.values():
            present = sorted(counts)
            for i, a in enumerate(present):
                for b in present[i + 1 :]:
                    out[f"{a}-{b}"] += counts[a] * counts[b]
        return out

    true, pred, both = links(gold), links(predicted), links(list(zip(predicted, gold)))
    report: dict[str, dict[str, float | int]] = {}
    for pair in sorted(true.keys() | pred.keys()):
        p = both[pair] / pred[pair] if pred[pair] else 1.0
        r = both[pair] / true[pair] if true[pair] else 1.0
        report[pair] = {
            "gold_links": true[pair],
            "found": both[pair],
            "recall": round(r, 4),
            "predicted_links": pred[pair],
            "correct": both[pair],
            "precision": round(p, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        }
    return report


def copies_merged_gold(records: Sequence[StoryRecord], articles: Sequence[Article | None]) -> list[str]:
    """Gold stories with the stories of identical copies merged (the brief's "copy-collapsed"
    view: an article scraped twice into two gold stories is one story by any reading)."""
    parent = {r.story: r.story for r in records}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    first: dict[str, str] = {}
    for r, a in zip(records, articles):
        if a is not None:
            other = first.setdefault(copy_key(a), r.story)
            parent[root(r.story)] = root(other)
    return [root(r.story) for r in records]


def cluster_scores(records: Sequence[StoryRecord], labels: Sequence[str], gold: Sequence[str] | None = None) -> dict:
    """B-cubed and pairwise scores of ``labels`` (against the records' own stories unless ``gold``), rounded."""
    gold = gold if gold is not None else [r.story for r in records]
    bp, br, bf = bcubed(labels, gold)
    pp, pr, pf = pairwise(labels, gold)
    return {
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "bcubed_f1": round(bf, 4),
        "pairwise_precision": round(pp, 4),
        "pairwise_recall": round(pr, 4),
        "pairwise_f1": round(pf, 4),
        "stories_predicted": len(set(labels)),
    }
