"""Fit the search ranker (samestory/data/search_fusion.json) on WMT21 dev documents.

    python scripts/train_search_fusion.py ../shared/data/wmt21-docs/dev.jsonl [--db DIR]

The second side of every document is added to one corpus (``--db``: reuse one made before),
the first side gives three queries (its first two sentences, as ``samestory eval search`` asks;
its first sentence; the first six words of it, as a person types a few words), and every
candidate the search finds is a row: positive when it is the query's document or another translation of the same source
(WMT21 translated some English documents into both Icelandic and Japanese: the two are equally
right answers). A logistic regression with balanced classes (C=10: the rows are few and the
features few) is written with its feature names; search refuses weights fit on other features.
Deterministic: the same store gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from samestory.corpus import Corpus
from samestory.resources import Resources
from samestory.search import FEATURES, search_candidates

OUT = Path(__file__).resolve().parents[1] / "src/samestory/data/search_fusion.json"


def queries(doc: dict) -> list[str]:
    """Two sentences, one sentence, six words (a short query's features look different: every
    cosine is lower, and the ranker must not read that as "nothing matches")."""
    first = doc["sentences1"]
    return list(dict.fromkeys([" ".join(first[:2]), first[0], " ".join(first[0].split()[:6])]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wmt", type=Path)
    ap.add_argument("--db", type=Path, help="a corpus holding the second sides already (made if absent)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.wmt.open(encoding="utf-8")]
    resources = Resources(threads=1)
    db = args.db or Path(tempfile.mkdtemp()) / "store"
    if not (db / "store.sqlite").exists():
        stored = Path(tempfile.mkdtemp()) / "side2.jsonl"
        with stored.open("w", encoding="utf-8") as handle:
            for d in docs:
                handle.write(
                    json.dumps({"id": d["doc_id"], "lang": d["lang2"], "text": "\n".join(d["sentences2"])}) + "\n"
                )
        with Corpus(db, resources=resources) as corpus:
            corpus.add([stored])
    answers = defaultdict(set)
    for d in docs:
        for query in queries(d):
            answers[query].add(d["doc_id"])
    x, y = [], []
    with Corpus(db, resources=resources, create=False) as corpus:
        for n, d in enumerate(docs):
            for query in queries(d):
                _, _, found, rows = search_candidates(corpus.store, resources, query)  # type: ignore[arg-type]
                for cand in found:
                    x.append(cand.features)
                    y.append(rows[cand.key]["id"] in answers[query])
            if (n + 1) % 50 == 0 or n + 1 == len(docs):
                print(f"{n + 1}/{len(docs)} queries", file=sys.stderr)
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0, max_iter=5000, class_weight="balanced").fit(np.array(x), np.array(y))
    out = {
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "trained_on": f"{args.wmt.name}: {len(docs)} queries, {len(y)} candidates, {int(sum(y))} right answers",
        "model": "sklearn LogisticRegression(C=10, class_weight='balanced')",
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {out['trained_on']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
