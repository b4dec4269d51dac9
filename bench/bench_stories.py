"""Time to assign one article to a story, in a corpus of 1k and of 100k stored articles.

    .venv/bin/python bench/bench_stories.py [--data ../shared/data] [--cache .cache] [--base 400]
        [--sizes 1000,100000] [--new 200]

The claim under test: candidates come from an ANN index and from entity-key posting lists,
never from a scan of all stories, so adding an article to a corpus of 100k costs within 1.2x of
adding it to one of 1k.

How the corpora are made (say so when quoting the numbers): ``--base`` real stories/dev
articles are prepared by the pipeline (cached in ``--cache``); a corpus of N holds N copies of
them, copy i being base article i mod B with its document vector moved by Gaussian noise
(sigma 0.02 per dimension, then renormalised) and its entity keys tagged with its generation
i // B, so a key is held by as many articles at 100k as in dev (a real corpus of 100k has as
many distinct people and places, not 50 copies of each). Stored copies sit in their gold
story (with its generation), built directly: the stored state is given, only the timed
assignments run the clusterer. The timed articles are ``--new`` further noisy copies of
generation 0 (so they have their real story-mates to find), each timed from its add (indexing
included) to its assignment, in the same order at every size. The in-memory seam uses ``samestory.store.index.UsearchIndex``
(HNSW) as its ANN index. No cross-model embedding is timed (the clusterer gets no embedder):
that cost is per candidate, the same at any corpus size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from samestory.evaluation.stories_data import preparation_digest
from samestory.evaluation.stories_eval import load_stories, prepare_stories
from samestory.resources import Resources
from samestory.store.index import UsearchIndex
from samestory.stories import ArticleView, Evidence, InMemoryStories, StoryClusterer, StoryJudge, article_view
from samestory.stories.types import JOINED, NEW
from samestory.types import Facts

ROOT = Path(__file__).resolve().parent.parent
NOISE = 0.02


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--cache", default=str(ROOT / ".cache"))
    parser.add_argument("--base", type=int, default=400)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--new", type=int, default=200)
    args = parser.parse_args()
    path = Path(args.data) / "stories" / "dev.jsonl"
    records = load_stories(path, limit=args.base)
    views, stories = base_views(records, path, Path(args.cache))
    judge = StoryJudge.load()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        memory = build(views, stories, size)
        built = time.perf_counter() - start
        times = timed(memory, views, judge, args.new, size)
        rows.append((size, built, times))
        print(f"  {size:>7} stored: built in {built:.0f} s, median {statistics.median(times) * 1e3:.2f} ms", flush=True)
    print()
    print(f"{'stored':>8}{'assigned':>10}{'median ms':>11}{'mean ms':>9}{'p90 ms':>9}{'vs first':>10}")
    first = statistics.median(rows[0][2])
    for size, _, times in rows:
        p90 = float(np.percentile(times, 90)) * 1e3
        median = statistics.median(times)
        print(
            f"{size:>8}{len(times):>10}{median * 1e3:>11.2f}{statistics.mean(times) * 1e3:>9.2f}{p90:>9.2f}"
            f"{median / first:>9.2f}x"
        )
    return 0


def base_views(records, path: Path, cache: Path) -> tuple[list[ArticleView], list[str]]:
    """The base articles, prepared (cached by the data and the code that prepares them), as
    views; and their gold stories."""
    import pickle

    file = cache / f"bench-stories-{preparation_digest(path)}.pkl"
    if file.exists():
        articles = pickle.loads(file.read_bytes())
    else:
        articles = prepare_stories(records, Resources(threads=1), where=str(path))
        cache.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps(articles))
    kept = [(article_view(a, i + 1), r.story) for i, (a, r) in enumerate(zip(articles, records)) if a is not None]
    return [v for v, _ in kept], [s for _, s in kept]


def copy_of(base: ArticleView, key: int, generation: int, rng: np.random.Generator) -> ArticleView:
    """A noisy copy of a base article, its entity keys tagged with its generation."""
    own = base.own
    doc = own.document + rng.normal(0.0, NOISE, size=own.document.shape).astype(np.float32)
    vectors = replace(own, document=doc / np.linalg.norm(doc))
    return replace(
        base, key=key, id=f"{base.id}~{generation}", vectors={own.space: vectors}, facts=tagged(base.facts, generation)
    )


def tagged(facts: Facts | None, generation: int) -> Facts | None:
    if facts is None:
        return None
    tag = f"~{generation}"
    return replace(
        facts,
        names=tuple(m._replace(key=m.key + tag, ref=m.ref + tag if m.ref else "") for m in facts.names),
        numbers=tuple(replace(q, key=q.key + tag) for q in facts.numbers),
        dates=tuple(replace(d, month=d.month + 12 * generation) for d in facts.dates),
        candidates=(),
    )


def build(views: list[ArticleView], stories: list[str], size: int) -> InMemoryStories:
    """A corpus of ``size`` stored copies, each in its gold story of its generation."""
    rng = np.random.default_rng(13)
    memory = InMemoryStories(index_factory=lambda dim: UsearchIndex(dim))
    home: dict[str, int] = {}
    for i in range(size):
        generation, j = divmod(i, len(views))
        key = memory.add_article(copy_of(views[j], i + 1, generation, rng))
        gold = f"{stories[j]}~{generation}"
        if gold in home:
            memory.add_member(home[gold], key, Evidence(JOINED))
        else:
            home[gold] = memory.create_story(key, Evidence(NEW))
    return memory


def timed(memory: InMemoryStories, views: list[ArticleView], judge: StoryJudge, n: int, size: int) -> list[float]:
    """Seconds to add and assign each of ``n`` new noisy copies of generation 0 (same order at
    every size): the in-memory store's share of an add (index, posting lists) and the
    clustering; the SQLite store's writes are the corpus benchmark's."""
    rng = np.random.default_rng(29)
    clusterer = StoryClusterer(memory, judge, None)
    out = []
    for i in range(n):
        article = copy_of(views[i % len(views)], size + i + 1, 0, rng)
        start = time.perf_counter()  # storing it (index, posting lists) and clustering it
        clusterer.assign(memory.add_article(article))
        out.append(time.perf_counter() - start)
    return out


if __name__ == "__main__":
    sys.exit(main())
