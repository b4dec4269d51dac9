"""The batch engine: throughput of 1 and 2 Ray workers against the local engine, and each
worker's peak memory at two corpus sizes 10x apart.

    .venv/bin/python bench/bench_batch.py [--data ../shared/data] [--articles 400]
        [--sizes 100,1000] [--block-size 100]

Claims under test (issue #14): with one model thread per worker, 2 workers prepare articles at
>= 1.8x the rate of 1 worker on a 2-core machine; the Ray engine with 1 worker is within 15% of
the local engine; a worker's peak memory does not grow with the corpus (shards and story blocks
have a fixed size).

How it is measured: the first ``--articles`` stories/dev articles, shards of 20 lines. Each
engine first runs a one-shard warm-up batch (models load in each worker once, as they do once
per worker in a long crawl), then the timed batch into a fresh folder; the rate is articles per
second of the prepare stage (read, clean, language, sentences, embed, entities, write), the
stage that runs in parallel and holds almost all of the time. Memory: the peak resident memory
each worker reports (``getrusage``) for the prepare and story stages, with story blocks of
``--block-size`` articles, at each corpus size. The machine should be otherwise idle: the
ratios compare runs made one after another.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from samestory.batch import BatchOptions, run_batch
from samestory.batch.ray_engine import RayExecutor
from samestory.pipeline.executors import LocalExecutor
from samestory.resources import Resources

ROOT = Path(__file__).resolve().parent.parent


def _feed(data: Path, n: int, folder: Path) -> Path:
    path = folder / f"feed-{n}.jsonl"
    with open(data / "stories" / "dev.jsonl", encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        for line, _ in zip(source, range(n)):
            row = json.loads(line)
            out.write(json.dumps({k: row[k] for k in ("id", "lang", "title", "text")}, ensure_ascii=False) + "\n")
    return path


def _timed(executor, feed: Path, warm: Path, folder: Path, options: BatchOptions, resources=None):
    run_batch([warm], folder / "warm", executor, options=options, resources=resources)
    start = time.perf_counter()
    report = run_batch([feed], folder / "timed", executor, options=options, resources=resources)
    return report, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--block-size", type=int, default=100)
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "stories" / "dev.jsonl").exists():
        print(f"bench_batch: {data}/stories/dev.jsonl is absent (the shared data)", file=sys.stderr)
        return 2
    options = BatchOptions(records_per_shard=20)
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    feed, warm = _feed(data, args.articles, tmp), _feed(data, 5, tmp)

    rates = {}
    local_report, _ = _timed(LocalExecutor(), feed, warm, tmp / "local", options, Resources(threads=1))
    rates["local"] = local_report.articles / local_report.seconds["prepare"]
    for workers in (1, 2):
        executor = RayExecutor(workers, threads=1)
        try:
            report, _ = _timed(executor, feed, warm, tmp / f"ray{workers}", options)
        finally:
            executor.close()
        rates[f"ray {workers}"] = report.articles / report.seconds["prepare"]
    print(f"prepare throughput, {args.articles} stories/dev articles, shards of 20, 1 model thread per worker")
    print(f"{'engine':<10} {'articles/s':>10} {'vs local':>9} {'vs ray 1':>9}")
    for name, rate in rates.items():
        print(f"{name:<10} {rate:>10.2f} {rate / rates['local']:>8.2f}x {rate / rates['ray 1']:>8.2f}x")
    scaling, overhead = rates["ray 2"] / rates["ray 1"], rates["ray 1"] / rates["local"]
    print(f"2 workers / 1 worker: {scaling:.2f}x (bar >= 1.8x); ray 1 / local: {overhead:.2f} (bar >= 0.85)")

    print(f"\npeak resident memory per worker (MB), 2 Ray workers, story blocks of {args.block_size}")
    print(f"{'articles':>8} {'prepare':>8} {'stories':>8} {'blocks':>7} {'seconds':>8}")
    peaks = []
    for size in (int(s) for s in args.sizes.split(",")):
        executor = RayExecutor(2, threads=1)
        try:
            start = time.perf_counter()
            options = BatchOptions(records_per_shard=20, block_size=args.block_size, halo=args.block_size // 2)
            report = run_batch([_feed(data, size, tmp)], tmp / f"mem{size}", executor, options=options)
            seconds = time.perf_counter() - start
        finally:
            executor.close()
        peaks.append(max(report.peak_mb.values()))
        print(
            f"{report.articles:>8} {report.peak_mb['prepare']:>8.0f} {report.peak_mb['stories']:>8.0f} "
            f"{report.blocks:>7} {seconds:>8.1f}"
        )
    print(f"largest / smallest corpus peak: {peaks[-1] / peaks[0]:.2f}x (bounded: ~1.0x)")
    ok = scaling >= 1.8 and overhead >= 0.85
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
