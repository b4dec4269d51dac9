"""``samestory eval align``: sentence alignment on WMT21 documents with sentences deleted.

Each WMT21 document pair is sentence-parallel (sentence i of side 1 translates sentence i of
side 2). We delete a seeded random ``drop`` share of the sentences of ONE side (side 1 for even
documents, side 2 for odd ones, in file order), keep the rest in the order the data gives, embed
sentences and neighbour pairs with the caller's ``embed(texts, lang, other_lang)``, align, and
score the predicted links against gold (i ↔ i for sentences present on both sides). Strict
scoring as in Vecalign: a group of several sentences counts each (i, j) link it implies, and only
exact links are correct. Micro precision / recall / F1 over links, overall and per direction.

Baselines in the same run, from the same vectors: plain argmax, every side-1 sentence linked to
its most similar side-2 sentence (what cross-lingual news systems did without an aligner), and
mutual argmax, only the pairs that are each other's best (a stronger, precision-first baseline).
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..align import AlignConfig, Alignment, align_vectors, neighbour_texts
from ..errors import DataError, UsageError
from ..progress import Progress
from .data import read_records, wmt_document

if TYPE_CHECKING:  # no model package is imported at run time
    from ..embed import Embedder, RoutedEmbedder

__all__ = ["evaluate_align", "render_align_report", "drop_sentences", "score_links", "as_embed_fn", "router_embed"]

#: ``embed(texts, lang, other_lang)``: L2-normalised rows; ``other_lang`` lets the caller embed
#: both sides of a pair with one model.
EmbedFn = Callable[[list[str], str, str], np.ndarray]


def evaluate_align(
    path: Path,
    embed: EmbedFn | Embedder | RoutedEmbedder,
    *,
    drop: float = 0.2,
    seed: int = 13,
    limit: int | None = None,
    quiet: bool = False,
    config: AlignConfig = AlignConfig(),
) -> dict:
    """Alignment P/R/F1 on the WMT21 documents in ``path`` (wmt21-docs JSONL), with baselines.

    ``embed``: ``embed(texts, lang, other_lang) -> vectors``, or an embedder (see :func:`as_embed_fn`).
    """
    if not 0 <= drop < 1:
        raise UsageError(f"drop must be in [0, 1), got {drop}")
    embed = as_embed_fn(embed)
    docs = _load(Path(path), limit)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (method, direction) -> links
    timing: dict[str, float] = defaultdict(float)
    with Progress("eval align", len(docs), quiet=quiet) as bar:
        for n, doc in enumerate(docs):
            side = 1 if n % 2 == 0 else 2  # alternate the shortened side, in file order
            rng = random.Random(f"{seed}:{doc['doc_id']}")  # the same deletions whatever the limit
            kept1, kept2 = drop_sentences(len(doc["sentences1"]), side, drop, rng)
            for name, found in _one_document(doc, kept1, kept2, embed, config, timing).items():
                counts[(name, doc["pair"])].update(found)
            bar.advance()
    return _report(counts, timing, len(docs), drop, seed)


def drop_sentences(n: int, side: int, drop: float, rng: random.Random) -> tuple[list[int], list[int]]:
    """Original indices kept on side 1 and side 2 after deleting ``round(drop * n)`` sentences of ``side``."""
    gone = set(rng.sample(range(n), round(drop * n)))
    kept = [i for i in range(n) if i not in gone]
    everything = list(range(n))
    return (kept, everything) if side == 1 else (everything, kept)


def score_links(predicted: list[tuple[int, int]], kept1: list[int], kept2: list[int]) -> Counter:
    """Counts of predicted, gold and correct links (indices into the kept lists)."""
    where2 = {orig: q for q, orig in enumerate(kept2)}
    gold = {(p, where2[orig]) for p, orig in enumerate(kept1) if orig in where2}
    predicted_set = set(predicted)
    return Counter(predicted=len(predicted_set), gold=len(gold), correct=len(predicted_set & gold))


def router_embed(router) -> EmbedFn:
    """Adapt a :class:`~samestory.embed.RoutedEmbedder`: one model per pair, as ``compare`` does."""
    return lambda texts, lang, other: router.model_for_pair(lang, other).embed_batch(texts)


def as_embed_fn(embed: EmbedFn | Embedder | RoutedEmbedder) -> EmbedFn:
    """``embed`` as ``(texts, lang, other_lang) -> vectors``: a
    :class:`~samestory.embed.RoutedEmbedder` picks one model per pair (as ``compare`` does), an
    :class:`~samestory.embed.Embedder` embeds everything, and a plain callable is used as is."""
    if hasattr(embed, "model_for_pair"):
        return router_embed(embed)
    if hasattr(embed, "embed_batch"):
        return lambda texts, lang, other: embed.embed_batch(texts)
    if callable(embed):
        return embed
    raise UsageError(f"embed must be an embedder or a callable (texts, lang, other_lang), got {type(embed).__name__}")


# -- one document ---------------------------------------------------------------------------------


def _one_document(
    doc: dict, kept1: list[int], kept2: list[int], embed: EmbedFn, config: AlignConfig, timing: dict[str, float]
) -> dict[str, Counter]:
    """Link counts of the aligner and of the two baselines on one document."""
    s1 = [doc["sentences1"][i] for i in kept1]
    s2 = [doc["sentences2"][i] for i in kept2]
    start = time.perf_counter()
    v1, p1 = _embed_side(s1, doc["lang1"], doc["lang2"], embed)
    v2, p2 = _embed_side(s2, doc["lang2"], doc["lang1"], embed)
    middle = time.perf_counter()
    alignment: Alignment = align_vectors(
        v1, v2, p1, p2, a_lengths=[len(s) for s in s1], b_lengths=[len(s) for s in s2], config=config
    )
    timing["embed_s"] += middle - start
    timing["align_s"] += time.perf_counter() - middle
    timing["texts"] += len(v1) + len(p1) + len(v2) + len(p2)
    timing["sentences"] += len(s1) + len(s2)
    argmax, mutual = _argmax_links(v1, v2)
    return {
        "ours": score_links(alignment.links(), kept1, kept2),
        "argmax": score_links(argmax, kept1, kept2),
        "mutual": score_links(mutual, kept1, kept2),
    }


def _embed_side(sentences: list[str], lang: str, other: str, embed: EmbedFn) -> tuple[np.ndarray, np.ndarray]:
    """Sentence vectors and neighbour-pair vectors of one side, from one call."""
    texts = sentences + neighbour_texts(sentences)
    vectors = np.asarray(embed(texts, lang, other), dtype=np.float32)
    if vectors.shape[0] != len(texts):
        raise UsageError(f"embed returned {vectors.shape[0]} rows for {len(texts)} texts")
    return vectors[: len(sentences)], vectors[len(sentences) :]


def _argmax_links(v1: np.ndarray, v2: np.ndarray) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Each side-1 sentence to its best side-2 sentence; and only the mutual-best pairs."""
    if len(v1) == 0 or len(v2) == 0:
        return [], []
    sim = v1 @ v2.T
    best_b, best_a = sim.argmax(axis=1), sim.argmax(axis=0)
    argmax = [(i, int(j)) for i, j in enumerate(best_b)]
    return argmax, [(i, j) for i, j in argmax if best_a[j] == i]


# -- data and report ------------------------------------------------------------------------------


def _load(path: Path, limit: int | None) -> list[dict]:
    return [_checked_doc(doc, where) for where, doc in read_records(path, "wmt21-docs JSONL", limit)]


def _checked_doc(doc: dict, where: str) -> dict:
    wmt_document(doc, where, also=("pair",))
    if len(doc["sentences1"]) != len(doc["sentences2"]):
        raise DataError(f"{where}: sentences1 and sentences2 differ in length; they must be parallel")
    return doc


def _report(
    counts: dict[tuple[str, str], Counter], timing: dict[str, float], documents: int, drop: float, seed: int
) -> dict:
    pairs = sorted({pair for _, pair in counts})

    def total(name: str) -> Counter:
        return sum((counts[(name, p)] for p in pairs), Counter())

    ours = total("ours")
    return {
        **_prf(ours),
        "per_direction": {
            p: {
                **_prf(counts[("ours", p)]),
                "baseline_f1": _prf(counts[("argmax", p)])["f1"],
                "mutual_f1": _prf(counts[("mutual", p)])["f1"],
            }
            for p in pairs
        },
        "baseline_f1": _prf(total("argmax"))["f1"],
        "baselines": {"argmax": _prf(total("argmax")), "mutual_argmax": _prf(total("mutual"))},
        "documents": documents,
        "drop": drop,
        "seed": seed,
        "links": {"gold": ours["gold"], "predicted": ours["predicted"], "correct": ours["correct"]},
        "speed": {
            "align_sentences_per_s": round(timing["sentences"] / max(timing["align_s"], 1e-9), 1),
            "embed_texts_per_s": round(timing["texts"] / max(timing["embed_s"], 1e-9), 1),
            "align_s": round(timing["align_s"], 3),
            "embed_s": round(timing["embed_s"], 3),
        },
    }


def _prf(c: Counter) -> dict:
    p = c["correct"] / c["predicted"] if c["predicted"] else 0.0
    r = c["correct"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4)}


def render_align_report(report: dict) -> str:
    lines = [
        f"Sentence alignment, WMT21 documents, {report['documents']} documents, "
        f"{report['drop']:.0%} of one side's sentences deleted (seed {report['seed']})",
        f"  {'direction':<10}{'precision':>10}{'recall':>8}{'F1':>8}{'argmax F1':>11}{'mutual F1':>11}",
    ]
    rows = [(pair, r, r["baseline_f1"], r["mutual_f1"]) for pair, r in report["per_direction"].items()]
    rows.append(("all", report, report["baseline_f1"], report["baselines"]["mutual_argmax"]["f1"]))
    for name, r, argmax, mutual in rows:
        lines.append(
            f"  {name:<10}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{argmax:>11.3f}{mutual:>11.3f}"
        )
    speed = report.get("speed")
    if speed:
        lines.append(
            f"  aligner {speed['align_sentences_per_s']:,.0f} sentences/s; "
            f"embedding {speed['embed_texts_per_s']:,.0f} texts/s (sentences and neighbour pairs)"
        )
    return "\n".join(lines)
